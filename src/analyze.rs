//! Run the per-document pipeline over many documents in parallel, keeping
//! the input order so that output is deterministic.

use crate::claims::{Analyzers, DocAnalysis};
use crate::load::Document;
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Inputs with at least this many documents show a progress bar (on a terminal).
pub const PROGRESS_MIN_DOCS: usize = 2000;

/// Analyse every document with the analyser of its language, in parallel.
pub fn analyze_all(analyzers: &Analyzers, docs: &[Document]) -> Vec<DocAnalysis> {
    let bar = progress_bar(docs.len() as u64, "analysing");
    docs.par_iter()
        .progress_with(bar)
        .map(|d| analyzers.get(d.lang).analyze(d))
        .collect()
}

/// A progress bar on stderr for long runs; hidden when stderr is not a
/// terminal or the run is short.
pub fn progress_bar(len: u64, what: &str) -> ProgressBar {
    if len < PROGRESS_MIN_DOCS as u64 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} documents ({per_sec}, {eta} left)")
    {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}
