//! Run the per-document pipeline over many documents in parallel, keeping
//! the input order so that output is deterministic.

use crate::claims::{Analyzers, DocAnalysis};
use crate::load::Document;
use rayon::prelude::*;

/// Analyse every document with the analyser of its language, in parallel.
pub fn analyze_all(analyzers: &Analyzers, docs: &[Document]) -> Vec<DocAnalysis> {
    docs.par_iter()
        .map(|d| analyzers.get(d.lang).analyze(d))
        .collect()
}
