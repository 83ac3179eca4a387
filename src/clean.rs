//! Tell page furniture from the article: units on which a `boilerplate` or
//! `disclaimer` rule fires, and sidebar headlines that follow a unit marked
//! by a rule named in `[kinds] sidebar_after` (timestamps of other articles).
//! Nothing is deleted: such units keep their span and get their own kind.

use crate::matcher::Hit;
use crate::rules::{Category, RuleSet};
use crate::segment::Unit;

/// What cleaning decided for one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Part of the article.
    Article,
    /// Page furniture: share and comment prompts, appeals, sidebars.
    Boilerplate,
    /// The outlet speaking about the article.
    Disclaimer,
}

/// Classify each unit from the rules that fired in it.
pub fn classify(rules: &RuleSet, units: &[Unit], hits: &[Vec<Hit>]) -> Vec<Furniture> {
    let sidebar: Vec<usize> = rules
        .kinds
        .sidebar_after
        .iter()
        .filter_map(|id| rules.index_of(id))
        .collect();
    let mut out = Vec::with_capacity(units.len());
    let mut after_sidebar_marker = false;
    for (unit, unit_hits) in units.iter().zip(hits) {
        let has = |cat: Category| {
            unit_hits
                .iter()
                .any(|h| rules.rules[h.rule].category == cat)
        };
        let kind = if has(Category::Disclaimer) {
            Furniture::Disclaimer
        } else if has(Category::Boilerplate)
            || (after_sidebar_marker && unit.whole_paragraph && !unit.terminal)
        {
            Furniture::Boilerplate
        } else {
            Furniture::Article
        };
        after_sidebar_marker = unit_hits.iter().any(|h| sidebar.contains(&h.rule));
        out.push(kind);
    }
    out
}
