//! Measure the analyzer's output against gold judgements.
//!
//! Gold units are located in the document texts, each located unit is
//! aligned to the analysed unit that overlaps it most, and the aligned pairs
//! are scored: kind, hedge detection, certainty label and rank, credited
//! source, figures. Gold units that cannot be aligned are listed in
//! [`Evaluation::unmatched`] with the reason, and are left out of the
//! metrics. Everything here is a pure function of its inputs, and the order
//! of every output is deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::gold::{Gold, GoldFigure, GoldSentence, CERTAINTIES};

/// One analysed unit, as the evaluation needs it.
#[derive(Clone, Debug, Default)]
pub struct PredUnit {
    /// Document id.
    pub doc: String,
    /// Byte offset of the unit's start in the document text.
    pub start: usize,
    /// Byte offset just past the unit's end in the document text.
    pub end: usize,
    /// `claim`, `heading`, `question`, `boilerplate` or `disclaimer`.
    pub kind: String,
    /// Certainty score in [0, 1].
    pub certainty: f64,
    /// `certain`, `probable`, `possible` or `unconfirmed`.
    pub label: String,
    /// Whether any fired rule lowered the certainty.
    pub hedged: bool,
    /// The credited source, if any.
    pub source: Option<String>,
    /// Figures found in the unit: value and counted noun (singular).
    pub figures: Vec<(f64, String)>,
    /// The claim cluster the unit belongs to, if any.
    pub cluster: Option<String>,
    /// The topic of each figure, in the order of `figures`.
    pub figure_topics: Vec<Option<String>>,
    /// Ids of the rules that fired in the unit and count in its certainty.
    pub rules: Vec<String>,
}

/// One measured quantity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Metric {
    /// Metric name, e.g. `label_macro_f1`.
    pub name: String,
    /// Value in [0, 1] (in [-1, 1] for `certainty_spearman`); 0 when `n` is 0.
    pub value: f64,
    /// Number of items the value is computed over.
    pub n: usize,
}

/// A gold unit that no analysed unit overlaps (listed, never dropped silently).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unmatched {
    /// Document id.
    pub doc: String,
    /// Line of the gold file where the row starts.
    pub line: u64,
    /// The gold text.
    pub text: String,
    /// Why it could not be aligned (for a figure row, prefixed by the figure).
    pub reason: String,
}

/// Certainty-label confusion: gold labels in rows, predicted labels in
/// columns, both in the order of [`Confusion::LABELS`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Confusion {
    /// `counts[gold][predicted]`.
    pub counts: [[usize; 4]; 4],
}

impl Confusion {
    /// Row and column labels, from the firmest to the weakest.
    pub const LABELS: [&'static str; 4] = CERTAINTIES;

    /// Index of a label in [`Confusion::LABELS`].
    pub fn index(label: &str) -> Option<usize> {
        Self::LABELS.iter().position(|l| *l == label)
    }

    /// Count for a gold label and a predicted label (0 for unknown labels).
    pub fn get(&self, gold: &str, predicted: &str) -> usize {
        match (Self::index(gold), Self::index(predicted)) {
            (Some(g), Some(p)) => self.counts[g][p],
            _ => 0,
        }
    }
}

/// An aligned gold unit whose kind, or (for claims and questions) certainty
/// label, differs from the prediction.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Mismatch {
    /// Document id.
    pub doc: String,
    /// Line of the gold sentences file.
    pub line: u64,
    /// The gold text.
    pub text: String,
    /// Gold kind.
    pub gold_kind: String,
    /// Gold certainty label, if any.
    pub gold_label: Option<String>,
    /// Predicted kind.
    pub pred_kind: String,
    /// Predicted certainty label.
    pub pred_label: String,
    /// Predicted certainty score.
    pub certainty: f64,
}

/// The result of [`evaluate`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct Evaluation {
    /// Metrics, in a fixed order (see [`evaluate`]).
    pub metrics: Vec<Metric>,
    /// Gold sentences, then gold figures, that could not be aligned.
    pub unmatched: Vec<Unmatched>,
    /// Label confusion over aligned gold claims and questions with a certainty.
    pub confusion: Confusion,
    /// Aligned gold units whose kind or label differs, in gold order.
    pub mismatches: Vec<Mismatch>,
    /// For each rule that fired on a judged gold claim or question: how
    /// often on hedged units (gold certainty other than `certain`) and on
    /// `certain` ones, by rule id.
    pub rule_firings: Vec<RuleFirings>,
    /// Where the predicted claim clusters depart from the gold ones.
    pub cluster_errors: ClusterErrors,
}

/// The pairs behind `cluster_precision` and `cluster_recall`, by cluster:
/// which gold clusters the prediction splits and which predicted clusters
/// join sentences the gold keeps apart. Their `pairs` add up to the false
/// negatives and false positives of the pairwise scores.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ClusterErrors {
    /// Gold clusters with pairs the prediction puts apart, most first.
    pub split: Vec<ClusterError>,
    /// Predicted clusters with pairs the gold puts apart, most first.
    pub merged: Vec<ClusterError>,
}

/// One cluster of one side and where its units are on the other side.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ClusterError {
    /// The cluster's key (gold) or id (predicted).
    pub cluster: String,
    /// Its pairs of units that the other side does not put together.
    pub pairs: usize,
    /// The other side's clusters holding its units, largest first; `None`
    /// for units in no cluster there.
    pub parts: Vec<ClusterPart>,
}

/// A share of a cluster's units that the other side groups together.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ClusterPart {
    /// The other side's cluster, or `None` for units in no cluster.
    pub cluster: Option<String>,
    /// How many of the units it holds.
    pub units: usize,
}

/// How one rule fires on gold claims and questions.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RuleFirings {
    /// Rule id.
    pub rule: String,
    /// Firings on units gold judges hedged.
    pub on_hedged: usize,
    /// Firings on units gold judges `certain`.
    pub on_certain: usize,
}

impl RuleFirings {
    /// Share of its firings that fall on hedged units: its precision as a hedge cue.
    pub fn hedge_precision(&self) -> f64 {
        ratio(self.on_hedged, self.on_hedged + self.on_certain)
    }
}

impl Evaluation {
    /// The metric of that name, if computed.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

/// A gold item located in its document and aligned to an analysed unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aligned {
    /// Byte offset of the located gold text.
    pub start: usize,
    /// Byte offset just past the located gold text.
    pub end: usize,
    /// Index into the predicted units of the unit with the largest overlap.
    pub pred: usize,
}

/// Reason given when a gold item's document is not among the texts.
pub const DOC_MISSING: &str = "document not in the input";
/// Reason given when a gold item's text cannot be found in its document.
pub const TEXT_NOT_FOUND: &str = "text not found in the document";
/// Reason given when no analysed unit overlaps a located gold item.
pub const NO_OVERLAP: &str = "no analysed unit overlaps it";

/// Locate `needle` (trimmed) in `haystack` at or after byte offset `from`:
/// first as an exact substring, else after folding every run of white space
/// to one space on both sides. Returns the byte span in `haystack`.
pub fn locate(haystack: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let mut from = from.min(haystack.len());
    while !haystack.is_char_boundary(from) {
        from += 1;
    }
    if let Some(i) = haystack[from..].find(needle) {
        return Some((from + i, from + i + needle.len()));
    }
    let (folded, spans) = fold_with_spans(haystack);
    let (folded_needle, _) = fold_with_spans(needle);
    let folded_from = spans
        .iter()
        .position(|&(start, _)| start >= from)
        .unwrap_or(folded.len());
    let s = folded_from + folded[folded_from..].find(&folded_needle)?;
    let e = s + folded_needle.len();
    Some((spans[s].0, spans[e - 1].1))
}

/// Fold runs of white space to one space. Returns the folded text and, for
/// each of its bytes, the byte span in `text` of the character it comes from
/// (a whole run for a folded space).
fn fold_with_spans(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut folded = String::with_capacity(text.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            if in_space {
                if let Some(last) = spans.last_mut() {
                    *last = (last.0, end);
                }
            } else {
                folded.push(' ');
                spans.push((i, end));
                in_space = true;
            }
        } else {
            folded.push(c);
            spans.extend(std::iter::repeat_n((i, end), c.len_utf8()));
            in_space = false;
        }
    }
    (folded, spans)
}

/// Align gold items, given as `(doc, text)` in gold order, to predicted
/// units.
///
/// Each text is located in its document ([`locate`]) from the end of the
/// previous item located in the same document, or from the document start
/// when it does not occur after it; then it is aligned to the predicted unit
/// of the same document with the largest byte overlap (ties: the earlier
/// unit). An item that cannot be aligned gets the reason: [`DOC_MISSING`],
/// [`TEXT_NOT_FOUND`] or [`NO_OVERLAP`].
pub fn align(
    texts: &BTreeMap<String, String>,
    pred: &[PredUnit],
    items: &[(&str, &str)],
) -> Vec<Result<Aligned, &'static str>> {
    let mut by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in pred.iter().enumerate() {
        by_doc.entry(p.doc.as_str()).or_default().push(i);
    }
    for units in by_doc.values_mut() {
        units.sort_by_key(|&i| (pred[i].start, pred[i].end, i));
    }
    let mut cursors: BTreeMap<&str, usize> = BTreeMap::new();
    items
        .iter()
        .map(|&(doc, text)| {
            let body = texts.get(doc).ok_or(DOC_MISSING)?;
            let cursor = cursors.get(doc).copied().unwrap_or(0);
            let (start, end) = locate(body, text, cursor)
                .or_else(|| locate(body, text, 0))
                .ok_or(TEXT_NOT_FOUND)?;
            cursors.insert(doc, end);
            let mut best: Option<(usize, usize)> = None;
            for &i in by_doc.get(doc).map(Vec::as_slice).unwrap_or(&[]) {
                let overlap = end
                    .min(pred[i].end)
                    .saturating_sub(start.max(pred[i].start));
                if overlap > 0 && best.is_none_or(|(_, b)| overlap > b) {
                    best = Some((i, overlap));
                }
            }
            let (pred, _) = best.ok_or(NO_OVERLAP)?;
            Ok(Aligned { start, end, pred })
        })
        .collect()
}

/// Normalise a source name for matching: lowercase, accents removed,
/// punctuation (apostrophes of every form included) turned to spaces, leading
/// articles (le, la, les, l', un, une, des, d', de, du, the, a, an) removed.
/// Returns the words.
fn source_words(name: &str) -> Vec<String> {
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<String> = plain.split_whitespace().map(str::to_owned).collect();
    const ARTICLES: [&str; 13] = [
        "le", "la", "les", "l", "un", "une", "des", "d", "de", "du", "the", "a", "an",
    ];
    let skip = words
        .iter()
        .take_while(|w| ARTICLES.contains(&w.as_str()))
        .count();
    if skip == words.len() {
        words
    } else {
        words[skip..].to_vec()
    }
}

/// Whether a predicted source names the gold source: after normalisation
/// (lowercase, accents removed, punctuation and apostrophes turned to
/// spaces, leading articles dropped), the two are equal or one's words
/// contain the other's as a contiguous run of whole words.
pub fn source_matches(gold: &str, pred: &str) -> bool {
    let g = source_words(gold);
    let p = source_words(pred);
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let (short, long) = if g.len() <= p.len() {
        (&g, &p)
    } else {
        (&p, &g)
    };
    long.windows(short.len()).any(|w| w == short.as_slice())
}

/// Normalise a counted noun: lowercase, accents removed, one trailing `s`
/// or `x` stripped.
fn unit_key(unit: &str) -> String {
    let folded: String = unit
        .trim()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    match folded.strip_suffix(['s', 'x']) {
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => folded,
    }
}

fn same_figure(value_a: f64, unit_a: &str, value_b: f64, unit_b: &str) -> bool {
    (value_a - value_b).abs() < 1e-6 && unit_key(unit_a) == unit_key(unit_b)
}

/// Average ranks (1-based; tied values share the mean of their positions).
fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && values[order[j]] == values[order[i]] {
            j += 1;
        }
        // positions i+1 ..= j share their mean
        let rank = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            ranks[k] = rank;
        }
        i = j;
    }
    ranks
}

/// Pearson correlation; 0 when fewer than two points or a side is constant.
fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let mean = |v: &[f64]| v[..n].iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return 0.0;
    }
    (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
}

/// Spearman rank correlation (Pearson on average ranks); 0 when fewer than
/// two points or a side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Ordinal level of a certainty label: certain 3, probable 2, possible 1,
/// unconfirmed 0.
pub fn certainty_level(label: &str) -> Option<f64> {
    match label {
        "certain" => Some(3.0),
        "probable" => Some(2.0),
        "possible" => Some(1.0),
        "unconfirmed" => Some(0.0),
        _ => None,
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall <= 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

fn metric(name: &str, value: f64, n: usize) -> Metric {
    Metric {
        name: name.to_owned(),
        value,
        n,
    }
}

fn is_claim_or_question(kind: &str) -> bool {
    kind == "claim" || kind == "question"
}

/// Measure predicted units against gold.
///
/// Gold sentences and figures are aligned with [`align`]; unaligned ones go
/// to `unmatched`. Metrics, in this order, over aligned gold sentences:
///
/// * `kind_accuracy`: predicted kind equals gold kind; `n` = aligned units.
/// * `hedge_precision`, `hedge_recall`, `hedge_f1`: over gold claims and
///   questions with a certainty; gold positive = certainty other than
///   `certain`, predicted positive = `hedged`. `n` = predicted positives,
///   gold positives, and all such units respectively.
/// * `label_accuracy`, `label_macro_f1`: same units; macro-F1 is the mean
///   F1 over the labels that occur in gold or prediction.
/// * `certainty_spearman`: same units; predicted `certainty` against the
///   gold level (certain 3 … unconfirmed 0).
/// * `source_recall`: over gold units with a source; the predicted source
///   matches ([`source_matches`]).
/// * `source_precision`: over gold claims and questions with a predicted
///   source; the gold has a source and it matches.
/// * `figure_precision`: over the predicted figures of the predicted units
///   aligned to a gold claim, question or heading; `figure_recall`: over
///   aligned gold figures. A gold figure and a predicted figure on the same
///   aligned unit match when values differ by less than 1e-6 and units are
///   equal after folding case, accents and a trailing `s`/`x`; each figure
///   is matched at most once.
///
/// A metric with `n` = 0 has value 0.
pub fn evaluate(gold: &Gold, texts: &BTreeMap<String, String>, pred: &[PredUnit]) -> Evaluation {
    let sentence_items: Vec<(&str, &str)> = gold
        .sentences
        .iter()
        .map(|s| (s.doc.as_str(), s.text.as_str()))
        .collect();
    let figure_items: Vec<(&str, &str)> = gold
        .figures
        .iter()
        .map(|f| (f.doc.as_str(), f.text.as_str()))
        .collect();
    let sentence_alignment = align(texts, pred, &sentence_items);
    let figure_alignment = align(texts, pred, &figure_items);

    let mut unmatched = Vec::new();
    let mut pairs: Vec<(&GoldSentence, usize)> = Vec::new();
    for (s, a) in gold.sentences.iter().zip(&sentence_alignment) {
        match a {
            Ok(a) => pairs.push((s, a.pred)),
            Err(reason) => unmatched.push(Unmatched {
                doc: s.doc.clone(),
                line: s.line,
                text: s.text.clone(),
                reason: (*reason).to_owned(),
            }),
        }
    }
    let mut figure_pairs: Vec<(&GoldFigure, usize)> = Vec::new();
    for (f, a) in gold.figures.iter().zip(&figure_alignment) {
        match a {
            Ok(a) => figure_pairs.push((f, a.pred)),
            Err(reason) => unmatched.push(Unmatched {
                doc: f.doc.clone(),
                line: f.line,
                text: f.text.clone(),
                reason: format!("figure {} {}: {reason}", f.value, f.unit),
            }),
        }
    }

    let mut metrics = Vec::new();

    // Kind.
    let kind_ok = pairs
        .iter()
        .filter(|(s, p)| pred[*p].kind == s.kind)
        .count();
    metrics.push(metric(
        "kind_accuracy",
        ratio(kind_ok, pairs.len()),
        pairs.len(),
    ));

    // Claims and questions with a gold certainty.
    let judged: Vec<(&GoldSentence, &str, &PredUnit)> = pairs
        .iter()
        .filter(|(s, _)| is_claim_or_question(&s.kind))
        .filter_map(|(s, p)| s.certainty.as_deref().map(|c| (*s, c, &pred[*p])))
        .collect();

    // Hedges.
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (_, label, p) in &judged {
        match (*label != "certain", p.hedged) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    metrics.push(metric("hedge_precision", precision, tp + fp));
    metrics.push(metric("hedge_recall", recall, tp + fn_));
    metrics.push(metric("hedge_f1", f1(precision, recall), judged.len()));

    // Labels.
    let label_ok = judged.iter().filter(|(_, l, p)| *l == p.label).count();
    metrics.push(metric(
        "label_accuracy",
        ratio(label_ok, judged.len()),
        judged.len(),
    ));
    let label_pairs: Vec<(&str, &str)> = judged
        .iter()
        .map(|(_, l, p)| (*l, p.label.as_str()))
        .collect();
    let macro_f1 = label_macro_f1(&label_pairs);
    metrics.push(metric("label_macro_f1", macro_f1, judged.len()));

    // Certainty ranks.
    let ranked: Vec<(f64, f64)> = judged
        .iter()
        .filter_map(|(_, l, p)| certainty_level(l).map(|level| (p.certainty, level)))
        .collect();
    let (xs, ys): (Vec<f64>, Vec<f64>) = ranked.iter().copied().unzip();
    metrics.push(metric(
        "certainty_spearman",
        spearman(&xs, &ys),
        ranked.len(),
    ));

    // Sources.
    let with_gold_source: Vec<(&str, &PredUnit)> = pairs
        .iter()
        .filter_map(|(s, p)| s.source.as_deref().map(|g| (g, &pred[*p])))
        .collect();
    let source_hits = with_gold_source
        .iter()
        .filter(|(g, p)| p.source.as_deref().is_some_and(|ps| source_matches(g, ps)))
        .count();
    metrics.push(metric(
        "source_recall",
        ratio(source_hits, with_gold_source.len()),
        with_gold_source.len(),
    ));
    let with_pred_source: Vec<(&GoldSentence, &str)> = pairs
        .iter()
        .filter(|(s, _)| is_claim_or_question(&s.kind))
        .filter_map(|(s, p)| {
            pred[*p]
                .source
                .as_deref()
                .filter(|ps| !ps.trim().is_empty())
                .map(|ps| (*s, ps))
        })
        .collect();
    let source_right = with_pred_source
        .iter()
        .filter(|(s, ps)| s.source.as_deref().is_some_and(|g| source_matches(g, ps)))
        .count();
    metrics.push(metric(
        "source_precision",
        ratio(source_right, with_pred_source.len()),
        with_pred_source.len(),
    ));

    // Figures: match gold and predicted figures unit by unit, one to one.
    let mut gold_on_unit: BTreeMap<usize, Vec<&GoldFigure>> = BTreeMap::new();
    for (f, p) in &figure_pairs {
        gold_on_unit.entry(*p).or_default().push(f);
    }
    let covered: BTreeSet<usize> = pairs
        .iter()
        .filter(|(s, _)| is_claim_or_question(&s.kind) || s.kind == "heading")
        .map(|(_, p)| *p)
        .collect();
    let matched_on = |unit: usize| -> usize {
        let Some(golds) = gold_on_unit.get(&unit) else {
            return 0;
        };
        let mut used = vec![false; pred[unit].figures.len()];
        golds
            .iter()
            .filter(|g| {
                let hit = pred[unit]
                    .figures
                    .iter()
                    .enumerate()
                    .position(|(i, (v, u))| !used[i] && same_figure(g.value, &g.unit, *v, u));
                if let Some(i) = hit {
                    used[i] = true;
                }
                hit.is_some()
            })
            .count()
    };
    let figure_found: usize = gold_on_unit.keys().map(|&u| matched_on(u)).sum();
    let figure_predicted: usize = covered.iter().map(|&u| pred[u].figures.len()).sum();
    let figure_right: usize = covered.iter().map(|&u| matched_on(u)).sum();
    metrics.push(metric(
        "figure_precision",
        ratio(figure_right, figure_predicted),
        figure_predicted,
    ));
    metrics.push(metric(
        "figure_recall",
        ratio(figure_found, figure_pairs.len()),
        figure_pairs.len(),
    ));

    // Claim clusters: pairwise precision and recall over the units gold
    // judges as claims or questions.
    let mut cluster_errors = ClusterErrors::default();
    let cluster_items: Vec<(&str, &str)> = gold
        .clusters
        .iter()
        .map(|c| (c.doc.as_str(), c.text.as_str()))
        .collect();
    let mut gold_cluster_of: BTreeMap<usize, &str> = BTreeMap::new();
    for (c, a) in gold.clusters.iter().zip(align(texts, pred, &cluster_items)) {
        match a {
            Ok(a) => {
                gold_cluster_of.insert(a.pred, c.cluster.as_str());
            }
            Err(reason) => unmatched.push(Unmatched {
                doc: c.doc.clone(),
                line: c.line,
                text: c.text.clone(),
                reason: format!("cluster {}: {reason}", c.cluster),
            }),
        }
    }
    if !gold.clusters.is_empty() {
        let mut universe: Vec<usize> = pairs
            .iter()
            .filter(|(s, _)| is_claim_or_question(&s.kind))
            .map(|(_, p)| *p)
            .collect();
        universe.sort_unstable();
        universe.dedup();
        // Each unit's (gold cluster, predicted cluster).
        let sides: Vec<(Option<&str>, Option<&str>)> = universe
            .iter()
            .map(|&u| (gold_cluster_of.get(&u).copied(), pred[u].cluster.as_deref()))
            .collect();
        let together = |a: Option<&str>, b: Option<&str>| a.is_some() && a == b;
        let (tp, fp, fn_) = pairwise(&sides, |a, b| (together(a.0, b.0), together(a.1, b.1)));
        cluster_errors = ClusterErrors {
            split: departures(sides.iter().copied()),
            merged: departures(sides.iter().map(|&(g, p)| (p, g))),
        };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        metrics.push(metric("cluster_precision", precision, tp + fp));
        metrics.push(metric("cluster_recall", recall, tp + fn_));
        metrics.push(metric("cluster_f1", f1(precision, recall), universe.len()));
        // Gold clusters over three or more documents: found when one
        // predicted cluster holds members of at least two of their documents.
        let mut by_cluster: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (&p, &c) in &gold_cluster_of {
            by_cluster.entry(c).or_default().push(p);
        }
        let big: Vec<&Vec<usize>> = by_cluster
            .values()
            .filter(|units| {
                let mut docs: Vec<&str> = units.iter().map(|&u| pred[u].doc.as_str()).collect();
                docs.sort_unstable();
                docs.dedup();
                docs.len() >= 3
            })
            .collect();
        let found = big
            .iter()
            .filter(|units| {
                let mut per_cluster: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for &u in units.iter() {
                    if let Some(c) = &pred[u].cluster {
                        per_cluster
                            .entry(c.as_str())
                            .or_default()
                            .push(pred[u].doc.as_str());
                    }
                }
                per_cluster.values_mut().any(|docs| {
                    docs.sort_unstable();
                    docs.dedup();
                    docs.len() >= 2
                })
            })
            .count();
        metrics.push(metric(
            "clusters_3docs_found",
            ratio(found, big.len()),
            big.len(),
        ));
    }

    // Figure topics: pairwise precision and recall over gold figures found
    // by the analysis.
    if !gold.figures.is_empty() {
        let mut found: Vec<(&str, Option<&str>)> = Vec::new();
        let mut used: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
        for (g, unit) in &figure_pairs {
            let flags = used
                .entry(*unit)
                .or_insert_with(|| vec![false; pred[*unit].figures.len()]);
            if let Some(k) = pred[*unit]
                .figures
                .iter()
                .enumerate()
                .position(|(k, (v, u))| !flags[k] && same_figure(g.value, &g.unit, *v, u))
            {
                flags[k] = true;
                let topic = pred[*unit].figure_topics.get(k).and_then(|t| t.as_deref());
                found.push((g.topic.as_str(), topic));
            }
        }
        let (tp, fp, fn_) = pairwise(&found, |a, b| (a.0 == b.0, a.1.is_some() && a.1 == b.1));
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        metrics.push(metric("topic_precision", precision, tp + fp));
        metrics.push(metric("topic_recall", recall, tp + fn_));
        metrics.push(metric("topic_f1", f1(precision, recall), found.len()));
    }

    // Confusion and mismatches.
    let mut confusion = Confusion::default();
    for (_, l, p) in &judged {
        if let (Some(g), Some(q)) = (Confusion::index(l), Confusion::index(&p.label)) {
            confusion.counts[g][q] += 1;
        }
    }
    let mismatches = pairs
        .iter()
        .filter_map(|(s, i)| {
            let p = &pred[*i];
            let label_differs = is_claim_or_question(&s.kind)
                && s.certainty.as_deref().is_some_and(|c| c != p.label);
            (p.kind != s.kind || label_differs).then(|| Mismatch {
                doc: s.doc.clone(),
                line: s.line,
                text: s.text.clone(),
                gold_kind: s.kind.clone(),
                gold_label: s.certainty.clone(),
                pred_kind: p.kind.clone(),
                pred_label: p.label.clone(),
                certainty: p.certainty,
            })
        })
        .collect();

    let mut firings: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (_, label, p) in &judged {
        for r in &p.rules {
            let e = firings.entry(r.as_str()).or_insert((0, 0));
            if *label == "certain" {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
    }
    let rule_firings = firings
        .into_iter()
        .map(|(rule, (on_hedged, on_certain))| RuleFirings {
            rule: rule.to_string(),
            on_hedged,
            on_certain,
        })
        .collect();

    Evaluation {
        metrics,
        unmatched,
        confusion,
        mismatches,
        rule_firings,
        cluster_errors,
    }
}

/// For each cluster of one side, in how many units each cluster of the
/// other side holds it, and how many of its pairs that side puts apart.
/// Only clusters with such pairs are kept, most pairs first.
fn departures<'a>(
    units: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Vec<ClusterError> {
    let mut by_cluster: BTreeMap<&str, BTreeMap<Option<&str>, usize>> = BTreeMap::new();
    for (own, other) in units {
        if let Some(own) = own {
            *by_cluster.entry(own).or_default().entry(other).or_default() += 1;
        }
    }
    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    let mut out: Vec<ClusterError> = by_cluster
        .into_iter()
        .filter_map(|(cluster, parts)| {
            let total: usize = parts.values().sum();
            let together: usize = parts
                .iter()
                .filter(|(c, _)| c.is_some())
                .map(|(_, &n)| pairs(n))
                .sum();
            let apart = pairs(total) - together;
            let mut parts: Vec<(Option<&str>, usize)> = parts.into_iter().collect();
            parts.sort_by_key(|&(c, n)| (c.is_none(), std::cmp::Reverse(n), c));
            let parts = parts
                .into_iter()
                .map(|(c, units)| ClusterPart {
                    cluster: c.map(str::to_owned),
                    units,
                })
                .collect();
            (apart > 0).then(|| ClusterError {
                cluster: cluster.to_owned(),
                pairs: apart,
                parts,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.pairs
            .cmp(&a.pairs)
            .then_with(|| a.cluster.cmp(&b.cluster))
    });
    out
}

/// Macro-F1 of `(gold, predicted)` label pairs: the mean F1 over the labels
/// that occur on either side; 0 when there are no pairs.
pub fn label_macro_f1(pairs: &[(&str, &str)]) -> f64 {
    let labels: BTreeSet<&str> = pairs.iter().flat_map(|&(g, p)| [g, p]).collect();
    if labels.is_empty() {
        return 0.0;
    }
    labels
        .iter()
        .map(|label| {
            let tp = pairs
                .iter()
                .filter(|(g, p)| g == label && p == label)
                .count();
            let gold_n = pairs.iter().filter(|(g, _)| g == label).count();
            let pred_n = pairs.iter().filter(|(_, p)| p == label).count();
            f1(ratio(tp, pred_n), ratio(tp, gold_n))
        })
        .sum::<f64>()
        / labels.len() as f64
}

/// Pairwise agreement of two groupings over `items`: `same(a, b)` tells
/// whether gold and prediction put the pair together; returns true
/// positives, false positives and false negatives over all pairs.
fn pairwise<T>(items: &[T], same: impl Fn(&T, &T) -> (bool, bool)) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (k, a) in items.iter().enumerate() {
        for b in &items[k + 1..] {
            match same(a, b) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
    }
    (tp, fp, fn_)
}

/// Format a value with `decimals` decimals, never as negative zero.
fn fixed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_owned()
    } else {
        s
    }
}

/// Fold white space and cut a text to at most `max` characters.
fn excerpt(text: &str, max: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        folded
    } else {
        let cut: String = folded.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// How many mismatches [`render_text`] lists.
pub const MISMATCHES_SHOWN: usize = 40;

/// A human-readable report: the metrics (value to 3 decimals, and n), the
/// label confusion matrix, the unmatched gold units, then the first
/// [`MISMATCHES_SHOWN`] mismatches.
pub fn render_text(ev: &Evaluation) -> String {
    let mut out = String::new();
    let name_width = ev
        .metrics
        .iter()
        .map(|m| m.name.len())
        .max()
        .unwrap_or(0)
        .max("metric".len());
    let _ = writeln!(out, "{:<name_width$}  {:>6}  {:>5}", "metric", "value", "n");
    for m in &ev.metrics {
        let _ = writeln!(
            out,
            "{:<name_width$}  {:>6}  {:>5}",
            m.name,
            fixed(m.value, 3),
            m.n
        );
    }

    out.push_str("\nlabel confusion (rows: gold, columns: predicted)\n");
    let corner = "gold \\ predicted";
    let row_width = Confusion::LABELS
        .iter()
        .map(|l| l.len())
        .max()
        .unwrap_or(0)
        .max(corner.len());
    let _ = write!(out, "{corner:<row_width$}");
    for l in Confusion::LABELS {
        let _ = write!(out, "  {l:>11}");
    }
    out.push('\n');
    for (g, l) in Confusion::LABELS.iter().enumerate() {
        let _ = write!(out, "{l:<row_width$}");
        for count in ev.confusion.counts[g] {
            let _ = write!(out, "  {count:>11}");
        }
        out.push('\n');
    }

    if !ev.rule_firings.is_empty() {
        let width = ev
            .rule_firings
            .iter()
            .map(|r| r.rule.len())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            out,
            "\nrules on gold claims and questions (hedge precision = on hedged / all)"
        );
        let _ = writeln!(
            out,
            "{:<width$}  {:>9}  {:>10}  {:>9}",
            "rule", "on hedged", "on certain", "precision"
        );
        for r in &ev.rule_firings {
            let _ = writeln!(
                out,
                "{:<width$}  {:>9}  {:>10}  {:>9}",
                r.rule,
                r.on_hedged,
                r.on_certain,
                fixed(r.hedge_precision(), 3)
            );
        }
    }

    render_cluster_errors(&mut out, &ev.cluster_errors);

    let _ = writeln!(out, "\nunmatched gold units: {}", ev.unmatched.len());
    for u in &ev.unmatched {
        let _ = writeln!(
            out,
            "  {} line {}: {}: {}",
            u.doc,
            u.line,
            u.reason,
            excerpt(&u.text, 100)
        );
    }

    let shown = ev.mismatches.len().min(MISMATCHES_SHOWN);
    let _ = write!(out, "\nmismatches: {}", ev.mismatches.len());
    if shown < ev.mismatches.len() {
        let _ = write!(out, " (first {shown} shown)");
    }
    out.push('\n');
    for m in &ev.mismatches[..shown] {
        let _ = writeln!(
            out,
            "  {} line {}: gold {}/{}, predicted {}/{} ({}): {}",
            m.doc,
            m.line,
            m.gold_kind,
            m.gold_label.as_deref().unwrap_or("-"),
            m.pred_kind,
            m.pred_label,
            fixed(m.certainty, 2),
            excerpt(&m.text, 100)
        );
    }
    out
}

/// The split gold clusters and the merging predicted clusters, one line
/// each: key, pairs, and where its units are on the other side.
fn render_cluster_errors(out: &mut String, errors: &ClusterErrors) {
    let sections = [
        (
            &errors.split,
            "gold clusters split (missed: pairs of the cluster that the prediction puts apart)",
            "gold cluster",
            "missed",
            "predicted clusters of its units",
        ),
        (
            &errors.merged,
            "predicted clusters merging (wrong: pairs of the cluster that the gold puts apart)",
            "predicted",
            "wrong",
            "gold clusters of its units",
        ),
    ];
    for (list, title, first, count, where_) in sections {
        if list.is_empty() {
            continue;
        }
        let width = list
            .iter()
            .map(|e| e.cluster.chars().count())
            .max()
            .unwrap_or(0)
            .max(first.len());
        let _ = writeln!(out, "\n{title}");
        let _ = writeln!(out, "{first:<width$}  {count:>6}  {where_}");
        for e in list {
            let parts: Vec<String> = e
                .parts
                .iter()
                .map(|p| format!("{} ({})", p.cluster.as_deref().unwrap_or("none"), p.units))
                .collect();
            let _ = writeln!(
                out,
                "{:<width$}  {:>6}  {}",
                e.cluster,
                e.pairs,
                parts.join(", ")
            );
        }
    }
}

/// The metrics as CSV: header `metric,value,n`, one row per metric, value
/// with 4 decimals.
pub fn render_csv(ev: &Evaluation) -> String {
    let mut out = String::from("metric,value,n\n");
    for m in &ev.metrics {
        let _ = writeln!(out, "{},{},{}", m.name, fixed(m.value, 4), m.n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::read_gold;
    use std::path::Path;

    const METRICS: [&str; 18] = [
        "kind_accuracy",
        "hedge_precision",
        "hedge_recall",
        "hedge_f1",
        "label_accuracy",
        "label_macro_f1",
        "certainty_spearman",
        "source_recall",
        "source_precision",
        "figure_precision",
        "figure_recall",
        "cluster_precision",
        "cluster_recall",
        "cluster_f1",
        "clusters_3docs_found",
        "topic_precision",
        "topic_recall",
        "topic_f1",
    ];

    fn seeds() -> (Gold, BTreeMap<String, String>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let gold = read_gold(&root.join("tests/data/gold")).unwrap();
        let mut texts = BTreeMap::new();
        for entry in std::fs::read_dir(root.join("corpus/nk-troops-2024")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let id = path.file_stem().unwrap().to_string_lossy().into_owned();
                texts.insert(id, std::fs::read_to_string(&path).unwrap());
            }
        }
        (gold, texts)
    }

    fn score(label: &str) -> f64 {
        match label {
            "certain" => 0.95,
            "probable" => 0.75,
            "possible" => 0.5,
            _ => 0.25,
        }
    }

    /// One predicted unit per gold sentence, carrying the gold's own labels.
    fn perfect(gold: &Gold, texts: &BTreeMap<String, String>) -> Vec<PredUnit> {
        let mut cursors: BTreeMap<&str, usize> = BTreeMap::new();
        gold.sentences
            .iter()
            .map(|s| {
                let body = &texts[&s.doc];
                let cursor = cursors.entry(s.doc.as_str()).or_default();
                let start = *cursor + body[*cursor..].find(&s.text).expect("gold text in doc");
                let end = start + s.text.len();
                *cursor = end;
                let label = s.certainty.clone().unwrap_or_else(|| "certain".to_owned());
                PredUnit {
                    doc: s.doc.clone(),
                    start,
                    end,
                    kind: s.kind.clone(),
                    certainty: score(&label),
                    hedged: label != "certain",
                    label,
                    source: s.source.clone(),
                    figures: gold
                        .figures
                        .iter()
                        .filter(|f| f.doc == s.doc && f.text == s.text)
                        .map(|f| (f.value, f.unit.clone()))
                        .collect(),
                    cluster: gold
                        .clusters
                        .iter()
                        .find(|c| c.doc == s.doc && c.text == s.text)
                        .map(|c| c.cluster.clone()),
                    figure_topics: gold
                        .figures
                        .iter()
                        .filter(|f| f.doc == s.doc && f.text == s.text)
                        .map(|f| Some(f.topic.clone()))
                        .collect(),
                    rules: Vec::new(),
                }
            })
            .collect()
    }

    fn value(ev: &Evaluation, name: &str) -> f64 {
        ev.metric(name).expect(name).value
    }

    fn n(ev: &Evaluation, name: &str) -> usize {
        ev.metric(name).expect(name).n
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        let (gold, texts) = seeds();
        let pred = perfect(&gold, &texts);
        let ev = evaluate(&gold, &texts, &pred);
        assert!(ev.unmatched.is_empty(), "{:?}", ev.unmatched);
        assert!(ev.mismatches.is_empty());
        let names: Vec<&str> = ev.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, METRICS);
        for m in &ev.metrics {
            assert!((m.value - 1.0).abs() < 1e-12, "{} = {}", m.name, m.value);
        }
        assert_eq!(n(&ev, "kind_accuracy"), 110);
        assert_eq!(n(&ev, "hedge_precision"), 41);
        assert_eq!(n(&ev, "hedge_recall"), 41);
        assert_eq!(n(&ev, "hedge_f1"), 86);
        assert_eq!(n(&ev, "label_accuracy"), 86);
        assert_eq!(n(&ev, "certainty_spearman"), 86);
        assert_eq!(n(&ev, "source_recall"), 34);
        assert_eq!(n(&ev, "source_precision"), 34);
        assert_eq!(n(&ev, "figure_precision"), 11);
        assert_eq!(n(&ev, "figure_recall"), 11);
        assert_eq!(
            ev.confusion.counts,
            [[45, 0, 0, 0], [0, 7, 0, 0], [0, 0, 23, 0], [0, 0, 0, 11]]
        );
        assert_eq!(ev.cluster_errors, ClusterErrors::default());
    }

    #[test]
    fn cluster_errors_name_the_merge_and_the_split_and_add_up_to_the_scores() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        // Merge the two containers sentences into the June pact cluster, and
        // take one troop-count sentence out of its cluster.
        let mut taken = false;
        for p in &mut pred {
            match p.cluster.as_deref() {
                Some("nk_containers_to_russia") => p.cluster = Some("june_defense_pact".into()),
                Some("nk_troop_count_in_russia") if !taken => {
                    p.cluster = None;
                    taken = true;
                }
                _ => {}
            }
        }
        let ev = evaluate(&gold, &texts, &pred);
        let part = |c: Option<&str>, units| ClusterPart {
            cluster: c.map(str::to_owned),
            units,
        };
        assert_eq!(
            ev.cluster_errors.merged,
            vec![ClusterError {
                cluster: "june_defense_pact".into(),
                pairs: 10,
                parts: vec![
                    part(Some("june_defense_pact"), 5),
                    part(Some("nk_containers_to_russia"), 2)
                ],
            }]
        );
        assert_eq!(
            ev.cluster_errors.split,
            vec![ClusterError {
                cluster: "nk_troop_count_in_russia".into(),
                pairs: 3,
                parts: vec![part(Some("nk_troop_count_in_russia"), 3), part(None, 1)],
            }]
        );
        // The listed pairs are the pairwise scores' false positives and
        // false negatives.
        let tp = (value(&ev, "cluster_precision") * n(&ev, "cluster_precision") as f64).round();
        let fp = n(&ev, "cluster_precision") - tp as usize;
        let fn_ = n(&ev, "cluster_recall") - tp as usize;
        assert_eq!((fp, fn_), (10, 3));
        let text = render_text(&ev);
        assert!(text.contains("gold clusters split"), "{text}");
        assert!(
            text.contains(
                "june_defense_pact      10  june_defense_pact (5), nk_containers_to_russia (2)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "nk_troop_count_in_russia       3  nk_troop_count_in_russia (3), none (1)"
            ),
            "{text}"
        );
    }

    #[test]
    fn all_certain_without_hedges() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        for p in &mut pred {
            p.label = "certain".to_owned();
            p.hedged = false;
            p.certainty = 0.9;
        }
        let ev = evaluate(&gold, &texts, &pred);
        assert_eq!(value(&ev, "hedge_recall"), 0.0);
        assert_eq!(n(&ev, "hedge_recall"), 41);
        assert_eq!(
            (value(&ev, "hedge_precision"), n(&ev, "hedge_precision")),
            (0.0, 0)
        );
        assert_eq!(value(&ev, "hedge_f1"), 0.0);
        // 45 of 86 right.
        assert!((value(&ev, "label_accuracy") - 45.0 / 86.0).abs() < 1e-12);
        // Labels present: all four (gold). certain: P = 45/86, R = 1,
        // F1 = 90/131; the other three have no true positive: F1 = 0.
        // Mean = 90/524 = 45/262.
        assert!((value(&ev, "label_macro_f1") - 45.0 / 262.0).abs() < 1e-12);
        assert!(value(&ev, "label_macro_f1") < 1.0);
        assert_eq!(value(&ev, "certainty_spearman"), 0.0);
        assert_eq!(value(&ev, "kind_accuracy"), 1.0);
        assert_eq!(
            ev.confusion.counts,
            [[45, 0, 0, 0], [7, 0, 0, 0], [23, 0, 0, 0], [11, 0, 0, 0]]
        );
        assert_eq!(ev.mismatches.len(), 41);
    }

    #[test]
    fn split_unit_still_aligns_to_larger_part() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        // The first unit of 000 has two figures; split it at about a third,
        // the smaller first part with the wrong kind and no figures.
        let whole = pred.remove(0);
        let body = &texts[&whole.doc];
        let mut cut = whole.start + (whole.end - whole.start) / 3;
        while !body.is_char_boundary(cut) {
            cut += 1;
        }
        let mut first = whole.clone();
        first.end = cut;
        first.kind = "heading".to_owned();
        first.figures.clear();
        let mut second = whole;
        second.start = cut;
        pred.insert(0, second);
        pred.insert(0, first);
        let ev = evaluate(&gold, &texts, &pred);
        assert!(ev.unmatched.is_empty(), "{:?}", ev.unmatched);
        assert_eq!(value(&ev, "kind_accuracy"), 1.0);
        assert_eq!(value(&ev, "figure_recall"), 1.0);
        assert_eq!(n(&ev, "kind_accuracy"), 110);
    }

    #[test]
    fn ties_go_to_the_earlier_unit() {
        let texts = BTreeMap::from([("d".to_owned(), "abcdef".to_owned())]);
        let unit = |start, end, kind: &str| PredUnit {
            doc: "d".to_owned(),
            start,
            end,
            kind: kind.to_owned(),
            certainty: 1.0,
            label: "certain".to_owned(),
            hedged: false,
            source: None,
            figures: Vec::new(),
            ..Default::default()
        };
        // Listed out of order: the earlier span still wins the tie.
        let pred = vec![unit(3, 6, "b"), unit(0, 3, "a")];
        let got = align(&texts, &pred, &[("d", "abcdef"), ("d", "cd")]);
        assert_eq!(
            got[0],
            Ok(Aligned {
                start: 0,
                end: 6,
                pred: 1
            })
        );
        assert_eq!(
            got[1],
            Ok(Aligned {
                start: 2,
                end: 4,
                pred: 1
            })
        );
    }

    #[test]
    fn missing_document_lists_every_unit() {
        let (gold, mut texts) = seeds();
        let pred = perfect(&gold, &texts);
        texts.remove("003_882d11a7433771bd");
        let ev = evaluate(&gold, &texts, &pred);
        let sentences = gold
            .sentences
            .iter()
            .filter(|s| s.doc == "003_882d11a7433771bd")
            .count();
        let figures = gold
            .figures
            .iter()
            .filter(|f| f.doc == "003_882d11a7433771bd")
            .count();
        let clusters = gold
            .clusters
            .iter()
            .filter(|c| c.doc == "003_882d11a7433771bd")
            .count();
        assert_eq!(sentences, 14);
        assert_eq!(ev.unmatched.len(), sentences + figures + clusters);
        assert!(ev
            .unmatched
            .iter()
            .all(|u| u.doc == "003_882d11a7433771bd" && u.reason.ends_with(DOC_MISSING)));
        assert_eq!(ev.unmatched[0].reason, DOC_MISSING);
        assert_eq!(n(&ev, "kind_accuracy"), 110 - 14);
        assert_eq!(value(&ev, "kind_accuracy"), 1.0);
        assert!(render_text(&ev).contains(DOC_MISSING));
    }

    #[test]
    fn text_not_found_and_no_overlap() {
        let texts = BTreeMap::from([("d".to_owned(), "Un titre\nUne phrase.".to_owned())]);
        let pred = vec![PredUnit {
            doc: "d".to_owned(),
            start: 0,
            end: 8,
            kind: "heading".to_owned(),
            certainty: 1.0,
            label: "certain".to_owned(),
            hedged: false,
            source: None,
            figures: Vec::new(),
            ..Default::default()
        }];
        let got = align(
            &texts,
            &pred,
            &[("d", "Un titre"), ("d", "Une phrase."), ("d", "Absente.")],
        );
        assert!(got[0].is_ok());
        assert_eq!(got[1], Err(NO_OVERLAP));
        assert_eq!(got[2], Err(TEXT_NOT_FOUND));
    }

    #[test]
    fn locate_folds_white_space() {
        let body = "Titre\n\nUne  phrase\u{a0}longue.\nFin.";
        let (s, e) = locate(body, "Une phrase longue.", 0).unwrap();
        assert_eq!(&body[s..e], "Une  phrase\u{a0}longue.");
        let (s, e) = locate(body, "Titre Une phrase", 0).unwrap();
        assert_eq!(&body[s..e], "Titre\n\nUne  phrase");
        assert_eq!(locate(body, "Titre", 1), None);
        assert_eq!(locate("é é", "é", 1), Some((3, 5)));
        // Exact match is searched first, from the cursor.
        assert_eq!(locate("a. a.", "a.", 1), Some((3, 5)));
    }

    #[test]
    fn repeated_text_is_found_in_order() {
        let texts = BTreeMap::from([("d".to_owned(), "Oui. Non. Oui.".to_owned())]);
        let unit = |start, end| PredUnit {
            doc: "d".to_owned(),
            start,
            end,
            kind: "claim".to_owned(),
            certainty: 1.0,
            label: "certain".to_owned(),
            hedged: false,
            source: None,
            figures: Vec::new(),
            ..Default::default()
        };
        let pred = vec![unit(0, 4), unit(5, 9), unit(10, 14)];
        let got = align(
            &texts,
            &pred,
            &[("d", "Oui."), ("d", "Non."), ("d", "Oui.")],
        );
        let preds: Vec<usize> = got.iter().map(|a| a.unwrap().pred).collect();
        assert_eq!(preds, vec![0, 1, 2]);
    }

    #[test]
    fn source_matching() {
        assert!(source_matches(
            "Kim Yong-kyun",
            "le ministre de la Défense sud-coréen, Kim Yong-kyun"
        ));
        assert!(source_matches(
            "le Service national de renseignement sud-coréen",
            "le Service national de renseignement sud-coréen (NIS)"
        ));
        assert!(source_matches(
            "le Service national de renseignement sud-coréen (NIS)",
            "Service national de renseignement sud-coreen"
        ));
        assert!(source_matches("Le Pentagone", "pentagone"));
        assert!(source_matches("l’armée russe", "L'Armée russe"));
        assert!(source_matches("des experts", "experts"));
        assert!(source_matches("the Pentagon", "Pentagon"));
        assert!(!source_matches("Hong Min", "Kim Jong-un"));
        assert!(!source_matches("Kim", "Kimberly Jones"));
        assert!(!source_matches("Kim Jong-un", "Kim Yong-kyun"));
        assert!(!source_matches("", "Hong Min"));
        assert!(!source_matches("Hong Min", " , "));
    }

    #[test]
    fn unit_folding() {
        assert_eq!(unit_key("Soldats"), "soldat");
        assert_eq!(unit_key("militaire"), "militaire");
        assert_eq!(unit_key("Réseaux"), "reseau");
        assert!(same_figure(1500.0, "soldat", 1500.0000001, "soldats"));
        assert!(!same_figure(1500.0, "soldat", 1501.0, "soldat"));
    }

    #[test]
    fn wrong_and_extra_figures() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        let i = pred
            .iter()
            .position(|p| p.figures.len() == 2)
            .expect("unit with two figures");
        // One gold figure predicted with the wrong value, one extra figure.
        pred[i].figures[1].0 += 1.0;
        pred[i].figures.push((7.0, "soldats".to_owned()));
        let ev = evaluate(&gold, &texts, &pred);
        assert_eq!(n(&ev, "figure_precision"), 12);
        assert!((value(&ev, "figure_precision") - 10.0 / 12.0).abs() < 1e-12);
        assert!((value(&ev, "figure_recall") - 10.0 / 11.0).abs() < 1e-12);
    }

    #[test]
    fn source_and_kind_errors() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        // A wrong source on a sourced unit, a source where gold has none.
        let sourced = pred.iter().position(|p| p.source.is_some()).unwrap();
        pred[sourced].source = Some("Kim Jong-un".to_owned());
        let unsourced = pred
            .iter()
            .position(|p| p.source.is_none() && p.kind == "claim")
            .unwrap();
        pred[unsourced].source = Some("des experts".to_owned());
        let heading = pred.iter().position(|p| p.kind == "heading").unwrap();
        pred[heading].kind = "claim".to_owned();
        let ev = evaluate(&gold, &texts, &pred);
        assert!((value(&ev, "source_recall") - 33.0 / 34.0).abs() < 1e-12);
        assert_eq!(n(&ev, "source_precision"), 35);
        assert!((value(&ev, "source_precision") - 33.0 / 35.0).abs() < 1e-12);
        assert!((value(&ev, "kind_accuracy") - 109.0 / 110.0).abs() < 1e-12);
        assert_eq!(ev.mismatches.len(), 1);
        assert_eq!(ev.mismatches[0].gold_kind, "heading");
        assert_eq!(ev.mismatches[0].gold_label, None);
    }

    #[test]
    fn spearman_with_ties() {
        // Ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]; centred:
        // dx = [-1.5, 0, 0, 1.5], dy = [-1.5, 0.5, -0.5, 1.5];
        // r = 4.5 / sqrt(4.5 * 5) = sqrt(0.9).
        let r = spearman(&[0.1, 0.5, 0.5, 0.9], &[0.0, 2.0, 1.0, 3.0]);
        assert!((r - 0.9f64.sqrt()).abs() < 1e-12, "{r}");
        assert_eq!(
            average_ranks(&[3.0, 1.0, 3.0, 3.0]),
            vec![3.0, 1.0, 3.0, 3.0]
        );
        assert_eq!(average_ranks(&[2.0, 2.0, 1.0]), vec![2.5, 2.5, 1.0]);
        assert!((spearman(&[1.0, 2.0, 3.0], &[30.0, 20.0, 10.0]) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&[0.5, 0.5, 0.5], &[0.0, 1.0, 2.0]), 0.0);
        assert_eq!(spearman(&[0.5], &[1.0]), 0.0);
        assert_eq!(spearman(&[], &[]), 0.0);
    }

    #[test]
    fn reports_are_deterministic_and_shaped() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        for p in pred.iter_mut().filter(|p| p.label == "possible") {
            p.label = "probable".to_owned();
        }
        let ev = evaluate(&gold, &texts, &pred);
        let csv = render_csv(&ev);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 19);
        assert_eq!(lines[0], "metric,value,n");
        assert_eq!(lines[1], "kind_accuracy,1.0000,110");
        assert!(lines.iter().skip(1).all(|l| l.split(',').count() == 3));
        let text = render_text(&ev);
        assert_eq!(text, render_text(&evaluate(&gold, &texts, &pred)));
        assert!(text.contains("kind_accuracy"));
        assert!(text.contains("label_accuracy"));
        assert!(text.contains("gold \\ predicted"));
        assert!(text.contains("unmatched gold units: 0"));
        assert!(text.contains("mismatches: 23"));
        assert!(text.contains("gold claim/possible, predicted claim/probable"));
        assert_eq!(ev.confusion.get("possible", "probable"), 23);
    }

    #[test]
    fn mismatch_list_is_capped_in_text() {
        let (gold, texts) = seeds();
        let mut pred = perfect(&gold, &texts);
        for p in &mut pred {
            p.kind = "boilerplate".to_owned();
        }
        let ev = evaluate(&gold, &texts, &pred);
        assert_eq!(ev.mismatches.len(), 110 - 15);
        let text = render_text(&ev);
        assert!(text.contains("mismatches: 95 (first 40 shown)"));
        let listed = text
            .lines()
            .skip_while(|l| !l.starts_with("mismatches"))
            .skip(1)
            .count();
        assert_eq!(listed, MISMATCHES_SHOWN);
    }

    #[test]
    fn fixed_never_prints_negative_zero() {
        assert_eq!(fixed(-0.00001, 4), "0.0000");
        assert_eq!(fixed(-0.5, 3), "-0.500");
    }
}
