//! Arbitrary bytes as a JSONL input through the whole cross-source run:
//! load, analyse, align, compare, and every report table as CSV. Bad lines
//! must be errors, never panics.
#![no_main]

use credence::align::Aligner;
use credence::claims::Analyzers;
use credence::compare::compare;
use credence::load::{load_jsonl, Loaded};
use credence::report::tables::{write_table_csv, ReportData};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn analyzers() -> &'static Analyzers {
    static A: OnceLock<Analyzers> = OnceLock::new();
    A.get_or_init(|| Analyzers::new(None).expect("bundled rules compile"))
}

fuzz_target!(|data: &[u8]| {
    let mut loaded = Loaded::default();
    if load_jsonl(data, "fuzz.jsonl", None, &mut loaded).is_err() {
        return;
    }
    let analyzers = analyzers();
    let docs = &loaded.docs;
    let analyses: Vec<_> = docs
        .iter()
        .map(|d| analyzers.get(d.lang).analyze(d))
        .collect();
    let alignment = Aligner::new(analyzers).align(docs, &analyses);
    let comparison = compare(analyzers, docs, &analyses, &alignment);
    let data = ReportData {
        analyzers,
        docs,
        analyses: &analyses,
        alignment: &alignment,
        comparison: &comparison,
    };
    for table in data.all() {
        write_table_csv(table, std::io::sink()).expect("writing to a sink");
    }
});
