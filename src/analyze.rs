//! Run the per-document pipeline over many documents in parallel, keeping
//! the input order so that output is deterministic.

use crate::claims::{Analyzers, DocAnalysis, WINDOW_BYTES};
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

/// Warnings, one line each naming the document, for the documents with
/// units cut at `[segment] max_unit_bytes` and those analysed in several
/// windows, as `credence: warning: ...`.
pub fn cut_warnings(
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
) -> Vec<String> {
    let mut out = Vec::new();
    for (d, a) in docs.iter().zip(analyses) {
        if a.cut_units > 0 {
            let max = analyzers.get(d.lang).rules.segment.max_unit_bytes;
            out.push(format!(
                "credence: warning: {}: {} unit(s) without a sentence end were cut at {max} bytes ([segment] max_unit_bytes)",
                d.origin, a.cut_units
            ));
        }
        if a.windows > 1 {
            out.push(format!(
                "credence: warning: {}: {} bytes analysed in {} windows of about {} bytes; sources and quotations are not followed from one window to the next",
                d.origin,
                d.text.len(),
                a.windows,
                WINDOW_BYTES
            ));
        }
    }
    out
}

/// Units cut at `[segment] max_unit_bytes` in all the analyses.
pub fn cut_units(analyses: &[DocAnalysis]) -> usize {
    analyses.iter().map(|a| a.cut_units).sum()
}

/// [`analyze_all`] for the documents of at most [`WINDOW_BYTES`] bytes;
/// `None` for the longer ones, to be analysed window by window with
/// [`crate::claims::Analyzer::analyze_by_window`] so that memory stays
/// bounded by the batch rather than by the longest document.
pub fn analyze_short(analyzers: &Analyzers, docs: &[Document]) -> Vec<Option<DocAnalysis>> {
    let bar = progress_bar(docs.len() as u64, "analysing");
    docs.par_iter()
        .progress_with(bar)
        .map(|d| (d.text.len() <= WINDOW_BYTES).then(|| analyzers.get(d.lang).analyze(d)))
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
