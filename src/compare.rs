//! Compare sources: per cluster (who states it, how firmly, with which
//! stance, how much they agree), per pair of sources, overall agreement
//! (Krippendorff's alpha with a bootstrap interval), and each source's
//! credibility profile.
//!
//! A source is a document's outlet, or the document id when the outlet is
//! unknown; documents of one outlet make one source.

use crate::align::{Alignment, Stance};
use crate::claims::{Analyzers, DocAnalysis, Kind, Label};
use crate::credibility::{profile, CredibilityWeights, Profile, UnitFacts};
use crate::load::Document;
use crate::rules::Category;
use crate::stats::{alpha_bootstrap, Alpha};
use serde::Serialize;
use std::collections::BTreeMap;

/// Bootstrap replicates of the alpha interval.
pub const ALPHA_REPS: usize = 1000;
/// Seed of the bootstrap (fixed so that reports are reproducible).
pub const ALPHA_SEED: u64 = 20241125;

/// One source's part in a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Mean certainty of the source's members.
    pub certainty: f64,
    /// The weakest stance among its members (conflict, then hedge, then agree).
    pub stance: Stance,
}

/// A cluster seen across sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterSummary {
    /// Index into `Alignment::clusters`.
    pub index: usize,
    /// Cluster id.
    pub id: String,
    /// Text of the first member (the claim the cluster is about).
    pub text: String,
    /// One cell per source (None where the source is silent).
    pub cells: Vec<Option<Cell>>,
    /// Number of sources stating it.
    pub coverage: usize,
    /// Mean certainty over its sources.
    pub mean_certainty: f64,
    /// Highest minus lowest certainty.
    pub spread: f64,
    /// Members in conflict.
    pub conflicts: usize,
    /// Agreement in [0, 1]: share of sources not in conflict × (1 − spread).
    pub agreement: f64,
    /// Mean similarity of members from different documents (see
    /// [`crate::align::Cluster::cohesion`]).
    pub cohesion: f64,
    /// The cluster's links are weak (cohesion below `weak_link`).
    pub weak: bool,
    /// Its documents are in more than one language.
    pub cross_language: bool,
}

/// Two sources compared over the clusters they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairSummary {
    /// First source.
    pub a: String,
    /// Second source.
    pub b: String,
    /// Clusters both state.
    pub shared: usize,
    /// Mean absolute difference of certainty over shared clusters.
    pub mean_certainty_diff: f64,
    /// Shared clusters in which one of them is in conflict.
    pub conflicts: usize,
}

/// Everything the cross-source reports show.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Source names, sorted.
    pub sources: Vec<String>,
    /// Source index of each document.
    pub doc_source: Vec<usize>,
    /// Clusters, in cluster order.
    pub clusters: Vec<ClusterSummary>,
    /// Every pair of sources, in order.
    pub pairs: Vec<PairSummary>,
    /// Krippendorff's alpha (interval) over sources × clusters.
    pub alpha: Alpha,
    /// Credibility profile of each source, in source order.
    pub profiles: Vec<Profile>,
}

fn weaker(a: Stance, b: Stance) -> Stance {
    a.max(b)
}

/// The source name of a document.
pub fn source_name(doc: &Document) -> String {
    doc.meta.outlet.clone().unwrap_or_else(|| doc.id.clone())
}

/// Compare sources over aligned claims.
pub fn compare(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
    alignment: &Alignment,
) -> Comparison {
    let mut names: Vec<String> = docs.iter().map(source_name).collect();
    names.sort();
    names.dedup();
    let doc_source: Vec<usize> = docs
        .iter()
        .map(|d| names.binary_search(&source_name(d)).unwrap_or(0))
        .collect();

    // Clusters × sources.
    let mut clusters = Vec::with_capacity(alignment.clusters.len());
    for (index, c) in alignment.clusters.iter().enumerate() {
        let mut acc: Vec<Option<(f64, usize, Stance)>> = vec![None; names.len()];
        for m in &c.members {
            let s = doc_source[m.doc];
            let cert = analyses[m.doc].units[m.unit].certainty;
            acc[s] = Some(match acc[s] {
                None => (cert, 1, m.stance),
                Some((sum, n, st)) => (sum + cert, n + 1, weaker(st, m.stance)),
            });
        }
        let cells: Vec<Option<Cell>> = acc
            .into_iter()
            .map(|a| {
                a.map(|(sum, n, stance)| Cell {
                    certainty: sum / n as f64,
                    stance,
                })
            })
            .collect();
        let present: Vec<&Cell> = cells.iter().flatten().collect();
        let coverage = present.len();
        let mean = present.iter().map(|c| c.certainty).sum::<f64>() / coverage.max(1) as f64;
        let max = present
            .iter()
            .map(|c| c.certainty)
            .fold(f64::NEG_INFINITY, f64::max);
        let min = present
            .iter()
            .map(|c| c.certainty)
            .fold(f64::INFINITY, f64::min);
        let spread = if coverage > 0 { max - min } else { 0.0 };
        let conflicted = present
            .iter()
            .filter(|c| c.stance == Stance::Conflict)
            .count();
        let conflicts = c
            .members
            .iter()
            .filter(|m| m.stance == Stance::Conflict)
            .count();
        let first = &c.members[0];
        let unit = &analyses[first.doc].units[first.unit];
        clusters.push(ClusterSummary {
            index,
            id: c.id.clone(),
            text: docs[first.doc].text[unit.start..unit.end].to_string(),
            coverage,
            mean_certainty: mean,
            spread,
            conflicts,
            agreement: (1.0 - conflicted as f64 / coverage.max(1) as f64) * (1.0 - spread),
            cells,
            cohesion: c.cohesion,
            weak: c.weak,
            cross_language: c.cross_language(),
        });
    }

    // Pairs of sources.
    let mut pairs = Vec::new();
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            let shared: Vec<(&Cell, &Cell)> = clusters
                .iter()
                .filter_map(|c| match (&c.cells[a], &c.cells[b]) {
                    (Some(x), Some(y)) => Some((x, y)),
                    _ => None,
                })
                .collect();
            let diff = shared
                .iter()
                .map(|(x, y)| (x.certainty - y.certainty).abs())
                .sum::<f64>()
                / shared.len().max(1) as f64;
            pairs.push(PairSummary {
                a: names[a].clone(),
                b: names[b].clone(),
                shared: shared.len(),
                mean_certainty_diff: diff,
                conflicts: shared
                    .iter()
                    .filter(|(x, y)| x.stance == Stance::Conflict || y.stance == Stance::Conflict)
                    .count(),
            });
        }
    }

    let matrix: Vec<Vec<Option<f64>>> = clusters
        .iter()
        .map(|c| {
            c.cells
                .iter()
                .map(|x| x.as_ref().map(|x| x.certainty))
                .collect()
        })
        .collect();
    let alpha = alpha_bootstrap(&matrix, ALPHA_REPS, ALPHA_SEED);
    let profiles = profiles(analyzers, docs, analyses, alignment, &names, &doc_source);
    Comparison {
        sources: names,
        doc_source,
        clusters,
        pairs,
        alpha,
        profiles,
    }
}

/// Credibility profiles: the facts of every unit of each source's documents.
fn profiles(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
    alignment: &Alignment,
    names: &[String],
    doc_source: &[usize],
) -> Vec<Profile> {
    let mut facts: BTreeMap<usize, Vec<UnitFacts>> = BTreeMap::new();
    let mut doc_count = vec![0usize; names.len()];
    let mut weights: Vec<Option<CredibilityWeights>> = vec![None; names.len()];
    // Per cluster: its distinct sources and the sources that hedge it.
    let cluster_sources: Vec<(Vec<usize>, Vec<usize>)> = alignment
        .clusters
        .iter()
        .map(|c| {
            let mut all: Vec<usize> = c.members.iter().map(|m| doc_source[m.doc]).collect();
            all.sort_unstable();
            all.dedup();
            let mut hedging: Vec<usize> = c
                .members
                .iter()
                .filter(|m| m.stance == Stance::Hedge)
                .map(|m| doc_source[m.doc])
                .collect();
            hedging.sort_unstable();
            hedging.dedup();
            (all, hedging)
        })
        .collect();
    let mut stance_of: BTreeMap<(usize, usize), Stance> = BTreeMap::new();
    for c in &alignment.clusters {
        for m in &c.members {
            stance_of.insert((m.doc, m.unit), m.stance);
        }
    }
    for (d, (doc, an)) in docs.iter().zip(analyses).enumerate() {
        let s = doc_source[d];
        doc_count[s] += 1;
        let rules = &analyzers.get(doc.lang).rules;
        weights[s].get_or_insert_with(|| CredibilityWeights {
            bias: rules.credibility.bias,
            weights: rules.credibility.weights.clone(),
        });
        let ids = |list: &[String]| -> Vec<usize> {
            list.iter().filter_map(|id| rules.index_of(id)).collect()
        };
        let opinion = ids(&rules.credibility.opinion_rules);
        let solicit = ids(&rules.credibility.solicitation_rules);
        for (u, unit) in an.units.iter().enumerate() {
            let fired = |cat: Category| {
                unit.hits
                    .iter()
                    .any(|h| rules.rules[h.rule].category == cat)
            };
            let cluster = alignment.cluster_of[d][u].map(|c| &cluster_sources[c]);
            let stance = stance_of.get(&(d, u)).copied();
            let others_hedge = cluster.is_some_and(|(_, hedging)| hedging.iter().any(|&h| h != s));
            facts.entry(s).or_default().push(UnitFacts {
                is_claim: unit.kind == Kind::Claim,
                is_question: unit.kind == Kind::Question,
                is_boilerplate: unit.kind == Kind::Boilerplate,
                is_disclaimer: unit.kind == Kind::Disclaimer,
                is_heading_or_title: u == 0 || unit.kind == Kind::Heading,
                hedged: unit.hedged(),
                conditional: unit.hits.iter().any(|h| rules.rules[h.rule].borrowed)
                    && fired(Category::Conditional),
                attributed: unit.source.is_some(),
                named_source: unit
                    .source
                    .as_ref()
                    .is_some_and(|x| x.kind == crate::claims::attribution::SourceKind::Named),
                vague_source: unit
                    .source
                    .as_ref()
                    .is_some_and(|x| x.kind == crate::claims::attribution::SourceKind::Vague),
                opinion_disclaimer: unit.hits.iter().any(|h| opinion.contains(&h.rule)),
                solicitation: unit.hits.iter().any(|h| solicit.contains(&h.rule)),
                certainty: unit.certainty,
                corroborated: cluster.is_some_and(|(all, _)| all.iter().any(|&x| x != s)),
                in_conflict: stance == Some(Stance::Conflict),
                overclaim: unit.kind == Kind::Claim && unit.label == Label::Certain && others_hedge,
            });
        }
    }
    names
        .iter()
        .enumerate()
        .map(|(s, name)| {
            let w = weights[s].clone().unwrap_or_default();
            profile(
                name,
                doc_count[s],
                facts.get(&s).map(Vec::as_slice).unwrap_or(&[]),
                &w,
            )
        })
        .collect()
}
