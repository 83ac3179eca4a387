//! Arbitrary bytes as a rules file: parsing and compiling must give `Ok` or
//! a located error, never a panic; rules that compile must analyse a text.
#![no_main]

use credence::claims::Analyzer;
use credence::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Selon des experts, la Russie aurait envoyé 10 000 soldats. \
                    Il pourrait pleuvoir demain, a déclaré le ministre.\n\
                    Officials said 3,000 troops were probably sent?";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rules) = RuleSet::parse(text, "fuzz.toml") else {
        return;
    };
    if let Ok(analyzer) = Analyzer::new(rules) {
        let units = analyzer.analyze_text(TEXT);
        for u in &units {
            assert!(u.start <= u.end && u.end <= TEXT.len());
            assert!((0.0..=1.0).contains(&u.certainty) || u.certainty.is_nan());
        }
    }
});
