//! Figure topics: figures of the same kind (what they count, from the
//! rules file's `[figures.kinds]`: "morts" and "dead" are one kind, "11
//! personnes tuées" too, "disparus" another) and of the same scope (the
//! place, site or event their sentence ties them to: "12 drowned in
//! the port city, 5 in the hills" are two quantities, neither the national
//! toll; "the 1962 flood that drowned hundreds" is another event) are one
//! topic, split where their sorted precise values jump by more than
//! `topic_split_ratio` (a country's whole army and the troops it sends are
//! different quantities); a vague amount joins the values nearest it. A
//! scope that most documents name (the story's own place) is no split unless
//! its value is far from the unscoped ones or its sentence breaks a count
//! down by place. A topic whose sources give values further apart than
//! `conflict_ratio` is disputed.

use super::Aligner;
use crate::claims::DocAnalysis;
use crate::fold::fold_text;
use crate::load::Document;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// The place, site or event the count is of (see `Figure::scope`),
    /// when it sets the figure apart from the story's own counts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    /// A year before the document's that dates the count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// Byte span of the amount and its noun in the document.
    #[serde(skip)]
    pub span: (usize, usize),
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
/// than `split`; a vague amount (a lower bound of an uncertain order of
/// magnitude) joins the group whose values are nearest to it, within
/// `split` squared, else makes a group with the other vague amounts.
fn split_by_value(rows: &[TopicRow], split: f64, distinct: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut precise: Vec<usize> = (0..rows.len()).filter(|&i| !rows[i].vague).collect();
    precise.sort_by(|&a, &b| rows[a].measure.total_cmp(&rows[b].measure).then(a.cmp(&b)));
    // A cut between sorted positions k and k + 1: where values jump, and
    // between two values one sentence gives as distinct quantities (at the
    // widest gap between them). Range queries keep this O(n log n).
    let gaps: Vec<f64> = precise
        .windows(2)
        .map(|w| ratio(rows[w[0]].measure, rows[w[1]].measure))
        .collect();
    let mut cut: Vec<bool> = gaps.iter().map(|&g| g > split).collect();
    let mut cuts: BTreeSet<usize> = (0..cut.len()).filter(|&k| cut[k]).collect();
    let widest = WidestGap::new(&gaps);
    let position: HashMap<usize, usize> =
        precise.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    for &(a, b) in distinct {
        let (Some(&pa), Some(&pb)) = (position.get(&a), position.get(&b)) else {
            continue;
        };
        let (lo, hi) = (pa.min(pb), pa.max(pb));
        if lo == hi || cuts.range(lo..hi).next().is_some() {
            continue;
        }
        let k = widest.of(lo, hi);
        if gaps[k] > 1.0 {
            cut[k] = true;
            cuts.insert(k);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in precise.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if !cut[k - 1] => g.push(i),
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
    let precise_groups = groups.len();
    let mut apart: Vec<usize> = Vec::new();
    for i in (0..rows.len()).filter(|&i| rows[i].vague) {
        let best = (0..precise_groups).min_by(|&a, &b| {
            distance(rows[i].measure, &groups[a]).total_cmp(&distance(rows[i].measure, &groups[b]))
        });
        match best {
            Some(g) if distance(rows[i].measure, &groups[g]) <= split * split => groups[g].push(i),
            _ => apart.push(i),
        }
    }
    if !apart.is_empty() {
        groups.push(apart);
    }
    groups
}

/// The widest gap of a range of consecutive gaps (the first on a tie), from
/// a sparse table: O(1) per query after O(n log n) to build.
struct WidestGap<'a> {
    gaps: &'a [f64],
    /// `table[j][k]`: the widest gap of `k..k + 2^j`.
    table: Vec<Vec<usize>>,
}

impl<'a> WidestGap<'a> {
    fn new(gaps: &'a [f64]) -> WidestGap<'a> {
        let mut table: Vec<Vec<usize>> = vec![(0..gaps.len()).collect()];
        let mut width = 1;
        while 2 * width <= gaps.len() {
            let prev = &table[table.len() - 1];
            let next: Vec<usize> = (0..=gaps.len() - 2 * width)
                .map(|k| Self::wider(gaps, prev[k], prev[k + width]))
                .collect();
            table.push(next);
            width *= 2;
        }
        WidestGap { gaps, table }
    }

    fn wider(gaps: &[f64], x: usize, y: usize) -> usize {
        if gaps[y] > gaps[x] || (gaps[y] == gaps[x] && y < x) {
            y
        } else {
            x
        }
    }

    /// The widest gap of `lo..hi` (not empty).
    fn of(&self, lo: usize, hi: usize) -> usize {
        let level = (usize::BITS - 1 - (hi - lo).leading_zeros()) as usize;
        let width = 1 << level;
        Self::wider(
            self.gaps,
            self.table[level][lo],
            self.table[level][hi - width],
        )
    }
}

/// The year of a document's publication date ("2024-10-31"), if any.
fn doc_year(doc: &Document) -> Option<u32> {
    let p = doc.meta.published.as_deref()?.trim();
    let y: u32 = p.get(..4)?.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// Two scopes name the same thing: the same year, and words of which one
/// holds the other's or half of all ("Sonora" and "Sonora state", "the X
/// school" and "Escola X").
fn same_scope(a: &TopicRow, b: &TopicRow) -> bool {
    if a.year != b.year {
        return false;
    }
    let (sa, sb): (HashSet<&str>, HashSet<&str>) = (
        a.scope.iter().map(String::as_str).collect(),
        b.scope.iter().map(String::as_str).collect(),
    );
    let common = sa.intersection(&sb).count();
    let union = sa.union(&sb).count();
    common == sa.len() || common == sb.len() || 2 * common >= union
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut k = i;
    while parent[k] != r {
        let next = parent[k];
        parent[k] = r;
        k = next;
    }
    r
}

/// Which rows of one kind stand apart from the rows without scope: a year
/// before the document's, a scope few documents name (unless another document
/// gives its value, within `same_max`, without a scope), a sentence that gives
/// the kind for several places (a count broken down), or a value not within
/// `ratio_max` of any unscoped row's.
fn apart_rows(
    rows: &[TopicRow],
    global: &dyn Fn(&[String]) -> bool,
    ratio_max: f64,
    same_max: f64,
) -> Vec<bool> {
    let mut places: HashMap<(usize, usize), HashSet<&[String]>> = HashMap::new();
    for r in rows.iter().filter(|r| !r.scope.is_empty()) {
        places
            .entry((r.doc, r.unit))
            .or_default()
            .insert(r.scope.as_slice());
    }
    let plain: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].scope.is_empty() && rows[i].year.is_none())
        .collect();
    rows.iter()
        .map(|r| {
            if r.scope.is_empty() && r.year.is_none() {
                return false;
            }
            let breakdown = places.get(&(r.doc, r.unit)).is_some_and(|p| p.len() > 1);
            let near = plain
                .iter()
                .any(|&p| ratio(rows[p].measure, r.measure) <= ratio_max);
            // The value another document gives without a scope: the same
            // quantity, named by its place ("the X fires could cost $9
            // billion" and "the fires could cost $9 billion").
            let same = plain
                .iter()
                .any(|&p| rows[p].doc != r.doc && ratio(rows[p].measure, r.measure) <= same_max);
            r.year.is_some() || breakdown || !(global(&r.scope) || same) || !near
        })
        .collect()
}

/// A figure of a bare kind ("$5.4 billion") whose value other documents
/// give for a refinement of that kind ("cost $5.4 billion") is that
/// quantity: it joins the refinement that the most documents give it for
/// (none on a tie). Values compare within
/// `same_max`; vague amounts, increments and values of one significant
/// digit ("20", "60", "3 million": they meet by chance) stay where they are.
fn join_refined_values(by_concept: &mut BTreeMap<String, Vec<TopicRow>>, same_max: f64) {
    let bases: Vec<String> = by_concept
        .keys()
        .filter(|k| !k.contains('.'))
        .cloned()
        .collect();
    for base in bases {
        let prefix = format!("{base}.");
        let refined: Vec<&String> = by_concept
            .keys()
            .filter(|k| k.starts_with(&prefix) && !k.ends_with(".more"))
            .collect();
        if refined.is_empty() {
            continue;
        }
        // Each refinement's precise values, sorted: a value's matches are
        // one range (not a scan of every row per row).
        let values: Vec<Vec<(f64, usize)>> = refined
            .iter()
            .map(|k| {
                let mut v: Vec<(f64, usize)> = by_concept[k.as_str()]
                    .iter()
                    .filter(|o| !o.vague)
                    .map(|o| (o.measure, o.doc))
                    .collect();
                v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                v
            })
            .collect();
        let mut moves: Vec<(usize, String)> = Vec::new();
        for (i, row) in by_concept[&base].iter().enumerate() {
            if row.vague || round(row.value) {
                continue;
            }
            let m = row.measure;
            // Each refinement with the number of other documents giving the value.
            let mut hits: Vec<(usize, &String)> = refined
                .iter()
                .zip(&values)
                .map(|(k, v)| {
                    let range = if m > 0.0 {
                        // A little wider than the ratio: `ratio` decides.
                        let slack = same_max * (1.0 + 1e-9);
                        let lo = v.partition_point(|x| x.0 < m / slack);
                        let hi = v.partition_point(|x| x.0 <= m * slack);
                        &v[lo..hi.max(lo)]
                    } else {
                        &v[..]
                    };
                    let docs: BTreeSet<usize> = range
                        .iter()
                        .filter(|o| o.1 != row.doc && ratio(o.0, m) <= same_max)
                        .map(|o| o.1)
                        .collect();
                    (docs.len(), *k)
                })
                .filter(|h| h.0 > 0)
                .collect();
            hits.sort_by_key(|h| std::cmp::Reverse(h.0));
            let best = match hits.as_slice() {
                [only] => Some(only.1),
                [first, second, ..] if first.0 > second.0 => Some(first.1),
                _ => None,
            };
            if let Some(k) = best {
                moves.push((i, k.clone()));
            }
        }
        for (i, k) in moves.iter().rev() {
            let row = by_concept.get_mut(&base).map(|rows| rows.remove(*i));
            if let Some(row) = row {
                let list = by_concept.entry(k.clone()).or_default();
                list.push(row);
                list.sort_by_key(|r| (r.doc, r.unit, r.figure));
            }
        }
        if by_concept.get(&base).is_some_and(Vec::is_empty) {
            by_concept.remove(&base);
        }
    }
}

/// A value of one significant digit: 20, 600, 3 million.
fn round(value: f64) -> bool {
    if !value.is_finite() || value <= 0.0 {
        return true;
    }
    let scale = 10f64.powf(value.log10().floor());
    let digit = value / scale;
    (digit - digit.round()).abs() < 1e-9
}

/// The rows of one kind in groups: the rows not `apart` first, then the rows
/// of each scope. Each group with its scope's label ("" for the first).
fn split_by_scope(rows: &[TopicRow], apart: &[bool]) -> Vec<(String, Vec<usize>)> {
    let main: Vec<usize> = (0..rows.len()).filter(|&i| !apart[i]).collect();
    let scoped: Vec<usize> = (0..rows.len()).filter(|&i| apart[i]).collect();
    let mut parent: Vec<usize> = (0..scoped.len()).collect();
    for a in 0..scoped.len() {
        for b in a + 1..scoped.len() {
            if same_scope(&rows[scoped[a]], &rows[scoped[b]]) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[rb.max(ra)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (a, &row) in scoped.iter().enumerate() {
        let root = find(&mut parent, a);
        groups.entry(root).or_default().push(row);
    }
    let mut out = Vec::new();
    if !main.is_empty() {
        out.push((String::new(), main));
    }
    for (_, g) in groups {
        // The label: the shortest scope of the group, and its year.
        let r = g
            .iter()
            .map(|&i| &rows[i])
            .min_by_key(|r| (r.scope.len(), r.scope.join(" ")))
            .unwrap_or(&rows[g[0]]);
        let mut label: Vec<String> = r.scope.clone();
        if let Some(y) = r.year {
            label.push(y.to_string());
        }
        out.push((label.join("-"), g));
    }
    out
}

/// Pairs of rows that one sentence gives as different quantities of one
/// kind: two precise values not joined as a range or a list ("82,000 under
/// evacuation orders and another 90,000 under warnings"), unless who gives
/// them tells them apart ("1.2 million according to the
/// police, 3.5 million according to the unions": one quantity, disputed).
fn distinct_pairs(
    aligner: &Aligner,
    docs: &[Document],
    analyses: &[DocAnalysis],
    rows: &[TopicRow],
) -> Vec<(usize, usize)> {
    let mut by_unit: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| !r.vague) {
        by_unit.entry((r.doc, r.unit)).or_default().push(i);
    }
    let mut out = Vec::new();
    for ((d, u), list) in by_unit {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                let (ra, rb) = (&rows[a], &rows[b]);
                if ratio(ra.measure, rb.measure) <= 1.0 + 1e-9 {
                    continue;
                }
                let (first, second) = if ra.span.0 <= rb.span.0 {
                    (ra, rb)
                } else {
                    (rb, ra)
                };
                let between = docs[d]
                    .text
                    .get(first.span.1.min(second.span.0)..second.span.0)
                    .unwrap_or("");
                // Each value with its own source: "1.2 million according to
                // the police, 3.5 million according to the unions".
                let unit = &analyses[d].units[u];
                let lang = docs[d].lang;
                let credited = aligner.credited_between(
                    lang,
                    unit,
                    first.span.1.min(second.span.0),
                    second.span.0,
                ) && (aligner.credited_between(lang, unit, second.span.1, unit.end)
                    || aligner.credited_between(lang, unit, unit.start, first.span.0));
                if !credited && !aligner.joined_amounts(docs[d].lang, between) {
                    out.push((a, b));
                }
            }
        }
    }
    out
}

/// Group every figure of every claim into topics.
pub fn topics(aligner: &Aligner, docs: &[Document], analyses: &[DocAnalysis]) -> Vec<Topic> {
    // A year dates a count apart only when it is before the document's (or,
    // undated, the latest of the corpus).
    let latest = docs.iter().filter_map(doc_year).max();
    let mut by_concept: BTreeMap<String, Vec<TopicRow>> = BTreeMap::new();
    for (d, (doc, an)) in docs.iter().zip(analyses).enumerate() {
        let this_year = doc_year(doc).or(latest);
        // Kinds the document has counted so far: an increment of one of them
        // ("three more bodies"), or of a kind its sentence gives a total of
        // ("three more bodies, bringing the toll to 4"), is a quantity of its own.
        let mut counted: HashSet<&str> = HashSet::new();
        for (u, unit) in an.units.iter().enumerate() {
            for (k, f) in unit.figures.iter().enumerate() {
                let text = &doc.text[unit.start..unit.end];
                let before = counted.contains(f.kind.as_str())
                    || unit
                        .figures
                        .iter()
                        .any(|o| !o.increment && o.kind == f.kind && o.value != f.value);
                let concept = if f.increment && !f.vague && before {
                    format!("{}.more", f.kind)
                } else {
                    f.kind.clone()
                };
                counted.insert(f.kind.as_str());
                by_concept.entry(concept).or_default().push(TopicRow {
                    doc: d,
                    unit: u,
                    figure: k,
                    value: f.value,
                    measure: f.measure,
                    noun: f.unit.clone(),
                    vague: f.vague,
                    time_frame: aligner.time_frame_of(doc.lang, text),
                    scope: f.scope.clone(),
                    year: f.year.filter(|y| this_year.is_none_or(|t| *y < t)),
                    span: (f.start, f.end),
                });
            }
        }
    }
    join_refined_values(&mut by_concept, aligner.scope_same());
    // How many documents name each word of a scope.
    let wanted: HashSet<String> = by_concept
        .values()
        .flatten()
        .flat_map(|r| r.scope.iter().cloned())
        .collect();
    let mut named: HashMap<&str, usize> = HashMap::new();
    if !wanted.is_empty() {
        for doc in docs {
            let folded = fold_text(&doc.text);
            let words: HashSet<&str> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| wanted.contains(*w))
                .collect();
            for w in words {
                if let Some(k) = wanted.get(w) {
                    *named.entry(k.as_str()).or_insert(0) += 1;
                }
            }
        }
    }
    let share = aligner.scope_share();
    let n_docs = docs.len().max(1) as f64;
    let global = |scope: &[String]| {
        scope
            .iter()
            .all(|w| named.get(w.as_str()).copied().unwrap_or(0) as f64 >= share * n_docs)
    };
    // The figures a sentence ties to one scope stand apart together: in "the
    // town where the storm left 2 dead and 3 missing", the 2 dead are far
    // from the story's toll, so the 3 missing are the town's too.
    let mut apart: BTreeMap<&str, Vec<bool>> = by_concept
        .iter()
        .map(|(c, rows)| {
            (
                c.as_str(),
                apart_rows(rows, &global, aligner.scope_ratio(), aligner.scope_same()),
            )
        })
        .collect();
    let mut apart_scopes: HashSet<(usize, usize, &[String])> = HashSet::new();
    for (c, rows) in &by_concept {
        for (r, a) in rows.iter().zip(&apart[c.as_str()]) {
            if *a && !r.scope.is_empty() {
                apart_scopes.insert((r.doc, r.unit, r.scope.as_slice()));
            }
        }
    }
    for (c, rows) in &by_concept {
        if let Some(flags) = apart.get_mut(c.as_str()) {
            for (r, a) in rows.iter().zip(flags.iter_mut()) {
                *a |= apart_scopes.contains(&(r.doc, r.unit, r.scope.as_slice()));
            }
        }
    }
    let conflict = aligner.conflict_ratio();
    let mut out = Vec::new();
    for (concept, rows) in &by_concept {
        let flags = apart.get(concept.as_str()).cloned().unwrap_or_default();
        for (label, members) in split_by_scope(rows, &flags) {
            let sub: Vec<TopicRow> = members.iter().map(|&i| rows[i].clone()).collect();
            let name = if label.is_empty() {
                concept.clone()
            } else {
                format!("{concept}@{label}")
            };
            let distinct = distinct_pairs(aligner, docs, analyses, &sub);
            let groups = split_by_value(&sub, aligner.split_ratio(concept), &distinct);
            let several = groups.len() > 1;
            for (gi, mut g) in groups.into_iter().enumerate() {
                g.sort_unstable();
                let rs: Vec<TopicRow> = g.iter().map(|&i| sub[i].clone()).collect();
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
                        format!("{name}#{}", gi + 1)
                    } else {
                        name.clone()
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
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Analyzers;
    use crate::load::Lang;

    /// Topics of texts, each as its key and its rows' "document:value".
    fn topics_of(texts: &[(Lang, &str)]) -> Vec<(String, Vec<String>)> {
        let analyzers = Analyzers::new(None).expect("bundled rules");
        let (docs, analyses) = crate::align::analysed(&analyzers, texts);
        let aligner = Aligner::new(&analyzers);
        topics(&aligner, &docs, &analyses)
            .into_iter()
            .map(|t| {
                let rows = t
                    .rows
                    .iter()
                    .map(|r| format!("d{}:{}", r.doc, r.value))
                    .collect();
                (t.key, rows)
            })
            .collect()
    }

    fn rows_of<'a>(topics: &'a [(String, Vec<String>)], key: &str) -> &'a [String] {
        topics
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.as_slice())
            .unwrap_or_else(|| panic!("no topic {key} in {topics:?}"))
    }

    #[test]
    fn the_dead_meet_across_languages_and_words_apart_from_the_missing() {
        let topics = topics_of(&[
            (
                Lang::Fr,
                "Les glissements de terrain ont fait 41 morts. Au moins 12 personnes sont portées disparues.",
            ),
            (
                Lang::En,
                "At least 38 people were killed in the landslides. Some 15 people are still missing.",
            ),
            (
                Lang::Fr,
                "Les décès recensés atteignent désormais 44, et des dizaines de maisons ont été détruites.",
            ),
        ]);
        assert_eq!(rows_of(&topics, "dead"), ["d0:41", "d1:38", "d2:44"]);
        assert_eq!(rows_of(&topics, "missing"), ["d0:12", "d1:15"]);
        assert_eq!(rows_of(&topics, "building.destroyed"), ["d2:10"]);
    }

    #[test]
    fn vague_amounts_join_the_nearest_values_and_units_compare() {
        let topics = topics_of(&[
            (
                Lang::En,
                "Officials fear hundreds of deaths. The official toll is 35 dead. The fire burned 20 square miles.",
            ),
            (
                Lang::En,
                "The country's population is 2,000,000 people. The blaze covered 13,000 acres.",
            ),
            (Lang::En, "Some 40 people have died, and thousands of people fled."),
        ]);
        assert_eq!(rows_of(&topics, "dead"), ["d0:100", "d0:35", "d2:40"]);
        // 20 square miles and 13,000 acres are both about 5,200 hectares.
        assert_eq!(rows_of(&topics, "area"), ["d0:20", "d1:13000"]);
        // A population and a thousand people who fled are different quantities.
        let person: Vec<&String> = topics
            .iter()
            .filter(|(k, _)| k.starts_with("person"))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(person.len(), 2, "{topics:?}");
    }

    #[test]
    fn a_count_of_one_place_is_no_count_of_the_whole_story() {
        let topics = topics_of(&[
            (
                Lang::En,
                "The storm has killed 40 people across the region. In Fairview, 12 people died.",
            ),
            (
                Lang::En,
                "At least 42 people were killed by the storm, officials said.",
            ),
            (
                Lang::Fr,
                "La tempête a fait 41 morts dans la région, dont 11 à Fairview.",
            ),
        ]);
        assert_eq!(
            rows_of(&topics, "dead"),
            ["d0:40", "d1:42", "d2:41"],
            "{topics:?}"
        );
        assert_eq!(rows_of(&topics, "dead@fairview"), ["d0:12", "d2:11"]);
    }

    #[test]
    fn the_place_every_article_names_is_the_story_own() {
        let topics = topics_of(&[
            (Lang::En, "A fire killed 8 people in Ridgeton on Sunday."),
            (Lang::En, "Nine people died in Ridgeton, the mayor said."),
            (
                Lang::Fr,
                "L'incendie a fait 8 morts, selon la mairie de Ridgeton.",
            ),
        ]);
        assert_eq!(
            rows_of(&topics, "dead"),
            ["d0:8", "d1:9", "d2:8"],
            "{topics:?}"
        );
    }

    #[test]
    fn an_amount_another_article_names_as_a_cost_is_that_cost() {
        let topics = topics_of(&[
            (
                Lang::En,
                "The outage cost the largest firms $5.4 billion, an insurer said.",
            ),
            (
                Lang::En,
                "The largest firms lost $5.4 billion. Shares fell by $3 billion.",
            ),
            (Lang::En, "Airlines paid out $860 million in refunds."),
        ]);
        let key_of = |row: &str| {
            topics
                .iter()
                .find(|(_, rows)| rows.iter().any(|r| r == row))
                .map(|(k, _)| k.as_str())
                .unwrap_or_else(|| panic!("no row {row} in {topics:?}"))
        };
        assert!(
            key_of("d0:5400000000").starts_with("money.cost"),
            "{topics:?}"
        );
        assert_eq!(key_of("d1:5400000000"), key_of("d0:5400000000"));
        // A round amount meets another by chance; one no other article
        // gives stays a bare amount.
        for row in ["d1:3000000000", "d2:860000000"] {
            let key = key_of(row);
            assert!(
                key.starts_with("money") && !key.starts_with("money.cost"),
                "{topics:?}"
            );
        }
    }

    #[test]
    fn a_bare_amount_joins_the_refinement_most_articles_give_it() {
        let topics = topics_of(&[
            (Lang::En, "The bank will pay a $4.3 billion fine."),
            (Lang::En, "Regulators imposed a fine of $4.3 billion."),
            (Lang::En, "Victims will share $4.3 billion in compensation."),
            (Lang::En, "The bank agreed to pay $4.3 billion."),
        ]);
        let fine = topics
            .iter()
            .find(|(k, _)| k.starts_with("money.fine"))
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default();
        assert_eq!(
            fine,
            ["d0:4300000000", "d1:4300000000", "d3:4300000000"],
            "{topics:?}"
        );
    }

    #[test]
    fn distances_far_apart_are_different_lengths() {
        let topics = topics_of(&[
            (Lang::Fr, "Le dépôt se trouve à 3 km du centre-ville. Un périmètre de 500 mètres a été bouclé."),
            (Lang::Fr, "L'usine est située à 3 kilomètres du centre. Le panache s'étend sur 22 km."),
        ]);
        let lengths: Vec<&Vec<String>> = topics
            .iter()
            .filter(|(k, _)| k.starts_with("length"))
            .map(|(_, rows)| rows)
            .collect();
        assert_eq!(lengths.len(), 3, "{topics:?}");
        assert!(
            lengths.iter().any(|r| **r == ["d0:3", "d1:3"]),
            "{topics:?}"
        );
    }

    #[test]
    fn one_significant_digit_is_round() {
        assert!(round(20.0) && round(600.0) && round(3_000_000.0));
        assert!(!round(150.0) && !round(5.4e9) && !round(17.5));
    }

    #[test]
    fn a_value_another_article_gives_unscoped_is_the_same_quantity() {
        let topics = topics_of(&[
            (
                Lang::En,
                "The Ridge fires could cost $9 billion, an analyst said.",
            ),
            (Lang::En, "The blazes may cost $9 billion in all."),
            (
                Lang::En,
                "Officials in Fairview said the storm killed 3 people.",
            ),
        ]);
        assert_eq!(
            rows_of(&topics, "money.cost"),
            ["d0:9000000000", "d1:9000000000"],
            "{topics:?}"
        );
    }

    #[test]
    fn the_widest_gap_of_a_range_is_the_first_widest() {
        let gaps = [1.5, 3.0, 1.1, 3.0, 2.0, 1.0, 7.0, 1.2, 1.3];
        let widest = WidestGap::new(&gaps);
        for lo in 0..gaps.len() {
            for hi in lo + 1..=gaps.len() {
                let brute = (lo..hi)
                    .max_by(|&x, &y| gaps[x].total_cmp(&gaps[y]).then(y.cmp(&x)))
                    .unwrap();
                assert_eq!(widest.of(lo, hi), brute, "{lo}..{hi}");
            }
        }
    }

    #[test]
    fn two_amounts_of_one_sentence_are_two_quantities_unless_a_range() {
        let topics = topics_of(&[
            (
                Lang::En,
                "About 30,000 people are under evacuation orders and another 35,000 are under evacuation warnings.",
            ),
            (Lang::En, "Some 31,000 residents were evacuated on Monday."),
            (
                Lang::En,
                "Between 34,000 and 36,000 people had to evacuate their homes, officials said.",
            ),
        ]);
        let evacuated: Vec<&(String, Vec<String>)> = topics
            .iter()
            .filter(|(k, _)| k.starts_with("evacuated"))
            .collect();
        assert_eq!(evacuated.len(), 2, "{topics:?}");
        assert_eq!(evacuated[0].1, ["d0:30000", "d1:31000"], "{topics:?}");
        assert_eq!(
            evacuated[1].1,
            ["d0:35000", "d2:34000", "d2:36000"],
            "{topics:?}"
        );
        // Two values that only their sources tell apart: one quantity, disputed.
        let topics = topics_of(&[
            (
                Lang::Fr,
                "Ils étaient 1,2 million de manifestants selon la police, 3,5 millions selon la CGT.",
            ),
            (Lang::Fr, "Près de 3 millions de manifestants ont défilé."),
        ]);
        let marched: Vec<&(String, Vec<String>)> =
            topics.iter().filter(|(_, rows)| rows.len() > 1).collect();
        assert_eq!(marched.len(), 1, "{topics:?}");
        assert_eq!(marched[0].1, ["d0:1200000", "d0:3500000", "d1:3000000"]);
    }

    #[test]
    fn an_increment_after_a_count_is_a_quantity_of_its_own() {
        let topics = topics_of(&[
            (
                Lang::Fr,
                "Deux corps ont été repêchés lundi. Mardi, les plongeurs ont retrouvé trois autres corps.",
            ),
            (
                Lang::En,
                "Divers recovered three more bodies on Tuesday, bringing the toll to 4.",
            ),
            (Lang::En, "Two bodies were found near the bridge."),
        ]);
        assert_eq!(
            rows_of(&topics, "dead.more"),
            ["d0:3", "d1:3"],
            "{topics:?}"
        );
        assert_eq!(rows_of(&topics, "dead"), ["d0:2", "d1:4", "d2:2"]);
    }

    #[test]
    fn magnitudes_meet_across_languages() {
        let topics = topics_of(&[
            (Lang::En, "A 6.4 earthquake struck the island on Monday."),
            (Lang::Fr, "Le séisme de 6,4 a été ressenti sur toute l'île."),
        ]);
        assert_eq!(
            rows_of(&topics, "magnitude"),
            ["d0:6.4", "d1:6.4"],
            "{topics:?}"
        );
    }
}
