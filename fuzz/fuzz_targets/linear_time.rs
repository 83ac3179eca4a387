//! Analysis time stays linear: a short arbitrary piece of text is repeated
//! into a long document (repetition is what makes a step whose cost grows
//! with the square of a unit or a document show), analysed in French and in
//! English, and the run fails when either takes more than a set time per
//! byte. `CREDENCE_FUZZ_NS_PER_BYTE` sets the time (default 10 000 ns, some
//! fifty times what the analysis takes on the worst shapes known, so that
//! only a superlinear step, not a slow machine, fails it).
#![no_main]

use credence::claims::Analyzers;
use credence::load::Lang;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Length the piece is repeated to: beyond one analysis window.
const TEXT_BYTES: usize = 160 * 1024;
/// Fixed allowance per analysis.
const SLACK: Duration = Duration::from_millis(100);

fn analyzers() -> &'static Analyzers {
    static A: OnceLock<Analyzers> = OnceLock::new();
    A.get_or_init(|| {
        let a = Analyzers::new(None).expect("bundled rules compile");
        // Compile both languages before any run is timed.
        a.get(Lang::Fr);
        a.get(Lang::En);
        a
    })
}

fn ns_per_byte() -> u64 {
    static N: OnceLock<u64> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("CREDENCE_FUZZ_NS_PER_BYTE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000)
    })
}

fuzz_target!(|data: &[u8]| {
    let piece = String::from_utf8_lossy(data);
    if piece.trim().is_empty() {
        return;
    }
    let text = piece.repeat(TEXT_BYTES / piece.len() + 1);
    let budget = Duration::from_nanos(ns_per_byte() * text.len() as u64) + SLACK;
    for lang in [Lang::Fr, Lang::En] {
        let analyzer = analyzers().get(lang);
        let started = Instant::now();
        let units = analyzer.analyze_text(&text);
        let took = started.elapsed();
        assert!(
            took <= budget,
            "{} bytes ({lang:?}, {} units, the piece {:?} repeated) took {took:?}, more than {budget:?}",
            text.len(),
            units.len(),
            &piece[..piece.len().min(200)]
        );
    }
});
