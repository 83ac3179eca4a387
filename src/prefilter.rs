//! ASCII prefilters for rule patterns.
//!
//! The regex engine's fast lazy DFA cannot handle Unicode word boundaries
//! (`\b`) on non-ASCII text: on French or English prose with accents, curly
//! apostrophes or no-break spaces it falls back to an NFA that is tens of
//! times slower, and nearly every rule pattern uses `\b`. So each pattern gets
//! a prefilter: the same regex with every character class widened so that it
//! runs on the text's *skeleton*, where accented letters, typographic
//! apostrophes, quotes, dashes and spaces are replaced, one character for one
//! character, by their ASCII counterparts, and every other character outside
//! ASCII by a placeholder of the same word status (`_` for a word character,
//! DEL for any other), so that the skeleton is ASCII. A prefilter therefore
//! keeps only the ASCII part of each widened class, and its word boundaries
//! are ASCII ones (the same on ASCII text): a small automaton, quick to
//! compile, on which the DFA runs at full speed.
//!
//! The prefilter matches whenever the pattern matches (it is a superset): a
//! character `c` the pattern accepts at some point is replaced by `skel(c)`,
//! which the widened class accepts too, and `skel` keeps every character's
//! word/non-word status and line breaks, so anchors and word boundaries hold
//! at the same places. The exact pattern then runs on the original text only
//! when its prefilter matches the skeleton, which for most units it does not,
//! and only where a match of the prefilter starts: the pattern cannot match
//! at a position where its prefilter does not. Bounded repetitions are
//! widened to unbounded ones (`x{2,100}` to `x{2,}`), still a superset, so that
//! the DFA need not count.

use regex_automata::meta::Regex;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use std::sync::OnceLock;
use unicode_normalization::char::decompose_canonical;

/// The skeleton character of `c` (itself when it has none).
fn skel_char(c: char) -> char {
    match c {
        '\n' | '\r' => c,
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '\u{2032}' | '\u{201B}' => '\'',
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        'œ' => 'o',
        'Œ' => 'O',
        'æ' => 'a',
        'Æ' => 'A',
        'ß' => 's',
        c if c.is_whitespace() => ' ',
        c if c.is_ascii() => c,
        c => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            match base {
                Some(b) if b.is_ascii() && b != c => b,
                _ => c,
            }
        }
    }
}

/// Every character whose skeleton differs from it, with that skeleton, when
/// the two have the same word status (others get a placeholder, see
/// [`skeleton_char`]).
fn table() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let ranges = [
            '\u{0080}'..='\u{024F}',
            '\u{02B0}'..='\u{02FF}',
            '\u{1E00}'..='\u{1EFF}',
            '\u{2000}'..='\u{206F}',
            '\u{2212}'..='\u{2212}',
            '\u{3000}'..='\u{3000}',
        ];
        let mut out = Vec::new();
        for r in ranges {
            for c in r {
                let s = skel_char(c);
                if s != c
                    && regex_syntax::is_word_character(s) == regex_syntax::is_word_character(c)
                {
                    out.push((c, s));
                }
            }
        }
        out
    })
}

/// The skeleton of a word character outside ASCII and the table.
const WORD_PLACEHOLDER: char = '_';

/// The skeleton of any other character outside ASCII and the table.
const OTHER_PLACEHOLDER: char = '\u{7F}';

/// The characters outside ASCII and the table: the word characters (whose
/// skeleton is [`WORD_PLACEHOLDER`]) and the others ([`OTHER_PLACEHOLDER`]).
fn placeheld() -> &'static (ClassUnicode, ClassUnicode) {
    static SETS: OnceLock<(ClassUnicode, ClassUnicode)> = OnceLock::new();
    SETS.get_or_init(|| {
        let known = ClassUnicode::new(
            table()
                .iter()
                .map(|&(c, _)| ClassUnicodeRange::new(c, c))
                .chain([ClassUnicodeRange::new('\0', '\u{7F}')]),
        );
        let word = match regex_syntax::parse(r"\w").map(|h| h.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(c))) => c,
            _ => ClassUnicode::empty(),
        };
        let mut other = ClassUnicode::new([ClassUnicodeRange::new('\0', char::MAX)]);
        other.difference(&word);
        other.difference(&known);
        let mut word = word;
        word.difference(&known);
        (word, other)
    })
}

/// The skeleton of `c`: its table entry, else itself in ASCII, else the
/// placeholder of its word status.
fn skeleton_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let t = table();
    match t.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => t[i].1,
        Err(_) if regex_syntax::is_word_character(c) => WORD_PLACEHOLDER,
        Err(_) => OTHER_PLACEHOLDER,
    }
}

/// The skeleton of a text into `out` (cleared first): each character replaced
/// by its ASCII counterpart or placeholder.
pub fn skeleton_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    out.reserve(text.len());
    out.extend(text.chars().map(skeleton_char));
}

/// Widen a class to accept the skeleton of every character it accepts.
fn widen(class: &ClassUnicode) -> ClassUnicode {
    let mut wide = class.clone();
    let mut extra = Vec::new();
    // The table is sorted by character: the entries inside each range of
    // the class are a run of it.
    let t = table();
    for r in class.ranges() {
        let from = t.partition_point(|&(c, _)| c < r.start());
        for &(c, s) in &t[from..] {
            if c > r.end() {
                break;
            }
            extra.push(ClassUnicodeRange::new(s, s));
        }
    }
    let (word, other) = placeheld();
    for (set, placeholder) in [(word, WORD_PLACEHOLDER), (other, OTHER_PLACEHOLDER)] {
        let mut common = class.clone();
        common.intersect(set);
        if !common.ranges().is_empty() {
            extra.push(ClassUnicodeRange::new(placeholder, placeholder));
        }
    }
    if !extra.is_empty() {
        wide.union(&ClassUnicode::new(extra));
    }
    wide
}

/// The prefilter of a pattern's syntax tree; None when the pattern uses
/// something the skeleton does not preserve (ASCII-only word boundaries,
/// byte classes).
fn transform(h: &Hir) -> Option<Hir> {
    Some(match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let mapped: String = s.chars().map(skeleton_char).collect();
            Hir::literal(mapped.into_bytes())
        }
        // The skeleton is ASCII: only the ASCII part of a class can match.
        HirKind::Class(Class::Unicode(c)) => {
            let mut wide = widen(c);
            wide.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\u{7F}')]));
            Hir::class(Class::Unicode(wide))
        }
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Look(look) => match look {
            Look::WordAscii
            | Look::WordAsciiNegate
            | Look::WordStartAscii
            | Look::WordEndAscii
            | Look::WordStartHalfAscii
            | Look::WordEndHalfAscii => return None,
            // On ASCII text, Unicode word boundaries are ASCII ones.
            Look::WordUnicode => Hir::look(Look::WordAscii),
            Look::WordUnicodeNegate => Hir::look(Look::WordAsciiNegate),
            Look::WordStartUnicode => Hir::look(Look::WordStartAscii),
            Look::WordEndUnicode => Hir::look(Look::WordEndAscii),
            Look::WordStartHalfUnicode => Hir::look(Look::WordStartHalfAscii),
            Look::WordEndHalfUnicode => Hir::look(Look::WordEndHalfAscii),
            _ => Hir::look(*look),
        },
        // A bounded repetition is widened to an unbounded one (a superset
        // still): `x{2,100}` would make the DFA track every count.
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(transform(&r.sub)?);
            if r.max.is_some_and(|m| m > 1) {
                r.max = None;
            }
            Hir::repetition(r)
        }
        // Only whether it matches counts: groups are dropped.
        HirKind::Capture(c) => transform(&c.sub)?,
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(transform).collect::<Option<_>>()?),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(transform).collect::<Option<_>>()?)
        }
    })
}

/// The syntax tree of [`prefilter`]'s regex, or None when it has none.
pub fn prefilter_hir(expanded: &str, case_insensitive: bool) -> Option<Hir> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(expanded)
        .ok()?;
    transform(&hir)
}

/// One automaton over the prefilters of many patterns (see
/// [`prefilter_hir`]), that tells in one pass over a skeleton which of them
/// match somewhere in it; None when it cannot be compiled.
pub fn prefilter_set(hirs: &[Hir]) -> Option<Regex> {
    Regex::builder()
        .configure(
            Regex::config()
                .match_kind(regex_automata::MatchKind::All)
                .nfa_size_limit(Some(50 << 20))
                .auto_prefilter(false),
        )
        .build_many_from_hir(hirs)
        .ok()
}

/// The prefilter of a pattern (in the regex syntax the matcher compiles, with
/// its case-insensitivity already applied), or None when it has none.
///
/// It is compiled from its syntax tree, with the engine settings of
/// [`regex::Regex`] (leftmost-first, UTF-8, the same size limit).
pub fn prefilter(expanded: &str, case_insensitive: bool) -> Option<Regex> {
    let filter = prefilter_hir(expanded, case_insensitive)?;
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(50 << 20))
                .auto_prefilter(false),
        )
        .build_from_hir(&filter)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skel(t: &str) -> String {
        let mut s = String::new();
        skeleton_into(t, &mut s);
        s
    }

    #[test]
    fn skeleton_is_ascii_for_latin_prose_and_keeps_character_count() {
        // Letters without a canonical decomposition (Ł) and other signs
        // (·, €) get the placeholder of their word status.
        let t =
            "D’après l’Élysée — « il n’y a œuvre »\u{00A0}: très… Zürich, São Paulo, Łódź · 5 €";
        let s = skel(t);
        assert_eq!(
            s,
            "D'apres l'Elysee - \" il n'y a ouvre \" : tres. Zurich, Sao Paulo, _odz \u{7F} 5 \u{7F}"
        );
        assert!(s.is_ascii());
        assert_eq!(s.chars().count(), t.chars().count());
    }

    #[test]
    fn every_character_has_an_ascii_skeleton_of_its_word_status() {
        // The prefilters keep only the ASCII part of their classes.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = skeleton_char(c);
            assert!(s.is_ascii(), "{c:?}");
            assert_eq!(
                regex_syntax::is_word_character(c),
                regex_syntax::is_word_character(s),
                "{c:?}"
            );
        }
    }

    #[test]
    fn table_is_sorted_by_character() {
        assert!(table().windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn skeleton_keeps_word_status() {
        for &(c, s) in table() {
            assert_eq!(
                regex_syntax::is_word_character(c),
                regex_syntax::is_word_character(s),
                "{c:?}"
            );
            assert!(c != '\n' && c != '\r');
        }
    }

    #[test]
    fn prefilter_matches_wherever_the_pattern_matches() {
        let cases = [
            (r"\bdéclaré\b", "Il a déclaré que", true),
            (
                r"\b\p{L}*[^\Wé]er(?:ais|ait)\b",
                "Ce serait une erreur",
                true,
            ),
            (r"[^,;«»]{2,10}\s+a\sdit", "Le général  a dit", true),
            (r"(?-i:\p{Lu})\p{L}+", "l’Élysée", true),
            (r"\bpara[iî]t\b", "Il paraît que", true),
            (r"\bpara[iî]t\b", "Il part", false),
            (r"\bŁódź\b", "à Łódź.", true),
            (r"(?-i:\p{Lu})\p{L}+\b", "Ørsted", true),
            (r"\d+\s*€", "5 €", true),
            (r"\s·\s", "Paris · Lyon", true),
            (r"[^\w\s]\s\w+", "ok · Lyon", true),
        ];
        for (p, text, expect) in cases {
            let exact = regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap();
            let filter = prefilter(p, true).unwrap();
            assert_eq!(exact.is_match(text), expect, "{p} on {text}");
            if expect {
                assert!(filter.is_match(&skel(text)), "{p} on {text}");
            }
        }
        // A filter may match more than its pattern, never less.
        let f = prefilter(r"\bà\b", true).unwrap();
        assert!(f.is_match(&skel("a")));
        // Bounded repetitions are widened to unbounded ones.
        let f = prefilter(r"^[^,]{2,5}?\sa\sdit", true).unwrap();
        assert!(f.is_match(&skel("Le général a dit")));
        assert!(!f.is_match(&skel("Le, général a dit")));
        assert!(prefilter(r"x{2,3}", true).unwrap().is_match("xxxxx"));
        assert!(!prefilter(r"^x{2,3}$", true).unwrap().is_match("x"));
    }

    #[test]
    fn ascii_word_boundaries_get_no_prefilter() {
        assert!(prefilter(r"(?-u:\b)x", true).is_none());
        assert!(prefilter(r"\bx", true).is_some());
    }
}
