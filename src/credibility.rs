//! Credibility profile of each source: indicators with intervals and a weighted composite.
//!
//! Each indicator is a count over a stated denominator with its 95% Wilson
//! interval, so a user can check it unit by unit. The composite is the
//! logistic of a bias plus the weighted sum of the indicator rates, with
//! weights from the rules file. The module takes plain [`UnitFacts`] and does
//! not depend on the rest of the crate.
//!
//! Indicators (name: numerator / denominator), in output order:
//!
//! | name | numerator | denominator |
//! | --- | --- | --- |
//! | `hedged` | hedged claims | claims |
//! | `conditional` | claims in the journalistic conditional | claims |
//! | `attributed` | attributed claims | claims |
//! | `named_attribution` | attributed claims with a named source | attributed claims |
//! | `vague_attribution` | attributed claims with a vague source | attributed claims |
//! | `boilerplate` | boilerplate units | units |
//! | `solicitation` | solicitation units | units |
//! | `corroborated` | corroborated claims | claims |
//! | `conflict` | claims in conflict | claims |
//! | `overclaim` | overclaims | claims |
//! | `question_headline` | questions among headings and titles | headings and titles |
//!
//! Claims are the units with `is_claim`; the flags that qualify a claim
//! (`hedged`, `conditional`, `attributed`, `corroborated`, `in_conflict`,
//! `overclaim`) count only on claims, and `named_source` / `vague_source`
//! only on attributed claims.

use std::collections::BTreeMap;

use crate::stats::{wilson, Rate};

/// What the profile needs to know about one unit of a source.
#[derive(Clone, Debug)]
pub struct UnitFacts {
    /// The unit is a claim.
    pub is_claim: bool,
    /// The unit is a question.
    pub is_question: bool,
    /// The unit is page furniture (related links, share buttons, ...).
    pub is_boilerplate: bool,
    /// The unit is a disclaimer.
    pub is_disclaimer: bool,
    /// The unit is a heading or the title (the first unit of the document).
    pub is_heading_or_title: bool,
    /// Any rule lowered its certainty.
    pub hedged: bool,
    /// The journalistic conditional fired.
    pub conditional: bool,
    /// A source is credited.
    pub attributed: bool,
    /// The credited source is named.
    pub named_source: bool,
    /// The credited source is vague ("des experts", "une source proche").
    pub vague_source: bool,
    /// The unit is an opinion disclaimer ("les opinions exprimées ...").
    pub opinion_disclaimer: bool,
    /// Donation, subscription or comment appeal.
    pub solicitation: bool,
    /// Certainty in [0, 1] (not used by the indicators; kept for callers).
    pub certainty: f64,
    /// Its cluster has another source.
    pub corroborated: bool,
    /// Conflict stance in its cluster.
    pub in_conflict: bool,
    /// Stated certain where other sources of its cluster hedge.
    pub overclaim: bool,
}

/// Weights of the composite: each indicator's rate is multiplied by its weight; the composite is the sum, mapped to [0, 1] by a logistic of (bias + sum). Names are the indicator names below.
///
/// Missing weights count 0; names that are not in [`INDICATORS`] are
/// ignored by [`profile`] (see [`unknown_weights`] to refuse them). A
/// non-finite bias or weight also counts 0, so the composite is never NaN;
/// a loader should refuse such values.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CredibilityWeights {
    /// Log-odds added before the logistic.
    pub bias: f64,
    /// Weight of each indicator, by name.
    pub weights: BTreeMap<String, f64>,
}

/// One indicator of a profile.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Indicator {
    /// One of [`INDICATORS`].
    pub name: String,
    /// Count, denominator, value and 95% Wilson interval.
    pub rate: Rate,
    /// Weight applied in the composite (0 when missing or not finite).
    pub weight: f64,
}

/// Credibility profile of one source.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Profile {
    /// Source (outlet or document) name.
    pub source: String,
    /// Documents of the source.
    pub documents: usize,
    /// Units of all its documents.
    pub units: usize,
    /// Units that are claims.
    pub claims: usize,
    /// The indicators, in the order of [`INDICATORS`].
    pub indicators: Vec<Indicator>,
    /// Some unit is an opinion disclaimer.
    pub opinion_disclaimer: bool,
    /// Some heading or title is a question.
    pub question_headline: bool,
    /// logistic(bias + Σ weight × rate value), in (0, 1).
    pub composite: f64,
}

/// Indicator names, in the order of [`Profile::indicators`].
pub const INDICATORS: [&str; 11] = [
    "hedged",
    "conditional",
    "attributed",
    "named_attribution",
    "vague_attribution",
    "boilerplate",
    "solicitation",
    "corroborated",
    "conflict",
    "overclaim",
    "question_headline",
];

/// Weight names that are not indicators, in name order (for a rules loader
/// to refuse typos).
pub fn unknown_weights(w: &CredibilityWeights) -> Vec<String> {
    w.weights
        .keys()
        .filter(|name| !INDICATORS.contains(&name.as_str()))
        .cloned()
        .collect()
}

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// Logistic function, without overflow to NaN for large |x|.
fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// The profile of `source` from the facts of all units of its `documents`
/// documents, in document order. Pure and deterministic.
pub fn profile(
    source: &str,
    documents: usize,
    units: &[UnitFacts],
    weights: &CredibilityWeights,
) -> Profile {
    let count = |f: &dyn Fn(&UnitFacts) -> bool| units.iter().filter(|u| f(u)).count();
    let claims = count(&|u| u.is_claim);
    let attributed = count(&|u| u.is_claim && u.attributed);
    let headings = count(&|u| u.is_heading_or_title);
    let question_headings = count(&|u| u.is_heading_or_title && u.is_question);

    let rates: [Rate; 11] = [
        wilson(count(&|u| u.is_claim && u.hedged), claims),
        wilson(count(&|u| u.is_claim && u.conditional), claims),
        wilson(attributed, claims),
        wilson(
            count(&|u| u.is_claim && u.attributed && u.named_source),
            attributed,
        ),
        wilson(
            count(&|u| u.is_claim && u.attributed && u.vague_source),
            attributed,
        ),
        wilson(count(&|u| u.is_boilerplate), units.len()),
        wilson(count(&|u| u.solicitation), units.len()),
        wilson(count(&|u| u.is_claim && u.corroborated), claims),
        wilson(count(&|u| u.is_claim && u.in_conflict), claims),
        wilson(count(&|u| u.is_claim && u.overclaim), claims),
        wilson(question_headings, headings),
    ];

    let indicators: Vec<Indicator> = INDICATORS
        .iter()
        .zip(rates)
        .map(|(&name, rate)| Indicator {
            name: name.to_string(),
            rate,
            weight: finite_or_zero(weights.weights.get(name).copied().unwrap_or(0.0)),
        })
        .collect();
    let sum: f64 = indicators.iter().map(|i| i.weight * i.rate.value).sum();
    // Finite weights can still overflow to ±∞ (fine for the logistic) or
    // to ∞ − ∞ = NaN, which counts as 0.
    let x = finite_or_zero(weights.bias) + sum;
    let composite = logistic(if x.is_nan() { 0.0 } else { x });

    Profile {
        source: source.to_string(),
        documents,
        units: units.len(),
        claims,
        indicators,
        opinion_disclaimer: units.iter().any(|u| u.opinion_disclaimer),
        question_headline: question_headings > 0,
        composite,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit() -> UnitFacts {
        UnitFacts {
            is_claim: false,
            is_question: false,
            is_boilerplate: false,
            is_disclaimer: false,
            is_heading_or_title: false,
            hedged: false,
            conditional: false,
            attributed: false,
            named_source: false,
            vague_source: false,
            opinion_disclaimer: false,
            solicitation: false,
            certainty: 1.0,
            corroborated: false,
            in_conflict: false,
            overclaim: false,
        }
    }

    fn claim() -> UnitFacts {
        UnitFacts {
            is_claim: true,
            ..unit()
        }
    }

    /// 10 units: a question title, 6 claims, 2 boilerplate units (one a
    /// donation appeal), an opinion disclaimer.
    fn sample() -> Vec<UnitFacts> {
        vec![
            UnitFacts {
                is_heading_or_title: true,
                is_question: true,
                ..unit()
            },
            // claim 1: hedged, conditional, attributed to a vague source, corroborated
            UnitFacts {
                hedged: true,
                conditional: true,
                attributed: true,
                vague_source: true,
                corroborated: true,
                certainty: 0.4,
                ..claim()
            },
            // claim 2: attributed to a named source, corroborated, in conflict
            UnitFacts {
                attributed: true,
                named_source: true,
                corroborated: true,
                in_conflict: true,
                ..claim()
            },
            // claim 3: attributed to a named source, hedged
            UnitFacts {
                attributed: true,
                named_source: true,
                hedged: true,
                certainty: 0.6,
                ..claim()
            },
            // claim 4: unattributed overclaim in conflict
            UnitFacts {
                overclaim: true,
                in_conflict: true,
                corroborated: true,
                ..claim()
            },
            // claims 5 and 6: plain
            claim(),
            claim(),
            UnitFacts {
                is_boilerplate: true,
                solicitation: true,
                ..unit()
            },
            UnitFacts {
                is_boilerplate: true,
                ..unit()
            },
            UnitFacts {
                is_disclaimer: true,
                opinion_disclaimer: true,
                ..unit()
            },
            // Flags on a non-claim do not count for claim indicators.
            UnitFacts {
                hedged: true,
                attributed: true,
                named_source: true,
                overclaim: true,
                ..unit()
            },
        ]
    }

    fn rate<'a>(p: &'a Profile, name: &str) -> &'a Rate {
        &p.indicators.iter().find(|i| i.name == name).unwrap().rate
    }

    #[test]
    fn rates_and_intervals() {
        let p = profile("outlet", 1, &sample(), &CredibilityWeights::default());
        assert_eq!((p.documents, p.units, p.claims), (1, 11, 6));
        let names: Vec<&str> = p.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, INDICATORS);
        let expected = [
            ("hedged", 2, 6),
            ("conditional", 1, 6),
            ("attributed", 3, 6),
            ("named_attribution", 2, 3),
            ("vague_attribution", 1, 3),
            ("boilerplate", 2, 11),
            ("solicitation", 1, 11),
            ("corroborated", 3, 6),
            ("conflict", 2, 6),
            ("overclaim", 1, 6),
            ("question_headline", 1, 1),
        ];
        for (name, k, n) in expected {
            let r = rate(&p, name);
            assert_eq!((r.k, r.n), (k, n), "{name}");
            assert_eq!(*r, wilson(k, n), "{name}");
        }
        // Two intervals checked against the closed-form Wilson score
        // interval evaluated independently (mpmath, 30 digits).
        let named = rate(&p, "named_attribution");
        assert!((named.low - 0.207_659_6).abs() < 1e-6, "{named:?}");
        assert!((named.high - 0.938_508_1).abs() < 1e-6, "{named:?}");
        let vague = rate(&p, "vague_attribution");
        assert!((vague.low - 0.061_491_94).abs() < 1e-6, "{vague:?}");
        assert!((vague.high - 0.792_340_4).abs() < 1e-6, "{vague:?}");
        assert!(p.opinion_disclaimer);
        assert!(p.question_headline);
        assert_eq!(p.composite, 0.5);
    }

    #[test]
    fn composite_by_hand() {
        let w = CredibilityWeights {
            bias: 0.5,
            weights: [
                ("named_attribution".to_string(), 1.5),
                ("vague_attribution".to_string(), -1.0),
                ("overclaim".to_string(), -3.0),
                ("corroborated".to_string(), 2.0),
                ("not_an_indicator".to_string(), 100.0),
            ]
            .into_iter()
            .collect(),
        };
        let p = profile("outlet", 1, &sample(), &w);
        // 0.5 + 1.5 · 2/3 − 1 · 1/3 − 3 · 1/6 + 2 · 3/6 = 0.5 + 1 − 1/3 − 0.5 + 1
        // = 5/3; logistic(5/3) = 1 / (1 + e^(−5/3)) = 0.841131...
        let x: f64 = 5.0 / 3.0;
        let expected = 1.0 / (1.0 + (-x).exp());
        assert!((p.composite - expected).abs() < 1e-12, "{}", p.composite);
        assert!((p.composite - 0.841_131).abs() < 1e-6, "{}", p.composite);
        let weight = |name: &str| p.indicators.iter().find(|i| i.name == name).unwrap().weight;
        assert_eq!(weight("overclaim"), -3.0);
        assert_eq!(weight("hedged"), 0.0);
        assert_eq!(unknown_weights(&w), vec!["not_an_indicator".to_string()]);
    }

    #[test]
    fn weights_from_toml_like_data() {
        // Both fields may be left out of the rules file.
        let w: CredibilityWeights =
            serde_json::from_str(r#"{"weights": {"hedged": -1.0}}"#).unwrap();
        assert_eq!(w.bias, 0.0);
        assert!(unknown_weights(&w).is_empty());
        let w: CredibilityWeights = serde_json::from_str("{}").unwrap();
        assert!(w.weights.is_empty());
    }

    #[test]
    fn zero_claims_gives_zero_rates_and_no_nan() {
        let w = CredibilityWeights {
            bias: -0.25,
            weights: INDICATORS.iter().map(|n| (n.to_string(), 2.0)).collect(),
        };
        for units in [vec![], vec![unit(), unit()]] {
            let p = profile("empty", 0, &units, &w);
            assert_eq!(p.claims, 0);
            for i in &p.indicators {
                assert_eq!(
                    (i.rate.k, i.rate.value, i.rate.low),
                    (0, 0.0, 0.0),
                    "{}",
                    i.name
                );
                let per_unit = matches!(i.name.as_str(), "boilerplate" | "solicitation");
                let n = if per_unit { units.len() } else { 0 };
                assert_eq!(i.rate.n, n, "{}", i.name);
                if n == 0 {
                    assert_eq!(i.rate.high, 1.0, "{}", i.name);
                }
            }
            let json = serde_json::to_string(&p).unwrap();
            assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
            assert!((p.composite - logistic(-0.25)).abs() < 1e-12);
        }
    }

    #[test]
    fn extreme_or_non_finite_weights_stay_finite() {
        let mut w = CredibilityWeights {
            bias: f64::NAN,
            weights: [
                ("hedged".to_string(), f64::INFINITY),
                ("attributed".to_string(), 1e308),
                ("conflict".to_string(), -1e308),
            ]
            .into_iter()
            .collect(),
        };
        let p = profile("outlet", 1, &sample(), &w);
        assert!(p.composite.is_finite() && (0.0..=1.0).contains(&p.composite));
        assert!(p.indicators.iter().all(|i| i.weight.is_finite()));
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
        w.bias = -1e4;
        w.weights.clear();
        assert_eq!(profile("outlet", 1, &sample(), &w).composite, 0.0);
        w.bias = 1e4;
        assert_eq!(profile("outlet", 1, &sample(), &w).composite, 1.0);
    }

    #[test]
    fn deterministic() {
        let w = CredibilityWeights {
            bias: 0.1,
            weights: [
                ("hedged".to_string(), -0.7),
                ("corroborated".to_string(), 1.1),
            ]
            .into_iter()
            .collect(),
        };
        let a = serde_json::to_string(&profile("outlet", 2, &sample(), &w)).unwrap();
        let b = serde_json::to_string(&profile("outlet", 2, &sample(), &w)).unwrap();
        assert_eq!(a, b);
    }
}
