//! End-to-end tests of `credence rules check` and `credence rules diff`.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

#[path = "../examples/synth_rules.rs"]
mod synth_rules;

const BIN: &str = env!("CARGO_BIN_EXE_credence");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run from the crate root (so fixture paths are relative).
fn credence() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(ROOT);
    cmd
}

/// Run, check the exit code and that nothing panicked; returns (stdout, stderr).
fn run(cmd: &mut Command, code: i32) -> (String, String) {
    let out: Output = cmd.output().expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

fn fixture(name: &str) -> String {
    format!("tests/data/rules/{name}")
}

/// Findings of a `rules check` text output: (line, column, severity[code], rule).
fn findings(stdout: &str) -> Vec<(usize, usize, String, String)> {
    stdout
        .lines()
        .filter(|l| l.contains("]: "))
        .map(|l| {
            // FILE:LINE:COL: severity[code]: message (rule)
            let (place, rest) = l.split_once(": ").unwrap();
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().unwrap().parse().unwrap();
            let line = parts.next().unwrap().parse().unwrap();
            let (kind, _) = rest.split_once(": ").unwrap();
            let rule = l.rsplit_once(" (").map(|(_, r)| r.trim_end_matches(')'));
            (line, col, kind.to_string(), rule.unwrap_or("").to_string())
        })
        .collect()
}

// ─── rules check ────────────────────────────────────────────────────────────

/// An expected finding: line, column, `severity[code]`, rule id.
type Expected = (usize, usize, &'static str, &'static str);

#[test]
fn check_bundled_rules_is_clean() {
    let (out, _) = run(credence().args(["rules", "check", "--strict"]), 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("<bundled fr>: 28 rules, "), "{out}");
    assert!(lines[0].ends_with(": 0 errors, 0 warnings"), "{out}");
    assert!(lines[1].starts_with("<bundled en>: 29 rules, "), "{out}");
    assert!(lines[1].ends_with(": 0 errors, 0 warnings"), "{out}");
    // The files on disk are the bundled ones.
    let (disk, _) = run(
        credence().args(["rules", "check", "rules/fr.toml", "rules/en.toml"]),
        0,
    );
    assert_eq!(
        disk,
        out.replace("<bundled fr>", "rules/fr.toml")
            .replace("<bundled en>", "rules/en.toml")
    );
}

#[test]
fn check_reports_each_warning_kind_at_its_place() {
    let cases: [(&str, &[Expected]); 6] = [
        (
            "warn_duplicate_cue.toml",
            &[
                (13, 34, "warning[duplicate-cue]", "t.hedge.pourrait"),
                (20, 23, "warning[duplicate-cue]", "t.hedge.peut_etre"),
            ],
        ),
        (
            "warn_shadowed_cue.toml",
            &[(17, 60, "warning[shadowed-cue]", "t.hedge.probablement")],
        ),
        (
            "warn_unmatchable_cue.toml",
            &[
                (15, 3, "warning[unmatchable-cue]", "t.hedge.dead"),
                (16, 3, "warning[unmatchable-cue]", "t.hedge.dead"),
                (17, 3, "warning[unmatchable-cue]", "t.hedge.dead"),
                (18, 3, "warning[unmatchable-cue]", "t.hedge.dead"),
                (19, 3, "warning[unmatchable-cue]", "t.hedge.dead"),
            ],
        ),
        (
            "warn_unused_exception.toml",
            &[
                (15, 31, "warning[unused-exception]", "t.hedge.potentiel"),
                (15, 51, "warning[unused-exception]", "t.hedge.potentiel"),
                (16, 23, "warning[unused-exception]", "t.hedge.potentiel"),
            ],
        ),
        (
            "warn_no_examples.toml",
            &[
                (9, 6, "warning[no-examples]", "t.hedge.none"),
                (15, 6, "warning[no-examples]", "t.hedge.no_match_only"),
            ],
        ),
        (
            "warn_weight_sign.toml",
            &[
                (11, 10, "warning[weight-sign]", "t.hedge.raises"),
                (18, 10, "warning[weight-sign]", "t.booster.lowers"),
                (23, 6, "warning[weight-sign]", "t.booster.no_weight"),
                (31, 10, "warning[weight-sign]", "t.attribution.weighted"),
                (38, 10, "warning[weight-sign]", "t.boilerplate.weighted"),
            ],
        ),
    ];
    for (name, expected) in cases {
        let file = fixture(name);
        // Warnings alone exit 0; with --strict, 1.
        let (out, _) = run(credence().args(["rules", "check", &file]), 0);
        let expected: Vec<(usize, usize, String, String)> = expected
            .iter()
            .map(|(l, c, k, r)| (*l, *c, k.to_string(), r.to_string()))
            .collect();
        assert_eq!(findings(&out), expected, "{name}:\n{out}");
        assert!(out.lines().all(|l| l.starts_with(&file)), "{out}");
        let summary = out.lines().last().unwrap();
        assert!(
            summary.ends_with(&format!(
                ": 0 errors, {} warning{}",
                expected.len(),
                if expected.len() == 1 { "" } else { "s" }
            )),
            "{summary}"
        );
        let (strict, _) = run(credence().args(["rules", "check", "--strict", &file]), 1);
        assert_eq!(strict, out);
    }
}

#[test]
fn check_reports_every_load_error_and_exits_1() {
    let file = fixture("multiple_errors.toml");
    let (out, _) = run(credence().args(["rules", "check", &file]), 1);
    assert_eq!(
        findings(&out),
        [
            (12, 13, "error[load]".into(), "t.hedge.pourrait".into()),
            (16, 6, "error[load]".into(), "t.hedge.pourrait".into()),
            (19, 22, "error[load]".into(), "t.hedge.pourrait".into()),
        ]
    );
    assert!(
        out.contains("invalid regex: unclosed group in `pourr(?:ait`"),
        "{out}"
    );
    assert!(out.contains("duplicate rule id"), "{out}");
    assert!(out.contains("an empty phrase can never match"), "{out}");
    assert!(
        out.ends_with(&format!("{file}: not loaded: 3 errors, 0 warnings\n")),
        "{out}"
    );
    // `--rules` refuses the same file at its first error.
    let (_, err) = run(credence().args(["analyze", "--rules", &file]), 2);
    assert!(
        err.contains(&format!("{file}:12:13: invalid regex")),
        "{err}"
    );
}

#[test]
fn check_gives_the_errors_that_rules_loading_gives() {
    for (name, line, col) in [
        ("syntax_error.toml", 11, 10),
        ("unknown_key.toml", 11, 1),
        ("unknown_category.toml", 10, 12),
        ("duplicate_id.toml", 17, 6),
        ("invalid_regex.toml", 12, 13),
    ] {
        let file = fixture(name);
        let (out, _) = run(credence().args(["rules", "check", &file]), 1);
        let found = findings(&out);
        assert_eq!(found.len(), 1, "{out}");
        assert_eq!(
            (found[0].0, found[0].1, found[0].2.as_str()),
            (line, col, "error[load]"),
            "{out}"
        );
        assert_eq!(found[0].3, "t.hedge.pourrait", "{out}");
    }
}

#[test]
fn check_json_lists_files_and_findings() {
    let file = fixture("warn_weight_sign.toml");
    let valid = fixture("valid.toml");
    let (out, _) = run(
        credence().args(["rules", "check", &valid, &file, "--format", "json"]),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], valid.as_str());
    assert_eq!(files[0]["warnings"], 0);
    assert_eq!(files[1]["rules"], 5);
    assert_eq!(files[1]["warnings"], 5);
    let d = &files[1]["diagnostics"][0];
    assert_eq!(d["line"], 11);
    assert_eq!(d["column"], 10);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "weight-sign");
    assert_eq!(d["rule"], "t.hedge.raises");
}

#[test]
fn check_missing_file_is_an_input_error() {
    let (_, err) = run(credence().args(["rules", "check", "no/such/rules.toml"]), 3);
    assert!(err.contains("no/such/rules.toml"), "{err}");
}

/// A generated file with 10 000 cues over 100 rules: every planted problem is
/// found, and only those. (Its time is measured by bench/rules_check.sh.)
#[test]
fn check_finds_the_planted_problems_in_10000_cues() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synth.toml");
    std::fs::write(&path, synth_rules::rules_file(10_000, 100)).unwrap();
    let file = path.to_str().unwrap();
    let (out, _) = run(
        credence().args(["rules", "check", file, "--format", "json"]),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let f = &v["files"][0];
    assert_eq!(
        (f["rules"].as_u64(), f["cues"].as_u64()),
        (Some(100), Some(10_000))
    );
    let mut by_code: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in f["diagnostics"].as_array().unwrap() {
        by_code
            .entry(d["code"].as_str().unwrap().to_string())
            .or_default()
            .push(d["rule"].as_str().unwrap().to_string());
    }
    let every_tenth = |k: usize| -> Vec<String> {
        (0..100)
            .filter(|r| r % 10 == k)
            .map(|r| format!("s.hedge.r{r}"))
            .collect()
    };
    let expected: BTreeMap<String, Vec<String>> = [
        ("duplicate-cue", every_tenth(9)),
        ("shadowed-cue", every_tenth(8)),
        ("unused-exception", every_tenth(7)),
        ("weight-sign", every_tenth(6)),
        ("no-examples", every_tenth(5)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(by_code, expected);
    // The generated examples hold: the file is consistent.
    let (test, _) = run(credence().args(["rules", "test", file]), 0);
    assert!(test.contains("0 failed"), "{test}");
}

// ─── rules diff ─────────────────────────────────────────────────────────────

/// rules/fr.toml with one cue of fr.hedge.probablement removed, in `dir`.
fn without_probablement(dir: &Path) -> String {
    let text = std::fs::read_to_string(Path::new(ROOT).join("rules/fr.toml")).unwrap();
    let edited = text.replacen(
        "\"probablement\", \"vraisemblablement\",",
        "\"vraisemblablement\",",
        1,
    );
    assert_ne!(edited, text, "the cue list of fr.hedge.probablement moved");
    let path = dir.join("fr-edited.toml");
    std::fs::write(&path, edited).unwrap();
    path.to_str().unwrap().to_string()
}

fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn diff_lists_the_units_a_removed_cue_changes() {
    let dir = tempfile::tempdir().unwrap();
    let edited = without_probablement(dir.path());
    let (out, err) = run(
        credence().args(["rules", "diff", "rules/fr.toml", &edited, "--format", "csv"]),
        0,
    );
    let rows = csv_rows(&out);
    // The sample units where "probablement" is the only form of the rule.
    let others = [
        "vraisemblablement",
        "sans doute",
        "selon toute",
        "apparemment",
        "à première vue",
        "a priori",
        "en principe",
        "plutôt probable",
    ];
    let (analyzed, _) = run(credence().args(["analyze"]), 0);
    let expected: Vec<(String, String)> = csv_rows(&analyzed)
        .into_iter()
        .filter(|r| {
            let text = r["text"].to_lowercase();
            r["cues"].split(';').any(|c| c == "fr.hedge.probablement")
                && text.contains("probablement")
                && !others.iter().any(|o| text.contains(o))
        })
        .map(|r| (r["doc"].clone(), r["unit"].clone()))
        .collect();
    assert!(!expected.is_empty());
    let got: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["doc"].clone(), r["old_unit"].clone()))
        .collect();
    assert_eq!(got, expected);
    for r in &rows {
        assert_eq!(r["old_unit"], r["new_unit"]);
        assert!(r["old_cues"].contains("fr.hedge.probablement"), "{r:?}");
        assert!(!r["new_cues"].contains("fr.hedge.probablement"), "{r:?}");
        let (o, n): (f64, f64) = (
            r["old_certainty"].parse().unwrap(),
            r["new_certainty"].parse().unwrap(),
        );
        assert!(n > o, "{r:?}");
        // Listed for its label, or for a certainty change beyond 0.05.
        let changed: Vec<&str> = r["changed"].split(';').collect();
        assert!(
            (changed.contains(&"label") && r["old_label"] != r["new_label"])
                || (changed.contains(&"certainty") && n - o > 0.05),
            "{r:?}"
        );
    }
    assert!(
        err.contains(&format!(
            "fr: 5 documents, 110 units compared, {} units changed",
            expected.len()
        )),
        "{err}"
    );
    // The table names the same units, then the summary.
    let (table, _) = run(
        credence().args(["rules", "diff", "rules/fr.toml", &edited]),
        0,
    );
    for (doc, _) in &expected {
        assert!(table.contains(doc.as_str()), "{table}");
    }
    assert!(table.contains("label: probable → certain"), "{table}");
    assert!(
        table.lines().last().unwrap().starts_with("fr: 5 documents"),
        "{table}"
    );
    // --fail-on-change turns a change into exit 1.
    run(
        credence().args([
            "rules",
            "diff",
            "rules/fr.toml",
            &edited,
            "--fail-on-change",
        ]),
        1,
    );
}

#[test]
fn diff_of_a_file_with_itself_changes_nothing() {
    let (out, _) = run(
        credence().args([
            "rules",
            "diff",
            "rules/fr.toml",
            "rules/fr.toml",
            "corpus/nk-troops-2024",
            "--fail-on-change",
        ]),
        0,
    );
    assert_eq!(
        out,
        "fr: 5 documents, 110 units compared, 0 units changed (unit 0, kind 0, label 0, certainty 0, polarity 0, source 0, figures 0)\n"
    );
}

#[test]
fn diff_tolerance_hides_small_certainty_changes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join("rules/fr.toml")).unwrap();
    let path = dir.path().join("fr-base.toml");
    std::fs::write(&path, text.replacen("base = 4.0", "base = 4.1", 1)).unwrap();
    let edited = path.to_str().unwrap();
    let (out, _) = run(
        credence().args(["rules", "diff", "rules/fr.toml", edited, "--format", "csv"]),
        0,
    );
    assert_eq!(csv_rows(&out).len(), 0, "{out}");
    let (out, _) = run(
        credence().args([
            "rules",
            "diff",
            "rules/fr.toml",
            edited,
            "--format",
            "csv",
            "--tolerance",
            "0",
        ]),
        0,
    );
    let rows = csv_rows(&out);
    assert!(rows.len() > 50, "{}", rows.len());
    assert!(rows.iter().all(|r| r["changed"] == "certainty"));
}

#[test]
fn diff_refuses_rules_of_two_languages_and_bad_files() {
    let (_, err) = run(
        credence().args(["rules", "diff", "rules/fr.toml", "rules/en.toml"]),
        2,
    );
    assert!(err.contains("one language"), "{err}");
    let (_, err) = run(
        credence().args([
            "rules",
            "diff",
            "rules/fr.toml",
            &fixture("invalid_regex.toml"),
        ]),
        2,
    );
    assert!(err.contains("invalid_regex.toml:12:13"), "{err}");
    run(
        credence().args([
            "rules",
            "diff",
            "rules/fr.toml",
            "rules/fr.toml",
            "--tolerance",
            "-1",
        ]),
        2,
    );
}
