//! How often each rule fires over a corpus (`credence rules stats`): units
//! and documents it fires in, its most frequent matched forms, and the rules
//! that never fire.

use crate::claims::{Analyzers, DocAnalysis};
use crate::load::{Document, Lang};
use std::collections::BTreeMap;

/// Firing statistics of one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleStat {
    /// Language of the rules file.
    pub lang: Lang,
    /// Rule id.
    pub id: String,
    /// Rule category.
    pub category: String,
    /// Rule weight.
    pub weight: f64,
    /// Units the rule fires in.
    pub units: usize,
    /// Documents the rule fires in.
    pub documents: usize,
    /// Most frequent matched forms (lower case), with counts, most frequent first.
    pub forms: Vec<(String, usize)>,
}

/// How to order the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Units fired, most first.
    Units,
    /// Documents fired, most first.
    Documents,
    /// Rule id.
    Id,
}

/// Count, for every rule of the languages present in `docs`, where it fires.
pub fn rule_stats(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
    top: usize,
    sort: SortBy,
) -> Vec<RuleStat> {
    let mut langs: Vec<Lang> = docs.iter().map(|d| d.lang).collect();
    langs.sort();
    langs.dedup();
    let mut out = Vec::new();
    for lang in langs {
        let rules = &analyzers.get(lang).rules;
        let n = rules.rules.len();
        let mut units = vec![0usize; n];
        let mut documents = vec![0usize; n];
        let mut forms: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); n];
        for (doc, an) in docs.iter().zip(analyses).filter(|(d, _)| d.lang == lang) {
            let mut in_doc = vec![false; n];
            for u in &an.units {
                let mut in_unit = vec![false; n];
                for h in &u.hits {
                    in_unit[h.rule] = true;
                    *forms[h.rule]
                        .entry(doc.text[h.start..h.end].to_lowercase())
                        .or_insert(0) += 1;
                }
                for (r, fired) in in_unit.iter().enumerate() {
                    if *fired {
                        units[r] += 1;
                        in_doc[r] = true;
                    }
                }
            }
            for (r, fired) in in_doc.iter().enumerate() {
                if *fired {
                    documents[r] += 1;
                }
            }
        }
        for (r, rule) in rules.rules.iter().enumerate() {
            let mut f: Vec<(String, usize)> = std::mem::take(&mut forms[r]).into_iter().collect();
            f.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            f.truncate(top);
            out.push(RuleStat {
                lang,
                id: rule.id.clone(),
                category: rule.category.name().into(),
                weight: rule.weight,
                units: units[r],
                documents: documents[r],
                forms: f,
            });
        }
    }
    match sort {
        SortBy::Units => out.sort_by(|a, b| b.units.cmp(&a.units).then(a.id.cmp(&b.id))),
        SortBy::Documents => {
            out.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.id.cmp(&b.id)))
        }
        SortBy::Id => out.sort_by(|a, b| a.id.cmp(&b.id)),
    }
    out
}

/// The forms of a statistic as `form (count)`, `;`-separated.
pub fn forms_text(s: &RuleStat) -> String {
    s.forms
        .iter()
        .map(|(f, c)| format!("{f} ({c})"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_units_documents_and_forms_on_the_sample() {
        let analyzers = Analyzers::new(None).unwrap();
        let loaded = crate::load::sample_corpus();
        let analyses = crate::analyze::analyze_all(&analyzers, &loaded.docs);
        let stats = rule_stats(&analyzers, &loaded.docs, &analyses, 3, SortBy::Units);
        let pourrait = stats
            .iter()
            .find(|s| s.id == "fr.hedge.pouvoir_conditionnel")
            .unwrap();
        assert!(pourrait.units >= 15, "{pourrait:?}");
        assert_eq!(pourrait.documents, 5);
        assert_eq!(pourrait.forms[0].0, "pourrait");
        // Sorted by units, most first; English rules are absent (no English document).
        assert!(stats.windows(2).all(|w| w[0].units >= w[1].units));
        assert!(stats.iter().all(|s| s.lang == Lang::Fr));
        // Rules that never fire are listed with zeros.
        assert!(stats.iter().any(|s| s.units == 0 && s.forms.is_empty()));
    }
}
