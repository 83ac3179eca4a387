//! Find where rules fire in a text: one Aho-Corasick pass for every cue of
//! every rule (on folded text), one regex-set pass for every pattern, then
//! exceptions and overlaps are resolved.

use crate::fold::{fold, is_word_char, Folded};
use crate::rules::{Category, RuleSet, RulesError};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

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

/// The regex engine a rule pattern runs with: [`build_regex`]'s, without
/// the lazy DFA. A pattern only runs from where its prefilter matches,
/// most often on text with accented letters, where the lazy DFA gives up
/// (it cannot see Unicode word boundaries there); without it, compiling
/// takes half the time (no reverse automaton) and the matches are the same.
type Exact = regex_automata::meta::Regex;

/// Compile one rules-file pattern for [`PatternSet`] (see [`Exact`]).
fn build_exact(pattern: &str, case_sensitive: bool) -> Result<Exact, regex::Error> {
    let config = Exact::config()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(50 << 20))
        .hybrid(false)
        .auto_prefilter(false);
    let syntax = regex_automata::util::syntax::Config::new()
        .case_insensitive(!case_sensitive)
        .utf8(true);
    Exact::builder()
        .configure(config)
        .syntax(syntax)
        .build(&expand_pattern(pattern))
        // The error as `regex` words it.
        .map_err(|e| match build_regex(pattern, case_sensitive) {
            Err(e) => e,
            Ok(_) => regex::Error::Syntax(e.to_string()),
        })
}

/// Check a rules-file pattern the way the matcher reads it: its syntax, and
/// whether it can match an empty text. Cheaper than compiling it.
pub fn check_pattern(pattern: &str, case_sensitive: bool) -> Result<bool, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .parse(&expand_pattern(pattern))
        .map_err(|e| regex::Error::Syntax(e.to_string()).to_string())?;
    if hir.properties().minimum_len() != Some(0) {
        return Ok(false);
    }
    // Only patterns that may match nothing are compiled to find out.
    let re = build_regex(pattern, case_sensitive).map_err(|e| e.to_string())?;
    Ok(re.is_match(""))
}

/// A set of phrases matched on folded text, on word boundaries.
#[derive(Debug, Clone)]
pub(crate) struct PhraseSet {
    ac: Option<AhoCorasick>,
    owner: Vec<usize>,
    /// The rules that own a phrase, sorted.
    rules: Vec<usize>,
    /// The phrases, folded.
    phrases: Vec<String>,
}

impl PhraseSet {
    /// Phrases (already folded), each with the number `find` reports for it.
    pub(crate) fn new(phrases: Vec<(usize, String)>) -> Result<PhraseSet, String> {
        if phrases.is_empty() {
            return Ok(PhraseSet {
                ac: None,
                owner: vec![],
                rules: vec![],
                phrases: vec![],
            });
        }
        let (owner, pats): (Vec<usize>, Vec<String>) = phrases.into_iter().unzip();
        let mut rules = owner.clone();
        rules.sort_unstable();
        rules.dedup();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .map_err(|e| e.to_string())?;
        Ok(PhraseSet {
            ac: Some(ac),
            owner,
            rules,
            phrases: pats,
        })
    }

    /// Whether some phrase belongs to rule `rule`.
    pub(crate) fn owns(&self, rule: usize) -> bool {
        self.rules.binary_search(&rule).is_ok()
    }

    /// Matches as (rule, folded start, folded end).
    pub(crate) fn find(&self, folded: &str, out: &mut Vec<(usize, usize, usize)>) {
        let Some(ac) = &self.ac else { return };
        for m in ac.find_overlapping_iter(folded) {
            self.accept(folded, m.pattern().as_usize(), m.start(), m.end(), out);
        }
    }

    /// Keep a match of phrase `k` at `s..e` if it stands on word boundaries.
    fn accept(
        &self,
        folded: &str,
        k: usize,
        s: usize,
        e: usize,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let pat = &folded[s..e];
        let before_ok = !pat.starts_with(is_word_char)
            || !folded[..s].chars().next_back().is_some_and(is_word_char);
        let after_ok =
            !pat.ends_with(is_word_char) || !folded[e..].chars().next().is_some_and(is_word_char);
        if before_ok && after_ok {
            out.push((self.owner[k], s, e));
        }
    }
}

/// Indexes of the flags that are set.
fn selected(on: &[bool]) -> Vec<usize> {
    set_indexes(on).collect()
}

/// Indexes of the flags that are set, in order.
fn set_indexes(on: &[bool]) -> impl Iterator<Item = usize> + '_ {
    on.iter().enumerate().filter_map(|(i, &b)| b.then_some(i))
}

/// A regex match: rule, start, end (of its `cue` group when it has one),
/// and the span of its `source` group.
type PatternMatch = (usize, usize, usize, Option<(usize, usize)>);

/// A literal a pattern requires, folded like the text, and whether the
/// pattern puts a word boundary before and after it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GuardLiteral {
    /// The literal, folded.
    pub text: String,
    /// No word character may come just before it.
    pub word_start: bool,
    /// No word character may come just after it.
    pub word_end: bool,
}

const MAX_LITERALS: usize = 256;

/// What a sub-pattern tells about literals: the exact strings it matches
/// (when finite) and a set one of which every match contains.
#[derive(Debug, Clone, Default)]
struct LitInfo {
    exact: Option<Vec<GuardLiteral>>,
    required: Option<Vec<GuardLiteral>>,
}

/// How selective a guard set is: its shortest literal counts most, word
/// bounds break ties; 0 when a literal is shorter than two characters.
fn quality(set: &[GuardLiteral]) -> usize {
    set.iter()
        .map(|l| {
            let n = l.text.chars().count();
            if n < 2 {
                0
            } else {
                n * 4 + usize::from(l.word_start) + usize::from(l.word_end)
            }
        })
        .min()
        .unwrap_or(0)
}

fn better(a: Option<Vec<GuardLiteral>>, b: Option<Vec<GuardLiteral>>) -> Option<Vec<GuardLiteral>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if quality(&b) > quality(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn product(a: &[GuardLiteral], b: &[GuardLiteral]) -> Option<Vec<GuardLiteral>> {
    if a.len() * b.len() > MAX_LITERALS {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            out.push(GuardLiteral {
                text: format!("{}{}", x.text, y.text),
                word_start: if x.text.is_empty() {
                    x.word_start || y.word_start
                } else {
                    x.word_start
                },
                word_end: if y.text.is_empty() {
                    y.word_end || x.word_end
                } else {
                    y.word_end
                },
            });
        }
    }
    Some(out)
}

/// A class or repetition of a class that never matches a word character.
fn never_word(h: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match h.kind() {
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| {
            (r.start()..=r.end())
                .take(4096)
                .all(|ch| !crate::fold::is_word_char(ch))
        }),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| !(b as char).is_alphanumeric())),
        HirKind::Repetition(r) => r.min >= 1 && never_word(&r.sub),
        HirKind::Capture(c) => never_word(&c.sub),
        _ => false,
    }
}

fn lit_info(h: &regex_syntax::hir::Hir) -> LitInfo {
    use regex_syntax::hir::{HirKind, Look};
    match h.kind() {
        HirKind::Literal(l) => {
            let text = std::str::from_utf8(&l.0)
                .map(|s| crate::fold::fold(s).text)
                .ok();
            let set = text.map(|text| {
                vec![GuardLiteral {
                    text,
                    word_start: false,
                    word_end: false,
                }]
            });
            LitInfo {
                exact: set.clone(),
                required: set,
            }
        }
        HirKind::Look(look) => {
            let bounded = matches!(
                look,
                Look::WordUnicode
                    | Look::WordAscii
                    | Look::Start
                    | Look::End
                    | Look::StartLF
                    | Look::EndLF
                    | Look::StartCRLF
                    | Look::EndCRLF
            );
            LitInfo {
                exact: Some(vec![GuardLiteral {
                    text: String::new(),
                    word_start: bounded,
                    word_end: bounded,
                }]),
                required: None,
            }
        }
        HirKind::Capture(c) => lit_info(&c.sub),
        HirKind::Repetition(r) if r.min == 1 && r.max == Some(1) => lit_info(&r.sub),
        HirKind::Repetition(r) if r.min >= 1 => LitInfo {
            exact: None,
            required: lit_info(&r.sub).required,
        },
        HirKind::Alternation(alts) => {
            let infos: Vec<LitInfo> = alts.iter().map(lit_info).collect();
            let union =
                |pick: fn(&LitInfo) -> &Option<Vec<GuardLiteral>>| -> Option<Vec<GuardLiteral>> {
                    let mut all = Vec::new();
                    for i in &infos {
                        all.extend(pick(i).clone()?);
                        if all.len() > MAX_LITERALS {
                            return None;
                        }
                    }
                    Some(all)
                };
            let exact = union(|i| &i.exact);
            let required = union(|i| &i.required).or_else(|| exact.clone());
            LitInfo { exact, required }
        }
        HirKind::Concat(parts) => {
            let mut best: Option<Vec<GuardLiteral>> = None;
            let mut run: Option<Vec<GuardLiteral>> = Some(vec![GuardLiteral {
                text: String::new(),
                word_start: false,
                word_end: false,
            }]);
            let mut all_exact = true;
            let mut after_nonword = false;
            for p in parts {
                let info = lit_info(p);
                if let Some(exact) = &info.exact {
                    let exact: Vec<GuardLiteral> = if after_nonword {
                        exact
                            .iter()
                            .map(|l| GuardLiteral {
                                word_start: true,
                                ..l.clone()
                            })
                            .collect()
                    } else {
                        exact.clone()
                    };
                    run = run.as_deref().and_then(|r| product(r, &exact));
                    if run.is_none() {
                        all_exact = false;
                        run = Some(exact);
                    }
                    after_nonword = false;
                    continue;
                }
                all_exact = false;
                let nonword = never_word(p);
                if let Some(mut r) = run.take() {
                    if nonword {
                        for l in &mut r {
                            l.word_end = true;
                        }
                    }
                    best = better(best, Some(r));
                }
                best = better(best, info.required);
                after_nonword = nonword;
                run = Some(vec![GuardLiteral {
                    text: String::new(),
                    word_start: nonword,
                    word_end: false,
                }]);
            }
            if let Some(r) = &run {
                best = better(best, Some(r.clone()));
            }
            LitInfo {
                exact: if all_exact { run } else { None },
                required: best,
            }
        }
        _ => LitInfo::default(),
    }
}

/// Literals one of which every match of a pattern must contain, folded like
/// the text (so they can be looked for in folded text), with the word
/// boundaries the pattern puts around them: a cheap guard that skips a regex
/// on units where it cannot match. None when the pattern requires no literal
/// of at least two characters.
pub fn required_literals(pattern: &str) -> Option<Vec<GuardLiteral>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&expand_pattern(pattern))
        .ok()?;
    let mut set = lit_info(&hir).required?;
    if quality(&set) == 0 || set.iter().any(|l| l.text.trim().chars().count() < 2) {
        return None;
    }
    set.sort();
    set.dedup();
    Some(set)
}

/// A list of regexes, each with the index of its `source` and `cue` groups,
/// and an automaton over their required literals. A pattern's `cue` group,
/// when it has one, is the span of its hit: the rest of the match is
/// context (as a look-behind or look-ahead would be), so a hit spans only
/// the words that are the cue and other rules' hits beside it are kept.
#[derive(Debug, Clone)]
struct PatternSet {
    regexes: Vec<Exact>,
    /// Each regex's ASCII prefilter (see [`crate::prefilter`]), compiled
    /// the first time the pattern is a candidate: most of the time spent
    /// compiling a rule set goes to them, and many never run on a short input.
    filters: Vec<OnceLock<Option<regex_automata::meta::Regex>>>,
    /// All the prefilters in one automaton, and each pattern's number in
    /// it (None: the pattern has no prefilter), compiled on first use.
    filter_set: OnceLock<Option<FilterSet>>,
    /// Each pattern as compiled (apostrophes and spaces expanded), and
    /// whether it is case-insensitive: what its prefilter is made from.
    expanded: Vec<(String, bool)>,
    owner: Vec<usize>,
    /// The rules that own a pattern, sorted.
    rules: Vec<usize>,
    source_group: Vec<Option<usize>>,
    cue_group: Vec<Option<usize>>,
    /// Patterns without a guard (always run).
    unguarded: Vec<usize>,
    /// Guard literals and the pattern each belongs to.
    guard: Option<AhoCorasick>,
    /// The guard literals, folded.
    guard_literals: Vec<String>,
    guard_owner: Vec<usize>,
    guard_bounds: Vec<(bool, bool)>,
}

impl PatternSet {
    fn new(patterns: Vec<(usize, String, bool)>) -> Result<PatternSet, regex::Error> {
        let mut regexes = Vec::with_capacity(patterns.len());
        let mut owner = Vec::with_capacity(patterns.len());
        let mut expanded = Vec::with_capacity(patterns.len());
        // Compiled side by side; the first error in pattern order is reported.
        let compiled: Vec<Result<Exact, regex::Error>> = patterns
            .par_iter()
            .map(|(_, p, cs)| build_exact(p, *cs))
            .collect();
        for ((rule, p, cs), re) in patterns.iter().zip(compiled) {
            regexes.push(re?);
            expanded.push((expand_pattern(p), !*cs));
            owner.push(*rule);
        }
        let sources = patterns;
        let source_group = regexes.iter().map(|re| group(re, "source")).collect();
        let cue_group = regexes.iter().map(|re| group(re, "cue")).collect();
        let mut unguarded = Vec::new();
        let mut lits = Vec::new();
        let mut guard_owner = Vec::new();
        let mut guard_bounds = Vec::new();
        for (i, (_, p, _)) in sources.iter().enumerate() {
            match required_literals(p) {
                Some(set) => {
                    for l in set {
                        lits.push(l.text);
                        guard_owner.push(i);
                        guard_bounds.push((l.word_start, l.word_end));
                    }
                }
                None => unguarded.push(i),
            }
        }
        let guard = if lits.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&lits)
                .ok()
        };
        if guard.is_none() {
            unguarded = (0..regexes.len()).collect();
        }
        let mut rules = owner.clone();
        rules.sort_unstable();
        rules.dedup();
        Ok(PatternSet {
            rules,
            regexes,
            filters: (0..expanded.len()).map(|_| OnceLock::new()).collect(),
            filter_set: OnceLock::new(),
            expanded,
            owner,
            source_group,
            cue_group,
            unguarded,
            guard,
            guard_owner,
            guard_bounds,
            guard_literals: lits,
        })
    }

    /// Whether some pattern belongs to rule `rule`.
    fn owns(&self, rule: usize) -> bool {
        self.rules.binary_search(&rule).is_ok()
    }

    /// The prefilter of pattern `i` (compiled on first use), if it has one.
    fn filter(&self, i: usize) -> Option<&regex_automata::meta::Regex> {
        self.filters[i]
            .get_or_init(|| {
                let (p, insensitive) = &self.expanded[i];
                crate::prefilter::prefilter(p, *insensitive)
            })
            .as_ref()
    }

    /// The automaton over every pattern's prefilter (compiled on first use).
    fn filter_set(&self) -> Option<&FilterSet> {
        self.filter_set
            .get_or_init(|| {
                let mut hirs = Vec::new();
                let mut member = vec![None; self.expanded.len()];
                for &i in &self.unguarded {
                    let (p, insensitive) = &self.expanded[i];
                    if let Some(hir) = crate::prefilter::prefilter_hir(p, *insensitive) {
                        hirs.push(hir);
                        member[i] = Some(hirs.len() - 1);
                    }
                }
                let regex = crate::prefilter::prefilter_set(&hirs)?;
                Some(FilterSet { regex, member })
            })
            .as_ref()
    }

    /// Indexes of the patterns that can match a text whose folded form is `folded`.
    fn candidates(&self, folded: &str) -> Vec<usize> {
        let mut on = self.unguarded_on();
        if let Some(ac) = &self.guard {
            for m in ac.find_overlapping_iter(folded) {
                self.guard_hit(folded, m.pattern().as_usize(), m.start(), m.end(), &mut on);
            }
        }
        selected(&on)
    }

    /// One flag per pattern, set for the patterns without a guard.
    fn unguarded_on(&self) -> Vec<bool> {
        let mut on = vec![false; self.regexes.len()];
        for &i in &self.unguarded {
            on[i] = true;
        }
        on
    }

    /// Turn on the pattern of guard literal `k`, found at `s..e` of the
    /// folded text, if the literal stands on the word boundaries it needs.
    fn guard_hit(&self, folded: &str, k: usize, s: usize, e: usize, on: &mut [bool]) {
        let (ws, we) = self.guard_bounds[k];
        let before_ok = !ws || !folded[..s].chars().next_back().is_some_and(is_word_char);
        let after_ok = !we || !folded[e..].chars().next().is_some_and(is_word_char);
        if before_ok && after_ok {
            on[self.guard_owner[k]] = true;
        }
    }

    /// Matches as (rule, start, end, source span).
    ///
    /// Each regex runs on its own, so that its literal prefilter skips most
    /// text (a regex set has to fall back to a slow NFA on Unicode word
    /// boundaries); capture groups are only resolved for patterns that have
    /// a `source` group, and only once a match exists.
    fn find(&self, text: &str, folded: &str, out: &mut Vec<PatternMatch>) {
        self.find_for(text, folded, |_| true, out)
    }

    /// As [`PatternSet::find`], for the patterns of the rules `wanted` accepts.
    fn find_for(
        &self,
        text: &str,
        folded: &str,
        wanted: impl Fn(usize) -> bool,
        out: &mut Vec<PatternMatch>,
    ) {
        self.find_in(text, self.candidates(folded), wanted, out)
    }

    /// As [`PatternSet::find_for`], for the given candidate patterns.
    fn find_in(
        &self,
        text: &str,
        candidates: impl IntoIterator<Item = usize>,
        wanted: impl Fn(usize) -> bool,
        out: &mut Vec<PatternMatch>,
    ) {
        let mut skeleton: Option<Skeleton> = None;
        // The prefilters that match somewhere in the skeleton, found in one
        // pass the first time a candidate has a prefilter: a pattern whose
        // prefilter matches nowhere cannot match (most candidates).
        let mut matching: Option<regex_automata::PatternSet> = None;
        for i in candidates {
            let re = &self.regexes[i];
            if !wanted(self.owner[i]) {
                continue;
            }
            if let Some(set) = self.filter_set() {
                if let Some(k) = set.member[i] {
                    let skel = skeleton.get_or_insert_with(|| Skeleton::new(text));
                    let matching = matching.get_or_insert_with(|| {
                        let mut found = regex_automata::PatternSet::new(set.regex.pattern_len());
                        set.regex.which_overlapping_matches(
                            &regex_automata::Input::new(&skel.text),
                            &mut found,
                        );
                        found
                    });
                    if !matching.contains(regex_automata::PatternID::new_unchecked(k)) {
                        continue;
                    }
                }
            }
            let source = Groups {
                source: self.source_group[i],
                cue: self.cue_group[i],
            };
            let Some(filter) = self.filter(i) else {
                find_all(re, source, text, None, self.owner[i], out);
                continue;
            };
            let skel = skeleton.get_or_insert_with(|| Skeleton::new(text));
            // A match of the pattern only starts where its prefilter (a
            // superset at every position) has a match: the exact pattern
            // only runs there, anchored.
            let next = |from: usize| {
                let input = regex_automata::Input::new(&skel.text)
                    .span(skel.to_skeleton(from)..skel.text.len());
                filter.search(&input).map(|m| skel.to_original(m.start()))
            };
            find_all(re, source, text, Some(&next), self.owner[i], out);
        }
    }
}

/// The prefilters of a pattern set in one automaton (see
/// [`crate::prefilter::prefilter_set`]).
#[derive(Debug, Clone)]
struct FilterSet {
    regex: regex_automata::meta::Regex,
    /// Each pattern's number in `regex`, None when it has no prefilter.
    member: Vec<Option<usize>>,
}

/// A text's skeleton (see [`crate::prefilter`]) and, when the two differ,
/// the byte offset of every character in each, worked out the first time
/// an offset other than 0 is mapped (most texts never need it).
struct Skeleton<'a> {
    original: &'a str,
    text: String,
    /// (offset in the original, offset in the skeleton) of each character
    /// and of the end; empty when the text is ASCII (offsets are equal).
    offsets: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Skeleton<'a> {
    fn new(original: &'a str) -> Skeleton<'a> {
        let mut text = String::new();
        crate::prefilter::skeleton_into(original, &mut text);
        Skeleton {
            original,
            text,
            offsets: std::cell::OnceCell::new(),
        }
    }

    fn offsets(&self) -> &[(usize, usize)] {
        self.offsets.get_or_init(|| {
            let original = self.original;
            let mut offsets = Vec::new();
            if !original.is_ascii() {
                offsets.reserve(original.len() + 1);
                let mut pairs = original.char_indices().zip(self.text.char_indices());
                for ((o, _), (k, _)) in &mut pairs {
                    offsets.push((o, k));
                }
                offsets.push((original.len(), self.text.len()));
            }
            offsets
        })
    }

    /// Skeleton offset of a character boundary of the original.
    fn to_skeleton(&self, original: usize) -> usize {
        if original == 0 {
            return 0;
        }
        let offsets = self.offsets();
        if offsets.is_empty() {
            return original;
        }
        match offsets.binary_search_by_key(&original, |p| p.0) {
            Ok(k) => offsets[k].1,
            Err(k) => offsets.get(k).map_or(self.text.len(), |p| p.1),
        }
    }

    /// Original offset of a character boundary of the skeleton.
    fn to_original(&self, skeleton: usize) -> usize {
        if skeleton == 0 {
            return 0;
        }
        let offsets = self.offsets();
        if offsets.is_empty() {
            return skeleton;
        }
        match offsets.binary_search_by_key(&skeleton, |p| p.1) {
            Ok(k) => offsets[k].0,
            Err(k) => offsets.get(k).map_or(usize::MAX, |p| p.0),
        }
    }
}

/// The capture groups of a pattern that the matcher uses.
#[derive(Debug, Clone, Copy)]
struct Groups {
    /// The `source` group (attribution rules): who is credited.
    source: Option<usize>,
    /// The `cue` group: the span of the hit, the rest being context.
    cue: Option<usize>,
}

impl Groups {
    fn any(self) -> bool {
        self.source.is_some() || self.cue.is_some()
    }
}

/// The index of the capture group `name` of `re`.
fn group(re: &Exact, name: &str) -> Option<usize> {
    re.group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .position(|n| n == Some(name))
}

/// Every match of `re` in `text`, as `find_iter` / `captures_iter` would
/// give them. With `starts` (the first place from a given offset where a
/// match may start, None: nowhere), the pattern runs anchored at those
/// places only: the leftmost match from an offset starts at one of them,
/// and is the one an anchored search there finds. Empty matches are
/// skipped; if one turns up, the whole text is searched the plain way, so
/// that the iterator's rules for empty matches apply.
fn find_all(
    re: &Exact,
    groups: Groups,
    text: &str,
    starts: Option<&dyn Fn(usize) -> Option<usize>>,
    owner: usize,
    out: &mut Vec<PatternMatch>,
) {
    let mark = out.len();
    let mut pos = match starts {
        Some(starts) => match starts(0) {
            Some(p) => p,
            None => return,
        },
        None => 0,
    };
    let mut caps = if groups.any() {
        Some(re.create_captures())
    } else {
        None
    };
    let anchored = if starts.is_some() {
        regex_automata::Anchored::Yes
    } else {
        regex_automata::Anchored::No
    };
    while pos <= text.len() {
        let input = regex_automata::Input::new(text)
            .span(pos..text.len())
            .anchored(anchored);
        let found = match caps.as_mut() {
            Some(caps) => {
                re.search_captures(&input, caps);
                with_groups(caps, groups)
            }
            None => re
                .search(&input)
                .map(|m| (m.start(), m.end(), (m.start(), m.end()), None)),
        };
        let from = match found {
            Some((s, e, hit, src)) => {
                if s == e {
                    out.truncate(mark);
                    find_all_plain(re, groups, text, owner, out);
                    return;
                }
                out.push((owner, hit.0, hit.1, src));
                e
            }
            // No match starts here: the next place one may start.
            None if starts.is_some() && pos < text.len() => {
                pos + text[pos..].chars().next().map_or(1, char::len_utf8)
            }
            None => return,
        };
        pos = match starts {
            Some(starts) => match starts(from) {
                Some(p) => p.max(from),
                None => return,
            },
            None => from,
        };
    }
}

/// A match's start and end, the span of its hit (its `cue` group when that
/// is not empty, else the match) and the span of its `source` group.
type Found = (usize, usize, (usize, usize), Option<(usize, usize)>);

/// A match's span, its hit's span and the span of its `source` group when
/// that is not empty.
fn with_groups(caps: &regex_automata::util::captures::Captures, groups: Groups) -> Option<Found> {
    let m = caps.get_match()?;
    let nonempty = |k: Option<usize>| {
        k.and_then(|k| caps.get_group(k))
            .filter(|g| g.start < g.end)
            .map(|g| (g.start, g.end))
    };
    let hit = nonempty(groups.cue).unwrap_or((m.start(), m.end()));
    Some((m.start(), m.end(), hit, nonempty(groups.source)))
}

/// [`find_all`] over the whole text with the regex iterators.
fn find_all_plain(
    re: &Exact,
    groups: Groups,
    text: &str,
    owner: usize,
    out: &mut Vec<PatternMatch>,
) {
    if groups.any() {
        for (start, end, hit, src) in re
            .captures_iter(text)
            .filter_map(|c| with_groups(&c, groups))
        {
            if start < end {
                out.push((owner, hit.0, hit.1, src));
            }
        }
    } else {
        for m in re.find_iter(text).filter(|m| m.start() < m.end()) {
            out.push((owner, m.start(), m.end(), None));
        }
    }
}

/// All rules of a rule set compiled for matching.
#[derive(Debug, Clone)]
pub struct Matcher {
    cues: PhraseSet,
    patterns: PatternSet,
    /// One automaton over the cues, then the patterns' guard literals, so
    /// that one pass over a unit finds both (None: two passes).
    scan: Option<(AhoCorasick, usize)>,
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
        let cues =
            PhraseSet::new(cues).map_err(|e| whole(format!("cannot compile the cues: {e}")))?;
        let patterns = PatternSet::new(pats)
            .map_err(|e| whole(format!("cannot compile the patterns: {e}")))?;
        let scan = (cues.ac.is_some() && patterns.guard.is_some())
            .then(|| {
                let all: Vec<&String> = cues
                    .phrases
                    .iter()
                    .chain(&patterns.guard_literals)
                    .collect();
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(all)
                    .ok()
                    .map(|ac| (ac, cues.phrases.len()))
            })
            .flatten();
        Ok(Matcher {
            cues,
            patterns,
            scan,
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
    /// inside attribution and negation spans, which may contain cues of
    /// their own ("ne semble pas"), and vague-source matches, which are
    /// always kept.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = fold(text);
        self.find_folded(text, &folded)
    }

    /// As [`Matcher::find`], with the text already folded.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        let mut raw = Vec::new();
        let mut pat = Vec::new();
        match &self.scan {
            Some((ac, n)) => {
                let mut on = self.patterns.unguarded_on();
                for m in ac.find_overlapping_iter(&folded.text) {
                    let (k, s, e) = (m.pattern().as_usize(), m.start(), m.end());
                    if k < *n {
                        self.cues.accept(&folded.text, k, s, e, &mut raw);
                    } else {
                        self.patterns.guard_hit(&folded.text, k - n, s, e, &mut on);
                    }
                }
                self.patterns
                    .find_in(text, set_indexes(&on), |_| true, &mut pat);
            }
            None => {
                self.cues.find(&folded.text, &mut raw);
                self.patterns.find(text, &folded.text, &mut pat);
            }
        }
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
        if hits.iter().any(|h| self.exception_phrases.owns(h.rule)) {
            self.exception_phrases.find(&folded.text, &mut exc);
        }
        let mut cancel: Vec<(usize, usize, usize)> = exc
            .into_iter()
            .map(|(rule, s, e)| {
                let (s, e) = folded.original_span(s, e);
                (rule, s, e)
            })
            .collect();
        // Exception patterns only for rules that matched.
        let mut exc_pat = Vec::new();
        if hits.iter().any(|h| self.exception_patterns.owns(h.rule)) {
            self.exception_patterns.find_for(
                text,
                &folded.text,
                |rule| hits.iter().any(|h| h.rule == rule),
                &mut exc_pat,
            );
        }
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
                            && !matches!(
                                cats[o.rule],
                                Category::Attribution | Category::VagueSource | Category::Negation
                            )
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
    fn a_cue_group_is_the_span_of_the_hit_and_keeps_other_hits() {
        let rs = set(concat!(
            "[[rule]]\nid = \"a\"\ncategory = \"attribution\"\npatterns = ['''selon (?P<source>\\p{L}+)''']\n",
            "[[rule]]\nid = \"c\"\ncategory = \"conditional\"\n",
            "patterns = ['''\\ba dit que [^.]*?\\b(?P<cue>serait)\\s+\\p{L}+''']\n",
            "exception_patterns = ['''\\bserait\\s+prêt''']\n",
        ));
        let m = Matcher::new(&rs).unwrap();
        let text = "Il a dit que selon Paul le bilan serait lourd.";
        let hits = m.find(text);
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (rs.rules[h.rule].id.as_str(), &text[h.start..h.end]))
            .collect();
        // The attribution inside the conditional's context is kept.
        assert_eq!(found, vec![("a", "selon Paul"), ("c", "serait")]);
        // An exception cancels the hit where it overlaps the cue.
        assert!(m.find("Il a dit que le texte serait prêt.").is_empty());
    }

    #[test]
    fn a_negation_keeps_the_hedges_inside_it() {
        let rs = set(concat!(
            "[[rule]]\nid = \"n\"\ncategory = \"negation\"\npatterns = ['''\\bne \\p{L}+ pas\\b''']\n",
            "[[rule]]\nid = \"h\"\ncategory = \"hedge\"\ncues = [\"semble\"]\n",
        ));
        let m = Matcher::new(&rs).unwrap();
        let hits = m.find("Il ne semble pas à l'aise.");
        let ids: Vec<&str> = hits.iter().map(|h| rs.rules[h.rule].id.as_str()).collect();
        assert_eq!(ids, vec!["n", "h"]);
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
    fn required_literals_guard_patterns() {
        let texts = |p: &str| {
            required_literals(p).map(|v| {
                v.into_iter()
                    .map(|l| (l.text, l.word_start, l.word_end))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            texts(r"\b(?:a|ont)\s+(?:déclaré|annoncé)\b"),
            Some(vec![
                ("annonce".into(), true, true),
                ("declare".into(), true, true)
            ])
        );
        assert_eq!(
            texts(r"\b\p{L}+(?:ir|dr)(?:ait|ais)\b").map(|v| v.len()),
            Some(4)
        );
        assert_eq!(
            texts(r"\b\p{L}+rait\b"),
            Some(vec![("rait".into(), false, true)])
        );
        assert_eq!(texts(r"^\s*[A-Z]\w+$"), None);
        assert_eq!(texts(r"(?:x)?y"), None);
    }

    #[test]
    fn guards_never_hide_a_match() {
        let rs = crate::rules::RuleSet::bundled(crate::load::Lang::Fr);
        let m = Matcher::new(&rs).unwrap();
        for r in &rs.rules {
            for e in &r.examples.matches {
                let guarded = m.find(e);
                let folded = fold(e);
                let mut all = Vec::new();
                m.patterns.find_for(e, &folded.text, |_| true, &mut all);
                let unguarded: Vec<(usize, usize, usize)> = plain(&m.patterns, e)
                    .into_iter()
                    .map(|x| (x.0, x.1, x.2))
                    .collect();
                let got: Vec<(usize, usize, usize)> = all.iter().map(|x| (x.0, x.1, x.2)).collect();
                assert_eq!(got, unguarded, "{e}");
                assert!(!guarded.is_empty() || r.patterns.is_empty() && r.cues.is_empty());
            }
        }
    }

    /// Every pattern the plain way: the regex iterators over the whole text.
    fn plain(set: &PatternSet, text: &str) -> Vec<PatternMatch> {
        let mut out = Vec::new();
        for (i, re) in set.regexes.iter().enumerate() {
            find_all_plain(
                re,
                Groups {
                    source: set.source_group[i],
                    cue: set.cue_group[i],
                },
                text,
                set.owner[i],
                &mut out,
            );
        }
        out
    }

    #[test]
    fn searching_from_the_prefilter_finds_what_the_iterators_find() {
        let corpus = crate::load::sample_corpus();
        let mut texts: Vec<String> = corpus
            .docs
            .iter()
            .flat_map(|d| d.text.split_inclusive(['.', '\n']).map(str::to_string))
            .collect();
        // Whole documents too: several matches of one pattern per text.
        texts.extend(corpus.docs.iter().map(|d| d.text.clone()));
        for lang in [crate::load::Lang::Fr, crate::load::Lang::En] {
            let rs = crate::rules::RuleSet::bundled(lang);
            for r in &rs.rules {
                texts.extend(r.examples.matches.iter().cloned());
                texts.extend(r.examples.no_match.iter().cloned());
            }
            let m = Matcher::new(&rs).unwrap();
            let mut checked = 0;
            for text in &texts {
                let mut got = Vec::new();
                // Every pattern, guards aside: only the search differs.
                m.patterns
                    .find_for(text, &fold(text).text, |_| true, &mut got);
                let mut want = plain(&m.patterns, text);
                let on: Vec<usize> = m.patterns.candidates(&fold(text).text);
                want.retain(|x| on.iter().any(|&i| m.patterns.owner[i] == x.0));
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "{lang:?}: {text}");
                checked += got.len();
            }
            assert!(checked > 100, "{lang:?}: only {checked} matches checked");
        }
    }

    #[test]
    fn patterns_that_can_match_nothing_are_searched_the_plain_way() {
        // `x*` matches empty text everywhere; the iterators' rules for empty
        // matches decide which non-empty matches are reported.
        let set = PatternSet::new(vec![
            (0, "x*".to_string(), false),
            (1, "(?P<source>é*)t".to_string(), false),
        ])
        .unwrap();
        for text in ["axxbxé", "", "xx", "éétét", "tx"] {
            let mut got = Vec::new();
            set.find_for(text, &fold(text).text, |_| true, &mut got);
            let mut want = plain(&set, text);
            want.retain(|x| x.1 < x.2);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn skeleton_offsets_map_both_ways() {
        let s = Skeleton::new("Déjà « là »");
        assert_eq!(s.text, "Deja \" la \"");
        assert_eq!(s.to_skeleton(0), 0);
        assert_eq!(s.to_skeleton(3), 2); // after "Dé"
        assert_eq!(s.to_original(2), 3);
        assert_eq!(s.to_original(s.text.len()), "Déjà « là »".len());
        assert_eq!(s.to_skeleton("Déjà « là »".len()), s.text.len());
        let ascii = Skeleton::new("plain");
        assert!(ascii.offsets().is_empty());
        assert_eq!(ascii.to_original(3), 3);
    }

    #[test]
    fn one_pass_over_cues_and_guards_finds_what_two_passes_find() {
        let corpus = crate::load::sample_corpus();
        for lang in [crate::load::Lang::Fr, crate::load::Lang::En] {
            let rs = crate::rules::RuleSet::bundled(lang);
            let one = Matcher::new(&rs).unwrap();
            assert!(one.scan.is_some());
            let mut two = one.clone();
            two.scan = None;
            let mut texts: Vec<String> = corpus
                .docs
                .iter()
                .flat_map(|d| d.text.split_inclusive(['.', '\n']).map(str::to_string))
                .collect();
            for r in &rs.rules {
                texts.extend(r.examples.matches.iter().cloned());
                texts.extend(r.examples.no_match.iter().cloned());
            }
            let mut hits = 0;
            for t in &texts {
                let got = one.find(t);
                assert_eq!(got, two.find(t), "{lang:?}: {t}");
                hits += got.len();
            }
            assert!(hits > 100, "{lang:?}: {hits}");
        }
    }

    #[test]
    fn pattern_spaces_match_no_break_spaces() {
        assert!(build_regex("12 000", false)
            .unwrap()
            .is_match("12\u{202F}000"));
        assert!(build_regex("[a' ]x", false).unwrap().is_match("’x"));
    }
}
