//! Find where rules fire in a text: one Aho-Corasick pass for every cue of
//! every rule (on folded text), one regex-set pass for every pattern, then
//! exceptions and overlaps are resolved.

use crate::fold::{fold, is_word_char, Folded};
use crate::rules::{Category, RuleSet, RulesError};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// One place where a rule fired, with byte spans into the matched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in its rule set.
    pub rule: usize,
    /// Start of the matched text.
    pub start: usize,
    /// End of the matched text.
    pub end: usize,
    /// Span of the credited source, for attribution patterns.
    pub source: Option<(usize, usize)>,
}

/// Rewrite a pattern so that `'` matches every apostrophe and a space matches
/// any white space (including no-break spaces).
fn expand_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '\'' if in_class => out.push_str("'’‘ʼ"),
            '\'' => out.push_str("['’‘ʼ]"),
            ' ' if !in_class => out.push_str(r"\s"),
            ' ' => out.push_str(r"\s"),
            _ => out.push(c),
        }
    }
    out
}

/// Compile one rules-file pattern the way the matcher does.
pub fn build_regex(pattern: &str, case_sensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&expand_pattern(pattern))
        .case_insensitive(!case_sensitive)
        .size_limit(50 << 20)
        .build()
}

/// A set of phrases matched on folded text, on word boundaries.
#[derive(Debug, Clone)]
struct PhraseSet {
    ac: Option<AhoCorasick>,
    owner: Vec<usize>,
}

impl PhraseSet {
    fn new(phrases: Vec<(usize, String)>) -> Result<PhraseSet, String> {
        if phrases.is_empty() {
            return Ok(PhraseSet {
                ac: None,
                owner: vec![],
            });
        }
        let (owner, pats): (Vec<usize>, Vec<String>) = phrases.into_iter().unzip();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .map_err(|e| e.to_string())?;
        Ok(PhraseSet {
            ac: Some(ac),
            owner,
        })
    }

    /// Matches as (rule, folded start, folded end).
    fn find(&self, folded: &str, out: &mut Vec<(usize, usize, usize)>) {
        let Some(ac) = &self.ac else { return };
        for m in ac.find_overlapping_iter(folded) {
            let (s, e) = (m.start(), m.end());
            let pat = &folded[s..e];
            let before_ok = !pat.starts_with(is_word_char)
                || !folded[..s].chars().next_back().is_some_and(is_word_char);
            let after_ok = !pat.ends_with(is_word_char)
                || !folded[e..].chars().next().is_some_and(is_word_char);
            if before_ok && after_ok {
                out.push((self.owner[m.pattern().as_usize()], s, e));
            }
        }
    }
}

/// A regex match: rule, start, end, and the span of its `source` group.
type PatternMatch = (usize, usize, usize, Option<(usize, usize)>);

/// A set of regexes, prefiltered by one `RegexSet` pass.
#[derive(Debug, Clone)]
struct PatternSet {
    set: RegexSet,
    regexes: Vec<Regex>,
    owner: Vec<usize>,
}

impl PatternSet {
    fn new(patterns: Vec<(usize, String, bool)>) -> Result<PatternSet, regex::Error> {
        let mut regexes = Vec::with_capacity(patterns.len());
        let mut owner = Vec::with_capacity(patterns.len());
        let mut sources = Vec::with_capacity(patterns.len());
        for (rule, p, cs) in patterns {
            let expanded = expand_pattern(&p);
            sources.push(if cs {
                expanded.clone()
            } else {
                format!("(?i:{expanded})")
            });
            regexes.push(build_regex(&p, cs)?);
            owner.push(rule);
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(200 << 20)
            .build()?;
        Ok(PatternSet {
            set,
            regexes,
            owner,
        })
    }

    /// Matches as (rule, start, end, source span).
    fn find(&self, text: &str, out: &mut Vec<PatternMatch>) {
        if self.regexes.is_empty() {
            return;
        }
        for i in self.set.matches(text).iter() {
            let re = &self.regexes[i];
            let source_idx = re.capture_names().position(|n| n == Some("source"));
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                if m.start() == m.end() {
                    continue;
                }
                let source = source_idx
                    .and_then(|k| caps.get(k))
                    .filter(|g| g.start() < g.end())
                    .map(|g| (g.start(), g.end()));
                out.push((self.owner[i], m.start(), m.end(), source));
            }
        }
    }
}

/// All rules of a rule set compiled for matching.
#[derive(Debug, Clone)]
pub struct Matcher {
    cues: PhraseSet,
    patterns: PatternSet,
    exception_phrases: PhraseSet,
    exception_patterns: PatternSet,
    categories: Vec<Category>,
}

impl Matcher {
    /// Compile every cue, pattern and exception of the rule set.
    pub fn new(rules: &RuleSet) -> Result<Matcher, RulesError> {
        let mut cues = Vec::new();
        let mut pats = Vec::new();
        let mut exc = Vec::new();
        let mut exc_pats = Vec::new();
        for (i, r) in rules.rules.iter().enumerate() {
            cues.extend(
                r.cues
                    .iter()
                    .map(|c| (i, crate::fold::fold_phrase(&c.text))),
            );
            pats.extend(
                r.patterns
                    .iter()
                    .map(|p| (i, p.text.clone(), r.case_sensitive)),
            );
            exc.extend(
                r.exceptions
                    .iter()
                    .map(|c| (i, crate::fold::fold_phrase(&c.text))),
            );
            exc_pats.extend(
                r.exception_patterns
                    .iter()
                    .map(|p| (i, p.text.clone(), r.case_sensitive)),
            );
        }
        let whole = |message: String| RulesError {
            file: rules.name.clone(),
            line: 1,
            column: 1,
            message,
        };
        Ok(Matcher {
            cues: PhraseSet::new(cues)
                .map_err(|e| whole(format!("cannot compile the cues: {e}")))?,
            patterns: PatternSet::new(pats)
                .map_err(|e| whole(format!("cannot compile the patterns: {e}")))?,
            exception_phrases: PhraseSet::new(exc)
                .map_err(|e| whole(format!("cannot compile the exceptions: {e}")))?,
            exception_patterns: PatternSet::new(exc_pats)
                .map_err(|e| whole(format!("cannot compile the exception patterns: {e}")))?,
            categories: rules.rules.iter().map(|r| r.category).collect(),
        })
    }

    /// Every place a rule fires in `text`, sorted by position then rule.
    ///
    /// A match overlapped by an exception of its own rule is cancelled. A
    /// match strictly inside a longer match of another rule is dropped (so
    /// "selon toute vraisemblance" is one hedge, not also "selon"), except
    /// inside attribution spans, which may contain cues of their own, and
    /// vague-source matches, which are always kept.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = fold(text);
        self.find_folded(text, &folded)
    }

    /// As [`Matcher::find`], with the text already folded.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        let mut raw = Vec::new();
        self.cues.find(&folded.text, &mut raw);
        let mut hits: Vec<Hit> = raw
            .into_iter()
            .map(|(rule, s, e)| {
                let (start, end) = folded.original_span(s, e);
                Hit {
                    rule,
                    start,
                    end,
                    source: None,
                }
            })
            .collect();
        let mut pat = Vec::new();
        self.patterns.find(text, &mut pat);
        hits.extend(pat.into_iter().map(|(rule, start, end, source)| Hit {
            rule,
            start,
            end,
            source,
        }));
        if hits.is_empty() {
            return hits;
        }

        let mut exc = Vec::new();
        self.exception_phrases.find(&folded.text, &mut exc);
        let mut cancel: Vec<(usize, usize, usize)> = exc
            .into_iter()
            .map(|(rule, s, e)| {
                let (s, e) = folded.original_span(s, e);
                (rule, s, e)
            })
            .collect();
        let mut exc_pat = Vec::new();
        self.exception_patterns.find(text, &mut exc_pat);
        cancel.extend(exc_pat.into_iter().map(|(rule, s, e, _)| (rule, s, e)));
        if !cancel.is_empty() {
            hits.retain(|h| {
                !cancel
                    .iter()
                    .any(|&(rule, s, e)| rule == h.rule && s < h.end && h.start < e)
            });
        }

        let cats = &self.categories;
        let keep: Vec<bool> = hits
            .iter()
            .map(|h| {
                cats[h.rule] == Category::VagueSource
                    || !hits.iter().any(|o| {
                        o.rule != h.rule
                            && cats[o.rule] != Category::Attribution
                            && cats[o.rule] != Category::VagueSource
                            && o.start <= h.start
                            && h.end <= o.end
                            && (o.end - o.start) > (h.end - h.start)
                    })
            })
            .collect();
        let mut kept: Vec<Hit> = hits
            .into_iter()
            .zip(keep)
            .filter_map(|(h, k)| k.then_some(h))
            .collect();
        kept.sort_by_key(|h| (h.start, h.rule, h.end));
        kept.dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(rules: &str) -> RuleSet {
        let text = format!(
            "language = \"fr\"\n[model]\nbase = 3.0\nlabels = {{ certain = 0.85, probable = 0.6, possible = 0.05 }}\n{rules}"
        );
        RuleSet::parse(&text, "t.toml").unwrap()
    }

    #[test]
    fn cues_match_on_word_boundaries_case_and_accent_insensitively() {
        let rs = set(
            "[[rule]]\nid = \"h\"\ncategory = \"hedge\"\ncues = [\"prétendument\", \"d'après\"]\n",
        );
        let m = Matcher::new(&rs).unwrap();
        let text = "Il serait PRETENDUMENT parti, d’après elle; prétendumentx non.";
        let hits = m.find(text);
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, vec!["PRETENDUMENT", "d’après"]);
    }

    #[test]
    fn exceptions_cancel_overlapping_matches_only() {
        let rs = set(
            "[[rule]]\nid = \"p\"\ncategory = \"hedge\"\ncues = [\"potentiel\"]\nexceptions = [\"un potentiel\"]\n",
        );
        let m = Matcher::new(&rs).unwrap();
        let text = "Un potentiel considérable, et un risque potentiel.";
        let hits = m.find(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "potentiel");
        assert!(hits[0].start > 20);
    }

    #[test]
    fn longer_match_of_another_rule_wins() {
        let rs = set(
            "[[rule]]\nid = \"a\"\ncategory = \"attribution\"\ncues = [\"selon\"]\n[[rule]]\nid = \"h\"\ncategory = \"hedge\"\ncues = [\"selon toute vraisemblance\"]\n",
        );
        let m = Matcher::new(&rs).unwrap();
        let hits = m.find("Selon toute vraisemblance, il viendra.");
        assert_eq!(hits.len(), 1);
        assert_eq!(rs.rules[hits[0].rule].id, "h");
    }

    #[test]
    fn patterns_capture_sources_and_fold_apostrophes() {
        let rs = set(
            "[[rule]]\nid = \"a\"\ncategory = \"attribution\"\npatterns = [\"\"\"d'après (?P<source>[^,]+)\"\"\"]\n",
        );
        let m = Matcher::new(&rs).unwrap();
        let text = "D’après le ministère, tout va bien.";
        let hits = m.find(text);
        let (s, e) = hits[0].source.unwrap();
        assert_eq!(&text[s..e], "le ministère");
    }

    #[test]
    fn pattern_spaces_match_no_break_spaces() {
        assert!(build_regex("12 000", false)
            .unwrap()
            .is_match("12\u{202F}000"));
        assert!(build_regex("[a' ]x", false).unwrap().is_match("’x"));
    }
}
