//! The cross-source reports and terminal tables on the sample corpus.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

fn credence() -> Command {
    Command::cargo_bin("credence").unwrap()
}

fn read_csv(path: &Path) -> Vec<csv::StringRecord> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let mut rows = vec![rdr.headers().unwrap().clone()];
    rows.extend(rdr.records().map(Result::unwrap));
    rows
}

fn col(header: &csv::StringRecord, name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn report_writes_every_table() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = [
        "agreement",
        "claims",
        "clusters",
        "figures",
        "pairs",
        "sources",
        "summary",
    ]
    .iter()
    .map(|n| format!("{n}.csv"))
    .collect();
    assert_eq!(names, expected);
    let claims = read_csv(&dir.path().join("claims.csv"));
    assert_eq!(claims[0].iter().next_back(), Some("cluster"));
    assert_eq!(claims.len(), 111);
}

#[test]
fn troop_figures_form_one_disputed_topic_with_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let rows = read_csv(&dir.path().join("figures.csv"));
    let h = &rows[0];
    let (topic, value, counted, credited, disputed, label) = (
        col(h, "topic"),
        col(h, "value"),
        col(h, "counted"),
        col(h, "credited"),
        col(h, "disputed"),
        col(h, "label"),
    );
    let troops: Vec<&csv::StringRecord> = rows[1..]
        .iter()
        .filter(|r| {
            &r[value] != "1320000" && (&r[counted] == "soldat" || &r[counted] == "militaire")
        })
        .collect();
    let topics: BTreeSet<&str> = troops.iter().map(|r| &r[topic]).collect();
    assert_eq!(topics.len(), 1, "{topics:?}");
    assert!(troops.iter().all(|r| &r[disputed] == "yes"));
    let find = |v: &str| {
        troops
            .iter()
            .find(|r| &r[value] == v)
            .unwrap_or_else(|| panic!("no figure {v}"))
    };
    assert!(find("12000")[credited].contains("Zelensky"));
    assert!(find("10000")[credited].contains("Pentagone"));
    assert!(find("1500")[credited].is_empty());
    let nis = troops
        .iter()
        .find(|r| &r[value] == "3000" && r[credited].contains("Service national"))
        .unwrap();
    assert_eq!(&nis[label], "unconfirmed");
    assert!(troops
        .iter()
        .any(|r| &r[value] == "3000" && r[credited].contains("renseignement ukrainiens")));
    // The whole army is another quantity.
    let army = rows[1..].iter().find(|r| &r[value] == "1320000").unwrap();
    assert_ne!(&army[topic], &troops[0][topic]);
}

#[test]
fn agreement_and_sources_tables_are_consistent() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let agreement = read_csv(&dir.path().join("agreement.csv"));
    let h = &agreement[0];
    assert_eq!(&h[0], "cluster");
    // One certainty column per source: the four documents without an outlet, and Epoch Times.
    assert!(h.iter().any(|c| c == "Epoch Times"));
    let coverage = col(h, "coverage");
    for row in &agreement[1..] {
        let filled = (1..coverage).filter(|&i| !row[i].is_empty()).count();
        assert_eq!(
            filled.to_string(),
            row[coverage],
            "coverage counts the filled source cells"
        );
        assert!(filled >= 2, "a cluster spans at least two sources");
    }
    let sources = read_csv(&dir.path().join("sources.csv"));
    assert_eq!(sources.len(), 6);
    let hs = &sources[0];
    let epoch = sources[1..]
        .iter()
        .find(|r| &r[0] == "Epoch Times")
        .unwrap();
    assert_eq!(&epoch[col(hs, "has_opinion_disclaimer")], "yes");
    let sol: f64 = epoch[col(hs, "solicitation")].parse().unwrap();
    assert!(sol > 0.0, "the donation appeal counts as solicitation");
    let q004 = sources[1..]
        .iter()
        .find(|r| r[0].starts_with("004"))
        .unwrap();
    assert_eq!(&q004[col(hs, "has_question_headline")], "yes");
    for r in &sources[1..] {
        let c: f64 = r[col(hs, "composite")].parse().unwrap();
        assert!((0.0..=1.0).contains(&c));
        let (v, lo, hi): (f64, f64, f64) = (
            r[col(hs, "hedged")].parse().unwrap(),
            r[col(hs, "hedged_low")].parse().unwrap(),
            r[col(hs, "hedged_high")].parse().unwrap(),
        );
        assert!(lo <= v && v <= hi);
    }
    let summary = read_csv(&dir.path().join("summary.csv"));
    assert!(summary.iter().any(|r| &r[0] == "alpha_interval"));
}

#[test]
fn report_json_holds_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--format", "json", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), 110);
    assert!(v["figures"][0]["value"].is_number());
    assert!(v["claims"][0]["doc"].is_string());
    for t in [
        "clusters",
        "agreement",
        "figures",
        "sources",
        "pairs",
        "summary",
    ] {
        assert!(v[t].is_array(), "{t}");
    }
}

#[test]
fn committed_reports_match_a_fresh_run() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    for name in [
        "claims",
        "clusters",
        "agreement",
        "figures",
        "sources",
        "pairs",
        "summary",
    ] {
        let fresh = std::fs::read(dir.path().join(format!("{name}.csv"))).unwrap();
        let old = std::fs::read(committed.join(format!("{name}.csv"))).unwrap_or_else(|_| {
            panic!("reports/{name}.csv is missing: run `cargo run --release -- report`")
        });
        assert!(fresh == old, "reports/{name}.csv differs from a fresh run: run `cargo run --release -- report` and commit it");
    }
}

#[test]
fn compare_prints_disputed_figures_and_clusters_without_colour_when_piped() {
    let out = credence()
        .args(["compare", "--width", "120"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("disputed"));
    assert!(text.contains("12000"));
    assert!(text.contains("Krippendorff"));
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when stdout is not a terminal"
    );
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        widest <= 200,
        "tables wrap near the requested width ({widest})"
    );
}

#[test]
fn sources_table_and_csv() {
    let out = credence()
        .args(["sources", "--width", "150"])
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for name in [
        "hedged",
        "conditional",
        "named_attribution",
        "overclaim",
        "composite",
        "Epoch Times",
    ] {
        assert!(text.contains(name), "{name}");
    }
    let csv = credence()
        .args(["sources", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let first = String::from_utf8(csv)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(first.starts_with("source,documents,units,claims,hedged,hedged_low"));
}

#[test]
fn report_to_an_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    credence()
        .args(["report", "--out"])
        .arg(file.join("sub"))
        .assert()
        .code(3)
        .stderr(predicates::str::contains("cannot create the directory"));
}

#[test]
fn every_cluster_member_carries_its_link_and_the_cluster_its_cohesion() {
    let dir = tempfile::tempdir().unwrap();
    credence()
        .args(["report", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let rows = read_csv(&dir.path().join("clusters.csv"));
    let h = &rows[0];
    let (cl, coh, weak, link, langs) = (
        col(h, "cluster"),
        col(h, "cohesion"),
        col(h, "weak"),
        col(h, "link"),
        col(h, "languages"),
    );
    let mut by_cluster: std::collections::BTreeMap<String, Vec<&csv::StringRecord>> =
        Default::default();
    for r in &rows[1..] {
        by_cluster.entry(r[cl].to_string()).or_default().push(r);
    }
    assert!(by_cluster.len() >= 5);
    let mut weak_seen = 0;
    for (id, members) in &by_cluster {
        let cohesion: f64 = members[0][coh].parse().unwrap();
        let links: Vec<f64> = members.iter().map(|r| r[link].parse().unwrap()).collect();
        assert!((0.0..=1.0).contains(&cohesion), "{id}: {cohesion}");
        // The cohesion is a mean over pairs, each member's link a mean over
        // its pairs: the cohesion lies between the smallest and largest link.
        let (lo, hi) = links
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(
            lo - 1e-3 <= cohesion && cohesion <= hi + 1e-3,
            "{id}: {cohesion} not in [{lo}, {hi}]"
        );
        for r in members {
            assert_eq!(&r[coh], &members[0][coh]);
            assert_eq!(&r[langs], "fr");
            assert_eq!(&r[weak], if cohesion < 0.25 { "yes" } else { "no" }, "{id}");
        }
        weak_seen += usize::from(cohesion < 0.25);
    }
    let summary = read_csv(&dir.path().join("summary.csv"));
    let get = |k: &str| {
        summary
            .iter()
            .find(|r| &r[0] == k)
            .map(|r| r[1].to_string())
            .unwrap()
    };
    assert_eq!(get("weak_clusters"), weak_seen.to_string());
    assert_eq!(get("cross_language_clusters"), "0");
}

#[test]
fn a_story_in_two_languages_gives_a_cluster_that_spans_both() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("two.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id": "fr1", "language": "fr", "outlet": "Le Quotidien", "text": "Le séisme a fait 312 morts à Valparaiso, selon la Croix-Rouge chilienne.\n\nLes secours fouillent encore les décombres du port."}"#,
            "\n",
            r#"{"id": "en1", "language": "en", "outlet": "Wire", "text": "The earthquake killed 312 people in Valparaiso, the Chilean Red Cross said.\n\nSchools will reopen next week in the capital."}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    credence()
        .arg("report")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out.join("clusters.csv"));
    let h = &rows[0];
    let members: Vec<&csv::StringRecord> = rows[1..].iter().collect();
    assert_eq!(members.len(), 2, "{rows:?}");
    assert!(members.iter().all(|r| &r[col(h, "languages")] == "fr+en"));
    let docs: BTreeSet<&str> = members.iter().map(|r| &r[col(h, "doc")]).collect();
    assert_eq!(docs, BTreeSet::from(["fr1", "en1"]));
    let summary = read_csv(&out.join("summary.csv"));
    assert!(summary
        .iter()
        .any(|r| &r[0] == "cross_language_clusters" && &r[1] == "1"));
    credence()
        .arg("compare")
        .arg(&input)
        .assert()
        .success()
        .stdout(predicates::str::contains("c001 fr+en"));
}
