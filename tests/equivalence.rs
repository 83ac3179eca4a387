//! The analysis of a generated corpus, pinned by a digest: a change to the
//! engine that is meant to be faster, not different, must leave every byte
//! of `analyze`'s CSV and JSON output (every unit, every rule match and its
//! span) as it was.
//!
//! The corpus is made by the generator of `examples/synth.rs` from a fixed
//! seed. When a change of the rules or of the engine changes the analysis on
//! purpose, write the new digests with
//!
//! ```sh
//! CREDENCE_UPDATE_DIGESTS=1 cargo test --release --test equivalence
//! ```
//!
//! and commit `tests/data/equivalence.txt`. `bench/equivalence.sh` compares
//! two binaries on a much larger corpus.

#[allow(dead_code)]
#[path = "../examples/common/synth.rs"]
mod generator;

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use sha1::{Digest, Sha1};
use std::io::Write;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_credence");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DIGESTS: &str = "tests/data/equivalence.txt";
const SEED: u64 = 16;
const DOCS: usize = 200;

/// The generated corpus as JSONL, the same bytes on every run: those of
/// `cargo run --release --example synth -- --docs 200 --seed 16 --out FILE`.
fn corpus() -> String {
    let pool = generator::pool();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut out = String::new();
    for i in 0..DOCS {
        let (text, outlet) = generator::next_document(&pool, &mut rng);
        let line = serde_json::json!({ "id": format!("s{i:07}"), "outlet": outlet, "language": "fr", "text": text });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// `credence analyze FILE --format FORMAT`'s output: its SHA-1 and line count.
fn analyze(file: &Path, format: &str) -> (String, usize) {
    let out = Command::new(BIN)
        .current_dir(ROOT)
        .arg("analyze")
        .arg(file)
        .args(["--format", format, "--threads", "2"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "credence analyze --format {format} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let digest: String = Sha1::digest(&out.stdout)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    (digest, lines)
}

#[test]
fn analysis_of_generated_text_is_unchanged() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("generated.jsonl");
    std::fs::File::create(&file)
        .and_then(|mut f| f.write_all(corpus().as_bytes()))
        .expect("the corpus is written");
    let mut now = String::new();
    for format in ["csv", "json"] {
        let (digest, lines) = analyze(&file, format);
        now.push_str(&format!("{format} {digest} {lines}\n"));
    }
    let path = Path::new(ROOT).join(DIGESTS);
    if std::env::var_os("CREDENCE_UPDATE_DIGESTS").is_some() {
        std::fs::write(&path, &now).expect("the digests are written");
        return;
    }
    let pinned = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        pinned, now,
        "the analysis of the generated corpus ({DOCS} documents, seed {SEED}) differs from \
         {DIGESTS} (format, SHA-1 of the output, lines). If the change is meant \
         (rules or engine changed on purpose), write the new digests with\n  \
         CREDENCE_UPDATE_DIGESTS=1 cargo test --release --test equivalence\nand commit {DIGESTS}; \
         to see what differs, run bench/equivalence.sh OLD_BINARY NEW_BINARY"
    );
}
