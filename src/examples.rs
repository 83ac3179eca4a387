//! Rule examples: every rule's `examples.match` must make it fire and every
//! `examples.no_match` must not (run by `credence rules test`).

use crate::claims::Analyzer;

/// One example that did not behave as its rule says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// Line of the rule in its file.
    pub line: usize,
    /// The example text.
    pub example: String,
    /// True when the example should have matched.
    pub expected_match: bool,
}

/// Outcome of running every example of a rule set.
#[derive(Debug, Clone, Default)]
pub struct ExampleReport {
    /// Examples run.
    pub run: usize,
    /// Examples that failed.
    pub failures: Vec<ExampleFailure>,
    /// Rules with no `examples.match`.
    pub untested: Vec<String>,
}

/// Run every example through the whole rule set (so exceptions and
/// overlaps with other rules count, as they do on real text).
pub fn run_examples(analyzer: &Analyzer) -> ExampleReport {
    let mut report = ExampleReport::default();
    let matcher = analyzer.matcher();
    for (i, rule) in analyzer.rules.rules.iter().enumerate() {
        if rule.examples.matches.is_empty() {
            report.untested.push(rule.id.clone());
        }
        let cases = rule
            .examples
            .matches
            .iter()
            .map(|e| (e, true))
            .chain(rule.examples.no_match.iter().map(|e| (e, false)));
        for (example, expected) in cases {
            report.run += 1;
            let fired = if rule.speech {
                !analyzer.speech_hits(example).is_empty()
            } else {
                matcher.find(example).iter().any(|h| h.rule == i)
            };
            if fired != expected {
                report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    line: rule.line,
                    example: example.clone(),
                    expected_match: expected,
                });
            }
        }
    }
    report
}
