//! End-to-end tests of the `credence` binary: real commands on real text.

use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_credence");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const HEADER: &str =
    "doc,outlet,unit,start,end,kind,certainty,label,polarity,cues,source,source_kind,figures,text";

/// Units of the bundled sample corpus.
const SAMPLE_UNITS: usize = 110;

/// The binary, run from the crate root (so fixture paths are relative).
fn credence() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(ROOT);
    cmd
}

/// Run, check that nothing panicked, and return the output.
fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Run a command that must succeed; returns stdout.
fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert_eq!(
        out.status.code(),
        Some(0),
        "expected success, stderr:\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// Run a command that must fail with `code`; returns stderr.
fn fails(cmd: &mut Command, code: i32) -> String {
    let out = run(cmd);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}, stderr:\n{err}"
    );
    assert!(!err.trim().is_empty(), "a failure must say why on stderr");
    err
}

/// CSV output parsed into rows keyed by column name.
fn parse_csv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    rdr.records()
        .map(|r| {
            let r = r.expect("a well-formed CSV record");
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn sample_csv() -> String {
    ok(credence().arg("analyze"))
}

/// The one row whose doc starts with `doc` and whose text starts with `text`.
fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    doc: &str,
    text: &str,
) -> &'a BTreeMap<String, String> {
    let found: Vec<_> = rows
        .iter()
        .filter(|r| r["doc"].starts_with(doc) && r["text"].starts_with(text))
        .collect();
    assert_eq!(found.len(), 1, "rows of {doc} starting with {text:?}");
    found[0]
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).expect("write a fixture");
}

fn jsonl_line(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string() + "\n"
}

fn fixture(name: &str) -> String {
    format!("tests/data/rules/{name}")
}

// ─── analyze on the sample corpus ──────────────────────────────────────────

#[test]
fn analyze_sample_corpus_csv() {
    let out = sample_csv();
    assert_eq!(out.lines().next(), Some(HEADER));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), SAMPLE_UNITS);
    let docs: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["doc"].as_str()).collect();
    assert_eq!(docs.len(), 5);

    // Every certainty of a claim or question has three decimals.
    for r in &rows {
        if r["kind"] == "claim" || r["kind"] == "question" {
            let c = &r["certainty"];
            assert!(
                c.len() == 5 && c.starts_with(['0', '1']) && c.as_bytes()[1] == b'.',
                "certainty {c:?} of {r:?}"
            );
            assert!(!r["label"].is_empty());
        }
    }

    // The journalistic conditional, credited to the intelligence service.
    let r = row(
        &rows,
        "004",
        "ParisEnviron 3 000 soldats nord-coréens auraient été envoyés",
    );
    assert_eq!(r["kind"], "claim");
    assert_eq!(r["label"], "unconfirmed");
    assert!(r["cues"].split(';').any(|c| c == "fr.conditional.reported"));
    assert!(r["figures"].split(';').any(|f| f == "3000 soldat"));
    assert!(
        r["source"].contains("Service national de renseignement"),
        "{r:?}"
    );
    assert_eq!(r["source_kind"], "named");

    // Page furniture has no certainty.
    let r = row(&rows, "000", "Related News :");
    assert_eq!(r["kind"], "boilerplate");
    assert_eq!(r["certainty"], "");
    assert_eq!(r["label"], "");

    // The opinion disclaimer, with its outlet from sources.csv.
    let r = row(&rows, "002", "Les opinions exprimées dans cet article");
    assert_eq!(r["kind"], "disclaimer");
    assert_eq!(r["outlet"], "Epoch Times");
    assert!(r["cues"].contains("fr.disclaimer.opinion"));

    // A hedged claim: "Ils devraient bientôt se rendre au front".
    let r = row(&rows, "000", "Ils devraient bientôt se rendre au front");
    assert_eq!(r["label"], "probable");
    assert_eq!(r["polarity"], "affirmed");

    // Spans index the document text: consecutive units do not overlap.
    for pair in rows.windows(2) {
        if pair[0]["doc"] == pair[1]["doc"] {
            let end: usize = pair[0]["end"].parse().unwrap();
            let start: usize = pair[1]["start"].parse().unwrap();
            assert!(end <= start, "{pair:?}");
        }
    }
}

#[test]
fn analyze_json_has_every_unit_with_its_matches() {
    let out = ok(credence().args(["analyze", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let units = v["units"].as_array().expect("a units array");
    assert_eq!(units.len(), SAMPLE_UNITS);
    let u = units
        .iter()
        .find(|u| {
            u["text"]
                .as_str()
                .unwrap()
                .starts_with("ParisEnviron 3 000")
        })
        .expect("the 004 unit");
    assert_eq!(u["label"], "unconfirmed");
    let rules: Vec<&str> = u["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"fr.conditional.reported"), "{rules:?}");
}

#[test]
fn analyze_table_prints_a_table() {
    let out = ok(credence().args(["analyze", "--format", "table"]));
    let first = out.lines().next().unwrap_or_default();
    assert!(first.starts_with('┌'), "{first}");
    for col in ["doc", "kind", "label", "cert.", "source", "figures", "text"] {
        assert!(out.contains(col), "column {col} missing");
    }
    assert!(out.contains("000_e3c918ad"));
    assert!(out.contains("unconfirmed"));
}

#[test]
fn unknown_format_is_a_usage_error() {
    let err = fails(credence().args(["analyze", "--format", "xml"]), 2);
    assert!(err.contains("xml"), "{err}");
    assert!(
        err.contains("csv") && err.contains("json") && err.contains("table"),
        "{err}"
    );
}

// ─── determinism and reports ───────────────────────────────────────────────

#[test]
fn analyze_is_deterministic() {
    let a = run(credence().arg("analyze"));
    let b = run(credence().arg("analyze"));
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
}

/// Every file of a report directory, by name.
fn read_dir_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn report_writes_the_analyze_rows_deterministically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = run(credence().arg("report").arg("--out").arg(&out));
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("5 documents, 110 units"),
        "{}",
        stderr(&first)
    );
    assert!(first.stdout.is_empty(), "report writes nothing on stdout");
    let once = read_dir_files(&out);
    let claims = String::from_utf8(once["claims.csv"].clone()).unwrap();

    // claims.csv has analyze's columns first (then report-only columns),
    // and the same rows with the same cells.
    assert!(
        claims.starts_with(HEADER),
        "{}",
        claims.lines().next().unwrap()
    );
    let reported = parse_csv(&claims);
    let analyzed = parse_csv(&sample_csv());
    assert_eq!(reported.len(), analyzed.len());
    for (r, a) in reported.iter().zip(&analyzed) {
        for (col, value) in a {
            assert_eq!(&r[col], value, "column {col} of {a:?}");
        }
    }

    // A second run gives the same bytes in every file, and written
    // atomically leaves no temporary file behind.
    let second = run(credence().arg("report").arg("--out").arg(&out));
    assert!(second.status.success());
    assert_eq!(read_dir_files(&out), once);
    for name in once.keys() {
        assert!(!name.ends_with(".tmp"), "leftover {name}");
    }
}

#[test]
fn report_defaults_to_the_reports_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(Command::new(BIN).current_dir(dir.path()).arg("report"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("reports/claims.csv").is_file());
}

#[test]
fn committed_report_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    ok(credence().arg("report").arg("--out").arg(dir.path()));
    let fresh = std::fs::read_to_string(dir.path().join("claims.csv")).unwrap();
    let committed = std::fs::read_to_string(Path::new(ROOT).join("reports/claims.csv"))
        .expect("reports/claims.csv is committed");
    assert!(
        fresh == committed,
        "reports/claims.csv differs from a fresh run; regenerate it with `cargo run --release -- report`"
    );
}

#[test]
fn report_into_a_file_path_is_an_output_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    write(&file, "x");
    let err = fails(credence().arg("report").arg("--out").arg(&file), 3);
    assert!(err.contains("not-a-dir"), "{err}");
}

// ─── inputs ────────────────────────────────────────────────────────────────

#[test]
fn directory_with_sources_csv() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("a.txt"),
        "La Russie pourrait envoyer des troupes.\n",
    );
    write(
        &dir.path().join("b.txt"),
        "Selon le ministère de la Défense, 12 000 soldats sont arrivés.\n",
    );
    write(
        &dir.path().join("sources.csv"),
        "file,outlet,title,url,published,language\n\
         a.txt,Le Quotidien,Titre A,https://example.org/a,2024-10-20,fr\n\
         b,\"Journal, du soir\",,,,fr\n",
    );
    let out = ok(credence().arg("analyze").arg(dir.path()));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["doc"], "a");
    assert_eq!(rows[0]["outlet"], "Le Quotidien");
    assert_eq!(rows[0]["label"], "possible");
    assert!(rows[0]["cues"].contains("fr.hedge.pouvoir_conditionnel"));
    assert_eq!(rows[1]["doc"], "b");
    assert_eq!(rows[1]["outlet"], "Journal, du soir");
    assert_eq!(rows[1]["figures"], "12000 soldat");
    assert_eq!(rows[1]["source"], "le ministère de la Défense");
    assert_eq!(rows[1]["source_kind"], "named");
}

#[test]
fn jsonl_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.jsonl");
    let lines = [
        serde_json::json!({"id": "fr1", "outlet": "Agence", "language": "fr",
            "text": "Des experts ont déclaré que 10 000 soldats seraient déjà en Russie."}),
        serde_json::json!({"id": 2, "language": "en",
            "text": "The troops could reach the front soon."}),
    ];
    let body: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    write(&path, body);
    let out = ok(credence().arg("analyze").arg(&path));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["doc"], "fr1");
    assert_eq!(rows[0]["outlet"], "Agence");
    assert_eq!(rows[0]["figures"], "10000 soldat");
    assert_eq!(rows[0]["source_kind"], "vague");
    assert_eq!(rows[1]["doc"], "2");
    assert!(rows[1]["cues"].contains("en.hedge.modal"), "{:?}", rows[1]);
    assert_eq!(rows[1]["label"], "possible");
}

#[test]
fn jsonl_on_stdin() {
    let input = jsonl_line("s1", "Le sommet aurait été annulé.")
        + &jsonl_line("s2", "Le sommet a eu lieu.");
    let out = ok(credence()
        .args(["analyze", "-", "--lang", "fr"])
        .write_stdin(input));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["doc"], "s1");
    assert_eq!(rows[0]["label"], "unconfirmed");
    assert_eq!(rows[1]["doc"], "s2");
    assert_eq!(rows[1]["label"], "certain");
}

#[test]
fn windows_1252_file_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // "Le café coûte 3 euros." in windows-1252.
    write(
        &dir.path().join("cp1252.txt"),
        b"Le caf\xe9 co\xfbte 3 euros.\n",
    );
    let out = run(credence().arg("analyze").arg(dir.path()));
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("warning") && err.contains("cp1252.txt") && err.contains("windows-1252"),
        "{err}"
    );
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["text"], "Le café coûte 3 euros.");
    assert_eq!(rows[0]["figures"], "3 euro");
}

#[test]
fn empty_file_gives_no_units() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("empty.txt"), "");
    let out = run(credence().arg("analyze").arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{HEADER}\n"));
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("good.txt"), "Il pleut sur Séoul.\n");
    write(
        &dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    let out = run(credence().arg("analyze").arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("image.txt") && err.contains("binary"), "{err}");
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["doc"], "good");
}

// ─── input errors ──────────────────────────────────────────────────────────

#[test]
fn missing_path_is_an_input_error() {
    let err = fails(credence().args(["analyze", "no/such/articles"]), 3);
    assert!(err.contains("no/such/articles"), "{err}");
    assert!(err.contains("no such file"), "{err}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_input_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.txt");
    write(&path, "Il pleut.\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, nothing to test.
        return;
    }
    let err = fails(credence().arg("analyze").arg(&path), 3);
    assert!(
        err.contains("locked.txt") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn directory_without_articles_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("notes.md"), "Pas un article.");
    let err = fails(credence().arg("analyze").arg(dir.path()), 3);
    assert!(err.contains("no articles found"), "{err}");
}

#[test]
fn unsupported_input_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.csv");
    write(&path, "id,text\n1,x\n");
    let err = fails(credence().arg("analyze").arg(&path), 3);
    assert!(err.contains("unsupported input"), "{err}");
}

#[test]
fn malformed_jsonl_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    write(
        &path,
        jsonl_line("a", "Il pleut.") + "{\"id\": \"b\" \"text\": \"x\"}\n" + &jsonl_line("c", "x"),
    );
    let err = fails(credence().arg("analyze").arg(&path), 3);
    assert!(err.contains("bad.jsonl:2:"), "{err}");
    assert!(err.contains("invalid JSON"), "{err}");
}

#[test]
fn jsonl_line_without_text_is_named() {
    let input = jsonl_line("a", "Il pleut.") + "{\"id\": \"b\"}\n";
    let err = fails(credence().args(["analyze", "-"]).write_stdin(input), 3);
    assert!(err.contains("stdin:2:") && err.contains("text"), "{err}");
}

#[test]
fn malformed_sources_csv_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), "Il pleut.\n");
    write(
        &dir.path().join("sources.csv"),
        "file,outlet\na.txt,Le Quotidien,en trop\n",
    );
    let err = fails(credence().arg("analyze").arg(dir.path()), 3);
    assert!(err.contains("sources.csv:2:"), "{err}");
    assert!(err.contains("fields"), "{err}");
}

#[test]
fn duplicate_document_ids_are_refused() {
    let input = jsonl_line("same", "Il pleut.") + &jsonl_line("same", "Il neige.");
    let err = fails(credence().args(["analyze", "-"]).write_stdin(input), 3);
    assert!(err.contains("duplicate document id `same`"), "{err}");
}

// ─── rules files ───────────────────────────────────────────────────────────

/// A rules file with an error is refused with FILE:LINE:COL and exit 2, by
/// every command that takes --rules.
fn assert_rules_error(name: &str, line: usize, col: usize, what: &str) {
    let file = fixture(name);
    let location = format!("{file}:{line}:{col}:");
    for args in [
        vec!["rules", "test", file.as_str()],
        vec!["analyze", "--rules", file.as_str()],
        vec!["explain", "--rules", file.as_str(), "--text", "Il pleut."],
    ] {
        let err = fails(credence().args(&args), 2);
        assert!(
            err.contains(&location),
            "{args:?}: expected {location}\n{err}"
        );
        assert!(err.contains(what), "{args:?}: expected {what:?}\n{err}");
    }
}

#[test]
fn rules_syntax_error_is_located() {
    assert_rules_error("syntax_error.toml", 11, 10, "=");
}

#[test]
fn rules_unknown_key_is_located() {
    assert_rules_error("unknown_key.toml", 11, 1, "weigth");
}

#[test]
fn rules_unknown_category_is_located() {
    assert_rules_error("unknown_category.toml", 10, 12, "hedgy");
}

#[test]
fn rules_duplicate_id_is_located() {
    assert_rules_error("duplicate_id.toml", 17, 6, "duplicate rule id");
}

#[test]
fn rules_invalid_regex_is_located() {
    assert_rules_error("invalid_regex.toml", 12, 13, "invalid regex");
}

#[test]
fn missing_rules_file_is_a_rules_error() {
    let err = fails(
        credence().args(["analyze", "--rules", "no/such/rules.toml"]),
        2,
    );
    assert!(err.contains("no/such/rules.toml"), "{err}");
    assert!(err.contains("cannot read the rules file"), "{err}");
}

#[test]
fn custom_rules_replace_the_bundled_rules() {
    let out = ok(credence().args([
        "explain",
        "--lang",
        "fr",
        "--rules",
        &fixture("valid.toml"),
        "--text",
        "Selon des experts, il pourrait pleuvoir.",
    ]));
    assert!(out.contains("t.hedge.pourrait"), "{out}");
    assert!(!out.contains("fr.attribution.selon"), "{out}");
    assert!(out.contains("-> possible"), "{out}");
}

#[test]
fn rules_test_passes_on_the_bundled_rules() {
    let out = ok(credence().args(["rules", "test"]));
    assert!(!out.contains("FAIL"), "{out}");
    let summaries: Vec<&str> = out.lines().filter(|l| l.contains(" examples, ")).collect();
    assert_eq!(summaries.len(), 2, "{out}");
    assert!(summaries.iter().all(|l| l.ends_with(" 0 failed")), "{out}");
    assert!(out.contains("<bundled fr>") && out.contains("<bundled en>"));
}

#[test]
fn rules_test_fails_on_a_failing_example() {
    let file = fixture("failing_example.toml");
    let out = run(credence().args(["rules", "test", &file]));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("FAIL {file}:9 t.hedge.pourrait: should not match"))
            && text.contains("Il pourrait pleuvoir demain."),
        "{text}"
    );
    assert!(text.contains("1 passed, 1 failed"), "{text}");
}

#[test]
fn rules_test_passes_on_a_valid_file() {
    let out = ok(credence().args(["rules", "test", &fixture("valid.toml")]));
    assert!(
        out.contains("1 rules, 2 examples, 2 passed, 0 failed"),
        "{out}"
    );
}

// ─── explain ───────────────────────────────────────────────────────────────

#[test]
fn explain_text_shows_every_term() {
    let out = ok(credence().args([
        "explain",
        "--lang",
        "fr",
        "--text",
        "Selon des experts, la Russie aurait envoyé 10 000 soldats.",
    ]));
    assert!(out.contains("fr.attribution.selon"), "{out}");
    assert!(out.contains("fr.conditional.reported"), "{out}");
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("base")),
        "{out}"
    );
    let score = out
        .lines()
        .find(|l| l.contains("= score"))
        .expect("a score line");
    assert!(score.contains("-> unconfirmed"), "{score}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("source: des experts (vague")),
        "{out}"
    );
    assert!(out.contains("figures: 10000 soldat"), "{out}");
}

#[test]
fn explain_file_reads_the_file() {
    let out = ok(credence().args(["explain", "corpus/nk-troops-2024/004_6af0ef2c71c73676.txt"]));
    assert!(out.starts_with("004_6af0ef2c71c73676 (fr"), "{out}");
    assert!(out.contains("[claim]"), "{out}");
    assert!(out.contains("fr.conditional.reported"), "{out}");
}

#[test]
fn explain_missing_file_is_an_input_error() {
    let err = fails(credence().args(["explain", "no/such/file.txt"]), 3);
    assert!(err.contains("no/such/file.txt"), "{err}");
}

// ─── tune ──────────────────────────────────────────────────────────────────

#[test]
fn tune_meets_the_quality_floors() {
    let out = ok(credence().args(["tune", "--gold", "tests/data/gold", "--format", "csv"]));
    assert_eq!(out.lines().next(), Some("metric,value,n"));
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let metrics: BTreeMap<String, f64> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse::<f64>().unwrap())
        })
        .collect();
    let floors = [
        ("kind_accuracy", 0.95),
        ("hedge_f1", 0.90),
        ("label_macro_f1", 0.75),
        ("certainty_spearman", 0.75),
        ("source_recall", 0.85),
        ("figure_precision", 0.90),
        ("figure_recall", 0.90),
    ];
    for (name, floor) in floors {
        let value = *metrics
            .get(name)
            .unwrap_or_else(|| panic!("tune reports no {name}:\n{out}"));
        assert!(value >= floor, "{name} = {value} is below {floor}");
    }
}

#[test]
fn tune_text_report() {
    let out = ok(credence().args(["tune", "--gold", "tests/data/gold"]));
    assert!(out.contains("kind_accuracy"), "{out}");
    assert!(out.contains("label confusion"), "{out}");
}

#[test]
fn tune_lists_the_cluster_errors_behind_the_pairwise_scores() {
    let out = ok(credence().args(["tune", "--gold", "tests/data/gold", "--format", "json"]));
    let ev: serde_json::Value = serde_json::from_str(&out).unwrap();
    let metric = |name: &str| -> (f64, u64) {
        let m = ev["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"));
        (m["value"].as_f64().unwrap(), m["n"].as_u64().unwrap())
    };
    let (precision, predicted) = metric("cluster_precision");
    let (_, gold_pairs) = metric("cluster_recall");
    let tp = (precision * predicted as f64).round() as u64;
    let pairs = |side: &str| -> u64 {
        let list = ev["cluster_errors"][side].as_array().unwrap();
        assert!(!list.is_empty(), "no {side} clusters listed");
        list.iter().map(|e| e["pairs"].as_u64().unwrap()).sum()
    };
    assert_eq!(pairs("merged"), predicted - tp);
    assert_eq!(pairs("split"), gold_pairs - tp);
    let text = ok(credence().args(["tune", "--gold", "tests/data/gold"]));
    assert!(text.contains("gold clusters split"), "{text}");
    assert!(text.contains("predicted clusters merging"), "{text}");
}

#[test]
fn tune_with_missing_gold_fails_clearly() {
    let err = fails(credence().args(["tune", "--gold", "no/such/gold"]), 3);
    assert!(err.contains("no/such/gold"), "{err}");
}

// ─── CSV safety and pipes ──────────────────────────────────────────────────

#[test]
fn formula_cells_are_neutralised() {
    let text = "=HYPERLINK(\"http://example.org\", \"clic\") est un lien.\n\
                +33 1 23 45 67 89 est un numéro.\n\
                - premier point de la liste.\n\
                Une phrase ordinaire.";
    let input = serde_json::json!({"id": "f", "text": text, "language": "fr"}).to_string();
    let out = ok(credence().args(["analyze", "-"]).write_stdin(input));
    let rows = parse_csv(&out);
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "'=HYPERLINK(\"http://example.org\", \"clic\") est un lien.",
            "'+33 1 23 45 67 89 est un numéro.",
            "'- premier point de la liste.",
            "Une phrase ordinaire.",
        ]
    );
}

#[test]
fn closed_stdout_exits_quietly() {
    // The sample texts repeated: the output is many times a pipe buffer.
    let sample = Path::new(ROOT).join("corpus/nk-troops-2024");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let texts: Vec<String> = texts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut body = String::new();
    for copy in 0..8 {
        for (i, t) in texts.iter().enumerate() {
            body.push_str(
                &(serde_json::json!({"id": format!("{copy}-{i}"), "text": t, "language": "fr"})
                    .to_string()
                    + "\n"),
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    write(&big, &body);

    for format in ["csv", "json", "table"] {
        let mut child = std::process::Command::new(BIN)
            .arg("analyze")
            .arg(&big)
            .args(["--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // The reader is gone: every further write fails with EPIPE.
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    credence().arg("--help").assert().success().stdout(
        predicate::str::contains("analyze")
            .and(predicate::str::contains("explain"))
            .and(predicate::str::contains("report"))
            .and(predicate::str::contains("rules"))
            .and(predicate::str::contains("tune"))
            .and(predicate::str::contains("Exit codes")),
    );
}

#[test]
fn no_command_is_a_usage_error() {
    credence()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
}

/// JSONL inputs are analysed in batches: the output is the same as for the
/// same articles read from a directory, whatever the number of threads.
#[test]
fn streamed_jsonl_matches_directory_input_and_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/nk-troops-2024");
    let mut jsonl = String::new();
    for i in 0..1500 {
        let name = [
            "000_e3c918ad9ca86fc4",
            "001_62b3f2f0d1464e37",
            "002_7391529d8b156335",
        ][i % 3];
        let text = std::fs::read_to_string(corpus.join(format!("{name}.txt"))).unwrap();
        jsonl.push_str(
            &serde_json::json!({"id": format!("d{i:05}"), "text": text, "language": "fr"})
                .to_string(),
        );
        jsonl.push('\n');
    }
    let path = dir.path().join("big.jsonl");
    std::fs::write(&path, &jsonl).unwrap();
    let run = |threads: &str| {
        Command::cargo_bin("credence")
            .unwrap()
            .args(["analyze", "--threads", threads])
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one, two, "output does not depend on the number of threads");
    let text = String::from_utf8(one).unwrap();
    // 1500 documents over several batches, every unit once, in input order.
    let docs: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(docs.first(), Some(&"d00000"));
    assert_eq!(docs.last(), Some(&"d01499"));
    let mut sorted = docs.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), 1500);
    Command::cargo_bin("credence")
        .unwrap()
        .args(["analyze", "--threads", "0"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--threads"));
}

/// Streamed JSON is laid out as the in-memory JSON: the sample corpus as
/// JSONL, with its metadata, gives the same bytes as the bundled sample.
#[test]
fn streamed_jsonl_json_matches_the_in_memory_sample() {
    let corpus = Path::new(ROOT).join("corpus/nk-troops-2024");
    let sources = std::fs::read_to_string(corpus.join("sources.csv")).unwrap();
    let mut body = String::new();
    for row in parse_csv(&sources) {
        let mut line = serde_json::Map::new();
        let id = row["file"].trim_end_matches(".txt");
        line.insert("id".into(), id.into());
        let text = std::fs::read_to_string(corpus.join(&row["file"])).unwrap();
        line.insert("text".into(), text.into());
        for key in ["outlet", "title", "url", "published", "language"] {
            if !row[key].is_empty() {
                line.insert(key.into(), row[key].clone().into());
            }
        }
        body.push_str(&(serde_json::Value::Object(line).to_string() + "\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.jsonl");
    write(&path, body);
    for format in ["csv", "json"] {
        let whole = ok(credence().args(["analyze", "--format", format]));
        let streamed = ok(credence().args(["analyze", "--format", format]).arg(&path));
        assert!(whole == streamed, "{format} output differs");
    }
}

/// Directories are streamed too: the same bytes as the sample corpus read in
/// memory (the bundled copy of the same directory), in both formats.
#[test]
fn streamed_directory_matches_the_in_memory_sample() {
    for format in ["csv", "json"] {
        let whole = ok(credence().args(["analyze", "--format", format]));
        let streamed = ok(credence()
            .args(["analyze", "--format", format])
            .arg("corpus/nk-troops-2024"));
        assert!(whole == streamed, "{format} output differs");
    }
}

/// A duplicate id in the third file of a streamed directory stops the run,
/// naming both files.
#[test]
fn streamed_directory_refuses_a_duplicate_id_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), "Il pleut.\n");
    write(&dir.path().join("b.TXT"), "Il neige.\n");
    write(&dir.path().join("b.txt"), "Il vente.\n");
    if std::fs::read_dir(dir.path()).unwrap().count() < 3 {
        // Case-insensitive file system: b.TXT and b.txt are one file.
        return;
    }
    let err = fails(credence().arg("analyze").arg(dir.path()), 3);
    assert!(err.contains("duplicate document id `b`"), "{err}");
    let first = dir.path().join("b.TXT").display().to_string();
    let second = dir.path().join("b.txt").display().to_string();
    assert!(
        err.starts_with(&format!("credence: {second}:")) && err.contains(&first),
        "{err}"
    );
}

/// An input failing after others were read names its file and line.
#[test]
fn streamed_input_failing_midway_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    write(&articles.join("a.txt"), "Il pleut.\n");
    write(&articles.join("b.txt"), "Il neige.\n");
    let bad = dir.path().join("bad.jsonl");
    write(
        &bad,
        [
            jsonl_line("c", "Il vente.").as_bytes(),
            b"{\"id\": \"d\", \"text\": \"\xE9\"}\n",
        ]
        .concat(),
    );
    let err = fails(credence().arg("analyze").arg(&articles).arg(&bad), 3);
    assert!(
        err.contains("bad.jsonl:2:") && err.contains("UTF-8"),
        "{err}"
    );
    let again = dir.path().join("again.jsonl");
    write(&again, jsonl_line("a", "Il pleut encore."));
    let err = fails(credence().arg("analyze").arg(&articles).arg(&again), 3);
    assert!(
        err.contains("duplicate document id `a`")
            && err.contains("a.txt")
            && err.contains("again.jsonl:1"),
        "{err}"
    );
}

#[test]
fn rules_stats_counts_firings_on_the_sample() {
    let out = Command::cargo_bin("credence")
        .unwrap()
        .args(["rules", "stats", "--format", "csv", "--sort", "id"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("lang,rule,category,weight,units,documents,forms")
    );
    let pourrait = text
        .lines()
        .find(|l| l.contains("fr.hedge.pouvoir_conditionnel"))
        .unwrap();
    assert!(
        pourrait.starts_with("fr,fr.hedge.pouvoir_conditionnel,hedge,-3.00,"),
        "{pourrait}"
    );
    assert!(pourrait.contains("pourrait ("));
    let table = Command::cargo_bin("credence")
        .unwrap()
        .args(["rules", "stats"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(table).unwrap().contains("never fire"));
}

#[test]
fn tune_lists_each_rule_on_hedged_and_certain_gold_units() {
    let out = Command::cargo_bin("credence")
        .unwrap()
        .args(["tune", "--gold"])
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("rules on gold claims and questions"));
    let line = text
        .lines()
        .find(|l| l.starts_with("fr.hedge.pouvoir_conditionnel "))
        .unwrap();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cols[2], "0",
        "pourrait never fires on a gold `certain` unit: {line}"
    );
    assert_eq!(cols[3], "1.000");
}
