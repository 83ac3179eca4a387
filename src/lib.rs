//! credence: how firmly news articles state their claims, whom they credit,
//! and where they agree.
//!
//! The data flow runs one way: [`load`] articles, [`segment`] them into
//! units, [`matcher`] finds where the [`rules`] fire, [`clean`] sets page
//! furniture apart, [`claims`] gives each unit its certainty, source and
//! figures; [`analyze`] runs that over many documents in parallel, [`report`]
//! renders the results, and [`tune`] measures them against [`gold`] data
//! ([`fit`] fits the rules' weights to it).

pub mod align;
pub mod analyze;
pub mod claims;
pub mod clean;
pub mod cli;
pub mod compare;
pub mod credibility;
pub mod diff;
pub mod examples;
pub mod fit;
pub mod fold;
pub mod gold;
pub mod lint;
pub mod load;
pub mod matcher;
pub mod prefilter;
pub mod report;
pub mod rules;
pub mod rulestats;
pub mod segment;
pub mod stats;
pub mod tune;
