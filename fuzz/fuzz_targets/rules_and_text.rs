//! A rules file built from arbitrary cues, patterns and exceptions, then an
//! arbitrary text analysed with it: whatever the rule strings, compiling
//! gives `Ok` or a located error and analysis never panics.
#![no_main]

use arbitrary::Arbitrary;
use credence::claims::Analyzer;
use credence::report::explain_unit;
use credence::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use toml::{Table, Value};

const CATEGORIES: [&str; 9] = [
    "hedge",
    "booster",
    "conditional",
    "attribution",
    "vague_source",
    "negation",
    "question",
    "disclaimer",
    "boilerplate",
];

#[derive(Arbitrary, Debug)]
struct FuzzRule {
    category: u8,
    weight: i8,
    cues: Vec<String>,
    patterns: Vec<String>,
    exceptions: Vec<String>,
    exception_patterns: Vec<String>,
    case_sensitive: bool,
    borrowed: bool,
    frame: bool,
    priority: i8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    lang_en: bool,
    abbreviations: Vec<String>,
    rules: Vec<FuzzRule>,
    text: String,
}

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

fn rules_file(input: &Input) -> String {
    let mut file = Table::new();
    let lang = if input.lang_en { "en" } else { "fr" };
    file.insert("language".into(), Value::String(lang.into()));
    let mut model = Table::new();
    model.insert("base".into(), Value::Float(4.0));
    let mut labels = Table::new();
    labels.insert("certain".into(), Value::Float(0.95));
    labels.insert("probable".into(), Value::Float(0.8));
    labels.insert("possible".into(), Value::Float(0.1));
    model.insert("labels".into(), Value::Table(labels));
    file.insert("model".into(), Value::Table(model));
    let mut segment = Table::new();
    segment.insert("abbreviations".into(), strings(&input.abbreviations));
    file.insert("segment".into(), Value::Table(segment));
    let rules = input
        .rules
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, r)| {
            let mut t = Table::new();
            t.insert("id".into(), Value::String(format!("f.rule.{i}")));
            let cat = CATEGORIES[r.category as usize % CATEGORIES.len()];
            t.insert("category".into(), Value::String(cat.into()));
            t.insert("weight".into(), Value::Float(f64::from(r.weight) / 8.0));
            t.insert("cues".into(), strings(&r.cues));
            t.insert("patterns".into(), strings(&r.patterns));
            t.insert("exceptions".into(), strings(&r.exceptions));
            t.insert("exception_patterns".into(), strings(&r.exception_patterns));
            t.insert("case_sensitive".into(), Value::Boolean(r.case_sensitive));
            t.insert("borrowed".into(), Value::Boolean(r.borrowed));
            t.insert("frame".into(), Value::Boolean(r.frame));
            t.insert("priority".into(), Value::Integer(i64::from(r.priority)));
            Value::Table(t)
        })
        .collect();
    file.insert("rule".into(), Value::Array(rules));
    toml::to_string(&file).expect("a TOML table serialises")
}

fuzz_target!(|input: Input| {
    let text = rules_file(&input);
    let Ok(rules) = RuleSet::parse(&text, "fuzz.toml") else {
        return;
    };
    let Ok(analyzer) = Analyzer::new(rules) else {
        return;
    };
    for u in analyzer.analyze_text(&input.text) {
        assert!(u.start <= u.end && u.end <= input.text.len());
        for h in &u.hits {
            assert!(h.start <= h.end && h.end <= input.text.len());
        }
        let _ = explain_unit(&analyzer, &input.text, &u);
    }
});
