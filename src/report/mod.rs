//! Render analyses: CSV rows, JSON, terminal tables, the `explain` view, and
//! atomic file writes.

pub mod chart;
pub mod html;
pub mod tables;
pub mod terminal;

use crate::claims::{Analyzer, DocAnalysis, UnitAnalysis};
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// Columns of `claims.csv` and `analyze --format csv`, in order.
pub const CLAIM_COLUMNS: [&str; 14] = [
    "doc",
    "outlet",
    "unit",
    "start",
    "end",
    "kind",
    "certainty",
    "label",
    "polarity",
    "cues",
    "source",
    "source_kind",
    "figures",
    "text",
];

/// One row of `claims.csv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClaimRow {
    /// Document id.
    pub doc: String,
    /// Outlet, when known.
    pub outlet: String,
    /// Unit index in its document, from 0.
    pub unit: usize,
    /// Byte offset of the unit in the document text.
    pub start: usize,
    /// Byte offset after the unit.
    pub end: usize,
    /// claim, heading, question, boilerplate or disclaimer.
    pub kind: String,
    /// Certainty with 3 decimals (claims and questions only).
    pub certainty: String,
    /// certain, probable, possible or unconfirmed (claims and questions only).
    pub label: String,
    /// affirmed or denied (claims only).
    pub polarity: String,
    /// Ids of the rules that fired, `;`-separated.
    pub cues: String,
    /// The credited source.
    pub source: String,
    /// named or vague.
    pub source_kind: String,
    /// Figures as `value unit`, `;`-separated (`1000+` marks a vague amount).
    pub figures: String,
    /// The unit's text.
    pub text: String,
}

/// Distinct ids of the rules that fired in a unit, in order of first match.
pub fn fired_ids(analyzer: &Analyzer, u: &UnitAnalysis) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for h in &u.hits {
        let id = &analyzer.rules.rules[h.rule].id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

/// The CSV row of one unit.
pub fn claim_row(analyzer: &Analyzer, doc: &DocAnalysis, text: &str, u: &UnitAnalysis) -> ClaimRow {
    let certain = u.kind.has_certainty();
    ClaimRow {
        doc: doc.doc.clone(),
        outlet: doc.outlet.clone().unwrap_or_default(),
        unit: u.index,
        start: u.start,
        end: u.end,
        kind: u.kind.name().into(),
        certainty: if certain {
            format!("{:.3}", u.certainty)
        } else {
            String::new()
        },
        label: if certain {
            u.label.name().into()
        } else {
            String::new()
        },
        polarity: if u.kind == crate::claims::Kind::Claim {
            u.polarity.name().into()
        } else {
            String::new()
        },
        cues: fired_ids(analyzer, u).join(";"),
        source: u
            .source
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        source_kind: u
            .source
            .as_ref()
            .map(|s| s.kind.name().to_string())
            .unwrap_or_default(),
        figures: u
            .figures
            .iter()
            .map(|f| f.render())
            .collect::<Vec<_>>()
            .join(";"),
        text: text[u.start..u.end].to_string(),
    }
}

/// Neutralise a cell that a spreadsheet would run as a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) by prefixing `'`.
pub fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    // A number ("-3.00") is not a formula: keep it a number.
    if needs_quote_prefix(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Whether [`safe_cell`] prefixes `cell` with `'`.
fn needs_quote_prefix(cell: &str) -> bool {
    // A lone sign (a list dash on its own line) has no operand to compute.
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && !matches!(cell, "-" | "+")
        && !cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// An owned cell as [`safe_cell`] renders it, as bytes for the CSV writer.
fn safe_owned(cell: String) -> Vec<u8> {
    if needs_quote_prefix(&cell) {
        format!("'{cell}").into_bytes()
    } else {
        cell.into_bytes()
    }
}

/// A cell as [`safe_cell`] renders it, as bytes for the CSV writer.
fn safe_bytes(cell: &str) -> std::borrow::Cow<'_, [u8]> {
    match safe_cell(cell) {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

/// Write records as CSV with formula neutralisation; `header` first.
pub fn write_csv<W: Write, I, R>(w: W, header: &[&str], records: I) -> io::Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut wtr = csv::WriterBuilder::new().from_writer(w);
    wtr.write_record(header).map_err(io::Error::other)?;
    for rec in records {
        wtr.write_record(rec.into_iter().map(safe_owned))
            .map_err(io::Error::other)?;
    }
    wtr.flush()
}

/// Rows formatted per parallel chunk: groups of rows (a document's units,
/// a cluster's members) per chunk.
const PAR_CHUNK: usize = 64;

/// Write CSV like [`write_csv`], for `groups` groups of rows that `rows_of`
/// makes independently of each other: chunks of groups are formatted in
/// parallel into buffers, written in order, a bounded window at a time. The
/// bytes are those of [`write_csv`] on the rows of every group in order.
pub fn write_csv_par<W, F>(mut w: W, header: &[&str], groups: usize, rows_of: F) -> io::Result<()>
where
    W: Write,
    F: Fn(usize, &mut Vec<Vec<String>>) + Sync,
{
    use rayon::prelude::*;
    {
        let mut wtr = csv::WriterBuilder::new().from_writer(&mut w);
        wtr.write_record(header).map_err(io::Error::other)?;
        wtr.flush()?;
    }
    let chunks = groups.div_ceil(PAR_CHUNK);
    let window = 4 * rayon::current_num_threads().max(1);
    let format_chunk = |c: usize| -> io::Result<Vec<u8>> {
        let mut wtr = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::with_capacity(1 << 16));
        let mut rows = Vec::new();
        for g in c * PAR_CHUNK..((c + 1) * PAR_CHUNK).min(groups) {
            rows.clear();
            rows_of(g, &mut rows);
            for row in &rows {
                if row.len() != header.len() {
                    return Err(io::Error::other(format!(
                        "found record with {} fields, but the previous record has {} fields",
                        row.len(),
                        header.len()
                    )));
                }
                wtr.write_record(row.iter().map(|c| safe_bytes(c)))
                    .map_err(io::Error::other)?;
            }
        }
        wtr.into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    };
    for start in (0..chunks).step_by(window) {
        let end = (start + window).min(chunks);
        let bufs: Vec<io::Result<Vec<u8>>> =
            (start..end).into_par_iter().map(format_chunk).collect();
        for buf in bufs {
            w.write_all(&buf?)?;
        }
    }
    w.flush()
}

impl ClaimRow {
    /// Cells in column order, taking the row's strings.
    pub fn into_cells(self) -> Vec<String> {
        vec![
            self.doc,
            self.outlet,
            self.unit.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.kind,
            self.certainty,
            self.label,
            self.polarity,
            self.cues,
            self.source,
            self.source_kind,
            self.figures,
            self.text,
        ]
    }

    /// Cells in column order.
    pub fn cells(&self) -> Vec<String> {
        self.clone().into_cells()
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same
/// directory, synced, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Write to `path` atomically through a buffered writer given to `fill`: a
/// temporary file in the same directory, synced, then renamed over the
/// target, so that a crash or Ctrl-C never leaves a half-written file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".credence-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    // Temporary files are private; a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// JSON view of one unit (`analyze --format json`).
#[derive(Debug, Serialize)]
pub struct UnitJson<'a> {
    /// The CSV row fields.
    #[serde(flatten)]
    pub row: &'a ClaimRow,
    /// Each fired rule with its weight and matched text.
    pub matches: Vec<MatchJson>,
}

/// One rule match in JSON.
#[derive(Debug, Serialize)]
pub struct MatchJson {
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// Weight added to the score (0 when the rule was already counted).
    pub weight: f64,
    /// Matched text.
    pub text: String,
    /// Byte span in the document.
    pub start: usize,
    /// End of the span.
    pub end: usize,
}

/// Matches of a unit for JSON output.
pub fn matches_json(analyzer: &Analyzer, text: &str, u: &UnitAnalysis) -> Vec<MatchJson> {
    u.hits
        .iter()
        .map(|h| {
            let r = &analyzer.rules.rules[h.rule];
            MatchJson {
                rule: r.id.clone(),
                category: r.category.name().into(),
                weight: r.weight,
                text: text[h.start..h.end].to_string(),
                start: h.start,
                end: h.end,
            }
        })
        .collect()
}

/// A piece of a unit's text: a cue (the match of a rule) or the text
/// between cues.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// For a cue: the id of the rule that matched it.
    pub cue: Option<String>,
    /// For a cue: the category of that rule (`hedge`, `attribution`...).
    pub category: &'static str,
}

/// A unit's text cut into cues and the text between them, as `explain`
/// marks it: matches in order of their start (the shorter first), a match
/// that overlaps an earlier one left out.
pub fn cue_segments(analyzer: &Analyzer, text: &str, u: &UnitAnalysis) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut pos = u.start;
    let mut spans: Vec<(usize, usize, usize)> =
        u.hits.iter().map(|h| (h.start, h.end, h.rule)).collect();
    spans.sort();
    let plain = |out: &mut Vec<Segment>, s: &str| {
        if !s.is_empty() {
            out.push(Segment {
                text: s.to_string(),
                cue: None,
                category: "",
            });
        }
    };
    for (s, e, rule) in spans {
        if s < pos || e > u.end {
            continue;
        }
        plain(&mut out, &text[pos..s]);
        let r = &analyzer.rules.rules[rule];
        out.push(Segment {
            text: text[s..e].to_string(),
            cue: Some(r.id.clone()),
            category: r.category.name(),
        });
        pos = e;
    }
    plain(&mut out, &text[pos..u.end]);
    out
}

/// The `explain` view of a unit: text with cues in brackets, every term of
/// the score, the result, source and figures.
/// The texts where rule `rule` fired in unit `u` (of the document `text`), in order.
pub fn rule_matches<'t>(text: &'t str, u: &UnitAnalysis, rule: usize) -> Vec<&'t str> {
    u.hits
        .iter()
        .filter(|h| h.rule == rule)
        .map(|h| &text[h.start..h.end])
        .collect()
}

pub fn explain_unit(analyzer: &Analyzer, text: &str, u: &UnitAnalysis) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut marked = String::new();
    for seg in cue_segments(analyzer, text, u) {
        if seg.cue.is_some() {
            marked.push('[');
            marked.push_str(&seg.text);
            marked.push(']');
        } else {
            marked.push_str(&seg.text);
        }
    }
    let _ = writeln!(out, "#{} [{}] {}", u.index, u.kind.name(), marked);
    if u.kind.has_certainty() {
        let _ = writeln!(
            out,
            "    base                                   {:+.2}",
            analyzer.rules.model.base
        );
        for t in &u.terms {
            let r = &analyzer.rules.rules[t.rule];
            let matched = rule_matches(text, u, t.rule);
            let _ = writeln!(
                out,
                "    {:<38} {:+.2}  \"{}\"",
                r.id,
                t.weight,
                matched.join("\", \"")
            );
        }
        let _ = writeln!(
            out,
            "    = score {:+.2} -> certainty {:.3} -> {} ({})",
            u.score,
            u.certainty,
            u.label.name(),
            u.polarity.name()
        );
    } else {
        for h in &u.hits {
            let r = &analyzer.rules.rules[h.rule];
            let _ = writeln!(
                out,
                "    {:<38} {}  \"{}\"",
                r.id,
                r.category.name(),
                &text[h.start..h.end]
            );
        }
    }
    if let Some(s) = &u.source {
        let via = match s.via {
            crate::claims::attribution::SourceVia::Own => "in the unit",
            crate::claims::attribution::SourceVia::Quote => "speaker of the quotation",
            crate::claims::attribution::SourceVia::Frame => "from the paragraph",
        };
        let _ = writeln!(out, "    source: {} ({}, {})", s.text, s.kind.name(), via);
    }
    if !u.figures.is_empty() {
        let figs: Vec<String> = u.figures.iter().map(|f| f.render()).collect();
        let _ = writeln!(out, "    figures: {}", figs.join("; "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+33 6 12"), "'+33 6 12");
        assert_eq!(safe_cell("-1+2"), "'-1+2");
        assert_eq!(safe_cell("-1.25"), "-1.25");
        assert_eq!(safe_cell("-"), "-");
        assert_eq!(safe_cell("- 1+2"), "'- 1+2");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Selon X"), "Selon X");
    }

    #[test]
    fn csv_writer_neutralises_and_quotes() {
        let mut buf = Vec::new();
        write_csv(
            &mut buf,
            &["a", "b"],
            vec![vec!["=1+1".to_string(), "x, y".to_string()]],
        )
        .unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "a,b\n'=1+1,\"x, y\"\n");
    }

    /// Rows of group `g`: from none to several, with cells that need
    /// quoting, neutralising, or neither.
    fn group_rows(g: usize, out: &mut Vec<Vec<String>>) {
        let cells = [
            "=1+1",
            "x, y",
            "say \"hi\"",
            "a\nb",
            "-3.5",
            "",
            "plain",
            "@x",
        ];
        for r in 0..g % 4 {
            out.push(
                (0..3)
                    .map(|c| format!("{}{}", cells[(g + r + c) % cells.len()], g * (c % 2)))
                    .collect(),
            );
        }
    }

    #[test]
    fn parallel_csv_writer_gives_the_sequential_bytes() {
        for groups in [0, 1, 3, PAR_CHUNK, PAR_CHUNK + 1, 37 * PAR_CHUNK + 5] {
            let rows: Vec<Vec<String>> = (0..groups)
                .flat_map(|g| {
                    let mut v = Vec::new();
                    group_rows(g, &mut v);
                    v
                })
                .collect();
            let mut seq = Vec::new();
            write_csv(&mut seq, &["a", "b", "c"], rows).unwrap();
            let mut par = Vec::new();
            write_csv_par(&mut par, &["a", "b", "c"], groups, group_rows).unwrap();
            assert_eq!(
                String::from_utf8(par).unwrap(),
                String::from_utf8(seq).unwrap()
            );
        }
    }

    #[test]
    fn parallel_csv_writer_quotes_a_lone_empty_cell() {
        let one = |_: usize, out: &mut Vec<Vec<String>>| out.push(vec![String::new()]);
        let mut seq = Vec::new();
        write_csv(&mut seq, &["a"], vec![vec![String::new()]; 2]).unwrap();
        let mut par = Vec::new();
        write_csv_par(&mut par, &["a"], 2, one).unwrap();
        assert_eq!(par, seq);
    }

    #[test]
    fn parallel_csv_writer_refuses_a_short_row() {
        let short = |_: usize, out: &mut Vec<Vec<String>>| out.push(vec!["x".to_string()]);
        let mut buf = Vec::new();
        assert!(write_csv_par(&mut buf, &["a", "b"], 1, short).is_err());
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("claims.csv");
        write_atomic(&p, b"old").unwrap();
        write_atomic(&p, b"new content").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new content");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
