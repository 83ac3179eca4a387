//! Align claims across documents: claims that state the same fact are put in
//! one cluster, each member with a stance (agree, hedge, conflict); figures
//! are grouped by topic (see [`figures`]).
//!
//! Each claim becomes a set of weighted features: word stems without stop
//! words, concept groups from the rules file (so "soldats" and "troupes"
//! match), capitalised words (names, places) and figures weighted higher.
//! Candidate pairs come from an inverted index over features that are not too
//! common (never all pairs); a pair from two documents is linked when its
//! IDF-weighted Jaccard similarity reaches the rules file's threshold, and
//! linked claims form clusters. Identical feature sets are merged first, so
//! repeated wire copy costs one node.

pub mod figures;

use crate::claims::{Analyzers, DocAnalysis, Kind, Polarity};
use crate::fold::fold;
use crate::load::{Document, Lang};
use crate::rules::{AlignConfig, RuleSet};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// How a member of a cluster states the cluster's fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Asserts it as certain.
    Agree,
    /// Asserts it with lower certainty.
    Hedge,
    /// Gives a different figure for the same quantity, or denies it.
    Conflict,
}

impl Stance {
    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Hedge => "hedge",
            Stance::Conflict => "conflict",
        }
    }
}

/// A claim in a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Index of the document in the input.
    pub doc: usize,
    /// Index of the unit in its document.
    pub unit: usize,
    /// Its stance.
    pub stance: Stance,
}

/// Claims of at least two documents that state the same fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Stable id, `c` + number, in order of first member.
    pub id: String,
    /// Members in document order.
    pub members: Vec<Member>,
}

/// The result of alignment.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Clusters in order of their first member.
    pub clusters: Vec<Cluster>,
    /// For every document and unit, the index of its cluster.
    pub cluster_of: Vec<Vec<Option<usize>>>,
    /// Figure topics.
    pub topics: Vec<figures::Topic>,
}

/// Per-language feature extraction.
struct Features {
    stemmer: Stemmer,
    stop: HashSet<String>,
    concepts: HashMap<String, String>,
    time_frames: HashMap<String, String>,
    cfg: AlignConfig,
}

impl Features {
    fn new(rules: &RuleSet) -> Features {
        let stemmer = Stemmer::create(match rules.lang {
            Lang::Fr => Algorithm::French,
            Lang::En => Algorithm::English,
        });
        let mut concepts = HashMap::new();
        for (concept, words) in &rules.concepts {
            for w in words {
                for token in fold(w)
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty())
                {
                    concepts.insert(stemmer.stem(token).into_owned(), concept.clone());
                }
            }
        }
        Features {
            stop: rules
                .align
                .stop_words
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            concepts,
            time_frames: rules
                .figures
                .time_frames
                .iter()
                .map(|(w, f)| (fold(w).text, f.clone()))
                .collect(),
            cfg: rules.align.clone(),
            stemmer,
        }
    }

    /// Features of a unit's text: (key, type weight).
    fn extract(
        &self,
        text: &str,
        figures: &[crate::claims::figures::Figure],
    ) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = Vec::new();
        let mut first = true;
        for token in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            let capital = token.chars().next().is_some_and(char::is_uppercase);
            let folded = fold(token).text;
            if token.chars().all(|c| c.is_ascii_digit()) {
                first = false;
                continue;
            }
            if self.stop.contains(&folded) || folded.chars().count() < 3 {
                first = false;
                continue;
            }
            let stem = self.stemmer.stem(&folded).into_owned();
            let feature = match self.concepts.get(&stem) {
                Some(c) => (format!("c:{c}"), self.cfg.concept_weight),
                None if capital && !first => (format!("n:{stem}"), self.cfg.name_weight),
                None => (format!("s:{stem}"), 1.0),
            };
            out.push(feature);
            first = false;
        }
        // Pairs of concepts stand for the proposition ("troops" + "deployment").
        let mut concepts: Vec<&str> = out
            .iter()
            .filter_map(|(k, _)| k.strip_prefix("c:"))
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        let mut pairs = Vec::new();
        for (i, a) in concepts.iter().enumerate() {
            for b in &concepts[i + 1..] {
                pairs.push((format!("p:{a}+{b}"), self.cfg.concept_pair_weight));
            }
        }
        out.extend(pairs);
        for f in figures {
            if !f.vague {
                out.push((
                    format!("#:{}", crate::claims::figures::format_value(f.value)),
                    self.cfg.number_weight,
                ));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }
}

/// Feature extraction for each language, from the rules in use.
pub struct Aligner {
    fr: Features,
    en: Features,
}

impl Aligner {
    /// Build from the analysers' rules.
    pub fn new(analyzers: &Analyzers) -> Aligner {
        Aligner {
            fr: Features::new(&analyzers.get(Lang::Fr).rules),
            en: Features::new(&analyzers.get(Lang::En).rules),
        }
    }

    fn features(&self, lang: Lang) -> &Features {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// Cluster the claims of all documents and group their figures.
    pub fn align(&self, docs: &[Document], analyses: &[DocAnalysis]) -> Alignment {
        // 1. Claims and their features, interned.
        let mut interner: HashMap<String, u32> = HashMap::new();
        let mut type_weight: Vec<f64> = Vec::new();
        let mut claims: Vec<(usize, usize)> = Vec::new();
        let mut node_of_claim: Vec<usize> = Vec::new();
        let mut nodes: Vec<Vec<u32>> = Vec::new();
        let mut node_claims: Vec<Vec<usize>> = Vec::new();
        let mut node_index: HashMap<Vec<u32>, usize> = HashMap::new();
        for (d, (doc, an)) in docs.iter().zip(analyses).enumerate() {
            let feats = self.features(doc.lang);
            for (u, unit) in an.units.iter().enumerate() {
                if !matches!(unit.kind, Kind::Claim | Kind::Question) {
                    continue;
                }
                let fs = feats.extract(&doc.text[unit.start..unit.end], &unit.figures);
                if fs.len() < 2 {
                    continue;
                }
                let mut ids: Vec<u32> = fs
                    .into_iter()
                    .map(|(k, w)| {
                        let next = interner.len() as u32;
                        let id = *interner.entry(k).or_insert(next);
                        if id as usize == type_weight.len() {
                            type_weight.push(w);
                        }
                        id
                    })
                    .collect();
                ids.sort_unstable();
                let node = *node_index.entry(ids.clone()).or_insert_with(|| {
                    nodes.push(ids);
                    node_claims.push(Vec::new());
                    nodes.len() - 1
                });
                node_claims[node].push(claims.len());
                node_of_claim.push(node);
                claims.push((d, u));
            }
        }
        // 2. Document frequency over claims, IDF weights.
        let nf = type_weight.len();
        let mut df = vec![0usize; nf];
        for (n, fs) in nodes.iter().enumerate() {
            for &f in fs {
                df[f as usize] += node_claims[n].len();
            }
        }
        let total = claims.len().max(1) as f64;
        let weight: Vec<f64> = (0..nf)
            .map(|f| type_weight[f] * ((total + 1.0) / (df[f] as f64 + 1.0)).ln().max(0.0) + 1e-9)
            .collect();
        let node_weight: Vec<f64> = nodes
            .iter()
            .map(|fs| {
                fs.iter()
                    .map(|&f| weight[f as usize].powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        // 3. Inverted index over features that are not too common.
        let cfg = &self.fr.cfg;
        let threshold = cfg.link_threshold;
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); nf];
        for (n, fs) in nodes.iter().enumerate() {
            for &f in fs {
                if df[f as usize] <= cfg.max_postings {
                    postings[f as usize].push(n as u32);
                }
            }
        }
        // 4. Candidate pairs, exact similarity, links.
        let node_docs: Vec<Vec<usize>> = node_claims
            .iter()
            .map(|cs| {
                let mut ds: Vec<usize> = cs.iter().map(|&c| claims[c].0).collect();
                ds.dedup();
                ds
            })
            .collect();
        let mut sims: HashMap<(u32, u32), f64> = HashMap::new();
        let mut edges: Vec<(f64, u32, u32)> = Vec::new();
        let mut acc: HashMap<u32, f64> = HashMap::new();
        for a in 0..nodes.len() {
            acc.clear();
            for &f in &nodes[a] {
                for &b in &postings[f as usize] {
                    if (b as usize) > a {
                        *acc.entry(b).or_insert(0.0) += weight[f as usize];
                    }
                }
            }
            let mut cands: Vec<u32> = acc.keys().copied().collect();
            cands.sort_unstable();
            for b in cands {
                let bu = b as usize;
                if node_docs[a] == node_docs[bu] && node_docs[a].len() == 1 {
                    continue;
                }
                let dot: f64 = intersect_weight(&nodes[a], &nodes[bu], &weight);
                let norm = node_weight[a] * node_weight[bu];
                let sim = if norm > 0.0 { dot / norm } else { 0.0 };
                if sim >= threshold / 2.0 {
                    sims.insert((a as u32, b), sim);
                }
                if sim >= threshold {
                    edges.push((sim, a as u32, b));
                }
            }
        }
        // Average linkage over the candidate links, strongest first: two
        // groups merge only when their mean pairwise similarity reaches the
        // threshold, so a chain of weak links does not make one big cluster.
        edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut group: Vec<usize> = (0..nodes.len()).collect();
        let mut members: Vec<Vec<u32>> = (0..nodes.len() as u32).map(|n| vec![n]).collect();
        let pair_sim = |x: u32, y: u32| -> f64 {
            let key = if x < y { (x, y) } else { (y, x) };
            sims.get(&key).copied().unwrap_or(0.0)
        };
        for &(_, a, b) in &edges {
            let (ga, gb) = (group[a as usize], group[b as usize]);
            if ga == gb {
                continue;
            }
            let (ma, mb) = (&members[ga], &members[gb]);
            let total: f64 = ma
                .iter()
                .flat_map(|&x| mb.iter().map(move |&y| (x, y)))
                .map(|(x, y)| pair_sim(x, y))
                .sum();
            if total / (ma.len() * mb.len()) as f64 >= threshold {
                let (keep, gone) = if ma.len() >= mb.len() {
                    (ga, gb)
                } else {
                    (gb, ga)
                };
                let moved = std::mem::take(&mut members[gone]);
                for &n in &moved {
                    group[n as usize] = keep;
                }
                members[keep].extend(moved);
            }
        }
        // 5. Clusters: components spanning at least two documents.
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (c, &n) in node_of_claim.iter().enumerate() {
            groups.entry(group[n]).or_default().push(c);
        }
        let mut raw: Vec<Vec<(usize, usize)>> = groups
            .into_values()
            .map(|cs| {
                let mut m: Vec<(usize, usize)> = cs.iter().map(|&c| claims[c]).collect();
                m.sort_unstable();
                m
            })
            .filter(|m| {
                let mut ds: Vec<usize> = m.iter().map(|x| x.0).collect();
                ds.dedup();
                ds.len() >= 2
            })
            .collect();
        raw.sort();
        let topics = figures::topics(self, docs, analyses);
        let mut cluster_of: Vec<Vec<Option<usize>>> =
            analyses.iter().map(|a| vec![None; a.units.len()]).collect();
        let clusters: Vec<Cluster> = raw
            .into_iter()
            .enumerate()
            .map(|(i, members)| {
                for &(d, u) in &members {
                    cluster_of[d][u] = Some(i);
                }
                Cluster {
                    id: format!("c{:03}", i + 1),
                    members: stances(&members, analyses, &topics, cfg.conflict_ratio),
                }
            })
            .collect();
        Alignment {
            clusters,
            cluster_of,
            topics,
        }
    }

    /// The counted concept of a figure's noun (its concept group, else its stem).
    pub fn unit_concept(&self, lang: Lang, noun: &str) -> String {
        let f = self.features(lang);
        let stem = f.stemmer.stem(&fold(noun).text).into_owned();
        f.concepts.get(&stem).cloned().unwrap_or(stem)
    }

    /// The time frame a sentence gives its figures ("already", "soon"), from the rules' time-frame words.
    pub fn time_frame_of(&self, lang: Lang, text: &str) -> Option<String> {
        let f = self.features(lang);
        let folded = fold(text).text;
        folded
            .split(|c: char| !c.is_alphanumeric())
            .find_map(|t| f.time_frames.get(t))
            .cloned()
    }

    fn split_ratio(&self) -> f64 {
        self.fr.cfg.topic_split_ratio
    }

    fn conflict_ratio(&self) -> f64 {
        self.fr.cfg.conflict_ratio
    }
}

fn intersect_weight(a: &[u32], b: &[u32], weight: &[f64]) -> f64 {
    let (mut i, mut j, mut w) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                w += weight[a[i] as usize].powi(2);
                i += 1;
                j += 1;
            }
        }
    }
    w
}

/// Stances of a cluster's members: conflict for a denial among affirmations
/// or a figure of a topic that differs from the cluster's reference value
/// (the most frequent, then the median) beyond the conflict ratio; else
/// agree when certain and hedge otherwise.
fn stances(
    members: &[(usize, usize)],
    analyses: &[DocAnalysis],
    topics: &[figures::Topic],
    ratio: f64,
) -> Vec<Member> {
    let topic_of = |d: usize, u: usize, k: usize| -> Option<usize> {
        topics.iter().position(|t| {
            t.rows
                .iter()
                .any(|r| r.doc == d && r.unit == u && r.figure == k)
        })
    };
    // Reference value per topic among the cluster's precise figures.
    let mut values: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for &(d, u) in members {
        for (k, f) in analyses[d].units[u].figures.iter().enumerate() {
            if !f.vague {
                if let Some(t) = topic_of(d, u, k) {
                    values.entry(t).or_default().push(f.value);
                }
            }
        }
    }
    let reference: BTreeMap<usize, f64> = values
        .into_iter()
        .map(|(t, vs)| (t, figures::reference_value(&vs)))
        .collect();
    let affirmed = members
        .iter()
        .filter(|&&(d, u)| analyses[d].units[u].polarity == Polarity::Affirmed)
        .count();
    members
        .iter()
        .map(|&(d, u)| {
            let unit = &analyses[d].units[u];
            let denied = unit.polarity == Polarity::Denied && affirmed > 0;
            let off = unit.figures.iter().enumerate().any(|(k, f)| {
                !f.vague
                    && topic_of(d, u, k)
                        .and_then(|t| reference.get(&t))
                        .is_some_and(|&r| figures::ratio(f.value, r) > ratio)
            });
            let stance = if denied || off {
                Stance::Conflict
            } else if unit.label == crate::claims::Label::Certain {
                Stance::Agree
            } else {
                Stance::Hedge
            };
            Member {
                doc: d,
                unit: u,
                stance,
            }
        })
        .collect()
}
