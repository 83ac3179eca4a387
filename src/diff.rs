//! What a change to a rules file changes in the analysis (`credence rules
//! diff OLD NEW`): the same documents are analysed with both files, units are
//! paired by their span (the sentence splitter's knowledge may change too),
//! and every unit whose kind, label, certainty (beyond a tolerance),
//! polarity, source or figures differ is listed with both values.

use crate::claims::{Analyzer, DocAnalysis};
use crate::load::{Document, Lang};
use crate::report::{claim_row, ClaimRow};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What changed in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The unit exists with one rules file only (the sentence splitter changed).
    Unit,
    /// claim, heading, question, boilerplate, disclaimer.
    Kind,
    /// certain, probable, possible, unconfirmed.
    Label,
    /// The certainty, by more than the tolerance.
    Certainty,
    /// affirmed or denied.
    Polarity,
    /// The credited source or its kind.
    Source,
    /// The figures.
    Figures,
}

impl Field {
    /// Every field, in report order.
    pub const ALL: [Field; 7] = [
        Field::Unit,
        Field::Kind,
        Field::Label,
        Field::Certainty,
        Field::Polarity,
        Field::Source,
        Field::Figures,
    ];

    /// Name as printed.
    pub fn name(self) -> &'static str {
        match self {
            Field::Unit => "unit",
            Field::Kind => "kind",
            Field::Label => "label",
            Field::Certainty => "certainty",
            Field::Polarity => "polarity",
            Field::Source => "source",
            Field::Figures => "figures",
        }
    }
}

/// One unit whose analysis changed.
#[derive(Debug, Clone)]
pub struct UnitChange {
    /// Document id.
    pub doc: String,
    /// The unit as analysed with OLD (None when NEW splits differently).
    pub old: Option<ClaimRow>,
    /// The unit as analysed with NEW (None when OLD splits differently).
    pub new: Option<ClaimRow>,
    /// What changed, in [`Field::ALL`] order.
    pub fields: Vec<Field>,
}

impl UnitChange {
    /// The unit's row: OLD's when it exists (both share span and text).
    fn row(&self) -> &ClaimRow {
        match (&self.old, &self.new) {
            (Some(r), _) | (None, Some(r)) => r,
            (None, None) => unreachable!("a change has at least one side"),
        }
    }

    /// The unit's text.
    pub fn text(&self) -> &str {
        &self.row().text
    }
}

/// The outcome of comparing two rules files on a set of documents.
#[derive(Debug, Clone)]
pub struct DiffReport {
    /// Language of both rules files.
    pub lang: Lang,
    /// Documents of that language, analysed with both files.
    pub documents: usize,
    /// Documents of another language, left out (the files cannot change them).
    pub skipped: usize,
    /// Units present with both files (same span).
    pub compared: usize,
    /// Units whose analysis changed, in document and text order.
    pub changes: Vec<UnitChange>,
}

impl DiffReport {
    /// Changed units by field.
    pub fn counts(&self) -> BTreeMap<Field, usize> {
        let mut counts: BTreeMap<Field, usize> = Field::ALL.iter().map(|f| (*f, 0)).collect();
        for c in &self.changes {
            for f in &c.fields {
                *counts.entry(*f).or_insert(0) += 1;
            }
        }
        counts
    }

    /// One line: documents, units compared, units changed and by what.
    pub fn summary(&self) -> String {
        let counts = self.counts();
        let by: Vec<String> = Field::ALL
            .iter()
            .map(|f| format!("{} {}", f.name(), counts[f]))
            .collect();
        let n = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let mut s = format!(
            "{}: {}, {} compared, {} changed ({})",
            self.lang.code(),
            n(self.documents, "document"),
            n(self.compared, "unit"),
            n(self.changes.len(), "unit"),
            by.join(", ")
        );
        if self.skipped > 0 {
            let _ = write!(
                s,
                "; {} in another language left out",
                n(self.skipped, "document")
            );
        }
        s
    }
}

/// Analyse the documents of `old`'s language with both analysers and list
/// the units whose analysis changed; certainty changes of at most
/// `tolerance` are ignored.
pub fn diff(old: &Analyzer, new: &Analyzer, docs: &[Document], tolerance: f64) -> DiffReport {
    let lang = old.rules.lang;
    let ours: Vec<&Document> = docs.iter().filter(|d| d.lang == lang).collect();
    let per_doc: Vec<(usize, Vec<UnitChange>)> = ours
        .par_iter()
        .map(|d| compare_doc(old, new, d, &old.analyze(d), &new.analyze(d), tolerance))
        .collect();
    let compared = per_doc.iter().map(|(n, _)| n).sum();
    DiffReport {
        lang,
        documents: ours.len(),
        skipped: docs.len() - ours.len(),
        compared,
        changes: per_doc.into_iter().flat_map(|(_, c)| c).collect(),
    }
}

/// Units compared and changed in one document; units are paired by span.
fn compare_doc(
    old: &Analyzer,
    new: &Analyzer,
    doc: &Document,
    a: &DocAnalysis,
    b: &DocAnalysis,
    tolerance: f64,
) -> (usize, Vec<UnitChange>) {
    let mut out = Vec::new();
    let mut compared = 0;
    let (mut i, mut j) = (0, 0);
    let (ua, ub) = (&a.units, &b.units);
    while i < ua.len() || j < ub.len() {
        let ka = ua.get(i).map(|u| (u.start, u.end));
        let kb = ub.get(j).map(|u| (u.start, u.end));
        let (x, y) = match (ka, kb) {
            (Some(p), Some(q)) if p == q => (Some(i), Some(j)),
            (Some(p), Some(q)) if p < q => (Some(i), None),
            (Some(_), None) => (Some(i), None),
            _ => (None, Some(j)),
        };
        let row_a = x.map(|k| claim_row(old, a, &doc.text, &ua[k]));
        let row_b = y.map(|k| claim_row(new, b, &doc.text, &ub[k]));
        let fields = match (x, y) {
            (Some(x), Some(y)) => {
                compared += 1;
                changed_fields(&ua[x], &ub[y], row_a.as_ref(), row_b.as_ref(), tolerance)
            }
            _ => vec![Field::Unit],
        };
        if !fields.is_empty() {
            out.push(UnitChange {
                doc: doc.id.clone(),
                old: row_a,
                new: row_b,
                fields,
            });
        }
        i += usize::from(x.is_some());
        j += usize::from(y.is_some());
    }
    (compared, out)
}

fn changed_fields(
    a: &crate::claims::UnitAnalysis,
    b: &crate::claims::UnitAnalysis,
    ra: Option<&ClaimRow>,
    rb: Option<&ClaimRow>,
    tolerance: f64,
) -> Vec<Field> {
    let (Some(ra), Some(rb)) = (ra, rb) else {
        return vec![Field::Unit];
    };
    let certainty = match (a.kind.has_certainty(), b.kind.has_certainty()) {
        (true, true) => (a.certainty - b.certainty).abs() > tolerance,
        (x, y) => x != y,
    };
    let checks = [
        (Field::Kind, ra.kind != rb.kind),
        (Field::Label, ra.label != rb.label),
        (Field::Certainty, certainty),
        (Field::Polarity, ra.polarity != rb.polarity),
        (
            Field::Source,
            (&ra.source, &ra.source_kind) != (&rb.source, &rb.source_kind),
        ),
        (Field::Figures, ra.figures != rb.figures),
    ];
    checks
        .into_iter()
        .filter_map(|(f, changed)| changed.then_some(f))
        .collect()
}

/// The value of a field in a row, as printed ("" when absent).
fn value(row: Option<&ClaimRow>, field: Field) -> String {
    let Some(r) = row else {
        return String::new();
    };
    match field {
        Field::Unit => r.unit.to_string(),
        Field::Kind => r.kind.clone(),
        Field::Label => r.label.clone(),
        Field::Certainty => r.certainty.clone(),
        Field::Polarity => r.polarity.clone(),
        Field::Source if r.source.is_empty() => String::new(),
        Field::Source => format!("{} ({})", r.source, r.source_kind),
        Field::Figures => r.figures.clone(),
    }
}

/// Header of the CSV output.
pub const DIFF_COLUMNS: [&str; 21] = [
    "doc",
    "old_unit",
    "new_unit",
    "start",
    "end",
    "changed",
    "old_kind",
    "new_kind",
    "old_label",
    "new_label",
    "old_certainty",
    "new_certainty",
    "old_polarity",
    "new_polarity",
    "old_source",
    "new_source",
    "old_figures",
    "new_figures",
    "old_cues",
    "new_cues",
    "text",
];

/// CSV records of the changes, in [`DIFF_COLUMNS`] order.
pub fn csv_records(report: &DiffReport) -> Vec<Vec<String>> {
    report
        .changes
        .iter()
        .map(|c| {
            let (o, n) = (c.old.as_ref(), c.new.as_ref());
            let row = c.row();
            let mut rec = vec![
                c.doc.clone(),
                value(o, Field::Unit),
                value(n, Field::Unit),
                row.start.to_string(),
                row.end.to_string(),
                c.fields
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(";"),
            ];
            for f in [Field::Kind, Field::Label, Field::Certainty, Field::Polarity] {
                rec.push(value(o, f));
                rec.push(value(n, f));
            }
            for side in [o, n] {
                rec.push(side.map(|r| r.source.clone()).unwrap_or_default());
            }
            for side in [o, n] {
                rec.push(value(side, Field::Figures));
            }
            for side in [o, n] {
                rec.push(side.map(|r| r.cues.clone()).unwrap_or_default());
            }
            rec.push(row.text.clone());
            rec
        })
        .collect()
}

/// Cut a text to `max` characters, marking the cut with `…`.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The changes as a table for people (text cut to `text_width` characters),
/// then the summary line.
pub fn render_table(report: &DiffReport, text_width: usize) -> String {
    use tabled::settings::{object::Columns, Modify, Style, Width};
    let mut b = tabled::builder::Builder::default();
    b.push_record(["doc", "unit", "change (old → new)", "text"]);
    let shown = |v: String| if v.is_empty() { "—".to_string() } else { v };
    for c in &report.changes {
        let (o, n) = (c.old.as_ref(), c.new.as_ref());
        let unit = match (o, n) {
            (Some(o), Some(n)) if o.unit == n.unit => o.unit.to_string(),
            (Some(o), Some(n)) => format!("{} → {}", o.unit, n.unit),
            (Some(o), None) => format!("{} (old only)", o.unit),
            (None, Some(n)) => format!("{} (new only)", n.unit),
            (None, None) => String::new(),
        };
        let lines: Vec<String> = c
            .fields
            .iter()
            .filter(|f| **f != Field::Unit)
            .map(|f| {
                let mut line = format!(
                    "{}: {} → {}",
                    f.name(),
                    shown(value(o, *f)),
                    shown(value(n, *f))
                );
                if *f == Field::Label && !c.fields.contains(&Field::Certainty) {
                    let _ = write!(
                        line,
                        " ({} → {})",
                        shown(value(o, Field::Certainty)),
                        shown(value(n, Field::Certainty))
                    );
                }
                line
            })
            .collect();
        let what = if lines.is_empty() {
            "split differently".to_string()
        } else {
            lines.join("\n")
        };
        b.push_record([c.doc.clone(), unit, what, truncate(c.text(), text_width)]);
    }
    let mut table = b.build();
    table.with(Style::sharp()).with(
        Modify::new(Columns::one(3)).with(Width::wrap(text_width.clamp(20, 60)).keep_words(true)),
    );
    let mut out = String::new();
    if !report.changes.is_empty() {
        let _ = writeln!(out, "{table}");
    }
    let _ = writeln!(out, "{}", report.summary());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn analyzer(text: &str) -> Analyzer {
        Analyzer::new(RuleSet::parse(text, "t.toml").unwrap()).unwrap()
    }

    #[test]
    fn a_removed_cue_changes_the_units_it_fired_in() {
        let old = analyzer(crate::rules::BUNDLED_FR);
        let edited = crate::rules::BUNDLED_FR.replacen(
            "\"probablement\", \"vraisemblablement\",",
            "\"vraisemblablement\",",
            1,
        );
        assert_ne!(edited, crate::rules::BUNDLED_FR);
        let new = analyzer(&edited);
        let docs = crate::load::sample_corpus().docs;
        let same = diff(&old, &old, &docs, 0.05);
        assert!(same.changes.is_empty());
        assert_eq!((same.documents, same.compared), (5, 110));
        let report = diff(&old, &new, &docs, 0.05);
        assert_eq!(report.compared, 110);
        // The units where only that cue made the rule fire.
        let rule = old.rules.index_of("fr.hedge.probablement").unwrap();
        let expected: Vec<(String, usize)> = docs
            .iter()
            .flat_map(|d| {
                old.analyze(d)
                    .units
                    .into_iter()
                    .filter(|u| {
                        let forms: Vec<String> = u
                            .hits
                            .iter()
                            .filter(|h| h.rule == rule)
                            .map(|h| d.text[h.start..h.end].to_lowercase())
                            .collect();
                        !forms.is_empty() && forms.iter().all(|f| f == "probablement")
                    })
                    .map(|u| (d.id.clone(), u.index))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!expected.is_empty());
        let got: Vec<(String, usize)> = report
            .changes
            .iter()
            .map(|c| (c.doc.clone(), c.old.as_ref().unwrap().unit))
            .collect();
        assert_eq!(got, expected);
        for c in &report.changes {
            let (o, n) = (c.old.as_ref().unwrap(), c.new.as_ref().unwrap());
            assert!(o.cues.contains("fr.hedge.probablement"), "{o:?}");
            assert!(!n.cues.contains("fr.hedge.probablement"), "{n:?}");
            // -1.25 less: the label rises, or the certainty by more than the tolerance.
            assert!(
                c.fields.contains(&Field::Certainty) || c.fields == [Field::Label],
                "{:?}",
                c.fields
            );
            assert!(n.certainty > o.certainty);
        }
    }

    #[test]
    fn certainty_changes_within_the_tolerance_are_ignored() {
        let old = analyzer(crate::rules::BUNDLED_FR);
        let new = analyzer(&crate::rules::BUNDLED_FR.replacen("base = 4.0", "base = 4.1", 1));
        let docs = crate::load::sample_corpus().docs;
        assert!(diff(&old, &new, &docs, 0.05).changes.is_empty());
        let strict = diff(&old, &new, &docs, 0.0);
        assert!(!strict.changes.is_empty());
        assert!(strict
            .changes
            .iter()
            .all(|c| c.fields == [Field::Certainty]));
    }

    #[test]
    fn units_split_differently_are_listed_on_their_side() {
        let old = analyzer(crate::rules::BUNDLED_FR);
        let edited = crate::rules::BUNDLED_FR.replacen("\"Dr\", \"Drs\", ", "", 1);
        assert_ne!(edited, crate::rules::BUNDLED_FR);
        let new = analyzer(&edited);
        let doc = Document {
            id: "d".into(),
            origin: "d".into(),
            text: "Le Dr. Martin pourrait partir. Il pleut.\n\nThe end.".into(),
            meta: Default::default(),
            lang: Lang::Fr,
        };
        let english = Document {
            lang: Lang::En,
            id: "e".into(),
            ..doc.clone()
        };
        let report = diff(&old, &new, &[doc, english], 0.05);
        assert_eq!((report.documents, report.skipped), (1, 1));
        // "Il pleut." and "The end." keep their spans; the first sentence is
        // cut in two. Units come in span order (start, then end).
        assert_eq!(report.compared, 2);
        let sides: Vec<(Option<&str>, Option<&str>)> = report
            .changes
            .iter()
            .map(|c| {
                assert_eq!(c.fields, [Field::Unit]);
                (
                    c.old.as_ref().map(|r| r.text.as_str()),
                    c.new.as_ref().map(|r| r.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            sides,
            [
                (None, Some("Le Dr.")),
                (Some("Le Dr. Martin pourrait partir."), None),
                (None, Some("Martin pourrait partir.")),
            ]
        );
        assert_eq!(report.counts()[&Field::Unit], 3);
    }
}
