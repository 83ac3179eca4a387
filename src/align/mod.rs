//! Align claims across documents: claims that state the same fact are put in
//! one cluster, each member with a stance (agree, hedge, conflict); figures
//! are grouped by topic (see [`figures`]).
//!
//! Consecutive claims of one document that credit the same named source (a
//! speaker's statement or quotation split over several sentences) form one
//! node. Each node becomes a set of weighted features: word stems without
//! stop words (accents kept, so "armée" is not "arme"), concept groups from
//! the rules file (matched by stem, by word sequence or by prefix, so
//! "soldats" and "troupes", "déployer" and "envoi" match) and their pairs,
//! capitalised words (names, places), figures and years ("entre 1957 et
//! 2004"), and the figure topics the claim gives a figure of, with and
//! without the sentence's time frame.
//! Words inside the matches of attribution and hedge rules ("selon X", "a
//! déclaré", "probablement") are framing, not content, and weigh
//! `frame_word_weight`. Features are IDF-weighted over nodes.
//!
//! Candidate pairs come from an inverted index over features that are not
//! too common (never all pairs); their similarity is the cosine of the
//! weighted feature vectors. Candidate links are merged strongest first by
//! average linkage: two groups join only when their mean pairwise
//! similarity reaches the rules file's threshold. A cluster spans at least
//! two documents. Identical feature sets are one node, so repeated wire copy
//! costs one node.

pub mod figures;

use crate::claims::attribution::{SourceKind, SourceVia};
use crate::claims::{Analyzers, DocAnalysis, Kind, Polarity};
use crate::fold::{fold, fold_text};
use crate::load::{Document, Lang};
use crate::rules::{AlignConfig, Category, RuleSet};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

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
    /// Mean similarity of its statement to the cluster's members from
    /// other documents (0 to 1): how firmly it is linked.
    pub link: f64,
}

/// Claims of at least two documents that state the same fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Stable id, `c` + number, in order of first member.
    pub id: String,
    /// Members in document order.
    pub members: Vec<Member>,
    /// Mean similarity over the pairs of members from different documents.
    pub cohesion: f64,
    /// The cohesion is below the rules file's `weak_link`: the members share
    /// little, and the cluster may join statements of different facts.
    pub weak: bool,
    /// The languages of its documents, in order (French before English).
    pub langs: Vec<Lang>,
}

impl Cluster {
    /// Its members come from documents in more than one language.
    pub fn cross_language(&self) -> bool {
        self.langs.len() > 1
    }
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
    lang: Lang,
    stemmer: Stemmer,
    stop: FxHashSet<String>,
    /// Stem of a one-word entry → its concept groups.
    concepts: FxHashMap<String, Vec<String>>,
    /// Entries written `prefix*`: folded prefix → concept group.
    prefixes: Vec<(String, String)>,
    /// Entries of several words: their stems in order → concept group.
    phrases: Vec<(Vec<String>, String)>,
    /// First stem of a phrase → the indexes of the phrases it starts, in order.
    phrase_starts: FxHashMap<String, Vec<usize>>,
    time_frames: FxHashMap<String, String>,
    /// Words and signs that join the amounts of a range or a list (folded).
    connectors: FxHashSet<String>,
    /// Rules whose matches are framing, not content (attribution, hedges).
    framing: Vec<bool>,
    /// Rules whose matches credit a source (attribution, vague sources).
    crediting: Vec<bool>,
    cfg: AlignConfig,
}

/// Tokens of a text: runs of letters and digits.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Stem of a word, lower-cased with its accents kept (accents tell words
/// apart: "armée" is not "arme").
fn stem_of(stemmer: &Stemmer, word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    for c in word.nfc().flat_map(char::to_lowercase) {
        match c {
            'œ' => lower.push_str("oe"),
            'æ' => lower.push_str("ae"),
            c => lower.push(c),
        }
    }
    stemmer.stem(&lower).into_owned()
}

thread_local! {
    /// Per thread and language: a word → its folded form and its stem.
    /// News vocabulary is small next to its token count, so most lookups hit.
    static WORD_CACHE: std::cell::RefCell<[FxHashMap<String, WordForms>; 2]> =
        std::cell::RefCell::new([FxHashMap::default(), FxHashMap::default()]);
}

/// A word's folded form and stem, shared by every mention of the word.
type WordForms = (Rc<str>, Rc<str>);

/// Entries a thread's word cache may hold before it is emptied.
const WORD_CACHE_LIMIT: usize = 1 << 20;

impl Features {
    /// Folded form and stem of a word, cached.
    fn word(&self, word: &str) -> WordForms {
        WORD_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let map = &mut cache[self.lang as usize];
            if let Some(hit) = map.get(word) {
                return hit.clone();
            }
            if map.len() >= WORD_CACHE_LIMIT {
                map.clear();
            }
            let entry: WordForms = (fold_text(word).into(), stem_of(&self.stemmer, word).into());
            map.insert(word.to_string(), entry.clone());
            entry
        })
    }

    fn new(rules: &RuleSet) -> Features {
        let stemmer = Stemmer::create(match rules.lang {
            Lang::Fr => Algorithm::French,
            Lang::En => Algorithm::English,
        });
        let mut concepts: FxHashMap<String, Vec<String>> = FxHashMap::default();
        let mut prefixes = Vec::new();
        let mut phrases = Vec::new();
        for (concept, words) in &rules.concepts {
            for w in words {
                let w = w.trim();
                if let Some(prefix) = w.strip_suffix('*') {
                    let prefix = fold(prefix).text;
                    if !prefix.is_empty() {
                        prefixes.push((prefix, concept.clone()));
                    }
                    continue;
                }
                let stems: Vec<String> = tokens(w).map(|t| stem_of(&stemmer, t)).collect();
                match stems.len() {
                    0 => {}
                    1 => {
                        let list = concepts.entry(stems[0].clone()).or_default();
                        if !list.contains(concept) {
                            list.push(concept.clone());
                        }
                    }
                    _ => phrases.push((stems, concept.clone())),
                }
            }
        }
        // Longest phrases first, then in file order.
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        let phrase_starts = phrase_starts(&phrases);
        Features {
            lang: rules.lang,
            stop: rules
                .align
                .stop_words
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            concepts,
            prefixes,
            phrases,
            phrase_starts,
            time_frames: rules
                .figures
                .time_frames
                .iter()
                .map(|(w, f)| (fold(w).text, f.clone()))
                .collect(),
            connectors: rules
                .figures
                .connectors
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            framing: rules
                .rules
                .iter()
                .map(|r| {
                    matches!(
                        r.category,
                        Category::Attribution
                            | Category::VagueSource
                            | Category::Hedge
                            | Category::Conditional
                            | Category::Booster
                    )
                })
                .collect(),
            crediting: rules
                .rules
                .iter()
                .map(|r| matches!(r.category, Category::Attribution | Category::VagueSource))
                .collect(),
            cfg: rules.align.clone(),
            stemmer,
        }
    }

    /// Spans of a unit, relative to its start, matched by framing rules.
    fn framing_spans(&self, unit: &crate::claims::UnitAnalysis) -> Vec<(usize, usize)> {
        unit.hits
            .iter()
            .filter(|h| self.framing.get(h.rule).copied().unwrap_or(false))
            .map(|h| {
                (
                    h.start.saturating_sub(unit.start),
                    h.end.saturating_sub(unit.start),
                )
            })
            .collect()
    }

    /// The first phrase (in `phrases` order) whose stems are those of the
    /// tokens from `i` on, of `len` tokens whose stems `stem` gives.
    fn phrase_at<'s>(
        &self,
        i: usize,
        len: usize,
        stem: impl Fn(usize) -> &'s str,
    ) -> Option<&(Vec<String>, String)> {
        let starts = self.phrase_starts.get(stem(i))?;
        starts.iter().map(|&p| &self.phrases[p]).find(|(stems, _)| {
            i + stems.len() <= len
                && stems
                    .iter()
                    .enumerate()
                    .all(|(k, s)| stem(i + k) == s.as_str())
        })
    }

    /// Concept groups of one folded word and its stem.
    fn concepts_of(&self, folded: &str, stem: &str) -> Vec<&str> {
        if let Some(cs) = self.concepts.get(stem) {
            return cs.iter().map(String::as_str).collect();
        }
        self.prefixes
            .iter()
            .find(|(p, _)| folded.starts_with(p.as_str()))
            .map(|(_, c)| vec![c.as_str()])
            .unwrap_or_default()
    }

    /// Features of a unit's text: (key, type weight).
    fn extract(
        &self,
        text: &str,
        framing: &[(usize, usize)],
        figures: &[crate::claims::figures::Figure],
        topics: &[TopicMention],
    ) -> Vec<(String, f64)> {
        struct Tok {
            folded: Rc<str>,
            stem: Rc<str>,
            capital: bool,
            digits: bool,
            framing: bool,
        }
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push((s, text.len()));
        }
        let toks: Vec<Tok> = spans
            .into_iter()
            .map(|(s, e)| {
                let t = &text[s..e];
                let (folded, stem) = self.word(t);
                Tok {
                    stem,
                    capital: t.chars().next().is_some_and(char::is_uppercase),
                    digits: t.chars().all(|c| c.is_ascii_digit()),
                    framing: framing.iter().any(|&(fs, fe)| s >= fs && e <= fe),
                    folded,
                }
            })
            .collect();
        let mut out: Vec<(String, f64)> = Vec::new();
        let mut concepts: Vec<(String, f64)> = Vec::new();
        let fw = self.cfg.frame_word_weight;
        let mut i = 0;
        'tokens: while i < toks.len() {
            if let Some((stems, concept)) = self.phrase_at(i, toks.len(), |k| &*toks[k].stem) {
                let n = stems.len();
                let w = if toks[i..i + n].iter().all(|t| t.framing) {
                    fw
                } else {
                    1.0
                };
                concepts.push((concept.clone(), w));
                i += n;
                continue 'tokens;
            }
            let t = &toks[i];
            let first = i == 0;
            i += 1;
            if t.digits {
                // A year dates the fact: "entre 1957 et 2004", "in 1995".
                let year = t.folded.len() == 4
                    && t.folded
                        .parse::<u32>()
                        .is_ok_and(|y| (1800..=2100).contains(&y));
                if year && self.cfg.number_weight > 0.0 {
                    out.push((key(&["y:", &t.folded]), self.cfg.number_weight));
                }
                continue;
            }
            if self.stop.contains(&*t.folded) || t.folded.chars().count() < 3 {
                continue;
            }
            let w = if t.framing { fw } else { 1.0 };
            if w <= 0.0 {
                continue;
            }
            let cs = self.concepts_of(&t.folded, &t.stem);
            if !cs.is_empty() {
                concepts.extend(cs.into_iter().map(|c| (c.to_string(), w)));
            } else if t.capital && !first {
                out.push((key(&["n:", &t.stem]), w * self.cfg.name_weight));
            } else {
                out.push((key(&["s:", &t.stem]), w));
            }
        }
        // A concept keeps its strongest mention.
        concepts.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        concepts.dedup_by(|a, b| a.0 == b.0);
        concepts.retain(|c| c.1 > 0.0);
        for (c, w) in &concepts {
            out.push((key(&["c:", c]), w * self.cfg.concept_weight));
        }
        let concepts: Vec<&String> = concepts.iter().map(|c| &c.0).collect();
        // Pairs of concepts stand for the proposition ("troops" + "deployment").
        if self.cfg.concept_pair_weight > 0.0 {
            for (i, a) in concepts.iter().enumerate() {
                for b in &concepts[i + 1..] {
                    out.push((key(&["p:", a, "+", b]), self.cfg.concept_pair_weight));
                }
            }
        }
        for f in figures {
            if !f.vague {
                out.push((
                    format!("#:{}", crate::claims::figures::format_value(f.value)),
                    self.cfg.number_weight,
                ));
            }
        }
        for (k, frame) in topics {
            if self.cfg.figure_topic_weight > 0.0 {
                out.push((key(&["t:", k]), self.cfg.figure_topic_weight));
            }
            if self.cfg.time_frame_weight > 0.0 {
                out.push((
                    key(&["t:", k, "@", frame.as_deref().unwrap_or("")]),
                    self.cfg.time_frame_weight,
                ));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }
}

/// Phrases by their first stem, each list in phrase order.
fn phrase_starts(phrases: &[(Vec<String>, String)]) -> FxHashMap<String, Vec<usize>> {
    let mut out: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (p, (stems, _)) in phrases.iter().enumerate() {
        if let Some(first) = stems.first() {
            out.entry(first.clone()).or_default().push(p);
        }
    }
    out
}

/// A feature key: its parts joined (cheaper than `format!` per token).
fn key(parts: &[&str]) -> String {
    let mut k = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        k.push_str(p);
    }
    k
}

/// Claims of one document that form a node, with their features.
type GroupFeatures = (Vec<usize>, FeatureKeys);

/// A node's features as one buffer of keys and (start, end, weight) of
/// each: handed from the thread that extracts them to the one that interns
/// them without a string per feature.
struct FeatureKeys {
    text: String,
    items: Vec<(u32, u32, f64)>,
}

impl FeatureKeys {
    fn new(features: &[(String, f64)]) -> FeatureKeys {
        let mut text = String::with_capacity(features.iter().map(|f| f.0.len()).sum());
        let items = features
            .iter()
            .map(|(k, w)| {
                let start = text.len() as u32;
                text.push_str(k);
                (start, text.len() as u32, *w)
            })
            .collect();
        FeatureKeys { text, items }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.items
            .iter()
            .map(|&(s, e, w)| (&self.text[s as usize..e as usize], w))
    }
}

/// A figure topic a claim gives a figure of, with the sentence's time frame.
type TopicMention = (String, Option<String>);

/// Feature extraction for each language, from the rules in use.
pub struct Aligner {
    fr: Features,
    en: Features,
}

/// Claims as nodes (claims of one document that belong together, and
/// identical feature sets) with weighted features, and the similarity of
/// candidate pairs of nodes.
struct Graph {
    /// (document, unit) of every claim.
    claims: Vec<(usize, usize)>,
    /// Node of every claim.
    node_of_claim: Vec<usize>,
    /// Claims of every node.
    node_claims: Vec<Vec<usize>>,
    /// Similarity of candidate pairs (a < b) from different documents.
    sims: FxHashMap<(u32, u32), f64>,
    /// Weighted features of every node, sorted by feature.
    nodes: Vec<Vec<(u32, f64)>>,
    /// Kind of every feature (empty unless asked for).
    kinds: Vec<FeatureKind>,
}

/// What a feature of a claim stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// A word stem.
    Stem,
    /// A capitalised word (a name, a place).
    Name,
    /// A concept group of the rules file.
    Concept,
    /// A pair of concept groups.
    ConceptPair,
    /// A figure's value.
    Figure,
    /// A figure topic.
    Topic,
    /// A figure topic with the sentence's time frame.
    TopicFrame,
}

impl FeatureKind {
    /// Every kind, in order.
    pub const ALL: [FeatureKind; 7] = [
        FeatureKind::Stem,
        FeatureKind::Name,
        FeatureKind::Concept,
        FeatureKind::ConceptPair,
        FeatureKind::Figure,
        FeatureKind::Topic,
        FeatureKind::TopicFrame,
    ];

    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            FeatureKind::Stem => "stem",
            FeatureKind::Name => "name",
            FeatureKind::Concept => "concept",
            FeatureKind::ConceptPair => "concept_pair",
            FeatureKind::Figure => "figure",
            FeatureKind::Topic => "topic",
            FeatureKind::TopicFrame => "topic_frame",
        }
    }

    /// Kind of a feature key.
    fn of_key(key: &str) -> FeatureKind {
        match key.get(..2) {
            Some("s:") => FeatureKind::Stem,
            Some("n:") => FeatureKind::Name,
            Some("c:") => FeatureKind::Concept,
            Some("p:") => FeatureKind::ConceptPair,
            Some("#:") | Some("y:") => FeatureKind::Figure,
            _ if key.contains('@') => FeatureKind::TopicFrame,
            _ => FeatureKind::Topic,
        }
    }
}

/// A candidate pair of statements from different documents, with what
/// their similarity is made of: material to study or learn a similarity
/// from (see [`Aligner::candidate_pairs`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairFeatures {
    /// (document, unit) of the claims of the first statement.
    pub a: Vec<(usize, usize)>,
    /// (document, unit) of the claims of the second statement.
    pub b: Vec<(usize, usize)>,
    /// Their similarity (IDF-weighted cosine), as clustering uses it.
    pub similarity: f64,
    /// Per feature kind (in [`FeatureKind::ALL`] order), the cosine of the
    /// two statements' features of that kind alone.
    pub cosine: [f64; 7],
    /// Per feature kind, how many features the two share.
    pub shared: [usize; 7],
    /// Number of features of each statement.
    pub sizes: (usize, usize),
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

    /// Claims of one document that are one statement: consecutive claims
    /// crediting the same named source in their own words or as a quotation.
    fn doc_groups(&self, an: &DocAnalysis, cfg: &AlignConfig) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let speaker = |u: usize| -> Option<String> {
            let s = an.units[u].source.as_ref()?;
            (s.kind == SourceKind::Named && matches!(s.via, SourceVia::Own | SourceVia::Quote))
                .then(|| fold(&s.text).text)
        };
        // A unit that names its speaker afresh ("l'hôpital a ajouté") makes
        // a statement of its own; "a-t-il ajouté" or a quotation goes on.
        let continues = |u: usize| an.units[u].source.as_ref().is_some_and(|s| !s.named_here);
        let mut last: Option<usize> = None;
        for (u, unit) in an.units.iter().enumerate() {
            if !matches!(unit.kind, Kind::Claim | Kind::Question) {
                continue;
            }
            let join = cfg.merge_same_source
                && continues(u)
                && last.is_some_and(|p| {
                    p + 1 == u && speaker(u).is_some() && speaker(p) == speaker(u)
                });
            match groups.last_mut() {
                Some(g) if join => g.push(u),
                _ => groups.push(vec![u]),
            }
            last = Some(u);
        }
        groups
    }

    /// The statements, their features and the similarity of candidate
    /// pairs; the kind of every feature too when `with_kinds` (else empty).
    fn graph(
        &self,
        docs: &[Document],
        analyses: &[DocAnalysis],
        topics: &[figures::Topic],
        with_kinds: bool,
    ) -> Graph {
        let cfg = &self.fr.cfg;
        let mut topic_of: FxHashMap<(usize, usize), Vec<TopicMention>> = FxHashMap::default();
        for t in topics {
            for r in &t.rows {
                let list = topic_of.entry((r.doc, r.unit)).or_default();
                let item = (t.key.clone(), r.time_frame.clone());
                if !list.contains(&item) {
                    list.push(item);
                }
            }
        }
        // 1. Nodes and their features (interned id, weight multiplier).
        let mut interner: FxHashMap<String, u32> = FxHashMap::default();
        let mut claims: Vec<(usize, usize)> = Vec::new();
        let mut node_of_claim: Vec<usize> = Vec::new();
        let mut nodes: Vec<Vec<(u32, f64)>> = Vec::new();
        let mut node_claims: Vec<Vec<usize>> = Vec::new();
        let mut node_index: FxHashMap<Vec<(u32, u64)>, usize> = FxHashMap::default();
        let no_topics = Vec::new();
        // Features are extracted in parallel, a chunk of documents at a time
        // (bounded memory), then interned in document order (deterministic).
        let doc_features = |d: usize| -> Vec<GroupFeatures> {
            let (doc, an) = (&docs[d], &analyses[d]);
            let feats = self.features(doc.lang);
            self.doc_groups(an, cfg)
                .into_iter()
                .filter_map(|group| {
                    let mut fs: Vec<(String, f64)> = Vec::new();
                    for &u in &group {
                        let unit = &an.units[u];
                        fs.extend(feats.extract(
                            &doc.text[unit.start..unit.end],
                            &feats.framing_spans(unit),
                            &unit.figures,
                            topic_of.get(&(d, u)).unwrap_or(&no_topics),
                        ));
                    }
                    fs.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                    fs.dedup_by(|a, b| a.0 == b.0);
                    (fs.len() >= 2).then(|| (group, FeatureKeys::new(&fs)))
                })
                .collect()
        };
        const CHUNK: usize = 1024;
        for chunk_start in (0..docs.len()).step_by(CHUNK) {
            let chunk_end = (chunk_start + CHUNK).min(docs.len());
            let extracted: Vec<Vec<GroupFeatures>> = (chunk_start..chunk_end)
                .into_par_iter()
                .map(doc_features)
                .collect();
            for (d, groups) in (chunk_start..chunk_end).zip(extracted) {
                for (group, fs) in groups {
                    let mut ids: Vec<(u32, f64)> = fs
                        .iter()
                        .map(|(k, w)| match interner.get(k) {
                            Some(&id) => (id, w),
                            None => {
                                let id = interner.len() as u32;
                                interner.insert(k.to_string(), id);
                                (id, w)
                            }
                        })
                        .collect();
                    ids.sort_by_key(|x| x.0);
                    let key: Vec<(u32, u64)> = ids.iter().map(|&(f, w)| (f, w.to_bits())).collect();
                    let node = *node_index.entry(key).or_insert_with(|| {
                        nodes.push(ids);
                        node_claims.push(Vec::new());
                        nodes.len() - 1
                    });
                    for u in group {
                        node_claims[node].push(claims.len());
                        node_of_claim.push(node);
                        claims.push((d, u));
                    }
                }
            }
        }
        let node_docs: Vec<Vec<usize>> = node_claims
            .iter()
            .map(|cs| {
                let mut ds: Vec<usize> = cs.iter().map(|&c| claims[c].0).collect();
                ds.dedup();
                ds
            })
            .collect();
        // 2. Document frequency over statements (a node counts once per
        // document it comes from), IDF weights.
        let nf = interner.len();
        let mut df = vec![0usize; nf];
        for (n, fs) in nodes.iter().enumerate() {
            for &(f, _) in fs {
                df[f as usize] += node_docs[n].len();
            }
        }
        let total = node_docs.iter().map(Vec::len).sum::<usize>().max(1) as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&n| ((total + 1.0) / (n as f64 + 1.0)).ln().max(0.0))
            .collect();
        let nodes: Vec<Vec<(u32, f64)>> = nodes
            .into_iter()
            .map(|fs| {
                fs.into_iter()
                    .map(|(f, w)| (f, w * idf[f as usize]))
                    .filter(|x| x.1 > 0.0)
                    .collect()
            })
            .collect();
        let node_norm: Vec<f64> = nodes
            .iter()
            .map(|fs| fs.iter().map(|&(_, w)| w * w).sum::<f64>())
            .collect();
        // 3. Inverted index over features that are not too common.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); nf];
        for (n, fs) in nodes.iter().enumerate() {
            for &(f, _) in fs {
                if df[f as usize] <= cfg.max_postings {
                    postings[f as usize].push(n as u32);
                }
            }
        }
        // 4. Candidate pairs of different documents, exact similarity, in
        // parallel over nodes (collected in node order: deterministic).
        // Pairs below half the link threshold count as unrelated.
        let floor = cfg.link_threshold / 2.0;
        let pairs: Vec<Vec<(u32, u32, f64)>> = (0..nodes.len())
            .into_par_iter()
            .map(|a| {
                let mut seen: FxHashSet<u32> = FxHashSet::default();
                let mut cands: Vec<u32> = Vec::new();
                for &(f, _) in &nodes[a] {
                    for &b in &postings[f as usize] {
                        if (b as usize) > a && seen.insert(b) {
                            cands.push(b);
                        }
                    }
                }
                cands.sort_unstable();
                cands
                    .into_iter()
                    .filter_map(|b| {
                        let bu = b as usize;
                        if node_docs[a] == node_docs[bu] && node_docs[a].len() == 1 {
                            return None;
                        }
                        let dot = dot_product(&nodes[a], &nodes[bu]);
                        let norm = (node_norm[a] * node_norm[bu]).sqrt();
                        let sim = if norm > 0.0 { dot / norm } else { 0.0 };
                        (sim > 0.0 && sim >= floor).then_some((a as u32, b, sim))
                    })
                    .collect()
            })
            .collect();
        let mut sims: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for (a, b, sim) in pairs.into_iter().flatten() {
            sims.insert((a, b), sim);
        }
        let mut kinds = Vec::new();
        if with_kinds {
            kinds = vec![FeatureKind::Stem; nf];
            for (k, &id) in &interner {
                kinds[id as usize] = FeatureKind::of_key(k);
            }
        }
        Graph {
            claims,
            node_of_claim,
            node_claims,
            sims,
            nodes,
            kinds,
        }
    }

    /// The candidate pairs of statements that clustering weighs (those from
    /// different documents that share a feature and whose similarity
    /// reaches half the link threshold), each with the cosine and the
    /// shared features of every feature kind, in order of their statements.
    pub fn candidate_pairs(
        &self,
        docs: &[Document],
        analyses: &[DocAnalysis],
    ) -> Vec<PairFeatures> {
        let topics = figures::topics(self, docs, analyses);
        let g = self.graph(docs, analyses, &topics, true);
        let members = |n: usize| -> Vec<(usize, usize)> {
            g.node_claims[n].iter().map(|&c| g.claims[c]).collect()
        };
        let mut keys: Vec<(u32, u32)> = g.sims.keys().copied().collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|(a, b)| {
                let (va, vb) = (&g.nodes[a as usize], &g.nodes[b as usize]);
                let mut dots = [0.0f64; 7];
                let mut shared = [0usize; 7];
                let (mut na, mut nb) = ([0.0f64; 7], [0.0f64; 7]);
                for &(f, w) in va {
                    na[g.kinds[f as usize] as usize] += w * w;
                }
                for &(f, w) in vb {
                    nb[g.kinds[f as usize] as usize] += w * w;
                }
                let (mut i, mut j) = (0, 0);
                while i < va.len() && j < vb.len() {
                    match va[i].0.cmp(&vb[j].0) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            let k = g.kinds[va[i].0 as usize] as usize;
                            dots[k] += va[i].1 * vb[j].1;
                            shared[k] += 1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                let mut cosine = [0.0f64; 7];
                for k in 0..7 {
                    let norm = (na[k] * nb[k]).sqrt();
                    if norm > 0.0 {
                        cosine[k] = dots[k] / norm;
                    }
                }
                PairFeatures {
                    a: members(a as usize),
                    b: members(b as usize),
                    similarity: g.sims[&(a, b)],
                    cosine,
                    shared,
                    sizes: (va.len(), vb.len()),
                }
            })
            .collect()
    }

    /// Cluster the claims of all documents and group their figures.
    pub fn align(&self, docs: &[Document], analyses: &[DocAnalysis]) -> Alignment {
        let cfg = &self.fr.cfg;
        let threshold = cfg.link_threshold;
        let topics = figures::topics(self, docs, analyses);
        let topic_index: FxHashMap<(usize, usize, usize), usize> = topics
            .iter()
            .enumerate()
            .flat_map(|(t, topic)| {
                topic
                    .rows
                    .iter()
                    .map(move |r| ((r.doc, r.unit, r.figure), t))
            })
            .collect();
        let Graph {
            claims,
            node_of_claim,
            node_claims,
            sims,
            ..
        } = self.graph(docs, analyses, &topics, false);
        let n_nodes = node_claims.len();
        let mut edges: Vec<(f64, u32, u32)> = sims
            .iter()
            .filter(|(_, &s)| s >= threshold)
            .map(|(&(a, b), &s)| (s, a, b))
            .collect();
        // Average linkage over the candidate links, strongest first: two
        // groups merge only when their mean pairwise similarity reaches the
        // threshold, so a chain of weak links does not make one big cluster.
        edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        // Each group keeps the sum of similarities to each neighbouring
        // group, so the mean is one lookup and a merge costs the smaller
        // group's neighbours (exact average linkage on the sparse graph).
        let mut adj: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n_nodes];
        let mut pairs_sorted: Vec<(&(u32, u32), &f64)> = sims.iter().collect();
        pairs_sorted.sort_by(|x, y| x.0.cmp(y.0));
        for (&(a, b), &w) in pairs_sorted {
            adj[a as usize].insert(b, w);
            adj[b as usize].insert(a, w);
        }
        let mut size: Vec<usize> = vec![1; n_nodes];
        let mut parent: Vec<u32> = (0..n_nodes as u32).collect();
        fn root(parent: &mut [u32], x: u32) -> u32 {
            let mut r = x;
            while parent[r as usize] != r {
                r = parent[r as usize];
            }
            let mut y = x;
            while parent[y as usize] != r {
                let next = parent[y as usize];
                parent[y as usize] = r;
                y = next;
            }
            r
        }
        for &(_, a, b) in &edges {
            let (ga, gb) = (root(&mut parent, a), root(&mut parent, b));
            if ga == gb {
                continue;
            }
            let total = adj[ga as usize].get(&gb).copied().unwrap_or(0.0);
            if total / (size[ga as usize] * size[gb as usize]) as f64 >= threshold {
                let (keep, gone) = if (adj[ga as usize].len(), gb) >= (adj[gb as usize].len(), ga) {
                    (ga, gb)
                } else {
                    (gb, ga)
                };
                let moved = std::mem::take(&mut adj[gone as usize]);
                let mut moved: Vec<(u32, f64)> = moved.into_iter().collect();
                moved.sort_by_key(|x| x.0);
                for (c, w) in moved {
                    if c == keep {
                        continue;
                    }
                    *adj[keep as usize].entry(c).or_insert(0.0) += w;
                    let nb = &mut adj[c as usize];
                    nb.remove(&gone);
                    *nb.entry(keep).or_insert(0.0) += w;
                }
                adj[keep as usize].remove(&gone);
                size[keep as usize] += size[gone as usize];
                parent[gone as usize] = keep;
            }
        }
        let group: Vec<usize> = (0..n_nodes as u32)
            .map(|n| root(&mut parent, n) as usize)
            .collect();
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
        let mut cluster_of: Vec<Vec<Option<usize>>> =
            analyses.iter().map(|a| vec![None; a.units.len()]).collect();
        let claim_index: FxHashMap<(usize, usize), usize> =
            claims.iter().enumerate().map(|(c, &du)| (du, c)).collect();
        // Each node's similar nodes, in node order, for the links below.
        let mut neighbours: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n_nodes];
        let mut pairs_by_node: Vec<(&(u32, u32), &f64)> = sims.iter().collect();
        pairs_by_node.sort_by(|x, y| x.0.cmp(y.0));
        for (&(a, b), &w) in pairs_by_node {
            neighbours[a as usize].push((b, w));
            neighbours[b as usize].push((a, w));
        }
        let node_of = |m: (usize, usize)| node_of_claim[claim_index[&m]] as u32;
        // Sum of the similarities of node `x` to the members counted in
        // `count` (1 for a member of the same node: identical statements).
        // Linear in the node's neighbours, not in the members.
        let sum_to = |x: u32, count: &FxHashMap<u32, usize>| -> f64 {
            let own = count.get(&x).copied().unwrap_or(0) as f64;
            neighbours[x as usize].iter().fold(own, |acc, &(y, w)| {
                acc + count.get(&y).copied().unwrap_or(0) as f64 * w
            })
        };
        let clusters: Vec<Cluster> = raw
            .into_iter()
            .enumerate()
            .map(|(i, members)| {
                for &(d, u) in &members {
                    cluster_of[d][u] = Some(i);
                }
                let mut out = stances(&members, analyses, &topic_index, cfg.conflict_ratio);
                // A member's link is its mean similarity to the members of
                // the other documents: its similarity to every member, less
                // that to the members of its own document (members are sorted
                // by document, so those are one run).
                let nodes: Vec<u32> = members.iter().map(|&m| node_of(m)).collect();
                let mut in_cluster: FxHashMap<u32, usize> = FxHashMap::default();
                for &x in &nodes {
                    *in_cluster.entry(x).or_insert(0) += 1;
                }
                let mut to_cluster: FxHashMap<u32, f64> = FxHashMap::default();
                let (mut total, mut pairs) = (0.0, 0usize);
                let mut start = 0;
                while start < members.len() {
                    let doc = members[start].0;
                    let end = start + members[start..].iter().take_while(|m| m.0 == doc).count();
                    let mut in_doc: FxHashMap<u32, usize> = FxHashMap::default();
                    for &x in &nodes[start..end] {
                        *in_doc.entry(x).or_insert(0) += 1;
                    }
                    let mut to_doc: FxHashMap<u32, f64> = FxHashMap::default();
                    let n = members.len() - (end - start);
                    for k in start..end {
                        let x = nodes[k];
                        let all = *to_cluster
                            .entry(x)
                            .or_insert_with(|| sum_to(x, &in_cluster));
                        let own = *to_doc.entry(x).or_insert_with(|| sum_to(x, &in_doc));
                        let sum = (all - own).max(0.0);
                        total += sum;
                        pairs += n;
                        out[k].link = if n > 0 { sum / n as f64 } else { 0.0 };
                    }
                    start = end;
                }
                let cohesion = if pairs > 0 { total / pairs as f64 } else { 0.0 };
                let mut langs: Vec<Lang> = members.iter().map(|&(d, _)| docs[d].lang).collect();
                langs.sort_by_key(|l| *l as usize);
                langs.dedup();
                Cluster {
                    id: format!("c{:03}", i + 1),
                    members: out,
                    cohesion,
                    // Compared as reports print it (three decimals), so
                    // that "0.250" is never flagged weak against 0.25.
                    weak: (cohesion * 1000.0).round() / 1000.0 < cfg.weak_link,
                    langs,
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
        let folded = fold(noun).text;
        f.concepts_of(&folded, &stem_of(&f.stemmer, noun))
            .first()
            .map(|c| c.to_string())
            .unwrap_or_else(|| f.stemmer.stem(&folded).into_owned())
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

    /// A match of an attribution or vague-source rule of `unit` lies between
    /// bytes `from` and `to` of its document.
    pub fn credited_between(
        &self,
        lang: Lang,
        unit: &crate::claims::UnitAnalysis,
        from: usize,
        to: usize,
    ) -> bool {
        let f = self.features(lang);
        unit.hits.iter().any(|h| {
            f.crediting.get(h.rule).copied().unwrap_or(false) && h.start < to && from < h.end
        })
    }

    /// The text between two amounts of one sentence holds only the words and
    /// signs of a range or a list ("between 40 and 45", "from 20 to 24",
    /// "des centaines, voire des milliers"): one quantity, not two.
    pub fn joined_amounts(&self, lang: Lang, between: &str) -> bool {
        let f = self.features(lang);
        let folded = fold(between).text;
        let mut rest = folded.as_str();
        loop {
            rest = rest.trim_start();
            let Some(c) = rest.chars().next() else {
                return true;
            };
            let len = if c.is_alphanumeric() {
                rest.find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            if !f.connectors.contains(&rest[..len]) && !matches!(c, '(' | ')' | '.') {
                return false;
            }
            rest = &rest[len..];
        }
    }

    /// The split ratio of a counted concept ("money.cost@x" is of "money").
    fn split_ratio(&self, concept: &str) -> f64 {
        let kind = concept.split(['.', '@', '#']).next().unwrap_or(concept);
        self.fr
            .cfg
            .topic_split_ratios
            .get(kind)
            .copied()
            .unwrap_or(self.fr.cfg.topic_split_ratio)
    }

    fn scope_share(&self) -> f64 {
        self.fr.cfg.topic_scope_share
    }

    fn scope_ratio(&self) -> f64 {
        self.fr.cfg.topic_scope_ratio
    }

    fn scope_same(&self) -> f64 {
        self.fr.cfg.topic_scope_same
    }

    fn conflict_ratio(&self) -> f64 {
        self.fr.cfg.conflict_ratio
    }
}

/// Dot product of two sparse vectors sorted by feature.
fn dot_product(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut w) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                w += a[i].1 * b[j].1;
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
    topic_index: &FxHashMap<(usize, usize, usize), usize>,
    ratio: f64,
) -> Vec<Member> {
    let topic_of =
        |d: usize, u: usize, k: usize| -> Option<usize> { topic_index.get(&(d, u, k)).copied() };
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
                link: 0.0,
            }
        })
        .collect()
}

/// Documents `d0`, `d1`... made of `texts`, and their analyses (for tests).
#[cfg(test)]
pub(crate) fn analysed(
    analyzers: &Analyzers,
    texts: &[(Lang, &str)],
) -> (Vec<Document>, Vec<DocAnalysis>) {
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, (lang, text))| Document {
            id: format!("d{i}"),
            origin: format!("d{i}"),
            text: text.to_string(),
            meta: Default::default(),
            lang: *lang,
        })
        .collect();
    let analyses = docs
        .iter()
        .map(|d| analyzers.get(d.lang).analyze(d))
        .collect();
    (docs, analyses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_groups_are_the_same_in_both_languages() {
        // Claims in French and English meet on concept keys: a group
        // written for one language only could never link the two.
        let fr: Vec<String> = RuleSet::bundled(Lang::Fr).concepts.into_keys().collect();
        let en: Vec<String> = RuleSet::bundled(Lang::En).concepts.into_keys().collect();
        assert_eq!(fr, en);
        assert!(fr.len() >= 60, "{}", fr.len());
    }

    #[test]
    fn a_death_toll_in_french_and_english_shares_its_concepts() {
        let concepts = |lang: Lang, text: &str| -> Vec<String> {
            let f = Features::new(&RuleSet::bundled(lang));
            let mut keys: Vec<String> = f
                .extract(text, &[], &[], &[])
                .into_iter()
                .filter_map(|(k, _)| k.strip_prefix("c:").map(str::to_owned))
                .collect();
            keys.sort();
            keys
        };
        let fr = concepts(
            Lang::Fr,
            "Le glissement de terrain a tué douze habitants et détruit quarante maisons.",
        );
        let en = concepts(
            Lang::En,
            "The landslide killed twelve residents and destroyed forty homes.",
        );
        for key in ["mort", "degats", "logement", "habitants"] {
            assert!(fr.iter().any(|k| k == key), "{key} in {fr:?}");
            assert!(en.iter().any(|k| k == key), "{key} in {en:?}");
        }
    }

    #[test]
    fn a_kind_may_have_its_own_split_ratio() {
        let analyzers = Analyzers::new(None).unwrap();
        let aligner = Aligner::new(&analyzers);
        assert_eq!(aligner.split_ratio("money.cost@helene#2"), 3.0);
        assert_eq!(
            aligner.split_ratio("dead"),
            aligner.fr.cfg.topic_split_ratio
        );
    }

    #[test]
    fn years_are_features_other_numbers_are_not_words() {
        let f = Features::new(&RuleSet::bundled(Lang::Fr));
        let keys: Vec<String> = f
            .extract(
                "Les faits se seraient déroulés entre 1957 et 2004, dans 12 classes.",
                &[],
                &[],
                &[],
            )
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| k.chars().any(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(keys, ["y:1957", "y:2004"]);
    }

    #[test]
    fn a_speaker_s_next_sentence_joins_unless_it_names_the_institution_afresh() {
        let analyzers = Analyzers::new(None).unwrap();
        let aligner = Aligner::new(&analyzers);
        let groups = |text: &str| {
            let (_, analyses) = analysed(&analyzers, &[(Lang::Fr, text)]);
            aligner.doc_groups(&analyses[0], &aligner.fr.cfg)
        };
        // "a-t-il ajouté" goes on with the statement before it.
        let pronoun = groups(
            "Paul Grand a déclaré que la digue avait tenu. \
             « Les habitants peuvent rentrer », a-t-il ajouté.",
        );
        assert_eq!(pronoun, [vec![0, 1]]);
        // "l'hôpital" names the institution again: a statement of its own.
        let institution = groups(
            "Le Centre hospitalier de Lagny (CHL) a indiqué que les fichiers étaient chiffrés. \
             L'hôpital a précisé que les urgences restaient ouvertes.",
        );
        assert_eq!(institution, [vec![0], vec![1]]);
    }

    #[test]
    fn candidate_pairs_break_the_similarity_down_by_feature_kind() {
        let analyzers = Analyzers::new(None).unwrap();
        let texts = [
            "Le barrage de Vernet a cédé mardi soir et 40 maisons ont été inondées.",
            "Mardi soir, le barrage de Vernet a cédé : 40 maisons sont inondées dans la vallée.",
            "La mairie organise un concert gratuit samedi sur la place du marché.",
        ];
        let texts = texts.map(|t| (Lang::Fr, t));
        let (docs, analyses) = analysed(&analyzers, &texts);
        let aligner = Aligner::new(&analyzers);
        let pairs = aligner.candidate_pairs(&docs, &analyses);
        assert_eq!(pairs, aligner.candidate_pairs(&docs, &analyses));
        let same = pairs
            .iter()
            .find(|p| p.a == [(0, 0)] && p.b == [(1, 0)])
            .unwrap_or_else(|| panic!("no pair of the two dam statements in {pairs:?}"));
        let kind = |k: FeatureKind| FeatureKind::ALL.iter().position(|&x| x == k).unwrap();
        assert!(same.shared[kind(FeatureKind::Name)] >= 1, "{same:?}");
        assert!(same.shared[kind(FeatureKind::Figure)] >= 1, "{same:?}");
        assert!(same.similarity >= aligner.fr.cfg.link_threshold, "{same:?}");
        for p in &pairs {
            assert_ne!(p.a[0].0, p.b[0].0, "{p:?}");
            assert!(
                p.cosine.iter().all(|c| (0.0..=1.0 + 1e-9).contains(c)),
                "{p:?}"
            );
        }
        let alignment = aligner.align(&docs, &analyses);
        assert_eq!(alignment.cluster_of[0][0], alignment.cluster_of[1][0]);
        assert!(alignment.cluster_of[0][0].is_some());
    }

    #[test]
    fn phrase_index_finds_the_first_phrase_of_the_plain_scan() {
        for lang in [Lang::Fr, Lang::En] {
            let rules = RuleSet::bundled(lang);
            let f = Features::new(&rules);
            assert!(!f.phrases.is_empty());
            // Texts that hold every phrase, in running text and back to back.
            let mut stems: Vec<String> = Vec::new();
            for doc in &crate::load::sample_corpus().docs {
                stems.extend(tokens(&doc.text).map(|t| stem_of(&f.stemmer, t)));
            }
            for (p, _) in &f.phrases {
                stems.extend(p.iter().cloned());
                stems.push("x".into());
                stems.extend(p[..p.len() - 1].iter().cloned());
            }
            for i in 0..stems.len() {
                let plain = f.phrases.iter().find(|(p, _)| {
                    i + p.len() <= stems.len()
                        && stems[i..i + p.len()].iter().zip(p).all(|(t, s)| t == s)
                });
                assert_eq!(f.phrase_at(i, stems.len(), |k| &stems[k]), plain);
            }
        }
    }
}
