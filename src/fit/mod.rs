//! Fit a rules file's weights, base and label thresholds to gold judgements
//! (`tune --fit`), and measure the gain with cross-validation by document.
//!
//! Each gold claim or question with a certainty, aligned to an analysed unit
//! as [`crate::tune`] aligns them, is one observation: the rules that fired
//! in the unit (each once, as in the certainty score) and the gold label.
//! The model is the certainty model itself read as an ordinal logistic
//! regression ([`ordinal`]): the score `base + Σ weights` is the linear
//! predictor and the label thresholds, on the log-odds scale, are its cut
//! points. Every parameter is pulled toward its hand-set value by an L2
//! penalty. Rules whose hand weight is 0 (attribution, sources, negation)
//! are neutral and stay 0; the others keep their sign.
//!
//! Cross-validation holds out whole documents. Without a given `--l2`, the
//! strength is chosen by an inner cross-validation on the training documents
//! of each fold among [`L2_GRID`] and the hand-set values themselves, which
//! win ties: the figures reported for the fitted values measure the whole
//! procedure, choice included, on documents it never saw. Fitted values are
//! rounded as they are written (weights and base to 2 decimals, thresholds
//! to 3 or more), and every figure is computed with the rounded values.

pub mod ordinal;
pub mod write;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::claims::{label_for, logistic, Label};
use crate::gold::Gold;
use crate::load::Lang;
use crate::rules::{RuleSet, Thresholds};
use crate::tune::{align, certainty_level, label_macro_f1, spearman, PredUnit};

/// L2 strengths tried when none is given, strongest first (ties go to the
/// stronger, closer to the hand-set values).
pub const L2_GRID: [f64; 6] = [30.0, 10.0, 3.0, 1.0, 0.3, 0.1];

/// Smallest gap between consecutive label thresholds, in log-odds.
pub const MIN_GAP: f64 = 0.25;

/// A fitted value closer than this to its hand value keeps the hand value.
const KEEP: f64 = 0.005;

/// How to fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitOptions {
    /// L2 strength; `None`: chosen by cross-validation among [`L2_GRID`]
    /// and the hand-set values.
    pub l2: Option<f64>,
    /// Folds by document (fewer documents: one fold per document).
    pub folds: usize,
}

impl FitOptions {
    /// Refuse a non-positive `l2` or fewer than 2 folds.
    pub fn check(&self) -> Result<(), FitError> {
        if let Some(l) = self.l2 {
            if !(l.is_finite() && l > 0.0) {
                return Err(FitError::Options(format!(
                    "--l2 must be a positive number (got {l}); larger keeps the weights nearer their hand-set values"
                )));
            }
        }
        if self.folds < 2 {
            return Err(FitError::Options(format!(
                "--folds must be at least 2 (got {})",
                self.folds
            )));
        }
        Ok(())
    }
}

/// Why a fit cannot be run.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    /// A bad option.
    #[error("{0}")]
    Options(String),
    /// Not enough gold to fit or to cross-validate.
    #[error("{0}")]
    Gold(String),
    /// A rules file could not be edited or written.
    #[error("{0}")]
    Write(String),
}

/// The numbers of a certainty model: base, thresholds, one weight per rule
/// (in rules-file order).
#[derive(Clone, Debug, PartialEq)]
pub struct Values {
    /// Log-odds of a bare statement.
    pub base: f64,
    /// Lowest certainty of `possible`.
    pub possible: f64,
    /// Lowest certainty of `probable`.
    pub probable: f64,
    /// Lowest certainty of `certain`.
    pub certain: f64,
    /// Weight of each rule.
    pub weights: Vec<f64>,
}

impl Values {
    /// The values written in a rules file.
    pub fn of(rules: &RuleSet) -> Values {
        let t = &rules.model.labels;
        Values {
            base: rules.model.base,
            possible: t.possible,
            probable: t.probable,
            certain: t.certain,
            weights: rules.rules.iter().map(|r| r.weight).collect(),
        }
    }

    fn thresholds(&self) -> Thresholds {
        Thresholds {
            certain: self.certain,
            probable: self.probable,
            possible: self.possible,
        }
    }

    /// Certainty and label of a unit where these rules fired, computed as
    /// the analyzer computes them.
    pub fn predict(&self, fired: &[usize]) -> (f64, Label) {
        let score = self.base + fired.iter().map(|&r| self.weights[r]).sum::<f64>();
        let certainty = logistic(score);
        (certainty, label_for(certainty, &self.thresholds()))
    }

    fn cut_points(&self) -> [f64; 3] {
        [
            logit(self.possible),
            logit(self.probable),
            logit(self.certain),
        ]
    }
}

fn label_named(name: &str) -> Option<Label> {
    [
        Label::Certain,
        Label::Probable,
        Label::Possible,
        Label::Unconfirmed,
    ]
    .into_iter()
    .find(|l| l.name() == name)
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// `x` as written with `decimals` decimals and read back (never -0).
fn rounded(x: f64, decimals: usize) -> f64 {
    let v: f64 = format!("{x:.decimals$}").parse().unwrap_or(x);
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// Label metrics over a set of gold units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Mean F1 over the labels present in gold or prediction.
    pub label_macro_f1: f64,
    /// Share of units with the gold label.
    pub label_accuracy: f64,
    /// Spearman correlation of certainty with the gold level.
    pub certainty_spearman: f64,
    /// Units scored.
    pub n: usize,
}

/// One parameter whose value the fit changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// `base`, `threshold.certain` (`.probable`, `.possible`) or a rule id.
    pub parameter: String,
    /// Hand-set value.
    pub hand: f64,
    /// Fitted value.
    pub fitted: f64,
}

/// The fit of one language's rules file.
#[derive(Clone, Debug, Serialize)]
pub struct LangFit {
    /// Language code.
    pub lang: String,
    /// The rules file (path or `<bundled fr>`).
    pub rules: String,
    /// Gold units of this language.
    pub units: usize,
    /// Rules fitted: a non-zero hand weight and at least one firing in gold.
    pub fitted_rules: usize,
    /// Neutral rules (hand weight 0) that fire in gold and stay 0.
    pub neutral_rules: usize,
    /// Rules that never fire in gold and keep their hand weight.
    pub unfired_rules: usize,
    /// Sharpness of the final fit's model ([`ordinal::sharpness`]); `None`
    /// when the hand-set values are kept.
    pub sharpness: Option<f64>,
    /// Whether the final fit converged.
    pub converged: bool,
    /// Parameters whose value changes, in file order after base and thresholds.
    pub changes: Vec<Change>,
    /// Hand-set values.
    #[serde(skip)]
    pub hand: Values,
    /// Fitted values (equal to `hand` when the hand values are kept).
    #[serde(skip)]
    pub fitted: Values,
}

/// One fold of the cross-validation.
#[derive(Clone, Debug, Serialize)]
pub struct FoldReport {
    /// Fold number, from 1.
    pub fold: usize,
    /// Held-out documents.
    pub documents: Vec<String>,
    /// Held-out gold units.
    pub units: usize,
    /// L2 strength used; `None` when the hand-set values were kept.
    pub l2: Option<f64>,
    /// Label macro-F1 of the hand-set values on the held-out units.
    pub hand_macro_f1: f64,
    /// Label macro-F1 of the fitted values on the held-out units.
    pub fitted_macro_f1: f64,
    /// Certainty Spearman of the hand-set values on the held-out units.
    pub hand_spearman: f64,
    /// Certainty Spearman of the fitted values on the held-out units.
    pub fitted_spearman: f64,
}

/// Everything `tune --fit` reports.
#[derive(Clone, Debug, Serialize)]
pub struct FitReport {
    /// Gold units used (claims and questions with a certainty, aligned).
    pub units: usize,
    /// Documents they come from.
    pub documents: usize,
    /// Folds of the cross-validation.
    pub folds: usize,
    /// The L2 strength given, if any.
    pub l2_given: Option<f64>,
    /// Strengths tried when none is given (besides the hand-set values).
    pub l2_grid: Vec<f64>,
    /// Strength of the final fit on all gold; `None`: hand values kept.
    pub l2: Option<f64>,
    /// Hand-set values on all units, as cross-validated (they do not depend
    /// on the folds; `certainty_spearman` is the mean over folds, as for the
    /// fitted values).
    pub hand: Scores,
    /// Hand-set values on all units (what `tune` gives with them).
    pub hand_in_sample: Scores,
    /// Fitted values, each unit predicted by the fit on the other folds;
    /// `certainty_spearman` is computed within each fold (certainties of
    /// different folds' fits are not on one scale), averaged over folds
    /// weighted by their units.
    pub cross_validated: Scores,
    /// Final fitted values on all units (what `tune --rules` gives with the
    /// written file).
    pub in_sample: Scores,
    /// Per fold.
    pub per_fold: Vec<FoldReport>,
    /// Per language.
    pub languages: Vec<LangFit>,
}

/// A gold unit as the fit sees it.
#[derive(Clone, Debug)]
struct Example {
    doc: usize,
    lang: usize,
    gold: &'static str,
    level: usize,
    fired: Vec<usize>,
}

/// One language being fitted.
struct LangData<'a> {
    rules: &'a RuleSet,
    hand: Values,
    /// Rule indices whose weights are fitted.
    free: Vec<usize>,
}

/// One language's values from a fit.
struct LangResult {
    values: Values,
    sharpness: Option<f64>,
    converged: bool,
}

/// L2 strength, or the hand-set values.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Choice {
    Hand,
    L2(f64),
}

impl Choice {
    fn l2(self) -> Option<f64> {
        match self {
            Choice::Hand => None,
            Choice::L2(l) => Some(l),
        }
    }
}

struct Session<'a> {
    langs: Vec<LangData<'a>>,
    examples: Vec<Example>,
    docs: Vec<String>,
    folds: usize,
}

/// Fit the rules files in `rule_sets` (one per language) to the gold.
///
/// `pred` are the analysed units of the documents in `texts` (with the
/// ids of the rules that count in each unit's certainty), `doc_lang` the
/// language each document was analysed in. Gold units of languages not in
/// `rule_sets` are left out.
pub fn fit(
    gold: &Gold,
    texts: &BTreeMap<String, String>,
    pred: &[PredUnit],
    doc_lang: &BTreeMap<String, Lang>,
    rule_sets: &[&RuleSet],
    options: FitOptions,
) -> Result<FitReport, FitError> {
    options.check()?;
    let session = Session::new(gold, texts, pred, doc_lang, rule_sets, options.folds)?;
    let candidates: Vec<Choice> = match options.l2 {
        Some(l) => vec![Choice::L2(l)],
        None => std::iter::once(Choice::Hand)
            .chain(L2_GRID.iter().map(|&l| Choice::L2(l)))
            .collect(),
    };
    Ok(session.run(&candidates, options))
}

impl<'a> Session<'a> {
    fn new(
        gold: &Gold,
        texts: &BTreeMap<String, String>,
        pred: &[PredUnit],
        doc_lang: &BTreeMap<String, Lang>,
        rule_sets: &[&'a RuleSet],
        folds: usize,
    ) -> Result<Session<'a>, FitError> {
        let items: Vec<(&str, &str)> = gold
            .sentences
            .iter()
            .map(|s| (s.doc.as_str(), s.text.as_str()))
            .collect();
        let alignment = align(texts, pred, &items);
        let mut raw: Vec<(String, usize, &'static str, Vec<usize>)> = Vec::new();
        for (s, a) in gold.sentences.iter().zip(&alignment) {
            let Ok(a) = a else { continue };
            if s.kind != "claim" && s.kind != "question" {
                continue;
            }
            let Some(gold_label) = s.certainty.as_deref() else {
                continue;
            };
            let Some(label) = label_named(gold_label) else {
                continue;
            };
            let p = &pred[a.pred];
            let Some(lang) = doc_lang
                .get(&p.doc)
                .and_then(|l| rule_sets.iter().position(|r| r.lang == *l))
            else {
                continue;
            };
            let rules = rule_sets[lang];
            let fired = p
                .rules
                .iter()
                .map(|id| {
                    rules.index_of(id).ok_or_else(|| {
                        FitError::Gold(format!(
                            "rule `{id}` fired in document {} but is not in {}",
                            p.doc, rules.name
                        ))
                    })
                })
                .collect::<Result<Vec<usize>, FitError>>()?;
            raw.push((p.doc.clone(), lang, label.name(), fired));
        }
        let langs_present: BTreeSet<usize> = raw.iter().map(|r| r.1).collect();
        if raw.is_empty() {
            let names: Vec<&str> = rule_sets.iter().map(|r| r.lang.code()).collect();
            return Err(FitError::Gold(format!(
                "no gold claim or question with a certainty matches an analysed unit in {}; check --gold and --input",
                names.join(" or ")
            )));
        }
        let docs: Vec<String> = raw
            .iter()
            .map(|r| r.0.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if docs.len() < 2 {
            return Err(FitError::Gold(format!(
                "cross-validation by document needs gold units in at least 2 documents; the gold has them in {} only",
                docs[0]
            )));
        }
        let doc_index: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_str(), i))
            .collect();
        // Only the languages with gold units are fitted; indices are remapped.
        let lang_map: HashMap<usize, usize> = langs_present
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new))
            .collect();
        let examples: Vec<Example> = raw
            .iter()
            .map(|(doc, lang, gold, fired)| Example {
                doc: doc_index[doc.as_str()],
                lang: lang_map[lang],
                gold,
                level: certainty_level(gold).map_or(0, |l| l as usize),
                fired: fired.clone(),
            })
            .collect();
        let langs = langs_present
            .iter()
            .enumerate()
            .map(|(li, &old)| {
                let rules = rule_sets[old];
                let hand = Values::of(rules);
                let fires: BTreeSet<usize> = examples
                    .iter()
                    .filter(|e| e.lang == li)
                    .flat_map(|e| e.fired.iter().copied())
                    .collect();
                let free = fires
                    .into_iter()
                    .filter(|&r| hand.weights[r] != 0.0)
                    .collect();
                LangData { rules, hand, free }
            })
            .collect();
        Ok(Session {
            langs,
            examples,
            docs,
            folds,
        })
    }

    /// Values of every language for a choice, fitted on the examples whose
    /// document is in `train`.
    fn values(&self, choice: Choice, train: &[bool]) -> Vec<Values> {
        self.fits(choice, train)
            .into_iter()
            .map(|f| f.values)
            .collect()
    }

    fn fits(&self, choice: Choice, train: &[bool]) -> Vec<LangResult> {
        self.langs
            .iter()
            .enumerate()
            .map(|(li, ld)| match choice {
                Choice::Hand => LangResult {
                    values: ld.hand.clone(),
                    sharpness: None,
                    converged: true,
                },
                Choice::L2(lambda) => self.fit_lang(li, ld, lambda, train),
            })
            .collect()
    }

    fn fit_lang(&self, li: usize, ld: &LangData, lambda: f64, train: &[bool]) -> LangResult {
        let unfitted = LangResult {
            values: ld.hand.clone(),
            sharpness: None,
            converged: true,
        };
        let position: HashMap<usize, usize> =
            ld.free.iter().enumerate().map(|(k, &r)| (r, k)).collect();
        let rows: Vec<ordinal::Row> = self
            .examples
            .iter()
            .filter(|e| e.lang == li && train[e.doc])
            .map(|e| ordinal::Row {
                features: e
                    .fired
                    .iter()
                    .filter_map(|r| position.get(r).copied())
                    .collect(),
                offset: e
                    .fired
                    .iter()
                    .filter(|r| !position.contains_key(r))
                    .map(|&r| ld.hand.weights[r])
                    .sum(),
                level: e.level,
                weight: 1.0,
            })
            .collect();
        if rows.is_empty() {
            return unfitted;
        }
        // Each label weighs the same in the likelihood, as in macro-F1.
        let mut rows = rows;
        let mut counts = [0usize; ordinal::LEVELS];
        for r in &rows {
            counts[r.level] += 1;
        }
        let present = counts.iter().filter(|&&c| c > 0).count() as f64;
        let total = rows.len() as f64;
        for r in &mut rows {
            r.weight = total / (present * counts[r.level] as f64);
        }
        let cuts = ld.hand.cut_points();
        let mut hand_z = vec![ld.hand.base, cuts[0], cuts[1], cuts[2]];
        hand_z.extend(ld.free.iter().map(|&r| ld.hand.weights[r]));
        let problem = ordinal::Problem {
            hand: hand_z,
            lambda,
            min_gap: MIN_GAP.min(cuts[1] - cuts[0]).min(cuts[2] - cuts[1]),
            scale: 1.0,
        };
        // The model is as sharp as the hand values are on these rows.
        let problem = ordinal::Problem {
            scale: ordinal::sharpness(&rows, &problem.hand),
            ..problem
        };
        let solution = ordinal::fit(&problem, &rows);
        LangResult {
            values: settle(&ld.hand, &solution.z, &ld.free),
            sharpness: Some(problem.scale),
            converged: solution.converged,
        }
    }

    /// Predictions for the examples of the documents in `test`.
    fn predict(&self, values: &[Values], test: &[bool], out: &mut [Option<(f64, Label)>]) {
        for (i, e) in self.examples.iter().enumerate() {
            if test[e.doc] {
                out[i] = Some(values[e.lang].predict(&e.fired));
            }
        }
    }

    fn scores(&self, preds: &[Option<(f64, Label)>]) -> Scores {
        let scored: Vec<(&Example, f64, Label)> = self
            .examples
            .iter()
            .zip(preds)
            .filter_map(|(e, p)| p.map(|(c, l)| (e, c, l)))
            .collect();
        let pairs: Vec<(&str, &str)> = scored.iter().map(|(e, _, l)| (e.gold, l.name())).collect();
        let right = pairs.iter().filter(|(g, p)| g == p).count();
        let xs: Vec<f64> = scored.iter().map(|(_, c, _)| *c).collect();
        let ys: Vec<f64> = scored.iter().map(|(e, _, _)| e.level as f64).collect();
        Scores {
            label_macro_f1: label_macro_f1(&pairs),
            label_accuracy: if pairs.is_empty() {
                0.0
            } else {
                right as f64 / pairs.len() as f64
            },
            certainty_spearman: spearman(&xs, &ys),
            n: pairs.len(),
        }
    }

    /// Split `docs` (document indices, in order) into folds: the document
    /// at position p goes to fold p mod k, with k = min(folds, documents).
    fn split(&self, docs: &[usize]) -> Vec<Vec<usize>> {
        let k = self.folds.min(docs.len());
        (0..k)
            .map(|f| {
                docs.iter()
                    .enumerate()
                    .filter(|(p, _)| p % k == f)
                    .map(|(_, &d)| d)
                    .collect()
            })
            .collect()
    }

    fn mask(&self, docs: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut m = vec![false; self.docs.len()];
        for d in docs {
            m[d] = true;
        }
        m
    }

    /// Cross-validated predictions of one choice over `docs`.
    fn cross_validate(&self, choice: Choice, docs: &[usize]) -> Vec<Option<(f64, Label)>> {
        let mut preds = vec![None; self.examples.len()];
        if choice == Choice::Hand {
            let values = self.values(choice, &self.mask([]));
            self.predict(&values, &self.mask(docs.iter().copied()), &mut preds);
            return preds;
        }
        for held in self.split(docs) {
            let train: Vec<usize> = docs.iter().copied().filter(|d| !held.contains(d)).collect();
            let values = self.values(choice, &self.mask(train));
            self.predict(&values, &self.mask(held), &mut preds);
        }
        preds
    }

    /// The candidate with the best cross-validated macro-F1 over `docs`
    /// (ties: the earlier candidate).
    fn choose(&self, candidates: &[Choice], docs: &[usize]) -> Choice {
        if candidates.len() == 1 || docs.len() < 2 {
            return candidates[0];
        }
        let mut best = (candidates[0], f64::NEG_INFINITY);
        for &c in candidates {
            let f1 = self.scores(&self.cross_validate(c, docs)).label_macro_f1;
            if f1 > best.1 {
                best = (c, f1);
            }
        }
        best.0
    }

    fn run(&self, candidates: &[Choice], options: FitOptions) -> FitReport {
        let all: Vec<usize> = (0..self.docs.len()).collect();
        let hand_values = self.values(Choice::Hand, &self.mask([]));
        let mut hand_preds = vec![None; self.examples.len()];
        self.predict(
            &hand_values,
            &self.mask(all.iter().copied()),
            &mut hand_preds,
        );

        let mut cv_preds = vec![None; self.examples.len()];
        let mut per_fold = Vec::new();
        for (f, held) in self.split(&all).into_iter().enumerate() {
            let train: Vec<usize> = all.iter().copied().filter(|d| !held.contains(d)).collect();
            let choice = self.choose(candidates, &train);
            let values = self.values(choice, &self.mask(train));
            let test = self.mask(held.iter().copied());
            let mut fold_preds = vec![None; self.examples.len()];
            self.predict(&values, &test, &mut fold_preds);
            let hand_fold: Vec<Option<(f64, Label)>> = hand_preds
                .iter()
                .zip(&self.examples)
                .map(|(p, e)| if test[e.doc] { *p } else { None })
                .collect();
            per_fold.push(FoldReport {
                fold: f + 1,
                documents: held.iter().map(|&d| self.docs[d].clone()).collect(),
                units: fold_preds.iter().flatten().count(),
                l2: choice.l2(),
                hand_macro_f1: self.scores(&hand_fold).label_macro_f1,
                fitted_macro_f1: self.scores(&fold_preds).label_macro_f1,
                hand_spearman: self.scores(&hand_fold).certainty_spearman,
                fitted_spearman: self.scores(&fold_preds).certainty_spearman,
            });
            for (slot, p) in cv_preds.iter_mut().zip(fold_preds) {
                if p.is_some() {
                    *slot = p;
                }
            }
        }

        let final_choice = self.choose(candidates, &all);
        let final_fits = self.fits(final_choice, &self.mask(all.iter().copied()));
        let final_values: Vec<Values> = final_fits.iter().map(|f| f.values.clone()).collect();
        let mut final_preds = vec![None; self.examples.len()];
        self.predict(
            &final_values,
            &self.mask(all.iter().copied()),
            &mut final_preds,
        );

        let languages = self
            .langs
            .iter()
            .zip(final_fits)
            .enumerate()
            .map(|(li, (ld, fit))| {
                let fires: BTreeSet<usize> = self
                    .examples
                    .iter()
                    .filter(|e| e.lang == li)
                    .flat_map(|e| e.fired.iter().copied())
                    .collect();
                LangFit {
                    lang: ld.rules.lang.code().to_owned(),
                    rules: ld.rules.name.clone(),
                    units: self.examples.iter().filter(|e| e.lang == li).count(),
                    fitted_rules: ld.free.len(),
                    neutral_rules: fires.len() - ld.free.len(),
                    unfired_rules: ld.rules.rules.len() - fires.len(),
                    sharpness: fit.sharpness,
                    converged: fit.converged,
                    changes: changes(ld.rules, &ld.hand, &fit.values),
                    hand: ld.hand.clone(),
                    fitted: fit.values,
                }
            })
            .collect();

        FitReport {
            units: self.examples.len(),
            documents: self.docs.len(),
            folds: self.folds.min(self.docs.len()),
            l2_given: options.l2,
            l2_grid: if options.l2.is_some() {
                Vec::new()
            } else {
                L2_GRID.to_vec()
            },
            l2: final_choice.l2(),
            hand: Scores {
                certainty_spearman: fold_mean(&per_fold, |f| f.hand_spearman),
                ..self.scores(&hand_preds)
            },
            hand_in_sample: self.scores(&hand_preds),
            cross_validated: Scores {
                certainty_spearman: fold_mean(&per_fold, |f| f.fitted_spearman),
                ..self.scores(&cv_preds)
            },
            in_sample: self.scores(&final_preds),
            per_fold,
            languages,
        }
    }
}

/// Mean of a per-fold figure, weighted by the folds' units. Used for the
/// certainty Spearman: certainties of models fitted on different folds are
/// not on one scale, so ranks are only compared within a fold.
fn fold_mean(folds: &[FoldReport], value: impl Fn(&FoldReport) -> f64) -> f64 {
    let units: usize = folds.iter().map(|f| f.units).sum();
    if units == 0 {
        return 0.0;
    }
    folds.iter().map(|f| value(f) * f.units as f64).sum::<f64>() / units as f64
}

/// Fitted values as they will be written: a value within [`KEEP`] of its
/// hand value keeps it; weights and base are rounded to 2 decimals, the
/// thresholds to the fewest decimals (3 or more) that put each within 0.01
/// log-odds of the fitted cut point and keep them ordered.
fn settle(hand: &Values, z: &[f64], free: &[usize]) -> Values {
    let near = |fitted: f64, hand: f64| {
        if (fitted - hand).abs() < KEEP {
            hand
        } else {
            rounded(fitted, 2)
        }
    };
    let mut out = hand.clone();
    out.base = near(z[ordinal::BASE], hand.base);
    for (k, &r) in free.iter().enumerate() {
        out.weights[r] = near(z[ordinal::WEIGHTS + k], hand.weights[r]);
    }
    let hand_cuts = hand.cut_points();
    let hand_t = [hand.possible, hand.probable, hand.certain];
    let cuts = [z[ordinal::CUTS], z[ordinal::CUTS + 1], z[ordinal::CUTS + 2]];
    let exact: Vec<f64> = cuts.iter().map(|&c| logistic(c)).collect();
    let mut chosen = exact.clone();
    for decimals in 3..=9 {
        let t: Vec<f64> = (0..3)
            .map(|k| {
                if (cuts[k] - hand_cuts[k]).abs() < KEEP {
                    hand_t[k]
                } else {
                    rounded(exact[k], decimals)
                }
            })
            .collect();
        let ordered = 0.0 < t[0] && t[0] < t[1] && t[1] < t[2] && t[2] < 1.0;
        let close = (0..3).all(|k| t[k] == hand_t[k] || (logit(t[k]) - cuts[k]).abs() <= 0.01);
        if ordered && close {
            chosen = t;
            break;
        }
    }
    out.possible = chosen[0];
    out.probable = chosen[1];
    out.certain = chosen[2];
    out
}

fn changes(rules: &RuleSet, hand: &Values, fitted: &Values) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |parameter: &str, h: f64, f: f64| {
        if h != f {
            out.push(Change {
                parameter: parameter.to_owned(),
                hand: h,
                fitted: f,
            });
        }
    };
    push("base", hand.base, fitted.base);
    push("threshold.certain", hand.certain, fitted.certain);
    push("threshold.probable", hand.probable, fitted.probable);
    push("threshold.possible", hand.possible, fitted.possible);
    for (r, rule) in rules.rules.iter().enumerate() {
        push(&rule.id, hand.weights[r], fitted.weights[r]);
    }
    out
}

fn fixed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_owned()
    } else {
        s
    }
}

fn l2_name(l2: Option<f64>) -> String {
    l2.map_or_else(|| "hand".to_owned(), |l| l.to_string())
}

/// The readable report of a fit.
pub fn render_text(r: &FitReport) -> String {
    let mut out = String::new();
    let langs: Vec<String> = r
        .languages
        .iter()
        .map(|l| format!("{} ({})", l.rules, l.lang))
        .collect();
    let _ = writeln!(
        out,
        "fit of {} on {} gold units in {} documents",
        langs.join(" and "),
        r.units,
        r.documents
    );
    match r.l2_given {
        Some(l) => {
            let _ = writeln!(out, "l2 = {l} (given)");
        }
        None => {
            let grid: Vec<String> = r.l2_grid.iter().map(|l| l.to_string()).collect();
            let _ = writeln!(
                out,
                "l2 chosen by cross-validation among {} and the hand-set values (which win ties): {}",
                grid.join(", "),
                match r.l2 {
                    Some(l) => format!("l2 = {l}"),
                    None => "hand-set values kept".to_owned(),
                }
            );
        }
    }
    let lodo = if r.folds == r.documents {
        " (one document per fold)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "cross-validation: {} folds by document{lodo}{}",
        r.folds,
        if r.l2_given.is_none() {
            "; l2 chosen again inside each fold"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "\n{:<18}  {:>15}  {:>15}",
        "", "cross-validated", "in-sample"
    );
    let _ = writeln!(
        out,
        "{:<18}  {:>6}  {:>7}  {:>6}  {:>7}",
        "metric", "hand", "fitted", "hand", "fitted"
    );
    for (name, get) in METRICS {
        let _ = writeln!(
            out,
            "{name:<18}  {:>6}  {:>7}  {:>6}  {:>7}",
            fixed(get(&r.hand), 3),
            fixed(get(&r.cross_validated), 3),
            fixed(get(&r.hand_in_sample), 3),
            fixed(get(&r.in_sample), 3)
        );
    }
    let _ = writeln!(
        out,
        "(cross-validated: each unit predicted by the values fitted on the other folds, Spearman within each fold then averaged; the hand-set values are the same in every fold. in-sample: the final fit on all gold, what `tune --rules` gives with the written file)"
    );
    let verdict = if r.cross_validated.label_macro_f1 >= r.hand.label_macro_f1 {
        "does not lower"
    } else {
        "LOWERS"
    };
    let _ = writeln!(
        out,
        "the fit {verdict} the cross-validated label macro-F1 ({} hand, {} fitted){}",
        fixed(r.hand.label_macro_f1, 3),
        fixed(r.cross_validated.label_macro_f1, 3),
        if verdict == "LOWERS" {
            "; a larger --l2 keeps nearer the hand-set values, or leave --l2 out to let cross-validation choose"
        } else {
            ""
        }
    );

    let _ = writeln!(
        out,
        "\n{:>4}  {:>5}  {:>6}  {:>7}  {:>9}  {:>8}  {:>10}  documents",
        "fold", "units", "l2", "hand F1", "fitted F1", "hand rho", "fitted rho"
    );
    for f in &r.per_fold {
        let _ = writeln!(
            out,
            "{:>4}  {:>5}  {:>6}  {:>7}  {:>9}  {:>8}  {:>10}  {}",
            f.fold,
            f.units,
            l2_name(f.l2),
            fixed(f.hand_macro_f1, 3),
            fixed(f.fitted_macro_f1, 3),
            fixed(f.hand_spearman, 3),
            fixed(f.fitted_spearman, 3),
            f.documents.join(" ")
        );
    }

    for l in &r.languages {
        let _ = writeln!(
            out,
            "\n{} ({}): {} units; {} rules fitted, {} neutral rules (weight 0) kept at 0, {} rules never fire in gold and keep their weights",
            l.rules, l.lang, l.units, l.fitted_rules, l.neutral_rules, l.unfired_rules
        );
        if let Some(s) = l.sharpness {
            let _ = writeln!(
                out,
                "model sharpness {} (as sharp as the hand-set values on the gold{})",
                fixed(s, 2),
                if s >= ordinal::MAX_SCALE {
                    ": the cap, they separate its labels"
                } else {
                    ""
                }
            );
        }
        if !l.converged {
            let _ = writeln!(
                out,
                "warning: the fit stopped before converging; a larger --l2 makes it easier"
            );
        }
        if l.changes.is_empty() {
            let _ = writeln!(out, "no value changes");
            continue;
        }
        let width = l
            .changes
            .iter()
            .map(|c| c.parameter.len())
            .max()
            .unwrap_or(9)
            .max(9);
        let _ = writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}",
            "parameter", "hand", "fitted"
        );
        for c in &l.changes {
            let _ = writeln!(
                out,
                "{:<width$}  {:>8}  {:>8}",
                c.parameter,
                write::number_text(c.hand),
                write::number_text(c.fitted)
            );
        }
    }
    out
}

type MetricOf = fn(&Scores) -> f64;

/// The metrics of a report, in order.
const METRICS: [(&str, MetricOf); 3] = [
    ("label_macro_f1", |s| s.label_macro_f1),
    ("label_accuracy", |s| s.label_accuracy),
    ("certainty_spearman", |s| s.certainty_spearman),
];

/// The report as CSV: `section,name,hand,fitted`; sections `cv` and
/// `in_sample` (metrics), then one per language code (every changed
/// parameter).
pub fn render_csv(r: &FitReport) -> String {
    let mut out = String::from("section,name,hand,fitted\n");
    for (section, hand, fitted) in [
        ("cv", &r.hand, &r.cross_validated),
        ("in_sample", &r.hand_in_sample, &r.in_sample),
    ] {
        for (name, get) in METRICS {
            let _ = writeln!(
                out,
                "{section},{name},{},{}",
                fixed(get(hand), 4),
                fixed(get(fitted), 4)
            );
        }
    }
    for l in &r.languages {
        for c in &l.changes {
            let _ = writeln!(
                out,
                "{},{},{},{}",
                l.lang,
                c.parameter,
                write::number_text(c.hand),
                write::number_text(c.fitted)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settle_rounds_and_keeps_near_values() {
        let hand = Values {
            base: 4.0,
            possible: 0.1,
            probable: 0.8,
            certain: 0.95,
            weights: vec![-1.25, -3.0, 0.0, -1.255],
        };
        let cuts = hand.cut_points();
        // Rule 0 and 3 free; rule 3 barely moves and keeps its 3 decimals.
        let z = vec![
            4.123456,
            cuts[0],
            cuts[1] + 0.3,
            cuts[2] + 0.002,
            -1.8765,
            -1.2571,
        ];
        let v = settle(&hand, &z, &[0, 3]);
        assert_eq!(v.base, 4.12);
        assert_eq!(v.weights, vec![-1.88, -3.0, 0.0, -1.255]);
        assert_eq!(v.possible, 0.1);
        assert_eq!(v.certain, 0.95);
        assert_ne!(v.probable, 0.8);
        assert!((logit(v.probable) - (cuts[1] + 0.3)).abs() <= 0.01);
        assert_eq!(v.probable, rounded(v.probable, 3));
    }

    #[test]
    fn rounded_reads_back_and_is_never_negative_zero() {
        assert_eq!(rounded(-0.001, 2).to_string(), "0");
        assert_eq!(rounded(-1.2349, 2), -1.23);
        assert_eq!(rounded(0.96127, 3), 0.961);
    }

    #[test]
    fn prediction_matches_the_analyzer() {
        let rules = RuleSet::bundled(Lang::Fr);
        let analyzer = crate::claims::Analyzer::new(rules.clone()).unwrap();
        let values = Values::of(&rules);
        let text = "Des soldats pourraient être envoyés, selon des experts. Il aurait été tué. Le ministre est arrivé.";
        for u in analyzer.analyze_text(text) {
            let fired: Vec<usize> = u.terms.iter().map(|t| t.rule).collect();
            let (c, l) = values.predict(&fired);
            assert_eq!(c, u.certainty);
            assert_eq!(l, u.label);
        }
    }
}
