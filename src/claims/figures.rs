//! Figures: numbers that quantify something, with the noun they count.
//!
//! "12 000 soldats" is 12000 soldat, "1,32 million de militaires" is 1320000
//! militaire, "des milliers de conteneurs" is a vague 1000+ conteneur, "six
//! officiers" is 6 officier. Years, dates, times and ordinals are not figures.
//! All the words involved come from the `[figures]` table of the rules file.

use crate::fold::{fold_text, fold_text_into};
use crate::rules::FigureConfig;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A number with the noun it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The amount (the lower bound for vague amounts).
    pub value: f64,
    /// The counted noun, singular ("soldat").
    pub unit: String,
    /// A vague amount ("des milliers").
    pub vague: bool,
    /// Byte span of the amount and its noun in the unit's document.
    pub start: usize,
    /// End of the span.
    pub end: usize,
}

impl Figure {
    /// "12000 soldat", "1000+ conteneur", "1.5 million" style text for reports.
    pub fn render(&self) -> String {
        let v = format_value(self.value);
        if self.vague {
            format!("{v}+ {}", self.unit)
        } else {
            format!("{v} {}", self.unit)
        }
    }
}

/// A number without a needless fraction: 12000, 2.5.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num {
        value: f64,
        grouped: bool,
        digits: usize,
        glued: String,
    },
    Word(String),
    Symbol(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

/// Figure extraction configured by the rules file.
#[derive(Debug, Clone, Default)]
pub struct FigureFinder {
    decimal: char,
    number_words: HashMap<String, f64>,
    multipliers: HashMap<String, f64>,
    vague: Vec<(Vec<String>, f64)>,
    skip: HashSet<String>,
    not_after: HashSet<String>,
    not_units: HashSet<String>,
    date_words: HashSet<String>,
    singular: Vec<(String, String)>,
    ordinal: Vec<String>,
    symbols: Vec<char>,
    /// Folded words without which a text without digits has no figure:
    /// the number words and the longest word of each vague amount.
    triggers: HashSet<String>,
}

/// End of the word that starts at byte `s` of `text` (with a letter): its
/// letters and hyphens, and an elided article's apostrophe ("d'", "l'").
fn word_end(text: &str, s: usize) -> usize {
    let mut e = s;
    let mut chars = text[s..].chars().peekable();
    while let Some(&c) = chars.peek() {
        if !(c.is_alphabetic() || c == '-') {
            break;
        }
        e += c.len_utf8();
        chars.next();
    }
    match chars.peek() {
        Some(&c) if matches!(c, '\'' | '’' | 'ʼ') => e + c.len_utf8(),
        _ => e,
    }
}

impl FigureFinder {
    /// Build from the `[figures]` table.
    pub fn new(cfg: &FigureConfig) -> FigureFinder {
        let words = |v: &Vec<String>| v.iter().map(|w| fold_text(w)).collect::<HashSet<_>>();
        let mut vague: Vec<(Vec<String>, f64)> = cfg
            .vague
            .iter()
            .map(|(k, v)| (fold_text(k).split(' ').map(str::to_string).collect(), *v))
            .collect();
        vague.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut triggers: HashSet<String> = cfg.number_words.keys().map(|k| fold_text(k)).collect();
        triggers.extend(
            vague
                .iter()
                .filter_map(|(words, _)| words.iter().max_by_key(|w| w.len()).cloned()),
        );
        FigureFinder {
            triggers,
            decimal: cfg.decimal_separator.chars().next().unwrap_or('.'),
            number_words: cfg
                .number_words
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            multipliers: cfg
                .multipliers
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            vague,
            skip: words(&cfg.skip_words),
            not_after: words(&cfg.not_after),
            not_units: words(&cfg.not_units),
            date_words: words(&cfg.date_words),
            singular: cfg
                .singular
                .iter()
                .map(|(a, b)| (fold_text(a), fold_text(b)))
                .collect(),
            ordinal: cfg.ordinal_suffixes.iter().map(|w| fold_text(w)).collect(),
            symbols: cfg
                .symbol_units
                .iter()
                .filter_map(|s| s.chars().next())
                .collect(),
        }
    }

    fn tokenize(&self, text: &str, base: usize) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        let at = |k: usize| chars.get(k).map(|c| c.1);
        let off = |k: usize| chars.get(k).map(|c| c.0).unwrap_or(text.len());
        while i < chars.len() {
            let c = chars[i].1;
            if c.is_ascii_digit() {
                let s = i;
                let mut int = String::new();
                while at(i).is_some_and(|c| c.is_ascii_digit()) {
                    int.push(chars[i].1);
                    i += 1;
                }
                let first_len = int.len();
                let mut grouped = false;
                // Thousands groups: a separator then exactly three digits.
                if first_len <= 3 {
                    loop {
                        let sep = at(i);
                        let is_sep = sep.is_some_and(|c| {
                            matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
                                || ((c == ',' || c == '.') && c != self.decimal)
                        });
                        let three = (1..=3).all(|d| at(i + d).is_some_and(|c| c.is_ascii_digit()))
                            && !at(i + 4).is_some_and(|c| c.is_ascii_digit());
                        if is_sep && three {
                            int.extend([chars[i + 1].1, chars[i + 2].1, chars[i + 3].1]);
                            i += 4;
                            grouped = true;
                        } else {
                            break;
                        }
                    }
                }
                let mut num = int.clone();
                if at(i) == Some(self.decimal) && at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                    num.push('.');
                    i += 1;
                    while at(i).is_some_and(|c| c.is_ascii_digit()) {
                        num.push(chars[i].1);
                        i += 1;
                    }
                }
                let mut glued = String::new();
                while at(i).is_some_and(|c| c.is_alphabetic()) {
                    glued.push(chars[i].1);
                    i += 1;
                }
                let value = num.parse::<f64>().unwrap_or(f64::NAN);
                toks.push(Token {
                    tok: Tok::Num {
                        value,
                        grouped,
                        digits: int.len(),
                        glued: fold_text(&glued),
                    },
                    start: base + off(s),
                    end: base + off(i),
                });
            } else if c.is_alphabetic() {
                let s = i;
                let end = word_end(text, off(s));
                while off(i) < end {
                    i += 1;
                }
                let word = &text[off(s)..end];
                toks.push(Token {
                    tok: Tok::Word(fold_text(word)),
                    start: base + off(s),
                    end: base + off(i),
                });
            } else {
                if !c.is_whitespace() {
                    toks.push(Token {
                        tok: Tok::Symbol(c),
                        start: base + off(i),
                        end: base + off(i + 1),
                    });
                }
                i += 1;
            }
        }
        toks
    }

    fn singular(&self, w: &str) -> String {
        for (from, to) in &self.singular {
            if w.chars().count() > from.chars().count() + 2 && w.ends_with(from.as_str()) {
                return format!("{}{}", &w[..w.len() - from.len()], to);
            }
        }
        w.to_string()
    }

    /// The counted noun after token `k`: skip words, then a word that may be
    /// a unit, in lower case with its accents (tokens of `text`, whose first
    /// byte is at `base`).
    fn noun_after(
        &self,
        text: &str,
        base: usize,
        toks: &[Token],
        mut k: usize,
    ) -> Option<(String, usize)> {
        while k < toks.len() {
            match &toks[k].tok {
                Tok::Word(w) if self.skip.contains(w) => k += 1,
                Tok::Word(w) if self.not_units.contains(w) || self.number_words.contains_key(w) => {
                    return None
                }
                Tok::Word(_) => {
                    let word = &text[toks[k].start - base..toks[k].end - base];
                    let lower = word.to_lowercase().replace(['’', 'ʼ'], "'");
                    return Some((self.singular(&lower), toks[k].end));
                }
                Tok::Symbol(c) if self.symbols.contains(c) => {
                    return Some((c.to_string(), toks[k].end))
                }
                _ => return None,
            }
        }
        None
    }

    /// Every figure in `text`, whose first byte is at `base` in its document.
    pub fn find(&self, text: &str, base: usize) -> Vec<Figure> {
        if !self.may_hold_figures(text) {
            return Vec::new();
        }
        self.find_all(text, base)
    }

    /// False when `text` cannot hold a figure: no ASCII digit, and none of
    /// its words (as [`FigureFinder::tokenize`] cuts and folds them) is a
    /// number word or the longest word of a vague amount.
    fn may_hold_figures(&self, text: &str) -> bool {
        if text.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let mut word = String::new();
        let mut s = 0;
        while let Some(c) = text[s..].chars().next() {
            if !c.is_alphabetic() {
                s += c.len_utf8();
                continue;
            }
            let e = word_end(text, s);
            word.clear();
            fold_text_into(&text[s..e], &mut word);
            if self.triggers.contains(word.as_str()) {
                return true;
            }
            s = e;
        }
        false
    }

    /// [`FigureFinder::find`] without the quick check.
    fn find_all(&self, text: &str, base: usize) -> Vec<Figure> {
        let toks = self.tokenize(text, base);
        let mut out = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            // Vague amounts: "des milliers de".
            if let Some((len, value)) = self.vague.iter().find_map(|(words, v)| {
                let ok = words.iter().enumerate().all(|(d, w)| matches!(toks.get(k + d).map(|t| &t.tok), Some(Tok::Word(x)) if x == w));
                ok.then_some((words.len(), *v))
            }) {
                if let Some((unit, end)) = self.noun_after(text, base, &toks, k + len) {
                    out.push(Figure { value, unit, vague: true, start: toks[k].start, end });
                }
                k += len;
                continue;
            }
            let prev_word = |k: usize| match k.checked_sub(1).map(|p| &toks[p].tok) {
                Some(Tok::Word(p)) => Some(p.as_str()),
                _ => None,
            };
            let (value, ok) = match &toks[k].tok {
                Tok::Num {
                    value,
                    grouped,
                    digits,
                    glued,
                } => {
                    let glued_ok = glued.is_empty() || self.multipliers.contains_key(glued);
                    let ordinal = !glued.is_empty() && self.ordinal.iter().any(|o| o == glued);
                    let time = matches!(toks.get(k + 1).map(|t| &t.tok), Some(Tok::Symbol(':')))
                        && toks.get(k + 2).is_some_and(|t| {
                            matches!(t.tok, Tok::Num { .. }) && t.start == toks[k + 1].end
                        });
                    let date = prev_word(k).is_some_and(|p| self.date_words.contains(p));
                    // A bare four-digit number in the years' range is a year
                    // unless a counted noun follows it ("2000 troops").
                    let year = !grouped
                        && *digits == 4
                        && (1800.0..=2100.0).contains(value)
                        && self.noun_after(text, base, &toks, k + 1).is_none();
                    let value = if glued_ok && !glued.is_empty() {
                        value * self.multipliers[glued]
                    } else {
                        *value
                    };
                    (
                        value,
                        glued_ok && !ordinal && !time && !year && !date && value.is_finite(),
                    )
                }
                Tok::Word(w) => match self.number_words.get(w) {
                    Some(v) => (
                        *v,
                        !prev_word(k).is_some_and(|p| self.not_after.contains(p)),
                    ),
                    None => (0.0, false),
                },
                Tok::Symbol(_) => (0.0, false),
            };
            if !ok {
                k += 1;
                continue;
            }
            let mut value = value;
            let mut next = k + 1;
            while let Some(Tok::Word(w)) = toks.get(next).map(|t| &t.tok) {
                match self.multipliers.get(w) {
                    Some(m) => {
                        value *= m;
                        next += 1;
                    }
                    None => break,
                }
            }
            // A currency symbol glued before the number is its unit: "$1.5 billion".
            let symbol_before = k.checked_sub(1).and_then(|p| match &toks[p].tok {
                Tok::Symbol(c) if self.symbols.contains(c) && toks[p].end == toks[k].start => {
                    Some((c.to_string(), toks[p].start))
                }
                _ => None,
            });
            if let Some((unit, start)) = symbol_before {
                out.push(Figure {
                    value,
                    unit,
                    vague: false,
                    start,
                    end: toks[next - 1].end,
                });
            } else if let Some((unit, end)) = self.noun_after(text, base, &toks, next) {
                out.push(Figure {
                    value,
                    unit,
                    vague: false,
                    start: toks[k].start,
                    end,
                });
            }
            k = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Lang;
    use crate::rules::RuleSet;

    fn find(lang: Lang, text: &str) -> Vec<String> {
        let rules = RuleSet::bundled(lang);
        FigureFinder::new(&rules.figures)
            .find(text, 0)
            .iter()
            .map(Figure::render)
            .collect()
    }

    #[test]
    fn the_quick_check_never_hides_a_figure() {
        let corpus = crate::load::sample_corpus();
        for lang in [Lang::Fr, Lang::En] {
            let rules = RuleSet::bundled(lang);
            let finder = FigureFinder::new(&rules.figures);
            let mut texts: Vec<String> = corpus
                .docs
                .iter()
                .flat_map(|d| d.text.split_inclusive(['.', '\n']).map(str::to_string))
                .collect();
            texts.extend(rules.rules.iter().flat_map(|r| r.examples.matches.clone()));
            texts.extend(
                [
                    "Des milliers de soldats, des centaines d’officiers.",
                    "Vingt-deux morts et une dizaine de blessés.",
                    "Thousands of troops and dozens of tanks.",
                    "Twelve people, a hundred cars.",
                ]
                .map(String::from),
            );
            let (mut skipped, mut found) = (0, 0);
            for t in &texts {
                let quick = finder.find(t, 0);
                assert_eq!(quick, finder.find_all(t, 0), "{lang:?}: {t}");
                found += quick.len();
                skipped += usize::from(!finder.may_hold_figures(t));
            }
            assert!(
                found > 10 && skipped > 10,
                "{lang:?}: {found} figures, {skipped} skipped"
            );
        }
    }

    #[test]
    fn french_figures() {
        assert_eq!(
            find(
                Lang::Fr,
                "Environ 12 000 soldats et 3\u{202F}000 militaires."
            ),
            vec!["12000 soldat", "3000 militaire"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "L’armée compte 1,32 million de militaires actifs."
            ),
            vec!["1320000 militaire"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Elle a expédié des milliers de conteneurs d’armes."
            ),
            vec!["1000+ conteneur"]
        );
        assert_eq!(
            find(Lang::Fr, "des milliers d’autres soldats arriveront"),
            vec!["1000+ soldat"]
        );
        assert_eq!(
            find(Lang::Fr, "la mort de six officiers nord-coréens"),
            vec!["6 officier"]
        );
    }

    #[test]
    fn french_non_figures() {
        let none: Vec<String> = vec![];
        assert_eq!(
            find(
                Lang::Fr,
                "Le 8 octobre 2024, en septembre 2023, le 72e anniversaire."
            ),
            none
        );
        assert_eq!(
            find(
                Lang::Fr,
                "les deux pays, il y a un an, l'accord de 1991, qui"
            ),
            none
        );
        assert_eq!(find(Lang::Fr, "22 novembre 2024 · 10:28"), none);
        assert_eq!(find(Lang::Fr, "la quatrième armée du monde"), none);
    }

    #[test]
    fn english_figures() {
        assert_eq!(
            find(Lang::En, "About 10,000 troops and 1.5 million shells."),
            vec!["10000 troop", "1500000 shell"]
        );
        assert_eq!(
            find(Lang::En, "thousands of soldiers and six officers"),
            vec!["1000+ soldier", "6 officer"]
        );
        assert_eq!(
            find(Lang::En, "On October 3, 2024, the 3rd brigade"),
            Vec::<String>::new()
        );
    }
}
