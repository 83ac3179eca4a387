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
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    abbreviations: HashSet<String>,
    starters: HashSet<String>,
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
        }
    }

    /// Split `text` into units, in order.
    pub fn split(&self, text: &str) -> Vec<Unit> {
        let mut units = Vec::new();
        for (p, (bs, be)) in paragraphs(text).into_iter().enumerate() {
            let first = units.len();
            self.split_block(text, bs, be, p, &mut units);
            if units.len() == first + 1 {
                units[first].whole_paragraph = true;
            }
        }
        units
    }

    fn split_block(&self, text: &str, bs: usize, be: usize, paragraph: usize, out: &mut Vec<Unit>) {
        let block = &text[bs..be];
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        let mut unit_start = 0usize;
        let mut i = 0usize;
        while i < chars.len() {
            let (off, c) = chars[i];
            if !is_stop(c) {
                i += 1;
                continue;
            }
            // Extend over a run of stops, then spaces + closing quotes.
            let mut j = i + 1;
            while j < chars.len() && is_stop(chars[j].1) {
                j += 1;
            }
            let mut k = j;
            loop {
                let mut m = k;
                while m < chars.len() && chars[m].1.is_whitespace() {
                    m += 1;
                }
                if m < chars.len()
                    && CLOSERS.contains(&chars[m].1)
                    && !(m > k && is_opening_quote(&chars, m))
                {
                    k = m + 1;
                } else {
                    break;
                }
            }
            // A dash-framed intertitle glued in the text ("-Tenez bon !- La
            // suite"): its closing dash belongs to it.
            if k < chars.len()
                && is_dash(chars[k].1)
                && is_dash(chars[unit_start].1)
                && chars.get(k + 1).is_none_or(|x| x.1.is_whitespace())
            {
                k += 1;
            }
            let end_off = if k < chars.len() {
                chars[k].0
            } else {
                block.len()
            };
            let mut n = k;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            let spaced = n > k;
            let split = if n >= chars.len() {
                true
            } else {
                let next = chars[n].1;
                // A lower-case word continues the sentence (speech tag), a
                // digit glued to the stop is a number, and an abbreviation
                // or initial does not end one.
                let next_word: String = chars[n..]
                    .iter()
                    .map(|x| x.1)
                    .take_while(|x| x.is_alphanumeric() || *x == '\'' || *x == '’')
                    .collect();
                // A comma or a semicolon after a quoted exclamation or
                // question goes on with its speech tag.
                let continues = next.is_lowercase()
                    || matches!(next, ',' | ';')
                    || (next.is_ascii_digit() && !spaced)
                    || (c == '.'
                        && j == i + 1
                        && self.is_abbreviation(block, off)
                        && !(spaced
                            && self.starters.contains(&next_word)
                            && self.dotted_word(block, off)));
                !continues
            };
            if split {
                push_unit(text, bs + chars[unit_start].0, bs + end_off, paragraph, out);
                unit_start = n;
                i = n;
            } else {
                i = j;
            }
        }
        if unit_start < chars.len() {
            push_unit(text, bs + chars[unit_start].0, be, paragraph, out);
        }
    }

    /// Does the word before the dot at `dot` have inner dots ("U.S", "p.m")?
    fn dotted_word(&self, block: &str, dot: usize) -> bool {
        let before = &block[..dot];
        let word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        word.contains('.')
    }

    /// Is the word ending just before the dot at `dot` an abbreviation or an initial?
    fn is_abbreviation(&self, block: &str, dot: usize) -> bool {
        let before = &block[..dot];
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '.' || *ch == '-'))
            .map(|(i, ch)| i + ch.len_utf8())
            .unwrap_or(0);
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        let mut cs = word.chars();
        let single_upper = matches!((cs.next(), cs.next()), (Some(a), None) if a.is_uppercase());
        single_upper
            || word.contains('.')
            || self.abbreviations.contains(word)
            || self.abbreviations.contains(&word.to_lowercase())
    }
}

/// A straight quote after a space that is followed by a letter opens a quote.
fn is_opening_quote(chars: &[(usize, char)], m: usize) -> bool {
    matches!(chars[m].1, '"' | '\'' | '“')
        && chars.get(m + 1).is_some_and(|(_, ch)| ch.is_alphanumeric())
}

/// Push the trimmed span `s..e` as a unit unless it is blank.
fn push_unit(text: &str, s: usize, e: usize, paragraph: usize, out: &mut Vec<Unit>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = s + lead;
    let end = start + trimmed.len();
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

    #[test]
    fn crlf_and_blank_text() {
        assert_eq!(split("Un.\r\nDeux.\r\n"), vec!["Un.", "Deux."]);
        assert!(split("  \n\n ").is_empty());
    }
}
