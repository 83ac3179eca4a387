//! Figure topics: figures of the same kind (what they count, from the
//! rules file's `[figures.kinds]`: "morts" and "dead" are one kind, "11
//! personnes tuées" too, "disparus" another) are one topic, split where their
//! sorted precise values jump by more than `topic_split_ratio` (a country's
//! whole army and the troops it sends are different quantities); a vague
//! amount joins the values nearest it. A topic whose sources give values
//! further apart than `conflict_ratio` is disputed.

use super::Aligner;
use crate::claims::DocAnalysis;
use crate::load::Document;
use serde::Serialize;
use std::collections::BTreeMap;

/// One figure in a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRow {
    /// Document index.
    pub doc: usize,
    /// Unit index.
    pub unit: usize,
    /// Index of the figure in its unit.
    pub figure: usize,
    /// The value (lower bound when vague).
    pub value: f64,
    /// The value in its kind's base unit, for comparing values in different units.
    pub measure: f64,
    /// The counted noun.
    pub noun: String,
    /// A vague amount.
    pub vague: bool,
    /// Time frame words of the sentence ("already", "soon").
    pub time_frame: Option<String>,
}

/// Figures about one quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// Key: the counted concept, with a number when a concept has several topics.
    pub key: String,
    /// The figures, in document order.
    pub rows: Vec<TopicRow>,
    /// Smallest precise value (all values when every one is vague).
    pub min: f64,
    /// Median.
    pub median: f64,
    /// Largest.
    pub max: f64,
    /// max / min.
    pub ratio: f64,
    /// Number of documents giving a figure.
    pub sources: usize,
    /// Documents disagree on the value.
    pub disputed: bool,
}

/// A topic statistic for reports: the number, or empty when undefined.
pub fn format_value_opt(v: f64) -> String {
    if v.is_finite() {
        crate::claims::figures::format_value(v)
    } else {
        String::new()
    }
}

/// max/min of two positive values (1 when equal; infinite when one is 0).
pub fn ratio(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if lo <= 0.0 {
        if hi <= 0.0 {
            1.0
        } else {
            f64::INFINITY
        }
    } else {
        hi / lo
    }
}

/// The most frequent value, ties broken by the median of the values.
pub fn reference_value(values: &[f64]) -> f64 {
    let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v.to_bits()).or_insert(0) += 1;
    }
    let best = counts.values().copied().max().unwrap_or(0);
    let modes: Vec<f64> = counts
        .iter()
        .filter(|(_, &c)| c == best)
        .map(|(b, _)| f64::from_bits(*b))
        .collect();
    if modes.len() == 1 {
        return modes[0];
    }
    median(values)
}

fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return 0.0;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Rows of one kind split where their sorted precise values jump by more
/// than `split`; a vague amount (a lower bound) joins the group whose values
/// are nearest to it (all rows are one group when none is precise).
fn split_by_value(rows: &[TopicRow], split: f64) -> Vec<Vec<usize>> {
    let mut precise: Vec<usize> = (0..rows.len()).filter(|&i| !rows[i].vague).collect();
    if precise.is_empty() {
        return vec![(0..rows.len()).collect()];
    }
    precise.sort_by(|&a, &b| rows[a].measure.total_cmp(&rows[b].measure).then(a.cmp(&b)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in &precise {
        match groups.last_mut() {
            Some(g)
                if g.last()
                    .is_some_and(|&p| ratio(rows[p].measure, rows[i].measure) <= split) =>
            {
                g.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    let distance = |v: f64, g: &[usize]| {
        let lo = rows[g[0]].measure;
        let hi = rows[g[g.len() - 1]].measure;
        if v < lo {
            ratio(v, lo)
        } else if v > hi {
            ratio(v, hi)
        } else {
            1.0
        }
    };
    for i in (0..rows.len()).filter(|&i| rows[i].vague) {
        let best = (0..groups.len())
            .min_by(|&a, &b| {
                distance(rows[i].measure, &groups[a])
                    .total_cmp(&distance(rows[i].measure, &groups[b]))
            })
            .unwrap_or(0);
        groups[best].push(i);
    }
    groups
}

/// Group every figure of every claim into topics.
pub fn topics(aligner: &Aligner, docs: &[Document], analyses: &[DocAnalysis]) -> Vec<Topic> {
    let mut by_concept: BTreeMap<String, Vec<TopicRow>> = BTreeMap::new();
    for (d, (doc, an)) in docs.iter().zip(analyses).enumerate() {
        for (u, unit) in an.units.iter().enumerate() {
            for (k, f) in unit.figures.iter().enumerate() {
                let text = &doc.text[unit.start..unit.end];
                by_concept
                    .entry(f.kind.clone())
                    .or_default()
                    .push(TopicRow {
                        doc: d,
                        unit: u,
                        figure: k,
                        value: f.value,
                        measure: f.measure,
                        noun: f.unit.clone(),
                        vague: f.vague,
                        time_frame: aligner.time_frame_of(doc.lang, text),
                    });
            }
        }
    }
    let split = aligner.split_ratio();
    let conflict = aligner.conflict_ratio();
    let mut out = Vec::new();
    for (concept, rows) in by_concept {
        let groups = split_by_value(&rows, split);
        let several = groups.len() > 1;
        for (gi, mut g) in groups.into_iter().enumerate() {
            g.sort_unstable();
            let rs: Vec<TopicRow> = g.iter().map(|&i| rows[i].clone()).collect();
            let precise: Vec<f64> = rs.iter().filter(|r| !r.vague).map(|r| r.value).collect();
            let vals: Vec<f64> = if precise.is_empty() {
                rs.iter().map(|r| r.value).collect()
            } else {
                precise
            };
            let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let max = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut docs_with: Vec<usize> = rs.iter().map(|r| r.doc).collect();
            docs_with.dedup();
            let precise_docs: Vec<usize> = {
                let mut v: Vec<usize> = rs.iter().filter(|r| !r.vague).map(|r| r.doc).collect();
                v.dedup();
                v
            };
            let r = ratio(min, max);
            out.push(Topic {
                key: if several {
                    format!("{concept}#{}", gi + 1)
                } else {
                    concept.clone()
                },
                disputed: precise_docs.len() >= 2 && r > conflict,
                sources: docs_with.len(),
                median: median(&vals),
                min,
                max,
                ratio: r,
                rows: rs,
            });
        }
    }
    out
}
