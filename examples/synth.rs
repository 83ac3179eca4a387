//! Write a large synthetic corpus, deterministically from a seed, for
//! benchmarks and scale tests: the sample articles' sentences recombined
//! across documents (so that many documents share facts and alignment has
//! real work), with figures, months and outlets varied.
//!
//! Usage: cargo run --release --example synth -- [--docs N | --size-mb M]
//!        [--seed S] [--format jsonl|txt] --out PATH
//! JSONL goes to PATH (a file, or - for stdout); txt writes PATH/NNNNNN.txt
//! and PATH/sources.csv.

#[path = "common/synth.rs"]
mod generator;

use generator::{next_document, pool};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};

struct Args {
    docs: Option<usize>,
    size_mb: Option<f64>,
    seed: u64,
    format: String,
    out: String,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        docs: None,
        size_mb: None,
        seed: 1,
        format: "jsonl".into(),
        out: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--docs" => a.docs = Some(value()?.parse().map_err(|e| format!("--docs: {e}"))?),
            "--size-mb" => {
                a.size_mb = Some(value()?.parse().map_err(|e| format!("--size-mb: {e}"))?)
            }
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--format" => a.format = value()?,
            "--out" => a.out = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if a.out.is_empty() {
        return Err("--out PATH is required".into());
    }
    if a.docs.is_none() && a.size_mb.is_none() {
        a.docs = Some(1000);
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(2);
        }
    };
    let pool = pool();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let limit_bytes = args.size_mb.map(|m| (m * 1_048_576.0) as usize);
    let max_docs = args.docs.unwrap_or(usize::MAX);
    let result = match args.format.as_str() {
        "jsonl" => {
            let sink: Box<dyn Write> = if args.out == "-" {
                Box::new(std::io::stdout().lock())
            } else {
                match std::fs::File::create(&args.out) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        eprintln!("synth: {}: {e}", args.out);
                        std::process::exit(3);
                    }
                }
            };
            let mut w = BufWriter::new(sink);
            let mut written = 0usize;
            let mut i = 0usize;
            (|| -> std::io::Result<()> {
                while i < max_docs && limit_bytes.is_none_or(|l| written < l) {
                    let (text, outlet) = next_document(&pool, &mut rng);
                    let line = serde_json::json!({ "id": format!("s{i:07}"), "outlet": outlet, "language": "fr", "text": text });
                    let s = line.to_string();
                    written += s.len() + 1;
                    writeln!(w, "{s}")?;
                    i += 1;
                }
                w.flush()
            })()
        }
        "txt" => (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&args.out)?;
            let mut sources =
                BufWriter::new(std::fs::File::create(format!("{}/sources.csv", args.out))?);
            writeln!(sources, "file,outlet,language")?;
            let mut written = 0usize;
            let mut i = 0usize;
            while i < max_docs && limit_bytes.is_none_or(|l| written < l) {
                let (text, outlet) = next_document(&pool, &mut rng);
                std::fs::write(format!("{}/s{i:07}.txt", args.out), &text)?;
                writeln!(sources, "s{i:07}.txt,\"{outlet}\",fr")?;
                written += text.len();
                i += 1;
            }
            sources.flush()
        })(),
        other => {
            eprintln!("synth: --format must be jsonl or txt, not {other}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("synth: {e}");
        std::process::exit(3);
    }
}
