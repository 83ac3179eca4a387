//! Adversarial inputs: time that stays linear in the size of a document
//! whatever its shape, and nothing lost without a word on stderr (units cut
//! for want of a sentence end, files skipped or read with replacement
//! characters), the rest of the batch analysed.

use assert_cmd::Command;
use credence::claims::Analyzers;
use credence::load::Lang;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::path::Path;

const BIN: &str = env!("CARGO_BIN_EXE_credence");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A text without a sentence end, of about `bytes` bytes.
fn no_stop(bytes: usize) -> String {
    let piece = "la Russie pourrait envoyer des troupes selon des experts et ";
    piece.repeat(bytes / piece.len() + 1)
}

fn credence() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(ROOT);
    cmd
}

/// The CSV rows of `analyze` output as (doc, start, end).
fn spans(csv_text: &str) -> Vec<(String, usize, usize)> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    rdr.records()
        .map(|r| {
            let r = r.expect("a CSV row");
            (
                r[0].to_string(),
                r[3].parse().expect("start"),
                r[4].parse().expect("end"),
            )
        })
        .collect()
}

#[test]
fn a_batch_with_a_long_unit_a_binary_file_and_bad_bytes_is_analysed_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.txt"), "La Russie pourrait envoyer des troupes.").unwrap();
    let long = no_stop(20_000);
    std::fs::write(d.join("b.txt"), &long).unwrap();
    std::fs::write(d.join("c.txt"), b"\x00\x01\x02binary").unwrap();
    std::fs::write(d.join("d.txt"), b"\xEF\xBB\xBFLe maire a parl\xFF hier.").unwrap();
    let out = credence()
        .args(["analyze", "--lang", "fr"])
        .arg(d)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let warned = |file: &str, what: &str| {
        stderr
            .lines()
            .any(|l| l.starts_with("credence: warning: ") && l.contains(file) && l.contains(what))
    };
    assert!(
        warned("b.txt", "without a sentence end were cut at 2000 bytes"),
        "{stderr}"
    );
    assert!(warned("c.txt", "binary file, skipped"), "{stderr}");
    assert!(warned("d.txt", "U+FFFD"), "{stderr}");
    assert!(!warned("a.txt", ""), "{stderr}");
    let rows = spans(&String::from_utf8(out.stdout).unwrap());
    let docs: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), vec!["a", "b", "d"]);
    // The long document: units of at most 2000 bytes, in order, covering
    // every word, each cut after a space.
    let b: Vec<(usize, usize)> = rows
        .iter()
        .filter(|r| r.0 == "b")
        .map(|r| (r.1, r.2))
        .collect();
    assert!(b.len() >= 10, "{b:?}");
    let mut pos = 0;
    for &(s, e) in &b {
        assert!(e - s <= 2000 && s >= pos, "{s}..{e}");
        assert!(long[pos..s].trim().is_empty(), "text lost before {s}");
        pos = e;
    }
    assert!(long[pos..].trim().is_empty());
}

#[test]
fn a_long_jsonl_document_is_named_by_its_line_and_timings_count_the_cuts() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    let line = |id: &str, text: &str| {
        serde_json::json!({"id": id, "text": text, "language": "fr"}).to_string() + "\n"
    };
    std::fs::write(
        &input,
        line("ok", "Le ministre a confirmé la visite.") + &line("long", &no_stop(9_000)),
    )
    .unwrap();
    let out = credence().arg("analyze").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("in.jsonl:2: ") && stderr.contains("unit(s) without a sentence end"),
        "{stderr}"
    );
    assert!(!stderr.contains("in.jsonl:1"), "{stderr}");
    let out_dir = tmp.path().join("out");
    let out = credence()
        .arg("report")
        .arg(&input)
        .arg("--out")
        .arg(&out_dir)
        .arg("--timings")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let cut = stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("credence: analyze: ")?
                .strip_suffix(" unit(s) cut at [segment] max_unit_bytes")
        })
        .unwrap_or_else(|| panic!("no count of cut units in:\n{stderr}"));
    assert!(cut.parse::<usize>().unwrap() >= 4, "{stderr}");
}

#[test]
fn a_too_small_unit_length_is_an_error_naming_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string(Path::new(ROOT).join("rules/fr.toml")).unwrap();
    let rules = rules.replacen("[segment]\n", "[segment]\nmax_unit_bytes = 10\n", 1);
    let line = rules
        .lines()
        .position(|l| l.starts_with("max_unit_bytes"))
        .unwrap()
        + 1;
    let path = tmp.path().join("fr.toml");
    std::fs::write(&path, rules).unwrap();
    let out = credence()
        .args(["explain", "--lang", "fr", "--text", "Il pleut.", "--rules"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("fr.toml:{line}")) && stderr.contains("max_unit_bytes"),
        "{stderr}"
    );
}

/// Pieces that adversarial inputs are made of: stops, quotes of every kind,
/// digits and separators, capitals, cues, table cells, other scripts, line
/// breaks.
const TOKENS: &[&str] = &[
    "la ",
    "Russie ",
    "pourrait ",
    "selon ",
    "des experts ",
    "a-t-il dit ",
    "« ",
    " »",
    "“",
    "”",
    "\"",
    "'",
    "(",
    ")",
    "[",
    ". ",
    "! ",
    "? ",
    "… ",
    "...",
    ".",
    ": ",
    "; ",
    ", ",
    "12 ",
    "345",
    ",67 ",
    "8.9",
    "-",
    "10 000 ",
    "% ",
    "LA ",
    "RUSSIE ",
    "M. ",
    "U.S. ",
    "| ",
    "\n",
    "\n\n",
    "Россия ",
    "北朝鮮",
    "مصادر ",
    "🙂",
    "Il ",
    "Macron ",
    "le préfet ",
    "according to ",
    "said ",
    "may ",
    "The ",
    "\t",
    "  ",
];

/// Seeded random pieces, each repeated into a document of about 200 KB (more
/// than three analysis windows, with stretches of no sentence end): every
/// unit is inside the text, on character boundaries, in order, and no longer
/// than the default `[segment] max_unit_bytes`. How the time grows with the
/// input is measured by bench/adversarial.sh and the `linear_time` fuzz
/// target, not by a timed test.
#[test]
fn random_repeated_pieces_give_bounded_units_in_order() {
    const BYTES: usize = 200_000;
    let analyzers = Analyzers::new(None).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    for case in 0..6 {
        let n = 1 + (rng.next_u32() % 12) as usize;
        let piece: String = (0..n)
            .map(|_| TOKENS[rng.next_u32() as usize % TOKENS.len()])
            .collect();
        let text = piece.repeat(BYTES / piece.len() + 1);
        for lang in [Lang::Fr, Lang::En] {
            let units = analyzers.get(lang).analyze_text(&text);
            let mut last = 0;
            for u in &units {
                assert!(
                    last <= u.start && u.start < u.end && u.end <= text.len(),
                    "case {case} ({lang:?}): {piece:?}: unit {}..{} after {last}",
                    u.start,
                    u.end
                );
                assert!(text.is_char_boundary(u.start) && text.is_char_boundary(u.end));
                assert!(
                    u.end - u.start <= 2000,
                    "case {case} ({lang:?}): {piece:?}: a unit of {} bytes",
                    u.end - u.start
                );
                last = u.end;
            }
        }
    }
}
