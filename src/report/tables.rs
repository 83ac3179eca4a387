//! The cross-source report tables (`claims.csv` with clusters,
//! `clusters.csv`, `agreement.csv`, `figures.csv`, `sources.csv`,
//! `pairs.csv`, `summary.csv`) as header + rows of cells, so that CSV, JSON
//! and terminal output render the same values.

use super::{claim_row, CLAIM_COLUMNS};
use crate::align::figures::format_value_opt;
use crate::align::Alignment;
use crate::claims::{Analyzers, DocAnalysis, Kind};
use crate::compare::{source_name, Comparison};
use crate::load::Document;

/// A table: its file stem, column names, rows of cells (produced lazily,
/// so that a large report is written without holding all its rows).
pub struct Table<'a> {
    /// File stem (`claims` → `claims.csv`).
    pub name: &'static str,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Rows<'a>,
    /// Columns whose cells are numbers (JSON renders them as numbers).
    pub numeric: Vec<String>,
}

/// The rows of a table.
pub enum Rows<'a> {
    /// Rows made one at a time, in order.
    Iter(Box<dyn Iterator<Item = Vec<String>> + Send + 'a>),
    /// `count` groups of rows (a document's units, a cluster's members),
    /// each made on its own by `make`, which appends group `g`'s rows to the
    /// vector it is given: a large table can then be formatted in parallel.
    Groups {
        /// Number of groups.
        count: usize,
        /// Rows of a group.
        make: GroupRows<'a>,
    },
}

/// Makes the rows of one group of a [`Rows::Groups`].
pub type GroupRows<'a> = Box<dyn Fn(usize, &mut Vec<Vec<String>>) + Send + Sync + 'a>;

impl<'a> Rows<'a> {
    /// Rows already made.
    pub fn ready(rows: Vec<Vec<String>>) -> Rows<'a> {
        Rows::Iter(Box::new(rows.into_iter()))
    }

    /// Every row, in order.
    pub fn into_rows(self) -> Box<dyn Iterator<Item = Vec<String>> + Send + 'a> {
        match self {
            Rows::Iter(it) => it,
            Rows::Groups { count, make } => Box::new((0..count).flat_map(move |g| {
                let mut rows = Vec::new();
                make(g, &mut rows);
                rows
            })),
        }
    }
}

fn f3(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        String::new()
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Everything a report holds.
pub struct ReportData<'a> {
    /// The analysers (for rule ids).
    pub analyzers: &'a Analyzers,
    /// Documents in input order.
    pub docs: &'a [Document],
    /// Their analyses.
    pub analyses: &'a [DocAnalysis],
    /// Clusters and topics.
    pub alignment: &'a Alignment,
    /// Cross-source comparison.
    pub comparison: &'a Comparison,
}

impl<'a> ReportData<'a> {
    /// `claims.csv`: the analysis columns plus the unit's cluster.
    pub fn claims(&self) -> Table<'a> {
        let mut header = strings(&CLAIM_COLUMNS);
        header.push("cluster".into());
        let (analyzers, alignment) = (self.analyzers, self.alignment);
        let (docs, analyses) = (self.docs, self.analyses);
        let make = move |d: usize, out: &mut Vec<Vec<String>>| {
            let (doc, an) = (&docs[d], &analyses[d]);
            let analyzer = analyzers.get(doc.lang);
            out.extend(an.units.iter().enumerate().map(|(u, unit)| {
                let mut cells = claim_row(analyzer, an, &doc.text, unit).into_cells();
                cells.push(
                    alignment.cluster_of[d][u]
                        .map(|c| alignment.clusters[c].id.clone())
                        .unwrap_or_default(),
                );
                cells
            }));
        };
        Table {
            name: "claims",
            header,
            rows: Rows::Groups {
                count: docs.len().min(analyses.len()),
                make: Box::new(make),
            },
            numeric: strings(&["unit", "start", "end", "certainty"]),
        }
    }

    /// `clusters.csv`: one row per member of each cluster.
    pub fn clusters(&self) -> Table<'a> {
        let header = strings(&[
            "cluster",
            "cohesion",
            "weak",
            "languages",
            "doc",
            "source",
            "unit",
            "stance",
            "link",
            "certainty",
            "label",
            "credited",
            "text",
        ]);
        let (docs, analyses) = (self.docs, self.analyses);
        let clusters = &self.alignment.clusters;
        let make = move |k: usize, out: &mut Vec<Vec<String>>| {
            let c = &clusters[k];
            out.extend(c.members.iter().map(|m| {
                let doc = &docs[m.doc];
                let unit = &analyses[m.doc].units[m.unit];
                vec![
                    c.id.clone(),
                    f3(c.cohesion),
                    if c.weak { "yes" } else { "no" }.into(),
                    c.langs
                        .iter()
                        .map(|l| l.code())
                        .collect::<Vec<_>>()
                        .join("+"),
                    doc.id.clone(),
                    source_name(doc),
                    m.unit.to_string(),
                    m.stance.name().into(),
                    f3(m.link),
                    f3(unit.certainty),
                    unit.label.name().into(),
                    unit.source
                        .as_ref()
                        .map(|s| s.text.clone())
                        .unwrap_or_default(),
                    doc.text[unit.start..unit.end].to_string(),
                ]
            }));
        };
        Table {
            name: "clusters",
            header,
            rows: Rows::Groups {
                count: clusters.len(),
                make: Box::new(make),
            },
            numeric: strings(&["cohesion", "unit", "link", "certainty"]),
        }
    }

    /// `agreement.csv`: one row per cluster, one certainty column per source.
    pub fn agreement(&self) -> Table<'a> {
        let cmp = self.comparison;
        let mut header = vec!["cluster".to_string()];
        header.extend(cmp.sources.iter().cloned());
        header.extend(strings(&[
            "coverage",
            "mean_certainty",
            "spread",
            "conflicts",
            "agreement",
            "text",
        ]));
        let rows: Vec<Vec<String>> = cmp
            .clusters
            .iter()
            .map(|c| {
                let mut row = vec![c.id.clone()];
                row.extend(
                    c.cells
                        .iter()
                        .map(|x| x.as_ref().map(|x| f3(x.certainty)).unwrap_or_default()),
                );
                row.extend([
                    c.coverage.to_string(),
                    f3(c.mean_certainty),
                    f3(c.spread),
                    c.conflicts.to_string(),
                    f3(c.agreement),
                    c.text.clone(),
                ]);
                row
            })
            .collect();
        let mut numeric = cmp.sources.clone();
        numeric.extend(strings(&[
            "coverage",
            "mean_certainty",
            "spread",
            "conflicts",
            "agreement",
        ]));
        Table {
            name: "agreement",
            header,
            rows: Rows::ready(rows),
            numeric,
        }
    }

    /// `figures.csv`: every figure with its topic and the topic's statistics.
    pub fn figures(&self) -> Table<'a> {
        let header = strings(&[
            "topic",
            "doc",
            "source",
            "unit",
            "value",
            "counted",
            "vague",
            "credited",
            "certainty",
            "label",
            "time_frame",
            "topic_min",
            "topic_median",
            "topic_max",
            "topic_ratio",
            "topic_sources",
            "disputed",
            "text",
        ]);
        let (docs, analyses) = (self.docs, self.analyses);
        let topics = &self.alignment.topics;
        let make = move |k: usize, out: &mut Vec<Vec<String>>| {
            let t = &topics[k];
            for r in &t.rows {
                let doc = &docs[r.doc];
                let unit = &analyses[r.doc].units[r.unit];
                let certain = unit.kind.has_certainty();
                out.push(vec![
                    t.key.clone(),
                    doc.id.clone(),
                    source_name(doc),
                    r.unit.to_string(),
                    crate::claims::figures::format_value(r.value),
                    r.noun.clone(),
                    if r.vague { "yes" } else { "no" }.into(),
                    unit.source
                        .as_ref()
                        .map(|s| s.text.clone())
                        .unwrap_or_default(),
                    if certain {
                        f3(unit.certainty)
                    } else {
                        String::new()
                    },
                    if certain {
                        unit.label.name().into()
                    } else {
                        String::new()
                    },
                    r.time_frame.clone().unwrap_or_default(),
                    format_value_opt(t.min),
                    format_value_opt(t.median),
                    format_value_opt(t.max),
                    f3(t.ratio),
                    t.sources.to_string(),
                    if t.disputed { "yes" } else { "no" }.into(),
                    doc.text[unit.start..unit.end].to_string(),
                ]);
            }
        };
        Table {
            name: "figures",
            header,
            rows: Rows::Groups {
                count: topics.len(),
                make: Box::new(make),
            },
            numeric: strings(&[
                "unit",
                "value",
                "certainty",
                "topic_min",
                "topic_median",
                "topic_max",
                "topic_ratio",
                "topic_sources",
            ]),
        }
    }

    /// `sources.csv`: each source's indicators (rate, interval, n) and composite.
    pub fn sources(&self) -> Table<'a> {
        let mut header = strings(&["source", "documents", "units", "claims"]);
        let mut numeric = strings(&["documents", "units", "claims", "composite"]);
        for name in crate::credibility::INDICATORS {
            for suffix in ["", "_low", "_high", "_n"] {
                header.push(format!("{name}{suffix}"));
                numeric.push(format!("{name}{suffix}"));
            }
        }
        header.extend(strings(&[
            "has_opinion_disclaimer",
            "has_question_headline",
            "composite",
        ]));
        let rows: Vec<Vec<String>> = self
            .comparison
            .profiles
            .iter()
            .map(|p| {
                let mut row = vec![
                    p.source.clone(),
                    p.documents.to_string(),
                    p.units.to_string(),
                    p.claims.to_string(),
                ];
                for i in &p.indicators {
                    row.extend([
                        f3(i.rate.value),
                        f3(i.rate.low),
                        f3(i.rate.high),
                        i.rate.n.to_string(),
                    ]);
                }
                row.extend([
                    if p.opinion_disclaimer { "yes" } else { "no" }.into(),
                    if p.question_headline { "yes" } else { "no" }.into(),
                    f3(p.composite),
                ]);
                row
            })
            .collect();
        Table {
            name: "sources",
            header,
            rows: Rows::ready(rows),
            numeric,
        }
    }

    /// `pairs.csv`: every pair of sources.
    pub fn pairs(&self) -> Table<'a> {
        let header = strings(&[
            "source_a",
            "source_b",
            "shared_clusters",
            "mean_certainty_diff",
            "conflicts",
        ]);
        let rows: Vec<Vec<String>> = self
            .comparison
            .pairs
            .iter()
            .map(|p| {
                vec![
                    p.a.clone(),
                    p.b.clone(),
                    p.shared.to_string(),
                    f3(p.mean_certainty_diff),
                    p.conflicts.to_string(),
                ]
            })
            .collect();
        Table {
            name: "pairs",
            header,
            rows: Rows::ready(rows),
            numeric: strings(&["shared_clusters", "mean_certainty_diff", "conflicts"]),
        }
    }

    /// `summary.csv`: corpus-level figures, including Krippendorff's alpha.
    pub fn summary(&self) -> Table<'a> {
        let units: usize = self.analyses.iter().map(|a| a.units.len()).sum();
        let claims: usize = self
            .analyses
            .iter()
            .flat_map(|a| &a.units)
            .filter(|u| u.kind == Kind::Claim)
            .count();
        let clustered: usize = self
            .alignment
            .clusters
            .iter()
            .map(|c| c.members.len())
            .sum();
        let a = &self.comparison.alpha;
        let opt = |v: Option<f64>| v.map(f3).unwrap_or_default();
        let rows = vec![
            vec!["documents".into(), self.docs.len().to_string()],
            vec!["sources".into(), self.comparison.sources.len().to_string()],
            vec!["units".into(), units.to_string()],
            vec!["claims".into(), claims.to_string()],
            vec!["clusters".into(), self.alignment.clusters.len().to_string()],
            vec!["clustered_claims".into(), clustered.to_string()],
            vec![
                "weak_clusters".into(),
                self.alignment
                    .clusters
                    .iter()
                    .filter(|c| c.weak)
                    .count()
                    .to_string(),
            ],
            vec![
                "cross_language_clusters".into(),
                self.alignment
                    .clusters
                    .iter()
                    .filter(|c| c.cross_language())
                    .count()
                    .to_string(),
            ],
            vec![
                "figure_topics".into(),
                self.alignment.topics.len().to_string(),
            ],
            vec![
                "disputed_topics".into(),
                self.alignment
                    .topics
                    .iter()
                    .filter(|t| t.disputed)
                    .count()
                    .to_string(),
            ],
            vec!["alpha_interval".into(), opt(a.alpha)],
            vec!["alpha_low_95".into(), opt(a.low)],
            vec!["alpha_high_95".into(), opt(a.high)],
            vec!["alpha_units".into(), a.units.to_string()],
            vec!["alpha_bootstrap_reps".into(), a.reps.to_string()],
        ];
        Table {
            name: "summary",
            header: strings(&["metric", "value"]),
            rows: Rows::ready(rows),
            numeric: strings(&["value"]),
        }
    }

    /// Every table, in file order.
    pub fn all(&self) -> Vec<Table<'a>> {
        vec![
            self.claims(),
            self.clusters(),
            self.agreement(),
            self.figures(),
            self.sources(),
            self.pairs(),
            self.summary(),
        ]
    }
}

/// Write a table as CSV (formula cells neutralised): row by row, or for a
/// table of row groups in parallel chunks written in order (same bytes).
pub fn write_table_csv<W: std::io::Write>(t: Table<'_>, w: W) -> std::io::Result<()> {
    let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
    match t.rows {
        Rows::Groups { count, make } => super::write_csv_par(w, &header, count, make),
        rows => super::write_csv(w, &header, rows.into_rows()),
    }
}

/// Write tables as one JSON document, `{ "claims": [ {column: value} ] }`,
/// row by row; numeric columns as numbers.
pub fn write_tables_json<W: std::io::Write>(
    tables: Vec<Table<'_>>,
    mut w: W,
) -> std::io::Result<()> {
    w.write_all(b"{")?;
    for (k, t) in tables.into_iter().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        write!(
            w,
            "\n  {}: [",
            serde_json::Value::String(t.name.to_string())
        )?;
        let numeric: Vec<bool> = t.header.iter().map(|h| t.numeric.contains(h)).collect();
        for (r, row) in t.rows.into_rows().enumerate() {
            let mut obj = serde_json::Map::new();
            for ((h, cell), num) in t.header.iter().zip(row).zip(&numeric) {
                let v = if *num {
                    cell.parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(serde_json::Value::Number)
                        .unwrap_or(serde_json::Value::Null)
                } else {
                    serde_json::Value::String(cell)
                };
                obj.insert(h.clone(), v);
            }
            w.write_all(if r > 0 { b",\n    " } else { b"\n    " })?;
            serde_json::to_writer(&mut w, &obj).map_err(std::io::Error::other)?;
        }
        w.write_all(b"\n  ]")?;
    }
    w.write_all(b"\n}\n")?;
    w.flush()
}
