//! `credence report --html`: the page is written beside the tables, holds
//! everything it needs, escapes what the articles and their metadata say,
//! and works in a real browser (headless Chromium through the DevTools
//! protocol: no console error, one mark per troop-count statement, a matrix
//! row per cluster and a column per outlet, sorting and filtering, a
//! screenshot under target/, the render time of a 100-document page).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "../examples/common/synth.rs"]
mod synth;

fn credence() -> Command {
    Command::cargo_bin("credence").unwrap()
}

/// Run `credence report --html` on `inputs` (none: the sample corpus) into
/// `out`; the page's text.
fn report(out: &Path, inputs: &[&Path]) -> String {
    let mut cmd = credence();
    cmd.args(["report", "--html", "--out"]).arg(out);
    for i in inputs {
        cmd.arg(i);
    }
    cmd.env("SOURCE_DATE_EPOCH", "1732492800")
        .assert()
        .success();
    std::fs::read_to_string(out.join("report.html")).unwrap()
}

fn read_csv(path: &Path) -> Vec<csv::StringRecord> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let mut rows = vec![rdr.headers().unwrap().clone()];
    rows.extend(rdr.records().map(Result::unwrap));
    rows
}

fn col(header: &csv::StringRecord, name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Outlet names and article text that would break a page glued from strings.
const HOSTILE_OUTLETS: [&str; 3] = [
    "<script>window.__pwned=1</script>",
    "A & B \"Quoted\" 'News' <i>",
    "</style></table><img src=x onerror=\"window.__pwned=2\">",
];

/// A JSONL corpus whose outlets are [`HOSTILE_OUTLETS`], stating the same
/// troop counts differently, one text with markup in it.
fn hostile_corpus(dir: &Path) -> PathBuf {
    let texts = [
        "La Russie a envoyé 10 000 soldats nord-coréens sur le front, selon le Pentagone.\nLe Kremlin dément tout déploiement.",
        "Selon des experts, la Russie aurait envoyé 3 000 soldats nord-coréens sur le front.\nLe texte <img src=x onerror=\"window.__pwned=3\"> est cité & commenté.",
        "La Russie a envoyé 12 000 soldats nord-coréens sur le front, a déclaré Volodymyr Zelensky.\nLe Kremlin dément tout déploiement.",
    ];
    let mut lines = String::new();
    for (k, (outlet, text)) in HOSTILE_OUTLETS.iter().zip(texts).enumerate() {
        let line = serde_json::json!({"id": format!("h{k}"), "outlet": outlet, "text": text, "language": "fr"});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let path = dir.join("hostile.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

/// A JSONL corpus of `docs` documents of about 50 units each, made by the
/// synthetic generator of the benchmarks (three of its documents per one).
fn synthetic_corpus(dir: &Path, docs: usize) -> PathBuf {
    use rand_chacha::rand_core::SeedableRng;
    let pool = synth::pool();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut lines = String::new();
    for k in 0..docs {
        let (mut text, outlet) = synth::next_document(&pool, &mut rng);
        for _ in 0..2 {
            text.push_str(&synth::document(&pool, &mut rng));
        }
        let line = serde_json::json!({"id": format!("s{k:03}"), "outlet": outlet, "text": text, "language": "fr"});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let path = dir.join("synth.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

#[test]
fn the_page_is_written_beside_the_tables_and_needs_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), &[]);
    for table in ["claims", "clusters", "figures", "sources", "summary"] {
        assert!(dir.path().join(format!("{table}.csv")).exists(), "{table}");
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("made on 2024-11-25 00:00 UTC"));
    // Nothing is loaded from elsewhere: no external stylesheet, script,
    // image or font.
    for needle in [
        "src=\"http",
        "<link rel=\"stylesheet",
        "@import",
        "url(",
        "src=\"//",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert_eq!(html.matches("<script").count(), 1);
    for id in ["overview", "figures", "matrix", "sources", "claims"] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    // The same page twice: the date comes from SOURCE_DATE_EPOCH.
    let again = tempfile::tempdir().unwrap();
    assert_eq!(report(again.path(), &[]), html);
}

#[test]
fn outlet_names_and_article_text_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = hostile_corpus(dir.path());
    let out = dir.path().join("out");
    let html = report(&out, &[&corpus]);
    assert_eq!(html.matches("<script").count(), 1, "one script: the page's");
    assert!(!html.contains("<img"));
    assert!(!html.contains("</style></table>"));
    assert!(!html.contains("'News' <i>"));
    assert!(html.contains("&#60;script&#62;window.__pwned=1&#60;/script&#62;"));
    assert!(html.contains("A &#38; B &#34;Quoted&#34; &#39;News&#39;"));
}

#[test]
fn reports_of_no_document_one_document_and_no_figure_render() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let one = dir.path().join("one.jsonl");
    std::fs::write(
        &one,
        "{\"id\": \"only\", \"outlet\": \"Solo\", \"text\": \"La Russie a envoyé 10 000 soldats.\"}\n",
    )
    .unwrap();
    let plain = dir.path().join("plain.jsonl");
    std::fs::write(
        &plain,
        "{\"id\": \"p1\", \"text\": \"Il pleut sur Paris.\"}\n{\"id\": \"p2\", \"text\": \"Il pleut sur Paris.\"}\n",
    )
    .unwrap();
    for (input, docs) in [(&empty, 0), (&one, 1), (&plain, 2)] {
        let out = dir.path().join(format!("out{docs}"));
        let html = report(&out, &[input]);
        assert!(html.trim_end().ends_with("</html>"), "{docs}");
        assert!(
            html.contains(&format!("report of {docs} document")),
            "{docs}"
        );
        assert!(
            html.contains("No quantity is given a figure by two documents or more."),
            "{docs}"
        );
    }
}

// --- In a browser -----------------------------------------------------------

mod browser {
    use headless_chrome::protocol::cdp::{Log, Page, Runtime};
    use headless_chrome::{Browser, LaunchOptions, Tab};
    use std::ffi::OsStr;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// Chromium or Chrome: `$CHROME`, else the first of the usual names
    /// on PATH.
    pub fn find() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("CHROME").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        let names = [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ];
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    }

    /// A headless browser and the errors its pages log.
    pub struct Session {
        pub browser: Browser,
        pub errors: Arc<Mutex<Vec<String>>>,
        _profile: tempfile::TempDir,
    }

    impl Session {
        pub fn start(path: PathBuf) -> Session {
            let profile = tempfile::tempdir().unwrap();
            let args: Vec<&OsStr> = [
                "--disable-quic",
                "--disable-component-update",
                "--no-default-browser-check",
                "--hide-scrollbars",
            ]
            .iter()
            .map(OsStr::new)
            .collect();
            let options = LaunchOptions {
                path: Some(path),
                headless: true,
                sandbox: false,
                window_size: Some((1280, 1600)),
                user_data_dir: Some(profile.path().to_path_buf()),
                idle_browser_timeout: Duration::from_secs(300),
                args,
                ..LaunchOptions::default()
            };
            let browser = Browser::new(options).expect("start headless Chromium");
            Session {
                browser,
                errors: Arc::new(Mutex::new(Vec::new())),
                _profile: profile,
            }
        }

        /// A new tab whose console errors, uncaught exceptions and error
        /// log entries (a failed load, a refused request) are collected.
        pub fn tab(&self) -> Arc<Tab> {
            let tab = self.browser.new_tab().unwrap();
            tab.set_default_timeout(Duration::from_secs(60));
            tab.enable_runtime().unwrap();
            tab.enable_log().unwrap();
            let errors = Arc::clone(&self.errors);
            tab.add_event_listener(Arc::new(
                move |event: &headless_chrome::protocol::cdp::types::Event| {
                    use headless_chrome::protocol::cdp::types::Event;
                    let message = match event {
                        Event::RuntimeConsoleAPICalled(e)
                            if e.params.Type == Runtime::ConsoleAPICalledEventTypeOption::Error
                                || e.params.Type
                                    == Runtime::ConsoleAPICalledEventTypeOption::Assert =>
                        {
                            Some(format!(
                                "console.{:?}: {:?}",
                                e.params.Type,
                                e.params
                                    .args
                                    .iter()
                                    .map(|a| a.value.clone().unwrap_or_default())
                                    .collect::<Vec<_>>()
                            ))
                        }
                        Event::RuntimeExceptionThrown(e) => Some(format!(
                            "exception: {} {:?}",
                            e.params.exception_details.text,
                            e.params
                                .exception_details
                                .exception
                                .as_ref()
                                .and_then(|x| x.description.clone())
                        )),
                        Event::LogEntryAdded(e)
                            if e.params.entry.level == Log::LogEntryLevel::Error =>
                        {
                            Some(format!("log: {}", e.params.entry.text))
                        }
                        _ => None,
                    };
                    if let Some(m) = message {
                        errors.lock().unwrap().push(m);
                    }
                },
            ))
            .unwrap();
            tab
        }

        pub fn take_errors(&self) -> Vec<String> {
            std::mem::take(&mut *self.errors.lock().unwrap())
        }
    }

    /// Open a file in `tab` and wait for it to load.
    pub fn open(tab: &Tab, file: &Path) {
        let url = format!("file://{}", file.canonicalize().unwrap().display());
        tab.navigate_to(&url).unwrap();
        tab.wait_until_navigated().unwrap();
    }

    /// Evaluate `expr` (which must give a JSON-serialisable value) in the page.
    pub fn eval(tab: &Tab, expr: &str) -> serde_json::Value {
        let wrapped = format!("Promise.resolve(({expr})).then(v => JSON.stringify(v))");
        let out = tab.evaluate(&wrapped, true).unwrap();
        let text = out
            .value
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("{expr}: no value ({:?})", out.description));
        serde_json::from_str(&text).unwrap()
    }

    /// Poll `expr` until it gives `true`, for at most 10 s.
    pub fn wait_true(tab: &Tab, expr: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if eval(tab, expr) == serde_json::Value::Bool(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("still false after 10 s: {expr}");
    }

    /// Save a PNG of the viewport.
    pub fn screenshot(tab: &Tab, path: &Path) {
        let png = tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

/// Every check that needs a browser, with one browser started once.
#[test]
fn the_page_works_in_headless_chromium() {
    let Some(chromium) = browser::find() else {
        let msg = "no Chromium or Chrome found (looked at $CHROME, then chromium, chromium-browser, google-chrome on PATH): \
                   install the Debian package `chromium` to run the browser checks of report.html";
        if std::env::var_os("CREDENCE_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED the_page_works_in_headless_chromium: {msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let session = browser::Session::start(chromium);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&shots).unwrap();

    // The sample corpus.
    let out = dir.path().join("sample");
    report(&out, &[]);
    let tab = session.tab();
    browser::open(&tab, &out.join("report.html"));
    let eval = |expr: &str| browser::eval(&tab, expr);

    // The troop-count topic: the topic of figures.csv with the most
    // statements counting soldiers; its chart has one mark per statement.
    let figures = read_csv(&out.join("figures.csv"));
    let (h, rows) = (&figures[0], &figures[1..]);
    let (topic, counted) = (col(h, "topic"), col(h, "counted"));
    let mut per_topic: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in rows
        .iter()
        .filter(|r| matches!(&r[counted], "soldat" | "militaire" | "troupe"))
    {
        *per_topic.entry(&r[topic]).or_default() += 1;
    }
    let (troops, _) = per_topic
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("a troop-count topic");
    let statements = rows.iter().filter(|r| &r[topic] == *troops).count();
    assert!(statements >= 5, "{troops}: {statements} statements");
    let marks = eval(&format!(
        "Array.from(document.querySelectorAll('figure.topic')).filter(f => f.dataset.topic === {}).map(f => f.querySelectorAll('.mark').length)",
        serde_json::Value::String(troops.to_string())
    ));
    assert_eq!(marks, serde_json::json!([statements]), "marks of {troops}");
    // Focusing a mark shows its sentence.
    let said = eval(
        "(() => { const m = document.querySelector('figure.topic .mark'); m.focus(); \
         return [m.querySelector('title').textContent, m.closest('figure').querySelector('.said').textContent]; })()",
    );
    let (sentence, shown) = (said[0].as_str().unwrap(), said[1].as_str().unwrap());
    assert!(
        !sentence.is_empty() && shown.contains(sentence),
        "{shown:?}"
    );

    // The matrix: a row per cluster, a column per outlet, a cell per pair.
    let clusters = read_csv(&out.join("agreement.csv")).len() - 1;
    let outlets = read_csv(&out.join("sources.csv")).len() - 1;
    let shape = eval(
        "[document.querySelectorAll('table.matrix tbody tr').length, \
          document.querySelectorAll('table.matrix thead th.outlet').length, \
          Array.from(document.querySelectorAll('table.matrix tbody tr')).map(r => r.querySelectorAll('td.cell').length)]",
    );
    assert_eq!(shape[0], clusters);
    assert_eq!(shape[1], outlets);
    assert!(shape[2]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n.as_u64() == Some(outlets as u64)));
    // A cell opens its sentences, with cues marked; Escape closes it.
    tab.find_element("table.matrix .cellbtn")
        .unwrap()
        .click()
        .unwrap();
    let open = eval(
        "(() => { const p = document.querySelector('.pop:popover-open'); \
         return p ? [p.querySelectorAll('blockquote').length, p.querySelectorAll('mark.cue').length >= 0] : null; })()",
    );
    assert!(open[0].as_u64().unwrap() >= 1, "{open}");
    tab.press_key("Escape").unwrap();
    browser::wait_true(&tab, "document.querySelector('.pop:popover-open') === null");

    // The claims table: sort by certainty both ways, then filter.
    let units = read_csv(&out.join("claims.csv")).len() - 1;
    let certainties = "Array.from(document.querySelectorAll('table.claims tbody tr')).map(r => r.cells[4].dataset.v).filter(v => v !== '').map(Number)";
    tab.find_element("table.claims th button[data-col=\"4\"]")
        .unwrap()
        .click()
        .unwrap();
    let up: Vec<f64> = serde_json::from_value(eval(certainties)).unwrap();
    assert!(
        up.len() > 10 && up.windows(2).all(|w| w[0] <= w[1]),
        "{up:?}"
    );
    assert_eq!(
        eval("document.querySelector('table.claims th button[data-col=\"4\"]').parentNode.getAttribute('aria-sort')"),
        "ascending"
    );
    tab.find_element("table.claims th button[data-col=\"4\"]")
        .unwrap()
        .click()
        .unwrap();
    let down: Vec<f64> = serde_json::from_value(eval(certainties)).unwrap();
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
    assert_eq!(
        eval("document.querySelectorAll('table.claims tbody tr').length"),
        units
    );
    let claims = read_csv(&out.join("claims.csv"));
    let (ch, crow) = (&claims[0], &claims[1..]);
    let epoch = crow
        .iter()
        .filter(|r| &r[col(ch, "outlet")] == "Epoch Times")
        .count();
    let visible = "document.querySelectorAll('table.claims tbody tr:not([hidden])').length";
    eval("(() => { const s = document.querySelector('select[data-filter=\"o\"]'); s.value = 'Epoch Times'; s.dispatchEvent(new Event('change', {bubbles: true})); return 0; })()");
    assert_eq!(eval(visible), epoch);
    assert_eq!(
        eval("document.querySelector('.filters .shown').textContent"),
        format!("{epoch} of {units} units")
    );
    // Typed into the text filter with the keyboard, combined with the outlet.
    let pentagone_epoch = crow
        .iter()
        .filter(|r| {
            &r[col(ch, "outlet")] == "Epoch Times"
                && r[col(ch, "text")].to_lowercase().contains("russie")
        })
        .count();
    tab.find_element("input[data-filter=\"t\"]")
        .unwrap()
        .click()
        .unwrap();
    tab.type_str("Russie").unwrap();
    browser::wait_true(&tab, &format!("{visible} === {pentagone_epoch}"));
    assert!(pentagone_epoch > 0 && pentagone_epoch < epoch);
    eval("(document.querySelector('form.filters').reset(), 0)");
    browser::wait_true(&tab, &format!("{visible} === {units}"));

    // The page is usable with the keyboard: Tab reaches the links and marks.
    let focusable = eval("document.querySelectorAll('nav a, .mark[tabindex=\"0\"], .cellbtn, table.claims th button').length");
    assert!(focusable.as_u64().unwrap() > 10);

    eval("(window.scrollTo(0, 0), 0)");
    let shot = shots.join("report.png");
    browser::screenshot(&tab, &shot);
    eprintln!("screenshot of the sample report: {}", shot.display());
    let errors = session.take_errors();
    assert!(
        errors.is_empty(),
        "console errors on the sample report: {errors:#?}"
    );

    // Hostile outlet names: no markup gets through, the names read as written.
    let hostile = hostile_corpus(dir.path());
    let out = dir.path().join("hostile");
    report(&out, &[&hostile]);
    browser::open(&tab, &out.join("report.html"));
    let seen = eval(
        "({pwned: window.__pwned === undefined ? null : window.__pwned, \
           scripts: document.scripts.length, imgs: document.images.length, \
           options: Array.from(document.querySelectorAll('select[data-filter=\"o\"] option')).slice(1).map(o => o.value), \
           heads: Array.from(document.querySelectorAll('table.matrix th.outlet')).map(t => t.textContent), \
           sections: document.querySelectorAll('main > section').length})",
    );
    assert_eq!(seen["pwned"], serde_json::Value::Null, "{seen}");
    assert_eq!(seen["scripts"], 1);
    assert_eq!(seen["imgs"], 0);
    assert_eq!(seen["sections"], 5);
    let mut names: Vec<String> = HOSTILE_OUTLETS.iter().map(|s| s.to_string()).collect();
    names.sort();
    assert_eq!(seen["options"], serde_json::json!(names));
    if let Some(heads) = seen["heads"].as_array().filter(|h| !h.is_empty()) {
        for h in heads {
            assert!(names.iter().any(|n| Some(n.as_str()) == h.as_str()), "{h}");
        }
    }
    let errors = session.take_errors();
    assert!(
        errors.is_empty(),
        "console errors with hostile names: {errors:#?}"
    );

    // No document at all: an empty report, still a whole page.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("empty");
    report(&out, &[&empty]);
    browser::open(&tab, &out.join("report.html"));
    assert_eq!(
        eval("document.querySelectorAll('main > section').length"),
        5
    );
    let errors = session.take_errors();
    assert!(
        errors.is_empty(),
        "console errors on an empty report: {errors:#?}"
    );

    // 100 documents, about 5 000 units: the time from navigation to the
    // first frame after the whole page is laid out.
    let corpus = synthetic_corpus(dir.path(), 100);
    let out = dir.path().join("synth");
    report(&out, &[&corpus]);
    let units = read_csv(&out.join("claims.csv")).len() - 1;
    assert!(units >= 4000, "{units} units");
    tab.call_method(headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument {
        source: "document.addEventListener('DOMContentLoaded', () => { document.body.offsetHeight; \
                 requestAnimationFrame(() => requestAnimationFrame(() => { window.__rendered = performance.now(); })); });"
            .into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    browser::open(&tab, &out.join("report.html"));
    browser::wait_true(&tab, "window.__rendered !== undefined");
    let ms = eval("window.__rendered").as_f64().unwrap();
    let bytes = std::fs::metadata(out.join("report.html")).unwrap().len();
    eprintln!(
        "render time of report.html for 100 documents, {units} units ({:.1} MB): {ms:.0} ms",
        bytes as f64 / 1e6
    );
    assert_eq!(
        eval("document.querySelectorAll('table.claims tbody tr').length"),
        units
    );
    // The render time is a measurement (printed above), not a pass mark: a
    // loaded machine must not fail the suite.
    browser::screenshot(&tab, &shots.join("report-100-documents.png"));
    let errors = session.take_errors();
    assert!(
        errors.is_empty(),
        "console errors on the large report: {errors:#?}"
    );
}
