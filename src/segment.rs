//! Split a document into sentence-like units with byte spans into its text.
//!
//! A line break always ends a unit (titles and headings have no final stop),
//! except that a line continuing in lower case is joined to the one before
//! (hard-wrapped text). Inside a line, a unit ends after `.`, `!`, `?` or `…`
//! (with any closing quotes) when what follows starts a new sentence: not a
//! lower-case word (a speech tag such as "a-t-il précisé", or a missing space
//! before a continuation), not a digit glued to the stop ("3.5"), and not
//! after an abbreviation from the rules file ("M.", "Dr.") or an initial.

use crate::rules::SegmentConfig;
use std::collections::HashSet;

/// One sentence-like unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte offset of the first character in the document text.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Index of the paragraph (block of joined lines) it belongs to.
    pub paragraph: usize,
    /// The unit is a whole paragraph.
    pub whole_paragraph: bool,
    /// The unit ends with `.`, `!`, `?`, `…` or `:` (quotes aside).
    pub terminal: bool,
}

/// Sentence splitter configured by the rules file.
#[derive(Debug, Clone)]
pub struct Segmenter {
    abbreviations: HashSet<String>,
    starters: HashSet<String>,
    max_unit_bytes: usize,
}

const CLOSERS: &[char] = &['»', '"', '”', '“', '\'', '’', ')', ']'];

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

impl Segmenter {
    /// A splitter that knows these abbreviations.
    pub fn new(config: &SegmentConfig) -> Segmenter {
        Segmenter {
            abbreviations: config
                .abbreviations
                .iter()
                .map(|a| a.trim_end_matches('.').to_string())
                .collect(),
            starters: config.sentence_starters.iter().cloned().collect(),
            max_unit_bytes: config.max_unit_bytes.max(crate::rules::MIN_MAX_UNIT_BYTES),
        }
    }

    /// Split `text` into units, in order.
    pub fn split(&self, text: &str) -> Vec<Unit> {
        self.split_counting(text).0
    }

    /// Split `text` into units, in order, and count the units cut at
    /// `[segment] max_unit_bytes` (a stretch of text without a sentence end).
    pub fn split_counting(&self, text: &str) -> (Vec<Unit>, usize) {
        let mut units = Vec::new();
        let mut cuts = 0;
        for (p, (bs, be)) in paragraphs(text).into_iter().enumerate() {
            let first = units.len();
            let mut block = Block {
                text,
                start: bs,
                paragraph: p,
                max: self.max_unit_bytes,
                out: &mut units,
                cuts: &mut cuts,
            };
            self.split_block(&mut block, be);
            if units.len() == first + 1 {
                units[first].whole_paragraph = true;
            }
        }
        (units, cuts)
    }

    /// Split the block `out.start..be` of the text. Positions are byte
    /// offsets into the block; every look back or ahead stops at the
    /// nearest stop or word boundary, so the work is linear in the block.
    fn split_block(&self, out: &mut Block<'_, '_>, be: usize) {
        let text = out.text;
        let bs = out.start;
        let block = &text[bs..be];
        let len = block.len();
        let at = |p: usize| char_at(block, p);
        let skip_space = |mut p: usize| {
            while let Some(c) = at(p).filter(|c| c.is_whitespace()) {
                p += c.len_utf8();
            }
            p
        };
        let mut unit_start = 0usize;
        let mut i = 0usize;
        while let Some(c) = at(i) {
            if !is_stop(c) {
                i += c.len_utf8();
                continue;
            }
            let off = i;
            // Extend over a run of stops, then spaces + closing quotes.
            let mut j = i + c.len_utf8();
            while let Some(x) = at(j).filter(|x| is_stop(*x)) {
                j += x.len_utf8();
            }
            let single = j == i + c.len_utf8();
            let mut k = j;
            loop {
                let m = skip_space(k);
                match at(m) {
                    // A quote after a space, or a curly or straight double
                    // quote glued to the stop ("said.“The"), followed by a
                    // letter opens the next sentence.
                    Some(x)
                        if CLOSERS.contains(&x)
                            && !((m > k || matches!(x, '“' | '"'))
                                && is_opening_quote(block, m, x)) =>
                    {
                        k = m + x.len_utf8();
                    }
                    _ => break,
                }
            }
            // A dash-framed intertitle glued in the text ("-Tenez bon !- La
            // suite"): its closing dash belongs to it.
            if let Some(d) = at(k).filter(|d| is_dash(*d)) {
                if at(unit_start).is_some_and(is_dash)
                    && at(k + d.len_utf8()).is_none_or(char::is_whitespace)
                {
                    k += d.len_utf8();
                }
            }
            let end_off = k;
            let n = skip_space(k);
            let spaced = n > k;
            let split = match at(n) {
                None => true,
                Some(next) => {
                    // A lower-case word continues the sentence (speech tag), a
                    // digit glued to the stop is a number, and an abbreviation
                    // or initial does not end one.
                    let next_word: String = block[n..]
                        .chars()
                        .take_while(|x| x.is_alphanumeric() || *x == '\'' || *x == '’')
                        .collect();
                    // A comma or a semicolon after a quoted exclamation or
                    // question goes on with its speech tag.
                    let continues = next.is_lowercase()
                        || matches!(next, ',' | ';')
                        || (next.is_ascii_digit() && !spaced)
                        || (c == '.' && !spaced && ticker(block, off, &next_word))
                        || (c == '.'
                            && single
                            && !matches!(next, '«' | '“')
                            && self.is_abbreviation(block, off)
                            && !(spaced
                                && self.starters.contains(&next_word)
                                && dotted_word(block, off)));
                    !continues
                }
            };
            if split {
                out.push(bs + unit_start, bs + end_off);
                unit_start = n;
                i = n;
            } else {
                i = j;
            }
        }
        if unit_start < len {
            out.push(bs + unit_start, be);
        }
    }

    /// Is the word ending just before the dot at `dot` an abbreviation or
    /// an initial? A word with an inner dot ("U.S", "p.m") is one; the look
    /// back stops at that dot, so that a run of dotted words costs linear time.
    fn is_abbreviation(&self, block: &str, dot: usize) -> bool {
        let before = &block[..dot];
        let mut word_start = 0;
        for (i, ch) in before.char_indices().rev() {
            if ch == '.' {
                return true;
            }
            if !(ch.is_alphanumeric() || ch == '-') {
                word_start = i + ch.len_utf8();
                break;
            }
        }
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        let mut cs = word.chars();
        let single_upper = matches!((cs.next(), cs.next()), (Some(a), None) if a.is_uppercase());
        single_upper
            || self.abbreviations.contains(word)
            || self.abbreviations.contains(&word.to_lowercase())
    }
}

/// Where one paragraph's units go: pushes them, cutting any longer than
/// `max` bytes.
struct Block<'t, 'o> {
    text: &'t str,
    start: usize,
    paragraph: usize,
    max: usize,
    out: &'o mut Vec<Unit>,
    cuts: &'o mut usize,
}

impl Block<'_, '_> {
    /// Push the span `s..e` as units of at most `max` bytes, trimmed.
    fn push(&mut self, mut s: usize, e: usize) {
        while e - s > self.max {
            let cut = cut_point(self.text, s, self.max);
            if push_unit(self.text, s, cut, self.paragraph, self.max, self.out) {
                *self.cuts += 1;
            }
            s = cut;
        }
        push_unit(self.text, s, e, self.paragraph, self.max, self.out);
    }
}

/// Where to cut a unit starting at `s` that runs over `max` bytes: after the
/// last space in its second half, else at the last boundary between a word
/// and another character there, else at the last character boundary. The cut
/// is always past `s + max / 2`, so the cuts of a long stretch cost linear time.
fn cut_point(text: &str, s: usize, max: usize) -> usize {
    let mut hi = s + max;
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut lo = s + max / 2;
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    if lo >= hi {
        return hi.max(s + 1);
    }
    let window = &text[lo..hi];
    if let Some((i, c)) = window.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        return lo + i + c.len_utf8();
    }
    let mut after = text[hi..].chars().next();
    for (i, c) in window.char_indices().rev() {
        if after.is_some_and(|a| a.is_alphanumeric() != c.is_alphanumeric()) {
            return lo + i + c.len_utf8();
        }
        after = Some(c);
    }
    hi
}

/// Does the word before the dot at `dot` have an inner dot ("U.S", "p.m")?
/// The look back stops at the first dot or space.
fn dotted_word(block: &str, dot: usize) -> bool {
    block[..dot]
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .any(|c| c == '.')
}

/// A stock ticker with its exchange suffix, glued to the dot at `dot`
/// ("AMZN.O", "BRK.A"): two to five capitals before it, one or two after.
fn ticker(block: &str, dot: usize, next_word: &str) -> bool {
    let before = block[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>();
    (2..=5).contains(&before.len())
        && before.iter().all(|c| c.is_ascii_uppercase())
        && (1..=2).contains(&next_word.len())
        && next_word.chars().all(|c| c.is_ascii_uppercase())
}

/// The character at byte `p` of `s`, if any.
fn char_at(s: &str, p: usize) -> Option<char> {
    s.get(p..).and_then(|r| r.chars().next())
}

/// A straight quote after a space that is followed by a letter opens a quote.
fn is_opening_quote(block: &str, m: usize, quote: char) -> bool {
    matches!(quote, '"' | '\'' | '“')
        && char_at(block, m + quote.len_utf8()).is_some_and(char::is_alphanumeric)
}

/// Push the trimmed span `s..e` as a unit unless it is blank; whether it was pushed.
fn push_unit(
    text: &str,
    s: usize,
    e: usize,
    paragraph: usize,
    max: usize,
    out: &mut Vec<Unit>,
) -> bool {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return false;
    }
    let start = s + lead;
    let end = start + trimmed.len();
    // Stops after a sentence on its line ("volcanoes./." of a wire's
    // sign-off) belong to it, within the bound on a unit's length.
    if trimmed.len() <= 3 && !trimmed.chars().any(char::is_alphanumeric) {
        if let Some(last) = out.last_mut().filter(|u| {
            u.paragraph == paragraph
                && u.end <= start
                && end - u.start <= max
                && !text[u.end..start].contains('\n')
        }) {
            last.end = end;
            return true;
        }
    }
    let last_meaningful =
        trimmed.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
    let terminal = last_meaningful.ends_with(|c: char| is_stop(c) || c == ':' || c == ';');
    out.push(Unit {
        start,
        end,
        paragraph,
        whole_paragraph: false,
        terminal,
    });
    true
}

/// A line of fewer words than this is not a hard-wrapped line of running
/// text but a label ("Politique", "Mayotte") even when a lower-case line
/// follows it.
const MIN_WRAPPED_WORDS: usize = 4;

/// Byte spans of paragraphs: lines, with a line that continues in lower
/// case after a line of running text without a final stop joined to it.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            lines.push((pos, pos + content.len()));
        }
        pos += line.len();
    }
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let mut prev_line: Option<(usize, usize)> = None;
    for (s, e) in lines {
        let first = text[s..e].trim_start().chars().next();
        let joins = match (paras.last(), prev_line) {
            (Some(&(_, pe)), Some((ls, le))) => {
                let prev = text[..pe].trim_end();
                let prev_last = prev.chars().next_back();
                let only_newline_between =
                    !text[pe..s].contains("\n\n") && !text[pe..s].contains("\n\r\n");
                only_newline_between
                    && first.is_some_and(|c| c.is_lowercase())
                    && prev_last.is_some_and(|c| c.is_alphanumeric() || c == ',')
                    && text[ls..le].split_whitespace().count() >= MIN_WRAPPED_WORDS
            }
            _ => false,
        };
        if joins {
            if let Some(last) = paras.last_mut() {
                last.1 = e;
            }
        } else {
            paras.push((s, e));
        }
        prev_line = Some((s, e));
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let cfg = SegmentConfig {
            abbreviations: vec!["M".into(), "Mme".into(), "Dr".into(), "etc".into()],
            sentence_starters: vec!["The".into(), "Le".into()],
            max_unit_bytes: crate::rules::DEFAULT_MAX_UNIT_BYTES,
        };
        Segmenter::new(&cfg)
            .split(text)
            .into_iter()
            .map(|u| &text[u.start..u.end])
            .collect()
    }

    #[test]
    fn splits_sentences_and_keeps_spans() {
        let text = "Le texte est clair. Il a 12 000 soldats.\nTitre sans point\nFin ?";
        assert_eq!(
            split(text),
            vec![
                "Le texte est clair.",
                "Il a 12 000 soldats.",
                "Titre sans point",
                "Fin ?"
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_acronyms_do_not_split() {
        assert_eq!(
            split("M. Macron et le Dr. Martin ont vu J. Smith aux U.S. Army."),
            vec!["M. Macron et le Dr. Martin ont vu J. Smith aux U.S. Army."]
        );
    }

    #[test]
    fn a_ticker_with_its_exchange_does_not_split() {
        assert_eq!(
            split("Le groupe Northwind NWD.O ferme deux usines. Les salariés sont inquiets."),
            vec![
                "Le groupe Northwind NWD.O ferme deux usines.",
                "Les salariés sont inquiets."
            ]
        );
        // A glued sentence after a capitalised word still splits.
        assert_eq!(
            split("Il est arrivé à Paris.Le lendemain, il repart."),
            vec!["Il est arrivé à Paris.", "Le lendemain, il repart."]
        );
    }

    #[test]
    fn numbers_with_dots_and_commas_do_not_split() {
        assert_eq!(
            split("Il y a 3.5 fois plus, soit 1,32 million. Ensuite."),
            vec!["Il y a 3.5 fois plus, soit 1,32 million.", "Ensuite."]
        );
    }

    #[test]
    fn quotes_with_stop_inside_and_speech_tags() {
        assert_eq!(
            split("« C'est faux ! » a-t-il dit. « Nous verrons. » Puis il part."),
            vec![
                "« C'est faux ! » a-t-il dit.",
                "« Nous verrons. »",
                "Puis il part."
            ]
        );
        assert_eq!(
            split("« Pourquoi attendre ? », demande la maire. \"It is over.\", he said."),
            vec![
                "« Pourquoi attendre ? », demande la maire.",
                "\"It is over.\", he said."
            ]
        );
        assert_eq!(
            split("pour les deux problèmes.résume l’expert."),
            vec!["pour les deux problèmes.résume l’expert."]
        );
    }

    #[test]
    fn a_comma_after_a_quoted_question_goes_on() {
        assert_eq!(
            split("« Pourquoi attendre ? », demande la maire. Elle insiste."),
            vec![
                "« Pourquoi attendre ? », demande la maire.",
                "Elle insiste."
            ]
        );
        assert_eq!(
            split("\"Why wait?\", the mayor asked. She insisted."),
            vec!["\"Why wait?\", the mayor asked.", "She insisted."]
        );
    }

    #[test]
    fn a_glued_dash_framed_intertitle_keeps_its_closing_dash() {
        assert_eq!(
            split("Le maire est parti. -\"On reste !\"- Le conseil a voté."),
            vec![
                "Le maire est parti.",
                "-\"On reste !\"-",
                "Le conseil a voté."
            ]
        );
        // A dash after a sentence that does not open with one is not taken.
        assert_eq!(
            split("Il a dit non!- Puis il est parti."),
            vec!["Il a dit non!", "- Puis il est parti."]
        );
    }

    #[test]
    fn dotted_abbreviation_then_sentence_starter_splits() {
        assert_eq!(
            split("The meeting ended at 9 p.m. The talks resume at the U.S. embassy."),
            vec![
                "The meeting ended at 9 p.m.",
                "The talks resume at the U.S. embassy."
            ]
        );
    }

    #[test]
    fn missing_space_before_capital_splits() {
        assert_eq!(
            split("Fin de phrase.Début de la suite."),
            vec!["Fin de phrase.", "Début de la suite."]
        );
    }

    #[test]
    fn a_quote_glued_to_the_stop_opens_the_next_sentence() {
        assert_eq!(
            split("“It is over,” the mayor said.“We go home.” Then she left."),
            vec![
                "“It is over,” the mayor said.",
                "“We go home.”",
                "Then she left."
            ]
        );
        assert_eq!(
            split("Il a écrit sur X. «Nous sommes là.» Puis il est parti."),
            vec![
                "Il a écrit sur X.",
                "«Nous sommes là.»",
                "Puis il est parti."
            ]
        );
    }

    #[test]
    fn stops_alone_after_a_sentence_belong_to_it() {
        assert_eq!(
            split("The harbour reopened on Friday./.\nNext line."),
            vec!["The harbour reopened on Friday./.", "Next line."]
        );
    }

    #[test]
    fn ellipsis_and_questions() {
        assert_eq!(
            split("Et puis… Rien. Pourquoi ? Parce que."),
            vec!["Et puis…", "Rien.", "Pourquoi ?", "Parce que."]
        );
        assert_eq!(
            split("Il hésita... puis partit."),
            vec!["Il hésita... puis partit."]
        );
    }

    #[test]
    fn wrapped_lines_are_joined_but_titles_are_not() {
        let text = "Un titre\nLe texte commence ici et\ncontinue sur la ligne suivante.\n\nAutre paragraphe.";
        assert_eq!(
            split(text),
            vec![
                "Un titre",
                "Le texte commence ici et\ncontinue sur la ligne suivante.",
                "Autre paragraphe."
            ]
        );
    }

    #[test]
    fn a_short_label_is_not_joined_to_a_lower_case_line() {
        assert_eq!(
            split("Politique\nen continu\nLe texte suit."),
            vec!["Politique", "en continu", "Le texte suit."]
        );
    }

    fn segmenter(max: usize) -> Segmenter {
        Segmenter::new(&SegmentConfig {
            abbreviations: vec!["M".into()],
            sentence_starters: Vec::new(),
            max_unit_bytes: max,
        })
    }

    /// Units are in order, within `max` bytes, and cover every non-space
    /// character of the text.
    fn check_cover(text: &str, units: &[Unit], max: usize) {
        let mut pos = 0;
        for u in units {
            assert!(u.end - u.start <= max, "{} bytes", u.end - u.start);
            assert!(
                text[pos..u.start].trim().is_empty(),
                "lost {:?}",
                &text[pos..u.start]
            );
            pos = u.end;
        }
        assert!(text[pos..].trim().is_empty());
    }

    #[test]
    fn a_stretch_without_a_sentence_end_is_cut_on_spaces() {
        let text = "la Russie pourrait envoyer des troupes selon des experts et ".repeat(100);
        let (units, cuts) = segmenter(300).split_counting(&text);
        check_cover(&text, &units, 300);
        assert!(units.len() >= 20, "{}", units.len());
        assert_eq!(cuts, units.len() - 1);
        for u in &units[..units.len() - 1] {
            // Cut after a space: every unit ends with a whole word.
            assert!(
                text[u.end..].starts_with(' '),
                "{:?}",
                &text[u.start..u.end]
            );
        }
        // A text of real sentences is not cut.
        let text = "Il a dit non. Elle a dit oui.\nPuis rien.";
        assert_eq!(segmenter(200).split_counting(text).1, 0);
    }

    #[test]
    fn text_without_spaces_is_cut_on_character_boundaries() {
        for text in [
            "é".repeat(1000),
            "ab-".repeat(400),
            "€1.5".repeat(400),
            ".".repeat(900),
        ] {
            let (units, cuts) = segmenter(200).split_counting(&text);
            check_cover(&text, &units, 200);
            assert!(cuts > 0);
        }
    }

    #[test]
    fn crlf_and_blank_text() {
        assert_eq!(split("Un.\r\nDeux.\r\n"), vec!["Un.", "Deux."]);
        assert!(split("  \n\n ").is_empty());
    }
}
