//! Terminal tables for `credence compare` and `credence sources`: made with
//! tabled, wrapped to a width, coloured only when asked (on a terminal,
//! never when NO_COLOR is set).

use super::tables::ReportData;
use crate::align::Stance;
use crate::claims::figures::format_value;
use crate::compare::source_name;
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Modify, Style, Width};

/// How to draw tables.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// Use ANSI colours.
    pub color: bool,
    /// Total width to fit.
    pub width: usize,
}

impl View {
    /// Colour decision and width: colour when `stdout_is_terminal` and
    /// NO_COLOR is unset or empty; width from `--width`, else the terminal,
    /// else 100.
    pub fn detect(width: Option<usize>, stdout_is_terminal: bool) -> View {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term_width = terminal_size::terminal_size().map(|(w, _)| w.0 as usize);
        View {
            color: stdout_is_terminal && !no_color,
            width: width
                .or(if stdout_is_terminal { term_width } else { None })
                .unwrap_or(100)
                .max(40),
        }
    }

    fn paint(&self, text: &str, color: anstyle::AnsiColor) -> String {
        if self.color {
            let style = color.on_default();
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn stance(&self, stance: Stance, text: &str) -> String {
        let color = match stance {
            Stance::Agree => anstyle::AnsiColor::Green,
            Stance::Hedge => anstyle::AnsiColor::Yellow,
            Stance::Conflict => anstyle::AnsiColor::Red,
        };
        self.paint(text, color)
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            let style = anstyle::Style::new().bold();
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let cut: String = name.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// The `compare` view: disputed figure topics, then clusters with sources
/// as columns, most disputed first, then the overall agreement.
pub fn compare_view(data: &ReportData, view: View) -> String {
    let mut out = String::new();
    let cmp = data.comparison;
    let al = data.alignment;

    // Disputed figures.
    let mut topics: Vec<&crate::align::figures::Topic> =
        al.topics.iter().filter(|t| t.sources >= 2).collect();
    topics.sort_by(|a, b| {
        b.disputed
            .cmp(&a.disputed)
            .then(b.ratio.total_cmp(&a.ratio))
            .then(a.key.cmp(&b.key))
    });
    out.push_str(&view.bold("Figures given by several sources"));
    out.push('\n');
    if topics.is_empty() {
        out.push_str("  (none)\n");
    }
    for t in topics {
        let status = if t.disputed {
            view.paint("disputed", anstyle::AnsiColor::Red)
        } else {
            view.paint("consistent", anstyle::AnsiColor::Green)
        };
        out.push_str(&format!(
            "\n{}: {} to {} (max/min {:.1}), {} sources, {}\n",
            t.key,
            format_value(t.min),
            format_value(t.max),
            t.ratio,
            t.sources,
            status
        ));
        let mut b = Builder::default();
        b.push_record([
            "source",
            "value",
            "counted",
            "credited to",
            "certainty",
            "time frame",
            "sentence",
        ]);
        for r in &t.rows {
            let doc = &data.docs[r.doc];
            let unit = &data.analyses[r.doc].units[r.unit];
            b.push_record([
                short(&source_name(doc), 24),
                format!(
                    "{}{}",
                    format_value(r.value),
                    if r.vague { "+" } else { "" }
                ),
                r.noun.clone(),
                unit.source
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
                format!("{:.2} {}", unit.certainty, unit.label.name()),
                r.time_frame.clone().unwrap_or_default(),
                doc.text[unit.start..unit.end].to_string(),
            ]);
        }
        let text_width = view.width.saturating_sub(110).max(24);
        let mut table = b.build();
        table
            .with(Style::sharp())
            .with(Modify::new(Columns::one(3)).with(Width::wrap(20).keep_words(true)))
            .with(Modify::new(Columns::one(6)).with(Width::wrap(text_width).keep_words(true)));
        out.push_str(&table.to_string());
        out.push('\n');
    }

    // Clusters.
    out.push('\n');
    out.push_str(&view.bold("Claims stated by several sources (most disputed first)"));
    out.push('\n');
    let mut clusters: Vec<&crate::compare::ClusterSummary> = cmp.clusters.iter().collect();
    clusters.sort_by(|a, b| {
        a.agreement
            .total_cmp(&b.agreement)
            .then(b.coverage.cmp(&a.coverage))
            .then(a.id.cmp(&b.id))
    });
    if clusters.is_empty() {
        out.push_str("  (none)\n");
    } else {
        let mut b = Builder::default();
        let mut header = vec!["cluster".to_string(), "claim".to_string()];
        header.extend(cmp.sources.iter().map(|s| short(s, 12)));
        header.extend([
            "cover".to_string(),
            "agree".to_string(),
            "links".to_string(),
        ]);
        b.push_record(header);
        for c in &clusters {
            let mut id = c.id.clone();
            if c.cross_language {
                id.push_str(" fr+en");
            }
            let mut row = vec![id, c.text.clone()];
            row.extend(c.cells.iter().map(|cell| match cell {
                Some(x) => {
                    view.stance(x.stance, &format!("{:.2} {}", x.certainty, x.stance.name()))
                }
                None => String::new(),
            }));
            let links = if c.weak {
                view.paint(
                    &format!("{:.2} weak", c.cohesion),
                    anstyle::AnsiColor::Yellow,
                )
            } else {
                format!("{:.2}", c.cohesion)
            };
            row.extend([c.coverage.to_string(), format!("{:.2}", c.agreement), links]);
            b.push_record(row);
        }
        let fixed = 32 + cmp.sources.len() * 16;
        let text_width = view.width.saturating_sub(fixed).max(24);
        let mut table = b.build();
        table
            .with(Style::sharp())
            .with(Modify::new(Columns::one(1)).with(Width::wrap(text_width).keep_words(true)));
        out.push_str(&table.to_string());
        out.push('\n');
    }
    let a = &cmp.alpha;
    match (a.alpha, a.low, a.high) {
        (Some(v), Some(lo), Some(hi)) => out.push_str(&format!(
            "\nKrippendorff's alpha (interval, certainty, sources × clusters): {v:.3} [95% bootstrap {lo:.3}, {hi:.3}] over {} clusters\n",
            a.units
        )),
        (Some(v), _, _) => out.push_str(&format!("\nKrippendorff's alpha (interval): {v:.3} over {} clusters (no interval)\n", a.units)),
        _ => out.push_str("\nKrippendorff's alpha: undefined (fewer than two clusters with two sources, or no variation)\n"),
    }
    out
}

/// The `sources` view: one column per source, one row per indicator, each
/// with its rate, 95% interval and count, then the composite.
pub fn sources_view(data: &ReportData, view: View) -> String {
    let cmp = data.comparison;
    let mut b = Builder::default();
    let mut header = vec!["indicator".to_string()];
    header.extend(cmp.profiles.iter().map(|p| short(&p.source, 22)));
    b.push_record(header);
    let mut push = |name: &str, cells: Vec<String>| {
        let mut row = vec![name.to_string()];
        row.extend(cells);
        b.push_record(row);
    };
    push(
        "documents",
        cmp.profiles
            .iter()
            .map(|p| p.documents.to_string())
            .collect(),
    );
    push(
        "claims / units",
        cmp.profiles
            .iter()
            .map(|p| format!("{} / {}", p.claims, p.units))
            .collect(),
    );
    for (k, name) in crate::credibility::INDICATORS.iter().enumerate() {
        push(
            name,
            cmp.profiles
                .iter()
                .map(|p| {
                    let r = &p.indicators[k].rate;
                    format!(
                        "{:.0}% [{:.0}–{:.0}] {}/{}",
                        r.value * 100.0,
                        r.low * 100.0,
                        r.high * 100.0,
                        r.k,
                        r.n
                    )
                })
                .collect(),
        );
    }
    push(
        "opinion disclaimer",
        cmp.profiles
            .iter()
            .map(|p| if p.opinion_disclaimer { "yes" } else { "no" }.to_string())
            .collect(),
    );
    push(
        "composite",
        cmp.profiles
            .iter()
            .map(|p| view.bold(&format!("{:.2}", p.composite)))
            .collect(),
    );
    let mut table = b.build();
    table.with(Style::sharp());
    let cols = cmp.profiles.len().max(1);
    let col_width = (view.width.saturating_sub(22) / cols).clamp(12, 40);
    for c in 1..=cols {
        table.with(Modify::new(Columns::one(c)).with(Width::wrap(col_width)));
    }
    let mut out = view.bold("Credibility profile per source (rate, 95% Wilson interval, count)");
    out.push('\n');
    out.push_str(&table.to_string());
    out.push_str("\nThe composite is logistic(bias + Σ weight × rate) with the weights of the rules file's [credibility] table.\n");
    out
}
