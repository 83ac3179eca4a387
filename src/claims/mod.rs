//! Claims: for every unit of a document, its kind, the rules that fired, its
//! certainty (additive log-odds), label, polarity, credited source and figures.

pub mod attribution;
pub mod figures;
pub mod speech;
pub mod transcript;

use crate::clean::{classify, layout, Furniture};
use crate::fold::fold;
use crate::load::{Document, Lang};
use crate::matcher::{Hit, Matcher};
use crate::rules::{Category, RuleSet, RulesError};
use crate::segment::{Segmenter, Unit};
use attribution::{Resolver, Source, SourceKind, SourceVia};
use figures::{Figure, FigureFinder};
use regex::Regex;
use serde::Serialize;
use transcript::{strip_time_code, Transcripts};

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A statement about the world, however hedged.
    Claim,
    /// A title that states nothing on its own.
    Heading,
    /// A question.
    Question,
    /// Page furniture.
    Boilerplate,
    /// The outlet speaking about the article.
    Disclaimer,
}

impl Kind {
    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Heading => "heading",
            Kind::Question => "question",
            Kind::Boilerplate => "boilerplate",
            Kind::Disclaimer => "disclaimer",
        }
    }

    /// Claims and questions carry a certainty.
    pub fn has_certainty(self) -> bool {
        matches!(self, Kind::Claim | Kind::Question)
    }
}

/// How firmly a statement is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Asserted as fact.
    Certain,
    /// Presented as likely.
    Probable,
    /// Presented as a possibility.
    Possible,
    /// Presented as unverified.
    Unconfirmed,
}

impl Label {
    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Label::Certain => "certain",
            Label::Probable => "probable",
            Label::Possible => "possible",
            Label::Unconfirmed => "unconfirmed",
        }
    }
}

/// Whether the main statement is affirmed or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Affirmed.
    Affirmed,
    /// Denied.
    Denied,
}

impl Polarity {
    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Polarity::Affirmed => "affirmed",
            Polarity::Denied => "denied",
        }
    }
}

/// One term of the certainty score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Rule index in the rule set.
    pub rule: usize,
    /// The rule's weight.
    pub weight: f64,
}

/// The analysis of one unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitAnalysis {
    /// Index of the unit in its document, from 0.
    pub index: usize,
    /// Byte span in the document text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Paragraph index.
    pub paragraph: usize,
    /// What the unit is.
    pub kind: Kind,
    /// Every match, with spans into the document text.
    #[serde(skip)]
    pub hits: Vec<Hit>,
    /// Distinct rules that fired, in order of first match, each counted once.
    pub terms: Vec<Term>,
    /// Base plus the weights: the log-odds of certainty.
    pub score: f64,
    /// Logistic of the score, in [0, 1].
    pub certainty: f64,
    /// Label from the thresholds of the rules file.
    pub label: Label,
    /// Affirmed or denied.
    pub polarity: Polarity,
    /// The credited source.
    pub source: Option<Source>,
    /// Figures the unit gives.
    pub figures: Vec<Figure>,
}

impl UnitAnalysis {
    /// Any fired rule lowered the certainty.
    pub fn hedged(&self) -> bool {
        self.terms.iter().any(|t| t.weight < 0.0)
    }
}

/// The analysis of one document.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    /// Document id.
    pub doc: String,
    /// The outlet, when known.
    pub outlet: Option<String>,
    /// Language the rules were chosen for.
    pub lang: Lang,
    /// Units in order.
    pub units: Vec<UnitAnalysis>,
    /// Units cut at `[segment] max_unit_bytes` (text without a sentence end).
    pub cut_units: usize,
    /// Windows the text was analysed in: 1, or more for a text longer than
    /// [`WINDOW_BYTES`].
    pub windows: usize,
}

/// A text longer than this is analysed in windows of at most about this
/// many bytes, cut between units (at a paragraph break when the second half
/// of the window has one): the steps that look across a document (sources,
/// quotations, names) then take time linear in its length. News articles
/// are shorter than one window.
pub const WINDOW_BYTES: usize = 64 * 1024;

/// Everything needed to analyse documents of one language.
#[derive(Debug, Clone)]
pub struct Analyzer {
    /// The rules in use.
    pub rules: RuleSet,
    matcher: Matcher,
    segmenter: Segmenter,
    finite_verb: Vec<Regex>,
    finite_verb_exceptions: Vec<Regex>,
    caption_date: Vec<Regex>,
    caption_full_date: Vec<Regex>,
    topic_clause: Vec<Regex>,
    resolver: Resolver,
    speech: speech::Speech,
    transcripts: Transcripts,
    /// The rule whose hits the reporting verbs give (`speech = true`).
    speech_rule: Option<usize>,
    figures: FigureFinder,
}

/// Categories whose weights make up the certainty score.
fn scores(cat: Category) -> bool {
    !matches!(cat, Category::Boilerplate | Category::Disclaimer)
}

/// The logistic function: a score (log-odds) to a certainty in [0, 1].
pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Label for a certainty under the thresholds of a rules file.
pub fn label_for(certainty: f64, t: &crate::rules::Thresholds) -> Label {
    if certainty >= t.certain {
        Label::Certain
    } else if certainty >= t.probable {
        Label::Probable
    } else if certainty >= t.possible {
        Label::Possible
    } else {
        Label::Unconfirmed
    }
}

/// Does a figure of a title count something? A year ("the 2024 budget")
/// and a number glued to a name ("G7", "Covid-19") do not.
fn counts(f: &Figure, slice: &str, offset: usize) -> bool {
    let (s, e) = (f.start.saturating_sub(offset), f.end.saturating_sub(offset));
    let Some(span) = slice.get(s..e.max(s)) else {
        return true;
    };
    let digits = span.chars().take_while(char::is_ascii_digit).count();
    let year = !f.vague && digits == 4 && (1900.0..=2100.0).contains(&f.value);
    let glued = digits > 0
        && slice[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '-');
    !(year || glued)
}

/// The text of an entry of a live page after its time ("15h08 : Le
/// bilan...", "17h03:Les secours...", "10:05 am Crews...", "9.30pm - The
/// mayor..."), if the unit opens with a clock time followed by words.
fn live_entry(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let b = t.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&h) {
        return None;
    }
    let mut i = h;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    if !matches!(b.get(i), Some(b'h' | b'H' | b':' | b'.')) {
        return None;
    }
    i += 1;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let m = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if m != 2 {
        return None;
    }
    i += m;
    let rest = &t[i..];
    // "am", "p.m.", then a separator.
    let lower = rest.trim_start().to_ascii_lowercase();
    let rest = ["a.m.", "p.m.", "am", "pm"]
        .iter()
        .find(|m| {
            lower.starts_with(*m)
                && !lower[m.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map_or(rest, |m| &rest.trim_start()[m.len()..]);
    let body = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '•' | '·')
    });
    // Words, not a date or a second time ("17:05", "10:28 2024").
    body.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '«' | '"' | '“' | '\''))
        .then_some(body)
}

/// An intertitle framed by dashes, as wire copy glues it in a paragraph:
/// `-"Tenez bon !"-`, `- Une ville sous les eaux -`.
fn intertitle(s: &str) -> bool {
    let t = s.trim();
    let dash = |c: char| matches!(c, '-' | '–' | '—');
    t.chars().count() > 2
        && t.starts_with(dash)
        && t.ends_with(dash)
        && t.split_whitespace().count() <= 12
}

/// Where `word` first stands in `text` as a whole word, case aside.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    let word = word.to_lowercase();
    if lower.len() != text.len() {
        return text.find(&word);
    }
    let at = attribution::word_positions(&lower, &word).next();
    at
}

fn opens_quote(text: &str) -> bool {
    text.trim_start().starts_with(['«', '“', '"', '„'])
}

/// Whether a quotation is open after `text`, given whether it was open before.
fn quote_open_after(text: &str, mut open: bool) -> bool {
    for c in text.chars() {
        match c {
            '«' | '“' | '„' => open = true,
            '»' | '”' => open = false,
            '"' => open = !open,
            _ => {}
        }
    }
    open
}

/// For each unit, whether it starts inside a quotation opened in an earlier
/// unit of its paragraph.
fn quote_starts(text: &str, units: &[UnitAnalysis]) -> Vec<bool> {
    let mut out = Vec::with_capacity(units.len());
    let mut open = false;
    for (i, u) in units.iter().enumerate() {
        if i > 0 && units[i - 1].paragraph != u.paragraph {
            open = false;
        }
        out.push(open);
        let slice = &text[u.start..u.end];
        open = quote_open_after(slice, open && !opens_quote(slice));
    }
    out
}

/// Is byte `pos` of a unit inside quoted words?
fn inside_quote_at(slice: &str, starts_inside: bool, pos: usize) -> bool {
    let start = starts_inside && !opens_quote(slice);
    let mut end = pos.min(slice.len());
    while !slice.is_char_boundary(end) {
        end -= 1;
    }
    // Only between marks that open and close in this unit (a quotation
    // left open, or marks written the wrong way round, hide nothing).
    quote_open_after(&slice[..end], start) && slice[end..].contains(['»', '”', '"'])
}

/// Quotations that run over several units: for each unit, the quotation
/// it belongs to (it starts inside one, or opens one), and for each
/// quotation, its speaker: the source a unit of it finds itself (a speech
/// tag: « ... », a-t-il dit), else the source of the unit that introduces it
/// in the same paragraph ("X a déclaré :"), else, for a quotation that opens
/// a paragraph, the speaker of a quotation that ends the paragraph before.
fn quote_spans(text: &str, units: &[UnitAnalysis]) -> (Vec<Option<usize>>, Vec<Option<Source>>) {
    let mut of_unit: Vec<Option<usize>> = vec![None; units.len()];
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut open = false;
    for (i, u) in units.iter().enumerate() {
        let slice = &text[u.start..u.end];
        if i > 0 && units[i - 1].paragraph != u.paragraph {
            open = false;
        }
        let starts_inside = open;
        if starts_inside || opens_quote(slice) {
            match spans.last_mut() {
                Some(last) if starts_inside && last.1 + 1 == i => last.1 = i,
                _ => spans.push((i, i)),
            }
            of_unit[i] = Some(spans.len() - 1);
        }
        open = quote_open_after(slice, starts_inside && !opens_quote(slice));
    }
    let mut speakers: Vec<Option<Source>> = Vec::with_capacity(spans.len());
    let mut weak: Vec<bool> = Vec::with_capacity(spans.len());
    for (k, &(a, b)) in spans.iter().enumerate() {
        let own = (a..=b).find_map(|j| units[j].source.clone().filter(|s| s.via == SourceVia::Own));
        // The unit before it in the paragraph ("X a déclaré :", or X's
        // statement that the quotation goes on with), else the unit after it.
        let intro = (a > 0 && units[a - 1].paragraph == units[a].paragraph)
            .then(|| units[a - 1].source.clone())
            .flatten()
            .or_else(|| {
                units
                    .get(b + 1)
                    .filter(|n| n.paragraph == units[b].paragraph)
                    .and_then(|n| n.source.clone().filter(|s| s.via == SourceVia::Own))
            });
        let continued = (k > 0
            && a > 0
            && spans[k - 1].1 + 1 == a
            && units[a - 1].paragraph != units[a].paragraph)
            .then(|| speakers[k - 1].clone())
            .flatten();
        weak.push(own.is_none() && intro.is_none());
        speakers.push(own.or(intro).or(continued));
    }
    // A quotation set apart as its own paragraph (a pull quote) whose words
    // come back later in the text: the speaker of the later quotation.
    let words = |a: usize, b: usize| -> String {
        let mut out = String::new();
        for u in &units[a..=b] {
            for w in text[u.start..u.end].split(|c: char| !c.is_alphanumeric()) {
                if !w.is_empty() {
                    out.push_str(&w.to_lowercase());
                    out.push(' ');
                }
            }
        }
        out
    };
    for k in 0..spans.len() {
        let (a, b) = spans[k];
        let whole = (a == 0 || units[a - 1].paragraph != units[a].paragraph)
            && units
                .get(b + 1)
                .is_none_or(|n| n.paragraph != units[b].paragraph);
        if !weak[k] || !whole {
            continue;
        }
        let mine = words(a, b);
        if mine.split(' ').filter(|w| !w.is_empty()).count() < 4 {
            continue;
        }
        let later = (k + 1..spans.len()).find(|&m| {
            speakers[m].is_some() && words(spans[m].0, spans[m].1).contains(mine.as_str())
        });
        if let Some(m) = later {
            speakers[k] = speakers[m].clone();
        }
    }
    (of_unit, speakers)
}

/// The index after the last unit of the window that starts at unit `a`,
/// byte `ws`: every unit when the rest of the text fits in
/// [`WINDOW_BYTES`], else the last paragraph start in the second half of
/// the window, else the last unit start there, else the first unit after
/// its middle.
fn window_end(units: &[Unit], a: usize, ws: usize, text_len: usize) -> usize {
    if text_len - ws <= WINDOW_BYTES {
        return units.len();
    }
    let half = ws + WINDOW_BYTES / 2;
    let full = ws + WINDOW_BYTES;
    let (mut last, mut last_para) = (None, None);
    let mut b = a + 1;
    while b < units.len() && units[b].start <= full {
        if units[b].start > half {
            last = Some(b);
            if units[b].paragraph != units[b - 1].paragraph {
                last_para = Some(b);
            }
        }
        b += 1;
    }
    last_para.or(last).unwrap_or(b)
}

impl Analyzer {
    /// Compile a rule set.
    pub fn new(rules: RuleSet) -> Result<Analyzer, RulesError> {
        let matcher = Matcher::new(&rules)?;
        let compile = |list: &[serde_spanned::Spanned<String>]| {
            list.iter()
                .map(|p| crate::matcher::build_regex(p.get_ref(), false))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| RulesError {
                    file: rules.name.clone(),
                    line: 1,
                    column: 1,
                    message: format!("invalid regex in [kinds]: {e}"),
                })
        };
        let finite_verb = compile(&rules.kinds.finite_verb)?;
        let finite_verb_exceptions = compile(&rules.kinds.finite_verb_exceptions)?;
        let caption_date = compile(&rules.kinds.caption_date)?;
        let caption_full_date = compile(&rules.kinds.caption_full_date)?;
        let topic_clause = compile(&rules.kinds.topic_clause)?;
        let resolver = Resolver::new(&rules.attribution).map_err(|mut e| {
            e.file = rules.name.clone();
            e
        })?;
        let speech_rule = rules.rules.iter().position(|r| r.speech);
        Ok(Analyzer {
            speech: speech::Speech::new(&rules.attribution)
                .with_abbreviations(&rules.segment.abbreviations),
            transcripts: Transcripts::new(&rules.attribution),
            speech_rule,
            segmenter: Segmenter::new(&rules.segment),
            figures: FigureFinder::new(&rules.figures),
            matcher,
            finite_verb,
            finite_verb_exceptions,
            caption_date,
            caption_full_date,
            topic_clause,
            resolver,
            rules,
        })
    }

    /// The matcher (for rule examples and statistics).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Add the hits of the speech rule: each reporting verb that credits a
    /// subject, with the subject as its source span (offsets in `slice`).
    fn add_speech(&self, slice: &str, folded: &crate::fold::Folded, hits: &mut Vec<Hit>) {
        let Some(rule) = self.speech_rule else {
            return;
        };
        let found = self.speech.find(slice, folded);
        if found.is_empty() {
            return;
        }
        // The hit spans the subject and the verb ("le préfet a déclaré"), as
        // an attribution pattern's match does; an empty source (a speaker
        // continued) spans the verb alone.
        hits.extend(found.into_iter().map(|h| {
            let (s, e) = if h.source.0 == h.source.1 {
                h.verb
            } else {
                (h.verb.0.min(h.source.0), h.verb.1.max(h.source.1))
            };
            Hit {
                rule,
                start: s,
                end: e,
                source: Some(h.source),
            }
        }));
        hits.sort_by_key(|h| (h.start, h.rule, h.end));
    }

    /// The hits of the speech rule in a text (for its examples).
    pub fn speech_hits(&self, text: &str) -> Vec<Hit> {
        let folded = fold(text);
        let mut hits = Vec::new();
        self.add_speech(text, &folded, &mut hits);
        hits
    }

    /// Label for a certainty.
    pub fn label(&self, certainty: f64) -> Label {
        label_for(certainty, &self.rules.model.labels)
    }

    /// Analyse one document.
    pub fn analyze(&self, doc: &Document) -> DocAnalysis {
        let (units, cut_units, windows) = self.analyze_windows(&doc.text);
        DocAnalysis {
            doc: doc.id.clone(),
            outlet: doc.meta.outlet.clone(),
            lang: doc.lang,
            units,
            cut_units,
            windows,
        }
    }

    /// Analyse a text: segment, match, clean, then build every unit's claim.
    pub fn analyze_text(&self, text: &str) -> Vec<UnitAnalysis> {
        self.analyze_windows(text).0
    }

    /// Segment `text`, then analyse its units, in windows of about
    /// [`WINDOW_BYTES`] when it is longer: the units, the number cut at
    /// `[segment] max_unit_bytes` and the number of windows.
    fn analyze_windows(&self, text: &str) -> (Vec<UnitAnalysis>, usize, usize) {
        let mut out: Vec<UnitAnalysis> = Vec::new();
        let counts = self.analyze_by_window(text, |units| {
            out.extend(units);
            Ok::<(), std::convert::Infallible>(())
        });
        let (cut_units, windows) = match counts {
            Ok(c) => c,
            Err(never) => match never {},
        };
        (out, cut_units, windows)
    }

    /// Segment `text`, then analyse its units in windows of about
    /// [`WINDOW_BYTES`] (one window when it is shorter), handing the units
    /// of each window to `each` in order as soon as they are analysed, so
    /// that a long document need not be held analysed whole. Returns the
    /// number of units cut at `[segment] max_unit_bytes` and of windows.
    pub fn analyze_by_window<E>(
        &self,
        text: &str,
        mut each: impl FnMut(Vec<UnitAnalysis>) -> Result<(), E>,
    ) -> Result<(usize, usize), E> {
        let (units, cut_units) = self.segmenter.split_counting(text);
        if text.len() <= WINDOW_BYTES {
            each(self.analyze_units(text, &units))?;
            return Ok((cut_units, 1));
        }
        let mut done = 0;
        let mut windows = 0;
        let mut a = 0;
        while a < units.len() {
            let ws = if a == 0 { 0 } else { units[a].start };
            let b = window_end(&units, a, ws, text.len());
            let we = units.get(b).map_or(text.len(), |u| u.start);
            let para = units[a].paragraph;
            let local: Vec<Unit> = units[a..b]
                .iter()
                .map(|u| Unit {
                    start: u.start - ws,
                    end: u.end - ws,
                    paragraph: u.paragraph - para,
                    ..u.clone()
                })
                .collect();
            let mut analysed = self.analyze_units(&text[ws..we], &local);
            for u in &mut analysed {
                u.index = done;
                done += 1;
                u.paragraph += para;
                u.start += ws;
                u.end += ws;
                for h in &mut u.hits {
                    h.start += ws;
                    h.end += ws;
                    if let Some((s, e)) = h.source.as_mut() {
                        *s += ws;
                        *e += ws;
                    }
                }
                for f in &mut u.figures {
                    f.start += ws;
                    f.end += ws;
                }
            }
            each(analysed)?;
            windows += 1;
            a = b;
        }
        Ok((cut_units, windows.max(1)))
    }

    /// Match, clean, then build the claim of every unit of `text`.
    fn analyze_units(&self, text: &str, units: &[Unit]) -> Vec<UnitAnalysis> {
        let hits: Vec<Vec<Hit>> = units
            .iter()
            .map(|u| {
                // A video time code glued to the words ("01:13D'après") is
                // left out, so that the first word has its boundary.
                let unit = &text[u.start..u.end];
                let at = u.start
                    + transcript::time_code(unit)
                        .filter(|(_, rest)| rest.starts_with(char::is_alphabetic))
                        .map_or(0, |(_, rest)| unit.len() - rest.len());
                let slice = &text[at..u.end];
                let folded = fold(slice);
                let mut hs = self.matcher.find_folded(slice, &folded);
                self.add_speech(slice, &folded, &mut hs);
                for h in &mut hs {
                    h.start += at;
                    h.end += at;
                    if let Some((s, e)) = h.source.as_mut().map(|s| (&mut s.0, &mut s.1)) {
                        *s += at;
                        *e += at;
                    }
                }
                hs
            })
            .collect();
        let furniture = classify(&self.rules, &self.caption_full_date, text, units, &hits);
        let mut figures: Vec<Vec<Figure>> = units
            .iter()
            .zip(&furniture)
            .map(|(u, f)| match f {
                Furniture::Article => self.figures.find(&text[u.start..u.end], u.start),
                _ => Vec::new(),
            })
            .collect();
        let mut kinds: Vec<Kind> = units
            .iter()
            .zip(&hits)
            .zip(&furniture)
            .zip(&figures)
            .map(|(((u, h), f), figs)| self.kind(u, &text[u.start..u.end], h, *f, figs))
            .collect();
        layout(&self.rules, text, units, &mut kinds);
        let mut out: Vec<UnitAnalysis> = Vec::with_capacity(units.len());
        for (index, ((unit, hits), kind)) in units.iter().zip(hits).zip(kinds).enumerate() {
            let figs = std::mem::take(&mut figures[index]);
            out.push(self.unit(index, unit, hits, kind, figs));
        }
        self.resolve_sources(text, &mut out);
        out
    }

    /// The kind of a unit from its furniture class, its cues, its shape and
    /// its figures. A line without final punctuation and without a verb is
    /// a heading (a topic label), unless it gives a figure (a claim) or a
    /// date of a caption (boilerplate).
    fn kind(
        &self,
        unit: &Unit,
        slice: &str,
        hits: &[Hit],
        furn: Furniture,
        figs: &[Figure],
    ) -> Kind {
        let has = |cat: Category| {
            hits.iter()
                .any(|h| self.rules.rules[h.rule].category == cat)
        };
        match furn {
            Furniture::Boilerplate => Kind::Boilerplate,
            Furniture::Disclaimer => Kind::Disclaimer,
            Furniture::Article if has(Category::Question) => Kind::Question,
            Furniture::Article if intertitle(slice) => Kind::Heading,
            Furniture::Article if self.is_heading(unit, slice, hits) => {
                if self.caption_date.iter().any(|r| r.is_match(slice)) {
                    Kind::Boilerplate
                } else if figs.iter().any(|f| counts(f, slice, unit.start))
                    || self.figures.gives_amount(slice)
                {
                    Kind::Claim
                } else {
                    Kind::Heading
                }
            }
            Furniture::Article => Kind::Claim,
        }
    }

    fn unit(
        &self,
        index: usize,
        unit: &Unit,
        hits: Vec<Hit>,
        kind: Kind,
        figures: Vec<Figure>,
    ) -> UnitAnalysis {
        let rules = &self.rules.rules;
        let mut terms: Vec<Term> = Vec::new();
        for h in &hits {
            let r = &rules[h.rule];
            if scores(r.category) && !terms.iter().any(|t| t.rule == h.rule) {
                terms.push(Term {
                    rule: h.rule,
                    weight: r.weight,
                });
            }
        }
        let has = |cat: Category| hits.iter().any(|h| rules[h.rule].category == cat);
        let score = self.rules.model.base + terms.iter().map(|t| t.weight).sum::<f64>();
        let certainty = logistic(score);
        let polarity = if kind == Kind::Claim && has(Category::Negation) {
            Polarity::Denied
        } else {
            Polarity::Affirmed
        };
        let figures = if matches!(kind, Kind::Claim | Kind::Question | Kind::Heading) {
            figures
        } else {
            Vec::new()
        };
        UnitAnalysis {
            index,
            start: unit.start,
            end: unit.end,
            paragraph: unit.paragraph,
            kind,
            hits,
            terms,
            score,
            certainty,
            label: self.label(certainty),
            polarity,
            source: None,
            figures,
        }
    }

    /// A line without final punctuation (or a label of at most five words
    /// before a colon), short, with no finite verb and no
    /// cue of attribution or of the conditional (hedges, boosters, vague
    /// sources and negations do not make a topic label a statement). A line
    /// that ends with a comma, or that starts in lower case after any video
    /// time code ("00:04la suite"), goes on with a sentence: not a heading;
    /// nor is an entry of a live page, which opens with its time ("15h08 :
    /// ...", "10:05 am ..."). A clause that stands for a topic ("Ce qu'il
    /// faut savoir", "What we know") is a heading whatever verb it holds.
    fn is_heading(&self, unit: &Unit, slice: &str, hits: &[Hit]) -> bool {
        let cue = hits.iter().any(|h| {
            matches!(
                self.rules.rules[h.rule].category,
                Category::Attribution | Category::Conditional
            )
        });
        let body = strip_time_code(slice);
        // A label of a few words before a colon ("Mises à jour :", "Key
        // points:") announces what follows.
        let label = slice.trim_end().ends_with(':')
            && slice
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                <= 5;
        unit.whole_paragraph
            && (!unit.terminal || label)
            && !cue
            && !slice.trim_end().ends_with(',')
            && !body.chars().next().is_some_and(char::is_lowercase)
            && slice.split_whitespace().count() <= self.rules.kinds.heading_max_words
            && live_entry(slice).is_none()
            && (self.topic_clause.iter().any(|r| r.is_match(slice)) || !self.has_finite_verb(slice))
    }

    /// Does a `[kinds] finite_verb` pattern match, outside every match of
    /// `[kinds] finite_verb_exceptions`?
    fn has_finite_verb(&self, slice: &str) -> bool {
        let excepted: Vec<(usize, usize)> = self
            .finite_verb_exceptions
            .iter()
            .flat_map(|r| r.find_iter(slice).map(|m| (m.start(), m.end())))
            .collect();
        self.finite_verb.iter().any(|r| {
            r.find_iter(slice)
                .any(|m| !excepted.iter().any(|&(s, e)| s < m.end() && m.start() < e))
        })
    }

    /// Does this speech tag relay another's words (one of `relay_words`)?
    fn relays(&self, tag: &str) -> bool {
        let relay = &self.rules.attribution.relay_words;
        !relay.is_empty()
            && tag
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .any(|w| relay.iter().any(|r| r.eq_ignore_ascii_case(w)))
    }

    fn own_source(&self, text: &str, u: &UnitAnalysis, starts_inside: bool) -> Option<Source> {
        let rules = &self.rules.rules;
        let slice = &text[u.start..u.end];
        // A speech tag that closes the sentence after a comma ("Experts had
        // warned for years, a prosecutor revealed.") frames all that comes
        // before it; else the highest priority first, then the first in the
        // text; not in quoted words ("« Beaucoup pensaient que ... », a
        // raconté X" credits X).
        let closing_tag = |h: &Hit| {
            let (s, e) = h.source.unwrap_or((h.start, h.end));
            let before = text[u.start..h.start.min(s)]
                .trim_end_matches(|c: char| c.is_whitespace() || "\"”»’".contains(c));
            let after = &text[h.end.max(e).min(u.end)..u.end];
            let clause = after.split(|c: char| !c.is_alphabetic()).any(|w| {
                self.rules
                    .attribution
                    .complementizers
                    .iter()
                    .any(|c| c.trim_end_matches(['\'', '’']).eq_ignore_ascii_case(w))
            });
            Some(h.rule) == self.speech_rule
                && before.ends_with(',')
                && !after.contains(',')
                && !clause
                && after.split_whitespace().count() <= 6
        };
        let candidates: Vec<&Hit> = u
            .hits
            .iter()
            .filter(|h| rules[h.rule].category == Category::Attribution && h.source.is_some())
            .filter(|h| {
                let at = h.source.map_or(h.start, |(s, _)| s);
                !inside_quote_at(slice, starts_inside, at.saturating_sub(u.start))
            })
            // A source that holds another reporting verb and an article
            // after it is no source ("the agency said in a preliminary
            // report": "report" is a noun; but "a state prosecutor revealed").
            .filter(|h| {
                let (s, e) = h.source.unwrap_or((h.start, h.start));
                !u.hits.iter().any(|g| {
                    Some(g.rule) == self.speech_rule
                        && (g.start, g.end) != (h.start, h.end)
                        && s <= g.start
                        && g.end <= e
                        && self.resolver.holds_article(&text[g.end..e])
                })
            })
            .collect();
        // Whether the span (s, e) holds an unnamed source ("des experts").
        let vague_in = |s: usize, e: usize| {
            u.hits.iter().any(|v| {
                rules[v.rule].category == Category::VagueSource && v.start < e && s < v.end
            })
        };
        let vague_of: Vec<bool> = candidates
            .iter()
            .map(|h| {
                let (s, e) = h.source.unwrap_or((h.start, h.end));
                vague_in(s, e)
            })
            .collect();
        let hit = candidates
            .iter()
            .enumerate()
            .min_by_key(|&(k, h)| {
                // An outlet relaying another source of the unit yields to it
                // ("X said ..., Yonhap reported"; "the AFP report quoted X as
                // saying"); so does an unnamed source ("Selon les premières
                // informations, ..., selon l'hôpital").
                let mut others =
                    (0..candidates.len()).filter(|&j| candidates[j].source != h.source);
                let relay = self.relays(&text[h.start..h.end]) && others.clone().next().is_some();
                let vague = vague_of[k] && others.any(|j| !vague_of[j]);
                // Of two closing tags, the last verb ("a state prosecutor revealed").
                let closing = closing_tag(h) && !relay;
                (
                    relay,
                    vague,
                    !closing,
                    std::cmp::Reverse(rules[h.rule].priority),
                    if closing { usize::MAX - h.end } else { h.start },
                )
            })
            .map(|(_, h)| *h)?;
        let (s, e) = hit.source?;
        // An empty source ("Et d'ajouter que"): the speaker before, as a pronoun.
        let cleaned = if s == e {
            self.resolver.pronoun()
        } else {
            self.resolver.clean(&text[s..e])
        };
        if cleaned.is_empty() {
            return None;
        }
        let vague = vague_in(s, e);
        Some(Source {
            text: cleaned,
            kind: if vague {
                SourceKind::Vague
            } else {
                SourceKind::Named
            },
            via: SourceVia::Own,
            named_here: false,
        })
    }

    /// The antecedent of a pronoun in unit `i`: going back through the
    /// earlier units of its paragraph and the one before, the first that has
    /// a source of its own (then none: the credited source is the one), or
    /// that opens, outside quoted words, with a person
    /// ([`Resolver::antecedent`]).
    fn paragraph_antecedent(
        &self,
        text: &str,
        units: &[UnitAnalysis],
        starts: &[bool],
        i: usize,
    ) -> Option<String> {
        let para = units[i].paragraph;
        for j in (0..i).rev() {
            let u = &units[j];
            // This paragraph and the one before (news paragraphs are often
            // one sentence long).
            if u.paragraph + 1 < para {
                return None;
            }
            if u.source.as_ref().is_some_and(|s| s.via == SourceVia::Own) {
                return None;
            }
            if starts[j] || !u.kind.has_certainty() {
                continue;
            }
            let slice = &text[u.start..u.end];
            if opens_quote(slice) {
                continue;
            }
            // Also after a short opening phrase the speech rules do not
            // skip ("Le lendemain, le préfet ...").
            let after_opener = slice
                .split_once(',')
                .filter(|(head, _)| head.split_whitespace().count() <= 4)
                .map(|(_, rest)| rest.trim_start());
            let found = std::iter::once(slice).chain(after_opener).find_map(|part| {
                self.speech
                    .opening_phrase(part)
                    .and_then(|(a, b)| self.resolver.antecedent(&part[a..b]))
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// Find each unit's own source, resolve anaphors and short names, then
    /// let units without a source inherit one (quotes, frames, lists).
    fn resolve_sources(&self, text: &str, units: &mut [UnitAnalysis]) {
        let mut last_named: Option<String> = None;
        // Sources credited so far, with their paragraph: a pronoun stands for the last.
        let mut recent: Vec<(usize, String)> = Vec::new();
        let mut doc_folded: Option<crate::fold::Folded> = None;
        let starts = quote_starts(text, units);
        for i in 0..units.len() {
            if !units[i].kind.has_certainty() {
                continue;
            }
            let Some(mut src) = self.own_source(text, &units[i], starts[i]) else {
                continue;
            };
            let para = units[i].paragraph;
            let span = (units[i].start, units[i].end);
            // "Le préfet insiste ... : « ... », a-t-il déclaré": the pronoun
            // of a tag stands for the subject that opens its unit.
            if self.resolver.is_pronoun(&src.text) {
                let slice = &text[span.0..span.1];
                // Not a name inside the quotation the tag closes ("« Ce
                // n'est pas Mme X qui est visée », a-t-il écrit").
                if let Some((a, b)) = self
                    .speech
                    .opening_subject(slice)
                    .filter(|&(a, _)| !quote_open_after(&slice[..a], false))
                {
                    let opening = self.resolver.clean(&slice[a..b]);
                    if !self.resolver.is_pronoun(&opening)
                        && (self.resolver.is_title(&opening) || self.resolver.is_name(&opening))
                    {
                        src.text = opening;
                    }
                }
            }
            // "Le préfet se voulait rassurant. « ... », a-t-il dit": else
            // the person that opens the nearest earlier sentence, told in
            // the narrator's voice, unless a source credited since comes
            // nearer. A title found so is kept, not taken for someone
            // credited before.
            let mut narrated = false;
            // "Celui-ci", "the latter": the person named last before it, in
            // its unit or the one before.
            if self.resolver.is_latter(&src.text) {
                let slice = &text[span.0..span.1];
                let at = find_word(slice, &src.text).unwrap_or(0);
                let mention = self.resolver.last_mention(&slice[..at]).or_else(|| {
                    (0..i)
                        .rev()
                        .take_while(|&j| units[j].paragraph + 1 >= para)
                        .find(|&j| units[j].kind.has_certainty())
                        .and_then(|j| {
                            self.resolver
                                .last_mention(&text[units[j].start..units[j].end])
                        })
                });
                if let Some(m) = mention {
                    src.text = m;
                    narrated = true;
                }
            }
            if self.resolver.is_pronoun(&src.text) {
                if let Some(a) = self.paragraph_antecedent(text, units, &starts, i) {
                    src.text = a;
                    narrated = true;
                }
            }
            if self.resolver.is_pronoun(&src.text) {
                // The last source credited in this or the two previous
                // paragraphs, else the last person named in this or the previous one.
                // The person's name in it, without a title before it.
                let last = recent
                    .iter()
                    .rev()
                    .find(|(p, _)| p + 2 >= para)
                    .map(|(_, n)| {
                        self.resolver
                            .last_person_name(n, 0, n.len())
                            .unwrap_or_else(|| n.clone())
                    });
                let from = units
                    .iter()
                    .find(|u| u.paragraph + 1 >= para)
                    .map(|u| u.start)
                    .unwrap_or(0);
                match last.or_else(|| self.resolver.last_person_name(text, from, span.0)) {
                    Some(n) => {
                        src.text = n;
                        src.kind = SourceKind::Named;
                    }
                    None => continue,
                }
            } else if self.resolver.is_title(&src.text) {
                let folded = doc_folded.get_or_insert_with(|| fold(text));
                if let Some(n) = self
                    .resolver
                    .apposed_name(&text[span.0..span.1], &src.text)
                    .or_else(|| self.resolver.title_name(&src.text, text, folded, span))
                {
                    src.text = n;
                    src.kind = SourceKind::Named;
                } else if narrated {
                    src.kind = SourceKind::Named;
                } else if let Some(n) = recent
                    .iter()
                    .rev()
                    .take_while(|(p, _)| p + 2 >= para)
                    .find(|(_, n)| self.resolver.is_name(n) && self.resolver.is_person_in(n, text))
                {
                    // "l'ancienne enseignante" after X was credited: X.
                    src.text = n.1.clone();
                    src.kind = SourceKind::Named;
                } else if let Some(n) = recent
                    .iter()
                    .rev()
                    .find(|(_, n)| self.resolver.same_head(n, &src.text))
                {
                    // "the spokesperson" after "a hospital spokesperson
                    // said": that source.
                    src.text = n.1.clone();
                } else if self.resolver.is_anaphor(&src.text) {
                    // "l'expert" with no name given for it: the last source or person.
                    let from = units
                        .iter()
                        .find(|u| u.paragraph + 1 >= para)
                        .map(|u| u.start)
                        .unwrap_or(0);
                    let person = self.resolver.last_person_name(text, from, span.0);
                    if let Some(n) = person
                        .or_else(|| last_named.clone())
                        .filter(|n| self.resolver.is_person_in(n, text))
                    {
                        src.text = n;
                        src.kind = SourceKind::Named;
                    }
                }
            } else if self.resolver.is_indefinite_title(&src.text) {
                let folded = doc_folded.get_or_insert_with(|| fold(text));
                if let Some(n) = self.resolver.title_name(&src.text, text, folded, span) {
                    src.text = n;
                    src.kind = SourceKind::Named;
                }
            } else if self.resolver.is_organisation_anaphor(&src.text) {
                // "L'entreprise a affirmé": the organisation credited last.
                // Else the name the headline opens with ("Amazon ferme ...").
                let mut earlier: Vec<&str> = recent.iter().map(|(_, n)| n.as_str()).collect();
                let headline = units[..i]
                    .iter()
                    .filter(|u| u.kind.has_certainty())
                    .take(3)
                    .find_map(|u| self.resolver.leading_name(&text[u.start..u.end]));
                if let Some(h) = &headline {
                    earlier.insert(0, h);
                }
                // A name with that head comes first ("l'agence" after
                // "l'Agence régionale de santé").
                if let Some(n) = self
                    .resolver
                    .named_by_head(&src.text, text, span.0)
                    .or_else(|| self.resolver.last_organisation(&src.text, &earlier, text))
                {
                    src.text = n;
                    src.kind = SourceKind::Named;
                    src.named_here = true;
                }
            } else if let Some(full) = self.resolver.named_by_head(&src.text, text, span.0) {
                // "The authority said" after "the Port Authority of Leeds".
                src.text = full;
                src.kind = SourceKind::Named;
            } else if let Some(full) = self.resolver.expand_acronym(&src.text, text) {
                // "SPF" where the document spells out "Santé publique France".
                src.text = full;
            } else if let Some(full) = self.resolver.expand_name(&src.text, text, span.0) {
                src.text = full;
            }
            if src.kind == SourceKind::Named {
                last_named = Some(src.text.clone());
            }
            recent.push((para, src.text.clone()));
            units[i].source = Some(src);
        }
        // A title still unresolved ("estime le préfet" before the text names
        // him) stands for the person credited next, within two paragraphs,
        // unless the document gives that person another title.
        for i in 0..units.len() {
            let Some(src) = units[i].source.as_ref() else {
                continue;
            };
            if src.via != SourceVia::Own || !self.resolver.is_title(&src.text) {
                continue;
            }
            let para = units[i].paragraph;
            let title = src.text.clone();
            let next = units[i + 1..]
                .iter()
                .take_while(|u| u.paragraph <= para + 2)
                .filter_map(|u| u.source.as_ref())
                .find(|s| {
                    self.resolver.is_name(&s.text)
                        && self.resolver.is_person_in(&s.text, text)
                        && self.resolver.titled_alike(&s.text, &title, text)
                })
                .map(|s| s.text.clone())
                .or_else(|| {
                    // Else the person the document names most (three times
                    // or more, the surname alone counting): "le Premier
                    // ministre" in an article about him.
                    // Only an office ("le chef du gouvernement", "le Premier
                    // ministre"), not a description ("l'ancien gendarme").
                    let office = self.resolver.has_complement(&title)
                        || title
                            .split_whitespace()
                            .skip(1)
                            .any(|w| w.starts_with(char::is_uppercase));
                    self.resolver
                        .main_person(text)
                        .filter(|n| office && self.resolver.titled_alike(n, &title, text))
                });
            if let Some(n) = next {
                for u in units[i..].iter_mut() {
                    if let Some(s) = u.source.as_mut().filter(|s| s.text == title) {
                        s.text = n.clone();
                        s.kind = SourceKind::Named;
                    }
                }
            }
        }
        self.transcripts.credit(text, units, &self.resolver);
        credit_posts(text, units);
        let (quotes, speakers) = quote_spans(text, units);
        // A paragraph that opens with words in the first person, unquoted,
        // then names who said them ("Je n'ai rien su. Jamais. Interrogé
        // mardi, X a assuré ..."): those words are X's.
        let mut i = 0;
        while i < units.len() {
            let para = units[i].paragraph;
            let end = units[i..]
                .iter()
                .take_while(|u| u.paragraph == para)
                .count()
                + i;
            let first = &text[units[i].start..units[i].end];
            if quotes[i].is_none() && units[i].source.is_none() && self.resolver.first_person(first)
            {
                let speaker = (i + 1..end).find_map(|j| {
                    units[j]
                        .source
                        .clone()
                        .filter(|s| s.via == SourceVia::Own && self.resolver.is_name(&s.text))
                        .map(|s| (j, s))
                });
                if let Some((j, s)) = speaker {
                    for u in units[i..j]
                        .iter_mut()
                        .filter(|u| u.source.is_none() && u.kind.has_certainty())
                    {
                        u.source = Some(Source {
                            named_here: false,
                            via: SourceVia::Quote,
                            ..s.clone()
                        });
                    }
                }
            }
            i = end;
        }
        let rules = &self.rules.rules;
        let framing = |u: &UnitAnalysis| {
            u.hits
                .iter()
                .any(|h| rules[h.rule].frame && h.source.is_some())
        };
        for i in 0..units.len() {
            if units[i].source.is_some() || !units[i].kind.has_certainty() {
                continue;
            }
            let para = units[i].paragraph;
            let slice = &text[units[i].start..units[i].end];
            let same_para = |j: usize, units: &[UnitAnalysis]| units[j].paragraph == para;
            let mut inherited: Option<(Source, SourceVia)> = None;
            // Inside a quotation: its speaker.
            if let Some(q) = quotes[i] {
                inherited = speakers[q].clone().map(|s| (s, SourceVia::Quote));
            }
            // Borrowed information: the nearest source of the paragraph, before it, else after it.
            let borrowed = units[i].hits.iter().any(|h| rules[h.rule].borrowed);
            if inherited.is_none() && borrowed {
                let prev = (0..i)
                    .rev()
                    .take_while(|&j| same_para(j, units))
                    .find_map(|j| units[j].source.clone());
                let next = (i + 1..units.len())
                    .take_while(|&j| same_para(j, units))
                    .find_map(|j| units[j].source.clone());
                inherited = prev.or(next).map(|s| (s, SourceVia::Frame));
            }
            // A continuation ("Ils ...") of a unit whose source frames the paragraph.
            if inherited.is_none()
                && i > 0
                && same_para(i - 1, units)
                && self.resolver.continues(slice)
            {
                let framed = framing(&units[i - 1])
                    || units[i - 1]
                        .source
                        .as_ref()
                        .is_some_and(|s| s.via != SourceVia::Own);
                if framed {
                    inherited = units[i - 1].source.clone().map(|s| (s, SourceVia::Frame));
                }
            }
            // A list line after a line that ends with a colon.
            if inherited.is_none() && i > 0 {
                let prev = &text[units[i - 1].start..units[i - 1].end];
                if prev.trim_end().ends_with(':') {
                    inherited = units[i - 1].source.clone().map(|s| (s, SourceVia::Frame));
                }
            }
            if let Some((mut s, via)) = inherited {
                s.via = via;
                units[i].source = Some(s);
            }
        }
    }
}

/// Analysers for each language, from the bundled rules or user files. The
/// bundled rules of a language are compiled the first time a document in
/// that language needs them.
#[derive(Debug, Clone)]
pub struct Analyzers {
    fr: std::sync::OnceLock<Analyzer>,
    en: std::sync::OnceLock<Analyzer>,
}

impl Analyzers {
    /// The bundled rules, with `custom` replacing the rules of its language.
    pub fn new(custom: Option<RuleSet>) -> Result<Analyzers, RulesError> {
        let analyzers = Analyzers {
            fr: std::sync::OnceLock::new(),
            en: std::sync::OnceLock::new(),
        };
        if let Some(rs) = custom {
            let lang = rs.lang;
            let analyzer = Analyzer::new(rs)?;
            let _ = analyzers.cell(lang).set(analyzer);
        }
        Ok(analyzers)
    }

    fn cell(&self, lang: Lang) -> &std::sync::OnceLock<Analyzer> {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// The analyser for a language.
    pub fn get(&self, lang: Lang) -> &Analyzer {
        self.cell(lang).get_or_init(|| {
            // The bundled rules are checked by the test suite.
            Analyzer::new(RuleSet::bundled(lang)).expect("the bundled rules compile")
        })
    }
}

/// The author of an embedded post, from its signature line ("— Jane Roe
/// (@janeroe) March 3, 2024"): the name between the dash and the handle.
fn post_author(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(['—', '–', '-'])?;
    let (name, after) = rest.split_once("(@")?;
    let handle = after.split_once(')')?.0;
    let name = name.trim();
    (!name.is_empty()
        && name.chars().count() <= 80
        && !name.contains(['.', '!', '?'])
        && !handle.is_empty()
        && handle.chars().all(|c| c.is_alphanumeric() || c == '_'))
    .then_some(name)
}

/// An embedded post: the lines right above its signature (the paragraph
/// before it, and what precedes the signature in its own) are its
/// author's words.
fn credit_posts(text: &str, units: &mut [UnitAnalysis]) {
    for i in 0..units.len() {
        let Some(name) = post_author(&text[units[i].start..units[i].end]) else {
            continue;
        };
        let para = units[i].paragraph;
        let Some(above) = para.checked_sub(1) else {
            continue;
        };
        let source = Source {
            named_here: false,
            text: name.to_string(),
            kind: SourceKind::Named,
            via: SourceVia::Quote,
        };
        for u in units[..i]
            .iter_mut()
            .rev()
            .take_while(|u| u.paragraph >= above)
            .filter(|u| u.source.is_none() && u.kind.has_certainty())
        {
            u.source = Some(source.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzers() -> &'static Analyzers {
        static A: std::sync::OnceLock<Analyzers> = std::sync::OnceLock::new();
        A.get_or_init(|| Analyzers::new(None).expect("bundled rules compile"))
    }

    /// The kind of the line `line` set between two sentences (so that it is
    /// neither the first nor the last unit of the text).
    fn kind(lang: Lang, line: &str) -> Kind {
        let text = format!("Une phrase.\n\n{line}\n\nUne autre phrase.");
        let units = analyzers().get(lang).analyze_text(&text);
        assert_eq!(units.len(), 3, "{line:?} is one unit");
        units[1].kind
    }

    #[test]
    fn a_title_with_a_figure_is_a_claim() {
        assert_eq!(kind(Lang::Fr, "Tempête : au moins 9 blessés"), Kind::Claim);
        assert_eq!(kind(Lang::En, "Ferry fares up 12%"), Kind::Claim);
        assert_eq!(kind(Lang::En, "Ferry fares and timetables"), Kind::Heading);
        // A number counts even when no noun of the title is what it counts.
        assert_eq!(
            kind(
                Lang::En,
                "Flood in the valley 'dire', with 3,000 in need of help"
            ),
            Kind::Claim
        );
        assert_eq!(
            kind(Lang::Fr, "Naufrage en mer Égée : Neuf passeurs arrêtés"),
            Kind::Claim
        );
        assert_eq!(kind(Lang::Fr, "Le bilan du 14 juillet 2023"), Kind::Heading);
        // Years and numbers glued to a name count nothing.
        assert_eq!(kind(Lang::En, "The 2024 budget vote"), Kind::Heading);
        assert_eq!(kind(Lang::Fr, "Le sommet du G7 à Rome"), Kind::Heading);
        assert_eq!(
            kind(Lang::En, "Covid-19 vaccines for children"),
            Kind::Heading
        );
    }

    #[test]
    fn hedges_do_not_make_a_topic_label_a_statement() {
        assert_eq!(kind(Lang::Fr, "Rumeurs et démentis"), Kind::Heading);
        assert_eq!(kind(Lang::En, "Alleged fraud at the port"), Kind::Heading);
    }

    #[test]
    fn a_line_that_goes_on_is_not_a_heading() {
        assert_eq!(
            kind(Lang::Fr, "00:12Et le maire, qui préside la séance,"),
            Kind::Claim
        );
        assert_eq!(
            kind(Lang::Fr, "00:15le conseil municipal et les élus"),
            Kind::Claim
        );
        assert_eq!(
            kind(Lang::Fr, "Le conseil municipal et les élus,"),
            Kind::Claim
        );
    }

    #[test]
    fn a_verbless_line_with_the_date_of_a_picture_is_a_caption() {
        assert_eq!(
            kind(Lang::Fr, "Le maire de Lyon dans son bureau, le 3 mars 2021"),
            Kind::Boilerplate
        );
        assert_eq!(
            kind(Lang::En, "The council's Oct. 2 letter"),
            Kind::Boilerplate
        );
        assert_eq!(kind(Lang::Fr, "Le bilan de l'année 2021"), Kind::Heading);
    }

    #[test]
    fn relative_clauses_reflexives_and_the_future_are_finite_verbs() {
        assert_eq!(
            kind(Lang::Fr, "Le scandale qui ébranle la mairie"),
            Kind::Claim
        );
        assert_eq!(kind(Lang::Fr, "Le maire se défend"), Kind::Claim);
        assert_eq!(kind(Lang::Fr, "Les élus se rendront à Paris"), Kind::Claim);
        assert_eq!(kind(Lang::Fr, "Un affront pour le maire"), Kind::Heading);
    }

    fn sources(lang: Lang, text: &str) -> Vec<String> {
        Analyzer::new(RuleSet::bundled(lang))
            .unwrap()
            .analyze_text(text)
            .iter()
            .map(|u| u.source.as_ref().map_or(String::new(), |s| s.text.clone()))
            .collect()
    }

    #[test]
    fn an_outlet_relaying_a_speaker_credits_the_speaker() {
        let got = sources(
            Lang::En,
            "\"The dam will hold,\" Governor Lena Hart said at a briefing, the local paper reported.\n",
        );
        assert_eq!(got, ["Governor Lena Hart"], "{got:?}");
        let got = sources(
            Lang::Fr,
            "« La digue tiendra », a déclaré la préfète Anne Roux, rapporte le quotidien régional.\n",
        );
        assert_eq!(got, ["la préfète Anne Roux"], "{got:?}");
        // Alone, the relay is the source.
        let got = sources(
            Lang::En,
            "Two bridges were closed, the local paper reported.\n",
        );
        assert_eq!(got, ["the local paper"], "{got:?}");
    }

    #[test]
    fn a_company_noun_never_stands_for_a_public_body() {
        let got = sources(
            Lang::En,
            "Crews reached the wreck, the Coast Guard Agency said.\n\n\"We are sorry for the delay,\" the carrier said.\n",
        );
        assert_eq!(got[0], "the Coast Guard Agency", "{got:?}");
        assert_ne!(got[1], "the Coast Guard Agency", "{got:?}");
        // A company credited before is one.
        let got = sources(
            Lang::En,
            "Fares will rise, Skyway Air said.\n\n\"We are sorry for the delay,\" the carrier said.\n",
        );
        assert_eq!(got, ["Skyway Air", "Skyway Air"], "{got:?}");
    }

    #[test]
    fn an_embedded_post_is_its_author_s() {
        let fr = "La ministre a réagi sur les réseaux sociaux.\n\
            Je pense aux familles. Tout le pays est avec vous.\n\
            — Claire Dubois (@ClaireDubois) 3 mars 2024\n\
            Le trafic a repris lundi.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["", "Claire Dubois", "Claire Dubois", "", ""]
        );
        let en = "The mayor posted a message.\n\n\
            Stay home tonight. The roads are flooded.\n\
            — Ana Dias (@anadias_mayor) June 14, 2023\n\n\
            The river fell on Tuesday.";
        assert_eq!(sources(Lang::En, en), ["", "Ana Dias", "Ana Dias", "", ""]);
    }

    #[test]
    fn a_list_item_s_dash_is_not_its_source_s() {
        assert_eq!(
            sources(
                Lang::Fr,
                "- Le parquet de Nîmes a indiqué que le conducteur était sobre."
            ),
            ["Le parquet de Nîmes"]
        );
    }

    #[test]
    fn a_definite_noun_stands_for_the_institution_named_by_it() {
        let en = "The Port Authority of Leeds closed the docks. The authority said two cranes were damaged.\n\n\
            The National Weather Centre issued a warning. Later, this centre reported that rivers had risen.";
        assert_eq!(
            sources(Lang::En, en),
            ["", "Port Authority of Leeds", "", "National Weather Centre"]
        );
        let fr = "Le Centre Hospitalier de Nîmes a reçu six blessés. Le centre a précisé que deux étaient graves.";
        assert_eq!(sources(Lang::Fr, fr), ["", "Centre Hospitalier de Nîmes"]);
        let fr = "L’Agence Nationale des Routes a fermé le pont. L’agence a indiqué que les travaux dureraient un mois.";
        assert_eq!(sources(Lang::Fr, fr), ["", "Agence Nationale des Routes"]);
        // Not a title or a person.
        let en = "The Health Minister Office opened. The minister said the plan was ready.";
        assert_ne!(sources(Lang::En, en)[1], "Health Minister Office");
    }

    #[test]
    fn a_pronoun_in_a_tag_stands_for_the_person_the_narration_named_just_before() {
        let fr = "Jean Dupont, chercheur, s'inquiète. « L'air est toxique », affirme l'expert.\n\n\
            Le lendemain, le préfet du Rhône se voulait rassurant. « La priorité, c'est le feu. \
            Rien ne presse », avait-il indiqué à la radio.";
        let got = sources(Lang::Fr, fr);
        assert_eq!(
            got,
            [
                "",
                "Jean Dupont",
                "",
                "le préfet du Rhône",
                "le préfet du Rhône"
            ]
        );
        let en = "The county sheriff looked tired on Monday. \"We are still searching. \
            We will not stop,\" he told reporters.";
        assert_eq!(
            sources(Lang::En, en),
            ["", "The county sheriff", "The county sheriff"]
        );
        // In the paragraph before, nearer than the speaker credited earlier.
        let en = "\"The road is closed,\" Ana Ruiz, a police officer, said.\n\n\
            By noon, Senator Paul Grant had asked for an inquiry.\n\n\
            \"We need answers,\" he wrote in a statement.";
        assert_eq!(sources(Lang::En, en), ["Ana Ruiz", "", "Paul Grant"]);
    }

    #[test]
    fn a_relative_pronoun_after_selon_is_the_person_before_it() {
        let fr = "Au syndicat, on proteste, comme le délégué, Marc Lenoir, selon qui « la \
            direction a menti ».\n\n\
            « Ce n'est pas Sophie Laval qui est visée, c'est tout le service », a-t-il écrit.";
        assert_eq!(sources(Lang::Fr, fr), ["Marc Lenoir", "Marc Lenoir"]);
    }

    #[test]
    fn findings_credit_whoever_made_them() {
        let en = "Early information from the Food Safety Agency indicates the flour may be \
            the source. A preliminary review by the county suggests that the bread was safe. \
            According to the latest toll from the health ministry, 12 people died.";
        assert_eq!(
            sources(Lang::En, en),
            [
                "the Food Safety Agency",
                "the county",
                "the health ministry"
            ]
        );
        let fr = "Selon les chiffres du ministère, 300 écoles sont fermées. Les premiers \
            relevés de la préfecture font état de 12 blessés. Selon le dernier bilan \
            communiqué par la mairie, 40 familles sont relogées.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["le ministère", "la préfecture", "la mairie"]
        );
    }

    #[test]
    fn a_document_or_a_title_points_back_to_its_source() {
        let en = "Hobson Analytics estimated the losses at $2 billion. \
            The report said banks were hit hardest. A hospital spokesperson said two \
            wards closed. The spokesperson said they would reopen on Monday.";
        assert_eq!(
            sources(Lang::En, en),
            [
                "Hobson Analytics",
                "Hobson Analytics",
                "A hospital spokesperson",
                "A hospital spokesperson"
            ]
        );
    }

    #[test]
    fn a_possessive_statement_is_its_owner_s_and_papers_speak() {
        let en = "Attorney General Ruth Calloway spoke on Tuesday. According to her \
            statement, the firm ignored repeated warnings. The complaint says the firm hid \
            its losses. The firm has agreed to pay $40 million.";
        assert_eq!(
            sources(Lang::En, en),
            ["", "Attorney General Ruth Calloway", "The complaint", ""]
        );
        let fr = "La procureure Anne Royer a pris la parole mardi. Selon ses déclarations, \
            l'entreprise a ignoré les alertes. La plainte affirme que les pertes ont été \
            cachées.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["", "La procureure Anne Royer", "La plainte"]
        );
    }

    #[test]
    fn a_title_then_a_name_set_off_is_the_subject_not_the_object() {
        let fr = "Le maire de Lyon, Paul Grand, a dénoncé les habitants. \
            La présidente de région, Anne Roux, a exhorté les usagers à la patience. \
            Le préfet, Marc Ortiz, a enjoint aux riverains de partir.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["Paul Grand", "Anne Roux", "Marc Ortiz"]
        );
    }

    #[test]
    fn an_inverted_subject_may_open_with_des() {
        // "des" is no "dès": the tag's subject is not skipped as a phrase.
        let fr = "Douze personnes ont été blessées, affirment des médecins. \
            La route est coupée, ont précisé des responsables de la voirie.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["des médecins", "des responsables de la voirie"]
        );
    }

    #[test]
    fn a_company_named_in_s_speaks() {
        let en = "Bakeries recalled their bread. Hobson’s said the flour was the likely cause. \
            Hobson's reported earnings rose.";
        assert_eq!(sources(Lang::En, en), ["", "Hobson’s", ""]);
    }

    #[test]
    fn the_latter_stands_for_the_person_named_last_not_the_last_source() {
        let fr = "Le ministre a déclaré que les secours étaient prêts. Ces propos contrastent \
            avec ceux du préfet de la Drôme. Celui-ci avait évoqué un bilan de 40 morts.\n\n\
            Le ministre a ensuite reçu le maire de Valence, Paul Grant. Ce dernier a déclaré \
            que la digue tiendrait.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["Le ministre", "", "le préfet de la Drôme", "", "Paul Grant"]
        );
        let en = "The governor said the roads were open. Reporters then asked the fire chief \
            about the levee. The latter said it would hold.";
        assert_eq!(
            sources(Lang::En, en),
            ["The governor", "", "the fire chief"]
        );
    }

    #[test]
    fn an_institution_noun_stands_for_the_institution_credited_before() {
        // A sentence-case institution's name, a date between a tag verb and
        // its subject, and "l'établissement", "l'hôpital" after it.
        let fr = "Le Centre hospitalier de Lagny (CHL) a été visé par une cyberattaque.\n\n\
            Les fichiers volés « concernent des patients », a indiqué le 12 mars le CHL.\n\n\
            « Les dossiers médicaux n'ont pas été touchés », ajoute l'hôpital francilien.\n\n\
            L'établissement a tenu à préciser que les soins continuaient.";
        let got = sources(Lang::Fr, fr);
        assert_eq!(got[1], "le Centre hospitalier de Lagny (CHL)");
        assert_eq!(got[2], got[1]);
        assert_eq!(got[3], got[1]);
        let en = "Riverside General Hospital said on Monday its servers were hit.\n\n\
            The hospital said patient records were safe.";
        assert_eq!(
            sources(Lang::En, en),
            ["Riverside General Hospital", "Riverside General Hospital"]
        );
    }

    #[test]
    fn a_company_noun_stands_for_the_organisation_credited_or_headlined_before() {
        let fr = "Lactalis ferme trois usines en Bretagne\n\n\
            L'entreprise a affirmé que la décision n'était pas liée aux grèves.\n\n\
            Le syndicat Force ouvrière a dénoncé un plan brutal. \
            Le géant laitier a assuré que les salariés seraient reclassés.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["", "Lactalis", "Le syndicat Force ouvrière", "Lactalis"]
        );
        // A kicker line first, an article and a common noun before the name,
        // a place after it: the name is still the organisation's.
        let fr = "Économie.\n\nL'enseigne Lactalis Vitré ferme son usine\n\n\
            La fermeture touchera 200 salariés à Vitré.\n\n\
            Le groupe explique ce choix par la baisse des ventes.";
        assert_eq!(
            sources(Lang::Fr, fr).last().map(String::as_str),
            Some("Lactalis Vitré")
        );
        let en = "Northwind Airways said on Monday it would cut 400 flights. \
            Pilots at the airline walked out in June.\n\n\
            The company said talks would resume next week.";
        assert_eq!(
            sources(Lang::En, en),
            ["Northwind Airways", "", "Northwind Airways"]
        );
        // "Company officials" too; a title-case headline names no
        // organisation, nor does a common noun that opens a sentence.
        let en = "Court Orders Northwind to Pay $9 Million\n\n\
            Northwind Airways said it had followed the rules.\n\n\
            Jurors in the airline's home town deliberated for a day, a clerk said.\n\n\
            Company officials said they would appeal.";
        assert_eq!(
            sources(Lang::En, en),
            ["", "Northwind Airways", "a clerk", "Northwind Airways"]
        );
        let en = "Court Orders Northwind to Pay $9 Million\n\n\
            The company said it would appeal.";
        assert_eq!(sources(Lang::En, en), ["", "The company"]);
        // Nor does a common noun that opens a headline, nor a person given
        // an age.
        let en = "Storm kills 4 in coastal towns\n\n\
            \"We lost the roof,\" said Ana Ruiz, 54, a baker.\n\n\
            The storm was the worst in years.\n\n\
            The utility company said power would return on Friday.";
        assert_eq!(
            sources(Lang::En, en),
            ["", "Ana Ruiz", "", "The utility company"]
        );
    }

    #[test]
    fn a_tag_after_a_term_in_quotation_marks_or_an_outlet_named_after_its_noun() {
        let fr = "Au moins 12 personnes sont mortes dans le naufrage d'un bateau qui \
            transportait des « dizaines » de pêcheurs, ont indiqué les garde-côtes italiens.\n\n\
            « Le pont était plein », a déclaré à la chaîne de télévision RAI le \
            porte-parole des garde-côtes, Marco Bellini.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["les garde-côtes italiens", "Marco Bellini"]
        );
    }

    #[test]
    fn a_title_takes_the_name_of_the_sentence_that_qualifies_it_alike() {
        let fr =
            "Le pont était plein, a déclaré le porte-parole des garde-côtes, Marco Bellini.\n\n\
            Le porte-parole du gouvernement, Paolo Conti, a annoncé un deuil national.\n\n\
            Le porte-parole des garde-côtes a ajouté qu'un avion patrouillerait la nuit.";
        assert_eq!(
            sources(Lang::Fr, fr),
            ["Marco Bellini", "Paolo Conti", "Marco Bellini"]
        );
    }

    #[test]
    fn english_tags_with_a_date_after_the_verb_and_counts_revised_by_someone() {
        let en = "Around 60 houses were flattened when the hill gave way, locals report.\n\n\
            More than 600 people are assumed dead, the UN food agency estimated on May 26, \
            as rescue efforts continued.\n\n\
            The Red Cross on Sunday raised its estimate of the death toll from the mudslide \
            in the upper valley to more than 600.\n\n\
            The driver was arrested and admitted to starting the fire.";
        assert_eq!(
            sources(Lang::En, en),
            ["locals", "the UN food agency", "The Red Cross", ""]
        );
    }

    #[test]
    fn a_plan_credits_nobody_and_news_learnt_from_someone_credits_them() {
        let fr = "Dans le détail, Lactalis, qui emploie environ 14.000 personnes en France, \
            prévoit de supprimer 300 postes.\n\n\
            Le groupe laitier a présenté mardi un plan social, a-t-on appris auprès de la direction.\n\n\
            Le syndicat prévoit que la grève durera.";
        assert_eq!(sources(Lang::Fr, fr), ["", "direction", "Le syndicat"]);
        // An opening phrase to skip before the subject of a verb and of a
        // participle after it.
        let fr = "De son côté, le maire de Vitré, Paul Morin, a exprimé son soutien aux \
            salariés, soulignant l'impact sur la commune.";
        assert_eq!(sources(Lang::Fr, fr), ["Paul Morin"]);
    }

    #[test]
    fn a_title_is_the_person_its_abbreviation_names() {
        let en = "Levee held through the night, governor says\n\n\
            Crews closed the road before the surge, Ohio Gov. Ann Lee said on Monday.\n\n\
            The water has started to fall, Ohio's governor said.";
        assert_eq!(
            sources(Lang::En, en),
            ["Ann Lee", "Ohio Gov. Ann Lee", "Ann Lee"]
        );
    }

    #[test]
    fn a_source_holds_no_other_reporting_verb() {
        let en = "The bridge failed because of a cracked beam, the safety board said in a \
            preliminary report.\n\nIn an interview with a local radio, the mayor said he would \
            resign.";
        assert_eq!(sources(Lang::En, en), ["the safety board", "the mayor"]);
    }

    #[test]
    fn a_transcript_credits_the_lines_a_filmed_person_speaks() {
        let fr = "Transcription\n00:00Au marché couvert, les commerçants font les comptes.\n\
            00:05Depuis la crue, j'ai perdu tout mon stock.\n00:09Et personne ne nous a prévenus.\n\
            00:13La mairie promet une aide d'urgence.\n00:17Quand arrivera-t-elle ?\n\
            00:20Pas avant plusieurs semaines.\n";
        let got = sources(Lang::Fr, fr);
        assert_eq!(
            got,
            [
                "",
                "",
                "un intervenant",
                "un intervenant",
                "La mairie",
                "",
                "un intervenant"
            ],
            "{got:?}"
        );
        // The interviewer sets the guest's name off by commas: the answers are hers.
        let en = "00:00Good evening.\n00:03Tonight’s guest runs the county shelter,\n\
            00:07Maria Lopez, how many families came in?\n00:11We took in forty families overnight.\n\
            00:15and more are arriving.\n00:18The storm moves north tomorrow.\n";
        let got = sources(Lang::En, en);
        assert_eq!(
            got,
            ["", "", "", "Maria Lopez", "Maria Lopez", ""],
            "{got:?}"
        );
        // A live page's clock times are not a transcript.
        let live = "10:05 Le préfet fait le point.\n10:32 Nous restons mobilisés.\n11:15 Les routes rouvrent.\n";
        assert!(sources(Lang::Fr, live)
            .iter()
            .all(|s| s != "un intervenant"));
    }

    #[test]
    fn titles_tags_and_openers_resolve_to_the_speaker() {
        // A closing speech tag credits the sentence, not the verb inside it; a
        // participial opener is not the subject of "saying", the name after
        // it is; a title stands for the person it introduced, across a short
        // aside in brackets.
        let got = sources(
            Lang::En,
            "Reacting to the ruling, former air force pilot Captain (retired) Ana Ruiz backed the crew, saying they acted well.\n\n\
             Engineers have warned about the bridge for years, a county inspector revealed.\n\n\
             \"The crew did the right thing,\" the former air force pilot said.\n",
        );
        assert_eq!(
            got,
            [
                "former air force pilot Captain (retired) Ana Ruiz",
                "a county inspector",
                "Ana Ruiz"
            ],
            "{got:?}"
        );
        // A conjunction and a time adjunct before the subject are not the subject.
        let got = sources(
            Lang::En,
            "But on Thursday the navy said the boat had sunk.\n\nAnd yesterday the county said the road was closed.\n",
        );
        assert_eq!(got, ["the navy", "the county"], "{got:?}");
        let got = sources(
            Lang::Fr,
            "Mais mardi le préfet a annoncé que la route était fermée.\n",
        );
        assert_eq!(got, ["le préfet"], "{got:?}");
        // The antecedent of "qui" with a verb that credits whatever follows,
        // an adjunct between the verb and its clause.
        let got = sources(
            Lang::Fr,
            "Plusieurs élus partagent cette analyse, à l'image de Claire Martin, qui a déclaré sur une radio locale que la ville était mal préparée.\n",
        );
        assert_eq!(got, ["Claire Martin"], "{got:?}");
        // A word that can be a reporting verb inside the tag's subject ("state").
        let got = sources(
            Lang::En,
            "Engineers have warned about the bridge for years, a Spanish state prosecutor revealed.\n",
        );
        assert_eq!(got, ["a Spanish state prosecutor"], "{got:?}");
        // The words of an organisation's name in brackets are not a person.
        let got = sources(
            Lang::Fr,
            "Jeanne Morel, chercheuse à l'Unité de chimie du CNRS (Centre National de la Recherche Scientifique), a étudié les fumées.\n\n\
             « Les fumées sont toxiques », a-t-elle ajouté.\n",
        );
        assert_eq!(got[1], "Jeanne Morel", "{got:?}");
        // A title with the name set after it: the name.
        let got = sources(
            Lang::Fr,
            "Mardi soir, 14 000 foyers étaient privés d'électricité, selon le président du conseil départemental, Paul Vidal.\n",
        );
        assert_eq!(got, ["Paul Vidal"], "{got:?}");
    }

    #[test]
    fn every_sentence_of_a_quotation_credits_its_speaker() {
        let got = sources(
            Lang::Fr,
            "« La digue a cédé dans la nuit. L'eau est montée très vite. Nous avons tout perdu », a raconté Jeanne Roux, boulangère.\n\nLe village reste inondé.",
        );
        assert_eq!(got, vec!["Jeanne Roux", "Jeanne Roux", "Jeanne Roux", ""]);
        let got = sources(
            Lang::En,
            "“The levee broke at night,” said Tom Hale, a farmer. “The water rose fast.\n\n“We lost everything.”\n\nThe village is still flooded.",
        );
        assert_eq!(got, vec!["Tom Hale", "Tom Hale", "Tom Hale", ""]);
    }

    #[test]
    fn a_title_resolves_to_the_name_the_text_gives_for_it() {
        let got = sources(
            Lang::Fr,
            "La route est coupée, a indiqué le préfet de la Drôme, Paul Henri.\n\nLes secours sont mobilisés, a ajouté le préfet.",
        );
        assert_eq!(got, vec!["Paul Henri", "Paul Henri"]);
        let got = sources(
            Lang::En,
            "Fire chief Anna Berg said crews were exhausted.\n\nThe chief said more engines were on their way.",
        );
        assert_eq!(got, vec!["Fire chief Anna Berg", "Anna Berg"]);
    }

    #[test]
    fn pronouns_stand_for_the_source_before_or_the_subject_of_their_unit() {
        let got = sources(
            Lang::Fr,
            "Marie Leroy, avocate des familles, a déposé plainte. Elle assure avoir alerté la mairie.",
        );
        assert_eq!(got[1], "Marie Leroy");
        let got = sources(
            Lang::Fr,
            "Le maire insiste sur un point : « Personne n'a été oublié », a-t-il déclaré.",
        );
        assert_eq!(got, vec!["Le maire"]);
    }

    #[test]
    fn a_pull_quote_takes_the_speaker_of_the_quotation_that_repeats_it() {
        let got = sources(
            Lang::Fr,
            "« Nous avons tout perdu en une nuit. »\n\nLa crue a surpris les habitants.\n\n« Nous avons tout perdu en une nuit, il ne reste rien », a raconté Jeanne Roux.",
        );
        assert_eq!(got, vec!["Jeanne Roux", "", "Jeanne Roux"]);
    }

    #[test]
    fn words_inside_a_quotation_credit_nobody() {
        let got = sources(
            Lang::Fr,
            "« Beaucoup pensaient que l'eau ne monterait pas », a expliqué Jeanne Roux.",
        );
        assert_eq!(got, vec!["Jeanne Roux"]);
    }

    #[test]
    fn headline_passives_and_plural_subjects_are_finite_verbs() {
        assert_eq!(
            kind(
                Lang::En,
                "Harbour officials questioned over the late warning"
            ),
            Kind::Claim
        );
        assert_eq!(
            kind(Lang::En, "Flood warnings remain in force along the coast"),
            Kind::Claim
        );
        assert_eq!(kind(Lang::En, "Lessons from a harbour town"), Kind::Heading);
        assert_eq!(
            kind(Lang::En, "Business plan for the new port"),
            Kind::Heading
        );
    }

    #[test]
    fn a_short_label_before_a_colon_is_a_heading() {
        assert_eq!(
            kind(Lang::Fr, "Les dernières mises à jour :"),
            Kind::Heading
        );
        assert_eq!(kind(Lang::En, "Key points:"), Kind::Heading);
        assert_eq!(kind(Lang::Fr, "Le maire a déclaré :"), Kind::Claim);
        assert_eq!(
            kind(Lang::En, "The list of the roads closed on Monday:"),
            Kind::Claim
        );
    }

    #[test]
    fn a_title_whose_plural_subject_begins_an_act_is_a_claim() {
        assert_eq!(
            kind(
                Lang::Fr,
                "Piratage de la mairie : les pirates commencent à publier des fichiers"
            ),
            Kind::Claim
        );
        assert_eq!(
            kind(Lang::Fr, "Grève : des salariés tentent de bloquer le dépôt"),
            Kind::Claim
        );
        assert_eq!(kind(Lang::Fr, "Appartements à louer"), Kind::Heading);
    }

    #[test]
    fn a_clause_standing_for_a_topic_is_a_heading() {
        assert_eq!(kind(Lang::En, "What we know about the dam"), Kind::Heading);
        assert_eq!(
            kind(Lang::Fr, "Ce que l'on sait de la tempête"),
            Kind::Heading
        );
        assert_eq!(kind(Lang::Fr, "Comment la digue a cédé"), Kind::Heading);
        assert_eq!(
            kind(Lang::Fr, "Ce que la maire a dit, les élus l'ont répété"),
            Kind::Claim
        );
    }

    #[test]
    fn an_entry_of_a_live_page_is_a_claim_and_a_dash_framed_intertitle_a_heading() {
        assert_eq!(
            kind(Lang::Fr, "18h42 : Un second barrage cède"),
            Kind::Claim
        );
        assert_eq!(kind(Lang::En, "9.15pm - Ferry service halted"), Kind::Claim);
        assert_eq!(kind(Lang::Fr, "- Une ville sous la neige -"), Kind::Heading);
    }
}
