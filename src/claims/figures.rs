//! Figures: numbers that quantify something, with the noun they count and
//! the kind of thing that noun is.
//!
//! "12 000 soldats" is 12000 soldat, "1,32 million de militaires" is 1320000
//! militaire, "des milliers de conteneurs" is a vague 1000+ conteneur, "six
//! officiers" is 6 officier. The amounts of a range or a list share their
//! noun ("3 000 à 5 000 réfugiés", "40, 75 et 120 salariés"); a number
//! without a noun after it counts a noun of its sentence: the figure it
//! continues ("dont 15", "voire des centaines"), a counted noun before it
//! ("les décès s'élèvent à 17") or, for a vague amount, after it. Years,
//! dates, times, ordinals, durations and ids are not figures.
//!
//! Each figure has a kind: the kind of its counted noun from the rules
//! file's `[figures.kinds]` (`dead` for "morts" and "deaths" alike), refined
//! by a word near it that says what happened to the thing counted ("8
//! personnes tuées" is `dead`, "900 bâtiments endommagés ou détruits" is
//! `building.damaged|destroyed`); a noun of no kind is its own kind.
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
    /// What is counted, a key shared by the languages ("dead",
    /// "building.destroyed", "money.cost"); the counted noun when it has no kind.
    pub kind: String,
    /// The value in its kind's base unit when its unit is a measure ("20 square
    /// miles" is 5180 hectares), to compare figures written in different units;
    /// else the value.
    pub measure: f64,
    /// What the count is of, when its sentence ties it to a place, a site or
    /// a named event: the folded words of their names ("12 drowned in Port
    /// Stanley" is of `port stanley`, "à l'hôpital de Rennes" of `hopital rennes`,
    /// "the Ridge Fire has burned" of `ridge`); empty when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// A year that dates the count ("the 1962 flood that drowned
    /// hundreds", "en mai 1976 dans le Cantal 14 morts").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// A word of increment stands by the amount ("trois autres corps", "two
    /// more bodies"): after an earlier count of its kind, it counts what was
    /// added to it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub increment: bool,
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
        fraction: bool,
        glued: String,
        after_letter: bool,
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

/// Quotation marks: left out of the tokens, so that `« des centaines » de
/// sinistrés` reads as "des centaines de sinistrés".
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '‹' | '›')
}

/// Marks that end a statement: the words around a figure are looked for
/// on this side of them only.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';')
}

/// Which tokens start with a capital letter.
fn capitals(text: &str, toks: &[Token], base: usize) -> Vec<bool> {
    toks.iter()
        .map(|t| {
            text[t.start - base..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .collect()
}

/// What a figure counts: a noun (tokens `tok..tok + len`) or a unit symbol.
#[derive(Debug, Clone, PartialEq)]
enum Counted {
    Noun {
        tok: usize,
        len: usize,
        unit: String,
    },
    Symbol {
        tok: usize,
        unit: String,
    },
}

impl Counted {
    fn unit(&self) -> &str {
        match self {
            Counted::Noun { unit, .. } | Counted::Symbol { unit, .. } => unit,
        }
    }
}

/// What follows an amount.
enum Next {
    /// Its counted noun or symbol, and the token after it.
    Counted(Counted, usize),
    /// No noun: the amount may count a noun of the sentence.
    Bare,
    /// A word that makes it no figure ("ans", "heures").
    Blocked,
}

/// An amount found in the tokens.
#[derive(Debug, Clone)]
struct Amount {
    /// First token, a currency symbol before the number included.
    first: usize,
    /// One past its last token (its scale words included).
    last: usize,
    /// The number before its scale words ("1,5" of "1,5 million").
    raw: f64,
    /// The product of its scale words (1 without).
    scale: f64,
    vague: bool,
    /// Never takes the word after it as its noun ("hundreds").
    bare_only: bool,
    /// Counts only a noun of a known kind ("one").
    weak: bool,
    /// Written in digits.
    digits: bool,
    /// Looks like a year: a figure only before a plural noun.
    year: bool,
    /// A currency symbol before the number.
    symbol: Option<String>,
}

impl Amount {
    fn value(&self) -> f64 {
        self.raw * self.scale
    }
}

/// An amount with what it counts.
#[derive(Debug, Clone)]
struct Resolved {
    counted: Counted,
    /// One past the last token of the figure (its noun when after it).
    end_tok: usize,
}

/// Figure extraction configured by the rules file.
#[derive(Debug, Clone, Default)]
pub struct FigureFinder {
    decimal: char,
    number_words: HashMap<String, f64>,
    weak_words: HashMap<String, f64>,
    multipliers: HashMap<String, f64>,
    money_multipliers: HashMap<String, f64>,
    /// Vague amounts and amounts written as phrases, longest first: words,
    /// value (the lower bound when vague), bare, exact.
    vague: Vec<(Vec<String>, f64, bool, bool)>,
    skip: HashSet<String>,
    vague_link: HashSet<String>,
    not_after: HashSet<String>,
    not_units: HashSet<String>,
    not_counted: HashSet<String>,
    date_words: HashSet<String>,
    glued_units: HashSet<String>,
    singular: Vec<(String, String)>,
    symbols: Vec<char>,
    connector_words: HashSet<String>,
    connector_symbols: Vec<char>,
    inherit_after: HashSet<String>,
    partitive: Vec<Vec<String>>,
    clause_words: HashSet<String>,
    /// Words for a unit symbol, longest first: folded words, symbol.
    unit_words: Vec<(Vec<String>, String)>,
    head_last: bool,
    /// First normalised word of a kind entry → (the following words, kind), longest first.
    kinds: HashMap<String, Vec<(Vec<String>, String)>>,
    symbol_kinds: HashMap<String, String>,
    /// Kind entries as written (folded), shown as they are: "décès" stays "décès".
    kind_forms: HashSet<String>,
    refine: HashMap<String, HashSet<String>>,
    /// Kinds a figure may count on its own (not only refine another).
    countable: HashSet<String>,
    generic: HashSet<String>,
    /// Kinds that only a number with decimals takes (see `decimal_kinds`).
    decimal_kinds: HashSet<String>,
    shares: HashSet<String>,
    per_unit: Vec<Vec<String>>,
    increment: HashSet<String>,
    /// Normalised words of a unit of measure → its size in its kind's base unit.
    measures: HashMap<Vec<String>, f64>,
    /// Folded words without which a text without digits has no figure:
    /// the number words and the longest word of each vague amount.
    triggers: HashSet<String>,
    /// What a count is of (see [`Figure::scope`]): prepositions before a
    /// place, relative words, determiners, links inside names, the common
    /// heads of place names, site and event nouns (normalised phrases), words
    /// before a year that make it no date of a count.
    locatives: HashSet<String>,
    place_relatives: HashSet<String>,
    relatives: HashSet<String>,
    determiners: HashSet<String>,
    name_links: HashSet<String>,
    place_nouns: HashSet<String>,
    sites: Vec<Vec<String>>,
    events: Vec<Vec<String>>,
    year_blockers: HashSet<String>,
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

/// Words of a phrase as the tokenizer folds them.
fn phrase_words(phrase: &str) -> Vec<String> {
    fold_text(phrase)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A folded word as tokens: "l'eau" is two, "l'" and "eau".
fn split_elision(w: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = w;
    while let Some(i) = rest.find('\'') {
        parts.push(rest[..=i].to_string());
        rest = &rest[i + 1..];
    }
    if !rest.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

/// A value of a run of number words: units add, "cent"/"hundred" and scale
/// words multiply what is before them ("trois mille" 3000, "fifteen hundred"
/// 1500, "two dozen" 24).
fn compose(total: &mut f64, cur: &mut f64, v: f64, scale: bool) {
    if v >= 1000.0 {
        *total += cur.max(1.0) * v;
        *cur = 0.0;
    } else if v == 100.0 || scale {
        *cur = cur.max(1.0) * v;
    } else {
        *cur += v;
    }
}

impl FigureFinder {
    /// Build from the `[figures]` table.
    pub fn new(cfg: &FigureConfig) -> FigureFinder {
        let words = |v: &Vec<String>| v.iter().map(|w| fold_text(w)).collect::<HashSet<_>>();
        let mut vague: Vec<(Vec<String>, f64, bool, bool)> = cfg
            .vague
            .iter()
            .map(|(k, v)| (phrase_words(k), *v, false, false))
            .chain(
                cfg.vague_bare
                    .iter()
                    .map(|(k, v)| (phrase_words(k), *v, true, false)),
            )
            .chain(
                cfg.number_phrases
                    .iter()
                    .map(|(k, v)| (phrase_words(k), *v, false, true)),
            )
            .filter(|(w, _, _, _)| !w.is_empty())
            .collect();
        vague.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut triggers: HashSet<String> = cfg
            .number_words
            .keys()
            .chain(cfg.weak_number_words.keys())
            .map(|k| fold_text(k))
            .collect();
        triggers.extend(
            vague
                .iter()
                .filter_map(|(words, _, _, _)| words.iter().max_by_key(|w| w.len()).cloned()),
        );
        let mut finder = FigureFinder {
            triggers,
            decimal: cfg.decimal_separator.chars().next().unwrap_or('.'),
            number_words: cfg
                .number_words
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            weak_words: cfg
                .weak_number_words
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            multipliers: cfg
                .multipliers
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            money_multipliers: cfg
                .money_multipliers
                .iter()
                .map(|(k, v)| (fold_text(k), *v))
                .collect(),
            vague,
            skip: words(&cfg.skip_words),
            vague_link: words(&cfg.vague_link),
            not_after: words(&cfg.not_after),
            not_units: words(&cfg.not_units),
            not_counted: HashSet::new(),
            date_words: words(&cfg.date_words),
            glued_units: words(&cfg.glued_units),
            singular: cfg
                .singular
                .iter()
                .map(|(a, b)| (fold_text(a), fold_text(b)))
                .collect(),
            symbols: cfg
                .symbol_units
                .iter()
                .filter_map(|s| s.chars().next())
                .collect(),
            connector_words: cfg
                .connectors
                .iter()
                .filter(|c| c.chars().any(char::is_alphabetic))
                .map(|c| fold_text(c))
                .collect(),
            connector_symbols: cfg
                .connectors
                .iter()
                .filter(|c| c.chars().count() == 1 && !c.chars().any(char::is_alphabetic))
                .filter_map(|c| c.chars().next())
                .collect(),
            inherit_after: words(&cfg.inherit_after),
            clause_words: words(&cfg.clause_words),
            partitive: cfg
                .partitive
                .iter()
                .map(|p| phrase_words(p))
                .filter(|p| !p.is_empty())
                .collect(),
            unit_words: Vec::new(),
            head_last: cfg.head_last,
            kinds: HashMap::new(),
            symbol_kinds: HashMap::new(),
            kind_forms: HashSet::new(),
            refine: cfg
                .refine
                .iter()
                .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
                .collect(),
            countable: HashSet::new(),
            generic: cfg.generic_kinds.iter().cloned().collect(),
            decimal_kinds: cfg.decimal_kinds.iter().cloned().collect(),
            shares: cfg.share_kinds.iter().cloned().collect(),
            measures: HashMap::new(),
            increment: cfg.increment.iter().map(|w| fold_text(w)).collect(),
            per_unit: cfg
                .per_unit
                .iter()
                .map(|p| phrase_words(p))
                .filter(|p| !p.is_empty())
                .collect(),
            locatives: words(&cfg.locatives),
            place_relatives: words(&cfg.place_relatives),
            relatives: words(&cfg.relatives),
            determiners: words(&cfg.determiners),
            name_links: words(&cfg.name_links),
            place_nouns: HashSet::new(),
            sites: Vec::new(),
            events: Vec::new(),
            year_blockers: words(&cfg.year_blockers),
        };
        let mut unit_words: Vec<(Vec<String>, String)> = cfg
            .unit_words
            .iter()
            .map(|(k, v)| (phrase_words(k), v.clone()))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        unit_words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        finder.unit_words = unit_words;
        finder.measures = cfg
            .measures
            .iter()
            .map(|(k, v)| {
                let ws: Vec<String> = phrase_words(k).iter().map(|w| finder.singular(w)).collect();
                (ws, *v)
            })
            .collect();
        finder.not_counted = cfg
            .not_counted
            .iter()
            .map(|w| finder.singular(&fold_text(w)))
            .collect();
        finder.kind_forms = cfg
            .kinds
            .values()
            .flatten()
            .map(|e| fold_text(e.trim()))
            .collect();
        let mut kinds: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        let mut symbol_kinds = HashMap::new();
        for (kind, entries) in &cfg.kinds {
            for e in entries {
                let e = e.trim();
                if !e.is_empty() && !e.chars().any(char::is_alphanumeric) {
                    symbol_kinds.insert(e.to_string(), kind.clone());
                    continue;
                }
                let ws: Vec<String> = phrase_words(e)
                    .iter()
                    .flat_map(|w| split_elision(w))
                    .map(|w| finder.singular(&w))
                    .collect();
                if let Some((first, rest)) = ws.split_first() {
                    let list = kinds.entry(first.clone()).or_default();
                    let item = (rest.to_vec(), kind.clone());
                    if !list.contains(&item) {
                        list.push(item);
                    }
                }
            }
        }
        for list in kinds.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        // Kinds that only say what happened to another kind's things.
        let qualifiers: HashSet<&String> = cfg
            .refine
            .iter()
            .filter(|(k, _)| !cfg.generic_kinds.contains(k))
            .flat_map(|(_, v)| v)
            .collect();
        let of_generic: HashSet<&String> = cfg
            .refine
            .iter()
            .filter(|(k, _)| cfg.generic_kinds.contains(k))
            .flat_map(|(_, v)| v)
            .collect();
        finder.countable = cfg
            .kinds
            .keys()
            .filter(|k| !qualifiers.contains(k) || of_generic.contains(k))
            .cloned()
            .collect();
        finder.kinds = kinds;
        finder.symbol_kinds = symbol_kinds;
        let phrases = |list: &Vec<String>, f: &FigureFinder| {
            let mut v: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
                    phrase_words(p)
                        .iter()
                        .flat_map(|w| split_elision(w))
                        .map(|w| f.singular(&w))
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
            v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            v
        };
        finder.sites = phrases(&cfg.sites, &finder);
        finder.events = phrases(&cfg.events, &finder);
        finder.place_nouns = cfg
            .place_nouns
            .iter()
            .map(|w| finder.singular(&fold_text(w)))
            .collect();
        finder
    }

    fn is_separator(&self, c: char) -> bool {
        matches!(
            c,
            ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '.' | ',' | '\'' | '’'
        )
    }

    /// The folded word that starts after the white space from byte `i` of `text`.
    fn word_from(text: &str, i: usize) -> String {
        let rest = &text[i..];
        let s = rest.len() - rest.trim_start().len();
        let t = &rest[s..];
        if !t.chars().next().is_some_and(char::is_alphabetic) {
            return String::new();
        }
        fold_text(&t[..word_end(t, 0)])
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
                let after_letter = s > 0
                    && (chars[s - 1].1.is_alphabetic()
                        || (chars[s - 1].1 == '-' && s > 1 && chars[s - 2].1.is_alphabetic()));
                let mut int = String::new();
                while at(i).is_some_and(|c| c.is_ascii_digit()) {
                    int.push(chars[i].1);
                    i += 1;
                }
                let first_len = int.len();
                let mut grouped = false;
                // Thousands groups: a separator then exactly three digits
                // ("10 000", "10.000", "10’000", "10,000"); the decimal
                // separator before three digits and a scale word is a
                // decimal ("1,500 million" in French).
                if first_len <= 3 {
                    while let Some(sep) = at(i) {
                        let three = (1..=3).all(|d| at(i + d).is_some_and(|c| c.is_ascii_digit()))
                            && !at(i + 4).is_some_and(|c| c.is_ascii_digit());
                        if !(self.is_separator(sep) && three) {
                            break;
                        }
                        if sep == self.decimal
                            && !grouped
                            && self
                                .multipliers
                                .contains_key(&Self::word_from(text, off(i + 4)))
                        {
                            break;
                        }
                        int.extend([chars[i + 1].1, chars[i + 2].1, chars[i + 3].1]);
                        i += 4;
                        grouped = true;
                    }
                }
                let mut num = int.clone();
                let mut fraction = false;
                // A decimal part: either mark, as languages and copy write them.
                if matches!(at(i), Some('.') | Some(','))
                    && at(i + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    let mut j = i + 1;
                    let mut frac = String::new();
                    while at(j).is_some_and(|c| c.is_ascii_digit()) {
                        frac.push(chars[j].1);
                        j += 1;
                    }
                    // "10,000" left over after a group of more than three
                    // digits, or a list "1,2,3", is no decimal.
                    let list = matches!(at(j), Some('.') | Some(','))
                        && at(j + 1).is_some_and(|c| c.is_ascii_digit());
                    if !list {
                        num.push('.');
                        num.push_str(&frac);
                        fraction = true;
                        i = j;
                    }
                }
                let num_end = i;
                let mut glued = String::new();
                while at(i).is_some_and(|c| c.is_alphabetic()) {
                    glued.push(chars[i].1);
                    i += 1;
                }
                let value = num.parse::<f64>().unwrap_or(f64::NAN);
                let mut glued = fold_text(&glued);
                // "8m", "22km": the number, then its unit as a word.
                // Not after a currency symbol: "$8m" is eight million.
                let after_symbol = matches!(toks.last().map(|t: &Token| &t.tok),
                    Some(Tok::Symbol(c)) if *c != '%' && self.symbols.contains(c));
                let unit =
                    (!glued.is_empty() && !after_symbol && self.glued_units.contains(&glued))
                        .then(|| std::mem::take(&mut glued));
                toks.push(Token {
                    tok: Tok::Num {
                        value,
                        grouped,
                        digits: int.len(),
                        fraction,
                        glued,
                        after_letter,
                    },
                    start: base + off(s),
                    end: base + off(if unit.is_some() { num_end } else { i }),
                });
                if let Some(unit) = unit {
                    toks.push(Token {
                        tok: Tok::Word(unit),
                        start: base + off(num_end),
                        end: base + off(i),
                    });
                }
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
                if !c.is_whitespace() && !is_quote(c) {
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
        // "sapeurs-pompiers", "brothers-in-law": each part of a compound.
        if w.contains('-') {
            return w
                .split('-')
                .map(|p| self.singular(p))
                .collect::<Vec<_>>()
                .join("-");
        }
        for (from, to) in &self.singular {
            if w.chars().count() > from.chars().count() + 2 && w.ends_with(from.as_str()) {
                return format!("{}{}", &w[..w.len() - from.len()], to);
            }
        }
        w.to_string()
    }

    /// The value of a number word, or of a hyphenated run of them
    /// ("vingt-deux", "quatre-vingt-dix"), and whether it is a scale word.
    fn word_value(&self, w: &str) -> Option<(f64, bool)> {
        if let Some(v) = self.number_words.get(w) {
            return Some((*v, self.multipliers.contains_key(w)));
        }
        if !w.contains('-') {
            return None;
        }
        let parts: Vec<&str> = w.split('-').filter(|p| !p.is_empty()).collect();
        let (mut total, mut cur) = (0.0, 0.0);
        let mut i = 0;
        while i < parts.len() {
            // The longest run of parts that is a number word.
            let found = (i + 1..=parts.len()).rev().find_map(|j| {
                let joined = parts[i..j].join("-");
                self.number_words.get(&joined).map(|v| (j, *v, joined))
            });
            match found {
                Some((j, v, joined)) => {
                    compose(
                        &mut total,
                        &mut cur,
                        v,
                        self.multipliers.contains_key(&joined),
                    );
                    i = j;
                }
                None if self.connector_words.contains(parts[i]) && i > 0 => i += 1,
                None => return None,
            }
        }
        Some((total + cur, false))
    }

    fn word(toks: &[Token], k: usize) -> Option<&str> {
        match toks.get(k).map(|t| &t.tok) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn symbol(toks: &[Token], k: usize) -> Option<char> {
        match toks.get(k).map(|t| &t.tok) {
            Some(Tok::Symbol(c)) => Some(*c),
            _ => None,
        }
    }

    /// The vague amount that starts at token `k`: (length, value, bare).
    fn vague_at(&self, toks: &[Token], k: usize) -> Option<(usize, f64, bool, bool)> {
        self.vague.iter().find_map(|(words, v, bare, exact)| {
            let ok = words
                .iter()
                .enumerate()
                .all(|(d, w)| Self::word(toks, k + d) == Some(w.as_str()));
            ok.then_some((words.len(), *v, *bare, *exact))
        })
    }

    /// The amount written in digits at token `k`, with its scale words.
    fn digit_amount(&self, toks: &[Token], k: usize) -> Option<Amount> {
        let Tok::Num {
            value,
            grouped,
            digits,
            fraction,
            glued,
            after_letter,
        } = &toks[k].tok
        else {
            return None;
        };
        if *after_letter || !value.is_finite() {
            return None; // an id: "F-16", "A320", "COVID-19"
        }
        let symbol = k.checked_sub(1).and_then(|p| match toks[p].tok {
            Tok::Symbol(c) if c != '%' && self.symbols.contains(&c) => Some(c.to_string()),
            _ => None,
        });
        let glued_scale = self
            .multipliers
            .get(glued)
            .or_else(|| symbol.as_ref().and(self.money_multipliers.get(glued)))
            .copied();
        if !glued.is_empty() && glued_scale.is_none() {
            return None; // an ordinal ("72e", "3rd") or a time ("9h30")
        }
        let adjacent = |a: usize, b: usize| toks[a].end == toks[b].start;
        // Times and time codes: "10:05", "00:12", "9h30".
        if matches!(Self::symbol(toks, k + 1), Some(':' | '/'))
            && matches!(toks.get(k + 2).map(|t| &t.tok), Some(Tok::Num { .. }))
            && adjacent(k, k + 1)
            && adjacent(k + 1, k + 2)
        {
            return None;
        }
        if k > 0 && adjacent(k - 1, k) {
            if matches!(toks[k - 1].tok, Tok::Num { .. }) {
                return None;
            }
            if k > 1
                && matches!(Self::symbol(toks, k - 1), Some(':' | '/'))
                && matches!(toks[k - 2].tok, Tok::Num { .. })
                && adjacent(k - 2, k - 1)
            {
                return None;
            }
        }
        // Dates: a month or a date word before it ("Jan. 7", "le 3 octobre" is caught by the month after).
        let date_word = |p: usize| Self::word(toks, p).is_some_and(|w| self.date_words.contains(w));
        if k > 0
            && (date_word(k - 1)
                || (k > 1 && Self::symbol(toks, k - 1) == Some('.') && date_word(k - 2)))
        {
            return None;
        }
        let mut scale = 1.0;
        if let Some(m) = glued_scale {
            scale *= m;
        }
        let mut last = k + 1;
        while let Some(m) = Self::word(toks, last).and_then(|w| self.multipliers.get(w)) {
            scale *= m;
            last += 1;
        }
        let year = !grouped
            && !fraction
            && *digits == 4
            && glued.is_empty()
            && last == k + 1
            && (1800.0..=2100.0).contains(value);
        // "the 2019 floods": a year after an article is one.
        if year && k > 0 && Self::word(toks, k - 1).is_some_and(|w| self.not_after.contains(w)) {
            return None;
        }
        Some(Amount {
            first: if symbol.is_some() { k - 1 } else { k },
            last,
            raw: *value,
            scale,
            vague: false,
            bare_only: false,
            weak: false,
            digits: true,
            year,
            symbol,
        })
    }

    /// The amount written in number words at token `k` ("trois mille", "two dozen").
    fn word_amount(&self, toks: &[Token], capital: &[bool], k: usize) -> Option<Amount> {
        let w = Self::word(toks, k)?;
        // "Naufrage : Neuf passeurs arrêtés": a capital after a colon starts a sentence too.
        if capital[k] && k > 0 && !Self::symbol(toks, k - 1).is_some_and(|c| is_stop(c) || c == ':')
        {
            return None; // a title or a name: « Sept à Huit »
        }
        let weak = self.weak_words.get(w).copied();
        let first = self.word_value(w).or(weak.map(|v| (v, false)))?;
        if k > 0 && Self::word(toks, k - 1).is_some_and(|p| self.not_after.contains(p)) {
            return None; // "les deux pays"
        }
        let (mut total, mut cur) = (0.0, 0.0);
        compose(&mut total, &mut cur, first.0, first.1);
        let mut last = k + 1;
        while let Some(w) = Self::word(toks, last) {
            if let Some((v, scale)) = self.word_value(w) {
                compose(&mut total, &mut cur, v, scale);
                last += 1;
            } else if let Some(m) = self.multipliers.get(w) {
                compose(&mut total, &mut cur, *m, true);
                last += 1;
            } else if self.connector_words.contains(w)
                && total + cur >= 100.0
                && Self::word(toks, last + 1)
                    .and_then(|n| self.word_value(n))
                    .is_some_and(|(v, _)| v < 100.0)
            {
                // "one hundred and fifty"
                last += 1;
            } else {
                break;
            }
        }
        Some(Amount {
            first: k,
            last,
            raw: total + cur,
            scale: 1.0,
            vague: false,
            bare_only: false,
            weak: weak.is_some() && last == k + 1,
            digits: false,
            year: false,
            symbol: None,
        })
    }

    /// A unit written in words at token `k` ("per cent"): (length, symbol).
    fn unit_word_at(&self, toks: &[Token], k: usize) -> Option<(usize, String)> {
        self.unit_words.iter().find_map(|(words, sym)| {
            let ok = words
                .iter()
                .enumerate()
                .all(|(d, w)| Self::word(toks, k + d) == Some(w.as_str()));
            ok.then(|| (words.len(), sym.clone()))
        })
    }

    /// The kinds entry that starts at token `k`: (length, kinds of that length).
    fn kinds_at<'a>(&'a self, norms: &[Option<String>], k: usize) -> Option<(usize, Vec<&'a str>)> {
        let first = norms.get(k)?.as_ref()?;
        let list = self.kinds.get(first)?;
        let mut best: Option<(usize, Vec<&str>)> = None;
        for (rest, kind) in list {
            let ok = rest
                .iter()
                .enumerate()
                .all(|(d, w)| norms.get(k + 1 + d).and_then(|n| n.as_deref()) == Some(w.as_str()));
            if !ok {
                continue;
            }
            let len = rest.len() + 1;
            match &mut best {
                Some((l, kinds)) if *l == len => {
                    if !kinds.contains(&kind.as_str()) {
                        kinds.push(kind.as_str())
                    }
                }
                Some(_) => {}
                None => best = Some((len, vec![kind.as_str()])),
            }
        }
        best
    }

    /// The counted noun's display form: its words in lower case, the last one singular.
    fn display(&self, text: &str, base: usize, toks: &[Token], k: usize, len: usize) -> String {
        let words: Vec<String> = (k..k + len)
            .filter_map(|j| toks.get(j))
            .map(|t| {
                text[t.start - base..t.end - base]
                    .to_lowercase()
                    .replace(['’', 'ʼ'], "'")
            })
            .collect();
        let mut out = String::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 && !out.ends_with('\'') {
                out.push(' ');
            }
            if i + 1 == words.len() && !self.kind_forms.contains(&fold_text(w)) {
                out.push_str(&self.singular(w));
            } else {
                out.push_str(w);
            }
        }
        out
    }

    /// What follows the amount that ends before token `k`.
    fn next_of(
        &self,
        text: &str,
        base: usize,
        toks: &[Token],
        norms: &[Option<String>],
        k: usize,
        vague: bool,
    ) -> Next {
        let mut skipped = None;
        match self.next_word(text, base, toks, norms, k, vague, &mut skipped) {
            // "nearly 300 injured": a word of a kind among the words skipped
            // before a noun ("300 injured soldiers") is the noun when none follows.
            Next::Bare if skipped.is_some() => {
                let j = skipped.unwrap_or(k);
                let unit = self.display(text, base, toks, j, 1);
                Next::Counted(
                    Counted::Noun {
                        tok: j,
                        len: 1,
                        unit,
                    },
                    j + 1,
                )
            }
            next => next,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn next_word(
        &self,
        text: &str,
        base: usize,
        toks: &[Token],
        norms: &[Option<String>],
        mut k: usize,
        vague: bool,
        skipped: &mut Option<usize>,
    ) -> Next {
        let mut linked = false;
        while k < toks.len() {
            match &toks[k].tok {
                Tok::Word(w) => {
                    if let Some((len, unit)) = self.unit_word_at(toks, k) {
                        return Next::Counted(Counted::Symbol { tok: k, unit }, k + len);
                    }
                    if self.skip.contains(w) {
                        linked |= self.vague_link.contains(w);
                        if self.countable_at(norms, k).is_some() {
                            *skipped = Some(k);
                        }
                        k += 1;
                        continue;
                    }
                    if norms[k]
                        .as_ref()
                        .is_some_and(|n| self.not_counted.contains(n))
                    {
                        return Next::Blocked;
                    }
                    // "a.m.", "p.m."
                    if Self::symbol(toks, k + 1) == Some('.')
                        && Self::word(toks, k + 2).is_some_and(|w2| {
                            toks[k].end == toks[k + 1].start
                                && toks[k + 1].end == toks[k + 2].start
                                && self.not_counted.contains(&format!("{w}.{w2}"))
                        })
                    {
                        return Next::Blocked;
                    }
                    if self.not_units.contains(w)
                        || self.number_words.contains_key(w)
                        || self.multipliers.contains_key(w)
                        || (vague && !self.vague_link.is_empty() && !linked)
                    {
                        return Next::Bare;
                    }
                    // A rate: "km/h", "euros/mois".
                    if Self::symbol(toks, k + 1) == Some('/')
                        && Self::word(toks, k + 2).is_some()
                        && toks[k].end == toks[k + 1].start
                    {
                        return Next::Blocked;
                    }
                    let mut noun = k;
                    let mut len = self.kinds_at(norms, k).map_or(1, |(l, _)| l);
                    // "3 burglary arrests": the plural noun after a singular one is the head.
                    if self.head_last && len == 1 {
                        if let (Some(Some(n)), Some(w2), Some(Some(n2))) =
                            (norms.get(k), Self::word(toks, k + 1), norms.get(k + 1))
                        {
                            if n == w
                                && n2 != w2
                                && !self.not_units.contains(w2)
                                && !self.not_counted.contains(n2)
                                && !self.skip.contains(w2)
                            {
                                noun = k + 1;
                                len = self.kinds_at(norms, noun).map_or(1, |(l, _)| l);
                            }
                        }
                    }
                    let unit = self.display(text, base, toks, noun, len);
                    return Next::Counted(
                        Counted::Noun {
                            tok: noun,
                            len,
                            unit,
                        },
                        noun + len,
                    );
                }
                // "plusieurs dizaines (de blessés)"
                Tok::Symbol('(')
                    if Self::word(toks, k + 1).is_some_and(|w| self.vague_link.contains(w)) =>
                {
                    k += 1;
                }
                // "85-year-old", "10-day": the word after the hyphen.
                Tok::Symbol('-')
                    if k > 0
                        && Self::word(toks, k + 1).is_some()
                        && toks[k - 1].end == toks[k].start
                        && toks[k].end == toks[k + 1].start =>
                {
                    k += 1;
                }
                Tok::Symbol(c) if self.symbols.contains(c) => {
                    return Next::Counted(
                        Counted::Symbol {
                            tok: k,
                            unit: c.to_string(),
                        },
                        k + 1,
                    )
                }
                _ => return Next::Bare,
            }
        }
        Next::Bare
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
            // Hyphenated number words ("vingt-deux") start with one.
            if word.contains('-')
                && word
                    .split('-')
                    .next()
                    .is_some_and(|p| self.triggers.contains(p))
            {
                return true;
            }
            s = e;
        }
        false
    }

    /// The amounts of the tokens, in order.
    fn amounts(&self, toks: &[Token], capital: &[bool]) -> Vec<Amount> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            if let Some((len, value, bare, exact)) = self.vague_at(toks, k) {
                out.push(Amount {
                    first: k,
                    last: k + len,
                    raw: value,
                    scale: 1.0,
                    vague: !exact,
                    bare_only: bare,
                    weak: false,
                    digits: false,
                    year: false,
                    symbol: None,
                });
                k += len;
                continue;
            }
            if let Some((len, _)) = self.unit_word_at(toks, k) {
                k += len; // "pour cent" is no "cent"
                continue;
            }
            let found = match &toks[k].tok {
                Tok::Num { .. } => self.digit_amount(toks, k),
                Tok::Word(_) => self.word_amount(toks, capital, k),
                Tok::Symbol(_) => None,
            };
            match found {
                Some(a) => {
                    k = a.last;
                    out.push(a);
                }
                None => k += 1,
            }
        }
        out
    }

    /// Token `j` ends the words read around a figure: the end of a statement,
    /// or a word that starts another clause ("et", not "1955 et 1965").
    fn ends_clause(&self, toks: &[Token], j: usize) -> bool {
        Self::symbol(toks, j).is_some_and(is_stop)
            || (Self::word(toks, j).is_some_and(|w| self.clause_words.contains(w))
                && !matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::Num { .. })))
    }

    /// Tokens `from..to` all join amounts ("à", ",", "voire"), at most three.
    fn connects(&self, toks: &[Token], from: usize, to: usize) -> bool {
        to >= from
            && to - from <= 3
            && (from..to).all(|j| match &toks[j].tok {
                Tok::Word(w) => self.connector_words.contains(w),
                Tok::Symbol(c) => self.connector_symbols.contains(c),
                Tok::Num { .. } => false,
            })
    }

    /// Does `text` give an amount that is no year and no date, counted
    /// noun or not ("with 4,000 in need", "Neuf passeurs arrêtés")? A title
    /// that does is a statement.
    pub fn gives_amount(&self, text: &str) -> bool {
        if !self.may_hold_figures(text) {
            return false;
        }
        let toks = self.tokenize(text, 0);
        let capital = capitals(text, &toks, 0);
        self.amounts(&toks, &capital).iter().any(|a| {
            !a.year
                && !a.weak
                && !Self::word(&toks, a.last).is_some_and(|w| self.date_words.contains(w))
        })
    }

    /// [`FigureFinder::find`] without the quick check.
    fn find_all(&self, text: &str, base: usize) -> Vec<Figure> {
        let toks = self.tokenize(text, base);
        let capital = capitals(text, &toks, base);
        let amounts = self.amounts(&toks, &capital);
        if amounts.is_empty() {
            return Vec::new();
        }
        let norms: Vec<Option<String>> = toks
            .iter()
            .map(|t| match &t.tok {
                Tok::Word(w) => Some(self.singular(w)),
                _ => None,
            })
            .collect();
        let mut owner: Vec<Option<usize>> = vec![None; toks.len()];
        for (i, a) in amounts.iter().enumerate() {
            for o in owner.iter_mut().take(a.last).skip(a.first) {
                *o = Some(i);
            }
        }
        let n = amounts.len();
        let mut amounts = amounts;
        let mut res: Vec<Option<Resolved>> = vec![None; n];
        let mut bare = vec![false; n];
        let mut blocked = vec![false; n];
        let mut elliptic = vec![false; n];
        let mut fallback: Vec<Option<Resolved>> = vec![None; n];
        // 1. The noun or symbol after each amount.
        for (i, a) in amounts.iter().enumerate() {
            // "400 of them": a part of the figure before.
            let partitive = self.partitive.iter().any(|p| {
                p.iter()
                    .enumerate()
                    .all(|(d, w)| Self::word(&toks, a.last + d) == Some(w.as_str()))
            });
            if partitive && !a.weak && !a.year && a.symbol.is_none() {
                bare[i] = true;
                elliptic[i] = true;
                continue;
            }
            let marked = (a.first.saturating_sub(2)..a.first)
                .any(|j| Self::word(&toks, j).is_some_and(|w| self.inherit_after.contains(w)));
            let next = if a.bare_only {
                Next::Bare
            } else {
                self.next_of(text, base, &toks, &norms, a.last, a.vague)
            };
            match next {
                Next::Blocked => blocked[i] = true,
                _ if a.symbol.is_some() => {
                    res[i] = Some(Resolved {
                        counted: Counted::Symbol {
                            tok: a.first,
                            unit: a.symbol.clone().unwrap_or_default(),
                        },
                        end_tok: a.last,
                    });
                    bare[i] = matches!(next, Next::Bare) && a.scale == 1.0;
                }
                // "300 maisons détruites et 1 200 endommagées": a word that only
                // says what happened counts the noun of the sentence before it.
                Next::Counted(Counted::Noun { tok, .. }, _)
                    if self.kinds_at(&norms, tok).is_some()
                        && self.countable_at(&norms, tok).is_none() =>
                {
                    bare[i] = !(a.year || a.weak);
                    elliptic[i] = true;
                }
                // "80 morts, dont 3 Français", "dont 15 grièvement": after
                // "dont", a word of no kind says which of the figure before.
                Next::Counted(c @ Counted::Noun { .. }, end)
                    if marked
                        && i > 0
                        && matches!(&c, Counted::Noun { tok, .. } if self.countable_at(&norms, *tok).is_none()) =>
                {
                    bare[i] = !(a.year || a.weak);
                    elliptic[i] = true;
                    fallback[i] = Some(Resolved {
                        counted: c,
                        end_tok: end,
                    });
                }
                Next::Counted(c, end) => {
                    let plural = match &c {
                        Counted::Noun { tok, .. } => Self::word(&toks, *tok)
                            .is_some_and(|w| norms[*tok].as_deref() != Some(w)),
                        Counted::Symbol { .. } => false,
                    };
                    let known = match &c {
                        // "one arrest", not "one person familiar with the case".
                        Counted::Noun { .. } => self.kind_of(&norms, &c).is_some_and(|k| {
                            self.countable.contains(k) && !self.generic.contains(k)
                        }),
                        Counted::Symbol { .. } => true,
                    };
                    if (a.year && !plural) || (a.weak && !known) {
                        continue;
                    }
                    res[i] = Some(Resolved {
                        counted: c,
                        end_tok: end,
                    });
                }
                Next::Bare => bare[i] = !(a.year || a.weak),
            }
        }
        // 2. Ranges and lists share their noun, their currency and their scale:
        // "3 000 à 5 000 réfugiés", "$40 and $55 billion".
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..n {
            if res[i].is_none() && !bare[i] && !blocked[i] {
                continue;
            }
            match groups.last_mut() {
                // A list holds amounts of one sort: "40, 75 et 120", "des
                // dizaines, voire des centaines", not "12, et des dizaines".
                Some(g)
                    if g.last().is_some_and(|&p| {
                        bare[p]
                            && amounts[p].vague == amounts[i].vague
                            && self.connects(&toks, amounts[p].last, amounts[i].first)
                    }) =>
                {
                    g.push(i)
                }
                _ => groups.push(vec![i]),
            }
        }
        let mut group_first: Vec<usize> = amounts.iter().map(|a| a.first).collect();
        for g in &groups {
            for &i in g {
                group_first[i] = amounts[g[0]].first;
            }
        }
        for g in &groups {
            if g.len() < 2 {
                continue;
            }
            // "entre 2 et 3 ans": the word after the last amount blocks them all.
            if g.last().is_some_and(|&l| blocked[l]) {
                for &i in g {
                    bare[i] = false;
                }
                continue;
            }
            let donor = g.iter().rev().find(|&&i| res[i].is_some()).copied();
            let scale = g
                .iter()
                .rev()
                .find(|&&i| amounts[i].scale > 1.0)
                .map(|&i| (amounts[i].scale, amounts[i].raw));
            for &i in g {
                if let Some((s, raw)) = scale {
                    if amounts[i].scale == 1.0 && !amounts[i].vague && amounts[i].raw < raw {
                        amounts[i].scale = s;
                    }
                }
                if res[i].is_none() {
                    if let Some(d) = donor {
                        res[i] = res[d].clone().map(|r| Resolved {
                            counted: r.counted,
                            end_tok: amounts[i].last,
                        });
                    }
                }
            }
        }
        // 3. A number without a noun counts a noun of its sentence: the
        // figure it continues, or a counted noun before it.
        let sentence = |from: usize, to: usize| {
            (from.min(to)..from.max(to)).all(|j| Self::symbol(&toks, j).is_none_or(|c| !is_stop(c)))
        };
        for i in 0..n {
            if res[i].is_some() || !bare[i] {
                continue;
            }
            let a = &amounts[i];
            // Its own predicate right after it, when nothing before it is of
            // its clause: "16 sont mortes, 5 sont portées disparues", "five
            // remain missing".
            let own = {
                let mut found = None;
                let mut j = a.last;
                while j < toks.len() && j < a.last + 4 && owner[j].is_none() {
                    let Some(w) = Self::word(&toks, j) else { break };
                    if self.connector_words.contains(w) || self.ends_clause(&toks, j) {
                        break;
                    }
                    if let Some(len) = self.countable_at(&norms, j) {
                        found = Some((j, len));
                        break;
                    }
                    j += 1;
                }
                found
            };
            let prev = (0..i).rev().find(|&p| res[p].is_some());
            // "Two died, and five were injured": its own predicate, not the
            // noun of the figure before.
            if let Some(p) = prev.filter(|_| own.is_none()) {
                let end = res[p].as_ref().map_or(0, |r| r.end_tok);
                let marker = (a.first.saturating_sub(2)..a.first)
                    .any(|j| Self::word(&toks, j).is_some_and(|w| self.inherit_after.contains(w)));
                if (end <= a.first && self.connects(&toks, end, a.first))
                    || ((marker || elliptic[i]) && sentence(end, a.first))
                {
                    res[i] = res[p].clone().map(|r| Resolved {
                        counted: r.counted,
                        end_tok: a.last,
                    });
                    continue;
                }
            }
            // "les décès s'élèvent à 40", "The storm killed 24."
            if a.digits
                && a.first > 0
                && Self::word(&toks, a.first - 1).is_some_and(|w| self.not_after.contains(w))
            {
                continue;
            }
            let (mut j, mut words) = (a.first, 0);
            while j > 0 && words < 8 {
                j -= 1;
                if owner[j].is_some() || self.ends_clause(&toks, j) {
                    break;
                }
                // A comma or a clause word ("13 ont péri et 175 ont été
                // blessées") closes the clause before it.
                let comma = Self::symbol(&toks, j) == Some(',')
                    || Self::word(&toks, j).is_some_and(|w| self.clause_words.contains(w));
                let at = if comma && own.is_some() {
                    own
                } else {
                    self.countable_at(&norms, j).map(|len| (j, len))
                };
                words += usize::from(Self::word(&toks, j).is_some());
                if let Some((j, len)) = at {
                    let unit = self.display(text, base, &toks, j, len);
                    res[i] = Some(Resolved {
                        counted: Counted::Noun { tok: j, len, unit },
                        end_tok: a.last,
                    });
                    break;
                }
            }
            // "On Monday five were injured": nothing before it is counted.
            if res[i].is_none() {
                if let Some((j, len)) = own {
                    let unit = self.display(text, base, &toks, j, len);
                    res[i] = Some(Resolved {
                        counted: Counted::Noun { tok: j, len, unit },
                        end_tok: a.last,
                    });
                }
            }
            // "1,5 million de manifestants selon les syndicats, 280 000 selon
            // la police": another count of the figure before it in the sentence.
            if res[i].is_none() && a.digits {
                if let Some(p) = prev {
                    let end = res[p].as_ref().map_or(0, |r| r.end_tok);
                    let noun = matches!(
                        res[p].as_ref().map(|r| &r.counted),
                        Some(Counted::Noun { .. })
                    );
                    if noun && end <= a.first && sentence(end, a.first) {
                        res[i] = res[p].clone().map(|r| Resolved {
                            counted: r.counted,
                            end_tok: a.last,
                        });
                    }
                }
            }
        }
        // 4. A vague amount without a noun counts the noun of the sentence
        // after it: "plusieurs dizaines, peut-être la centaine, voire des centaines de sinistrés".
        for i in (0..n).rev() {
            if res[i].is_some() || !bare[i] || !amounts[i].vague {
                continue;
            }
            let a = &amounts[i];
            let mut j = a.last;
            while j < toks.len() && j - a.last < 12 {
                if Self::symbol(&toks, j).is_some_and(is_stop) {
                    break;
                }
                if let Some(o) = owner[j] {
                    if o != i {
                        if let Some(r) = &res[o] {
                            let countable = match &r.counted {
                                Counted::Noun { tok, .. } => {
                                    self.countable_at(&norms, *tok).is_some()
                                }
                                Counted::Symbol { .. } => false,
                            };
                            if countable {
                                res[i] = Some(Resolved {
                                    counted: r.counted.clone(),
                                    end_tok: a.last,
                                });
                                break;
                            }
                        }
                    }
                }
                // "dozens remain missing", "hundreds were killed".
                if j < a.last + 3 && !self.ends_clause(&toks, j) {
                    if let Some(len) = self.countable_at(&norms, j) {
                        let unit = self.display(text, base, &toks, j, len);
                        res[i] = Some(Resolved {
                            counted: Counted::Noun { tok: j, len, unit },
                            end_tok: a.last,
                        });
                        break;
                    }
                }
                if Self::word(&toks, j)
                    .is_some_and(|w| self.vague_link.contains(w) || self.skip.contains(w))
                {
                    if let Some(len) = self.countable_at(&norms, j + 1) {
                        let unit = self.display(text, base, &toks, j + 1, len);
                        res[i] = Some(Resolved {
                            counted: Counted::Noun {
                                tok: j + 1,
                                len,
                                unit,
                            },
                            end_tok: a.last,
                        });
                        break;
                    }
                }
                j += 1;
            }
        }
        for i in 0..n {
            if res[i].is_none() {
                res[i] = fallback[i].take();
            }
        }
        // 5. A conversion in brackets after a figure is the same figure:
        // "30 square miles (78 square kilometers)".
        for i in 1..n {
            let f = amounts[i].first;
            if res[i].is_some()
                && f >= 2
                && Self::symbol(&toks, f - 1) == Some('(')
                && (0..i).any(|p| res[p].as_ref().is_some_and(|r| r.end_tok == f - 1))
            {
                res[i] = None;
            }
        }
        // The amounts of a range or a list are one figure's ends: their kind
        // is read around all of them. Only figures' tokens bound the windows.
        let mut group_of: Vec<usize> = (0..n).collect();
        for g in &groups {
            for &i in g {
                group_of[i] = g[0];
            }
        }
        // "€1.5bn to €2bn": two ends written in full are one figure's too.
        for i in 1..n {
            if let (Some(p), Some(r)) = (&res[i - 1], &res[i]) {
                if p.counted.unit() == r.counted.unit()
                    && self.connects(&toks, p.end_tok, amounts[i].first)
                {
                    group_of[i] = group_of[i - 1];
                    group_first[i] = group_first[i - 1];
                }
            }
        }
        let noun_end = |i: usize, r: &Resolved| match &r.counted {
            Counted::Noun { tok, len, .. } if *tok >= amounts[i].last => tok + len,
            Counted::Symbol { tok, .. } if *tok >= amounts[i].last => tok + 1,
            _ => amounts[i].last,
        };
        let mut span_end: Vec<usize> = vec![0; n];
        let mut figure_owner: Vec<Option<usize>> = vec![None; toks.len()];
        for i in 0..n {
            if let Some(r) = &res[i] {
                let g = group_of[i];
                span_end[g] = span_end[g].max(noun_end(i, r));
                for o in figure_owner
                    .iter_mut()
                    .take(amounts[i].last)
                    .skip(amounts[i].first)
                {
                    *o = Some(g);
                }
            }
        }
        // What each figure is a count of: a place, a site, a named or dated event.
        let scopes: Vec<(Vec<String>, Option<u32>)> = (0..n)
            .map(|i| {
                if res[i].is_none() {
                    return (Vec::new(), None);
                }
                let g = group_of[i];
                self.scope_of(
                    &toks,
                    &capital,
                    &norms,
                    &figure_owner,
                    &span_end,
                    g,
                    group_first[i],
                )
            })
            .collect();
        let mut out = Vec::new();
        for (i, a) in amounts.iter().enumerate() {
            let Some(r) = &res[i] else { continue };
            let value = a.value();
            if !value.is_finite() {
                continue;
            }
            let end_tok = r.end_tok.max(a.last).min(toks.len());
            let factor = match &r.counted {
                Counted::Noun { tok, len, .. } => {
                    let ws: Option<Vec<String>> =
                        (*tok..tok + len).map(|j| norms[j].clone()).collect();
                    ws.and_then(|ws| self.measures.get(&ws).copied())
                }
                Counted::Symbol { .. } => None,
            };
            out.push(Figure {
                measure: value * factor.unwrap_or(1.0),
                value,
                unit: r.counted.unit().to_string(),
                vague: a.vague,
                start: toks[a.first].start,
                end: toks[end_tok - 1].end,
                kind: self.figure_kind(
                    &toks,
                    &norms,
                    &figure_owner,
                    group_of[i],
                    group_first[i],
                    span_end[group_of[i]],
                    r,
                    value,
                ),
                scope: scopes[i].0.clone(),
                year: scopes[i].1,
                increment: {
                    let g = group_of[i];
                    (group_first[i]..(span_end[g] + 1).min(toks.len()))
                        .filter(|&j| figure_owner[j].is_none_or(|o| o == g))
                        .any(|j| Self::word(&toks, j).is_some_and(|w| self.increment.contains(w)))
                },
            });
        }
        out
    }

    /// The length of a phrase of `list` at token `j` (normalised words).
    fn phrase_at(list: &[Vec<String>], norms: &[Option<String>], j: usize) -> Option<usize> {
        list.iter()
            .find(|p| {
                p.iter()
                    .enumerate()
                    .all(|(d, w)| norms.get(j + d).and_then(|n| n.as_deref()) == Some(w.as_str()))
            })
            .map(Vec::len)
    }

    /// A word that can be part of a name: capitalised, no month or day, no
    /// event noun ("Fire" of "the Ridge Fire" is what is named).
    fn name_word(
        &self,
        toks: &[Token],
        capital: &[bool],
        norms: &[Option<String>],
        j: usize,
    ) -> Option<String> {
        let w = Self::word(toks, j)?.trim_end_matches('\'');
        if !capital.get(j).copied().unwrap_or(false)
            || self.date_words.contains(w)
            || norms[j]
                .as_ref()
                .is_some_and(|n| self.not_counted.contains(n))
            || self.determiners.contains(w)
            || Self::phrase_at(&self.events, norms, j).is_some()
        {
            return None;
        }
        (!w.is_empty()).then(|| w.to_string())
    }

    /// The place or site named from token `p` on (after a preposition):
    /// "the State of Sonora", "Sonora state", "a flooded school", "l'île de
    /// X", "the X campus". Its name words, and the token after it.
    fn place_at(
        &self,
        toks: &[Token],
        capital: &[bool],
        norms: &[Option<String>],
        p: usize,
    ) -> Option<(Vec<String>, usize)> {
        let mut k = p;
        while k < p + 2 && Self::word(toks, k).is_some_and(|w| self.determiners.contains(w)) {
            k += 1;
        }
        // A site, after at most two words that describe it: "a flooded school".
        for d in 0..=2 {
            let lower = (k..k + d).all(|j| {
                Self::word(toks, j).is_some()
                    && !capital[j]
                    && self.countable_at(norms, j).is_none()
            });
            if !lower {
                break;
            }
            if let Some(len) =
                Self::phrase_at(&self.sites, norms, k + d).filter(|_| !capital[k + d])
            {
                let mut words: Vec<String> = (k + d..k + d + len)
                    .filter_map(|j| norms[j].clone())
                    .filter(|w| !self.name_links.contains(w) && !self.determiners.contains(w))
                    .collect();
                let mut end = k + d + len;
                // "l'hôpital de Rennes"
                if Self::word(toks, end).is_some_and(|w| self.name_links.contains(w)) {
                    if let Some(n) = self.name_word(toks, capital, norms, end + 1) {
                        words.push(n);
                        end += 2;
                        while let Some(n) = self.name_word(toks, capital, norms, end) {
                            words.push(n);
                            end += 1;
                        }
                    }
                }
                return Some((words, end));
            }
        }
        // "la ville de X", "l'île de X": a common head before the name.
        if norms
            .get(k)
            .and_then(|n| n.as_ref())
            .is_some_and(|n| self.place_nouns.contains(n))
            && !capital[k]
            && Self::word(toks, k + 1).is_some_and(|w| self.name_links.contains(w))
        {
            k += 2;
        }
        let mut words = Vec::new();
        let mut j = k;
        loop {
            if let Some(n) = self.name_word(toks, capital, norms, j) {
                words.push(n);
                j += 1;
                // "Ontario's": a possessive ends the name.
                if Self::word(toks, j - 1).is_some_and(|w| w.ends_with('\''))
                    && Self::word(toks, j) == Some("s")
                {
                    return Some((words, j + 1));
                }
                continue;
            }
            if !words.is_empty()
                && Self::word(toks, j).is_some_and(|w| self.name_links.contains(w))
                && self.name_word(toks, capital, norms, j + 1).is_some()
            {
                j += 1;
                continue;
            }
            break;
        }
        if words.is_empty() {
            return None;
        }
        // "Sonora state", "the X school": a common head after the name.
        if let Some(len) = Self::phrase_at(&self.sites, norms, j) {
            words.extend((j..j + len).filter_map(|t| norms[t].clone()));
            j += len;
        } else if norms
            .get(j)
            .and_then(|n| n.as_ref())
            .is_some_and(|n| self.place_nouns.contains(n))
            && !capital[j]
        {
            j += 1;
        }
        Some((words, j))
    }

    /// The name words of a capitalised run (or a site noun) that ends at
    /// token `end` (inclusive), read backwards: the antecedent of "où".
    fn place_before(
        &self,
        toks: &[Token],
        capital: &[bool],
        norms: &[Option<String>],
        end: usize,
    ) -> Vec<String> {
        let mut words = Vec::new();
        let mut j = end + 1;
        while j > 0 {
            if let Some(n) = self.name_word(toks, capital, norms, j - 1) {
                words.push(n);
                j -= 1;
            } else {
                break;
            }
        }
        if words.is_empty() {
            if let Some(n) = norms.get(end).and_then(|n| n.as_ref()) {
                if self.sites.iter().any(|s| s.len() == 1 && &s[0] == n) {
                    words.push(n.clone());
                }
            }
        }
        words.reverse();
        words
    }

    /// A year at token `j`: four digits, no figure.
    fn year_at(toks: &[Token], j: usize) -> Option<u32> {
        match &toks.get(j)?.tok {
            Tok::Num {
                value,
                grouped: false,
                digits: 4,
                fraction: false,
                glued,
                after_letter: false,
            } if glued.is_empty() && (1800.0..=2100.0).contains(value) => Some(*value as u32),
            _ => None,
        }
    }

    /// What the figure group `g`, whose first token is `first`, counts of:
    /// the place after it in its clause ("12 drowned in X, 5 in Y", "9 morts
    /// et 2 disparus à X"), else right before it ("ont fait dans le Cantal 14
    /// morts", "In X, 30 people died"), the antecedent of "where"/"où" or of
    /// a relative pronoun when that is a named or dated event ("Storm X,
    /// which could cost billions", "the 1962 flood that drowned"), else
    /// a named event that opens the sentence ("The X Fire has burned"). And a
    /// year that dates it, in its clause before it.
    #[allow(clippy::too_many_arguments)]
    fn scope_of(
        &self,
        toks: &[Token],
        capital: &[bool],
        norms: &[Option<String>],
        owner: &[Option<usize>],
        span_end: &[usize],
        g: usize,
        first: usize,
    ) -> (Vec<String>, Option<u32>) {
        let clause_break =
            |j: usize| Self::symbol(toks, j).is_some_and(|c| is_stop(c) || matches!(c, ':'));
        let phrase_break = |j: usize| {
            Self::symbol(toks, j).is_some_and(|c| {
                is_stop(c) || matches!(c, ',' | ':' | '(' | ')' | '[' | ']' | '—' | '–')
            })
        };
        // 1. After it, in its clause; "and" goes on when another figure follows.
        let mut scope: Vec<String> = Vec::new();
        let (mut j, mut words) = (span_end[g].max(first), 0);
        while j < toks.len() && words < 10 {
            if phrase_break(j) || owner[j].is_some_and(|o| o != g) {
                break;
            }
            let Some(w) = Self::word(toks, j) else {
                j += 1;
                continue;
            };
            if self.clause_words.contains(w) {
                match (j + 1..(j + 4).min(toks.len())).find_map(|k| owner[k].filter(|&o| o != g)) {
                    Some(o) => {
                        j = span_end[o].max(j + 1);
                        continue;
                    }
                    None => break,
                }
            }
            if self.relatives.contains(w) || self.place_relatives.contains(w) {
                break;
            }
            if self.locatives.contains(w) {
                if let Some((p, _)) = self.place_at(toks, capital, norms, j + 1) {
                    scope = p;
                    break;
                }
            }
            words += 1;
            j += 1;
        }
        // The first of a list of figures: "14 morts, 2 300 sinistrés et ...".
        let mut lead = first;
        loop {
            let prev = (0..lead).rev().find(|&k| owner[k].is_some_and(|o| o != g));
            let Some(p) = prev else { break };
            let o = owner[p].unwrap_or(g);
            let end = span_end[o].max(p + 1);
            if end > lead || lead - end > 4 {
                break;
            }
            let joined = (end..lead).all(|k| match &toks[k].tok {
                Tok::Symbol(c) => *c == ',',
                Tok::Word(w) => !capital[k] && !self.locatives.contains(w),
                Tok::Num { .. } => false,
            });
            if !joined {
                break;
            }
            lead = (0..=p)
                .rev()
                .take_while(|&k| owner[k] == Some(o))
                .last()
                .unwrap_or(p);
        }
        let start = (0..lead)
            .rev()
            .find(|&k| clause_break(k))
            .map_or(0, |k| k + 1);
        // 2. Right before it ("dans le Cantal 14 morts"), or fronted ("In X, 30 died").
        if scope.is_empty() {
            for q in (lead.saturating_sub(6)..lead).rev() {
                if q < start || phrase_break(q) {
                    break;
                }
                if Self::word(toks, q).is_some_and(|w| self.locatives.contains(w)) {
                    if let Some((p, end)) = self.place_at(toks, capital, norms, q + 1) {
                        let gap =
                            (end..lead).all(|k| Self::word(toks, k).is_some_and(|_| !capital[k]));
                        if end <= lead && lead - end <= 3 && gap {
                            scope = p;
                        }
                    }
                    break;
                }
            }
        }
        if scope.is_empty() && Self::word(toks, start).is_some_and(|w| self.locatives.contains(w)) {
            if let Some((p, end)) = self.place_at(toks, capital, norms, start + 1) {
                if Self::symbol(toks, end) == Some(',') && lead > end && lead - end <= 4 {
                    scope = p;
                }
            }
        }
        // 3. The antecedent of "où"/"where", or of "which"/"qui" when an event.
        let mut year = None;
        let rel = (start..lead)
            .rev()
            .take(12)
            .take_while(|&q| Self::symbol(toks, q) != Some(','))
            .find(|&q| {
                Self::word(toks, q)
                    .is_some_and(|w| self.relatives.contains(w) || self.place_relatives.contains(w))
            });
        if let Some(q) = rel {
            let before = if q > 0 && Self::symbol(toks, q - 1) == Some(',') {
                q.saturating_sub(2)
            } else {
                q.saturating_sub(1)
            };
            let place = Self::word(toks, q).is_some_and(|w| self.place_relatives.contains(w));
            if place && q > 0 && scope.is_empty() {
                scope = self.place_before(toks, capital, norms, before);
            } else if !place && q > 0 {
                let from = before.saturating_sub(5).max(start);
                let span: Vec<usize> = (from..=before)
                    .rev()
                    .take_while(|&k| !phrase_break(k))
                    .collect();
                let event = span
                    .iter()
                    .find_map(|&k| Self::phrase_at(&self.events, norms, k).map(|len| (k, len)));
                let joined = span
                    .iter()
                    .any(|&k| Self::word(toks, k).is_some_and(|w| self.clause_words.contains(w)));
                if let (Some((e, len)), false) = (event, joined) {
                    // The name next to the event noun: "Storm X, which", "the
                    // X flood that" (a year may stand between).
                    let mut names: Vec<String> = (from..e)
                        .rev()
                        .take_while(|&k| {
                            Self::year_at(toks, k).is_some()
                                || self.name_word(toks, capital, norms, k).is_some()
                        })
                        .filter_map(|k| self.name_word(toks, capital, norms, k))
                        .collect();
                    names.reverse();
                    names.extend(
                        (e + len..=before).map_while(|k| self.name_word(toks, capital, norms, k)),
                    );
                    if scope.is_empty() {
                        scope.append(&mut names);
                    }
                    year = span.iter().find_map(|&k| Self::year_at(toks, k));
                }
            }
        }
        // 4. A year in its clause before it: "en mai 1976 dans le Cantal 14 morts".
        if year.is_none() {
            let mut k = lead;
            let mut seen = 0;
            while k > start && seen < 12 {
                k -= 1;
                seen += 1;
                if Self::word(toks, k).is_some_and(|w| {
                    self.relatives.contains(w)
                        || self.place_relatives.contains(w)
                        || self.clause_words.contains(w)
                }) {
                    break;
                }
                if Self::symbol(toks, k) == Some(',') {
                    // Only a short phrase that opens the sentence: "En 1976, ...".
                    if k - start > 5 {
                        break;
                    }
                    continue;
                }
                if owner[k].is_some() {
                    continue;
                }
                if let Some(y) = Self::year_at(toks, k) {
                    let blocked = (k.saturating_sub(3)..k).any(|b| {
                        Self::word(toks, b).is_some_and(|w| self.year_blockers.contains(w))
                    }) || (Self::word(toks, k + 1)
                        .is_some_and(|w| self.connector_words.contains(w))
                        && Self::year_at(toks, k + 2).is_some());
                    if !blocked {
                        year = Some(y);
                    }
                    break;
                }
            }
        }
        // 4b. A year in a short phrase that opens the sentence dates its
        // first clause, past a comma: "En 2013, un séisme a frappé X,
        // faisant 196 morts", "On May 1, 2022, officials said 12 died".
        if year.is_none() {
            let opener = (start..lead.min(start + 7)).find_map(|k| {
                let y = Self::year_at(toks, k)?;
                let c = (k + 1..lead.min(k + 3)).find(|&c| Self::symbol(toks, c) == Some(','))?;
                let blocked = (start..k)
                    .any(|b| Self::word(toks, b).is_some_and(|w| self.year_blockers.contains(w)));
                (!blocked).then_some((y, c))
            });
            if let Some((y, c)) = opener {
                let one_clause = (c + 1..lead).all(|k| {
                    !self.ends_clause(toks, k) && Self::symbol(toks, k).is_none_or(|ch| ch == ',')
                });
                if one_clause {
                    year = Some(y);
                }
            }
        }
        // 5. A named event that opens the sentence: "The X Fire has burned".
        if scope.is_empty() {
            let mut k = start;
            while Self::word(toks, k).is_some_and(|w| self.determiners.contains(w)) {
                k += 1;
            }
            let mut names = Vec::new();
            let mut event = false;
            while k < lead && k < start + 6 {
                if let Some(n) = self.name_word(toks, capital, norms, k) {
                    names.push(n);
                    k += 1;
                } else if let Some(len) = Self::phrase_at(&self.events, norms, k) {
                    event = true;
                    k += len;
                    if !names.is_empty() {
                        break;
                    }
                } else {
                    break;
                }
            }
            if event && !names.is_empty() {
                scope = names;
            }
        }
        scope.sort();
        scope.dedup();
        (scope, year)
    }

    /// The kind of what a figure counts, before refinement: its noun's kind,
    /// else the noun itself; a symbol's kind, else the symbol.
    fn kind_of<'a>(&'a self, norms: &'a [Option<String>], c: &Counted) -> Option<&'a str> {
        match c {
            Counted::Noun { tok, .. } => self
                .kinds_at(norms, *tok)
                .and_then(|(_, k)| k.first().copied()),
            Counted::Symbol { unit, .. } => self.symbol_kinds.get(unit).map(String::as_str),
        }
    }

    /// The length of an entry at token `j` of a kind that a figure may count
    /// on its own ("morts", "deaths"; not "détruits" or "coût", which only
    /// say what happened to what is counted).
    fn countable_at(&self, norms: &[Option<String>], j: usize) -> Option<usize> {
        self.kinds_at(norms, j)
            .filter(|(_, ks)| ks.iter().any(|k| self.countable.contains(*k)))
            .map(|(len, _)| len)
    }

    /// The kinds among `wanted` of the entry at token `j`, joined with a
    /// kind of an entry coordinated with it ("endommagés ou détruits").
    fn qualifier_at(
        &self,
        toks: &[Token],
        norms: &[Option<String>],
        j: usize,
        wanted: &HashSet<String>,
    ) -> Option<String> {
        let (len, kinds) = self.kinds_at(norms, j)?;
        let q = kinds.into_iter().find(|k| wanted.contains(*k))?;
        let conj = |k: usize| Self::word(toks, k).is_some_and(|w| self.connector_words.contains(w));
        let other = |k: usize| {
            self.kinds_at(norms, k)
                .and_then(|(_, ks)| ks.into_iter().find(|x| wanted.contains(*x) && *x != q))
        };
        let mut parts = vec![q.to_string()];
        if conj(j + len) {
            if let Some(o) = other(j + len + 1).or_else(|| {
                // "either destroyed or damaged"
                conj(j + len + 1).then(|| other(j + len + 2)).flatten()
            }) {
                parts.push(o.to_string());
            }
        } else if j >= 2 && conj(j - 1) {
            if let Some(o) = other(j - 2) {
                parts.push(o.to_string());
            }
        }
        parts.sort();
        parts.dedup();
        Some(parts.join("|"))
    }

    /// The kind of figure `i`: its counted kind, refined by the nearest word
    /// of the sentence that says what happened to what it counts, and marked
    /// `.each` when it is an amount per person or per thing.
    #[allow(clippy::too_many_arguments)]
    fn figure_kind(
        &self,
        toks: &[Token],
        norms: &[Option<String>],
        owner: &[Option<usize>],
        group: usize,
        first: usize,
        noun_end: usize,
        r: &Resolved,
        value: f64,
    ) -> String {
        let kind = self
            .kind_of(norms, &r.counted)
            .filter(|k| value.fract() != 0.0 || !self.decimal_kinds.contains(*k));
        let base: String = match kind {
            Some(k) => k.to_string(),
            None => match &r.counted {
                Counted::Noun { tok, len, .. } => (*tok..tok + len)
                    .filter_map(|j| norms.get(j).cloned().flatten())
                    .collect::<Vec<_>>()
                    .join(" "),
                Counted::Symbol { unit, .. } => unit.clone(),
            },
        };
        let free = |j: usize| owner[j].is_none_or(|o| o == group);
        let stop = |j: usize| self.ends_clause(toks, j);
        let mut key = base.clone();
        if self.shares.contains(&base) {
            // What it is a share of: the noun after it, else a counted noun before.
            let mut j = noun_end;
            while Self::word(toks, j)
                .is_some_and(|w| self.skip.contains(w) || self.not_after.contains(w))
            {
                j += 1;
            }
            let after = Self::word(toks, j).filter(|w| free(j) && !self.not_units.contains(*w));
            let thing = match after {
                Some(_) => self
                    .kinds_at(norms, j)
                    .and_then(|(_, k)| k.first().map(|s| s.to_string()))
                    .or_else(|| norms[j].clone()),
                None => {
                    let mut found = None;
                    let mut j = first;
                    while j > 0 && first - j < 8 {
                        j -= 1;
                        if !free(j) || stop(j) {
                            break;
                        }
                        if let Some((_, k)) = self.kinds_at(norms, j) {
                            found = k.first().map(|s| s.to_string());
                            break;
                        }
                    }
                    found
                }
            };
            if let Some(t) = thing {
                key = format!("{base}.{t}");
            }
        } else if let Some(wanted) = self.refine.get(&base) {
            // A word between the amount and its noun ("hundreds of collapsed
            // homes"), else the nearest such word on either side, counted in
            // words (after it on a tie).
            let between = match &r.counted {
                Counted::Noun { tok, .. } if *tok > first => {
                    (first..*tok).find_map(|j| self.qualifier_at(toks, norms, j, wanted))
                }
                _ => None,
            };
            let mut after: Option<(usize, String)> = between.map(|q| (0, q));
            let (mut j, mut words) = (noun_end, 0);
            while after.is_none() && j < toks.len() && words < 8 && free(j) && !stop(j) {
                if let Some(q) = self.qualifier_at(toks, norms, j, wanted) {
                    after = Some((words, q));
                    break;
                }
                words += usize::from(Self::word(toks, j).is_some());
                j += 1;
            }
            let mut before: Option<(usize, String)> = None;
            let (mut j, mut words, mut comma) = (first, 0, false);
            while j > 0 && words < 10 {
                j -= 1;
                if !free(j) || stop(j) {
                    break;
                }
                if let Some(q) = self.qualifier_at(toks, norms, j, wanted) {
                    before = Some((words, q));
                    break;
                }
                comma |= Self::symbol(toks, j) == Some(',');
                words += usize::from(Self::word(toks, j).is_some());
            }
            let q = match (after, before) {
                // A word before a comma is another clause's ("16 sont mortes,
                // 5 sont portées disparues"): the figure's own predicate wins.
                (Some((_, qa)), Some(_)) if comma => Some(qa),
                (Some((da, qa)), Some((db, qb))) => Some(if db < da { qb } else { qa }),
                (a, b) => a.or(b).map(|(_, q)| q),
            };
            if let Some(q) = q {
                key = if self.generic.contains(&base) {
                    q
                } else {
                    format!("{base}.{q}")
                };
            }
        }
        // An amount per person or per thing: "3 millions chacun", "respectivement 40, 75 et 120".
        let has_per_unit = |j: usize| {
            self.per_unit.iter().any(|p| {
                p.iter()
                    .enumerate()
                    .all(|(d, w)| Self::word(toks, j + d) == Some(w.as_str()))
            })
        };
        let each = (noun_end..noun_end + 4).any(has_per_unit)
            || (first.saturating_sub(3)..first).any(has_per_unit);
        if each {
            key.push_str(".each");
        }
        key
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
    fn belief_words_and_possessives_stand_before_the_counted_noun() {
        let rules = RuleSet::bundled(Lang::En);
        let finder = FigureFinder::new(&rules.figures);
        let kinds = |text: &str| -> Vec<String> {
            finder
                .find(text, 0)
                .iter()
                .map(|f| f.kind.clone())
                .collect()
        };
        assert_eq!(
            kinds("More than 600 feared dead after the mudslide."),
            ["dead"]
        );
        assert_eq!(
            kinds("About 4,000 people were affected by the floods."),
            ["affected"]
        );
        assert_eq!(
            find(Lang::En, "He lost 18 of my relatives."),
            ["18 relative"]
        );
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

    #[test]
    fn a_unit_glued_to_its_number_is_read_apart() {
        assert_eq!(
            find(Lang::En, "The lake rose 3m and the smoke spread 12km."),
            vec!["3 m", "12 km"]
        );
        assert_eq!(
            find(Lang::Fr, "Les pirates ont diffusé 40Go de fichiers."),
            vec!["40 go"]
        );
        // After a currency sign, "m" is a million.
        assert_eq!(find(Lang::En, "The repairs cost £4m."), vec!["4000000 £"]);
        // An ordinal stays no figure.
        assert!(find(Lang::En, "the 3rd floor").is_empty());
    }

    #[test]
    fn thousands_are_grouped_by_every_separator() {
        for t in [
            "Il y a 10 000 sinistrés.",
            "Il y a 10\u{202F}000 sinistrés.",
            "Il y a 10\u{00A0}000 sinistrés.",
            "Il y a 10.000 sinistrés.",
            "Il y a 10’000 sinistrés.",
            "Il y a 10'000 sinistrés.",
            "Il y a 10,000 sinistrés.",
        ] {
            assert_eq!(find(Lang::Fr, t), vec!["10000 sinistré"], "{t}");
        }
        for t in [
            "There are 10,000 evacuees.",
            "There are 10 000 evacuees.",
            "There are 10.000 evacuees.",
            "There are 10'000 evacuees.",
        ] {
            assert_eq!(find(Lang::En, t), vec!["10000 evacuee"], "{t}");
        }
        assert_eq!(
            find(
                Lang::Fr,
                "Un budget de 1,5 million d'euros, puis 1.5 million d'euros."
            ),
            vec!["1500000 euro", "1500000 euro"]
        );
        assert_eq!(
            find(
                Lang::En,
                "A 1.5 million dollar plan, then 1,500 million dollars."
            ),
            vec!["1500000 dollar", "1500000000 dollar"]
        );
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(
            find(
                Lang::Fr,
                "Trois mille soldats et quatre-vingt-dix officiers."
            ),
            vec!["3000 soldat", "90 officier"]
        );
        assert_eq!(
            find(Lang::Fr, "Vingt-deux pompiers et deux cents bénévoles."),
            vec!["22 pompier", "200 bénévole"]
        );
        assert_eq!(
            find(
                Lang::En,
                "Fifteen hundred homes, a dozen schools and two dozen bridges."
            ),
            vec!["1500 home", "12 school", "24 bridge"]
        );
        assert_eq!(
            find(Lang::En, "One hundred and fifty people left."),
            vec!["150 people"]
        );
        // "one" counts a noun of a known kind only.
        assert_eq!(
            find(Lang::En, "One arrest was made; one of them spoke."),
            vec!["1 arrest"]
        );
        // A number word written as a title inside a sentence is a name.
        assert_eq!(
            find(
                Lang::Fr,
                "Le film « Trois Couleurs » a attiré des spectateurs."
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn money() {
        assert_eq!(
            find(
                Lang::En,
                "A $250 billion loss, a $ 3 billion fund and €5bn more."
            ),
            vec!["250000000000 $", "3000000000 $", "5000000000 €"]
        );
        assert_eq!(
            find(Lang::Fr, "L'État versera 17 millions d'euros."),
            vec!["17000000 euro"]
        );
    }

    #[test]
    fn ranges_and_lists_share_their_noun() {
        assert_eq!(
            find(Lang::Fr, "Chaque foyer recevra entre 2.000 et 8.000 euros."),
            vec!["2000 euro", "8000 euro"]
        );
        assert_eq!(
            find(Lang::Fr, "Les ONG comptent de 3 000 à 5 000 réfugiés."),
            vec!["3000 réfugié", "5000 réfugié"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Les trois usines emploient respectivement 40, 75 et 120 salariés."
            ),
            vec!["40 salarié", "75 salarié", "120 salarié"]
        );
        assert_eq!(
            find(Lang::En, "Between 62 and 65 sailors were rescued."),
            vec!["62 sailor", "65 sailor"]
        );
        assert_eq!(
            find(Lang::En, "Repairs may cost between $40 and $55 billion."),
            vec!["40000000000 $", "55000000000 $"]
        );
        assert_eq!(
            find(Lang::En, "Estimates run from $40 billion to $55 billion."),
            vec!["40000000000 $", "55000000000 $"]
        );
        // A duration after the last amount makes none of them a figure.
        assert_eq!(
            find(Lang::Fr, "Les travaux dureront entre 2 et 3 ans."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_number_without_a_noun_counts_a_noun_of_its_sentence() {
        // The figure it continues.
        assert_eq!(
            find(
                Lang::Fr,
                "L'hôpital a reçu 80 blessés, dont 15 dans un état grave."
            ),
            vec!["80 blessé", "15 blessé"]
        );
        assert_eq!(
            find(
                Lang::En,
                "About 4,000 residents were told to leave and another 6,000 to be ready."
            ),
            vec!["4000 resident", "6000 resident"]
        );
        // A counted noun before it.
        assert_eq!(
            find(Lang::Fr, "Les décès recensés sont passés à 17."),
            vec!["17 décès"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Les personnes disparues sont au nombre d'une vingtaine."
            ),
            vec!["20+ disparue"]
        );
        assert_eq!(
            find(Lang::Fr, "La crue a fait 9 morts, portant le total à 31."),
            vec!["9 mort", "31 mort"]
        );
        assert_eq!(
            find(Lang::En, "Flood deaths climbed to 31 on Sunday."),
            vec!["31 death"]
        );
        assert_eq!(
            find(Lang::En, "The landslide killed hundreds."),
            vec!["100+ killed"]
        );
        assert_eq!(
            find(Lang::En, "The quake displaced tens of thousands."),
            vec!["10000+ displaced"]
        );
        // "des milliers là-bas" counts nothing.
        assert_eq!(
            find(Lang::Fr, "Il y en avait des milliers là-bas."),
            Vec::<String>::new()
        );
        assert_eq!(find(Lang::En, "Thousands gathered."), Vec::<String>::new());
        // Elided noun: "300 maisons détruites et 1 200 endommagées".
        assert_eq!(
            find(
                Lang::Fr,
                "Près de 300 granges ont été détruites et plus de 1 200 endommagées."
            ),
            vec!["300 grange", "1200 grange"]
        );
    }

    #[test]
    fn a_number_without_a_noun_counts_its_own_predicate() {
        assert_eq!(
            find(Lang::En, "On Sunday four were injured in the blast."),
            vec!["4 injured"]
        );
        assert_eq!(
            find(Lang::En, "One miner died, and three others were hurt."),
            vec!["3 hurt"]
        );
        assert_eq!(
            find(Lang::En, "Six were killed and 14 were wounded."),
            vec!["6 killed", "14 wounded"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Dimanche, deux sont morts et sept ont été blessés."
            ),
            vec!["2 mort", "7 blessé"]
        );
    }

    #[test]
    fn bounds_before_the_number() {
        assert_eq!(
            find(Lang::Fr, "Plus de 200 blessés et près de 40 disparus."),
            vec!["200 blessé", "40 disparu"]
        );
        assert_eq!(
            find(Lang::En, "At least 12 dead and nearly 300 injured."),
            vec!["12 dead", "300 injured"]
        );
    }

    #[test]
    fn a_single_one_is_one() {
        assert_eq!(
            find(Lang::Fr, "Une seule victime a été identifiée à ce stade."),
            vec!["1 victime"]
        );
        assert_eq!(
            find(Lang::Fr, "Un seul randonneur reste recherché."),
            vec!["1 randonneur"]
        );
        assert_eq!(
            find(Lang::Fr, "Un seul de ces randonneurs a été retrouvé."),
            vec!["1 randonneur"]
        );
    }

    #[test]
    fn counts_that_continue_a_figure() {
        assert_eq!(
            find(
                Lang::Fr,
                "Plus d'un million de manifestants selon les syndicats, 280 000 selon la police."
            ),
            vec!["1000000 manifestant", "280000 manifestant"]
        );
        assert_eq!(
            find(Lang::Fr, "On compte 90 blessés, dont 7 grièvement."),
            vec!["90 blessé", "7 blessé"]
        );
        assert_eq!(
            find(
                Lang::En,
                "Some 2,000 people were hurt, 400 of them critically."
            ),
            vec!["2000 people", "400 people"]
        );
        assert_eq!(
            find(Lang::En, "The 2011 floods killed nine people."),
            vec!["9 people"]
        );
        assert_eq!(
            find(Lang::En, "Hundreds remain missing."),
            vec!["100+ missing"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "On compte 3,1 millions de chômeurs, contre 3,4 millions un an plus tôt."
            ),
            vec!["3100000 chômeur", "3400000 chômeur"]
        );
        // A share is not another count of a number of people.
        assert_eq!(
            find(
                Lang::En,
                "It will cut 900 jobs, about 4% of its staff of 22,000."
            ),
            vec!["900 job", "4 %"]
        );
        assert_eq!(
            find(
                Lang::En,
                "Insurers expect claims of at least £700m, about half a million each."
            ),
            vec!["700000000 £"]
        );
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(
            find(
                Lang::Fr,
                "Des dizaines de villages, une quarantaine de ponts."
            ),
            vec!["10+ village", "40+ pont"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "La crue a laissé des dizaines, voire des centaines de sinistrés."
            ),
            vec!["10+ sinistré", "100+ sinistré"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Il redoute « plusieurs dizaines », peut-être la centaine, voire « quelques centaines » de victimes."
            ),
            vec!["10+ victime", "100+ victime", "100+ victime"]
        );
        assert_eq!(
            find(
                Lang::Fr,
                "Le nombre de sans-abri se compterait en milliers, et non en centaines."
            ),
            vec!["1000+ sans-abri", "100+ sans-abri"]
        );
        assert_eq!(
            find(Lang::Fr, "Il y aurait plusieurs centaines (de victimes)."),
            vec!["100+ victime"]
        );
        assert_eq!(
            find(
                Lang::En,
                "Hundreds of homes, thousands of acres and tens of thousands of evacuees."
            ),
            vec!["100+ home", "1000+ acre", "10000+ evacuee"]
        );
    }

    #[test]
    fn not_figures() {
        let none: Vec<String> = vec![];
        for t in [
            "Le 14 mars 2021 à 9h30, puis à 10:05, la séance a repris.",
            "00:12 Il parle. 01:40Elle répond.",
            "C'est la 3e fois depuis 1998 que le pont ferme.",
            "Appelez le 01 23 45 67 89 ou le 3919.",
            "Le A380 et le F-16 sont restés au sol.",
            "Il a vécu 85 ans et travaillé 30 heures par semaine.",
            "Des rafales de 150 km/h ont soufflé.",
            "Le plan repose sur trois priorités et deux raisons.",
            "Le rapport de 2019 et la loi de 2021 le prévoient.",
            "Le club a gagné 3 à 1 dimanche.",
        ] {
            assert_eq!(find(Lang::Fr, t), none, "{t}");
        }
        for t in [
            "On March 3, 2021, at 10:05 a.m., the council met.",
            "Gusts of 70 mph (113 kph) were recorded.",
            "It was the 3rd time since 1998; a 19-year-old was hurt.",
            "The 2019 storm season was quiet.",
            "He gave three reasons and two examples.",
            "Fire crews arrived at 3 a.m. and one person familiar with the case spoke.",
            "Updated 2 hrs ago, a 5 min read.",
        ] {
            assert_eq!(find(Lang::En, t), none, "{t}");
        }
        // A conversion in brackets is the same figure.
        assert_eq!(
            find(
                Lang::En,
                "It burned 30 square miles (78 square kilometers)."
            ),
            vec!["30 square mile"]
        );
        // A year before a plural noun is a count.
        assert_eq!(find(Lang::En, "2000 troops landed."), vec!["2000 troop"]);
    }

    #[test]
    fn kinds_meet_across_words_and_languages() {
        let kind = |lang, t: &str| -> Vec<String> {
            let rules = RuleSet::bundled(lang);
            FigureFinder::new(&rules.figures)
                .find(t, 0)
                .into_iter()
                .map(|f| f.kind)
                .collect()
        };
        for (lang, t) in [
            (Lang::Fr, "L'explosion a fait 12 morts."),
            (Lang::Fr, "On déplore 12 décès."),
            (Lang::Fr, "12 personnes ont été tuées."),
            (Lang::Fr, "L'explosion a tué au moins 12 personnes."),
            (Lang::En, "The blast left 12 dead."),
            (Lang::En, "At least 12 people died in the blast."),
            (Lang::En, "The blast killed 12 people."),
            (Lang::En, "Blast deaths rose to 12."),
        ] {
            assert_eq!(kind(lang, t), vec!["dead"], "{t}");
        }
        assert_eq!(
            kind(Lang::Fr, "12 personnes sont portées disparues."),
            vec!["missing"]
        );
        assert_eq!(kind(Lang::En, "12 people are missing."), vec!["missing"]);
        assert_eq!(
            kind(Lang::Fr, "Trois personnes sont encore recherchées."),
            vec!["missing"]
        );
        assert_eq!(
            kind(Lang::Fr, "Le séisme a fait 12 morts et 80 blessés."),
            vec!["dead", "injured"]
        );
        assert_eq!(
            kind(Lang::En, "The quake killed 12 people and injured 80 more."),
            vec!["dead", "injured"]
        );
        assert_eq!(
            kind(
                Lang::Fr,
                "Une trentaine de personnes blessées ou disparues."
            ),
            vec!["injured|missing"]
        );
        assert_eq!(
            kind(Lang::Fr, "Plus de 900 maisons ont été détruites."),
            vec!["building.destroyed"]
        );
        assert_eq!(
            kind(Lang::En, "The storm destroyed or damaged 900 homes."),
            vec!["building.damaged|destroyed"]
        );
        assert_eq!(
            kind(Lang::En, "900 buildings were either destroyed or damaged."),
            vec!["building.damaged|destroyed"]
        );
        assert_eq!(
            kind(Lang::Fr, "La reconstruction coûtera 2 milliards d'euros."),
            vec!["money.cost"]
        );
        assert_eq!(
            kind(Lang::En, "Rebuilding will cost $2 billion."),
            vec!["money.cost"]
        );
        assert_eq!(
            kind(Lang::En, "Each family gets $5,000 apiece."),
            vec!["money.each"]
        );
        assert_eq!(
            kind(Lang::En, "Rebuilding will cost €1.5bn to €2bn."),
            vec!["money.cost", "money.cost"]
        );
        assert_eq!(
            kind(Lang::En, "Some 5,000 people live in the valley."),
            vec!["person"]
        );
        // Jobs, posts and the people who hold them are one quantity.
        assert_eq!(
            kind(
                Lang::Fr,
                "L'usine fermera : 420 salariés et 60 postes d'intérimaires."
            ),
            vec!["job", "job"]
        );
        assert_eq!(
            kind(Lang::En, "The mill will shed 420 jobs, or 420 workers."),
            vec!["job", "job"]
        );
        // ... but rescue workers are rescuers.
        assert_eq!(
            kind(Lang::En, "Some 200 rescue workers searched the hills."),
            vec!["rescuer"]
        );
        assert_eq!(
            kind(
                Lang::En,
                "Twelve residents lost their lives in the avalanche."
            ),
            vec!["dead"]
        );
        assert_eq!(
            kind(Lang::En, "Rescuers searched hundreds of collapsed homes."),
            vec!["building.destroyed"]
        );
        assert_eq!(
            kind(Lang::En, "The blaze is 30% contained."),
            vec!["percent.containment"]
        );
        assert_eq!(
            kind(
                Lang::Fr,
                "Les trois accusés sont visés respectivement par 4, 7 et 9 plaintes."
            ),
            vec!["complaint.each", "complaint.each", "complaint.each"]
        );
        // Units of measure compare in their kind's base unit.
        let rules = RuleSet::bundled(Lang::En);
        let f =
            FigureFinder::new(&rules.figures).find("It burned 10 square miles and 2,000 acres.", 0);
        assert_eq!(f[0].kind, "area");
        assert_eq!(f[1].kind, "area");
        assert!((f[0].measure - 2590.0).abs() < 1.0 && (f[1].measure - 809.4).abs() < 1.0);
    }

    #[test]
    fn odd_input_never_panics_and_spans_stay_on_characters() {
        let pieces = [
            "1",
            "00",
            "000",
            " ",
            "\u{202F}",
            ".",
            ",",
            "'",
            "’",
            ":",
            "/",
            "-",
            "(",
            ")",
            "$",
            "€",
            "%",
            "«",
            "»",
            "é",
            "de",
            "des",
            "milliers",
            "dont",
            "et",
            "à",
            "morts",
            "people",
            "hundreds",
            "of",
            "killed",
            "trois",
            "mille",
            "vingt-",
            "un",
            "one",
            "square",
            "miles",
            "respectivement",
            "ou",
            "détruits",
            "h",
            "2024",
            "Sept",
            "per",
            "cent",
            "😀",
            "\n",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for lang in [Lang::Fr, Lang::En] {
            let rules = RuleSet::bundled(lang);
            let finder = FigureFinder::new(&rules.figures);
            for _ in 0..3000 {
                let n = (next() % 14) as usize;
                let text: String = (0..n)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(if next() % 3 == 0 { "" } else { " " });
                for f in finder.find(&text, 0) {
                    assert!(f.start <= f.end && f.end <= text.len(), "{text:?}");
                    assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                    assert!(f.value.is_finite() && f.measure.is_finite(), "{text:?}");
                }
            }
        }
    }

    /// Each figure as "value noun @scope words #year".
    fn scoped(lang: Lang, text: &str) -> Vec<String> {
        let rules = RuleSet::bundled(lang);
        FigureFinder::new(&rules.figures)
            .find(text, 0)
            .iter()
            .map(|f| {
                let mut s = f.render();
                if !f.scope.is_empty() {
                    s.push_str(&format!(" @{}", f.scope.join(" ")));
                }
                if let Some(y) = f.year {
                    s.push_str(&format!(" #{y}"));
                }
                s
            })
            .collect()
    }

    #[test]
    fn a_count_is_of_the_place_its_clause_names() {
        assert_eq!(
            scoped(
                Lang::En,
                "The floods drowned 12 people in Port Stanley and 5 in Fairview."
            ),
            vec!["12 people @port stanley", "5 people @fairview"]
        );
        assert_eq!(
            scoped(Lang::En, "In Sonora state, 30 people died on Monday."),
            vec!["30 people @sonora"]
        );
        assert_eq!(
            scoped(
                Lang::Fr,
                "La tempête a fait 9 morts et 2 disparus à Rennes."
            ),
            vec!["9 mort @rennes", "2 disparu @rennes"]
        );
        assert_eq!(
            scoped(
                Lang::Fr,
                "Le toit de l'école de Brives s'est effondré, blessant 14 élèves."
            ),
            vec!["14 élève"]
        );
        assert_eq!(
            scoped(
                Lang::Fr,
                "Quatre enseignants ont été blessés à l'hôpital de Rennes."
            ),
            vec!["4 enseignant @hopital rennes"]
        );
    }

    #[test]
    fn a_count_of_a_named_or_dated_event_says_so() {
        assert_eq!(
            scoped(
                Lang::En,
                "It recalled the 1962 flood that drowned 300 people in the valley."
            ),
            vec!["300 people #1962"]
        );
        assert_eq!(
            scoped(Lang::En, "The Ridge Fire has burned 4,000 acres."),
            vec!["4000 acre @ridge"]
        );
        assert_eq!(
            scoped(Lang::Fr, "En mai 1976, la crue avait fait 14 morts."),
            vec!["14 mort #1976"]
        );
        // A year in a short opening phrase dates the first clause, past commas.
        assert_eq!(
            scoped(
                Lang::Fr,
                "En 2009, une crue a submergé la vallée, faisant 31 morts."
            ),
            vec!["31 mort #2009"]
        );
        assert_eq!(
            scoped(
                Lang::En,
                "On March 3, 2011, the police said that 9 people had drowned."
            ),
            vec!["9 people #2011"]
        );
        // ... but not a later clause.
        assert_eq!(
            scoped(
                Lang::En,
                "In 2011, the river flooded the town; this week 9 people drowned."
            ),
            vec!["9 people"]
        );
        // A span or a birth is no date of the count.
        assert_eq!(
            scoped(Lang::Fr, "Entre 1990 et 2000, 14 usines ont fermé."),
            vec!["14 usine"]
        );
        assert_eq!(
            scoped(
                Lang::Fr,
                "Depuis 2015, dans la région, 14 usines ont fermé."
            ),
            vec!["14 usine"]
        );
        // A place that is no capitalised name nor a site is no scope.
        assert_eq!(
            scoped(Lang::En, "Some 40 homes were destroyed in the storm."),
            vec!["40 home"]
        );
    }

    fn kinds(lang: Lang, text: &str) -> Vec<String> {
        let rules = RuleSet::bundled(lang);
        FigureFinder::new(&rules.figures)
            .find(text, 0)
            .iter()
            .map(|f| f.kind.clone())
            .collect()
    }

    #[test]
    fn killing_tolls_bodies_and_passengers() {
        assert_eq!(
            kinds(
                Lang::En,
                "The storm hit the coast, killing at least 40 people."
            ),
            vec!["dead"]
        );
        assert_eq!(
            kinds(
                Lang::Fr,
                "La tempête a frappé la côte, tuant au moins 40 personnes."
            ),
            vec!["dead"]
        );
        assert_eq!(
            kinds(
                Lang::En,
                "Officials said the toll could be in the hundreds."
            ),
            vec!["dead"]
        );
        assert_eq!(
            kinds(
                Lang::Fr,
                "Les plongeurs ont retrouvé quatre corps dans le lac."
            ),
            vec!["dead"]
        );
        assert_eq!(
            kinds(
                Lang::En,
                "The jet was carrying 180 passengers. The crash killed 170 passengers."
            ),
            vec!["passenger", "passenger.dead"]
        );
        assert_eq!(
            kinds(Lang::Fr, "Au moins 12 passagers ont survécu à l'accident."),
            vec!["passenger.rescued"]
        );
    }

    #[test]
    fn each_part_of_a_plural_compound_is_made_singular() {
        assert_eq!(
            kinds(
                Lang::Fr,
                "Près de 90 sapeurs-pompiers et 30 pompiers volontaires sont sur place."
            ),
            vec!["rescuer", "rescuer"]
        );
        assert_eq!(
            kinds(
                Lang::En,
                "She has three brothers-in-law and two cease-fires."
            ),
            vec!["brother-in-law", "cease-fire"]
        );
    }

    #[test]
    fn a_word_of_increment_marks_the_figure() {
        let increments = |lang, t: &str| -> Vec<bool> {
            let rules = RuleSet::bundled(lang);
            FigureFinder::new(&rules.figures)
                .find(t, 0)
                .iter()
                .map(|f| f.increment)
                .collect()
        };
        assert_eq!(
            increments(
                Lang::Fr,
                "Les secours ont retrouvé deux autres corps et 5 blessés."
            ),
            vec![true, false]
        );
        assert_eq!(
            increments(Lang::Fr, "On compte 3 blessés supplémentaires."),
            vec![true]
        );
        assert_eq!(
            increments(
                Lang::En,
                "Divers found two more bodies; more than 30 people died."
            ),
            vec![true, false]
        );
        assert_eq!(
            increments(Lang::En, "The group filed 25 new complaints."),
            vec![true]
        );
    }

    #[test]
    fn a_magnitude_has_decimals_a_count_of_quakes_none() {
        assert_eq!(
            kinds(
                Lang::En,
                "A 6.4 magnitude earthquake shook the coast, then two earthquakes followed."
            ),
            vec!["magnitude", "earthquake"]
        );
        assert_eq!(
            kinds(Lang::En, "The 5.8 quake was felt inland."),
            vec!["magnitude"]
        );
        assert_eq!(
            kinds(
                Lang::Fr,
                "Un séisme de 5,8 a été ressenti, puis trois secousses."
            ),
            vec!["magnitude", "secousse"]
        );
    }

    #[test]
    fn a_number_after_a_comma_takes_its_own_predicate() {
        assert_eq!(
            kinds(
                Lang::Fr,
                "Douze personnes sont mortes, trois sont portées disparues."
            ),
            vec!["dead", "missing"]
        );
        assert_eq!(
            kinds(Lang::En, "Twelve people died, three remain missing."),
            vec!["dead", "missing"]
        );
        assert_eq!(
            kinds(
                Lang::Fr,
                "Huit personnes ont été tuées, 30 personnes ont été blessées."
            ),
            vec!["dead", "injured"]
        );
        // After a clause word too, and past an auxiliary.
        assert_eq!(
            kinds(
                Lang::Fr,
                "Neuf personnes ont péri et 140 ont été blessées, dont 12 grièvement."
            ),
            vec!["dead", "injured", "injured"]
        );
        assert_eq!(
            kinds(Lang::En, "Six people died and 40 were injured."),
            vec!["dead", "injured"]
        );
        // Without a predicate of its own, it is another count of the same.
        assert_eq!(
            kinds(Lang::En, "The flood killed 12, and officials feared 20."),
            vec!["dead", "dead"]
        );
    }
}
