//! `report.html`: the whole report as one self-contained page (styles,
//! script and SVG charts inline, nothing fetched), made with the askama
//! template `templates/report.html`, which escapes every value it writes.
//!
//! This module turns a [`ReportData`] into what the template shows: the
//! overview, a dot chart per figure topic, the agreement matrix of clusters
//! by outlets, each outlet's indicators with their intervals, and the table
//! of every unit with its cues marked as `explain` marks them.

use super::chart::{group_digits, mark_path, value_text, Axis, Tick};
use super::tables::ReportData;
use super::{cue_segments, Segment};
use crate::align::figures::format_value_opt;
use crate::align::Stance;
use crate::claims::{Kind, Label, UnitAnalysis};
use crate::compare::source_name;
use askama::Template;
use std::collections::BTreeSet;

/// The page's stylesheet, inlined.
const CSS: &str = include_str!("../../templates/report.css");
/// The page's script (marks, matrix cells, sorting and filtering), inlined.
const JS: &str = include_str!("../../templates/report.js");

/// Left end of a dot chart's axis (labels are written to its left).
const DOT_X0: f64 = 380.0;
/// Right end of a dot chart's axis (values are written to its right).
const DOT_X1: f64 = 760.0;
/// Statements from which a topic chart repeats its scale above the marks.
const TOP_LABELS_FROM: usize = 15;
/// Places listed under a statement of a matrix cell.
const MAX_PLACES: usize = 10;
/// Room for the outlet and the speaker left of a dot chart's axis, in
/// pixels, and the width of a character of each (bold outlet, plain
/// speaker, 12 px type), rounded up so that labels rather fall short.
const LABEL_PX: f64 = 360.0;
const SOURCE_CHAR_PX: f64 = 7.6;
const CREDITED_CHAR_PX: f64 = 6.6;
/// Height of one statement in a dot chart.
const DOT_ROW: f64 = 24.0;
/// Height of one indicator in a source chart.
const BAR_ROW: f64 = 22.0;
/// Left end of a source chart's 0-100 % scale.
const BAR_X0: f64 = 190.0;
/// Right end of a source chart's scale.
const BAR_X1: f64 = 440.0;

/// Facts about the run that the analysis does not hold.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// The date of the run, as shown (see [`run_date`]).
    pub date: String,
}

/// What each credibility indicator counts, for readers of the page.
const INDICATOR_HELP: [(&str, &str); 11] = [
    ("hedged", "claims whose certainty a cue lowers"),
    ("conditional", "claims in the journalistic conditional"),
    ("attributed", "claims credited to a source"),
    ("named_attribution", "credited claims whose source is named"),
    (
        "vague_attribution",
        "credited claims whose source is vague (\u{201c}experts\u{201d})",
    ),
    ("boilerplate", "units that are page furniture"),
    (
        "solicitation",
        "units that appeal for money, subscriptions or comments",
    ),
    ("corroborated", "claims another outlet also states"),
    ("conflict", "claims that contradict another outlet"),
    (
        "overclaim",
        "claims stated as certain where another outlet hedges",
    ),
    (
        "question_headline",
        "titles and headings that are questions",
    ),
];

/// A mark's kind: a certainty label, or none (a heading's figure).
fn label_class(kind: Kind, label: Label) -> &'static str {
    if kind.has_certainty() {
        label.name()
    } else {
        "none"
    }
}

fn f3(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        String::new()
    }
}

fn pct(v: f64) -> String {
    format!("{:.0}%", 100.0 * v)
}

/// At most `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

/// One count of the overview.
pub struct Stat {
    /// The number, written.
    pub value: String,
    /// What it counts.
    pub name: &'static str,
    /// More about it.
    pub note: String,
}

/// A rules file used by the run.
pub struct RulesUsed {
    /// Language code.
    pub lang: &'static str,
    /// Its name (`<bundled fr>` or the file given).
    pub name: String,
    /// Number of rules.
    pub rules: usize,
    /// Documents analysed with it.
    pub documents: usize,
}

/// A document in the overview's list.
pub struct DocLine {
    /// Document id.
    pub id: String,
    /// Its outlet (or id).
    pub outlet: String,
    /// Title, when known.
    pub title: String,
    /// Language code.
    pub lang: &'static str,
    /// Publication date, when known.
    pub published: String,
    /// An http(s) address, when known (other schemes are not linked).
    pub url: String,
    /// Units.
    pub units: usize,
    /// Claims.
    pub claims: usize,
}

/// One statement of a figure in a topic chart.
pub struct Dot {
    /// Its row's centre.
    pub y: f64,
    /// The mark's path (its shape tells its label).
    pub path: String,
    /// Position of the mark, for the value written beside it.
    pub x: f64,
    /// certain, probable, possible, unconfirmed or none.
    pub label: &'static str,
    /// The certainty, 3 decimals (empty when none).
    pub certainty: String,
    /// The value as written for people.
    pub value: String,
    /// The counted noun.
    pub counted: String,
    /// The outlet.
    pub source: String,
    /// The outlet, cut to fit the label column.
    pub source_short: String,
    /// The credited speaker (empty when none).
    pub credited: String,
    /// The credited speaker, cut to fit.
    pub credited_short: String,
    /// Document id and unit index.
    pub doc: String,
    /// Unit index.
    pub unit: usize,
    /// The sentence.
    pub sentence: String,
    /// Time frame words.
    pub time_frame: String,
}

/// A figure topic and its chart.
pub struct TopicView {
    /// Element id.
    pub anchor: String,
    /// Topic key.
    pub key: String,
    /// Counted nouns of its figures.
    pub nouns: String,
    /// Disputed.
    pub disputed: bool,
    /// Documents giving a figure.
    pub sources: usize,
    /// Smallest and largest values, written.
    pub range: String,
    /// max / min, written.
    pub ratio: String,
    /// Logarithmic axis.
    pub log: bool,
    /// The scale is written above the marks too.
    pub top_labels: bool,
    /// Top of the grid lines.
    pub grid_top: f64,
    /// Chart height.
    pub height: f64,
    /// Axis line's vertical position.
    pub axis_y: f64,
    /// Ticks.
    pub ticks: Vec<Tick>,
    /// The statements.
    pub dots: Vec<Dot>,
}

/// A topic given by a single source, listed without a chart.
pub struct TopicLine {
    /// Topic key.
    pub key: String,
    /// Its figures, written.
    pub values: String,
    /// The outlet.
    pub source: String,
    /// Statements.
    pub statements: usize,
}

/// A statement of a cluster, shown when its cell is opened: one or more
/// members of the outlet that say the same words the same way.
pub struct MemberView {
    /// Where it is said: `doc, unit N` for each member, the first ten.
    pub places: Vec<String>,
    /// Members beyond the ten listed.
    pub more: usize,
    /// agree, hedge or conflict.
    pub stance: &'static str,
    /// Link score.
    pub link: String,
    /// Certainty.
    pub certainty: String,
    /// Label.
    pub label: &'static str,
    /// Credited source.
    pub credited: String,
    /// The sentence, cut at its cues.
    pub segments: Vec<Segment>,
}

/// A cell of the agreement matrix (an outlet that states the cluster).
pub struct MatrixCell {
    /// Element id of its popover.
    pub pop: String,
    /// The outlet.
    pub outlet: String,
    /// The weakest stance of its members.
    pub stance: &'static str,
    /// A symbol for the stance (shape as well as colour).
    pub symbol: &'static str,
    /// Mean certainty, 2 decimals.
    pub certainty: String,
    /// Its members.
    pub members: Vec<MemberView>,
}

/// A row of the agreement matrix.
pub struct MatrixRow {
    /// Cluster id.
    pub id: String,
    /// The claim (first member's text).
    pub text: String,
    /// Outlets stating it.
    pub coverage: usize,
    /// Members in conflict.
    pub conflicts: usize,
    /// Agreement, 2 decimals.
    pub agreement: String,
    /// Cohesion, 2 decimals.
    pub cohesion: String,
    /// Weak links.
    pub weak: bool,
    /// Several languages.
    pub cross_language: bool,
    /// One per outlet, None where it is silent.
    pub cells: Vec<Option<MatrixCell>>,
}

/// An indicator bar of a source chart.
pub struct Bar {
    /// Row centre.
    pub y: f64,
    /// Indicator name.
    pub name: String,
    /// What it counts.
    pub help: &'static str,
    /// Bar end (x of the rate).
    pub x: f64,
    /// Interval ends.
    pub low_x: f64,
    /// Interval end.
    pub high_x: f64,
    /// No case to count (n = 0): no bar.
    pub empty: bool,
    /// "38% [20–58%] 5/13".
    pub text: String,
    /// The composite, drawn apart.
    pub composite: bool,
}

/// An outlet's profile.
pub struct SourceCard {
    /// Element id.
    pub anchor: String,
    /// Outlet.
    pub name: String,
    /// Documents, units and claims, written.
    pub counts: String,
    /// Composite, 2 decimals.
    pub composite: String,
    /// Notes (opinion disclaimer, question headline).
    pub notes: Vec<&'static str>,
    /// Chart height.
    pub height: f64,
    /// Bottom of the bars, for the axis.
    pub axis_y: f64,
    /// Scale ticks (0, 25, 50, 75, 100 %).
    pub ticks: Vec<Tick>,
    /// Composite first, then the indicators.
    pub bars: Vec<Bar>,
}

/// A row of the claims table.
pub struct ClaimView {
    /// Document id.
    pub doc: String,
    /// Outlet.
    pub outlet: String,
    /// Unit index.
    pub unit: usize,
    /// Kind.
    pub kind: &'static str,
    /// Label (empty without certainty).
    pub label: &'static str,
    /// Certainty, 3 decimals (empty without).
    pub certainty: String,
    /// affirmed or denied (claims only).
    pub polarity: &'static str,
    /// Credited source.
    pub source: String,
    /// named or vague.
    pub source_kind: &'static str,
    /// Cluster id.
    pub cluster: String,
    /// Figures.
    pub figures: String,
    /// The text, cut at its cues.
    pub segments: Vec<Segment>,
}

/// The page.
#[derive(Template)]
#[template(path = "report.html")]
pub struct Page {
    /// Stylesheet.
    css: &'static str,
    /// Script.
    js: &'static str,
    /// Date of the run.
    date: String,
    /// Documents.
    n_docs: usize,
    /// Outlets.
    n_outlets: usize,
    /// Overview counts.
    stats: Vec<Stat>,
    /// Rules files.
    rules: Vec<RulesUsed>,
    /// Documents.
    docs: Vec<DocLine>,
    /// Topics with a chart.
    topics: Vec<TopicView>,
    /// Topics of one source.
    single_topics: Vec<TopicLine>,
    /// Outlets (matrix columns).
    outlets: Vec<String>,
    /// Matrix rows.
    matrix: Vec<MatrixRow>,
    /// Source profiles.
    sources: Vec<SourceCard>,
    /// Every unit.
    claims: Vec<ClaimView>,
    /// Kinds present.
    kinds: Vec<&'static str>,
    /// Labels present.
    labels: Vec<&'static str>,
    /// Cluster ids.
    cluster_ids: Vec<String>,
    /// Legend of the labels: name, mark path, meaning.
    legend: Vec<(&'static str, String, &'static str)>,
}

/// Render the report as one HTML page.
pub fn render(data: &ReportData, run: &RunInfo) -> Result<String, askama::Error> {
    page(data, run).render()
}

/// The page's content.
pub fn page(data: &ReportData, run: &RunInfo) -> Page {
    let cmp = data.comparison;
    let al = data.alignment;
    let units: usize = data.analyses.iter().map(|a| a.units.len()).sum();
    let claims = data
        .analyses
        .iter()
        .flat_map(|a| &a.units)
        .filter(|u| u.kind == Kind::Claim)
        .count();
    let clustered: usize = al.clusters.iter().map(|c| c.members.len()).sum();
    let weak = al.clusters.iter().filter(|c| c.weak).count();
    let cross = al.clusters.iter().filter(|c| c.cross_language()).count();
    let disputed = al.topics.iter().filter(|t| t.disputed).count();
    let alpha = &cmp.alpha;
    let stats = vec![
        Stat {
            value: data.docs.len().to_string(),
            name: "documents",
            note: String::new(),
        },
        Stat {
            value: cmp.sources.len().to_string(),
            name: "outlets",
            note: "a document without a known outlet counts as its own".into(),
        },
        Stat {
            value: units.to_string(),
            name: "units",
            note: "sentences, headings, page furniture".into(),
        },
        Stat {
            value: claims.to_string(),
            name: "claims",
            note: "units that state something".into(),
        },
        Stat {
            value: al.clusters.len().to_string(),
            name: "clusters",
            note: format!(
                "claims stated by several documents ({clustered} claims; {weak} weakly linked, {cross} across languages)"
            ),
        },
        Stat {
            value: disputed.to_string(),
            name: "disputed figure topics",
            note: format!("of {} quantities given with a figure", al.topics.len()),
        },
        Stat {
            value: alpha.alpha.map(|a| format!("{a:.2}")).unwrap_or("–".into()),
            name: "agreement (Krippendorff\u{2019}s \u{3b1})",
            note: match (alpha.low, alpha.high) {
                (Some(l), Some(h)) => format!(
                    "95% interval {l:.2} to {h:.2}, over the certainties outlets give the same claims; 1 is full agreement, 0 no more than chance"
                ),
                _ => "needs claims stated by several outlets".into(),
            },
        },
    ];

    // Rules files, per language present.
    let mut rules = Vec::new();
    for lang in [crate::load::Lang::Fr, crate::load::Lang::En] {
        let documents = data.docs.iter().filter(|d| d.lang == lang).count();
        if documents > 0 {
            let rs = &data.analyzers.get(lang).rules;
            rules.push(RulesUsed {
                lang: lang.code(),
                name: rs.name.clone(),
                rules: rs.rules.len(),
                documents,
            });
        }
    }

    let docs = data
        .docs
        .iter()
        .zip(data.analyses)
        .map(|(d, a)| DocLine {
            id: d.id.clone(),
            outlet: source_name(d),
            title: d.meta.title.clone().unwrap_or_default(),
            lang: d.lang.code(),
            published: d.meta.published.clone().unwrap_or_default(),
            url: d
                .meta
                .url
                .clone()
                .filter(|u| {
                    let l = u.to_ascii_lowercase();
                    l.starts_with("https://") || l.starts_with("http://")
                })
                .unwrap_or_default(),
            units: a.units.len(),
            claims: a.units.iter().filter(|u| u.kind == Kind::Claim).count(),
        })
        .collect();

    let (topics, single_topics) = topics(data);
    let legend = [
        (Label::Certain, "stated as fact"),
        (Label::Probable, "stated as likely"),
        (Label::Possible, "stated as a possibility"),
        (
            Label::Unconfirmed,
            "reported without being confirmed (\u{201c}would have\u{201d}, \u{201c}allegedly\u{201d})",
        ),
    ]
    .into_iter()
    .map(|(l, meaning)| (l.name(), mark_path(l, 8.0, 8.0, 5.5), meaning))
    .collect();

    let claims_rows = claim_views(data);
    let mut kinds: Vec<&'static str> = claims_rows.iter().map(|c| c.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let present: BTreeSet<&str> = claims_rows.iter().map(|c| c.label).collect();
    let labels = [
        Label::Certain,
        Label::Probable,
        Label::Possible,
        Label::Unconfirmed,
    ]
    .into_iter()
    .map(Label::name)
    .filter(|l| present.contains(l))
    .collect();

    Page {
        css: CSS,
        js: JS,
        date: run.date.clone(),
        n_docs: data.docs.len(),
        n_outlets: cmp.sources.len(),
        stats,
        rules,
        docs,
        topics,
        single_topics,
        outlets: cmp.sources.clone(),
        matrix: matrix(data),
        sources: source_cards(data),
        claims: claims_rows,
        kinds,
        labels,
        cluster_ids: al.clusters.iter().map(|c| c.id.clone()).collect(),
        legend,
    }
}

/// The certainty and label of a unit as shown (empty without certainty).
fn certainty_of(u: &UnitAnalysis) -> (String, &'static str) {
    if u.kind.has_certainty() {
        (f3(u.certainty), u.label.name())
    } else {
        (String::new(), "")
    }
}

/// Topics given by several documents, each with its chart (disputed first,
/// then the widest spread), and the topics of a single document.
fn topics(data: &ReportData) -> (Vec<TopicView>, Vec<TopicLine>) {
    let mut order: Vec<&crate::align::figures::Topic> = data.alignment.topics.iter().collect();
    order.sort_by(|a, b| {
        b.disputed
            .cmp(&a.disputed)
            .then(b.sources.min(2).cmp(&a.sources.min(2)))
            .then(b.ratio.total_cmp(&a.ratio))
            .then(a.key.cmp(&b.key))
    });
    let mut charts = Vec::new();
    let mut single = Vec::new();
    for (k, t) in order.into_iter().enumerate() {
        let source_of = |doc: usize| source_name(&data.docs[doc]);
        if t.sources < 2 {
            let values: Vec<String> = t
                .rows
                .iter()
                .map(|r| format!("{} {}", value_text(r.value, r.vague), r.noun))
                .collect();
            single.push(TopicLine {
                key: t.key.clone(),
                values: values.join(", "),
                source: t.rows.first().map(|r| source_of(r.doc)).unwrap_or_default(),
                statements: t.rows.len(),
            });
            continue;
        }
        let values: Vec<f64> = t.rows.iter().map(|r| r.value).collect();
        let axis = Axis::for_values(&values, DOT_X0, DOT_X1);
        let mut rows: Vec<&crate::align::figures::TopicRow> = t.rows.iter().collect();
        rows.sort_by(|a, b| {
            a.value
                .total_cmp(&b.value)
                .then(source_of(a.doc).cmp(&source_of(b.doc)))
                .then(a.doc.cmp(&b.doc))
                .then(a.unit.cmp(&b.unit))
        });
        // A long chart repeats its scale above the marks.
        let top_labels = rows.len() > TOP_LABELS_FROM;
        let top = if top_labels { 26.0 } else { 10.0 };
        let dots: Vec<Dot> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let doc = &data.docs[r.doc];
                let unit = &data.analyses[r.doc].units[r.unit];
                let y = top + DOT_ROW * (i as f64 + 0.5);
                let x = axis.x(r.value);
                let (certainty, _) = certainty_of(unit);
                let label = label_class(unit.kind, unit.label);
                let credited = unit
                    .source
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                let source = source_name(doc);
                Dot {
                    y,
                    path: if unit.kind.has_certainty() {
                        mark_path(unit.label, x, y, 6.0)
                    } else {
                        mark_path(Label::Certain, x, y, 4.0)
                    },
                    x,
                    label,
                    certainty,
                    value: value_text(r.value, r.vague),
                    counted: r.noun.clone(),
                    credited_short: short(&credited, {
                        let source_px = source.chars().count().min(24) as f64 * SOURCE_CHAR_PX;
                        ((LABEL_PX - source_px - 3.0 * CREDITED_CHAR_PX) / CREDITED_CHAR_PX)
                            .max(4.0) as usize
                    }),
                    source_short: short(&source, 24),
                    source,
                    credited,
                    doc: doc.id.clone(),
                    unit: r.unit,
                    sentence: doc.text[unit.start..unit.end].to_string(),
                    time_frame: r.time_frame.clone().unwrap_or_default(),
                }
            })
            .collect();
        let axis_y = top + DOT_ROW * dots.len() as f64 + 6.0;
        let mut nouns: Vec<&str> = t.rows.iter().map(|r| r.noun.as_str()).collect();
        nouns.sort_unstable();
        nouns.dedup();
        charts.push(TopicView {
            anchor: format!("topic-{k}"),
            key: t.key.clone(),
            nouns: nouns.join(", "),
            disputed: t.disputed,
            sources: t.sources,
            range: format!(
                "{} to {}",
                group_digits(&format_value_opt(t.min)),
                group_digits(&format_value_opt(t.max))
            ),
            ratio: if t.ratio.is_finite() {
                format!("{:.1}", t.ratio)
            } else {
                "\u{221e}".into()
            },
            log: axis.log,
            top_labels,
            grid_top: top - 4.0,
            height: axis_y + 34.0,
            axis_y,
            ticks: axis.ticks(),
            dots,
        });
    }
    (charts, single)
}

/// The agreement matrix: clusters by outlets, the clusters most outlets
/// state first, then those with most conflicts.
fn matrix(data: &ReportData) -> Vec<MatrixRow> {
    let cmp = data.comparison;
    let mut order: Vec<&crate::compare::ClusterSummary> = cmp.clusters.iter().collect();
    order.sort_by(|a, b| {
        b.coverage
            .cmp(&a.coverage)
            .then(b.conflicts.cmp(&a.conflicts))
            .then(a.index.cmp(&b.index))
    });
    order
        .into_iter()
        .enumerate()
        .map(|(row, c)| {
            let cluster = &data.alignment.clusters[c.index];
            let cells = c
                .cells
                .iter()
                .enumerate()
                .map(|(s, cell)| {
                    let cell = cell.as_ref()?;
                    let mut members: Vec<MemberView> = Vec::new();
                    for m in cluster
                        .members
                        .iter()
                        .filter(|m| cmp.doc_source[m.doc] == s)
                    {
                        let doc = &data.docs[m.doc];
                        let unit = &data.analyses[m.doc].units[m.unit];
                        let analyzer = data.analyzers.get(doc.lang);
                        let (certainty, label) = certainty_of(unit);
                        let place = format!("{}, unit {}", doc.id, m.unit);
                        let view = MemberView {
                            places: vec![place],
                            more: 0,
                            stance: m.stance.name(),
                            link: format!("{:.2}", m.link),
                            certainty,
                            label,
                            credited: unit
                                .source
                                .as_ref()
                                .map(|x| x.text.clone())
                                .unwrap_or_default(),
                            segments: cue_segments(analyzer, &doc.text, unit),
                        };
                        // Wire copy: the same words stated the same way
                        // are shown once, with every place they appear.
                        match members.iter_mut().find(|x| {
                            x.segments == view.segments
                                && x.stance == view.stance
                                && x.certainty == view.certainty
                                && x.credited == view.credited
                        }) {
                            Some(same) if same.places.len() < MAX_PLACES => {
                                same.places.extend(view.places)
                            }
                            Some(same) => same.more += 1,
                            None => members.push(view),
                        }
                    }
                    Some(MatrixCell {
                        pop: format!("cell-{row}-{s}"),
                        outlet: cmp.sources[s].clone(),
                        stance: cell.stance.name(),
                        symbol: match cell.stance {
                            Stance::Agree => "\u{25cf}",
                            Stance::Hedge => "\u{25d0}",
                            Stance::Conflict => "\u{2715}",
                        },
                        certainty: format!("{:.2}", cell.certainty),
                        members,
                    })
                })
                .collect();
            MatrixRow {
                id: c.id.clone(),
                text: c.text.clone(),
                coverage: c.coverage,
                conflicts: c.conflicts,
                agreement: format!("{:.2}", c.agreement),
                cohesion: format!("{:.2}", c.cohesion),
                weak: c.weak,
                cross_language: c.cross_language,
                cells,
            }
        })
        .collect()
}

/// Each outlet's composite and indicators as bars with their intervals.
fn source_cards(data: &ReportData) -> Vec<SourceCard> {
    let axis = Axis {
        log: false,
        lo: 0.0,
        hi: 1.0,
        x0: BAR_X0,
        x1: BAR_X1,
    };
    data.comparison
        .profiles
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let top = 8.0;
            let mut bars = vec![Bar {
                y: top + BAR_ROW * 0.5,
                name: "composite".into(),
                help: "the weighted score of the indicators below (the rules file\u{2019}s [credibility] weights)",
                x: axis.x(p.composite),
                low_x: axis.x(p.composite),
                high_x: axis.x(p.composite),
                empty: false,
                text: format!("{:.2}", p.composite),
                composite: true,
            }];
            for (i, ind) in p.indicators.iter().enumerate() {
                let r = &ind.rate;
                let help = INDICATOR_HELP
                    .iter()
                    .find(|(n, _)| *n == ind.name)
                    .map(|(_, h)| *h)
                    .unwrap_or("");
                bars.push(Bar {
                    y: top + BAR_ROW * (i as f64 + 1.5) + 6.0,
                    name: ind.name.clone(),
                    help,
                    x: axis.x(r.value),
                    low_x: axis.x(r.low),
                    high_x: axis.x(r.high),
                    empty: r.n == 0,
                    text: if r.n == 0 {
                        "no case".into()
                    } else {
                        format!(
                            "{} [{}\u{2013}{}] {}/{}",
                            pct(r.value),
                            pct(r.low),
                            pct(r.high),
                            r.k,
                            r.n
                        )
                    },
                    composite: false,
                });
            }
            let axis_y = top + BAR_ROW * (p.indicators.len() as f64 + 1.0) + 10.0;
            let mut notes = Vec::new();
            if p.opinion_disclaimer {
                notes.push("publishes an opinion disclaimer");
            }
            if p.question_headline {
                notes.push("has a question as a title or heading");
            }
            SourceCard {
                anchor: format!("source-{k}"),
                name: p.source.clone(),
                counts: format!(
                    "{} document{}, {} units, {} claims",
                    p.documents,
                    if p.documents == 1 { "" } else { "s" },
                    p.units,
                    p.claims
                ),
                composite: format!("{:.2}", p.composite),
                notes,
                height: axis_y + 24.0,
                axis_y,
                ticks: [0.0, 0.25, 0.5, 0.75, 1.0]
                    .into_iter()
                    .map(|v| Tick {
                        x: axis.x(v),
                        label: pct(v),
                    })
                    .collect(),
                bars,
            }
        })
        .collect()
}

/// Every unit, in document order.
fn claim_views(data: &ReportData) -> Vec<ClaimView> {
    let mut out = Vec::new();
    for (d, (doc, an)) in data.docs.iter().zip(data.analyses).enumerate() {
        let analyzer = data.analyzers.get(doc.lang);
        let outlet = source_name(doc);
        for (u, unit) in an.units.iter().enumerate() {
            let (certainty, label) = certainty_of(unit);
            out.push(ClaimView {
                doc: doc.id.clone(),
                outlet: outlet.clone(),
                unit: unit.index,
                kind: unit.kind.name(),
                label,
                certainty,
                polarity: if unit.kind == Kind::Claim {
                    unit.polarity.name()
                } else {
                    ""
                },
                source: unit
                    .source
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
                source_kind: unit.source.as_ref().map(|s| s.kind.name()).unwrap_or(""),
                cluster: data.alignment.cluster_of[d][u]
                    .map(|c| data.alignment.clusters[c].id.clone())
                    .unwrap_or_default(),
                figures: unit
                    .figures
                    .iter()
                    .map(|f| f.render())
                    .collect::<Vec<_>>()
                    .join("; "),
                segments: cue_segments(analyzer, &doc.text, unit),
            });
        }
    }
    out
}

/// The date of the run, `YYYY-MM-DD HH:MM UTC`: from `SOURCE_DATE_EPOCH`
/// (seconds since 1970) when it is set, so that a report can be made
/// byte for byte again, else from the clock.
pub fn run_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    utc_text(secs)
}

/// Seconds since 1970-01-01 UTC as `YYYY-MM-DD HH:MM UTC`.
pub fn utc_text(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_are_civil_dates() {
        assert_eq!(utc_text(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_text(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_text(1_732_492_800 + 3_660), "2024-11-25 01:01 UTC");
        assert_eq!(utc_text(-86_400), "1969-12-31 00:00 UTC");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short("Epoch Times", 26), "Epoch Times");
        assert_eq!(short("abcdef", 4), "abc\u{2026}");
        assert_eq!(short("été été", 4), "été\u{2026}");
    }
}
