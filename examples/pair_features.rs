//! Write the candidate pairs of statements that `report` clusters, one per
//! line (tab-separated, with a header): the claims of each statement
//! (`doc:unit`, space-separated), their similarity, the cosine and the
//! number of shared features of every feature kind, the number of features
//! of each, whether the two documents share their outlet and their
//! language, and each statement's position in its document (0 to 1). With
//! gold clusters, this is what `bench/learned_pairs.py` fits a pair
//! similarity on.
//!
//! Usage: cargo run --release --example pair_features -- [INPUT...] > pairs.tsv
//! (no INPUT: the bundled sample corpus). The bundled rules are used.

use credence::align::{Aligner, FeatureKind};
use credence::analyze::analyze_all;
use credence::claims::Analyzers;
use credence::load::{load_inputs, sample_corpus};
use std::io::Write;

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let loaded = if inputs.is_empty() {
        sample_corpus()
    } else {
        match load_inputs(&inputs, None) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("pair_features: {e}");
                std::process::exit(3);
            }
        }
    };
    let analyzers = match Analyzers::new(None) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("pair_features: {e}");
            std::process::exit(2);
        }
    };
    let docs = &loaded.docs;
    let analyses = analyze_all(&analyzers, docs);
    let pairs = Aligner::new(&analyzers).candidate_pairs(docs, &analyses);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut header = vec!["a".to_string(), "b".into(), "similarity".into()];
    for k in FeatureKind::ALL {
        header.push(format!("cos_{}", k.name()));
    }
    for k in FeatureKind::ALL {
        header.push(format!("shared_{}", k.name()));
    }
    for h in [
        "size_a",
        "size_b",
        "same_outlet",
        "same_lang",
        "position_a",
        "position_b",
    ] {
        header.push(h.into());
    }
    let claims = |m: &[(usize, usize)]| -> String {
        m.iter()
            .map(|&(d, u)| format!("{}:{u}", docs[d].id))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let position = |m: &[(usize, usize)]| -> f64 {
        let (d, u) = m[0];
        u as f64 / analyses[d].units.len().max(1) as f64
    };
    let mut written = writeln!(out, "{}", header.join("\t"));
    for p in &pairs {
        if written.is_err() {
            break;
        }
        let (da, db) = (&docs[p.a[0].0], &docs[p.b[0].0]);
        let mut row = vec![claims(&p.a), claims(&p.b), format!("{:.4}", p.similarity)];
        row.extend(p.cosine.iter().map(|c| format!("{c:.4}")));
        row.extend(p.shared.iter().map(|s| s.to_string()));
        row.push(p.sizes.0.to_string());
        row.push(p.sizes.1.to_string());
        let same_outlet = da.meta.outlet.is_some() && da.meta.outlet == db.meta.outlet;
        row.push(u8::from(same_outlet).to_string());
        row.push(u8::from(da.lang == db.lang).to_string());
        row.push(format!("{:.3}", position(&p.a)));
        row.push(format!("{:.3}", position(&p.b)));
        written = writeln!(out, "{}", row.join("\t"));
    }
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("pair_features: {e}");
            std::process::exit(3);
        }
    }
}
