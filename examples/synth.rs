//! Write a large synthetic corpus, deterministically from a seed, for
//! benchmarks and scale tests: the sample articles' sentences recombined
//! across documents (so that many documents share facts and alignment has
//! real work), with figures, months and outlets varied.
//!
//! Usage: cargo run --release --example synth -- [--docs N | --size-mb M]
//!        [--seed S] [--format jsonl|txt] --out PATH
//! JSONL goes to PATH (a file, or - for stdout); txt writes PATH/NNNNNN.txt
//! and PATH/sources.csv.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufWriter, Write};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const OUTLETS: [&str; 12] = [
    "Le Quotidien",
    "La Gazette",
    "Info Direct",
    "Le Matin",
    "L'Observateur",
    "Dépêche Express",
    "Le Courrier",
    "Radio Monde",
    "Le Journal",
    "Actu24",
    "L'Écho",
    "Le Réveil",
];

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

/// Sentences of the bundled sample corpus (one per line, titles included).
fn pool() -> Vec<String> {
    let loaded = credence::load::sample_corpus();
    let analyzers = credence::claims::Analyzers::new(None).expect("bundled rules");
    let mut out = Vec::new();
    for d in &loaded.docs {
        for u in analyzers.get(d.lang).analyze_text(&d.text) {
            out.push(d.text[u.start..u.end].replace('\n', " "));
        }
    }
    out
}

/// Vary numbers (scaled) and month names in a sentence.
fn vary(s: &str, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut ChaCha8Rng| {
        if digits.is_empty() {
            return;
        }
        if digits.len() == 3 && rng.next_u32().is_multiple_of(2) {
            let v: u32 = digits.parse().unwrap_or(0);
            let scaled = v.saturating_mul(1 + rng.next_u32() % 3) % 1000;
            out.push_str(&format!("{scaled:03}"));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, rng);
    for m in MONTHS {
        if out.contains(m) && rng.next_u32().is_multiple_of(3) {
            let other = MONTHS[(rng.next_u32() % 12) as usize];
            out = out.replacen(m, other, 1);
            break;
        }
    }
    out
}

fn document(pool: &[String], rng: &mut ChaCha8Rng) -> String {
    let n = 6 + (rng.next_u32() % 24) as usize;
    let mut text = String::new();
    let mut para = 0;
    for _ in 0..n {
        let s = &pool[(rng.next_u32() as usize) % pool.len()];
        text.push_str(&vary(s, rng));
        para += 1;
        if para > (rng.next_u32() % 4) as usize {
            text.push('\n');
            para = 0;
        } else {
            text.push(' ');
        }
    }
    text.trim_end().to_string() + "\n"
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
                    let text = document(&pool, &mut rng);
                    let outlet = OUTLETS[(rng.next_u32() as usize) % OUTLETS.len()];
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
                let text = document(&pool, &mut rng);
                let outlet = OUTLETS[(rng.next_u32() as usize) % OUTLETS.len()];
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
