//! Print every cue (fixed phrase) of the bundled French and English rules,
//! one per line, sorted and without duplicates: the patterns file of the
//! ripgrep baseline in `bench/peers.sh`.
//!
//! Usage: cargo run --release --example cues > cues.txt

use credence::load::Lang;
use credence::rules::RuleSet;
use std::collections::BTreeSet;
use std::io::Write;

fn main() {
    let mut cues = BTreeSet::new();
    for lang in [Lang::Fr, Lang::En] {
        for rule in RuleSet::bundled(lang).rules {
            cues.extend(rule.cues.into_iter().map(|c| c.text));
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = cues
        .iter()
        .filter(|c| !c.contains('\n'))
        .try_for_each(|c| writeln!(out, "{c}"))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("cues: {e}");
            std::process::exit(3);
        }
    }
}
