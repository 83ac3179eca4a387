//! The command line: flags, and each command as a call into the library.

use crate::align::Aligner;
use crate::analyze::analyze_all;
use crate::claims::{Analyzer, Analyzers, DocAnalysis};
use crate::compare::compare;
use crate::examples::run_examples;
use crate::load::{load_inputs, sample_corpus, Document, Lang, Loaded};
use crate::report::tables::{self, ReportData};
use crate::report::terminal::{compare_view, sources_view, View};
use crate::report::{
    claim_row, explain_unit, matches_json, write_csv, ClaimRow, UnitJson, CLAIM_COLUMNS,
};
use crate::rules::RuleSet;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;

/// How firmly news articles state their claims, whom they credit, and where they agree.
#[derive(Debug, Parser)]
#[command(name = "credence", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 failed rule examples, errors found by rules check (or warnings with --strict), changes found by rules diff --fail-on-change; 2 usage or rules error, 3 input/output error."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse articles: one row per unit (sentence, heading, boilerplate...) to stdout.
    Analyze {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Show, for every unit, its cues, each term of its score, its certainty, source and figures.
    Explain {
        /// A text file to explain.
        #[arg(conflicts_with = "text", required_unless_present = "text")]
        file: Option<PathBuf>,
        /// Text to explain instead of a file.
        #[arg(long)]
        text: Option<String>,
        /// Language of the text (default: detected).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Rules file (default: the bundled rules of the text's language).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Write the reports (claims, clusters, agreement, figures, sources, pairs, summary) into a directory.
    Report {
        #[command(flatten)]
        input: InputArgs,
        /// Directory to write the reports into.
        #[arg(long, value_name = "DIR", default_value = "reports")]
        out: PathBuf,
        /// csv: one file per table; json: one report.json with every table.
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
        /// Also write report.html: the whole report as one page to open in a browser.
        #[arg(long)]
        html: bool,
        /// Print the time each stage took on stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Print disputed figures and the claims several sources state, with each source's certainty and stance.
    Compare {
        #[command(flatten)]
        input: InputArgs,
        /// Width of the tables (default: the terminal's, else 100).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Print each source's credibility profile: every indicator with its interval, then the composite.
    Sources {
        #[command(flatten)]
        input: InputArgs,
        /// Width of the tables (default: the terminal's, else 100).
        #[arg(long)]
        width: Option<usize>,
        /// table for people, csv for machines.
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
    },
    /// Work on rules files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Measure the analysis against gold judgements.
    Tune {
        /// A gold directory (*-sentences.csv, *-figures.csv...) or one gold file.
        #[arg(long, value_name = "PATH")]
        gold: PathBuf,
        /// The documents the gold is about (default: the bundled sample corpus).
        #[arg(long = "input", value_name = "INPUT")]
        inputs: Vec<String>,
        /// Rules file (default: the bundled rules).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TuneFormat::Text)]
        format: TuneFormat,
        #[command(flatten)]
        fit: FitArgs,
    },
}

/// Options of `tune --fit`.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// Fit the rules' weights, base and label thresholds to the gold; report cross-validated gains.
    #[arg(long)]
    pub fit: bool,
    /// Pull toward the hand-set values (default: chosen by cross-validation; hand values kept when no fit beats them).
    #[arg(long, value_name = "LAMBDA", requires = "fit")]
    pub l2: Option<f64>,
    /// Folds by document for cross-validation (fewer documents: one fold per document).
    #[arg(long, value_name = "K", default_value_t = 5, requires = "fit")]
    pub folds: usize,
    /// Write the fitted rules file; `{lang}` in FILE stands for the language code (needed when the gold has both).
    #[arg(long, value_name = "FILE", requires = "fit")]
    pub write: Option<PathBuf>,
}

/// Rules subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule's examples; exit 1 when one fails.
    Test {
        /// Rules file (default: both bundled files).
        file: Option<PathBuf>,
    },
    /// How often each rule fires over a corpus, its most frequent forms, and the rules that never fire.
    Stats {
        #[command(flatten)]
        input: InputArgs,
        /// Order of the rows.
        #[arg(long, value_enum, default_value_t = StatsSort::Units)]
        sort: StatsSort,
        /// table for people, csv for machines.
        #[arg(long, value_enum, default_value_t = SourcesFormat::Table)]
        format: SourcesFormat,
        /// Matched forms shown per rule.
        #[arg(long, default_value_t = 5)]
        top: usize,
    },
    /// Lint rules files: what loading refuses (errors) and likely mistakes (warnings); exit 1 on errors.
    Check {
        /// Rules files (default: both bundled files).
        files: Vec<PathBuf>,
        /// Warnings fail the check too (exit 1).
        #[arg(long)]
        strict: bool,
        /// text (FILE:LINE:COL: warning[code]: ...) or json.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Analyse a corpus with two rules files and list the units whose kind, label, certainty, polarity, source or figures change.
    Diff(DiffArgs),
}

/// Flags of `rules diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The rules file before the change.
    pub old: PathBuf,
    /// The rules file after the change (same language as OLD).
    pub new: PathBuf,
    /// Directories of .txt files, .jsonl files, or - for JSONL on stdin (default: the bundled sample corpus).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Language of documents whose metadata gives none (default: detected).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Certainty changes up to this are not listed.
    #[arg(long, default_value_t = 0.05)]
    pub tolerance: f64,
    /// table for people, csv for machines.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Exit 1 when a unit changes.
    #[arg(long)]
    pub fail_on_change: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Output formats of `rules diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A table of the changed units, then the summary.
    Table,
    /// One CSV row per changed unit to stdout; the summary on stderr.
    Csv,
}

/// Output formats of `rules check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One finding a line, then a summary line per file.
    Text,
    /// One JSON document.
    Json,
}

/// Orders of `rules stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsSort {
    /// Units the rule fires in, most first.
    Units,
    /// Documents the rule fires in, most first.
    Documents,
    /// Rule id.
    Id,
}

/// Where articles come from and which rules analyse them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Directories of .txt files, .jsonl files, or - for JSONL on stdin (default: the bundled sample corpus).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Rules file; replaces the bundled rules of its language.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Language of documents whose metadata gives none (default: detected).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON document.
    Json,
    /// A table for the terminal.
    Table,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One CSV file per table.
    Csv,
    /// One JSON document, report.json.
    Json,
}

/// Output formats of `sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourcesFormat {
    /// A table for the terminal.
    Table,
    /// sources.csv to stdout.
    Csv,
}

/// Output formats of `tune`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TuneFormat {
    /// A readable report.
    Text,
    /// One CSV row per metric.
    Csv,
    /// One JSON document.
    Json,
}

/// A language on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// French.
    Fr,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

/// A failure with its exit code.
#[derive(Debug)]
pub struct Failure {
    /// Process exit code.
    pub code: i32,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    fn io(message: impl Into<String>) -> Failure {
        Failure {
            code: 3,
            message: message.into(),
        }
    }
}

impl From<crate::rules::RulesError> for Failure {
    fn from(e: crate::rules::RulesError) -> Failure {
        Failure::usage(format!("{e}"))
    }
}

impl From<crate::load::LoadError> for Failure {
    fn from(e: crate::load::LoadError) -> Failure {
        let msg = e.to_string();
        Failure {
            code: e.exit_code(),
            message: msg.strip_prefix("credence: ").unwrap_or(&msg).to_string(),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::io(format!("{e}"))
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32, Failure> {
    match cli.command {
        Command::Analyze { input, format }
            if format != Format::Table && !input.inputs.is_empty() =>
        {
            analyze_stream(&input, format)?;
            Ok(0)
        }
        Command::Analyze { input, format } => {
            let (analyzers, loaded) = prepare(&input)?;
            let analyses = analyze_warn(&analyzers, &loaded.docs);
            let mut out = std::io::stdout().lock();
            write_analyses(&mut out, &analyzers, &loaded.docs, &analyses, format)?;
            out.flush()?;
            Ok(0)
        }
        Command::Explain {
            file,
            text,
            lang,
            rules,
        } => {
            let (id, body) = match (file, text) {
                (_, Some(t)) => ("text".to_string(), t),
                (Some(f), None) => {
                    let loaded = load_inputs(&[f.display().to_string()], lang.map(Lang::from))?;
                    print_warnings(&loaded);
                    let doc = loaded.docs.into_iter().next().ok_or_else(|| {
                        Failure::io(format!("{}: no text could be read", f.display()))
                    })?;
                    (doc.id, doc.text)
                }
                (None, None) => return Err(Failure::usage("give a FILE or --text")),
            };
            let lang = lang
                .map(Lang::from)
                .unwrap_or_else(|| crate::load::detect_lang(&body));
            let custom = rules.as_deref().map(RuleSet::from_file).transpose()?;
            let analyzers = Analyzers::new(custom)?;
            let analyzer = analyzers.get(lang);
            let units = analyzer.analyze_text(&body);
            let mut out = std::io::stdout().lock();
            writeln!(out, "{id} ({}, rules {})", lang.code(), analyzer.rules.name)?;
            for u in &units {
                write!(out, "{}", explain_unit(analyzer, &body, u))?;
            }
            out.flush()?;
            Ok(0)
        }
        Command::Report {
            input,
            out,
            format,
            html,
            timings,
        } => {
            let mut clock = Stopwatch::new(timings);
            let run = CrossSource::run(&input, &mut clock)?;
            let data = run.data();
            std::fs::create_dir_all(&out).map_err(|e| {
                Failure::io(format!(
                    "{}: cannot create the directory: {e}",
                    out.display()
                ))
            })?;
            let mut written = Vec::new();
            let write =
                |path: &std::path::Path,
                 fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>| {
                    crate::report::write_atomic_with(path, fill)
                        .map_err(|e| Failure::io(format!("{}: {e}", path.display())))
                };
            match format {
                ReportFormat::Csv => {
                    // Tables are written in parallel, each to its own file.
                    use rayon::prelude::*;
                    let results: Vec<Result<std::path::PathBuf, Failure>> = data
                        .all()
                        .into_par_iter()
                        .map(|t| {
                            let path = out.join(format!("{}.csv", t.name));
                            let mut t = Some(t);
                            write(&path, &mut |w| match t.take() {
                                Some(t) => tables::write_table_csv(t, w),
                                None => Ok(()),
                            })?;
                            Ok(path)
                        })
                        .collect();
                    for r in results {
                        written.push(r?);
                    }
                }
                ReportFormat::Json => {
                    let path = out.join("report.json");
                    let mut all = Some(data.all());
                    write(&path, &mut |w| match all.take() {
                        Some(all) => tables::write_tables_json(all, w),
                        None => Ok(()),
                    })?;
                    written.push(path);
                }
            }
            if html {
                let path = out.join("report.html");
                let run_info = crate::report::html::RunInfo {
                    date: crate::report::html::run_date(),
                };
                let page = crate::report::html::render(&data, &run_info)
                    .map_err(|e| Failure::io(format!("{}: {e}", path.display())))?;
                write(&path, &mut |w| w.write_all(page.as_bytes()))?;
                written.push(path);
            }
            clock.lap("write");
            let units: usize = run.analyses.iter().map(|a| a.units.len()).sum();
            eprintln!(
                "credence: wrote {} file(s) in {} ({} documents, {} units, {} clusters)",
                written.len(),
                out.display(),
                run.analyses.len(),
                units,
                run.alignment.clusters.len()
            );
            Ok(0)
        }
        Command::Compare { input, width } => {
            let run = CrossSource::run(&input, &mut Stopwatch::new(false))?;
            let data = run.data();
            let view = View::detect(width, std::io::stdout().is_terminal());
            let mut out = std::io::stdout().lock();
            out.write_all(compare_view(&data, view).as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        Command::Sources {
            input,
            width,
            format,
        } => {
            let run = CrossSource::run(&input, &mut Stopwatch::new(false))?;
            let data = run.data();
            let mut out = std::io::stdout().lock();
            match format {
                SourcesFormat::Table => {
                    let view = View::detect(width, std::io::stdout().is_terminal());
                    out.write_all(sources_view(&data, view).as_bytes())?;
                }
                SourcesFormat::Csv => tables::write_table_csv(data.sources(), &mut out)?,
            }
            out.flush()?;
            Ok(0)
        }
        Command::Rules {
            command:
                RulesCommand::Stats {
                    input,
                    sort,
                    format,
                    top,
                },
        } => {
            let (analyzers, loaded) = prepare(&input)?;
            let analyses = analyze_warn(&analyzers, &loaded.docs);
            let sort = match sort {
                StatsSort::Units => crate::rulestats::SortBy::Units,
                StatsSort::Documents => crate::rulestats::SortBy::Documents,
                StatsSort::Id => crate::rulestats::SortBy::Id,
            };
            let stats =
                crate::rulestats::rule_stats(&analyzers, &loaded.docs, &analyses, top, sort);
            let header = [
                "lang",
                "rule",
                "category",
                "weight",
                "units",
                "documents",
                "forms",
            ];
            let rows: Vec<Vec<String>> = stats
                .iter()
                .map(|s| {
                    vec![
                        s.lang.code().to_string(),
                        s.id.clone(),
                        s.category.clone(),
                        format!("{:+.2}", s.weight),
                        s.units.to_string(),
                        s.documents.to_string(),
                        crate::rulestats::forms_text(s),
                    ]
                })
                .collect();
            let mut out = std::io::stdout().lock();
            match format {
                SourcesFormat::Csv => write_csv(&mut out, &header, rows)?,
                SourcesFormat::Table => {
                    use tabled::settings::{object::Columns, Modify, Style, Width};
                    let mut b = tabled::builder::Builder::default();
                    b.push_record(header);
                    for r in rows {
                        b.push_record(r);
                    }
                    let mut table = b.build();
                    table
                        .with(Style::sharp())
                        .with(Modify::new(Columns::one(6)).with(Width::wrap(50).keep_words(true)));
                    writeln!(out, "{table}")?;
                    let silent: Vec<&str> = stats
                        .iter()
                        .filter(|s| s.units == 0)
                        .map(|s| s.id.as_str())
                        .collect();
                    writeln!(
                        out,
                        "{} rules, {} never fire{}{}",
                        stats.len(),
                        silent.len(),
                        if silent.is_empty() { "" } else { ": " },
                        silent.join(", ")
                    )?;
                }
            }
            out.flush()?;
            Ok(0)
        }
        Command::Rules {
            command: RulesCommand::Test { file },
        } => {
            let sets = match file {
                Some(f) => vec![RuleSet::from_file(&f)?],
                None => vec![RuleSet::bundled(Lang::Fr), RuleSet::bundled(Lang::En)],
            };
            let mut failed = 0;
            let mut out = std::io::stdout().lock();
            for rs in sets {
                let name = rs.name.clone();
                let analyzer = Analyzer::new(rs)?;
                let report = run_examples(&analyzer);
                for f in &report.failures {
                    writeln!(
                        out,
                        "FAIL {name}:{} {}: {} {:?}",
                        f.line,
                        f.rule,
                        if f.expected_match {
                            "should match"
                        } else {
                            "should not match"
                        },
                        f.example
                    )?;
                }
                for id in &report.untested {
                    writeln!(out, "warning: {name}: rule {id} has no examples.match")?;
                }
                writeln!(
                    out,
                    "{name}: {} rules, {} examples, {} passed, {} failed",
                    analyzer.rules.rules.len(),
                    report.run,
                    report.run - report.failures.len(),
                    report.failures.len()
                )?;
                failed += report.failures.len();
            }
            Ok(if failed > 0 { 1 } else { 0 })
        }
        Command::Rules {
            command:
                RulesCommand::Check {
                    files,
                    strict,
                    format,
                },
        } => {
            let reports = if files.is_empty() {
                vec![
                    crate::lint::check_text(crate::rules::BUNDLED_FR, "<bundled fr>"),
                    crate::lint::check_text(crate::rules::BUNDLED_EN, "<bundled en>"),
                ]
            } else {
                files
                    .iter()
                    .map(|f| {
                        crate::lint::check_file(f).map_err(|e| {
                            Failure::io(format!("{}: cannot read the rules file: {e}", f.display()))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?
            };
            let text = match format {
                CheckFormat::Text => crate::lint::render_text(&reports),
                CheckFormat::Json => crate::lint::render_json(&reports),
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(i32::from(reports.iter().any(|r| r.fails(strict))))
        }
        Command::Rules {
            command: RulesCommand::Diff(args),
        } => {
            if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
                return Err(Failure::usage("--tolerance must be a number at least 0"));
            }
            set_threads(args.threads)?;
            let old = RuleSet::from_file(&args.old)?;
            let new = RuleSet::from_file(&args.new)?;
            if old.lang != new.lang {
                return Err(Failure::usage(format!(
                    "{} is for {} and {} for {}: compare two rules files of one language",
                    old.name,
                    old.lang.code(),
                    new.name,
                    new.lang.code()
                )));
            }
            let (old, new) = (Analyzer::new(old)?, Analyzer::new(new)?);
            let loaded = load_documents(&args.inputs, args.lang)?;
            let report = crate::diff::diff(&old, &new, &loaded.docs, args.tolerance);
            let mut out = std::io::stdout().lock();
            match args.format {
                DiffFormat::Table => {
                    let width = terminal_size::terminal_size()
                        .map(|(w, _)| w.0 as usize)
                        .unwrap_or(120);
                    let text_width = width.saturating_sub(70).clamp(30, 80);
                    out.write_all(crate::diff::render_table(&report, text_width).as_bytes())?;
                }
                DiffFormat::Csv => {
                    write_csv(
                        &mut out,
                        &crate::diff::DIFF_COLUMNS,
                        crate::diff::csv_records(&report),
                    )?;
                }
            }
            out.flush()?;
            if args.format == DiffFormat::Csv {
                eprintln!("credence: {}", report.summary());
            }
            Ok(i32::from(args.fail_on_change && !report.changes.is_empty()))
        }
        Command::Tune {
            gold,
            inputs,
            rules,
            format,
            fit,
        } => {
            crate::fit::FitOptions {
                l2: fit.l2,
                folds: fit.folds,
            }
            .check()
            .map_err(|e| Failure::usage(e.to_string()))?;
            let custom = rules.as_deref().map(RuleSet::from_file).transpose()?;
            let gold_data =
                crate::gold::read_gold(&gold).map_err(|e| Failure::io(e.to_string()))?;
            let input = InputArgs {
                inputs,
                rules,
                lang: None,
                threads: None,
            };
            let (analyzers, loaded) = prepare(&input)?;
            let analyses = analyze_warn(&analyzers, &loaded.docs);
            let alignment = Aligner::new(&analyzers).align(&loaded.docs, &analyses);
            let topic_of: BTreeMap<(usize, usize, usize), String> = alignment
                .topics
                .iter()
                .flat_map(|t| {
                    t.rows
                        .iter()
                        .map(move |r| ((r.doc, r.unit, r.figure), t.key.clone()))
                })
                .collect();
            let texts: BTreeMap<String, String> = loaded
                .docs
                .iter()
                .map(|d| (d.id.clone(), d.text.clone()))
                .collect();
            let pred: Vec<crate::tune::PredUnit> = analyses
                .iter()
                .enumerate()
                .flat_map(|(d, a)| {
                    let alignment = &alignment;
                    let topic_of = &topic_of;
                    let rules = &analyzers.get(loaded.docs[d].lang).rules.rules;
                    a.units
                        .iter()
                        .enumerate()
                        .map(move |(ui, u)| crate::tune::PredUnit {
                            doc: a.doc.clone(),
                            start: u.start,
                            end: u.end,
                            kind: u.kind.name().into(),
                            certainty: u.certainty,
                            label: u.label.name().into(),
                            hedged: u.hedged(),
                            source: u.source.as_ref().map(|s| s.text.clone()),
                            figures: u
                                .figures
                                .iter()
                                .map(|f| (f.value, f.unit.clone()))
                                .collect(),
                            cluster: alignment.cluster_of[d][ui]
                                .map(|c| alignment.clusters[c].id.clone()),
                            figure_topics: (0..u.figures.len())
                                .map(|k| topic_of.get(&(d, ui, k)).cloned())
                                .collect(),
                            rules: u.terms.iter().map(|t| rules[t.rule].id.clone()).collect(),
                        })
                })
                .collect();
            if fit.fit {
                let doc_lang = loaded.docs.iter().map(|d| (d.id.clone(), d.lang)).collect();
                let sets: Vec<&RuleSet> = match &custom {
                    Some(c) => vec![&analyzers.get(c.lang).rules],
                    None => [Lang::Fr, Lang::En]
                        .iter()
                        .map(|&l| &analyzers.get(l).rules)
                        .collect(),
                };
                return run_fit(&gold_data, &texts, &pred, &doc_lang, &sets, &fit, format);
            }
            let ev = crate::tune::evaluate(&gold_data, &texts, &pred);
            let text = match format {
                TuneFormat::Text => crate::tune::render_text(&ev),
                TuneFormat::Csv => crate::tune::render_csv(&ev),
                TuneFormat::Json => json_text(&ev)?,
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(0)
        }
    }
}

fn json_text<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure::io(e.to_string()))
}

/// `tune --fit`: fit, print the report, write the fitted rules files.
fn run_fit(
    gold: &crate::gold::Gold,
    texts: &BTreeMap<String, String>,
    pred: &[crate::tune::PredUnit],
    doc_lang: &BTreeMap<String, Lang>,
    sets: &[&RuleSet],
    args: &FitArgs,
    format: TuneFormat,
) -> Result<i32, Failure> {
    let options = crate::fit::FitOptions {
        l2: args.l2,
        folds: args.folds,
    };
    let report = crate::fit::fit(gold, texts, pred, doc_lang, sets, options)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let text = match format {
        TuneFormat::Text => crate::fit::render_text(&report),
        TuneFormat::Csv => crate::fit::render_csv(&report),
        TuneFormat::Json => json_text(&report)?,
    };
    if let Some(target) = &args.write {
        let pattern = target.to_string_lossy();
        if report.languages.len() > 1 && !pattern.contains("{lang}") {
            return Err(Failure::usage(format!(
                "the gold covers {} languages: put {{lang}} in --write (e.g. tuned-{{lang}}.toml), or fit one with --rules",
                report.languages.len()
            )));
        }
        for l in &report.languages {
            let Some(rules) = sets.iter().find(|r| r.lang.code() == l.lang) else {
                continue;
            };
            let path = PathBuf::from(pattern.replace("{lang}", &l.lang));
            let body = crate::fit::write::rewrite(rules, &l.fitted)
                .map_err(|e| Failure::usage(e.to_string()))?;
            crate::report::write_atomic(&path, body.as_bytes())
                .map_err(|e| Failure::io(format!("{}: {e}", path.display())))?;
            eprintln!(
                "credence: wrote {} ({} values changed)",
                path.display(),
                l.changes.len()
            );
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(0)
}

/// Every stage of the cross-source analysis, run once and owned together.
struct CrossSource {
    analyzers: Analyzers,
    loaded: Loaded,
    analyses: Vec<DocAnalysis>,
    alignment: crate::align::Alignment,
    comparison: crate::compare::Comparison,
}

impl CrossSource {
    /// Load, analyse, align and compare, timing each stage on `clock`.
    fn run(input: &InputArgs, clock: &mut Stopwatch) -> Result<CrossSource, Failure> {
        let (analyzers, loaded) = prepare(input)?;
        clock.lap("load");
        let analyses = analyze_warn(&analyzers, &loaded.docs);
        clock.lap("analyze");
        clock.note(&format!(
            "analyze: {} unit(s) cut at [segment] max_unit_bytes",
            crate::analyze::cut_units(&analyses)
        ));
        clock.note(&format!(
            "analyze: {} document(s) analysed in windows",
            analyses.iter().filter(|a| a.windows > 1).count()
        ));
        let alignment = Aligner::new(&analyzers).align(&loaded.docs, &analyses);
        clock.lap("align");
        let comparison = compare(&analyzers, &loaded.docs, &analyses, &alignment);
        clock.lap("compare");
        Ok(CrossSource {
            analyzers,
            loaded,
            analyses,
            alignment,
            comparison,
        })
    }

    /// The report view of the results.
    fn data(&self) -> ReportData<'_> {
        ReportData {
            analyzers: &self.analyzers,
            docs: &self.loaded.docs,
            analyses: &self.analyses,
            alignment: &self.alignment,
            comparison: &self.comparison,
        }
    }
}

/// Stage timings for `--timings`, printed on stderr.
struct Stopwatch {
    on: bool,
    last: std::time::Instant,
}

impl Stopwatch {
    fn new(on: bool) -> Stopwatch {
        Stopwatch {
            on,
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "credence: {stage}: {:.2} s",
                self.last.elapsed().as_secs_f64()
            );
        }
        self.last = std::time::Instant::now();
    }

    /// Print a count or remark along the timings.
    fn note(&self, message: &str) {
        if self.on {
            eprintln!("credence: {message}");
        }
    }
}

/// Analyse the documents, then warn on stderr about every document whose
/// units were cut at `[segment] max_unit_bytes`.
fn analyze_warn(analyzers: &Analyzers, docs: &[Document]) -> Vec<DocAnalysis> {
    let analyses = analyze_all(analyzers, docs);
    for w in crate::analyze::cut_warnings(analyzers, docs, &analyses) {
        eprintln!("{w}");
    }
    analyses
}

fn print_warnings(loaded: &Loaded) {
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
}

/// Bytes of CSV rows gathered before they are written out.
const CSV_CHUNK: usize = 1 << 16;

/// Documents per batch when analysing a stream of inputs.
const STREAM_BATCH: usize = 1024;

/// `analyze` over the inputs in batches: memory stays bounded whatever the
/// input size; each batch is analysed in parallel and written in order.
fn analyze_stream(input: &InputArgs, format: Format) -> Result<(), Failure> {
    set_threads(input.threads)?;
    let custom = input.rules.as_deref().map(RuleSet::from_file).transpose()?;
    let analyzers = Analyzers::new(custom)?;
    let inputs = crate::load::list_inputs(&input.inputs)?;
    // A bar when the number of documents is known (no JSONL), else a spinner.
    let known: Option<usize> = inputs.iter().map(|i| i.max_docs()).sum();
    let progress = match known {
        Some(n) => crate::analyze::progress_bar(n as u64, "analysing"),
        None if std::io::stderr().is_terminal() => {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar
        }
        None => indicatif::ProgressBar::hidden(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lang = input.lang.map(Lang::from);
    let written = write_stream(
        &mut out,
        &analyzers,
        &inputs,
        lang,
        format,
        STREAM_BATCH,
        &progress,
    );
    progress.finish_and_clear();
    written?;
    out.flush()?;
    Ok(())
}

/// Read `inputs` in batches of `batch` documents, analyse each batch in
/// parallel and write its units: the same bytes as [`write_analyses`] on
/// all the documents at once.
fn write_stream<W: Write>(
    out: &mut W,
    analyzers: &Analyzers,
    inputs: &[crate::load::Input],
    lang: Option<Lang>,
    format: Format,
    batch: usize,
    progress: &indicatif::ProgressBar,
) -> Result<(), Failure> {
    let sink = |e: std::io::Error| crate::load::LoadError::Sink {
        message: e.to_string(),
    };
    let mut json = if format == Format::Json {
        Some(UnitsJson::begin(&mut *out)?)
    } else {
        write_csv(&mut *out, &CLAIM_COLUMNS, std::iter::empty::<Vec<String>>())?;
        None
    };
    crate::load::stream_inputs(inputs, lang, batch, |docs, warnings| {
        for w in warnings {
            eprintln!("{w}");
        }
        // Documents longer than one window are analysed window by window
        // as they are written: memory stays bounded by the batch.
        let analyses = crate::analyze::analyze_short(analyzers, &docs);
        let mut wtr = csv::WriterBuilder::new().from_writer(Vec::new());
        let mut write_units =
            |doc: &Document, a: &DocAnalysis| -> Result<(), crate::load::LoadError> {
                let analyzer = analyzers.get(doc.lang);
                for u in &a.units {
                    let row = claim_row(analyzer, a, &doc.text, u);
                    if let Some(json) = json.as_mut() {
                        let unit = UnitJson {
                            row: &row,
                            matches: matches_json(analyzer, &doc.text, u),
                        };
                        json.unit(&mut *out, &unit).map_err(sink)?;
                    } else {
                        let cells: Vec<String> = row
                            .cells()
                            .iter()
                            .map(|c| crate::report::safe_cell(c).into_owned())
                            .collect();
                        wtr.write_record(&cells)
                            .map_err(|e| sink(std::io::Error::other(e)))?;
                        // Rows go out as they come: a long document's rows
                        // are not all held in memory.
                        if wtr.get_ref().len() >= CSV_CHUNK {
                            let full = std::mem::replace(
                                &mut wtr,
                                csv::WriterBuilder::new().from_writer(Vec::new()),
                            );
                            let bytes = full
                                .into_inner()
                                .map_err(|e| sink(std::io::Error::other(e.to_string())))?;
                            out.write_all(&bytes).map_err(sink)?;
                        }
                    }
                }
                Ok(())
            };
        for (doc, a) in docs.iter().zip(analyses) {
            let a = match a {
                Some(a) => {
                    write_units(doc, &a)?;
                    a
                }
                None => {
                    let mut a = DocAnalysis {
                        doc: doc.id.clone(),
                        outlet: doc.meta.outlet.clone(),
                        lang: doc.lang,
                        units: Vec::new(),
                        cut_units: 0,
                        windows: 0,
                    };
                    let (cut_units, windows) =
                        analyzers
                            .get(doc.lang)
                            .analyze_by_window(&doc.text, |units| {
                                a.units = units;
                                write_units(doc, &a)
                            })?;
                    a.units = Vec::new();
                    a.cut_units = cut_units;
                    a.windows = windows;
                    a
                }
            };
            let warnings = crate::analyze::cut_warnings(
                analyzers,
                std::slice::from_ref(doc),
                std::slice::from_ref(&a),
            );
            for w in warnings {
                eprintln!("{w}");
            }
        }
        let bytes = wtr
            .into_inner()
            .map_err(|e| sink(std::io::Error::other(e.to_string())))?;
        out.write_all(&bytes).map_err(sink)?;
        progress.inc(docs.len() as u64);
        if progress.length().is_none() {
            progress.set_message(format!("{} documents analysed", progress.position()));
        }
        out.flush().map_err(sink)
    })?;
    if let Some(json) = json {
        json.end(out)?;
    }
    Ok(())
}

/// Writes `{"units": [...]}` one unit at a time, laid out byte for byte as
/// `serde_json::to_writer_pretty` lays out the whole document (keys sorted),
/// so that no more than one unit is held as JSON.
struct UnitsJson {
    first: bool,
}

impl UnitsJson {
    fn begin(out: &mut impl Write) -> std::io::Result<UnitsJson> {
        out.write_all(b"{\n  \"units\": [")?;
        Ok(UnitsJson { first: true })
    }

    /// One unit, indented two levels deep.
    fn unit(&mut self, out: &mut impl Write, unit: &UnitJson) -> std::io::Result<()> {
        let pretty = serde_json::to_value(unit)
            .and_then(|v| serde_json::to_vec_pretty(&v))
            .map_err(std::io::Error::other)?;
        out.write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n    ")?;
            }
            out.write_all(line)?;
        }
        Ok(())
    }

    fn end(self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(if self.first { b"]\n}\n" } else { b"\n  ]\n}\n" })
    }
}

/// Use `n` worker threads for the parallel stages.
fn set_threads(n: Option<usize>) -> Result<(), Failure> {
    if let Some(n) = n {
        if n == 0 {
            return Err(Failure::usage("--threads must be at least 1"));
        }
        // A second call (the pool already exists) keeps the first setting.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    Ok(())
}

/// Load rules and inputs (the bundled sample corpus when none are given).
fn prepare(input: &InputArgs) -> Result<(Analyzers, Loaded), Failure> {
    set_threads(input.threads)?;
    let custom = input.rules.as_deref().map(RuleSet::from_file).transpose()?;
    let analyzers = Analyzers::new(custom)?;
    Ok((analyzers, load_documents(&input.inputs, input.lang)?))
}

/// Load the inputs (the bundled sample corpus when there are none) and print the warnings.
fn load_documents(inputs: &[String], lang: Option<LangArg>) -> Result<Loaded, Failure> {
    let loaded = if inputs.is_empty() {
        let mut l = sample_corpus();
        if let Some(lang) = lang {
            for d in &mut l.docs {
                if d.meta.language.is_none() {
                    d.lang = lang.into();
                }
            }
        }
        l
    } else {
        load_inputs(inputs, lang.map(Lang::from))?
    };
    print_warnings(&loaded);
    Ok(loaded)
}

fn rows<'a>(
    analyzers: &'a Analyzers,
    docs: &'a [Document],
    analyses: &'a [DocAnalysis],
) -> impl Iterator<Item = (ClaimRow, &'a Analyzer, &'a DocAnalysis, usize)> + 'a {
    docs.iter().zip(analyses).flat_map(move |(d, a)| {
        let analyzer = analyzers.get(d.lang);
        a.units
            .iter()
            .enumerate()
            .map(move |(i, u)| (claim_row(analyzer, a, &d.text, u), analyzer, a, i))
    })
}

fn write_analyses<W: Write>(
    out: &mut W,
    analyzers: &Analyzers,
    docs: &[Document],
    analyses: &[DocAnalysis],
    format: Format,
) -> Result<(), Failure> {
    match format {
        Format::Csv => {
            write_csv(
                &mut *out,
                &CLAIM_COLUMNS,
                rows(analyzers, docs, analyses).map(|(r, ..)| r.cells()),
            )?;
        }
        Format::Json => {
            let mut json = UnitsJson::begin(&mut *out)?;
            for (d, a) in docs.iter().zip(analyses) {
                let analyzer = analyzers.get(d.lang);
                for u in &a.units {
                    let row = claim_row(analyzer, a, &d.text, u);
                    let unit = UnitJson {
                        row: &row,
                        matches: matches_json(analyzer, &d.text, u),
                    };
                    json.unit(&mut *out, &unit)?;
                }
            }
            json.end(out)?;
        }
        Format::Table => {
            use tabled::settings::{object::Columns, Modify, Style, Width};
            let width = terminal_size::terminal_size()
                .map(|(w, _)| w.0 as usize)
                .unwrap_or(120)
                .max(60);
            let mut builder = tabled::builder::Builder::default();
            builder.push_record([
                "doc", "#", "kind", "label", "cert.", "source", "figures", "text",
            ]);
            for (r, ..) in rows(analyzers, docs, analyses) {
                let short_doc: String = r.doc.chars().take(12).collect();
                builder.push_record([
                    short_doc,
                    r.unit.to_string(),
                    r.kind,
                    r.label,
                    r.certainty,
                    r.source,
                    r.figures,
                    r.text,
                ]);
            }
            let mut table = builder.build();
            let text_width = width.saturating_sub(95).max(30);
            table
                .with(Style::sharp())
                .with(Modify::new(Columns::one(5)).with(Width::wrap(20).keep_words(true)))
                .with(Modify::new(Columns::one(7)).with(Width::wrap(text_width).keep_words(true)));
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    /// `analyze`'s output for `inputs`, in memory and streamed in batches of two.
    fn both_ways(inputs: &[String], format: Format) -> (Vec<u8>, Vec<u8>) {
        let analyzers = Analyzers::new(None).unwrap();
        let loaded = load_inputs(inputs, None).unwrap();
        let analyses = analyze_all(&analyzers, &loaded.docs);
        let mut whole = Vec::new();
        write_analyses(&mut whole, &analyzers, &loaded.docs, &analyses, format).unwrap();
        let listed = crate::load::list_inputs(inputs).unwrap();
        let mut streamed = Vec::new();
        let hidden = indicatif::ProgressBar::hidden();
        write_stream(&mut streamed, &analyzers, &listed, None, format, 2, &hidden).unwrap();
        (whole, streamed)
    }

    fn assert_same_output(inputs: &[String]) {
        for format in [Format::Csv, Format::Json] {
            let (whole, streamed) = both_ways(inputs, format);
            assert!(
                whole == streamed,
                "{format:?} output differs for {inputs:?}:\n{}\n---\n{}",
                String::from_utf8_lossy(&whole),
                String::from_utf8_lossy(&streamed)
            );
        }
    }

    #[test]
    fn units_json_is_laid_out_as_serde_json_pretty() {
        let analyzers = Analyzers::new(None).unwrap();
        let loaded = crate::load::sample_corpus();
        let analyses = analyze_all(&analyzers, &loaded.docs);
        let rows: Vec<(ClaimRow, &Analyzer, &DocAnalysis, usize)> =
            rows(&analyzers, &loaded.docs, &analyses).collect();
        let docs: Vec<&Document> = loaded
            .docs
            .iter()
            .zip(&analyses)
            .flat_map(|(d, a)| a.units.iter().map(move |_| d))
            .collect();
        let units: Vec<UnitJson> = rows
            .iter()
            .zip(&docs)
            .map(|((row, analyzer, a, i), d)| UnitJson {
                row,
                matches: matches_json(analyzer, &d.text, &a.units[*i]),
            })
            .collect();
        for n in [0, 1, units.len()] {
            let mut expected =
                serde_json::to_vec_pretty(&serde_json::json!({ "units": &units[..n] })).unwrap();
            expected.push(b'\n');
            let mut got = Vec::new();
            let mut json = UnitsJson::begin(&mut got).unwrap();
            for unit in &units[..n] {
                json.unit(&mut got, unit).unwrap();
            }
            json.end(&mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn streamed_output_matches_in_memory_output_on_the_sample_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/nk-troops-2024");
        assert_same_output(&[dir.display().to_string()]);
    }

    #[test]
    fn streamed_output_matches_in_memory_output_on_mixed_inputs() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/nk-troops-2024");
        let text = |name: &str| fs::read_to_string(sample.join(name)).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        // A directory holding a .txt file and a .jsonl file (directories read only .txt files).
        let mixed = tmp.path().join("mixed");
        fs::create_dir(&mixed).unwrap();
        fs::write(mixed.join("a.txt"), text("000_e3c918ad9ca86fc4.txt")).unwrap();
        fs::write(mixed.join("empty.txt"), "").unwrap();
        let line = serde_json::json!({"id": "j1", "text": text("001_62b3f2f0d1464e37.txt")});
        fs::write(mixed.join("more.jsonl"), format!("{line}\n")).unwrap();
        assert_same_output(&[mixed.display().to_string()]);
        // A single .txt file, a JSONL file and a directory as separate inputs.
        let single = tmp.path().join("single.txt");
        fs::write(&single, text("002_7391529d8b156335.txt")).unwrap();
        let jsonl = tmp.path().join("articles.jsonl");
        fs::write(
            &jsonl,
            format!(
                "{}\n{}\n",
                serde_json::json!({"id": "j2", "text": text("003_882d11a7433771bd.txt"), "outlet": "X"}),
                serde_json::json!({"id": "j3", "text": "The minister said the troops had arrived."}),
            ),
        )
        .unwrap();
        assert_same_output(&[
            single.display().to_string(),
            jsonl.display().to_string(),
            mixed.display().to_string(),
            sample.display().to_string(),
        ]);
        // No units at all.
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        fs::write(empty.join("e.txt"), "").unwrap();
        assert_same_output(&[empty.display().to_string()]);
    }
}
