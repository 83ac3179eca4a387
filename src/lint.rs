//! Lint a rules file (`credence rules check`): everything that loading
//! refuses, as errors, and what loads but is most likely a mistake, as
//! warnings, each located by file, line and column and named by its rule.
//!
//! The warnings follow from how the [`crate::matcher`] works. A cue is
//! trimmed and folded ([`crate::fold::fold_phrase`]), matched on folded text
//! within one unit of the sentence splitter, on word boundaries where its
//! first or last character is a letter or digit; an exception of its rule that
//! overlaps a match cancels it; a match strictly inside a longer match of
//! another rule that is neither an attribution, a vague source nor a negation
//! is dropped (a pattern's match is the span of its `cue` group when it has
//! one).
//! So a cue on its own always yields a hit of its rule unless one of that
//! rule's exceptions cancels it or the splitter cuts it: a longer cue of
//! another rule only silences it where that longer cue matches. What can
//! make a cue useless is therefore checked as follows (codes in brackets):
//!
//! - `duplicate-cue`: the same folded phrase twice in a rule, or in two
//!   rules (both then fire on the same words).
//! - `shadowed-cue`: a cue that contains, on word boundaries, another cue of
//!   the same rule: wherever it matches, the shorter cue matches inside it and
//!   every exception that cancels the shorter one overlaps it too, so it
//!   never makes the rule fire where the rule would not fire anyway (it only
//!   widens the matched span). Not reported when a cue of another rule
//!   (neither attribution nor vague source) contains the shorter cue and can
//!   overlap the longer one in a text so that it drops the shorter match but
//!   not the longer ("très probablement" beside "probablement pas" of another
//!   rule, in "très probablement pas"). Patterns of other rules are not taken
//!   into account.
//! - `unmatchable-cue`: a cue that contains an exception phrase of its own
//!   rule (every match is cancelled); a cue that an exception pattern of its
//!   rule matches both on its own and between two words; a cue that the
//!   sentence splitter cuts into several units (as written and folded); a cue
//!   with leading or trailing white space (trimmed, so it cannot ask for a
//!   space); a cue written like a regular expression (cues are literal).
//!   Folding is the same function on cues and on text, so no folded cue has a
//!   character that folded text could not contain.
//! - `unused-exception`: an exception phrase or pattern that overlaps no
//!   match of its rule's cues and patterns in the rule's own examples.
//! - `no-examples`: a rule without `examples.match` (`rules test` cannot
//!   tell whether it fires).
//! - `weight-sign`: a weight that contradicts the category: a hedge,
//!   conditional or question that raises certainty, a booster that lowers it,
//!   a hedge or booster of weight 0 (no effect), a nonzero weight on an
//!   attribution, vague-source or negation rule (separate dimensions, weight
//!   0) or on a boilerplate or disclaimer rule (ignored by the score).
//!
//! Containment between cues is found with one Aho-Corasick automaton over
//! every cue, run over each cue's own folded text: linear in the total size
//! of the cues plus the containments found.

use crate::claims::Analyzer;
use crate::fold::{fold, fold_phrase, Folded};
use crate::matcher::{build_regex, PhraseSet};
use crate::rules::{Category, Located, RuleSet, RulesError};
use crate::segment::Segmenter;
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Loading refuses the file.
    Error,
    /// The file loads, but something in it is most likely a mistake.
    Warning,
}

impl Severity {
    /// Name as printed.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Loading refuses the file (the error of `--rules`).
    Load,
    /// The same folded cue twice in a rule or in two rules.
    DuplicateCue,
    /// A cue that never makes its rule fire on its own.
    ShadowedCue,
    /// A cue that can never match as written.
    UnmatchableCue,
    /// An exception that cancels nothing in its rule's examples.
    UnusedException,
    /// A rule without `examples.match`.
    NoExamples,
    /// A weight whose sign contradicts the rule's category.
    WeightSign,
}

impl Code {
    /// Name as printed: `warning[shadowed-cue]`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Load => "load",
            Code::DuplicateCue => "duplicate-cue",
            Code::ShadowedCue => "shadowed-cue",
            Code::UnmatchableCue => "unmatchable-cue",
            Code::UnusedException => "unused-exception",
            Code::NoExamples => "no-examples",
            Code::WeightSign => "weight-sign",
        }
    }
}

/// One finding, located in its file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// File name as given (or `<bundled fr>`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What kind of finding.
    pub code: Code,
    /// What is wrong and what to do.
    pub message: String,
    /// Id of the rule concerned, when there is one.
    pub rule: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.name(),
            self.code.name(),
            self.message
        )?;
        if let Some(rule) = &self.rule {
            write!(f, " ({rule})")?;
        }
        Ok(())
    }
}

/// The findings for one rules file.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// File name as given (or `<bundled fr>`).
    pub file: String,
    /// Rules in the file, when it loads.
    pub rules: Option<usize>,
    /// Cues in the file, when it loads.
    pub cues: Option<usize>,
    /// Findings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// Whether the check fails: on an error, or on a warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }

    /// The summary line: `FILE: 30 rules, 250 cues: 0 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let loaded = match (self.rules, self.cues) {
            (Some(r), Some(c)) => format!("{}, {}", plural(r, "rule"), plural(c, "cue")),
            _ => "not loaded".to_string(),
        };
        format!(
            "{}: {}: {}, {}",
            self.file,
            loaded,
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning")
        )
    }
}

/// Check a rules file; an unreadable file is an I/O error.
pub fn check_file(path: &Path) -> std::io::Result<CheckReport> {
    let text = std::fs::read_to_string(path)?;
    Ok(check_text(&text, &path.display().to_string()))
}

/// Check rules from text; `name` is used in messages.
pub fn check_text(text: &str, name: &str) -> CheckReport {
    let load_error = |e: RulesError| Diagnostic {
        rule: rule_at_line(text, e.line),
        message: one_line(&e.message),
        file: e.file,
        line: e.line,
        column: e.column,
        severity: Severity::Error,
        code: Code::Load,
    };
    let mut report = CheckReport {
        file: name.to_string(),
        rules: None,
        cues: None,
        diagnostics: Vec::new(),
    };
    match RuleSet::validate(text, name).map(Analyzer::new) {
        Err(errors) => report
            .diagnostics
            .extend(errors.into_iter().map(load_error)),
        Ok(Err(e)) => report.diagnostics.push(load_error(e)),
        Ok(Ok(analyzer)) => {
            let rules = &analyzer.rules;
            report.rules = Some(rules.rules.len());
            report.cues = Some(rules.rules.iter().map(|r| r.cues.len()).sum());
            report.diagnostics = check_rules(rules);
        }
    }
    report.diagnostics.sort_by(|a, b| {
        (a.line, a.column, a.severity, a.code, &a.message)
            .cmp(&(b.line, b.column, b.severity, b.code, &b.message))
    });
    report
}

/// A message on one line: the regex crate's multi-line parse errors become
/// "invalid regex: unclosed group in `pourr(?:ait`".
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [one] => one.to_string(),
        [first, snippet, .., last] if last.starts_with("error: ") => format!(
            "{} {} in `{snippet}`",
            first.trim_end_matches("regex parse error:").trim_end(),
            last.trim_start_matches("error: ")
        ),
        _ => lines.join(" "),
    }
}

/// "a hedge", "an attribution".
fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

/// Id of the `[[rule]]` table that holds a line, read from the text (for
/// load errors, which come before any rule is built).
fn rule_at_line(text: &str, line: usize) -> Option<String> {
    let mut id = None;
    for l in text.lines().take(line) {
        let t = l.trim();
        if t.starts_with('[') {
            id = if t.starts_with("[[rule]]") {
                Some(None)
            } else {
                None
            };
        } else if let (Some(None), Some(rest)) = (&id, t.strip_prefix("id")) {
            let value = rest.trim_start().strip_prefix('=').map(str::trim);
            if let Some(v) = value.and_then(|v| v.strip_prefix('"')?.split('"').next()) {
                id = Some(Some(v.to_string()));
            }
        }
    }
    id.flatten()
}

/// One cue or exception phrase of the file.
struct Phrase<'a> {
    rule: usize,
    at: &'a Located,
    folded: String,
}

fn phrases<'a>(
    rules: &'a RuleSet,
    pick: fn(&crate::rules::Rule) -> &Vec<Located>,
) -> Vec<Phrase<'a>> {
    rules
        .rules
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            pick(r).iter().map(move |at| Phrase {
                rule: i,
                at,
                folded: fold_phrase(&at.text),
            })
        })
        .collect()
}

/// Categories whose longer matches drop shorter matches of other rules.
fn suppresses(cat: Category) -> bool {
    !matches!(
        cat,
        Category::Attribution | Category::VagueSource | Category::Negation
    )
}

/// Can a match of cue `q` (of another rule), whose inner cue S starts at `m`,
/// contain the occurrence of S that starts at `k` in cue `l`, without also
/// containing `l` and being longer? Then the matcher drops S's match there
/// while `l`'s survives, so `l` may be the only reason its rule fires. Both
/// are placed in one text (Q shifted by `k - m`): they must agree where they
/// overlap and each must keep its word boundaries against the other.
fn rescues(l: &str, k: usize, q: &str, m: usize) -> bool {
    let (lb, qb) = (l.as_bytes(), q.as_bytes());
    let d = k as isize - m as isize;
    let (q_start, q_end) = (d, d + qb.len() as isize);
    let lo = q_start.max(0) as usize;
    let hi = (q_end.min(lb.len() as isize)).max(0) as usize;
    if lo >= hi || lb[lo..hi] != qb[(lo as isize - d) as usize..(hi as isize - d) as usize] {
        return false;
    }
    if q_start <= 0 && q_end >= lb.len() as isize && qb.len() > lb.len() {
        return false;
    }
    let word = crate::fold::is_word_char;
    // A character next to an occurrence must not be a word character when the
    // occurrence starts (ends) with one.
    let bounded = |edge: Option<char>, next: Option<char>| {
        !(edge.is_some_and(word) && next.is_some_and(word))
    };
    let before = |s: &str, at: usize| s.get(..at).and_then(|p| p.chars().next_back());
    let after = |s: &str, at: usize| s.get(at..).and_then(|p| p.chars().next());
    let q_ok_start = q_start <= 0 || bounded(q.chars().next(), before(l, q_start as usize));
    let q_ok_end =
        q_end >= lb.len() as isize || bounded(q.chars().next_back(), after(l, q_end as usize));
    let l_ok_start = q_start >= 0 || bounded(l.chars().next(), before(q, (-q_start) as usize));
    let l_ok_end = q_end <= lb.len() as isize
        || bounded(
            l.chars().next_back(),
            after(q, (lb.len() as isize - d) as usize),
        );
    q_ok_start && q_ok_end && l_ok_start && l_ok_end
}

/// Does a cue look like a regular expression rather than a phrase?
fn looks_like_regex(cue: &str) -> bool {
    ["\\", "(?", "[^", "|", ".*", ".+", "+?"]
        .iter()
        .any(|s| cue.contains(s))
}

/// The warnings of a rules file that loads.
pub fn check_rules(rules: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |out: &mut Vec<Diagnostic>,
                rule: usize,
                (line, column): (usize, usize),
                code: Code,
                message: String| {
        out.push(Diagnostic {
            file: rules.name.clone(),
            line,
            column,
            severity: Severity::Warning,
            code,
            message,
            rule: Some(rules.rules[rule].id.clone()),
        })
    };
    let at = |l: &Located| (l.line, l.column);
    let cues = phrases(rules, |r| &r.cues);
    let exceptions = phrases(rules, |r| &r.exceptions);
    let cue_set = PhraseSet::new(
        cues.iter()
            .enumerate()
            .map(|(i, c)| (i, c.folded.clone()))
            .collect(),
    );
    let exc_set = PhraseSet::new(
        exceptions
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.folded.clone()))
            .collect(),
    );
    let (Ok(cue_set), Ok(exc_set)) = (cue_set, exc_set) else {
        // Loading compiles the same automata; it would have failed first.
        return out;
    };
    let segmenter = Segmenter::new(&rules.segment);
    let one_unit = |t: &str| {
        let units = segmenter.split(t);
        units.len() == 1 && units[0].start == 0 && units[0].end == t.len()
    };
    let mut exc_patterns: HashMap<usize, Vec<(Regex, &Located)>> = HashMap::new();

    // Duplicates, and cues that can never match.
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut usable = vec![true; cues.len()];
    let mut found = Vec::new();
    for (i, c) in cues.iter().enumerate() {
        let rule = &rules.rules[c.rule];
        if let Some(&j) = first.get(c.folded.as_str()) {
            usable[i] = false;
            let o = &cues[j];
            let message = if o.rule == c.rule {
                format!(
                    "`{}` is listed twice in this rule (first at {}:{}); remove one",
                    c.at.text, o.at.line, o.at.column
                )
            } else {
                format!(
                    "`{}` is also a cue of `{}` ({}:{}): both rules fire on the same words; keep it in one",
                    c.at.text, rules.rules[o.rule].id, o.at.line, o.at.column
                )
            };
            warn(&mut out, c.rule, at(c.at), Code::DuplicateCue, message);
            continue;
        }
        first.insert(&c.folded, i);
        if c.at.text.trim() != c.at.text {
            warn(&mut out, c.rule, at(c.at), Code::UnmatchableCue, format!(
                "{:?} has leading or trailing white space, which is ignored: a cue is trimmed and matched on word boundaries; remove the spaces (or write a pattern)",
                c.at.text
            ));
        }
        if looks_like_regex(&c.at.text) {
            usable[i] = false;
            warn(&mut out, c.rule, at(c.at), Code::UnmatchableCue, format!(
                "`{}` looks like a regular expression, but cues are literal phrases; move it to `patterns`",
                c.at.text
            ));
            continue;
        }
        let written = c.at.text.trim();
        if !one_unit(&c.folded) && !one_unit(written) {
            usable[i] = false;
            warn(&mut out, c.rule, at(c.at), Code::UnmatchableCue, format!(
                "`{written}` can never match: the sentence splitter ends a unit inside it, and cues match within one unit"
            ));
            continue;
        }
        found.clear();
        exc_set.find(&c.folded, &mut found);
        if let Some(&(e, ..)) = found.iter().find(|&&(e, ..)| exceptions[e].rule == c.rule) {
            usable[i] = false;
            let e = &exceptions[e];
            warn(&mut out, c.rule, at(c.at), Code::UnmatchableCue, format!(
                "`{}` can never match: it contains the exception `{}` of this rule ({}:{}), which cancels every match",
                c.at.text, e.at.text, e.at.line, e.at.column
            ));
            continue;
        }
        if !rule.exception_patterns.is_empty() {
            let pats = exc_patterns.entry(c.rule).or_insert_with(|| {
                rule.exception_patterns
                    .iter()
                    .filter_map(|p| Some((build_regex(&p.text, rule.case_sensitive).ok()?, p)))
                    .collect()
            });
            let padded = format!("x {written} x");
            let (s, e) = (2, 2 + written.len());
            let cancels = |re: &Regex| {
                re.find_iter(written).any(|m| m.start() < m.end())
                    && re.find_iter(&padded).any(|m| m.start() < e && s < m.end())
            };
            if let Some((_, p)) = pats.iter().find(|(re, _)| cancels(re)) {
                usable[i] = false;
                warn(&mut out, c.rule, at(c.at), Code::UnmatchableCue, format!(
                    "`{}` can never match: the exception pattern of this rule at {}:{} matches it, which cancels every match",
                    c.at.text, p.line, p.column
                ));
            }
        }
    }

    // Containment between cues: which cues occur, on word boundaries,
    // strictly inside which, and where (folded byte offset).
    let mut inside: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cues.len()];
    let mut containers: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cues.len()];
    for (i, c) in cues.iter().enumerate() {
        found.clear();
        cue_set.find(&c.folded, &mut found);
        for &(j, s, e) in &found {
            if (s, e) != (0, c.folded.len()) {
                inside[i].push((j, s));
                containers[j].push((i, s));
            }
        }
    }
    for (i, c) in cues.iter().enumerate() {
        if !usable[i] {
            continue;
        }
        let cat = rules.rules[c.rule].category;
        // A cue S of the same rule inside it at `k`, whose match there no cue
        // of another rule can drop while this cue's match survives.
        let shadow = inside[i]
            .iter()
            .copied()
            .filter(|&(j, k)| {
                cues[j].rule == c.rule
                    && usable[j]
                    && (cat == Category::VagueSource
                        || !containers[j].iter().any(|&(q, m)| {
                            cues[q].rule != c.rule
                                && suppresses(rules.rules[cues[q].rule].category)
                                && rescues(&c.folded, k, &cues[q].folded, m)
                        }))
            })
            .min();
        if let Some((j, _)) = shadow {
            let s = &cues[j];
            warn(&mut out, c.rule, at(c.at), Code::ShadowedCue, format!(
                "`{}` never makes the rule fire on its own: `{}`, a cue of the same rule ({}:{}), matches inside it; remove the longer cue",
                c.at.text, s.at.text, s.at.line, s.at.column
            ));
        }
    }

    // Exceptions that cancel nothing in their rule's examples.
    for (i, rule) in rules.rules.iter().enumerate() {
        let n_exc = rule.exceptions.len() + rule.exception_patterns.len();
        let examples: Vec<&String> = rule
            .examples
            .matches
            .iter()
            .chain(&rule.examples.no_match)
            .collect();
        if n_exc == 0 || examples.is_empty() {
            continue;
        }
        let compile = |ps: &[Located]| -> Vec<Option<Regex>> {
            ps.iter()
                .map(|p| build_regex(&p.text, rule.case_sensitive).ok())
                .collect()
        };
        let (patterns, exc_pats) = (compile(&rule.patterns), compile(&rule.exception_patterns));
        // Spans of the rule's cue and pattern matches before exceptions and overlaps.
        let raw = |text: &str, folded: &Folded| -> Vec<(usize, usize)> {
            let mut found = Vec::new();
            cue_set.find(&folded.text, &mut found);
            let mut spans: Vec<(usize, usize)> = found
                .iter()
                .filter(|&&(c, ..)| cues[c].rule == i)
                .map(|&(_, s, e)| folded.original_span(s, e))
                .collect();
            for re in patterns.iter().flatten() {
                // A pattern's hit is its `cue` group when it has one (see the matcher).
                let cue = re.capture_names().position(|n| n == Some("cue"));
                spans.extend(re.captures_iter(text).filter_map(|c| {
                    let m = c.get(0)?;
                    let hit = cue
                        .and_then(|k| c.get(k))
                        .filter(|g| g.start() < g.end())
                        .unwrap_or(m);
                    (m.start() < m.end()).then_some((hit.start(), hit.end()))
                }));
            }
            spans
        };
        let first_exc = exceptions.iter().position(|e| e.rule == i).unwrap_or(0);
        let mut used = vec![false; n_exc];
        for ex in examples {
            let folded = fold(ex);
            let spans = raw(ex, &folded);
            if spans.is_empty() {
                continue;
            }
            let overlaps = |(s, e): (usize, usize)| spans.iter().any(|&(hs, he)| s < he && hs < e);
            found.clear();
            exc_set.find(&folded.text, &mut found);
            for &(k, s, e) in &found {
                if exceptions[k].rule == i && overlaps(folded.original_span(s, e)) {
                    used[k - first_exc] = true;
                }
            }
            for (k, re) in exc_pats.iter().enumerate() {
                if re.as_ref().is_some_and(|re| {
                    re.find_iter(ex)
                        .any(|m| m.start() < m.end() && overlaps((m.start(), m.end())))
                }) {
                    used[rule.exceptions.len() + k] = true;
                }
            }
        }
        for (k, loc) in rule.exceptions.iter().enumerate() {
            if !used[k] {
                let own = loc.text.trim();
                let hint = if raw(own, &fold(own)).is_empty() {
                    " (no match of the rule overlaps its own words either: it can only cancel a match that reaches beyond it)"
                } else {
                    ""
                };
                warn(&mut out, i, at(loc), Code::UnusedException, format!(
                    "the exception `{own}` cancels no match in the rule's examples{hint}; add an examples.no_match that it cancels, or remove it"
                ));
            }
        }
        for (k, loc) in rule.exception_patterns.iter().enumerate() {
            if !used[rule.exceptions.len() + k] {
                warn(&mut out, i, at(loc), Code::UnusedException,
                    "this exception pattern cancels no match in the rule's examples; add an examples.no_match that it cancels, or remove it".into());
            }
        }
    }

    // Rules without examples, and weights against their category.
    for (i, rule) in rules.rules.iter().enumerate() {
        let here = (rule.line, rule.column);
        if rule.examples.matches.is_empty() {
            warn(&mut out, i, here, Code::NoExamples, "the rule has no examples.match: `credence rules test` cannot check that it fires; add a sentence it must match".into());
        }
        let w = rule.weight;
        let cat = rule.category.name();
        let problem = match rule.category {
            Category::Hedge | Category::Conditional | Category::Question if w > 0.0 => {
                Some(format!("{} rule with a positive weight ({w:+}) raises certainty; give it a negative weight", article(cat)))
            }
            Category::Booster if w < 0.0 => {
                Some(format!("a booster with a negative weight ({w:+}) lowers certainty; give it a positive weight"))
            }
            Category::Hedge | Category::Booster if w == 0.0 => Some(format!(
                "{} rule of weight 0 never changes certainty{}; give it a weight",
                article(cat),
                if rule.weight_at.is_none() { " (no `weight` is given)" } else { "" }
            )),
            Category::Attribution | Category::VagueSource | Category::Negation if w != 0.0 => Some(format!(
                "{} rule with weight {w:+} changes certainty, which the model keeps apart (sources and polarity are separate dimensions); set the weight to 0",
                article(cat)
            )),
            Category::Boilerplate | Category::Disclaimer if w != 0.0 => Some(format!(
                "the weight {w:+} is ignored: {cat} rules do not count in the certainty score; set it to 0"
            )),
            _ => None,
        };
        if let Some(message) = problem {
            warn(
                &mut out,
                i,
                rule.weight_at.unwrap_or(here),
                Code::WeightSign,
                message,
            );
        }
    }
    out
}

/// The diagnostics and summaries of `rules check` as text, one finding a line.
pub fn render_text(reports: &[CheckReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in &r.diagnostics {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out.push_str(&r.summary());
        out.push('\n');
    }
    out
}

/// The reports of `rules check` as one JSON document.
pub fn render_json(reports: &[CheckReport]) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        file: &'a str,
        rules: Option<usize>,
        cues: Option<usize>,
        errors: usize,
        warnings: usize,
        diagnostics: &'a [Diagnostic],
    }
    let files: Vec<File> = reports
        .iter()
        .map(|r| File {
            file: &r.file,
            rules: r.rules,
            cues: r.cues,
            errors: r.errors(),
            warnings: r.warnings(),
            diagnostics: &r.diagnostics,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::json!({ "files": files }))
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Lang;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/data/rules/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn analyzer(text: &str) -> Analyzer {
        Analyzer::new(RuleSet::parse(text, "t.toml").unwrap()).unwrap()
    }

    /// Does rule `id` fire in `text` (segmented, as in an analysis)?
    fn fires(a: &Analyzer, id: &str, text: &str) -> bool {
        let rule = a.rules.index_of(id).unwrap();
        a.analyze_text(text)
            .iter()
            .any(|u| u.hits.iter().any(|h| h.rule == rule))
    }

    fn codes(report: &CheckReport) -> Vec<(usize, usize, &'static str)> {
        report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.code.name()))
            .collect()
    }

    #[test]
    fn every_cue_not_reported_can_fire() {
        for (text, lang) in [
            (crate::rules::BUNDLED_FR, Lang::Fr),
            (crate::rules::BUNDLED_EN, Lang::En),
        ] {
            let a = Analyzer::new(RuleSet::bundled(lang)).unwrap();
            let report = check_text(text, "b");
            let flagged: Vec<(usize, usize)> = report
                .diagnostics
                .iter()
                .filter(|d| matches!(d.code, Code::UnmatchableCue | Code::DuplicateCue))
                .map(|d| (d.line, d.column))
                .collect();
            for (i, r) in a.rules.rules.iter().enumerate() {
                for c in &r.cues {
                    if flagged.contains(&(c.line, c.column)) {
                        continue;
                    }
                    // On its own or between two words (an exception pattern
                    // may hold at the end of a text only).
                    let cue = c.text.trim();
                    let fire = |t: &str| a.matcher().find(t).iter().any(|h| h.rule == i);
                    assert!(
                        fire(cue) || fire(&format!("x {cue} x")),
                        "{}: {:?} does not fire on its own",
                        r.id,
                        c.text
                    );
                }
            }
        }
    }

    #[test]
    fn unmatchable_cues_never_fire_in_a_sentence() {
        let text = fixture("warn_unmatchable_cue.toml");
        let report = check_text(&text, "t.toml");
        assert_eq!(
            codes(&report),
            [
                (15, 3, "unmatchable-cue"),
                (16, 3, "unmatchable-cue"),
                (17, 3, "unmatchable-cue"),
                (18, 3, "unmatchable-cue"),
                (19, 3, "unmatchable-cue")
            ]
        );
        let a = analyzer(&text);
        // Cues that can never match, in sentences that contain them.
        for sentence in [
            "Il pourrait pleuvoir.",
            "C'est la fin. (suite) Le texte reprend.",
            "Il viendra sans doute demain.",
            "Il me semble que oui.",
        ] {
            assert!(!fires(&a, "t.hedge.dead", sentence), "{sentence}");
        }
        // " prétendument " matches, but as the trimmed word only.
        assert!(fires(&a, "t.hedge.dead", "Il serait prétendument, parti."));
    }

    #[test]
    fn shadowed_cues_never_decide_whether_the_rule_fires() {
        let text = fixture("warn_shadowed_cue.toml");
        let report = check_text(&text, "t.toml");
        assert_eq!(codes(&report), [(17, 60, "shadowed-cue")]);
        let a = analyzer(&text);
        let without = |cue: &str| analyzer(&text.replacen(&format!(", \"{cue}\""), "", 1));
        let sentences = [
            "Il viendra sans doute aucun.",
            "Sans doute aucun, il ne viendra probablement pas.",
            "Il ne viendra sans doute aucun jour très probablement pas.",
            "Il ne viendra très probablement pas.",
            "Il viendra très probablement.",
        ];
        // Without the reported cue, the rule fires exactly where it did.
        let b = without("sans doute aucun");
        for s in sentences {
            assert_eq!(
                fires(&a, "t.hedge.probablement", s),
                fires(&b, "t.hedge.probablement", s),
                "{s}"
            );
        }
        // Without "très probablement" (not reported), it no longer fires here:
        // "probablement" is dropped inside "probablement pas" of another rule.
        let c = without("très probablement");
        let s = "Il ne viendra très probablement pas.";
        assert!(fires(&a, "t.hedge.probablement", s));
        assert!(!fires(&c, "t.hedge.probablement", s));
    }

    #[test]
    fn rescue_needs_an_overlap_that_agrees_and_keeps_word_bounds() {
        // "très probablement" (S = "probablement" at 6) and "probablement pas".
        let l = fold_phrase("très probablement");
        assert!(rescues(&l, 5, "probablement pas", 0));
        // Disagreeing overlaps cannot both be in one text.
        assert!(!rescues("sans doute aucun", 0, "sans doute pas", 0));
        // A longer cue that contains L drops L as well.
        assert!(!rescues("tres probablement", 5, "tres probablement pas", 5));
        // A cue glued to L's first letter would break its word boundary.
        assert!(!rescues("doute ici", 0, "xdoute", 1));
        assert!(rescues("doute ici", 0, "x doute", 2));
    }

    #[test]
    fn duplicate_cues_are_found_after_folding() {
        let report = check_text(&fixture("warn_duplicate_cue.toml"), "t.toml");
        let found: Vec<(usize, usize, &str, Option<&str>)> = report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.code.name(), d.rule.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (13, 34, "duplicate-cue", Some("t.hedge.pourrait")),
                (20, 23, "duplicate-cue", Some("t.hedge.peut_etre")),
            ]
        );
    }

    #[test]
    fn unused_exceptions_are_those_that_cancel_nothing_in_the_examples() {
        let text = fixture("warn_unused_exception.toml");
        let report = check_text(&text, "t.toml");
        assert_eq!(
            codes(&report),
            [
                (15, 31, "unused-exception"),
                (15, 51, "unused-exception"),
                (16, 23, "unused-exception")
            ]
        );
        assert!(report.diagnostics[1].message.contains("own words"));
        assert!(!report.diagnostics[0].message.contains("own words"));
    }

    #[test]
    fn weights_against_the_category_are_reported_at_the_weight() {
        let report = check_text(&fixture("warn_weight_sign.toml"), "t.toml");
        assert_eq!(
            codes(&report),
            [
                (11, 10, "weight-sign"),
                (18, 10, "weight-sign"),
                (23, 6, "weight-sign"),
                (31, 10, "weight-sign"),
                (38, 10, "weight-sign")
            ]
        );
        let no_examples = check_text(&fixture("warn_no_examples.toml"), "t.toml");
        assert_eq!(
            codes(&no_examples),
            [(9, 6, "no-examples"), (15, 6, "no-examples")]
        );
    }

    #[test]
    fn every_load_error_is_reported_with_its_rule() {
        let report = check_text(&fixture("multiple_errors.toml"), "t.toml");
        assert_eq!(report.rules, None);
        let found: Vec<(usize, usize, Severity, Option<&str>)> = report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.severity, d.rule.as_deref()))
            .collect();
        let rule = Some("t.hedge.pourrait");
        assert_eq!(
            found,
            [
                (12, 13, Severity::Error, rule),
                (16, 6, Severity::Error, rule),
                (19, 22, Severity::Error, rule)
            ]
        );
        assert_eq!(
            report.diagnostics[0].message,
            "invalid regex: unclosed group in `pourr(?:ait`"
        );
        assert!(report.fails(false));
        // The first error is the one `--rules` gives.
        let first = RuleSet::parse(&fixture("multiple_errors.toml"), "t.toml").unwrap_err();
        assert_eq!((first.line, first.column), (12, 13));
    }

    #[test]
    fn warnings_fail_only_when_strict() {
        let report = check_text(&fixture("warn_no_examples.toml"), "t.toml");
        assert!(!report.fails(false));
        assert!(report.fails(true));
        assert_eq!(
            report.summary(),
            "t.toml: 2 rules, 2 cues: 0 errors, 2 warnings"
        );
    }

    #[test]
    fn rule_of_a_line_is_read_from_the_text() {
        let text = "language = \"fr\"\n[[rule]]\nid = \"a.b\"\nweight = x\n[model]\nbase = 1\n";
        assert_eq!(rule_at_line(text, 1), None);
        assert_eq!(rule_at_line(text, 4).as_deref(), Some("a.b"));
        assert_eq!(rule_at_line(text, 6), None);
    }
}
