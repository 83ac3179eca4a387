//! Arbitrary UTF-8 text through the whole unit analysis with the bundled
//! rules (segment, match, clean, claims, sources, figures) and its
//! renderings; spans must stay inside the text, on character boundaries.
#![no_main]

use credence::claims::{Analyzers, DocAnalysis};
use credence::load::Lang;
use credence::report::{claim_row, explain_unit, matches_json};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn analyzers() -> &'static Analyzers {
    static A: OnceLock<Analyzers> = OnceLock::new();
    A.get_or_init(|| Analyzers::new(None).expect("bundled rules compile"))
}

fn check_span(text: &str, start: usize, end: usize) {
    assert!(start <= end, "span {start}..{end} reversed");
    assert!(end <= text.len(), "span {start}..{end} past the text");
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
}

fuzz_target!(|text: &str| {
    for lang in [Lang::Fr, Lang::En] {
        let analyzer = analyzers().get(lang);
        let units = analyzer.analyze_text(text);
        let mut last_end = 0;
        for u in &units {
            check_span(text, u.start, u.end);
            assert!(u.start >= last_end, "units overlap");
            last_end = u.end;
            for h in &u.hits {
                check_span(text, h.start, h.end);
                if let Some((s, e)) = h.source {
                    check_span(text, s, e);
                }
            }
            assert!(u.certainty.is_finite() && (0.0..=1.0).contains(&u.certainty));
            let _ = explain_unit(analyzer, text, u);
            let _ = matches_json(analyzer, text, u);
        }
        let doc = DocAnalysis {
            doc: "fuzz".into(),
            outlet: None,
            lang,
            units,
            cut_units: 0,
            windows: 1,
        };
        for u in &doc.units {
            let _ = claim_row(analyzer, &doc, text, u).cells();
        }
    }
});
