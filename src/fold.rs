//! Case, accent, apostrophe and space folding with a map back to the original bytes.
//!
//! Cues in the rules file are matched on folded text, so that "Selon", "selon"
//! and "SELON" match alike, "prétendument" matches "pretendument", and "d’après"
//! matches "d'après". The map gives, for every folded byte, the span of the
//! original character it came from, so matches report spans into the original.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::char::is_combining_mark;

/// Folded text and, for each of its bytes, the original byte span it comes from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text: lower case, no diacritics, one kind of apostrophe,
    /// quote and space, runs of white space reduced to one space.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Folded {
    /// Original byte span of the folded byte range `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = self.starts[start.min(self.starts.len() - 1)] as usize;
        let e = if end == 0 {
            s
        } else {
            self.ends[(end - 1).min(self.ends.len() - 1)] as usize
        };
        (s, e.max(s))
    }
}

/// Fold one character into `out`; white space is handled by the caller.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' | '\u{2032}' => out.push('\''),
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => {
            out.push('"')
        }
        '\u{2010}' | '\u{2011}' => out.push('-'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        '\u{00C0}'..='\u{00FF}' => match latin1()[c as usize - 0xC0] {
            '\0' => fold_decomposed(c, out),
            f => out.push(f),
        },
        c => fold_decomposed(c, out),
    }
}

/// The folding of the characters U+00C0 to U+00FF (accented Latin letters,
/// the most frequent characters outside ASCII), worked out once by
/// [`fold_decomposed`]; NUL where that is not one character.
fn latin1() -> &'static [char; 64] {
    static TABLE: std::sync::OnceLock<[char; 64]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = ['\0'; 64];
        for (k, slot) in table.iter_mut().enumerate() {
            let c = char::from_u32(0xC0 + k as u32).unwrap_or('\0');
            let mut s = String::new();
            fold_decomposed(c, &mut s);
            let mut chars = s.chars();
            *slot = match (chars.next(), chars.next()) {
                (Some(f), None) => f,
                _ => '\0',
            };
        }
        table
    })
}

/// Fold a character by its canonical decomposition: the base letters, in
/// lower case, without combining marks.
fn fold_decomposed(c: char, out: &mut String) {
    let mut buf = [char::default(); 4];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) && n < buf.len() {
            buf[n] = d;
            n += 1;
        }
    });
    for d in &buf[..n] {
        for l in d.to_lowercase() {
            out.push(l);
        }
    }
}

/// Fold a text, keeping the offset map.
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len());
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        let end = (i + c.len_utf8()) as u32;
        if c.is_whitespace() {
            if last_space {
                if let Some(e) = ends.last_mut() {
                    *e = end;
                }
                continue;
            }
            last_space = true;
            out.push(' ');
            starts.push(i as u32);
            ends.push(end);
            continue;
        }
        last_space = false;
        if c.is_ascii() {
            // What `fold_char` does with ASCII, without its table.
            out.push(if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            starts.push(i as u32);
            ends.push(end);
            continue;
        }
        let before = out.len();
        fold_char(c, &mut out);
        for _ in before..out.len() {
            starts.push(i as u32);
            ends.push(end);
        }
    }
    Folded {
        text: out,
        starts,
        ends,
    }
}

/// The folded text alone, as `fold(text).text`, without the offset map.
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_text_into(text, &mut out);
    out
}

/// Append `fold(text).text` to `out`.
pub fn fold_text_into(text: &str, out: &mut String) {
    if text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'')
    {
        // A plain ASCII word: only its case changes.
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        fold_char(c, out);
    }
}

/// Fold a phrase (a cue or an exception) the same way as the text.
pub fn fold_phrase(phrase: &str) -> String {
    fold(phrase.trim()).text
}

/// True when `c` belongs to a word (letters, digits), for boundary checks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_apostrophes_and_spaces() {
        let f = fold("D’après  Élodie, l\u{00A0}Œuvre « PRÉTENDUMENT »");
        assert_eq!(f.text, "d'apres elodie, l oeuvre \" pretendument \"");
    }

    #[test]
    fn fold_text_is_the_text_of_fold() {
        for t in [
            "D’après  Élodie, l\u{00A0}Œuvre « PRÉTENDUMENT »",
            "Nord-Coréens",
            "aujourd'hui",
            "SOLDATS",
            "`a´b  \t c",
            "",
            "straße ÆON",
        ] {
            assert_eq!(fold_text(t), fold(t).text, "{t}");
            let mut out = "x".to_string();
            fold_text_into(t, &mut out);
            assert_eq!(out, format!("x{}", fold(t).text), "{t}");
        }
    }

    #[test]
    fn maps_folded_spans_back_to_original_bytes() {
        let text = "Selon l’ÉTAT-major, il aurait été vu.";
        let f = fold(text);
        let i = f.text.find("l'etat").unwrap();
        let (s, e) = f.original_span(i, i + "l'etat".len());
        assert_eq!(&text[s..e], "l’ÉTAT");
        let j = f.text.find("aurait ete").unwrap();
        let (s, e) = f.original_span(j, j + "aurait ete".len());
        assert_eq!(&text[s..e], "aurait été");
    }

    #[test]
    fn ascii_folds_as_fold_char_folds_it() {
        for c in (0u8..128).map(char::from).filter(|c| !c.is_whitespace()) {
            let mut one = String::new();
            fold_char(c, &mut one);
            let f = fold(&format!("a{c}b"));
            assert_eq!(f.text, format!("a{one}b"), "{c:?}");
            assert_eq!(f.original_span(1, 2), (1, 2));
        }
    }

    #[test]
    fn latin1_letters_fold_as_their_decomposition() {
        for c in '\u{00C0}'..='\u{00FF}' {
            let mut table = String::new();
            fold_char(c, &mut table);
            let mut slow = String::new();
            match c {
                'æ' | 'Æ' => slow.push_str("ae"),
                'ß' => slow.push_str("ss"),
                c => fold_decomposed(c, &mut slow),
            }
            assert_eq!(table, slow, "{c:?}");
        }
    }

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        assert_eq!(fold("pre\u{0301}tendu").text, fold("prétendu").text);
    }
}
