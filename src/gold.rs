//! Gold judgements (hand labels) in the CSV format of the gold-format guide.
//!
//! Three kinds of file, each UTF-8 CSV with a header row that names the
//! columns (in any order; columns of other names are ignored):
//!
//! * sentences (`*-sentences.csv`): `doc,text,kind,certainty,polarity,cues,source`
//! * figures (`*-figures.csv`): `doc,topic,value,unit,source,certainty,text,notes`
//! * clusters (`*-clusters.csv`): `cluster,doc,text,stance`
//!
//! The columns each kind needs are in [`SENTENCES_REQUIRED`],
//! [`FIGURES_REQUIRED`] and [`CLUSTERS_REQUIRED`]; a missing optional column
//! reads as empty fields.
//!
//! [`read_gold`] reads one file or a whole directory and checks every row:
//! labels must be in their allowed sets and values must be numbers. Errors
//! name the file, the line and the column, and say what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

/// Unit kinds allowed in the `kind` column.
pub const KINDS: [&str; 5] = ["claim", "heading", "question", "boilerplate", "disclaimer"];
/// Certainty labels, from the firmest to the weakest.
pub const CERTAINTIES: [&str; 4] = ["certain", "probable", "possible", "unconfirmed"];
/// Polarity labels.
pub const POLARITIES: [&str; 2] = ["affirmed", "denied"];
/// Cluster stances.
pub const STANCES: [&str; 3] = ["agree", "hedge", "conflict"];

/// Header of a sentences file.
pub const SENTENCES_HEADER: [&str; 7] = [
    "doc",
    "text",
    "kind",
    "certainty",
    "polarity",
    "cues",
    "source",
];
/// Header of a figures file.
pub const FIGURES_HEADER: [&str; 8] = [
    "doc",
    "topic",
    "value",
    "unit",
    "source",
    "certainty",
    "text",
    "notes",
];
/// Header of a clusters file.
pub const CLUSTERS_HEADER: [&str; 4] = ["cluster", "doc", "text", "stance"];
/// Columns a sentences file must have.
pub const SENTENCES_REQUIRED: [&str; 3] = ["doc", "text", "kind"];
/// Columns a figures file must have.
pub const FIGURES_REQUIRED: [&str; 5] = ["doc", "topic", "value", "unit", "text"];
/// Columns a clusters file must have.
pub const CLUSTERS_REQUIRED: [&str; 4] = ["cluster", "doc", "text", "stance"];

/// One row of a sentences file: a sentence-like unit and its labels.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldSentence {
    /// Document id (file name without extension).
    pub doc: String,
    /// The unit's text as it appears in the document.
    pub text: String,
    /// `claim`, `heading`, `question`, `boilerplate` or `disclaimer`.
    pub kind: String,
    /// `certain`, `probable`, `possible` or `unconfirmed`; `None` when empty.
    pub certainty: Option<String>,
    /// `affirmed` or `denied`; `None` when empty.
    pub polarity: Option<String>,
    /// The words that set the certainty (the `;`-separated column, split).
    pub cues: Vec<String>,
    /// Who the text credits for the statement; `None` when the author states it.
    pub source: Option<String>,
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
}

/// One row of a figures file: a number that quantifies something.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldFigure {
    /// Document id.
    pub doc: String,
    /// Key shared by all rows about the same quantity.
    pub topic: String,
    /// The number.
    pub value: f64,
    /// The counted noun, singular.
    pub unit: String,
    /// Who the text credits for this number; `None` when the author.
    pub source: Option<String>,
    /// Certainty of the clause that gives the number; `None` when empty.
    pub certainty: Option<String>,
    /// The sentence the number comes from, as in the sentences file.
    pub text: String,
    /// Free notes (time frame, vagueness).
    pub notes: String,
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
}

/// One row of a clusters file: a document's statement of a shared fact.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldCluster {
    /// Cluster key.
    pub cluster: String,
    /// Document id.
    pub doc: String,
    /// The sentence, as in the sentences file.
    pub text: String,
    /// `agree`, `hedge` or `conflict`.
    pub stance: String,
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
}

/// Everything read from one gold file or directory, rows in file order.
#[derive(Clone, Debug, Default)]
pub struct Gold {
    pub sentences: Vec<GoldSentence>,
    pub figures: Vec<GoldFigure>,
    pub clusters: Vec<GoldCluster>,
}

/// Why gold could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The path does not exist.
    #[error("{}: no such file or directory", .path.display())]
    NotFound { path: PathBuf },
    /// The path could not be read.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed CSV (or not UTF-8).
    #[error("{}, line {line}: malformed CSV: {message}", .path.display())]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    /// The header row lacks a column the file's kind needs, or tells no kind.
    #[error(
        "{}, line 1: {message}; the header is `{found}` (columns may come in any order, other columns are ignored)",
        .path.display()
    )]
    Header {
        path: PathBuf,
        message: String,
        found: String,
    },
    /// A field holds a value outside its allowed set.
    #[error("{}, line {line}, column `{column}`: {message}", .path.display())]
    Value {
        path: PathBuf,
        line: u64,
        column: String,
        message: String,
    },
    /// A directory holds no gold file.
    #[error(
        "{}: no gold files (*-sentences.csv, *-figures.csv, *-clusters.csv) in this directory",
        .path.display()
    )]
    Empty { path: PathBuf },
}

/// The three kinds of gold file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Sentences,
    Figures,
    Clusters,
}

impl FileKind {
    const ALL: [FileKind; 3] = [FileKind::Sentences, FileKind::Figures, FileKind::Clusters];

    fn header(self) -> &'static [&'static str] {
        match self {
            FileKind::Sentences => &SENTENCES_HEADER,
            FileKind::Figures => &FIGURES_HEADER,
            FileKind::Clusters => &CLUSTERS_HEADER,
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            FileKind::Sentences => "sentences.csv",
            FileKind::Figures => "figures.csv",
            FileKind::Clusters => "clusters.csv",
        }
    }

    /// The kind told by a file name: `sentences.csv` or `*-sentences.csv`, etc.
    fn from_name(name: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| {
            let suffix = k.suffix();
            name == suffix
                || name
                    .strip_suffix(suffix)
                    .is_some_and(|stem| stem.ends_with('-'))
        })
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            FileKind::Sentences => &SENTENCES_REQUIRED,
            FileKind::Figures => &FIGURES_REQUIRED,
            FileKind::Clusters => &CLUSTERS_REQUIRED,
        }
    }

    /// The columns of this kind that a header lacks.
    fn missing(self, fields: &[String]) -> Vec<&'static str> {
        self.required()
            .iter()
            .copied()
            .filter(|c| !fields.iter().any(|f| f == c))
            .collect()
    }

    /// The kind told by a header row: the only kind whose columns it all has.
    fn from_header(fields: &[String]) -> Option<FileKind> {
        let mut kinds = FileKind::ALL
            .into_iter()
            .filter(|k| k.missing(fields).is_empty());
        let kind = kinds.next()?;
        kinds.next().is_none().then_some(kind)
    }
}

/// Read a gold directory (every `*-sentences.csv`, `*-figures.csv`, `*-clusters.csv` in it, sorted by name) or one gold file (its kind told by its suffix, else by its header).
///
/// A directory is not searched recursively; other files in it are ignored.
/// A directory with no gold file gives [`GoldError::Empty`].
pub fn read_gold(path: &Path) -> Result<Gold, GoldError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    let mut gold = Gold::default();
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| io_error(path, e))?;
        let mut files: Vec<(String, PathBuf, FileKind)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| io_error(path, e))?;
            let file_path = entry.path();
            if !file_path.is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(kind) = FileKind::from_name(&name) {
                files.push((name, file_path, kind));
            }
        }
        if files.is_empty() {
            return Err(GoldError::Empty {
                path: path.to_path_buf(),
            });
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, file_path, kind) in files {
            let data = std::fs::read(&file_path).map_err(|e| io_error(&file_path, e))?;
            parse_into(&mut gold, &file_path, &data, Some(kind))?;
        }
    } else {
        let data = std::fs::read(path).map_err(|e| io_error(path, e))?;
        let kind = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(FileKind::from_name);
        parse_into(&mut gold, path, &data, kind)?;
    }
    Ok(gold)
}

fn io_error(path: &Path, source: std::io::Error) -> GoldError {
    if source.kind() == std::io::ErrorKind::NotFound {
        GoldError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        GoldError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn csv_error(path: &Path, err: csv::Error) -> GoldError {
    let line = err.position().map_or(0, csv::Position::line);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields, found {len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("not valid UTF-8 (field {})", err.field() + 1),
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => err.to_string(),
    };
    GoldError::Csv {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Parse one gold file's bytes and append its rows to `gold`. `kind` is the
/// kind told by the file name; when `None` the header decides.
fn parse_into(
    gold: &mut Gold,
    path: &Path,
    data: &[u8],
    kind: Option<FileKind>,
) -> Result<(), GoldError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(data);
    let found: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(str::to_owned)
        .collect();
    let found: Vec<String> = found.into_iter().map(|f| f.trim().to_owned()).collect();
    let kind = match kind.or_else(|| FileKind::from_header(&found)) {
        Some(kind) => kind,
        None => {
            return Err(GoldError::Header {
                path: path.to_path_buf(),
                message: format!(
                    "cannot tell the kind of gold file: name it `*-sentences.csv`, `*-figures.csv` or `*-clusters.csv`, or give the columns of one kind (`{}`)",
                    FileKind::ALL
                        .iter()
                        .map(|k| k.header().join(","))
                        .collect::<Vec<_>>()
                        .join("` or `")
                ),
                found: found.join(","),
            })
        }
    };
    let missing = kind.missing(&found);
    if !missing.is_empty() {
        return Err(GoldError::Header {
            path: path.to_path_buf(),
            message: format!(
                "a {} file needs the column{} `{}`",
                kind.suffix().trim_end_matches(".csv"),
                if missing.len() == 1 { "" } else { "s" },
                missing.join("`, `")
            ),
            found: found.join(","),
        });
    }
    let columns: Vec<Option<usize>> = kind
        .header()
        .iter()
        .map(|c| found.iter().position(|f| f == c))
        .collect();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let row = Row {
            path,
            line: record.position().map_or(0, csv::Position::line),
            record: &record,
            header: kind.header(),
            columns: &columns,
        };
        match kind {
            FileKind::Sentences => gold.sentences.push(GoldSentence {
                doc: row.required("doc")?,
                text: row.required("text")?,
                kind: row.one_of("kind", &KINDS)?,
                certainty: row.optional_one_of("certainty", &CERTAINTIES)?,
                polarity: row.optional_one_of("polarity", &POLARITIES)?,
                cues: row
                    .get("cues")
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                source: row.optional("source"),
                line: row.line,
            }),
            FileKind::Figures => gold.figures.push(GoldFigure {
                doc: row.required("doc")?,
                topic: row.required("topic")?,
                value: row.number("value")?,
                unit: row.required("unit")?,
                source: row.optional("source"),
                certainty: row.optional_one_of("certainty", &CERTAINTIES)?,
                text: row.required("text")?,
                notes: row.get("notes").trim().to_owned(),
                line: row.line,
            }),
            FileKind::Clusters => gold.clusters.push(GoldCluster {
                cluster: row.required("cluster")?,
                doc: row.required("doc")?,
                text: row.required("text")?,
                stance: row.one_of("stance", &STANCES)?,
                line: row.line,
            }),
        }
    }
    Ok(())
}

/// One record being checked, with what error messages need.
struct Row<'a> {
    path: &'a Path,
    line: u64,
    record: &'a csv::StringRecord,
    header: &'static [&'static str],
    /// Where each column of `header` is in the record, if the file has it.
    columns: &'a [Option<usize>],
}

impl Row<'_> {
    /// The field of `column`, empty when the file has no such column.
    fn get(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.columns[i])
            .and_then(|index| self.record.get(index))
            .unwrap_or("")
    }

    fn error(&self, column: &str, message: impl fmt::Display) -> GoldError {
        GoldError::Value {
            path: self.path.to_path_buf(),
            line: self.line,
            column: column.to_owned(),
            message: message.to_string(),
        }
    }

    fn required(&self, column: &str) -> Result<String, GoldError> {
        let value = self.get(column).trim();
        if value.is_empty() {
            Err(self.error(column, "expected a value, found an empty field"))
        } else {
            Ok(value.to_owned())
        }
    }

    fn optional(&self, column: &str) -> Option<String> {
        let value = self.get(column).trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    fn one_of(&self, column: &str, allowed: &[&str]) -> Result<String, GoldError> {
        let value = self.get(column).trim();
        if allowed.contains(&value) {
            Ok(value.to_owned())
        } else {
            Err(self.error(
                column,
                format!("expected one of {}, found `{value}`", allowed.join(", ")),
            ))
        }
    }

    fn optional_one_of(&self, column: &str, allowed: &[&str]) -> Result<Option<String>, GoldError> {
        let value = self.get(column).trim();
        if value.is_empty() {
            Ok(None)
        } else if allowed.contains(&value) {
            Ok(Some(value.to_owned()))
        } else {
            Err(self.error(
                column,
                format!(
                    "expected one of {} or an empty field, found `{value}`",
                    allowed.join(", ")
                ),
            ))
        }
    }

    fn number(&self, column: &str) -> Result<f64, GoldError> {
        let value = self.get(column).trim();
        match value.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(self.error(
                column,
                format!("expected a number such as 1500 or 1.5, found `{value}`"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCES: &str = include_str!("../tests/data/gold/seeds-sentences.csv");
    const FIGURES: &str = include_str!("../tests/data/gold/seeds-figures.csv");
    const CLUSTERS: &str = include_str!("../tests/data/gold/seeds-clusters.csv");

    fn gold_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold")
    }

    fn parse(name: &str, data: &str, kind: Option<FileKind>) -> Result<Gold, GoldError> {
        let mut gold = Gold::default();
        parse_into(&mut gold, Path::new(name), data.as_bytes(), kind)?;
        Ok(gold)
    }

    /// A fresh empty directory under the system temporary directory.
    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("credence-gold-test-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_the_seed_directory() {
        let gold = read_gold(&gold_dir()).unwrap();
        assert_eq!(gold.sentences.len(), 110);
        assert_eq!(gold.figures.len(), 11);
        assert_eq!(gold.clusters.len(), 60);
    }

    #[test]
    fn seed_counts_match_the_readme() {
        let gold = read_gold(&gold_dir()).unwrap();
        let count = |k: &str| gold.sentences.iter().filter(|s| s.kind == k).count();
        assert_eq!(count("claim"), 85);
        assert_eq!(count("boilerplate"), 15);
        assert_eq!(count("heading"), 6);
        assert_eq!(count("disclaimer"), 3);
        assert_eq!(count("question"), 1);
        let level = |c: &str| {
            gold.sentences
                .iter()
                .filter(|s| s.certainty.as_deref() == Some(c))
                .count()
        };
        assert_eq!(
            [
                level("certain"),
                level("probable"),
                level("possible"),
                level("unconfirmed")
            ],
            [45, 7, 23, 11]
        );
        assert_eq!(
            gold.sentences.iter().filter(|s| s.source.is_some()).count(),
            34
        );
        assert_eq!(
            gold.sentences.iter().filter(|s| !s.cues.is_empty()).count(),
            44
        );
        let values: Vec<f64> = gold.figures.iter().map(|f| f.value).collect();
        assert!(values.contains(&1_320_000.0));
        assert!(values.contains(&6.0));
        let first = &gold.sentences[0];
        assert_eq!(first.doc, "000_e3c918ad9ca86fc4");
        assert_eq!(first.line, 2);
        assert_eq!(first.polarity.as_deref(), Some("affirmed"));
        let hong = &gold.sentences[2];
        assert_eq!(hong.cues, vec!["selon".to_owned()]);
        assert_eq!(hong.source.as_deref(), Some("Hong Min"));
        assert_eq!(hong.line, 4);
    }

    #[test]
    fn single_files_by_suffix_and_by_header() {
        let by_suffix = read_gold(&gold_dir().join("seeds-figures.csv")).unwrap();
        assert_eq!(by_suffix.figures.len(), 11);
        assert!(by_suffix.sentences.is_empty() && by_suffix.clusters.is_empty());

        let dir = temp_dir("header");
        let file = dir.join("my-labels.csv");
        std::fs::write(&file, CLUSTERS).unwrap();
        let by_header = read_gold(&file).unwrap();
        assert_eq!(by_header.clusters.len(), 60);
        assert_eq!(by_header.clusters[0].stance, "conflict");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn in_memory_parse_matches_counts() {
        assert_eq!(
            parse("s.csv", SENTENCES, None).unwrap().sentences.len(),
            110
        );
        assert_eq!(parse("f.csv", FIGURES, None).unwrap().figures.len(), 11);
    }

    #[test]
    fn directory_without_gold_is_empty() {
        let dir = temp_dir("empty");
        std::fs::write(dir.join("README.md"), "nothing here").unwrap();
        let err = read_gold(&dir).unwrap_err();
        assert!(matches!(err, GoldError::Empty { .. }), "{err:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_path_is_not_found() {
        let err = read_gold(&gold_dir().join("no-such-sentences.csv")).unwrap_err();
        assert!(matches!(err, GoldError::NotFound { .. }), "{err:?}");
        assert!(err.to_string().contains("no-such-sentences.csv"));
    }

    #[test]
    fn missing_column_is_named() {
        let data = "doc,text,kind,certainty,polarity,cue,source\n";
        let gold = parse("x-sentences.csv", data, Some(FileKind::Sentences)).unwrap();
        assert!(gold.sentences.is_empty());
        let data = "doc,text,certainty,polarity,cues,source\n";
        let err = parse("x-sentences.csv", data, Some(FileKind::Sentences)).unwrap_err();
        match &err {
            GoldError::Header { message, found, .. } => {
                assert_eq!(message, "a sentences file needs the column `kind`");
                assert_eq!(found, "doc,text,certainty,polarity,cues,source");
            }
            other => panic!("unexpected {other:?}"),
        }
        let message = err.to_string();
        assert!(message.contains("x-sentences.csv, line 1"), "{message}");
        assert!(message.contains("any order"), "{message}");

        let unknown = parse("labels.csv", "a,b\n1,2\n", None).unwrap_err();
        assert!(matches!(unknown, GoldError::Header { .. }), "{unknown:?}");
        assert!(unknown.to_string().contains("cluster,doc,text,stance"));
    }

    #[test]
    fn columns_in_any_order_and_extra_columns() {
        let data = "source,id_extra,kind,text,doc,certainty\n\
                    Le maire,7,claim,Une phrase.,d,probable\n\
                    ,8,heading,Un titre,d,\n";
        let gold = parse("x-sentences.csv", data, None).unwrap();
        assert_eq!(gold.sentences.len(), 2);
        let first = &gold.sentences[0];
        assert_eq!(
            (first.doc.as_str(), first.text.as_str(), first.kind.as_str()),
            ("d", "Une phrase.", "claim")
        );
        assert_eq!(first.certainty.as_deref(), Some("probable"));
        assert_eq!(first.source.as_deref(), Some("Le maire"));
        assert_eq!(first.polarity, None);
        assert!(first.cues.is_empty());
        assert_eq!(gold.sentences[1].line, 3);

        let clusters = "stance,text,notes,doc,cluster\nagree,T.,x,d,k\nhedge,U.,y,e,k\n";
        let gold = parse("c.csv", clusters, None).unwrap();
        assert_eq!(gold.clusters[1].stance, "hedge");
        assert_eq!(gold.clusters[1].doc, "e");

        let bad = "kind,doc,text\nclaim,d,A.\nclam,d,B.\n";
        let err = parse("y-sentences.csv", bad, None).unwrap_err();
        assert!(
            err.to_string()
                .contains("y-sentences.csv, line 3, column `kind`"),
            "{err}"
        );
    }

    #[test]
    fn bad_kind_names_line_and_column() {
        let data = "doc,text,kind,certainty,polarity,cues,source\n\
                    d,Une phrase.,claim,certain,affirmed,,\n\
                    d,Une autre.,claimz,certain,affirmed,,\n";
        let err = parse("x-sentences.csv", data, None).unwrap_err();
        match &err {
            GoldError::Value {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!(*line, 3);
                assert_eq!(column, "kind");
                assert!(message.contains("claim, heading, question"), "{message}");
                assert!(message.contains("`claimz`"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("line 3, column `kind`"), "{err}");
    }

    #[test]
    fn bad_certainty_polarity_stance_and_value() {
        let head = SENTENCES_HEADER.join(",");
        let err = parse(
            "s.csv",
            &format!("{head}\nd,T.,claim,sure,affirmed,,\n"),
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, GoldError::Value { line: 2, column, .. } if column == "certainty"),
            "{err:?}"
        );
        let err = parse(
            "s.csv",
            &format!("{head}\nd,T.,claim,certain,yes,,\n"),
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, GoldError::Value { column, .. } if column == "polarity"),
            "{err:?}"
        );
        let err = parse(
            "c.csv",
            "cluster,doc,text,stance\nk,d,T.,agree\nk,e,U.,disagree\n",
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, GoldError::Value { line: 3, column, .. } if column == "stance"),
            "{err:?}"
        );
        let fig = FIGURES_HEADER.join(",");
        let err = parse(
            "f.csv",
            &format!("{fig}\nd,t,1 500,soldat,,certain,T.,\n"),
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, GoldError::Value { line: 2, column, .. } if column == "value"),
            "{err:?}"
        );
        assert!(err.to_string().contains("expected a number"), "{err}");
    }

    #[test]
    fn numbers_in_several_forms() {
        let fig = FIGURES_HEADER.join(",");
        let data = format!(
            "{fig}\nd,t,1500,soldats,,,T.,\nd,t,1320000,soldat,,certain,T.,\nd,t,1.5,million,X,,T.,vague\n"
        );
        let gold = parse("f.csv", &data, None).unwrap();
        let values: Vec<f64> = gold.figures.iter().map(|f| f.value).collect();
        assert_eq!(values, vec![1500.0, 1_320_000.0, 1.5]);
        assert_eq!(gold.figures[0].certainty, None);
        assert_eq!(gold.figures[2].source.as_deref(), Some("X"));
        assert_eq!(gold.figures[2].line, 4);
    }

    #[test]
    fn ragged_row_is_a_csv_error_with_line() {
        let data = "cluster,doc,text,stance\nk,d,T.,agree\nk,d,agree\n";
        let err = parse("c.csv", data, None).unwrap_err();
        match &err {
            GoldError::Csv { line, message, .. } => {
                assert_eq!(*line, 3);
                assert!(message.contains("expected 4 fields, found 3"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn empty_required_field_is_an_error() {
        let data = "cluster,doc,text,stance\nk,,T.,agree\n";
        let err = parse("c.csv", data, None).unwrap_err();
        assert!(
            matches!(&err, GoldError::Value { line: 2, column, .. } if column == "doc"),
            "{err:?}"
        );
    }

    #[test]
    fn multi_line_quoted_field_keeps_start_line() {
        let data = "cluster,doc,text,stance\nk,d,\"Deux\nlignes.\",agree\nk,e,Autre.,hedge\n";
        let gold = parse("c.csv", data, None).unwrap();
        assert_eq!(gold.clusters[0].text, "Deux\nlignes.");
        assert_eq!(gold.clusters[0].line, 2);
        assert_eq!(gold.clusters[1].line, 4);
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let data = format!("\u{feff}{}", CLUSTERS);
        assert_eq!(parse("c.csv", &data, None).unwrap().clusters.len(), 60);
    }
}
