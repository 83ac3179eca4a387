//! `credence tune --fit`: fitting the rules' weights to gold, with
//! cross-validation, and writing the fitted rules file back.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

const BIN: &str = env!("CARGO_BIN_EXE_credence");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn credence() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(ROOT);
    cmd
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    out
}

fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert_eq!(
        out.status.code(),
        Some(0),
        "expected success, stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 stdout")
}

fn fails(cmd: &mut Command, code: i32) -> String {
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(code), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn num(v: &serde_json::Value, path: &[&str]) -> f64 {
    let mut v = v;
    for p in path {
        v = &v[*p];
    }
    v.as_f64()
        .unwrap_or_else(|| panic!("no number at {path:?}: {v}"))
}

/// The metrics of `tune --format csv`, by name.
fn tune_metrics(csv: &str) -> BTreeMap<String, String> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let mut cells = l.split(',');
            (
                cells.next().unwrap().to_owned(),
                cells.next().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Replace every number in a line by `#`.
fn without_numbers(line: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in line.chars() {
        let numeric = c.is_ascii_digit() || (in_number && c == '.');
        let starts = (c == '-' || c == '+') && !in_number;
        if numeric || starts {
            if !in_number {
                out.push('#');
                in_number = true;
            }
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

#[test]
fn fit_on_the_sample_gold_does_not_lower_cross_validated_macro_f1() {
    let out = ok(credence().args([
        "tune",
        "--gold",
        "tests/data/gold",
        "--fit",
        "--format",
        "json",
    ]));
    let r = json(&out);
    assert_eq!(r["units"], 86);
    assert_eq!(r["documents"], 5);
    // Five documents, five folds: one document per fold.
    assert_eq!(r["folds"], 5);
    assert_eq!(r["per_fold"].as_array().unwrap().len(), 5);
    let hand = num(&r, &["hand", "label_macro_f1"]);
    let fitted = num(&r, &["cross_validated", "label_macro_f1"]);
    assert!(
        fitted >= hand,
        "the fit lowers the cross-validated macro-F1: {fitted} < {hand}"
    );
    // The held-out documents of the folds cover every document once.
    let mut docs: Vec<String> = r["per_fold"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["documents"].as_array().unwrap().clone())
        .map(|d| d.as_str().unwrap().to_owned())
        .collect();
    docs.sort();
    docs.dedup();
    assert_eq!(docs.len(), 5);
    let units: u64 = r["per_fold"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["units"].as_u64().unwrap())
        .sum();
    assert_eq!(units, 86);
    let lang = &r["languages"][0];
    assert_eq!(lang["lang"], "fr");
    assert_eq!(lang["units"], 86);
}

#[test]
fn fit_text_report_compares_hand_and_fitted() {
    let out = ok(credence().args(["tune", "--gold", "tests/data/gold", "--fit", "--l2", "1"]));
    assert!(out.contains("l2 = 1 (given)"), "{out}");
    assert!(out.contains("label_macro_f1"), "{out}");
    assert!(out.contains("fold  units"), "{out}");
    assert!(out.contains("parameter"), "{out}");
    assert!(out.contains("fr.hedge.pouvoir_conditionnel"), "{out}");
}

#[test]
fn written_rules_change_only_numbers_and_reproduce_the_fit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fr-fitted.toml");
    let out = ok(credence().args([
        "tune",
        "--gold",
        "tests/data/gold",
        "--fit",
        "--l2",
        "1",
        "--format",
        "json",
        "--write",
        path.to_str().unwrap(),
    ]));
    let r = json(&out);
    let changes = r["languages"][0]["changes"].as_array().unwrap();
    assert!(!changes.is_empty(), "l2 = 1 should move some values: {r}");

    // Only numbers change, line by line, and only on as many lines as
    // values changed (thresholds share one line).
    let original = std::fs::read_to_string(Path::new(ROOT).join("rules/fr.toml")).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    let a: Vec<&str> = original.lines().collect();
    let b: Vec<&str> = written.lines().collect();
    assert_eq!(a.len(), b.len());
    let mut differing = 0;
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            differing += 1;
            assert_eq!(without_numbers(x), without_numbers(y), "\n{x}\n{y}");
        }
    }
    let threshold_changes = changes
        .iter()
        .filter(|c| c["parameter"].as_str().unwrap().starts_with("threshold."))
        .count();
    let expected = changes.len() - threshold_changes + usize::from(threshold_changes > 0);
    assert_eq!(differing, expected);

    // The written file passes its examples and checks clean.
    let test = ok(credence().args(["rules", "test", path.to_str().unwrap()]));
    assert!(test.contains("0 failed"), "{test}");
    ok(credence().args(["rules", "check", "--strict", path.to_str().unwrap()]));

    // Loading it gives exactly the in-sample figures of the fit.
    let csv = ok(credence().args([
        "tune",
        "--gold",
        "tests/data/gold",
        "--rules",
        path.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    let m = tune_metrics(&csv);
    for name in ["label_macro_f1", "label_accuracy", "certainty_spearman"] {
        assert_eq!(
            m[name],
            format!("{:.4}", num(&r, &["in_sample", name])),
            "{name}"
        );
    }
    // Nothing but the certainty model moved: kinds and sources are the same.
    assert_eq!(m["kind_accuracy"], "1.0000");
}

#[test]
fn fit_refuses_bad_options() {
    let err = fails(
        credence().args(["tune", "--gold", "tests/data/gold", "--fit", "--l2", "0"]),
        2,
    );
    assert!(err.contains("--l2 must be a positive number"), "{err}");
    let err = fails(
        credence().args(["tune", "--gold", "tests/data/gold", "--fit", "--folds", "1"]),
        2,
    );
    assert!(err.contains("--folds must be at least 2"), "{err}");
    let err = fails(
        credence().args(["tune", "--gold", "tests/data/gold", "--write", "x.toml"]),
        2,
    );
    assert!(err.contains("--fit"), "{err}");
}

/// Two French and two English documents, with gold labels.
fn bilingual(dir: &Path) {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let texts = [
        ("fr1", "fr", "Le ministre a annoncé l'envoi de troupes.\n\nLes soldats pourraient partir demain.\n\nL'accord aurait été signé en juin.\n\nLe pays a probablement menti."),
        ("fr2", "fr", "Le gouvernement a confirmé la visite.\n\nLa visite pourrait être reportée.\n\nDes soldats seraient déjà sur place.\n\nLe sommet aura probablement lieu en mai."),
        ("en1", "en", "The minister announced the deployment.\n\nThe troops could leave tomorrow.\n\nThe deal was reportedly signed in June.\n\nThe country probably lied."),
        ("en2", "en", "The government confirmed the visit.\n\nThe visit could be postponed.\n\nSoldiers are reportedly already there.\n\nThe summit will probably take place in May."),
    ];
    let mut sources = String::from("file,language\n");
    let mut gold = String::from("doc,text,kind,certainty,polarity,cues,source\n");
    let labels = ["certain", "possible", "unconfirmed", "probable"];
    for (id, lang, text) in texts {
        std::fs::write(docs.join(format!("{id}.txt")), text).unwrap();
        sources.push_str(&format!("{id}.txt,{lang}\n"));
        for (sentence, label) in text.split("\n\n").zip(labels) {
            gold.push_str(&format!("{id},\"{sentence}\",claim,{label},affirmed,,\n"));
        }
    }
    std::fs::write(docs.join("sources.csv"), sources).unwrap();
    std::fs::create_dir_all(dir.join("gold")).unwrap();
    std::fs::write(dir.join("gold/two-sentences.csv"), gold).unwrap();
}

#[test]
fn fit_covers_both_languages_and_writes_one_file_each() {
    let dir = tempfile::tempdir().unwrap();
    bilingual(dir.path());
    let gold = dir.path().join("gold");
    let docs = dir.path().join("docs");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "tune".to_owned(),
            "--gold".to_owned(),
            gold.display().to_string(),
            "--input".to_owned(),
            docs.display().to_string(),
            "--fit".to_owned(),
            "--l2".to_owned(),
            "1".to_owned(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    // One file name for two languages is refused.
    let one = dir.path().join("fitted.toml");
    let err = fails(
        credence().args(args(&["--write", one.to_str().unwrap()])),
        2,
    );
    assert!(err.contains("{lang}"), "{err}");
    assert!(!one.exists());

    let pattern = dir.path().join("fitted-{lang}.toml");
    let out = ok(credence().args(args(&[
        "--format",
        "json",
        "--write",
        pattern.to_str().unwrap(),
    ])));
    let r = json(&out);
    assert_eq!(r["units"], 16);
    assert_eq!(r["documents"], 4);
    // Fewer documents than the default 5 folds: one document per fold.
    assert_eq!(r["folds"], 4);
    let langs: Vec<&str> = r["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, vec!["fr", "en"]);
    for lang in ["fr", "en"] {
        let path = dir.path().join(format!("fitted-{lang}.toml"));
        let test = ok(credence().args(["rules", "test", path.to_str().unwrap()]));
        assert!(test.contains("0 failed"), "{test}");
    }

    // With --rules, only that file's language is fitted.
    let fr_only = ok(credence().args(args(&["--rules", "rules/fr.toml", "--format", "json"])));
    let r = json(&fr_only);
    assert_eq!(r["units"], 8);
    assert_eq!(r["languages"].as_array().unwrap().len(), 1);
    assert_eq!(r["languages"][0]["rules"], "rules/fr.toml");
}
