//! Render analyses: CSV rows, JSON, terminal tables, the `explain` view, and
//! atomic file writes.

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
    let numeric = cell.parse::<f64>().is_ok_and(f64::is_finite);
    if !numeric && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
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
        let cells: Vec<String> = rec
            .into_iter()
            .map(|c| safe_cell(&c).into_owned())
            .collect();
        wtr.write_record(&cells).map_err(io::Error::other)?;
    }
    wtr.flush()
}

impl ClaimRow {
    /// Cells in column order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.doc.clone(),
            self.outlet.clone(),
            self.unit.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.kind.clone(),
            self.certainty.clone(),
            self.label.clone(),
            self.polarity.clone(),
            self.cues.clone(),
            self.source.clone(),
            self.source_kind.clone(),
            self.figures.clone(),
            self.text.clone(),
        ]
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

/// The `explain` view of a unit: text with cues in brackets, every term of
/// the score, the result, source and figures.
pub fn explain_unit(analyzer: &Analyzer, text: &str, u: &UnitAnalysis) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut marked = String::new();
    let mut pos = u.start;
    let mut spans: Vec<(usize, usize)> = u.hits.iter().map(|h| (h.start, h.end)).collect();
    spans.sort();
    for (s, e) in spans {
        if s < pos {
            continue;
        }
        marked.push_str(&text[pos..s]);
        marked.push('[');
        marked.push_str(&text[s..e]);
        marked.push(']');
        pos = e;
    }
    marked.push_str(&text[pos..u.end]);
    let _ = writeln!(out, "#{} [{}] {}", u.index, u.kind.name(), marked);
    if u.kind.has_certainty() {
        let _ = writeln!(
            out,
            "    base                                   {:+.2}",
            analyzer.rules.model.base
        );
        for t in &u.terms {
            let r = &analyzer.rules.rules[t.rule];
            let matched: Vec<&str> = u
                .hits
                .iter()
                .filter(|h| h.rule == t.rule)
                .map(|h| &text[h.start..h.end])
                .collect();
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
