//! The rules file: its schema, loading, validation, and the bundled rules.
//!
//! A rules file is TOML: a `[model]` table (base log-odds and label
//! thresholds), tables that hold the language knowledge of the other stages
//! (`[segment]`, `[kinds]`, `[attribution]`, `[figures]`), and an array of
//! `[[rule]]` tables, each with an id, a category, a weight, cues and/or
//! regex patterns, exceptions, a description and examples.

use crate::load::Lang;
use serde::Deserialize;
use serde_spanned::Spanned;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

/// The bundled French rules (`rules/fr.toml`).
pub const BUNDLED_FR: &str = include_str!("../rules/fr.toml");
/// The bundled English rules (`rules/en.toml`).
pub const BUNDLED_EN: &str = include_str!("../rules/en.toml");

/// What a rule marks, and so how its matches are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Lowers certainty: modal verbs, adverbs, impersonal constructions.
    Hedge,
    /// Raises certainty: "sans aucun doute", "confirmé".
    Booster,
    /// The conditional mood (journalistic or hypothetical).
    Conditional,
    /// Credits a source: "selon X", "X a déclaré que".
    Attribution,
    /// Marks a source as vague: "des experts", "des responsables".
    VagueSource,
    /// Negates the main statement: the unit's polarity becomes `denied`.
    Negation,
    /// Marks a question.
    Question,
    /// The outlet speaking about the article: opinion disclaimers, correction prompts.
    Disclaimer,
    /// Page furniture: share and comment prompts, appeals, sidebars.
    Boilerplate,
}

impl Category {
    /// Name as written in the rules file.
    pub fn name(self) -> &'static str {
        match self {
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Conditional => "conditional",
            Category::Attribution => "attribution",
            Category::VagueSource => "vague_source",
            Category::Negation => "negation",
            Category::Question => "question",
            Category::Disclaimer => "disclaimer",
            Category::Boilerplate => "boilerplate",
        }
    }
}

/// An error in a rules file, located by file, line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesError {
    /// File name as given (or `<bundled fr>`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for RulesError {}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut off = offset;
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line starts of a text, to turn many byte offsets into lines and columns
/// without rescanning the text for each.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// As [`line_col`].
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut off = offset.min(self.text.len());
        while !self.text.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts[line - 1];
        (line, self.text[start..off].chars().count() + 1)
    }
}

/// The certainty model: base log-odds and label thresholds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Log-odds of a bare, unhedged statement.
    pub base: f64,
    /// Lowest certainty of each label; below `possible` is `unconfirmed`.
    pub labels: Thresholds,
}

/// Lowest certainty of each label.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Certainty at or above which a claim is `certain`.
    pub certain: f64,
    /// Certainty at or above which a claim is `probable`.
    pub probable: f64,
    /// Certainty at or above which a claim is `possible`; below is `unconfirmed`.
    pub possible: f64,
}

/// Language knowledge of the sentence splitter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentConfig {
    /// Words written with a final dot that does not end a sentence ("M", "Mme", "Dr").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Words that start a new sentence even after an abbreviation with
    /// inner dots ("U.S. The move ...").
    #[serde(default)]
    pub sentence_starters: Vec<String>,
    /// Longest unit in bytes: a longer stretch without a sentence end (a
    /// transcript, a table on one line) is cut on a word boundary, so that
    /// the work on one unit stays bounded whatever the input.
    #[serde(default = "default_max_unit_bytes")]
    pub max_unit_bytes: usize,
}

/// Default of `[segment] max_unit_bytes`: about twice the longest sentences
/// of news articles (rarely over 1 000 bytes).
pub const DEFAULT_MAX_UNIT_BYTES: usize = 2000;

/// Smallest accepted `[segment] max_unit_bytes`.
pub const MIN_MAX_UNIT_BYTES: usize = 200;

fn default_max_unit_bytes() -> usize {
    DEFAULT_MAX_UNIT_BYTES
}

impl Default for SegmentConfig {
    fn default() -> SegmentConfig {
        SegmentConfig {
            abbreviations: Vec::new(),
            sentence_starters: Vec::new(),
            max_unit_bytes: DEFAULT_MAX_UNIT_BYTES,
        }
    }
}

/// Language knowledge used to tell headings from claims.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindsConfig {
    /// Regexes that find a finite verb; a line without final punctuation and
    /// without a finite verb or a cue is a heading.
    #[serde(default)]
    pub finite_verb: Vec<Spanned<String>>,
    /// Regexes that cancel a match of `finite_verb` they overlap: function
    /// words with a verb's ending ("entre", "contre"), a superlative or a
    /// time after an adjective ("la plus", "la veille").
    #[serde(default)]
    pub finite_verb_exceptions: Vec<Spanned<String>>,
    /// A line longer than this many words is never a heading.
    #[serde(default = "default_heading_words")]
    pub heading_max_words: usize,
    /// Ids of rules whose unit makes the following lines without final
    /// punctuation boilerplate too (sidebar headlines under a timestamp).
    #[serde(default)]
    pub sidebar_after: Vec<String>,
    /// Ids of rules that mark a label of links to other articles ("Related",
    /// "À lire aussi"): the run of lines without final punctuation after it,
    /// at most `list_max_lines`, are those links' headlines (boilerplate).
    #[serde(default)]
    pub list_after: Vec<String>,
    /// See `list_after`.
    #[serde(default = "default_list_max_lines")]
    pub list_max_lines: usize,
    /// Ids of rules that mark a picture credit: the line just before such a
    /// unit, with no blank line between them, is the picture's caption.
    #[serde(default)]
    pub caption_before: Vec<String>,
    /// Regexes for a date that makes a line without a verb a picture caption
    /// ("The mayor in the town hall, March 3, 2021"), not a heading.
    #[serde(default)]
    pub caption_date: Vec<Spanned<String>>,
    /// Regexes for a full date with its year ("on March 3, 2021", "le 3
    /// mars 2021"): a line that gives one, glued (no blank line between) to
    /// a furniture line such as a byline or a credit, is a picture caption.
    #[serde(default)]
    pub caption_full_date: Vec<Spanned<String>>,
    /// Lines of at most this many words, without a verb, above the page
    /// title are section labels or the outlet's name (boilerplate).
    #[serde(default = "default_kicker_words")]
    pub kicker_max_words: usize,
    /// Regexes for a line that is a clause standing for a topic ("What we
    /// know", "Ce qu'il faut savoir"): its verb does not make it a claim.
    #[serde(default)]
    pub topic_clause: Vec<Spanned<String>>,
}

fn default_kicker_words() -> usize {
    3
}

fn default_heading_words() -> usize {
    20
}

fn default_list_max_lines() -> usize {
    12
}

/// Language knowledge used to resolve credited sources.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionConfig {
    /// Pronouns that stand for the last named source ("il", "elle").
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Pronouns that stand for the person named last before them, credited
    /// or not ("celui-ci", "ce dernier", "the latter").
    #[serde(default)]
    pub latter: Vec<String>,
    /// A preposition fused with a definite article, and that article ("du"
    /// = "le"): "les propos du préfet" mentions "le préfet".
    #[serde(default)]
    pub contracted_articles: BTreeMap<String, String>,
    /// Abbreviations of titles and the noun each stands for ("Gov." =
    /// "governor"): "the governor" is the person the text calls "Gov. X".
    #[serde(default)]
    pub title_abbreviations: BTreeMap<String, String>,
    /// Singular definite articles: article + common noun ("l'expert") stands
    /// for the last named source.
    #[serde(default)]
    pub definite_articles: Vec<String>,
    /// Regexes for parts of a captured source that are not the source (dates,
    /// connectors): "Le 8 octobre, Kim a déclaré" credits Kim.
    #[serde(default)]
    pub drop_parts: Vec<Spanned<String>>,
    /// Regexes for the tail of a source part that is not the source: from
    /// where one matches after the part's first word, the part is cut ("l'expert
    /// contacté par Le Monde" credits the expert).
    #[serde(default)]
    pub cut_tails: Vec<Spanned<String>>,
    /// Regexes for the start of a source that names a finding or a document
    /// of the source, through the preposition before it ("a preliminary
    /// review by", "les chiffres de"): the source is what follows ("the
    /// agency", "la préfecture"; "les chiffres du ministère" gives "le
    /// ministère" through `contracted_articles`).
    #[serde(default)]
    pub document_heads: Vec<Spanned<String>>,
    /// Regexes for a whole source that is a possessive and what its owner
    /// said or wrote ("her statement", "ses déclarations"): the source is
    /// the owner, resolved as a pronoun.
    #[serde(default)]
    pub possessive_documents: Vec<Spanned<String>>,
    /// Regexes for a unit start that continues the previous unit's source
    /// within a paragraph ("Ils ...", "Bien qu'ils ...").
    #[serde(default)]
    pub continuation: Vec<Spanned<String>>,
    /// Words that are capitalised but are not names (sentence-initial articles).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words dropped from the start of a captured source ("et", "mais").
    #[serde(default)]
    pub strip_leading: Vec<String>,
    /// Nouns for people that, after a definite article, point back to the
    /// last named person ("l'expert", "le ministre").
    #[serde(default)]
    pub anaphor_nouns: Vec<String>,
    /// Nouns for organisations that, after a definite article, point back
    /// to the organisation credited last ("l'entreprise", "the company",
    /// "le géant américain").
    #[serde(default)]
    pub organisation_anaphors: Vec<String>,
    /// Small words an acronym skips inside the name it stands for ("of",
    /// "and", "pour", "les": "International Organization for Migration
    /// (IOM)").
    #[serde(default)]
    pub acronym_connectors: Vec<String>,
    /// Words before a capitalised name that make it a place or an
    /// organisation rather than a person ("la Corée du Nord", "au Japon").
    #[serde(default)]
    pub place_articles: Vec<String>,
    /// Indefinite articles: "une ex-professeure du lycée" resolves to the
    /// name the text gives for that title, if any.
    #[serde(default)]
    pub indefinite_articles: Vec<String>,
    /// The words before an infinitive of narration that continues the
    /// speaker before ("d'" in "Et d'ajouter que ..."), after a conjunction
    /// of `strip_leading`.
    #[serde(default)]
    pub narration_markers: Vec<String>,
    /// First-person subjects ("je", "nous", "I", "we"): a paragraph that
    /// opens with one, unquoted, and then names a speaker, is that speaker's.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Words of a speaker's own voice anywhere in a line ("je", "j'", "on",
    /// "mes", "I", "our"): a line of a video transcript that holds one is
    /// the words of a person filmed, not of the narrator.
    #[serde(default)]
    pub speaker_words: Vec<String>,
    /// Words that open a transcript line going on with the speaker before
    /// ("et", "mais", "oui", "and", "so").
    #[serde(default)]
    pub turn_openers: Vec<String>,
    /// The source of a transcript speaker the text does not name ("un
    /// intervenant", "a speaker"); empty to credit nobody.
    #[serde(default)]
    pub transcript_speaker: String,
    /// Words of organisations and places ("Centre", "Societies", "Ministry"):
    /// a capitalised run holding one is not a person's name.
    #[serde(default)]
    pub organisation_words: Vec<String>,
    /// Abbreviated titles before a person's name ("M", "Mme", "Dr", "Mr").
    #[serde(default)]
    pub person_titles: Vec<String>,
    /// Reporting verbs (infinitives) that credit their subject whatever
    /// follows ("déclarer", "announce"); `s'`/`se` before a French infinitive
    /// marks a reflexive verb ("s'insurger").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Reporting verbs that credit their subject only before a clause, a
    /// colon or a quotation, or as a speech tag after the words ("dire",
    /// "noter", "find"): elsewhere they mean something else.
    #[serde(default)]
    pub clause_verbs: Vec<String>,
    /// Verbs that credit only as speech tags after the words, with the
    /// subject inverted ("poursuit le ministre", "tranche-t-il").
    #[serde(default)]
    pub tag_verbs: Vec<String>,
    /// Regular conjugation: the ending of an infinitive (longest first) and
    /// the endings that replace it in finite forms, past participles and
    /// present participles.
    #[serde(default)]
    pub conjugation: BTreeMap<String, VerbEndings>,
    /// Reporting verbs whose following noun is the person addressed, never
    /// an inverted subject ("..., told the newspaper").
    #[serde(default)]
    pub addressee_verbs: Vec<String>,
    /// Prepositions that introduce the person addressed after a verb ("a
    /// écrit au ministre", "wrote to"): the verb does not report a statement.
    #[serde(default)]
    pub addressee_prepositions: Vec<String>,
    /// Prepositions of the agent of a passive reporting verb ("par", "by"):
    /// "accusés par les riverains" credits the riverains.
    #[serde(default)]
    pub agent_prepositions: Vec<String>,
    /// Verbs whose forms are listed rather than derived.
    #[serde(default)]
    pub irregular: Vec<IrregularVerb>,
    /// Auxiliaries before a past participle ("a", "ont", "has").
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Auxiliaries of the passive ("est", "was"): "was told" credits nobody.
    #[serde(default)]
    pub passive_auxiliaries: Vec<String>,
    /// Words and phrases that may stand between a subject, its auxiliary and
    /// the verb, or between the verb and an inverted subject (adverbs, days).
    #[serde(default)]
    pub skip_words: Vec<String>,
    /// Endings of adverbs that may be skipped likewise ("-ment", "-ly").
    #[serde(default)]
    pub adverb_suffixes: Vec<String>,
    /// Prepositions whose phrase may stand between a verb and its inverted
    /// subject ("a raconté à l'AFP X"); the preposition, an article and one
    /// word are skipped.
    #[serde(default)]
    pub skip_prepositions: Vec<String>,
    /// Words that may open a subject besides capitalised words ("le", "the").
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Words that end an inverted subject ("sur", "lors", "at", "who").
    #[serde(default)]
    pub subject_stops: Vec<String>,
    /// Words after which a clause-verb credits its subject ("que", "that").
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Words after a clause verb that open its complement, but not a clause
    /// boundary before a subject ("avoir" in "affirme avoir signalé", "to").
    #[serde(default)]
    pub clause_infinitives: Vec<String>,
    /// After a clause verb, a short noun phrase and then one of these
    /// credits the subject: "X estimates the loss to be", "expects the toll
    /// to rise".
    #[serde(default)]
    pub object_infinitives: Vec<String>,
    /// Reporting verbs that credit only before a clause, a colon or a
    /// quotation, or as a speech tag, never before an object ("prévoir":
    /// "prévoit que" predicts, "prévoit de supprimer" plans).
    #[serde(default)]
    pub clause_only_verbs: Vec<String>,
    /// Reporting verbs that credit only before an object and a quotation:
    /// "X called the ruling “absurd”", not "X called the police".
    #[serde(default)]
    pub quote_object_verbs: Vec<String>,
    /// Verbs of commitment: before an infinitive (after one of
    /// `infinitive_markers`) they credit a speaker subject, "X vowed to
    /// appeal", "X s'engage à suivre le dossier". They must also be in one
    /// of the verb lists.
    #[serde(default)]
    pub commitment_verbs: Vec<String>,
    /// Verbs that before an infinitive state an act, not speech: "X has
    /// agreed to pay" credits nobody, even in a compound tense. They must
    /// also be in one of the verb lists.
    #[serde(default)]
    pub action_verbs: Vec<String>,
    /// The words that mark an infinitive after a verb ("to"; "à", "de").
    #[serde(default)]
    pub infinitive_markers: Vec<String>,
    /// Words that, with "de", make the recent past of the infinitive
    /// after them: "X vient d'annoncer" credits X.
    #[serde(default)]
    pub recent_past: Vec<String>,
    /// Verb forms (one or two words, the second a preposition) before the
    /// infinitive of a reporting verb that credit their subject with it:
    /// "X a tenu à préciser que", "X a voulu rappeler que".
    #[serde(default)]
    pub infinitive_governors: Vec<String>,
    /// Verb forms by which a news outlet relays what someone said: a
    /// closing tag with one of them ("..., Choi said on Monday, the agency
    /// reported") yields to the speaker credited before it in the unit.
    #[serde(default)]
    pub relay_words: Vec<String>,
    /// Prepositions inside the noun phrase between a clause verb and the
    /// finite verb of a clause without "that": "estimated total losses from
    /// the storm could reach".
    #[serde(default)]
    pub object_prepositions: Vec<String>,
    /// Object pronouns that may stand between a subject and its verb ("X lui
    /// a dit"), or before a present participle ("le qualifiant de").
    #[serde(default)]
    pub object_pronouns: Vec<String>,
    /// Words that, right before the verb (or its auxiliary), mean its
    /// subject is not credited here: relative pronouns, negation, modals,
    /// "to", a conjunction joining two verbs ("qui", "not", "and").
    #[serde(default)]
    pub not_before_verb: Vec<String>,
    /// Words that, right before a subject, make its clause subordinate, so
    /// that nobody is credited for the sentence ("si", "after", "when").
    #[serde(default)]
    pub not_before_subject: Vec<String>,
    /// Nouns of institutions and groups that may follow a speech tag as its
    /// inverted subject ("..., a annoncé la préfecture"), besides the
    /// `anaphor_nouns`; another common noun there is an object.
    #[serde(default)]
    pub speaker_nouns: Vec<String>,
    /// Finite verbs that are not reporting verbs: a subject that contains one
    /// is a clause, not a name ("est", "was").
    #[serde(default)]
    pub clause_markers: Vec<String>,
    /// Words that are never a source: the first and second person, demonstratives ("cela", "this").
    #[serde(default)]
    pub not_sources: Vec<String>,
    /// Relative pronouns of a subject: "X, qui a déclaré que ...", "X, who
    /// said that ..." credit X when a clause, a colon or a quotation follows
    /// the verb.
    #[serde(default)]
    pub relative_pronouns: Vec<String>,
    /// Conjunctions that join a second verb to the subject of the first:
    /// "X est arrivé lundi et a déclaré que ..." credits X.
    #[serde(default)]
    pub coordinators: Vec<String>,
    /// Regexes over a cleaned source whose `source` group is the one
    /// credited: "les chiffres de la préfecture" is "la préfecture", "the
    /// county's figures" is "the county". The group must name someone (a
    /// capitalised word or a speaker noun).
    #[serde(default)]
    pub credit_of: Vec<Spanned<String>>,
    /// Words that open a complement clause ("que", "that"): a noun phrase
    /// right before one is the verb's addressee, not its inverted subject
    /// ("explique au Parisien que ...").
    #[serde(default)]
    pub complementizers: Vec<String>,
    /// Phrases after which a verb takes its subject after it: "c'est ce que
    /// promettent les assureurs", "tel que l'a annoncé le maire".
    #[serde(default)]
    pub inversion_after: Vec<String>,
    /// Articles and possessives: a verb form right after one is a noun
    /// ("the claims", "his remarks", "la note", "ses propos"); so is one
    /// after a possessive "'s" ("the mayor's remarks").
    #[serde(default)]
    pub noun_markers: Vec<String>,
    /// Endings of a gerund ("-ing"): a subject that opens with one before
    /// a lowercase word is a participial phrase ("Reacting to the ruling,
    /// X said"), not the speaker.
    #[serde(default)]
    pub gerund_endings: Vec<String>,
    /// Verb forms that also modify a noun ("state court", "state law"):
    /// right before a word that is no determiner, pronoun, preposition,
    /// clause opener or adverb, they are the modifier, not the verb.
    #[serde(default)]
    pub modifier_forms: Vec<String>,
}

/// The endings of one class of regular verbs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEndings {
    /// Endings of finite forms (third person: "-e", "-ent", "-ait").
    #[serde(default)]
    pub finite: Vec<String>,
    /// Endings of past participles ("-é", "-ée").
    #[serde(default)]
    pub participle: Vec<String>,
    /// Endings of present participles ("-ant", "-ing").
    #[serde(default)]
    pub gerund: Vec<String>,
}

/// One verb's listed forms.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrregularVerb {
    /// The infinitive, as given in `verbs`, `clause_verbs` or `tag_verbs`.
    pub lemma: String,
    /// Finite forms.
    #[serde(default)]
    pub finite: Vec<String>,
    /// Past participles.
    #[serde(default)]
    pub participle: Vec<String>,
    /// Present participles.
    #[serde(default)]
    pub gerund: Vec<String>,
}

/// Language knowledge of figure extraction.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureConfig {
    /// Decimal separator: "," in French, "." in English.
    #[serde(default = "default_decimal")]
    pub decimal_separator: String,
    /// Number words and their values ("six" = 6).
    #[serde(default)]
    pub number_words: BTreeMap<String, f64>,
    /// Scale words after a number ("million" = 1e6).
    #[serde(default)]
    pub multipliers: BTreeMap<String, f64>,
    /// Vague amounts and their lower bound ("des milliers" = 1000).
    #[serde(default)]
    pub vague: BTreeMap<String, f64>,
    /// Words between the number and the counted noun that are skipped ("de", "d'", "autres").
    #[serde(default)]
    pub skip_words: Vec<String>,
    /// Words before a number word that make it not a figure ("les deux pays").
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Words that cannot be a counted noun (months, prepositions): the number is not a figure.
    #[serde(default)]
    pub not_units: Vec<String>,
    /// Plural to singular suffix rewrites, tried in order: [["aux", "al"], ["s", ""]].
    #[serde(default)]
    pub singular: Vec<(String, String)>,
    /// Letters glued to a number that make it an ordinal ("72e", "3rd"): not a figure.
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
    /// Symbols that are a counted unit on their own ("%", "€").
    #[serde(default)]
    pub symbol_units: Vec<String>,
    /// Words before a number that make it a date ("Oct. 8").
    #[serde(default)]
    pub date_words: Vec<String>,
    /// Unit abbreviations written glued to their number ("8m", "22km",
    /// "11Go"): read as the number and the unit apart.
    #[serde(default)]
    pub glued_units: Vec<String>,
    /// Words that give a figure's time frame ("déjà" = "already").
    #[serde(default)]
    pub time_frames: BTreeMap<String, String>,
    /// Nouns after which a number is not a figure: durations, ages, rates,
    /// the points of an enumeration ("trois ans", "deux raisons").
    #[serde(default)]
    pub not_counted: Vec<String>,
    /// Number words that count only when a noun of a known kind follows ("one arrest").
    #[serde(default)]
    pub weak_number_words: BTreeMap<String, f64>,
    /// Vague amounts that never take the word after them as their noun
    /// ("hundreds", "en dizaines"): they count a noun of the sentence only.
    #[serde(default)]
    pub vague_bare: BTreeMap<String, f64>,
    /// Scale letters glued to an amount of money only ("$5m", "£20k").
    #[serde(default)]
    pub money_multipliers: BTreeMap<String, f64>,
    /// Amounts written as phrases ("un million", "half a million").
    #[serde(default)]
    pub number_phrases: BTreeMap<String, f64>,
    /// Words of which one must come between a vague amount and its noun ("des milliers de").
    #[serde(default)]
    pub vague_link: Vec<String>,
    /// Words and symbols that join the amounts of a range or a list ("3 à 5", "40, 75 et 120").
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Words after which a number without a noun counts the noun of the figure before it ("dont 9").
    #[serde(default)]
    pub inherit_after: Vec<String>,
    /// Words written for a unit symbol ("per cent" = "%").
    #[serde(default)]
    pub unit_words: BTreeMap<String, String>,
    /// The counted noun comes last in a run of nouns ("3 burglary arrests"): a singular
    /// noun followed by a plural one gives way to it.
    #[serde(default)]
    pub head_last: bool,
    /// Kinds of counted things: kind key -> words (nouns, participles, symbols).
    /// The keys are shared by the languages' rules files, so that figures of
    /// one quantity meet across languages.
    #[serde(default)]
    pub kinds: BTreeMap<String, Vec<String>>,
    /// Kind -> the kinds of words near it that say what happened to it
    /// ("50 personnes évacuées", "12 000 bâtiments détruits").
    #[serde(default)]
    pub refine: BTreeMap<String, Vec<String>>,
    /// Kinds that take the kind of the word that refines them rather than
    /// keeping their own ("11 personnes tuées" is of kind `dead`, like "11 morts").
    #[serde(default)]
    pub generic_kinds: Vec<String>,
    /// Kinds whose figure is a share of something: the noun after it tells what.
    #[serde(default)]
    pub share_kinds: Vec<String>,
    /// Kinds that only a number written with decimals takes: "a 6.4
    /// earthquake" is a magnitude, "two earthquakes" a count of earthquakes.
    #[serde(default)]
    pub decimal_kinds: Vec<String>,
    /// Words after a figure that make it an amount per person or per thing ("each").
    #[serde(default)]
    pub per_unit: Vec<String>,
    /// Words between an amount and its noun, or right after them, that make
    /// it an increment: a count added to an earlier one, not the total
    /// ("trois autres corps", "40 nouvelles plaintes", "two more bodies").
    /// After a count of its kind in the document or its sentence, a precise
    /// increment is a figure topic of its own (`dead.more`).
    #[serde(default)]
    pub increment: Vec<String>,
    /// Words right after a number that make it a part of the figure before it
    /// ("300 d'entre eux", "400 of them").
    #[serde(default)]
    pub partitive: Vec<String>,
    /// Words that end the words read around a figure for its kind ("et", "mais"):
    /// in "killed 20 people and injured 50", "injured" is of the next figure.
    #[serde(default)]
    pub clause_words: Vec<String>,
    /// Units of measure and their size in their kind's base unit ("acre" = 0.4047
    /// hectares), so that figures of one kind in different units compare.
    #[serde(default)]
    pub measures: BTreeMap<String, f64>,
    /// Prepositions before a place or a site that a count is of ("in", "à").
    #[serde(default)]
    pub locatives: Vec<String>,
    /// Relative words whose antecedent is a place the count is of ("where", "où").
    #[serde(default)]
    pub place_relatives: Vec<String>,
    /// Relative pronouns whose antecedent, when an event, is what a count is of
    /// ("the 1962 flood that drowned hundreds").
    #[serde(default)]
    pub relatives: Vec<String>,
    /// Articles and determiners between a preposition and a place ("the", "la").
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Words inside a name ("of" in "State of Sonora", "de").
    #[serde(default)]
    pub name_links: Vec<String>,
    /// Common nouns that head a place name and say nothing of which place
    /// ("state" of "Sonora state", "île" of "l'île de X").
    #[serde(default)]
    pub place_nouns: Vec<String>,
    /// Common nouns of one site that a count may be of ("school", "hôpital").
    #[serde(default)]
    pub sites: Vec<String>,
    /// Nouns of events that a name or a year sets apart ("fire", "séisme").
    #[serde(default)]
    pub events: Vec<String>,
    /// Words before a year that make it no date of a count: a span ("between
    /// 1970 and 1990"), a birth ("born in 1955").
    #[serde(default)]
    pub year_blockers: Vec<String>,
}

/// Credibility profile settings: the composite's weights and the rules
/// whose units count as opinion disclaimers and as solicitations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredibilityConfig {
    /// Log-odds of the composite before the indicators.
    #[serde(default)]
    pub bias: f64,
    /// Weight of each indicator's rate (names: see `credence::credibility::INDICATORS`).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Ids of rules whose units are opinion disclaimers.
    #[serde(default)]
    pub opinion_rules: Vec<String>,
    /// Ids of rules whose units solicit the reader (donations, subscriptions, comments).
    #[serde(default)]
    pub solicitation_rules: Vec<String>,
}

/// Cross-document alignment settings: how claims are compared and clustered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignConfig {
    /// Words ignored when comparing claims.
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Two groups of claims merge when the mean IDF-weighted cosine
    /// similarity of their pairs of claims reaches this.
    #[serde(default = "default_link")]
    pub link_threshold: f64,
    /// Weight multiplier of capitalised words (names, places).
    #[serde(default = "default_name_weight")]
    pub name_weight: f64,
    /// Weight multiplier of figures and years (the same number in two
    /// claims; "entre 1957 et 2004").
    #[serde(default = "default_number_weight")]
    pub number_weight: f64,
    /// Weight multiplier of concept groups (see `[concepts]`).
    #[serde(default = "default_concept_weight")]
    pub concept_weight: f64,
    /// Weight multiplier of pairs of concepts in one claim (they stand for
    /// the proposition: "troops" + "deployment").
    #[serde(default = "default_pair_weight")]
    pub concept_pair_weight: f64,
    /// Features shared by more claims than this do not propose candidate
    /// pairs (they still count in the similarity): keeps alignment linear.
    #[serde(default = "default_postings")]
    pub max_postings: usize,
    /// Two figures of one topic conflict when the larger exceeds the smaller
    /// by more than this ratio.
    #[serde(default = "default_conflict_ratio")]
    pub conflict_ratio: f64,
    /// Figures of one counted concept are split into separate topics where
    /// consecutive values differ by more than this ratio.
    #[serde(default = "default_split_ratio")]
    pub topic_split_ratio: f64,
    /// The split ratio of some counted kinds, by kind (the rest take
    /// `topic_split_ratio`): the amounts of money one story gives are
    /// often different quantities of one order of magnitude.
    #[serde(default)]
    pub topic_split_ratios: BTreeMap<String, f64>,
    /// A figure of a place, a site or a named event (its scope) joins the
    /// figures of its kind without one when its place is named by at least
    /// this share of the documents (the story's own place) and its value is
    /// within `topic_scope_ratio` of one of theirs; else the figures of that
    /// scope are a topic of their own ("12 drowned in the port city" is no
    /// national toll).
    #[serde(default = "default_scope_share")]
    pub topic_scope_share: f64,
    /// See `topic_scope_share`.
    #[serde(default = "default_scope_ratio")]
    pub topic_scope_ratio: f64,
    /// A figure of a scope few documents name still joins the figures of its
    /// kind without one when another document gives a value within this
    /// ratio of its own (the same quantity, once named by its place).
    #[serde(default = "default_scope_same")]
    pub topic_scope_same: f64,
    /// Consecutive claims of one document that credit the same named source
    /// in their own words or as a quotation (one speaker's statement split
    /// over several sentences) are compared and clustered as one node.
    #[serde(default = "default_true")]
    pub merge_same_source: bool,
    /// Weight multiplier of the figure topic a claim gives a figure of (two
    /// claims counting the same quantity).
    #[serde(default = "default_topic_weight")]
    pub figure_topic_weight: f64,
    /// Weight multiplier of a figure topic together with the sentence's time
    /// frame ("already", "soon"): counts of the same moment.
    #[serde(default = "default_frame_weight")]
    pub time_frame_weight: f64,
    /// Weight multiplier of words inside the matches of attribution,
    /// vague-source, hedge, conditional and booster rules ("selon X", "a
    /// déclaré", "probablement"): who says it and how firmly is not what is
    /// said (0, the default, drops them).
    #[serde(default)]
    pub frame_word_weight: f64,
    /// A cluster whose mean similarity between members of different
    /// documents (its cohesion) is below this is marked weak: its members
    /// share little, and it may join statements of different facts.
    #[serde(default = "default_weak_link")]
    pub weak_link: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            stop_words: Vec::new(),
            link_threshold: default_link(),
            name_weight: default_name_weight(),
            number_weight: default_number_weight(),
            concept_weight: default_concept_weight(),
            concept_pair_weight: default_pair_weight(),
            max_postings: default_postings(),
            conflict_ratio: default_conflict_ratio(),
            topic_split_ratio: default_split_ratio(),
            topic_split_ratios: BTreeMap::new(),
            topic_scope_share: default_scope_share(),
            topic_scope_ratio: default_scope_ratio(),
            topic_scope_same: default_scope_same(),
            merge_same_source: default_true(),
            figure_topic_weight: default_topic_weight(),
            time_frame_weight: default_frame_weight(),
            frame_word_weight: 0.0,
            weak_link: default_weak_link(),
        }
    }
}

fn default_weak_link() -> f64 {
    0.25
}

fn default_link() -> f64 {
    0.3
}
fn default_name_weight() -> f64 {
    1.0
}
fn default_number_weight() -> f64 {
    2.0
}
fn default_concept_weight() -> f64 {
    1.5
}
fn default_pair_weight() -> f64 {
    0.4
}
fn default_postings() -> usize {
    500
}
fn default_conflict_ratio() -> f64 {
    1.25
}
fn default_split_ratio() -> f64 {
    20.0
}
fn default_scope_share() -> f64 {
    0.5
}
fn default_scope_ratio() -> f64 {
    2.0
}
fn default_scope_same() -> f64 {
    1.1
}
fn default_true() -> bool {
    true
}
fn default_topic_weight() -> f64 {
    1.0
}
fn default_frame_weight() -> f64 {
    1.0
}

fn default_decimal() -> String {
    ".".into()
}

/// Examples that a rule must and must not match (tested by `rules test`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Sentences on which the rule must fire.
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
    /// Sentences on which the rule must not fire.
    #[serde(default)]
    pub no_match: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    category: Spanned<Category>,
    #[serde(default)]
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    cues: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    exception_patterns: Vec<Spanned<String>>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    examples: Examples,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    borrowed: bool,
    #[serde(default)]
    frame: bool,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    speech: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    language: Spanned<String>,
    #[serde(default)]
    description: String,
    model: Model,
    #[serde(default)]
    segment: SegmentConfig,
    #[serde(default)]
    kinds: KindsConfig,
    #[serde(default)]
    attribution: AttributionConfig,
    #[serde(default)]
    figures: FigureConfig,
    #[serde(default)]
    align: AlignConfig,
    #[serde(default)]
    concepts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    credibility: CredibilityConfig,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

/// A phrase or pattern with the place in the rules file where it is written.
#[derive(Debug, Clone)]
pub struct Located {
    /// The text as written.
    pub text: String,
    /// 1-based line in the rules file.
    pub line: usize,
    /// 1-based column in the rules file.
    pub column: usize,
}

/// One rule, validated.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, e.g. `fr.hedge.pouvoir`.
    pub id: String,
    /// What the rule marks.
    pub category: Category,
    /// Log-odds added to the certainty score when the rule fires in a unit.
    pub weight: f64,
    /// Phrases matched case- and accent-insensitively on word boundaries.
    pub cues: Vec<Located>,
    /// Regexes matched case-insensitively (unless `case_sensitive`).
    pub patterns: Vec<Located>,
    /// Phrases that cancel a match they overlap.
    pub exceptions: Vec<Located>,
    /// Regexes that cancel a match they overlap.
    pub exception_patterns: Vec<Located>,
    /// What the rule is for.
    pub description: String,
    /// Examples tested by `rules test`.
    pub examples: Examples,
    /// Patterns are matched with case.
    pub case_sensitive: bool,
    /// Marks borrowed information (the journalistic conditional): a unit
    /// without a source of its own is credited to its paragraph's source.
    pub borrowed: bool,
    /// The source it names governs the following units of the paragraph.
    pub frame: bool,
    /// When several attribution rules fire in a unit, the highest priority
    /// credits the source (then the first in the text).
    pub priority: i32,
    /// An attribution rule whose hits the engine finds from the reporting
    /// verbs of the `[attribution]` table (subject before the verb, or
    /// inverted after it) rather than from cues or patterns.
    pub speech: bool,
    /// 1-based line of the rule's id in the rules file.
    pub line: usize,
    /// 1-based column of the rule's id value.
    pub column: usize,
    /// 1-based line and column of the `weight` value (None when it is left out, weight 0).
    pub weight_at: Option<(usize, usize)>,
}

/// A parsed and validated rules file.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Where the rules come from (a path or `<bundled fr>`).
    pub name: String,
    /// Language the rules are for.
    pub lang: Lang,
    /// Free text from the file.
    pub description: String,
    /// The certainty model.
    pub model: Model,
    /// Sentence splitting knowledge.
    pub segment: SegmentConfig,
    /// Heading/claim knowledge.
    pub kinds: KindsConfig,
    /// Source resolution knowledge.
    pub attribution: AttributionConfig,
    /// Figure extraction knowledge.
    pub figures: FigureConfig,
    /// Cross-document alignment settings.
    pub align: AlignConfig,
    /// Concept groups: words that name the same thing ("soldats", "troupes").
    pub concepts: BTreeMap<String, Vec<String>>,
    /// Credibility profile settings.
    pub credibility: CredibilityConfig,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// The file's text (for locating spans).
    pub source_text: String,
}

impl RuleSet {
    /// The bundled rules for a language.
    pub fn bundled(lang: Lang) -> RuleSet {
        let (text, name) = match lang {
            Lang::Fr => (BUNDLED_FR, "<bundled fr>"),
            Lang::En => (BUNDLED_EN, "<bundled en>"),
        };
        // The bundled files are checked by the test suite; a failure here is a build defect.
        RuleSet::parse(text, name).unwrap_or_else(|e| panic!("bundled rules are invalid: {e}"))
    }

    /// Read and validate a rules file.
    pub fn from_file(path: &Path) -> Result<RuleSet, RulesError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RulesError {
            file: name.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the rules file: {e}"),
        })?;
        RuleSet::parse(&text, &name)
    }

    /// Parse and validate rules from text; `name` is used in messages. The
    /// error is the first of [`RuleSet::validate`]'s.
    pub fn parse(text: &str, name: &str) -> Result<RuleSet, RulesError> {
        RuleSet::validate(text, name).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Parse and validate rules from text, collecting every error (never an
    /// empty list) in the order found: a TOML or schema error stops there,
    /// every other check runs on the whole file.
    pub fn validate(text: &str, name: &str) -> Result<RuleSet, Vec<RulesError>> {
        let lines = LineIndex::new(text);
        let line_col = |_: &str, offset: usize| lines.line_col(offset);
        let err_at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            RulesError {
                file: name.to_string(),
                line,
                column,
                message,
            }
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            vec![err_at(offset, e.message().trim().to_string())]
        })?;
        let mut errors = Vec::new();
        let lang = Lang::parse(raw.language.get_ref());
        if lang.is_none() {
            errors.push(err_at(
                raw.language.span().start,
                format!(
                    "unknown language `{}`; use \"fr\" or \"en\"",
                    raw.language.get_ref()
                ),
            ));
        }
        let th = &raw.model.labels;
        if !(0.0 < th.possible
            && th.possible < th.probable
            && th.probable < th.certain
            && th.certain < 1.0)
        {
            errors.push(err_at(
                text.find("[model").unwrap_or(0),
                "label thresholds must satisfy 0 < possible < probable < certain < 1".into(),
            ));
        }
        if !raw.model.base.is_finite() {
            errors.push(err_at(
                text.find("base").unwrap_or(0),
                "model base must be a finite number".into(),
            ));
        }
        let a = &raw.align;
        if !(0.0..=1.0).contains(&a.link_threshold)
            || !(0.0..=1.0).contains(&a.weak_link)
            || a.conflict_ratio < 1.0
            || a.topic_split_ratio < 1.0
            || a.topic_split_ratios
                .values()
                .any(|r| r.is_nan() || *r < 1.0)
            || a.topic_scope_ratio < 1.0
            || a.topic_scope_same < 1.0
            || !(0.0..=1.0).contains(&a.topic_scope_share)
            || a.max_postings == 0
            || ![
                a.figure_topic_weight,
                a.time_frame_weight,
                a.frame_word_weight,
            ]
            .iter()
            .all(|w| w.is_finite() && *w >= 0.0)
        {
            errors.push(err_at(
                text.find("[align]").unwrap_or(0),
                "[align]: link_threshold and weak_link must be in [0, 1], conflict_ratio, topic_split_ratio (and each of topic_split_ratios), topic_scope_ratio and topic_scope_same at least 1, topic_scope_share in [0, 1], max_postings at least 1, figure_topic_weight, time_frame_weight and frame_word_weight at least 0".into(),
            ));
        }
        let f = &raw.figures;
        let unknown: Vec<&String> = f
            .refine
            .iter()
            .flat_map(|(k, v)| std::iter::once(k).chain(v))
            .chain(&f.generic_kinds)
            .chain(&f.share_kinds)
            .chain(&f.decimal_kinds)
            .filter(|k| !f.kinds.contains_key(*k))
            .collect();
        if let Some(k) = unknown.first() {
            errors.push(err_at(
                text.find("[figures.refine]")
                    .or_else(|| text.find("[figures]"))
                    .unwrap_or(0),
                format!(
                    "[figures]: kind `{k}` of refine, generic_kinds, share_kinds or decimal_kinds is not a key of [figures.kinds]"
                ),
            ));
        }
        if f.measures.values().any(|v| !(v.is_finite() && *v > 0.0)) {
            errors.push(err_at(
                text.find("measures").unwrap_or(0),
                "[figures]: every measure must be a positive number".into(),
            ));
        }
        // An empty word would match everywhere (or nowhere) and resolve
        // sources silently wrong.
        let a = &raw.attribution;
        let empty = |w: &String| w.trim().is_empty();
        for (key, bad) in [
            ("latter", a.latter.iter().any(empty)),
            ("object_infinitives", a.object_infinitives.iter().any(empty)),
            (
                "object_prepositions",
                a.object_prepositions.iter().any(empty),
            ),
            (
                "organisation_anaphors",
                a.organisation_anaphors.iter().any(empty),
            ),
            ("recent_past", a.recent_past.iter().any(empty)),
            (
                "infinitive_governors",
                a.infinitive_governors.iter().any(empty),
            ),
            ("acronym_connectors", a.acronym_connectors.iter().any(empty)),
            ("relay_words", a.relay_words.iter().any(empty)),
            ("clause_only_verbs", a.clause_only_verbs.iter().any(empty)),
            ("quote_object_verbs", a.quote_object_verbs.iter().any(empty)),
            ("commitment_verbs", a.commitment_verbs.iter().any(empty)),
            ("action_verbs", a.action_verbs.iter().any(empty)),
            ("infinitive_markers", a.infinitive_markers.iter().any(empty)),
            (
                "contracted_articles",
                a.contracted_articles
                    .iter()
                    .any(|(k, v)| empty(k) || empty(v)),
            ),
            (
                "title_abbreviations",
                a.title_abbreviations
                    .iter()
                    .any(|(k, v)| empty(k) || empty(v)),
            ),
        ] {
            if bad {
                errors.push(err_at(
                    text.find(key).unwrap_or(0),
                    format!("[attribution] {key}: an empty word resolves nothing; remove it"),
                ));
            }
        }
        // A governor is matched over the one or two words before the
        // infinitive: a longer one would never match.
        if a.infinitive_governors
            .iter()
            .any(|g| g.split_whitespace().count() > 2)
        {
            errors.push(err_at(
                text.find("infinitive_governors").unwrap_or(0),
                "[attribution] infinitive_governors: each entry is one or two words (\"veut\", \"tenu à\"); shorten the longer ones".into(),
            ));
        }
        let locate = |s: &Spanned<String>| {
            let (line, column) = line_col(text, s.span().start);
            Located {
                text: s.get_ref().clone(),
                line,
                column,
            }
        };
        let check_regex = |s: &Spanned<String>, case_sensitive: bool| -> Result<(), RulesError> {
            crate::matcher::check_pattern(s.get_ref(), case_sensitive)
                .map(|_| ())
                .map_err(|e| err_at(s.span().start, format!("invalid regex: {e}")))
        };
        for p in raw
            .kinds
            .finite_verb
            .iter()
            .chain(&raw.kinds.finite_verb_exceptions)
            .chain(&raw.kinds.caption_date)
            .chain(&raw.kinds.caption_full_date)
            .chain(&raw.kinds.topic_clause)
            .chain(&raw.attribution.drop_parts)
            .chain(&raw.attribution.cut_tails)
            .chain(&raw.attribution.document_heads)
            .chain(&raw.attribution.possessive_documents)
            .chain(&raw.attribution.continuation)
            .chain(&raw.attribution.credit_of)
        {
            errors.extend(check_regex(p, false).err());
        }
        let mut seen = HashSet::new();
        let mut rules = Vec::with_capacity(raw.rules.len());
        for r in raw.rules {
            let id = r.id.get_ref().trim().to_string();
            if id.is_empty() || id.chars().any(char::is_whitespace) {
                errors.push(err_at(
                    r.id.span().start,
                    "a rule id must be non-empty and without spaces, e.g. \"fr.hedge.pouvoir\""
                        .into(),
                ));
            } else if !seen.insert(id.clone()) {
                errors.push(err_at(
                    r.id.span().start,
                    format!("duplicate rule id `{id}`; every rule needs its own id"),
                ));
            }
            let weight = r.weight.as_ref().map(|w| *w.get_ref()).unwrap_or(0.0);
            if !weight.is_finite() {
                errors.push(err_at(
                    r.weight
                        .as_ref()
                        .map_or(r.id.span().start, |w| w.span().start),
                    format!("rule `{id}`: weight must be a finite number"),
                ));
            }
            if r.speech && r.category.get_ref() != &Category::Attribution {
                errors.push(err_at(
                    r.id.span().start,
                    format!("rule `{id}`: only an attribution rule can be a `speech` rule"),
                ));
            }
            if r.cues.is_empty() && r.patterns.is_empty() && !r.speech {
                errors.push(err_at(
                    r.id.span().start,
                    format!("rule `{id}` has neither `cues` nor `patterns`; give at least one"),
                ));
            }
            for c in r.cues.iter().chain(&r.exceptions) {
                if crate::fold::fold_phrase(c.get_ref()).is_empty() {
                    errors.push(err_at(
                        c.span().start,
                        format!("rule `{id}`: an empty phrase can never match; remove it"),
                    ));
                }
            }
            for p in r.patterns.iter().chain(&r.exception_patterns) {
                match crate::matcher::check_pattern(p.get_ref(), r.case_sensitive) {
                    Err(e) => errors.push(err_at(p.span().start, format!("invalid regex: {e}"))),
                    Ok(true) => errors.push(err_at(
                        p.span().start,
                        format!("rule `{id}`: this pattern matches the empty string; make it require at least one character"),
                    )),
                    Ok(false) => {}
                }
            }
            if r.category.get_ref() == &Category::Attribution {
                for p in &r.patterns {
                    if !p.get_ref().contains("(?P<source>") && !p.get_ref().contains("(?<source>") {
                        errors.push(err_at(
                            p.span().start,
                            format!("rule `{id}`: an attribution pattern must capture the credited source in a group named `source`, e.g. (?P<source>...)"),
                        ));
                    }
                }
            }
            let (line, column) = line_col(text, r.id.span().start);
            rules.push(Rule {
                id,
                category: *r.category.get_ref(),
                weight,
                cues: r.cues.iter().map(locate).collect(),
                patterns: r.patterns.iter().map(locate).collect(),
                exceptions: r.exceptions.iter().map(locate).collect(),
                exception_patterns: r.exception_patterns.iter().map(locate).collect(),
                description: r.description,
                examples: r.examples,
                case_sensitive: r.case_sensitive,
                borrowed: r.borrowed,
                frame: r.frame,
                priority: r.priority,
                speech: r.speech,
                line,
                column,
                weight_at: r.weight.map(|w| line_col(text, w.span().start)),
            });
        }
        let cred = &raw.credibility;
        let cred_at = text.find("[credibility]").unwrap_or(0);
        let weights = crate::credibility::CredibilityWeights {
            bias: cred.bias,
            weights: cred.weights.clone(),
        };
        if let Some(bad) = crate::credibility::unknown_weights(&weights).first() {
            errors.push(err_at(
                cred_at,
                format!(
                    "[credibility] weights: unknown indicator `{bad}`; use one of {}",
                    crate::credibility::INDICATORS.join(", ")
                ),
            ));
        }
        if !cred.bias.is_finite() || cred.weights.values().any(|w| !w.is_finite()) {
            errors.push(err_at(
                cred_at,
                "[credibility]: bias and weights must be finite numbers".into(),
            ));
        }
        for id in cred.opinion_rules.iter().chain(&cred.solicitation_rules) {
            if !seen.contains(id) {
                errors.push(err_at(
                    cred_at,
                    format!("[credibility] names `{id}`, which is not a rule id"),
                ));
            }
        }
        for (key, ids) in [
            ("sidebar_after", &raw.kinds.sidebar_after),
            ("list_after", &raw.kinds.list_after),
            ("caption_before", &raw.kinds.caption_before),
        ] {
            for id in ids {
                if !seen.contains(id) {
                    errors.push(err_at(
                        text.find(key).unwrap_or(0),
                        format!("[kinds] {key} names `{id}`, which is not a rule id"),
                    ));
                }
            }
        }
        if raw.segment.max_unit_bytes < MIN_MAX_UNIT_BYTES {
            errors.push(err_at(
                text.find("max_unit_bytes").unwrap_or(0),
                format!(
                    "[segment] max_unit_bytes is {}; use at least {MIN_MAX_UNIT_BYTES} (default {DEFAULT_MAX_UNIT_BYTES})",
                    raw.segment.max_unit_bytes
                ),
            ));
        }
        let Some(lang) = lang.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        Ok(RuleSet {
            name: name.to_string(),
            lang,
            description: raw.description,
            model: raw.model,
            segment: raw.segment,
            kinds: raw.kinds,
            attribution: raw.attribution,
            figures: raw.figures,
            align: raw.align,
            concepts: raw.concepts,
            credibility: raw.credibility,
            rules,
            source_text: text.to_string(),
        })
    }

    /// Index of the rule with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
language = "fr"
[model]
base = 3.0
labels = { certain = 0.85, probable = 0.6, possible = 0.05 }

[[rule]]
id = "t.hedge"
category = "hedge"
weight = -2
cues = ["pourrait"]
"#;

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "a\nbé\n\ncd\n";
        let index = LineIndex::new(text);
        for off in 0..=text.len() + 2 {
            assert_eq!(index.line_col(off), line_col(text, off), "{off}");
        }
    }

    #[test]
    fn bundled_rules_parse() {
        let fr = RuleSet::bundled(Lang::Fr);
        assert_eq!(fr.lang, Lang::Fr);
        assert!(fr.rules.len() > 20);
        let en = RuleSet::bundled(Lang::En);
        assert_eq!(en.lang, Lang::En);
    }

    #[test]
    fn minimal_file_parses() {
        let r = RuleSet::parse(MINIMAL, "t.toml").unwrap();
        assert_eq!(r.rules[0].id, "t.hedge");
        assert_eq!(r.rules[0].line, 8);
    }

    fn error_of(text: &str) -> RulesError {
        RuleSet::parse(text, "t.toml").unwrap_err()
    }

    #[test]
    fn figure_kinds_must_be_declared() {
        let ok = MINIMAL.replace(
            "[[rule]]",
            "[figures.kinds]\nperson = [\"person\"]\ndead = [\"dead\"]\n\n[figures.refine]\nperson = [\"dead\"]\n\n[[rule]]",
        );
        assert!(RuleSet::parse(&ok, "t.toml").is_ok());
        let e = error_of(&ok.replace("person = [\"dead\"]", "person = [\"deaths\"]"));
        assert!(e.message.contains("`deaths`"), "{e}");
    }

    #[test]
    fn syntax_error_is_located() {
        let e = error_of(&MINIMAL.replace("weight = -2", "weight = = -2"));
        assert_eq!((e.file.as_str(), e.line), ("t.toml", 10));
    }

    #[test]
    fn unknown_key_is_located() {
        let e = error_of(&MINIMAL.replace("weight = -2", "weigth = -2"));
        assert_eq!(e.line, 10);
        assert!(e.message.contains("weigth"), "{e}");
    }

    #[test]
    fn an_empty_word_of_attribution_is_located() {
        let text = MINIMAL.replace(
            "[[rule]]",
            "[attribution]\ntitle_abbreviations = { \"\" = \"governor\" }\n\n[[rule]]",
        );
        let e = error_of(&text);
        assert_eq!(e.line, 8);
        assert!(e.message.contains("title_abbreviations"), "{e}");
        let text = MINIMAL.replace(
            "[[rule]]",
            "[attribution]\nlatter = [\"ce dernier\", \" \"]\n\n[[rule]]",
        );
        assert!(error_of(&text).message.contains("latter"));
    }

    #[test]
    fn the_new_attribution_lists_refuse_an_empty_word_and_split_ratios_below_one() {
        for key in [
            "organisation_anaphors",
            "object_prepositions",
            "recent_past",
            "infinitive_governors",
            "relay_words",
            "clause_only_verbs",
            "acronym_connectors",
            "quote_object_verbs",
            "commitment_verbs",
            "action_verbs",
            "infinitive_markers",
        ] {
            let text = MINIMAL.replace(
                "[[rule]]",
                &format!("[attribution]\n{key} = [\"\"]\n\n[[rule]]"),
            );
            assert!(error_of(&text).message.contains(key), "{key}");
        }
        let text = MINIMAL.replace(
            "[[rule]]",
            "[align]\ntopic_split_ratios = { money = 0.5 }\n\n[[rule]]",
        );
        assert!(error_of(&text).message.contains("topic_split_ratios"));
        let text = MINIMAL.replace(
            "[[rule]]",
            "[attribution]\ninfinitive_governors = [\"a tenu à\"]\n\n[[rule]]",
        );
        assert!(error_of(&text).message.contains("one or two words"));
    }

    #[test]
    fn unknown_category_is_located() {
        let e = error_of(&MINIMAL.replace("\"hedge\"", "\"hedgy\""));
        assert_eq!(e.line, 9);
        assert!(e.message.contains("hedgy"), "{e}");
    }

    #[test]
    fn duplicate_id_is_located() {
        let text = format!(
            "{MINIMAL}\n[[rule]]\nid = \"t.hedge\"\ncategory = \"hedge\"\ncues = [\"peut-être\"]\n"
        );
        let e = error_of(&text);
        assert_eq!(e.line, 14);
        assert!(e.message.contains("duplicate"), "{e}");
    }

    #[test]
    fn invalid_regex_is_located() {
        let text = format!("{MINIMAL}patterns = ['(unclosed']\n");
        let e = error_of(&text);
        assert_eq!((e.line, e.column), (12, 13));
        assert!(e.message.contains("invalid regex"), "{e}");
    }

    #[test]
    fn attribution_pattern_needs_source_group() {
        let text = MINIMAL
            .replace("\"hedge\"", "\"attribution\"")
            .replace("cues = [\"pourrait\"]", "patterns = ['selon \\w+']");
        let e = error_of(&text);
        assert!(e.message.contains("source"), "{e}");
    }

    #[test]
    fn bad_thresholds_are_refused() {
        let e = error_of(&MINIMAL.replace("possible = 0.05", "possible = 0.7"));
        assert!(e.message.contains("thresholds"), "{e}");
    }
}
