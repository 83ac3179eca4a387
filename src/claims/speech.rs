//! Reporting verbs: who a unit credits, found from the verb outwards.
//!
//! The `[attribution]` table of a rules file lists reporting verbs by their
//! infinitive, with the endings of each conjugation class and the forms of
//! irregular verbs, so that every tense is found ("a déclaré", "déclarait",
//! "avait précisé", "said", "has warned"). From each verb form in a unit the
//! subject is looked for before it ("Le préfet X estime néanmoins que",
//! "Mme X, adjointe au maire, avait précisé"), or after it when the verb is a
//! speech tag that follows the words ("..., a répondu la porte-parole",
//! "relate-t-elle", "..., said John Smith, a spokesman"), or, for a present
//! participle after a comma, at the start of the unit ("X addressed the
//! media, stating ..."). Adverbs, days, and phrases such as "à l'AFP" may
//! stand between. The result is a span of the unit that the resolver then
//! cleans and resolves like any attribution capture.

use crate::fold::{fold_text, is_word_char, Folded};
use crate::rules::AttributionConfig;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// How freely a reporting verb credits its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Only as a speech tag after the words, subject inverted.
    Tag,
    /// Only before an object and a quotation: "X called the ruling
    /// “absurd”" (not "X called the police").
    QuoteObject,
    /// Only before a clause, a colon or a quotation, or as a speech tag:
    /// never before an object ("prévoit de supprimer 300 postes" is a plan).
    ClauseOnly,
    /// Before a clause, a colon or a quotation, or as a speech tag.
    Clause,
    /// Whatever follows.
    Strong,
}

const FINITE: u8 = 1;
const PARTICIPLE: u8 = 2;
const GERUND: u8 = 4;
const INFINITIVE: u8 = 8;

#[derive(Debug, Clone, Copy)]
struct Form {
    /// What the verb needs after it, from its non-reflexive lemmas.
    strength: Strength,
    /// The same for its reflexive lemmas ("se déclarer" beside "déclarer").
    refl_strength: Strength,
    class: u8,
    /// Only reflexive ("s'insurge").
    reflexive: bool,
    /// May be reflexive ("se dit inquiet", "s'est dit prêt").
    refl_ok: bool,
    /// The noun after it is the addressee, never an inverted subject ("told X").
    addressee: bool,
    /// A commitment: before an infinitive it credits its subject ("vowed
    /// to appeal", "s'engage à suivre").
    commits: bool,
    /// Before an infinitive it states an act ("agreed to pay").
    acts: bool,
}

/// Which way the subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Construction {
    /// Subject before the verb.
    Subject,
    /// Speech tag after the words, subject after the verb.
    Inverted,
    /// Present participle after a comma: the subject of the unit.
    Participle,
}

/// One reporting verb and the subject it credits, as byte spans of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeechHit {
    /// Span of the verb (with its auxiliary).
    pub verb: (usize, usize),
    /// Span of the credited subject.
    pub source: (usize, usize),
    /// How it was found.
    pub construction: Construction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    /// A pronoun glued to its verb ("a-t-il", "relate-t-elle").
    Clitic,
    Punct(char),
}

/// A token; its lower-case forms borrow the text where they are the same
/// as it (most words), so that tokenizing allocates little.
#[derive(Debug, Clone)]
struct Tok<'a> {
    s: usize,
    e: usize,
    /// Folded: lower case, no accents.
    low: Cow<'a, str>,
    /// Lower case with accents ("où", not "ou").
    lc: Cow<'a, str>,
    kind: TokKind,
    cap: bool,
    /// Every letter upper case, two or more ("AFP", "BBC").
    acronym: bool,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
}

/// Reporting verbs and the words around them, compiled from `[attribution]`.
#[derive(Debug, Clone)]
pub struct Speech {
    /// Capitalised words written with a final dot inside a name ("Gov.",
    /// "Corp."): the dot ends no phrase.
    abbreviations: HashSet<String>,
    /// The `person_titles` written with a dot, without it ("Gov", "Dr").
    title_abbreviations: HashSet<String>,
    ac: Option<AhoCorasick>,
    patterns: Vec<String>,
    forms: HashMap<String, Form>,
    /// For each folded form, the endings as the rules write them (accents
    /// kept) with the class each gives: "considère" is finite,
    /// "considéré" a participle, though both fold to "considere".
    endings_of: HashMap<String, Vec<(String, u8)>>,
    aux: HashSet<String>,
    passive: HashSet<String>,
    skip: HashSet<String>,
    skip_phrases: Vec<Vec<String>>,
    adverb_suffixes: Vec<String>,
    preps: HashSet<String>,
    determiners: HashSet<String>,
    stops: HashSet<String>,
    openers: HashSet<String>,
    infinitives: HashSet<String>,
    /// `object_infinitives`, each as its words.
    object_infinitives: Vec<Vec<String>>,
    /// `object_prepositions`.
    object_preps: HashSet<String>,
    /// `recent_past`.
    recent_past: HashSet<String>,
    /// `infinitive_governors`, folded, their words joined by one space.
    governors: HashSet<String>,
    not_before_verb: HashSet<String>,
    not_before_subject: HashSet<String>,
    speakers: HashSet<String>,
    /// The auxiliaries without accents: "à" for "a" (a common typo).
    aux_folded: HashSet<String>,
    addressed: HashSet<String>,
    agents: HashSet<String>,
    infinitives_of_narration: HashSet<String>,
    conjunctions: HashSet<String>,
    objects: HashSet<String>,
    markers: HashSet<String>,
    first_person: HashSet<String>,
    pronouns: HashSet<String>,
    reflexive_words: HashSet<String>,
    relatives: HashSet<String>,
    coordinators: HashSet<String>,
    complementizers: HashSet<String>,
    inversion_after: Vec<Vec<String>>,
    noun_markers: HashSet<String>,
    /// `modifier_forms`.
    modifier_forms: HashSet<String>,
    /// `infinitive_markers`.
    infinitive_markers: HashSet<String>,
    indefinites: HashSet<String>,
    gerund_endings: Vec<String>,
}

const ELISIONS: [&str; 14] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];
const CLITICS: [&str; 8] = [
    "-t-elles", "-t-elle", "-t-ils", "-t-il", "-t-on", "-elles", "-elle", "-ils",
];
const CLITICS2: [&str; 2] = ["-il", "-on"];

/// A lemma folded, without its reflexive pronoun ("s'engager" -> "engager").
fn without_reflexive(lemma: &str) -> String {
    let l = fold_text(lemma.trim());
    l.strip_prefix("s'")
        .or_else(|| l.strip_prefix("se "))
        .map_or(l.clone(), |r| r.trim().to_string())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_quote(c: char) -> bool {
    matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '‘' | '\'')
}

/// The words between the quotation mark that closes at `close` and the
/// one that opens it (usize::MAX when none opens it in the unit: the
/// quotation began before it).
fn quoted_words(toks: &[Tok], close: usize) -> usize {
    let mut words = 0;
    for t in toks[..close].iter().rev() {
        match t.kind {
            TokKind::Punct(c) if is_quote(c) && c != '\'' => return words,
            _ if t.is_word() => words += 1,
            _ => {}
        }
    }
    usize::MAX
}

/// Split a unit into words, clitics and punctuation, with byte spans.
fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !is_word_char(c) {
            let e = i + c.len_utf8();
            out.push(Tok {
                s: i,
                e,
                lc: Cow::Borrowed(&text[i..e]),
                low: Cow::Borrowed(&text[i..e]),
                kind: TokKind::Punct(c),
                cap: false,
                acronym: false,
            });
            k += 1;
            continue;
        }
        // A word: letters and digits, with inner hyphens and apostrophes.
        let mut j = k + 1;
        while j < chars.len() {
            let d = chars[j].1;
            // "54.000", "10,000": a separator between digits is inside the number.
            let in_number = (d == '.' || d == ',')
                && chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
            let inner = in_number
                || ((d == '-' || is_apostrophe(d) || d == '.')
                    && j + 1 < chars.len()
                    && is_word_char(chars[j + 1].1)
                    && (d != '.' || (j >= 2 && !is_word_char(chars[j - 2].1)) || j == k + 1));
            if is_word_char(d) || inner {
                j += 1;
            } else if is_apostrophe(d)
                && ELISIONS.contains(&fold_text(&text[i..chars[j].0]).as_str())
            {
                // "qu’«il": the elided word keeps its apostrophe.
                j += 1;
                break;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        // An initial ("M.", "U.S.") keeps its final dot.
        let word = &text[i..end];
        let end = if chars.get(j).is_some_and(|x| x.1 == '.')
            && word.split('.').all(|p| p.chars().count() == 1)
            && c.is_uppercase()
        {
            end + 1
        } else {
            end
        };
        push_word(text, i, end, &mut out);
        k = chars.partition_point(|x| x.0 < end);
    }
    out
}

/// Two letters or more, all upper case: "AFP", "BFMTV".
fn is_acronym_word(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.all(char::is_uppercase)
}

/// `fold_text(word)`, borrowed when that is the word itself.
fn folded_word(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'\'')
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold_text(word))
    }
}

/// `word.to_lowercase()` with typographic apostrophes made straight,
/// borrowed when that is the word itself.
fn lower_word(word: &str) -> Cow<'_, str> {
    let same = |c: char| {
        let mut l = c.to_lowercase();
        c != '’' && l.next() == Some(c) && l.next().is_none()
    };
    if word.chars().all(same) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase().replace('’', "'"))
    }
}

fn push_word<'a>(text: &'a str, s: usize, e: usize, out: &mut Vec<Tok<'a>>) {
    let word = &text[s..e];
    // Elision: "l'AFP" -> "l'" + "AFP".
    if let Some((p, c)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        let prefix = fold_text(&word[..p]);
        if ELISIONS.contains(&prefix.as_str()) && p + c.len_utf8() < word.len() {
            let cut = s + p + c.len_utf8();
            out.push(Tok {
                s,
                e: cut,
                lc: Cow::Owned(format!("{prefix}'")),
                low: Cow::Owned(format!("{prefix}'")),
                kind: TokKind::Word,
                cap: false,
                acronym: false,
            });
            push_word(text, cut, e, out);
            return;
        }
    }
    let low = folded_word(word);
    // Inversion: "a-t-il" -> "a" + clitic "il".
    for cl in CLITICS.iter().chain(&CLITICS2) {
        if low.len() > cl.len() && low.ends_with(cl) {
            let cut = e - cl.len();
            if text.is_char_boundary(cut) {
                out.push(Tok {
                    s,
                    e: cut,
                    lc: Cow::Owned(text[s..cut].to_lowercase()),
                    low: Cow::Owned(low[..low.len() - cl.len()].to_string()),
                    kind: TokKind::Word,
                    cap: word.chars().next().is_some_and(char::is_uppercase),
                    acronym: is_acronym_word(&text[s..cut]),
                });
                let pronoun = cl.rsplit('-').next().unwrap_or("");
                out.push(Tok {
                    s: e - pronoun.len(),
                    e,
                    lc: Cow::Borrowed(pronoun),
                    low: Cow::Borrowed(pronoun),
                    kind: TokKind::Clitic,
                    cap: false,
                    acronym: false,
                });
                return;
            }
        }
    }
    out.push(Tok {
        s,
        e,
        cap: word.chars().next().is_some_and(char::is_uppercase),
        acronym: is_acronym_word(word),
        lc: lower_word(word),
        low,
        kind: TokKind::Word,
    });
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| fold_text(w.trim())).collect()
}

/// Lower case with accents kept: the French auxiliary "a" is not "à".
fn lower_set(list: &[String]) -> HashSet<String> {
    list.iter()
        .map(|w| w.trim().to_lowercase().replace('’', "'"))
        .collect()
}

impl Speech {
    /// Words of the `[segment]` table's abbreviations that may stand in a
    /// speaker's name ("Gov. Jane Doe said", "the Acme Corp. said").
    pub fn with_abbreviations(mut self, list: &[String]) -> Speech {
        self.abbreviations = list
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .cloned()
            .collect();
        self
    }

    /// The tokens of a unit; the dot of a capitalised abbreviation inside a
    /// name is left out.
    fn tokens<'a>(&self, text: &'a str) -> Vec<Tok<'a>> {
        let mut toks = tokenize(text);
        if self.abbreviations.is_empty() && self.title_abbreviations.is_empty() {
            return toks;
        }
        let mut k = 1;
        while k + 1 < toks.len() {
            // Before a lower-case word ("Acme Corp. said"), or a title
            // that opens a name ("Gov. Ann Lee"); not a name's last word
            // before a capital ("Acme Corp. Officials said" may be two
            // sentences).
            // A title's abbreviation opens a name even after a capital
            // ("Maryland Gov. Ann Lee").
            let word = &text[toks[k - 1].s..toks[k - 1].e];
            let title = self.title_abbreviations.contains(word) && toks[k + 1].cap;
            // Before a comma too: "X Jr., a spokesman, said".
            let abbreviation = toks[k].kind == TokKind::Punct('.')
                && toks[k - 1].e == toks[k].s
                && toks[k - 1].is_word()
                && (toks[k + 1].is_word() || toks[k + 1].kind == TokKind::Punct(','))
                && (title
                    || ((!toks[k + 1].cap || k < 2 || !toks[k - 2].cap)
                        && self.abbreviations.contains(word)));
            if abbreviation {
                toks.remove(k);
            } else {
                k += 1;
            }
        }
        toks
    }

    /// Compile the verb forms and word lists of an `[attribution]` table.
    pub fn new(cfg: &AttributionConfig) -> Speech {
        let mut forms: HashMap<String, Form> = HashMap::new();
        let mut endings_of: HashMap<String, Vec<(String, u8)>> = HashMap::new();
        let mut reflexive_words = HashSet::new();
        let mut endings: Vec<(String, &crate::rules::VerbEndings)> = cfg
            .conjugation
            .iter()
            .map(|(k, v)| (fold_text(k), v))
            .collect();
        endings.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let irregular: HashMap<String, &crate::rules::IrregularVerb> = cfg
            .irregular
            .iter()
            .map(|v| (without_reflexive(&v.lemma), v))
            .collect();
        let addressee = set(&cfg.addressee_verbs);
        let commitments: HashSet<String> = cfg
            .commitment_verbs
            .iter()
            .map(|v| without_reflexive(v))
            .collect();
        let actions: HashSet<String> = cfg
            .action_verbs
            .iter()
            .map(|v| without_reflexive(v))
            .collect();
        let lists = [
            (&cfg.verbs, Strength::Strong),
            (&cfg.clause_verbs, Strength::Clause),
            (&cfg.clause_only_verbs, Strength::ClauseOnly),
            (&cfg.tag_verbs, Strength::Tag),
            (&cfg.quote_object_verbs, Strength::QuoteObject),
        ];
        for (list, strength) in lists {
            for lemma in list.iter() {
                let mut lemma = fold_text(lemma.trim());
                let mut reflexive = false;
                for r in ["s'", "se "] {
                    if let Some(rest) = lemma.strip_prefix(r) {
                        reflexive_words.insert(r.trim().to_string());
                        reflexive = true;
                        lemma = rest.trim().to_string();
                    }
                }
                let mut add = |form: String, class: u8, ending: String| {
                    endings_of
                        .entry(form.clone())
                        .or_default()
                        .push((ending, class));
                    let f = forms.entry(form).or_insert(Form {
                        strength: Strength::Tag,
                        refl_strength: Strength::Tag,
                        class: 0,
                        reflexive,
                        refl_ok: reflexive,
                        addressee: addressee.contains(&lemma),
                        commits: commitments.contains(&lemma),
                        acts: actions.contains(&lemma),
                    });
                    f.class |= class;
                    if reflexive {
                        f.refl_strength = f.refl_strength.max(strength);
                    } else {
                        f.strength = f.strength.max(strength);
                    }
                    f.reflexive &= reflexive;
                    f.refl_ok |= reflexive;
                };
                add(lemma.clone(), INFINITIVE, lemma.clone());
                let (head, rest) = match lemma.split_once(' ') {
                    Some((h, r)) => (h.to_string(), format!(" {r}")),
                    None => (lemma.clone(), String::new()),
                };
                let listed = irregular
                    .get(&lemma)
                    .map(|v| (*v, String::new()))
                    .or_else(|| irregular.get(&head).map(|v| (*v, rest.clone())));
                if let Some((v, tail)) = listed {
                    for (list, class) in [
                        (&v.finite, FINITE),
                        (&v.participle, PARTICIPLE),
                        (&v.gerund, GERUND),
                    ] {
                        for f in list {
                            let written = f.trim().to_lowercase();
                            add(
                                format!("{}{tail}", fold_text(&written)),
                                class,
                                format!("{written}{tail}"),
                            );
                        }
                    }
                    continue;
                }
                let Some((key, e)) = endings.iter().find(|(k, _)| head.ends_with(k.as_str()))
                else {
                    continue;
                };
                let stem = &head[..head.len() - key.len()];
                for (list, class) in [
                    (&e.finite, FINITE),
                    (&e.participle, PARTICIPLE),
                    (&e.gerund, GERUND),
                ] {
                    for end in list {
                        let written = end.trim().to_lowercase();
                        add(
                            format!("{stem}{}{rest}", fold_text(&written)),
                            class,
                            format!("{written}{rest}"),
                        );
                    }
                }
            }
        }
        let patterns: Vec<String> = forms.keys().cloned().collect();
        let ac = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        let (skip_phrases, skip): (Vec<String>, Vec<String>) = cfg
            .skip_words
            .iter()
            .map(|w| fold_text(w.trim()))
            .partition(|w| w.contains(' ') || w.contains('\''));
        Speech {
            abbreviations: HashSet::new(),
            title_abbreviations: cfg
                .person_titles
                .iter()
                .filter_map(|t| t.strip_suffix('.'))
                .map(str::to_string)
                .collect(),
            ac,
            patterns,
            forms,
            endings_of,
            aux: lower_set(&cfg.auxiliaries),
            aux_folded: set(&cfg.auxiliaries),
            passive: lower_set(&cfg.passive_auxiliaries),
            skip: skip.into_iter().collect(),
            skip_phrases: skip_phrases
                .iter()
                .map(|p| {
                    tokenize(p)
                        .into_iter()
                        .map(|t| t.low.into_owned())
                        .collect()
                })
                .collect(),
            adverb_suffixes: cfg.adverb_suffixes.iter().map(|s| fold_text(s)).collect(),
            preps: lower_set(&cfg.skip_prepositions),
            determiners: set(&cfg.determiners),
            stops: set(&cfg.subject_stops),
            openers: set(&cfg.clause_openers),
            infinitives: set(&cfg.clause_infinitives),
            object_infinitives: cfg
                .object_infinitives
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            object_preps: set(&cfg.object_prepositions),
            recent_past: set(&cfg.recent_past),
            governors: cfg
                .infinitive_governors
                .iter()
                .map(|g| {
                    fold_text(g)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
            not_before_verb: set(&cfg.not_before_verb),
            conjunctions: set(&cfg.strip_leading),
            addressed: set(&cfg.addressee_prepositions),
            agents: set(&cfg.agent_prepositions),
            infinitives_of_narration: set(&cfg.narration_markers),
            objects: set(&cfg.object_pronouns),
            not_before_subject: cfg
                .not_before_subject
                .iter()
                .map(|w| w.trim().to_lowercase().replace('’', "'"))
                .collect(),
            speakers: cfg
                .speaker_nouns
                .iter()
                .chain(&cfg.anaphor_nouns)
                .map(|w| fold_text(w.trim()))
                .collect(),
            markers: lower_set(&cfg.clause_markers),
            first_person: set(&cfg.not_sources),
            pronouns: set(&cfg.pronouns),
            reflexive_words,
            relatives: set(&cfg.relative_pronouns),
            coordinators: set(&cfg.coordinators),
            complementizers: set(&cfg.complementizers),
            noun_markers: set(&cfg.noun_markers),
            modifier_forms: set(&cfg.modifier_forms),
            infinitive_markers: set(&cfg.infinitive_markers),
            gerund_endings: cfg.gerund_endings.iter().map(|g| fold_text(g)).collect(),
            indefinites: set(&cfg.indefinite_articles),
            inversion_after: cfg
                .inversion_after
                .iter()
                .map(|p| {
                    tokenize(&fold_text(p.trim()))
                        .into_iter()
                        .map(|t| t.low.into_owned())
                        .collect()
                })
                .collect(),
        }
    }

    /// Is there any reporting verb to look at?
    pub fn is_empty(&self) -> bool {
        self.ac.is_none()
    }

    /// Every reporting verb of a unit that credits a subject, in text order.
    /// `folded` is the folded unit text.
    pub fn find(&self, text: &str, folded: &Folded) -> Vec<SpeechHit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let ft = &folded.text;
        // A headline in title case ("Fire Chief Warned That ..."): capitals
        // do not mark names there.
        // Worked out the first time a capitalised form asks.
        let title_case = std::cell::OnceCell::new();
        let title_case = || {
            *title_case.get_or_init(|| {
                let (words, caps) = text.split_whitespace().fold((0, 0), |(w, c), t| {
                    (w + 1, c + usize::from(t.starts_with(char::is_uppercase)))
                });
                words >= 4 && caps * 10 >= words * 7
            })
        };
        let mut cands: Vec<(usize, usize, Form)> = Vec::new();
        for m in ac.find_iter(ft) {
            let (s, e) = (m.start(), m.end());
            let before = ft[..s].chars().next_back();
            let after = ft[e..].chars().next();
            let pattern = &self.patterns[m.pattern().as_usize()];
            // "parler d'": an elided word ends the form, a word follows it.
            let elided = pattern.ends_with('\'');
            if before.is_some_and(is_word_char) || (!elided && after.is_some_and(is_word_char)) {
                continue;
            }
            let mut form = self.forms[pattern];
            let (os, oe) = folded.original_span(s, e);
            form.class = self.written_class(pattern, &text[os..oe], form.class);
            // A capitalised form inside a sentence is a name ("the United States").
            if text[os..].starts_with(char::is_uppercase)
                && text[..os]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == ',')
                && !title_case()
            {
                continue;
            }
            cands.push((os, oe, form));
        }
        if cands.is_empty() {
            return Vec::new();
        }
        let toks = self.tokens(text);
        let mut out = Vec::new();
        for (os, oe, form) in cands {
            let Some(v0) = toks.iter().position(|t| t.s == os) else {
                continue;
            };
            let v1 = toks.iter().position(|t| t.s >= oe).unwrap_or(toks.len());
            if let Some(h) = self.analyse(&toks, v0, v1, form) {
                out.push(h);
            }
        }
        out
    }

    fn is_skip(&self, t: &Tok) -> bool {
        t.is_word() && self.skip.contains(&*t.low)
    }

    /// An adverb by its ending ("précédemment", "repeatedly"): lower case,
    /// not after a determiner ("le gouvernement", "the family").
    fn is_adverb(&self, toks: &[Tok], k: usize) -> bool {
        let t = &toks[k];
        t.is_word()
            && !t.cap
            && (k == 0 || !self.determiners.contains(&*toks[k - 1].low))
            && self
                .adverb_suffixes
                .iter()
                .any(|s| t.low.len() > s.len() + 3 && t.low.ends_with(s.as_str()))
    }

    /// Length of a skip phrase ending just before `end` (token index), if any.
    fn skip_phrase_back(&self, toks: &[Tok], end: usize) -> usize {
        self.skip_phrases
            .iter()
            .filter(|p| {
                p.len() <= end
                    && toks[end - p.len()..end]
                        .iter()
                        .zip(p.iter())
                        .all(|(t, w)| &t.low == w)
            })
            .map(|p| p.len())
            .max()
            .unwrap_or(0)
    }

    fn skip_phrase_fwd(&self, toks: &[Tok], start: usize) -> usize {
        self.skip_phrases
            .iter()
            .filter(|p| {
                start + p.len() <= toks.len()
                    && toks[start..start + p.len()]
                        .iter()
                        .zip(p.iter())
                        .all(|(t, w)| &t.low == w)
            })
            .map(|p| p.len())
            .max()
            .unwrap_or(0)
    }

    /// Whether the tokens `s..e` are skip words and phrases only ("D'un
    /// autre côté", "Meanwhile").
    fn only_skip(&self, toks: &[Tok], mut s: usize, e: usize) -> bool {
        if s >= e {
            return false;
        }
        while s < e {
            let n = self.skip_phrase_fwd(toks, s);
            if n > 0 && s + n <= e {
                s += n;
            } else if self.is_skip(&toks[s]) {
                s += 1;
            } else {
                return false;
            }
        }
        true
    }

    /// Index after skipping skip words and phrases backwards from `end`
    /// (exclusive); adverbs by their ending too when `adverbs`.
    fn skip_back_adv(&self, toks: &[Tok], mut end: usize, adverbs: bool) -> usize {
        loop {
            // "Ce dernier a déclaré": after a determiner that opens the
            // clause, the word is the subject's head, not a word to skip.
            let head = end >= 2
                && self.determiners.contains(&*toks[end - 2].low)
                && (end == 2 || !toks[end - 3].is_word());
            if end > 0
                && !head
                && (self.is_skip(&toks[end - 1]) || (adverbs && self.is_adverb(toks, end - 1)))
            {
                end -= 1;
                continue;
            }
            let n = self.skip_phrase_back(toks, end);
            if n > 0 {
                end -= n;
                continue;
            }
            return end;
        }
    }

    /// "a state jury", "state court Judge X": a form of `modifier_forms`
    /// right before a word that cannot follow the verb is a modifier.
    fn modifies_noun(&self, toks: &[Tok], v0: usize, v1: usize) -> bool {
        if v1 != v0 + 1 || !self.modifier_forms.contains(&*toks[v0].low) {
            return false;
        }
        let Some(next) = toks.get(v1).filter(|t| t.is_word()) else {
            return false;
        };
        let w = &*next.low;
        !(self.determiners.contains(w)
            || self.noun_markers.contains(w)
            || self.openers.contains(w)
            || self.preps.contains(&*next.lc)
            || self.stops.contains(w)
            || self.pronouns.contains(w)
            || self.objects.contains(w)
            || self.is_skip(next)
            || self.is_adverb(toks, v1))
    }

    fn skip_back(&self, toks: &[Tok], end: usize) -> usize {
        self.skip_back_adv(toks, end, false)
    }

    fn skip_fwd(&self, toks: &[Tok], mut i: usize) -> usize {
        loop {
            if i < toks.len() && (self.is_skip(&toks[i]) || self.is_adverb(toks, i)) {
                i += 1;
                continue;
            }
            let n = self.skip_phrase_fwd(toks, i);
            if n > 0 {
                i += n;
                continue;
            }
            // ", lundi,", ", jeudi 15 août,", ", de son côté," between the
            // verb and its subject.
            if i < toks.len() && toks[i].kind == TokKind::Punct(',') {
                let mut j = i + 1;
                loop {
                    let n = self.skip_phrase_fwd(toks, j);
                    if n > 0 {
                        j += n;
                    } else if j < toks.len()
                        && (self.is_skip(&toks[j])
                            || toks[j].low.chars().all(|c| c.is_ascii_digit()))
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if j > i + 1 && j < toks.len() && toks[j].kind == TokKind::Punct(',') {
                    i = j + 1;
                    continue;
                }
            }
            return i;
        }
    }

    /// Where an `infinitive_governors` form ends right before `v0` starts.
    fn governor_before(&self, toks: &[Tok], v0: usize) -> Option<usize> {
        if self.governors.is_empty() {
            return None;
        }
        let word = |k: usize| toks.get(k).filter(|t| t.is_word()).map(|t| &*t.low);
        let one = v0.checked_sub(1).and_then(word)?;
        if self.governors.contains(one) {
            return Some(v0 - 1);
        }
        let two = v0.checked_sub(2).and_then(word)?;
        self.governors
            .contains(&format!("{two} {one}"))
            .then_some(v0 - 2)
    }

    fn analyse(&self, toks: &[Tok], v0: usize, v1: usize, mut form: Form) -> Option<SpeechHit> {
        // A reflexive lemma's strength holds only after its pronoun ("s'est
        // déclaré favorable", not "a déclaré une urgence").
        let pronoun_before = (1..=2).any(|k| {
            v0 >= k
                && self.reflexive_words.contains(&*toks[v0 - k].low)
                && (k == 1 || self.passive.contains(&*toks[v0 - 1].lc))
        });
        if form.reflexive || (form.refl_ok && pronoun_before) {
            form.strength = form.strength.max(form.refl_strength);
        }
        if self.modifies_noun(toks, v0, v1) {
            return None;
        }
        // "X vient d'annoncer": the recent past, an auxiliary and "de"
        // before the infinitive.
        let recent_past = form.class & INFINITIVE != 0
            && v0 >= 2
            && matches!(&*toks[v0 - 1].low, "de" | "d'" | "d’")
            && self.recent_past.contains(&*toks[v0 - 2].low);
        // "X a tenu à préciser", "X veut rappeler": a governing verb
        // before the infinitive, with its auxiliary.
        let governor = (form.class & INFINITIVE != 0 && !recent_past)
            .then(|| self.governor_before(toks, v0))
            .flatten();
        // Only before a clause: "X veut préciser les règles" states a plan.
        if governor.is_some() && !self.clause_follows(toks, v1) {
            return None;
        }
        if form.class == INFINITIVE && !recent_past && governor.is_none() {
            return self.narrative_infinitive(toks, v0, v1);
        }
        // The auxiliary and reflexive pronoun before the verb, adverbs between.
        let mut i = v0;
        let mut had_aux = false;
        if recent_past {
            i = v0 - 2;
            had_aux = true;
        } else if let Some(g) = governor {
            i = if g >= 1 && self.aux.contains(&*toks[g - 1].lc) {
                g - 1
            } else {
                g
            };
            had_aux = true;
        } else if form.class & PARTICIPLE != 0 {
            let j = self.skip_back_adv(toks, i, true);
            // "a-t-il précisé", "ont-ils ajouté": the clitic is the subject.
            if j >= 2
                && toks[j - 1].kind == TokKind::Clitic
                && self.aux.contains(&*toks[j - 2].lc)
                && !self.first_person.contains(&*toks[j - 1].low)
            {
                let k = j - 2;
                let tag = k == 0
                    || matches!(toks[k - 1].kind, TokKind::Punct(c) if matches!(c, ',' | '.' | '!' | '?' | '…' | '—' | '–' | ')' | '-') || is_quote(c));
                if !tag {
                    return None;
                }
                return Some(SpeechHit {
                    verb: (toks[k].s, toks[v1 - 1].e),
                    source: (toks[j - 1].s, toks[j - 1].e),
                    construction: Construction::Inverted,
                });
            }
            if j > 0 && toks[j - 1].is_word() {
                let w: &str = &toks[j - 1].lc;
                // "s'est dit prêt": a reflexive verb's compound tense.
                let reflexive_compound = form.refl_ok
                    && self.passive.contains(w)
                    && j >= 2
                    && self.reflexive_words.contains(&*toks[j - 2].low);
                // "à fait savoir": an auxiliary misspelt with an accent, before
                // a participle (never before an infinitive: "invité à dire").
                let misspelt_aux = form.class & PARTICIPLE != 0
                    && form.class & INFINITIVE == 0
                    && self.aux_folded.contains(&*toks[j - 1].low);
                if self.aux.contains(w)
                    || misspelt_aux
                    || (form.reflexive && self.passive.contains(w))
                    || reflexive_compound
                {
                    had_aux = true;
                    i = j - 1;
                } else if self.passive.contains(w) && !form.commits {
                    // "accusées par les élus", "was confirmed by the agency": the agent
                    // (not of a threat or a promise: "a été menacé par deux
                    // individus" tells an act).
                    return self.agent(toks, j - 1, v1).map(|(s, e)| SpeechHit {
                        verb: (toks[j - 1].s, toks[v1 - 1].e),
                        source: (toks[s].s, toks[e - 1].e),
                        construction: Construction::Subject,
                    });
                }
            }
            if !had_aux && form.class & (FINITE | GERUND) == 0 {
                if form.reflexive || matches!(form.strength, Strength::Tag | Strength::QuoteObject)
                {
                    return None;
                }
                // "Les éléments dévoilés par X incluent ...": a participle
                // inside the noun phrase that opens the unit belongs to its
                // subject; the main verb comes after the agent.
                let first = toks.iter().position(Tok::is_word).unwrap_or(0);
                if v0 > first + 1
                    && v0 - first <= 4
                    && self.determiners.contains(&*toks[first].low)
                    && toks[first..v0].iter().all(Tok::is_word)
                {
                    return None;
                }
                // "le dispositif proposé par X": a passive without its auxiliary.
                return self
                    .agent(toks, v0, v1)
                    .filter(|&(s, e)| self.speaker_subject(toks, s, e))
                    .map(|(s, e)| SpeechHit {
                        verb: (toks[v0].s, toks[v1 - 1].e),
                        source: (toks[s].s, toks[e - 1].e),
                        construction: Construction::Subject,
                    });
            }
        }
        let reflexive_before = i > 0 && self.reflexive_words.contains(&*toks[i - 1].low);
        if form.reflexive || (form.refl_ok && reflexive_before) {
            if !reflexive_before {
                return None;
            }
            i -= 1;
        } else if i > 0 && toks[i - 1].low == "se" {
            // "l'information se confirme": another verb than the reporting one.
            return None;
        }
        let verb = (toks[i].s, toks[v1 - 1].e);
        // After an article or a possessive the form is a noun ("the
        // claims", "the mayor's remarks", "la note").
        if !had_aux
            && form.class & (FINITE | GERUND) != 0
            && i > 0
            && toks[i - 1].is_word()
            && (self.noun_markers.contains(&*toks[i - 1].low)
                || (toks[i - 1].lc.ends_with("'s") && !self.company_subject(toks, i, v1)))
        {
            return None;
        }
        // A verb right after the form: the form was a noun ("loss estimates are").
        if form.class == FINITE
            && toks.get(v1).is_some_and(|t| {
                t.is_word() && (self.aux.contains(&*t.lc) || self.passive.contains(&*t.lc))
            })
        {
            return None;
        }
        let mut gerund_only = form.class & GERUND != 0 && form.class & FINITE == 0 && !had_aux;
        // "The agency is saying that", "were warning that": the progressive,
        // a form of "be" before the gerund.
        if gerund_only
            && i > 0
            && form.strength == Strength::Strong
            && self.passive.contains(&*toks[i - 1].lc)
        {
            i -= 1;
            had_aux = true;
            gerund_only = false;
        }
        if gerund_only {
            if form.strength == Strength::Tag || i == 0 {
                return None;
            }
            let prev = &toks[i - 1];
            // A verb that needs a clause credits a participle after a comma
            // only before its clause ("..., déclarant « ... »").
            let before_clause = form.strength == Strength::ClauseOnly
                && (self.clause_follows(toks, v1) || self.introduces_quote(toks, v1));
            if form.strength != Strength::Strong
                && !before_clause
                && (prev.kind == TokKind::Punct(',') || self.objects.contains(&*prev.low))
            {
                return None;
            }
            let (s, e) = if prev.kind == TokKind::Punct(',') {
                self.leading_subject(toks, i - 1)?
            } else if self.objects.contains(&*prev.low) {
                // "X lui a envoyé un message le qualifiant de ...": the
                // subject of the verb before.
                let k = (0..i - 1).rev().find(|&k| {
                    toks[k].is_word()
                        && (self.aux.contains(&*toks[k].lc) || self.markers.contains(&*toks[k].lc))
                })?;
                self.subject_before(toks, k, false)?
            } else {
                // "des médias rapportant que": the noun phrase before, from
                // its determiner.
                let det = (i.saturating_sub(5)..i)
                    .rev()
                    .take_while(|&k| toks[k].is_word() && !self.markers.contains(&*toks[k].lc))
                    .find(|&k| self.determiners.contains(&*toks[k].low));
                let s = match det {
                    Some(s) => s,
                    // "..., Jeanne Roux estimant que ...": a name of two
                    // words or more right after a comma, before a clause.
                    None => {
                        let s = (0..i)
                            .rev()
                            .take_while(|&k| toks[k].is_word() && toks[k].cap)
                            .last()?;
                        let after_comma = s > 0 && toks[s - 1].kind == TokKind::Punct(',');
                        let clause =
                            self.clause_follows(toks, v1) || self.introduces_quote(toks, v1);
                        if i - s < 2 || !after_comma || !clause {
                            return None;
                        }
                        s
                    }
                };
                let speaker = toks[s..i].iter().any(|t| t.cap || self.is_speaker(&t.low));
                if !speaker || !self.valid_subject(toks, s, i) {
                    return None;
                }
                (s, i)
            };
            return Some(SpeechHit {
                verb,
                source: (toks[s].s, toks[e - 1].e),
                construction: Construction::Participle,
            });
        }
        if form.strength == Strength::QuoteObject && !self.quote_after_object(toks, v1) {
            return None;
        }
        if let Some((s, e)) = self
            .inverted(toks, i, v1)
            .filter(|_| form.strength != Strength::QuoteObject)
            .filter(|_| !form.addressee && !self.apposed_subject(toks, i))
        {
            return Some(SpeechHit {
                verb,
                source: (toks[s].s, toks[e - 1].e),
                construction: Construction::Inverted,
            });
        }
        if form.strength == Strength::Tag && !self.introduces_quote(toks, v1) {
            return None;
        }
        // "X, qui a déclaré que ...": the antecedent, before a clause (a verb
        // that credits whatever follows needs none: "X, qui a déclaré sur
        // France Info que ...").
        if let Some((s, e)) = self.relative_antecedent(toks, i) {
            let needs_clause = !matches!(form.strength, Strength::Strong | Strength::QuoteObject);
            if needs_clause
                && !(self.clause_follows(toks, v1)
                    || self.introduces_quote(toks, v1)
                    || self.clause_after_phrase(toks, v1))
            {
                return None;
            }
            return Some(SpeechHit {
                verb,
                source: (toks[s].s, toks[e - 1].e),
                construction: Construction::Subject,
            });
        }
        // A quotation after the verb is its subject's even in a subordinate
        // clause ("after X tweeted, “...”").
        let quoting = self.introduces_quote(toks, v1);
        let found = self
            .subject_before(toks, i, quoting)
            .or_else(|| self.coordinated_subject(toks, i));
        let (s, e) = match found {
            Some(found) => found,
            None => return self.inverted_at_end(toks, i, v1, form),
        };
        // A clause verb credits before a clause, or a named subject
        // ("Donald Smith claimed the plan failed").
        // A subject after a closing quotation: a speech tag ("“...,” he wrote").
        // Quotation marks around a word or two ("des « dizaines » de
        // migrants") set off a term, not a quotation.
        let after_quote = s > 0
            && (1..=2).any(|k| {
                s >= k
                    && matches!(toks[s - k].kind, TokKind::Punct(c) if is_quote(c))
                    && quoted_words(toks, s - k) > 3
            });
        let object_follows = toks
            .get(self.skip_fwd(toks, v1))
            .is_some_and(|t| !self.addressed.contains(&*t.low));
        let clause =
            after_quote || self.clause_follows(toks, v1) || self.clause_after_phrase(toks, v1);
        let speaker = self.speaker_subject(toks, s, e);
        // A verb that needs a clause credits a name before an object too
        // ("Donald Smith claimed the plan failed"), a speaker before a clause
        // without "que"/"that"; another verb credits any speaker.
        let ok = match form.strength {
            Strength::ClauseOnly => {
                clause || (speaker && form.commits && self.infinitive_follows(toks, v1))
            }
            Strength::QuoteObject => true,
            Strength::Clause => {
                // A figure claimed: "les syndicats revendiquent 3,5 millions
                // de manifestants", "the union claimed 40,000 members".
                let figure = toks
                    .get(self.skip_fwd(toks, v1))
                    .is_some_and(|t| t.low.starts_with(|c: char| c.is_ascii_digit()));
                clause
                    || (speaker && figure)
                    || (self.named(toks, s, e) && object_follows)
                    || (had_aux && speaker && !(form.acts && self.infinitive_follows(toks, v1)))
                    || (speaker && self.bare_clause_follows(toks, v1))
                    || (speaker && self.object_infinitive_follows(toks, v1))
                    || (speaker && form.commits && self.infinitive_follows(toks, v1))
                    || (form.addressee && self.clause_after_addressee(toks, v1))
            }
            _ => clause || speaker,
        };
        if !ok {
            return self.inverted_at_end(toks, i, v1, form);
        }
        // Nothing after the verb: only a speech tag after a comma or a
        // quotation credits ("..., la préfecture a confirmé."), not "L'enquête avance."
        let j = self.skip_fwd(toks, v1);
        // A unit opened by a subordinating word ("If", "Quand") whose first
        // comma comes right before the subject: that comma closes the
        // subordinate clause, and the verb ends it. A main clause after it
        // ("If X, it could take months, officials said") leaves the tag.
        let opens_subordinate = toks
            .iter()
            .find(|t| t.is_word())
            .is_some_and(|t| self.not_before_subject.contains(&*t.lc))
            && !toks[..s.saturating_sub(1)]
                .iter()
                .any(|t| t.kind == TokKind::Punct(','));
        // A colon after the verb introduces the words that follow ("Elle a
        // déclaré :", the quotation cut from the page).
        if toks[j..].iter().all(|t| !t.is_word())
            && !(s > 0
                && matches!(toks[s - 1].kind, TokKind::Punct(c) if is_quote(c)
                    || (c == ',' && !opens_subordinate)))
            && toks.get(j).is_none_or(|t| t.kind != TokKind::Punct(':'))
        {
            return None;
        }
        Some(SpeechHit {
            verb,
            source: (toks[s].s, toks[e - 1].e),
            construction: Construction::Subject,
        })
    }

    /// A colon or a quotation right after the verb ("Tapper asked, “...").
    fn introduces_quote(&self, toks: &[Tok], v1: usize) -> bool {
        let mut j = v1;
        if toks.get(j).is_some_and(|t| t.kind == TokKind::Punct(',')) {
            j += 1;
        }
        toks.get(j)
            .is_some_and(|t| matches!(t.kind, TokKind::Punct(c) if c == ':' || is_quote(c)))
    }

    /// A short object, then a quotation: "called the ruling “absurd”".
    fn quote_after_object(&self, toks: &[Tok], v1: usize) -> bool {
        let mut words = 0;
        for t in toks.iter().skip(v1) {
            match t.kind {
                TokKind::Punct(c) if is_quote(c) && c != '\'' => return words > 0,
                TokKind::Word if words < 8 => words += 1,
                TokKind::Punct('-' | '’') => {}
                _ => return false,
            }
        }
        false
    }

    /// After a clause verb: "que", "that", a colon, a quotation, or the end
    /// of the unit (a speech tag: ", the newspaper found.").
    fn clause_follows(&self, toks: &[Tok], v1: usize) -> bool {
        let j = self.skip_fwd(toks, v1);
        // "X a constaté d'autres mesures :" introduces what follows.
        if toks.last().is_some_and(|t| t.kind == TokKind::Punct(':')) {
            return true;
        }
        if self.introduces_quote(toks, j) {
            return true;
        }
        // "..., the agency estimated on May 26, as ...": a short phrase of
        // date or place, then the end of the tag.
        if toks
            .get(j)
            .is_some_and(|t| self.preps.contains(&*t.lc) && !self.addressed.contains(&*t.low))
        {
            let words = toks[j + 1..]
                .iter()
                .take_while(|t| t.is_word())
                .take(5)
                .count();
            let k = j + 1 + words;
            let ends = match toks.get(k).map(|t| t.kind) {
                None => true,
                Some(TokKind::Punct(',')) => true,
                Some(TokKind::Punct('.' | '!' | '…')) => {
                    toks[k + 1..].iter().all(|t| !t.is_word())
                }
                _ => false,
            };
            if (1..=4).contains(&words) && ends {
                return true;
            }
        }
        match toks.get(j) {
            None => true,
            Some(t) => match t.kind {
                TokKind::Punct(c) => {
                    c == ':'
                        || is_quote(c)
                        || (matches!(c, '.' | '!' | '…')
                            && toks[j + 1..].iter().all(|t| !t.is_word()))
                }
                _ => self.openers.contains(&*t.low) || self.infinitives.contains(&*t.low),
            },
        }
    }

    /// "estimates the average loss to be ...": a noun phrase of at most
    /// eight words, then one of `object_infinitives`.
    /// An infinitive marker right after the verb, then a word: "vowed to
    /// appeal", "s'engage à suivre", "promet de rembourser".
    fn infinitive_follows(&self, toks: &[Tok], v1: usize) -> bool {
        let j = self.skip_fwd(toks, v1);
        toks.get(j)
            .is_some_and(|t| t.is_word() && self.infinitive_markers.contains(&*t.low))
            && toks.get(j + 1).is_some_and(|t| t.is_word() && !t.cap)
    }

    fn object_infinitive_follows(&self, toks: &[Tok], v1: usize) -> bool {
        let start = self.skip_fwd(toks, v1);
        let mut j = start;
        while j < toks.len() && j - start <= 8 {
            let t = &toks[j];
            if !t.is_word() && !matches!(t.kind, TokKind::Punct('-' | '\'' | '’')) {
                return false;
            }
            if j > start
                && self.object_infinitives.iter().any(|p| {
                    !p.is_empty()
                        && p.iter()
                            .enumerate()
                            .all(|(d, w)| toks.get(j + d).is_some_and(|t| *t.low == **w))
                })
            {
                return true;
            }
            if self.openers.contains(&*t.low) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// "informed rescuers that ...": a short noun phrase, the person
    /// addressed, then a clause.
    /// A prepositional phrase, then a clause or a quotation: "a déclaré à
    /// la presse que", "a déclaré devant les élus : « ... »".
    fn clause_after_phrase(&self, toks: &[Tok], v1: usize) -> bool {
        let j = self.skip_fwd(toks, v1);
        if !toks
            .get(j)
            .is_some_and(|t| t.is_word() && self.preps.contains(&*t.lc))
        {
            return false;
        }
        // At most six words of phrase ("lors d'une audition parlementaire").
        let mut k = j + 1;
        while k < toks.len() && k - j <= 7 {
            let t = &toks[k];
            if t.is_word() && self.openers.contains(&*t.low) {
                return true;
            }
            if !t.is_word() && !matches!(t.kind, TokKind::Clitic | TokKind::Punct('\'' | '’' | '-'))
            {
                return self.introduces_quote(toks, k);
            }
            k += 1;
        }
        false
    }

    fn clause_after_addressee(&self, toks: &[Tok], v1: usize) -> bool {
        let mut j = self.skip_fwd(toks, v1);
        let start = j;
        while j < toks.len()
            && j - start < 4
            && toks[j].is_word()
            && !self.openers.contains(&*toks[j].low)
        {
            j += 1;
        }
        j > start && j < toks.len() && self.openers.contains(&*toks[j].low)
    }

    /// The classes of a form that its accents allow: a folded form that is
    /// both finite and a participle ("considere") is only a participle when
    /// the text writes the participle's ending ("considéré", not
    /// "considère").
    fn written_class(&self, pattern: &str, written: &str, class: u8) -> u8 {
        const BOTH: u8 = FINITE | PARTICIPLE;
        if class & BOTH != BOTH {
            return class;
        }
        let Some(endings) = self.endings_of.get(pattern) else {
            return class;
        };
        // The longest ending the text writes decides ("considérée" ends in
        // "ée", not in the finite "e").
        let written = written.to_lowercase();
        let matching = endings
            .iter()
            .filter(|(end, _)| written.ends_with(end.as_str()));
        let longest = matching
            .clone()
            .map(|(end, _)| end.len())
            .max()
            .unwrap_or(0);
        let kept = matching
            .filter(|(end, _)| end.len() == longest)
            .fold(0, |acc, (_, c)| acc | c)
            & BOTH;
        // Only a written participle narrows the class: the finite reading
        // of a form spelt without the participle's accent stays as it was.
        if kept == PARTICIPLE {
            class & !FINITE
        } else {
            class
        }
    }

    /// A capitalised name in "'s" before a past form that opens a clause is
    /// a company's name, not a possessive ("Macy's said the stores ...",
    /// "Moody's warned that ..."); "the mayor's stated goal" and "Smith's
    /// reports" stay nouns.
    fn company_subject(&self, toks: &[Tok], i: usize, v1: usize) -> bool {
        let verb = &toks[i..v1];
        let past = verb.len() == 1 && !verb[0].low.ends_with('s') && !verb[0].low.ends_with("ing");
        past && toks[i - 1].cap
            && toks.get(v1).is_some_and(|n| match n.kind {
                TokKind::Word => {
                    self.determiners.contains(&*n.low)
                        || self.pronouns.contains(&*n.low)
                        || self.openers.contains(&*n.low)
                        || self.skip.contains(&*n.low)
                }
                TokKind::Punct(c) => matches!(c, ',' | ':' | '"' | '“' | '«'),
                _ => false,
            })
    }

    /// A word with a participle's ending ("reacting", "réagissant").
    fn participle(&self, t: &Tok) -> bool {
        self.gerund_endings
            .iter()
            .any(|g| t.low.len() > g.len() + 2 && t.low.ends_with(g.as_str()))
    }

    /// A plausible subject: a determiner, a capitalised word or a pronoun
    /// first; no clause inside; not the first person.
    fn valid_subject(&self, toks: &[Tok], s: usize, e: usize) -> bool {
        let words: Vec<&Tok> = toks[s..e].iter().filter(|t| t.is_word()).collect();
        let Some(first) = words.first() else {
            return false;
        };
        if words.len() > 14 {
            return false;
        }
        // "With rain forecast in the region": a phrase, not a speaker.
        if words.len() > 1 && self.preps.contains(&*first.lc) {
            return false;
        }
        // "Reacting to the ruling": a participial phrase, not a speaker.
        if words.len() > 1 && !words[1].cap && self.participle(first) {
            return false;
        }
        if words.iter().enumerate().any(|(k, t)| {
            // A capitalised word after the first is a name ("Theresa May").
            let name = k > 0 && t.cap;
            (!name && (self.markers.contains(&*t.lc) || self.aux.contains(&*t.lc)))
                || (self.first_person.contains(&*t.low)
                    && !(words.len() > 1 && self.determiners.contains(&*t.low)))
                || (self.not_before_subject.contains(&*t.lc)
                    && !(k >= 2
                        && words
                            .get(k + 1)
                            .is_some_and(|n| self.determiners.contains(&*n.low))
                        && words[1..k].iter().any(|w| w.cap)))
        }) {
            return false;
        }
        if words.len() > 1 && self.pronouns.contains(&*words[words.len() - 1].low) {
            return false;
        }
        if words.len() == 1 && self.pronouns.contains(&*first.low) {
            return true;
        }
        if words.iter().all(|t| self.determiners.contains(&*t.low))
            || (!first.cap
                && self.stops.contains(&*first.low)
                && !self.determiners.contains(&*first.low))
        {
            return false;
        }
        first.cap
            || self.determiners.contains(&*first.low)
            || words.iter().any(|t| t.cap || self.is_speaker(&t.low))
    }

    /// Is this word a noun for a person, an institution or a group that
    /// speaks (singular or plural)?
    fn is_speaker(&self, low: &str) -> bool {
        self.speakers.contains(low)
            || ["s", "x"].iter().any(|p| {
                low.strip_suffix(p)
                    .is_some_and(|stem| stem.len() > 2 && self.speakers.contains(stem))
            })
    }

    /// A subject that can speak: a name, a pronoun, or a noun for a person,
    /// an institution or a group ("les parents", "the agency"), not "le projet".
    fn speaker_subject(&self, toks: &[Tok], s: usize, e: usize) -> bool {
        let words: Vec<&Tok> = toks[s..e].iter().filter(|t| t.is_word()).collect();
        // "il", and pronouns of several words ("ce dernier", "the latter").
        let pronoun = match words.as_slice() {
            [w] => self.pronouns.contains(&*w.low),
            [_, _] | [_, _, _] => {
                let phrase: Vec<&str> = words.iter().map(|t| &*t.low).collect();
                self.pronouns.contains(&phrase.join(" "))
            }
            _ => false,
        };
        if pronoun {
            return true;
        }
        // A capitalised word is a name, unless it only opens the unit
        // ("Heavy rain": one capital, more words after it).
        let first_word = toks.iter().position(|t| t.is_word()).unwrap_or(0);
        let caps = words
            .iter()
            .filter(|t| t.cap && !self.determiners.contains(&*t.low))
            .count();
        let opening_only = caps == 1
            && s == first_word
            && toks[s].cap
            && !self.determiners.contains(&*toks[s].low)
            && words.len() > 1;
        words.iter().any(|t| {
            (t.cap
                && !opening_only
                && !self.determiners.contains(&*t.low)
                && !self.stops.contains(&*t.low))
                || self.is_speaker(&t.low)
        })
    }

    /// A clause without "that" after the verb: a finite verb or auxiliary
    /// within the next words, before any punctuation ("thinks damages will
    /// be", "feared the toll would rise"), not an object ("declared a state
    /// of emergency"). The subject of that clause may hold one of
    /// `object_prepositions` ("estimated losses from the storm could").
    fn bare_clause_follows(&self, toks: &[Tok], v1: usize) -> bool {
        let from = v1.min(toks.len());
        toks[from..]
            .iter()
            .enumerate()
            .take_while(|&(k, t)| {
                (t.is_word()
                    && !self.relatives.contains(&*t.low)
                    && (!self.stops.contains(&*t.low)
                        || (k > 0 && self.object_preps.contains(&*t.low))))
                    || matches!(t.kind, TokKind::Punct('-' | '\'' | '’'))
            })
            .map(|(_, t)| t)
            .take(9)
            .skip(1)
            .any(|t| {
                self.aux.contains(&*t.lc)
                    || self.passive.contains(&*t.lc)
                    || self.markers.contains(&*t.lc)
            })
    }

    /// "X, le président de Y, a reconnu ...": the verb at `i` follows a
    /// name that opens the unit and an apposition set off by commas, its
    /// subject; what follows the verb is its object, not an inverted subject.
    fn apposed_subject(&self, toks: &[Tok], i: usize) -> bool {
        if i == 0 || toks[i - 1].kind != TokKind::Punct(',') {
            return false;
        }
        let Some((s, e)) = self.subject_before(toks, i, false) else {
            return false;
        };
        let first_word = toks.iter().position(|t| t.is_word()).unwrap_or(0);
        // "X, who declared an emergency, said the bridge fell": a relative
        // clause set off between the subject and the verb.
        let incise = (e..i - 1)
            .rev()
            .find(|&k| toks[k].kind == TokKind::Punct(','))
            .map(|k| k + 1);
        if incise.is_some_and(|k| k < i - 1 && self.relatives.contains(&*toks[k].low)) {
            return s == first_word;
        }
        let Some(comma) = (s..e).rev().find(|&k| toks[k].kind == TokKind::Punct(',')) else {
            return false;
        };
        // The apposition opens with a determiner ("le président de Y", "a
        // spokesman for Y").
        let apposition = toks
            .get(comma + 1)
            .is_some_and(|t| self.determiners.contains(&*t.low) && !t.cap);
        // ... or the title comes first and the name after it ("le maire de
        // Y, Paul Grand, a dénoncé les pillards").
        let title_first = toks
            .get(s)
            .is_some_and(|t| self.determiners.contains(&*t.low))
            && self.named(toks, comma + 1, e);
        s == first_word && ((apposition && self.named(toks, s, comma)) || title_first)
    }

    /// "X, qui a déclaré", "X (outlet) qui pense", "X, who said": the
    /// antecedent of a relative pronoun right before the verb cluster at `i`.
    fn relative_antecedent(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let mut end = self.skip_back(toks, i);
        while end > 1 && self.objects.contains(&*toks[end - 1].low) && toks[end - 2].is_word() {
            end -= 1;
        }
        if end < 2 || !self.relatives.contains(&*toks[end - 1].low) {
            return None;
        }
        let k = end - 1;
        let before = &toks[k - 1];
        let mut e = match before.kind {
            TokKind::Punct(',') => k - 1,
            TokKind::Punct(')') => k,
            TokKind::Word if before.cap => k,
            _ => return None,
        };
        // "X (Le Journal) qui": the name before the parenthesis.
        if e > 0 && toks[e - 1].kind == TokKind::Punct(')') {
            let open = (0..e - 1)
                .rev()
                .take(12)
                .find(|&p| toks[p].kind == TokKind::Punct('('))?;
            e = open;
        }
        let mut s = e;
        while s > 0 && e - s < 12 && self.inside_subject(&toks[s - 1]) {
            s -= 1;
        }
        if s == e {
            return None;
        }
        // "à l'image de X, qui": the name at the end of a phrase.
        if !(toks[s].cap || self.determiners.contains(&*toks[s].low)) {
            let mut b = e;
            while b > s
                && (toks[b - 1].cap
                    || (b - 1 > s && matches!(toks[b - 1].kind, TokKind::Punct('-' | '\'' | '’'))))
            {
                b -= 1;
            }
            s = b;
        }
        if s == e || !self.valid_subject(toks, s, e) || !self.speaker_subject(toks, s, e) {
            return None;
        }
        Some((s, e))
    }

    /// "X est arrivé lundi et a déclaré ...": the subject that opens the
    /// unit, for a verb right after a coordinating conjunction.
    fn coordinated_subject(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let end = self.skip_back(toks, i);
        if end == 0 || !self.coordinators.contains(&*toks[end - 1].low) {
            return None;
        }
        let k = end - 1;
        if k > 0 && toks[k - 1].kind == TokKind::Punct(',') {
            return None;
        }
        let (s, e) = self.leading_subject(toks, k)?;
        let next = toks.get(e)?;
        let verb = next.is_word()
            && (self.aux.contains(&*next.lc)
                || self.passive.contains(&*next.lc)
                || self.markers.contains(&*next.lc)
                || self.forms.contains_key(&*next.low)
                || (!next.cap
                    && !self.determiners.contains(&*next.low)
                    && !self.stops.contains(&*next.low)
                    && !self.preps.contains(&*next.lc)));
        (verb && self.speaker_subject(toks, s, e)).then_some((s, e))
    }

    /// The subject before the verb cluster that starts at token `i`; in a
    /// subordinate clause only when `subordinate` ("after X tweeted, “...”").
    fn subject_before(&self, toks: &[Tok], i: usize, subordinate: bool) -> Option<(usize, usize)> {
        let mut end = self.skip_back(toks, i);
        // "X lui a envoyé": object pronouns between subject and verb.
        while end > 1
            && self.objects.contains(&*toks[end - 1].low)
            && toks[end - 2].is_word()
            && !self.determiners.contains(&*toks[end - 2].low)
        {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // A relative pronoun, negation or modal right before: not this verb's
        // credit; a determiner: an adjective ("an estimated 300").
        let prev = &toks[end - 1];
        // A capitalised word inside the unit is a name ("Theresa May said").
        let name = prev.cap && end >= 2;
        if (self.not_before_verb.contains(&*prev.low) && !name)
            || self.determiners.contains(&*prev.low)
            || (self.stops.contains(&*prev.low) && !prev.cap)
            || prev.kind == TokKind::Clitic
        {
            return None;
        }
        // Comma-separated parts leftwards: "X, adjointe au maire, a précisé".
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut e = end;
        loop {
            let mut s = e;
            while s > 0 && self.inside_subject(&toks[s - 1]) {
                s -= 1;
            }
            // A clause set off by commas right before the verb, opened by a
            // relative or subordinating word, is an incise whatever it holds
            // ("X, qui s'est rendu sur place, a indiqué"; "Officials in the
            // province, where 40 died, said"): the subject is before it.
            if parts.len() == 1 && parts[0].0 == parts[0].1 {
                let mut k = e;
                while k > 0 && e - k < 24 && toks[k - 1].kind != TokKind::Punct(',') {
                    k -= 1;
                }
                let opener = toks.get(k).filter(|_| k < e && k >= 2);
                if opener.is_some_and(|t| {
                    t.is_word()
                        && (self.relatives.contains(&*t.low)
                            || self.not_before_subject.contains(&*t.lc))
                }) && toks[k - 1].kind == TokKind::Punct(',')
                    && (k..e).all(|j| {
                        !matches!(toks[j].kind, TokKind::Punct('.' | ';' | ':' | '!' | '?'))
                    })
                {
                    parts.push((k, e));
                    e = k - 1;
                    continue;
                }
            }
            // "La Commission nationale pour la réduction des catastrophes a
            // estimé": a subordinating word inside an institution's name,
            // between a capitalised noun and a determiner.
            while s >= 2
                && s < e
                && self.not_before_subject.contains(&*toks[s - 1].lc)
                && self.determiners.contains(&*toks[s].low)
                && (s.saturating_sub(4)..s - 1).any(|k| {
                    toks[k].cap
                        && toks[k].is_word()
                        && (k == 0
                            || self.determiners.contains(&*toks[k - 1].low)
                            || toks[k - 1].cap)
                        && (k + 1..s - 1).all(|j| self.inside_subject(&toks[j]))
                })
            {
                s -= 1;
                while s > 0 && self.inside_subject(&toks[s - 1]) {
                    s -= 1;
                }
            }
            // "..., et des rapports ont indiqué": the conjunction opens the
            // clause (a relative pronoun opens an incise, skipped below:
            // "X, who toured the site, said").
            if s < e
                && self.conjunctions.contains(&*toks[s].low)
                && !(parts.len() == 1
                    && parts[0].0 == parts[0].1
                    && self.relatives.contains(&*toks[s].low))
                && (s == 0 || !toks[s - 1].is_word())
            {
                s += 1;
                // "But on Thursday the navy said", "Mais mardi le préfet a
                // annoncé": a time adjunct after it is not the subject.
                let mut k = s;
                while k + 1 < e
                    && (self.is_skip(&toks[k])
                        || (self.preps.contains(&*toks[k].lc) && self.is_skip(&toks[k + 1])))
                {
                    k += 1;
                }
                if k > s && self.valid_subject(toks, k, e) {
                    s = k;
                }
            }
            parts.push((s, e));
            if s == 0 {
                break;
            }
            let b = &toks[s - 1];
            if b.is_word() && self.not_before_subject.contains(&*b.lc) {
                // "si le ministre a dit", "after the agency warned"
                if subordinate && parts.len() == 1 && s < e {
                    break;
                }
                return None;
            }
            if parts.len() == 1 && s < e {
                break;
            }
            if b.kind != TokKind::Punct(',') || parts.len() >= 6 {
                break;
            }
            e = s - 1;
        }
        let (s0, e0) = parts[0];
        if s0 < e0 {
            if let Some(name) = self.unclosed_apposition(toks, s0, e0) {
                return Some(name);
            }
            return self.valid_subject(toks, s0, e0).then_some((s0, e0));
        }
        // The verb right after a comma: an apposition or incise before it
        // ("X, adjointe au maire, a précisé"; "X, de son côté, avance";
        // "X, qui ..., a évoqué").
        let mut keep = Vec::new();
        let mut named = false;
        for &(s, e) in &parts[1..] {
            if s == e {
                break;
            }
            // A connective set off by a comma opens the clause ("D'un autre
            // côté, l'USGS, qui ..., estime"; "Meanwhile, the agency, ..., said").
            if named && self.only_skip(toks, s, e) {
                break;
            }
            if self.skip_back(toks, e) <= s
                || self.not_before_verb.contains(&*toks[s].low)
                || self.not_before_subject.contains(&*toks[s].lc)
            {
                continue;
            }
            if self.valid_subject(toks, s, e) {
                named = true;
            } else if !self.apposition(toks, s, e) {
                break;
            }
            keep.push((s, e));
        }
        if !named {
            return None;
        }
        // Trim appositions at the far end: the subject starts at a name.
        while keep
            .last()
            .is_some_and(|&(s, e)| !self.valid_subject(toks, s, e))
        {
            keep.pop();
        }
        let (&(_, last_e), &(first_s, _)) = (keep.first()?, keep.last()?);
        Some((first_s, last_e))
    }

    /// "“...,” X, a guard at the station told Reuters": an apposition at `s`
    /// whose closing comma is missing, after a name that follows the
    /// quotation; the name and its apposition are the subject.
    fn unclosed_apposition(&self, toks: &[Tok], s: usize, e: usize) -> Option<(usize, usize)> {
        let first = &toks[s];
        if s < 2
            || first.cap
            || !self.determiners.contains(&*first.low)
            || toks[s - 1].kind != TokKind::Punct(',')
        {
            return None;
        }
        let end = s - 1;
        let mut n = end;
        while n > 0 && end - n < 4 && toks[n - 1].is_word() && toks[n - 1].cap {
            n -= 1;
        }
        let quoted =
            n > 0 && n < end && matches!(toks[n - 1].kind, TokKind::Punct(c) if is_quote(c));
        (quoted && self.named(toks, n, end)).then_some((n, e))
    }

    /// A description after a name: "adjointe au maire", "a spokesman for Y".
    fn apposition(&self, toks: &[Tok], s: usize, e: usize) -> bool {
        let words: Vec<&Tok> = toks[s..e].iter().filter(|t| t.is_word()).collect();
        !words.is_empty()
            && words.len() <= 12
            && !words.iter().any(|t| {
                self.markers.contains(&*t.lc)
                    || self.aux.contains(&*t.lc)
                    || self.first_person.contains(&*t.low)
            })
    }

    fn inside_subject(&self, t: &Tok) -> bool {
        match t.kind {
            TokKind::Word => {
                !self.openers.contains(&*t.low) && !self.not_before_subject.contains(&*t.lc)
            }
            TokKind::Clitic => false,
            TokKind::Punct(c) => matches!(c, '-' | '\'' | '’' | '&' | '/' | '(' | ')'),
        }
    }

    /// The speech tag "..., a déclaré le ministre" / "relate-t-elle": the
    /// subject after the verb, when a tag boundary precedes the verb cluster.
    fn inverted(&self, toks: &[Tok], i: usize, v1: usize) -> Option<(usize, usize)> {
        let boundary = match i.checked_sub(1).map(|k| &toks[k]) {
            None => false,
            Some(t) => match t.kind {
                TokKind::Punct(c) => {
                    matches!(c, ',' | '.' | '!' | '?' | '…' | '—' | '–' | '-') || is_quote(c)
                }
                // "comme l'a annoncé X", "c'est ce que promettent X"
                TokKind::Word => {
                    (matches!(&*t.low, "l'" | "le" | "la")
                        && i >= 2
                        && self.openers.contains(&*toks[i - 2].low))
                        || self.after_inversion_phrase(toks, i)
                }
                TokKind::Clitic => false,
            },
        };
        if !boundary {
            return None;
        }
        let cleft = self.after_inversion_phrase(toks, i);
        if toks.get(v1).is_some_and(|t| t.kind == TokKind::Clitic) {
            return (!self.first_person.contains(&*toks[v1].low)).then_some((v1, v1 + 1));
        }
        let mut j = self.skip_fwd(toks, v1);
        // "à l'AFP", "auprès de nos confrères du Journal", "dès son
        // arrivée sur place en fin de matinée"
        let mut guard = 0;
        while j < toks.len() && self.preps.contains(&*toks[j].lc) && guard < 4 {
            guard += 1;
            j = self.skip_fwd(toks, self.skip_phrase(toks, j + 1));
        }
        let s = j;
        let first = toks.get(s)?;
        if !first.is_word() || self.first_person.contains(&*first.low) {
            return None;
        }
        // A bare speaker noun right after the verb too: "said police", "said
        // doctors" (not "said in a statement").
        let starts = first.cap
            || self.determiners.contains(&*first.low)
            || self.pronouns.contains(&*first.low)
            || (guard == 0 && self.is_speaker(&first.low));
        // An English title before a name: "fire behavior analyst Dennis Burns".
        let titled = !starts
            && toks[s..toks.len().min(s + 5)]
                .iter()
                .take_while(|t| t.is_word())
                .any(|t| t.cap);
        if !starts && !titled {
            return None;
        }
        let mut e = s;
        let mut words = 0;
        while e < toks.len() && words < 12 {
            let t = &toks[e];
            match t.kind {
                TokKind::Word => {
                    if e > s
                        && (self.stops.contains(&*t.low)
                            || self.markers.contains(&*t.lc)
                            || self.aux.contains(&*t.lc)
                            || self.openers.contains(&*t.low))
                    {
                        break;
                    }
                    words += 1;
                    e += 1;
                }
                TokKind::Punct(',')
                    if self.determiners.contains(&*toks[s].low)
                        && !toks[s..e].iter().any(|t| t.kind == TokKind::Punct(','))
                        && toks.get(s + 1).is_some_and(|n| !n.cap)
                        && self.name_after_comma(toks, e + 1) =>
                {
                    // "le ministre de l'Intérieur, Bruno Retailleau"; "le
                    // chef de la junte, le général Min Aung Hlaing"
                    e += 1;
                }
                TokKind::Punct('-' | '\'' | '’' | '&') => e += 1,
                _ => break,
            }
        }
        while e > s && !toks[e - 1].is_word() {
            e -= 1;
        }
        if e == s || !self.valid_subject(toks, s, e) {
            return None;
        }
        // A verb or "que" after it: the subject of a clause, or the person
        // addressed ("said it was", "explique au maire que").
        if toks.get(e).is_some_and(|t| {
            t.is_word()
                && (self.aux.contains(&*t.lc)
                    || self.passive.contains(&*t.lc)
                    || self.markers.contains(&*t.lc)
                    || self.complementizers.contains(&*t.low))
        }) {
            return None;
        }
        let named = toks[s..e].iter().any(|t| t.cap);
        if titled && !named {
            return None;
        }
        // A common noun after a tag that follows no quotation may be the
        // verb's object ("..., a annoncé la fermeture"): only speaker nouns.
        let quoted = cleft
            || (1..=2)
                .any(|k| i >= k && matches!(toks[i - k].kind, TokKind::Punct(c) if is_quote(c)));
        if !named && !quoted && !self.pronouns.contains(&*toks[s].low) {
            let speaker = toks[s..e]
                .iter()
                .filter(|t| t.is_word() && !self.determiners.contains(&*t.low))
                .take(2)
                .any(|t| self.is_speaker(&t.low));
            if !speaker {
                return None;
            }
        }
        Some((s, e))
    }

    /// A name at `k`, or a title of one or two lower-case words after a
    /// determiner and then a name: what an apposition after a comma gives
    /// ("Bruno Retailleau", "le général Min Aung Hlaing").
    fn name_after_comma(&self, toks: &[Tok], k: usize) -> bool {
        let cap_word = |j: usize| toks.get(j).is_some_and(|n| n.cap && n.is_word());
        if cap_word(k) {
            return true;
        }
        toks.get(k)
            .is_some_and(|t| self.determiners.contains(&*t.low) && !t.cap)
            && (k + 2..k + 4).any(|j| {
                cap_word(j)
                    && toks[k + 1..j].iter().all(|t| {
                        t.is_word()
                            && !t.cap
                            && !self.stops.contains(&*t.low)
                            && !self.markers.contains(&*t.lc)
                    })
            })
    }

    /// "South Korea's acting president, Jane Doe, said": a title of at most
    /// eight words from `s`, then a name of two to four capitalised words
    /// set off by commas, before `end`: the name.
    fn apposed_name(&self, toks: &[Tok], s: usize, end: usize) -> Option<(usize, usize)> {
        let c1 = (s..end.min(s + 12)).find(|&k| toks[k].kind == TokKind::Punct(','))?;
        let title = &toks[s..c1];
        if title.iter().filter(|t| t.is_word()).count() > 8
            || !title.iter().any(|t| t.is_word() && !t.cap)
            || title.iter().any(|t| {
                !(t.is_word() || matches!(t.kind, TokKind::Punct('-' | '\'' | '’')))
                    || self.markers.contains(&*t.lc)
                    || self.aux.contains(&*t.lc)
            })
        {
            return None;
        }
        let n = c1 + 1;
        let mut e = n;
        while e < end && (toks[e].cap || matches!(toks[e].kind, TokKind::Punct('-'))) {
            e += 1;
        }
        let words = toks[n..e].iter().filter(|t| t.is_word()).count();
        let closed = toks.get(e).is_some_and(|t| t.kind == TokKind::Punct(','));
        ((2..=4).contains(&words) && closed && self.valid_subject(toks, n, e)).then_some((n, e))
    }

    /// Does a phrase of `inversion_after` ("ce que", "tel que") end right
    /// before token `i` (an object pronoun "l'" may stand between)?
    fn after_inversion_phrase(&self, toks: &[Tok], i: usize) -> bool {
        let ends_at = |end: usize| {
            self.inversion_after.iter().any(|p| {
                !p.is_empty()
                    && p.len() <= end
                    && toks[end - p.len()..end]
                        .iter()
                        .zip(p.iter())
                        .all(|(t, w)| &t.low == w)
            })
        };
        ends_at(i) || (i > 0 && self.objects.contains(&*toks[i - 1].low) && ends_at(i - 1))
    }

    /// The end of the noun group of a prepositional phrase starting at `j`
    /// (after its preposition): determiners, a name or one word, then its
    /// complements ("de La Croix", "de matinée").
    fn skip_phrase(&self, toks: &[Tok], mut j: usize) -> usize {
        let linker = |t: &Tok| matches!(&*t.low, "de" | "d'" | "du" | "of");
        let head = |j: &mut usize| -> bool {
            while *j < toks.len() && self.determiners.contains(&*toks[*j].low) && !toks[*j].cap {
                *j += 1;
            }
            let Some(t) = toks.get(*j) else {
                return false;
            };
            if !t.is_word() {
                return false;
            }
            if t.cap {
                // A name: "La Voix du Nord", "Dernières Nouvelles d'Alsace";
                // an acronym ends it ("à l'AFP Jean Dupont").
                *j += 1;
                while *j < toks.len() && !toks[*j - 1].acronym {
                    let n = &toks[*j];
                    if n.is_word() && n.cap {
                        *j += 1;
                    } else if (linker(n) || matches!(n.kind, TokKind::Punct('-' | '\'' | '’')))
                        && toks.get(*j + 1).is_some_and(|m| m.is_word() && m.cap)
                    {
                        *j += 2;
                    } else {
                        break;
                    }
                }
            } else {
                *j += 1;
            }
            true
        };
        if !head(&mut j) {
            return j;
        }
        let mut guard = 0;
        while guard < 3 && toks.get(j).is_some_and(linker) {
            let save = j;
            j += 1;
            if !head(&mut j) {
                return save;
            }
            guard += 1;
        }
        // "à la chaîne de télévision ERT le porte-parole": a name set after
        // the noun is part of the phrase when another noun phrase follows.
        let mut m = j;
        while toks.get(m).is_some_and(|t| t.is_word() && t.cap) {
            m += 1;
        }
        if m > j
            && toks
                .get(m)
                .is_some_and(|t| !t.cap && self.determiners.contains(&*t.low))
        {
            return m;
        }
        j
    }

    /// "Et d'ajouter que ...": the infinitive of narration continues the
    /// speaker before. The hit's source is empty: a pronoun for that speaker.
    fn narrative_infinitive(&self, toks: &[Tok], v0: usize, v1: usize) -> Option<SpeechHit> {
        let words: Vec<usize> = (0..v0).filter(|&k| toks[k].is_word()).collect();
        let ok = match words.as_slice() {
            [c, d] => {
                self.conjunctions.contains(&*toks[*c].low)
                    && self.infinitives_of_narration.contains(&*toks[*d].low)
            }
            _ => false,
        };
        if !ok || !self.clause_follows(toks, v1) {
            return None;
        }
        let at = toks[v0].s;
        Some(SpeechHit {
            verb: (toks[words[0]].s, toks[v1 - 1].e),
            source: (at, at),
            construction: Construction::Subject,
        })
    }

    /// The agent of a passive reporting verb: "par X", "by X".
    fn agent(&self, toks: &[Tok], _aux: usize, v1: usize) -> Option<(usize, usize)> {
        let mut j = self.skip_fwd(toks, v1);
        // An attribute or a second participle between: "jugé insuffisant
        // par", "qualifié de « honteux » par", "noté et souligné par".
        let mut between = 0;
        while between < 4
            && toks.get(j).is_some_and(|t| {
                !self.agents.contains(&*t.low)
                    && (t.is_word() || matches!(t.kind, TokKind::Punct(c) if is_quote(c)))
                    && !self.stops.contains(&*t.low)
                    && !t.cap
            })
        {
            between += 1;
            j += 1;
        }
        if !toks.get(j).is_some_and(|t| self.agents.contains(&*t.low)) {
            return None;
        }
        let s = j + 1;
        let first = toks.get(s)?;
        if !first.is_word() || !(first.cap || self.determiners.contains(&*first.low)) {
            return None;
        }
        let mut e = s;
        while e < toks.len()
            && e - s < 10
            && (toks[e].is_word() || matches!(toks[e].kind, TokKind::Punct('-' | '\'' | '’')))
            && !(e > s
                && (self.stops.contains(&*toks[e].low) || self.markers.contains(&*toks[e].lc)))
        {
            e += 1;
        }
        while e > s && !toks[e - 1].is_word() {
            e -= 1;
        }
        (e > s && self.valid_subject(toks, s, e)).then_some((s, e))
    }

    /// A subject that names someone: two capitalised words, or one that is
    /// not the first word of the unit.
    fn named(&self, toks: &[Tok], s: usize, e: usize) -> bool {
        let first = &toks[s];
        if !first.cap || self.determiners.contains(&*first.low) {
            return false;
        }
        let first_word = toks.iter().position(|t| t.is_word()).unwrap_or(0);
        s != first_word || toks[s + 1..e].iter().any(|t| t.is_word() && t.cap)
    }

    /// A speech tag with no comma before it, at the end of the unit: "...
    /// validé par l'hôpital rapporte Le Courrier." Only a name or a speaker
    /// noun that runs to the end of the unit.
    fn inverted_at_end(&self, toks: &[Tok], i: usize, v1: usize, form: Form) -> Option<SpeechHit> {
        // A pronoun right before the verb is its subject ("they had found").
        if form.addressee
            || i == 0
            || !toks[i - 1].is_word()
            || self.not_before_verb.contains(&*toks[i - 1].low)
            || self.objects.contains(&*toks[i - 1].low)
            || self.pronouns.contains(&*toks[i - 1].low)
        {
            return None;
        }
        let s = self.skip_fwd(toks, v1);
        let first = toks.get(s)?;
        // "found a survivor": an indefinite noun phrase there is an object.
        if !first.is_word()
            || !(first.cap || self.determiners.contains(&*first.low))
            || self.indefinites.contains(&*first.low)
        {
            return None;
        }
        let mut e = s;
        while e < toks.len()
            && (toks[e].is_word() || matches!(toks[e].kind, TokKind::Punct('-' | '\'' | '’')))
        {
            e += 1;
        }
        if e - s > 6 || toks[e..].iter().any(|t| t.is_word()) || !self.valid_subject(toks, s, e) {
            return None;
        }
        // A speaker noun heads the phrase ("la préfecture", not "a state of ...").
        let speaker = toks[s..e]
            .iter()
            .find(|t| t.is_word() && !self.determiners.contains(&*t.low))
            .is_some_and(|t| self.is_speaker(&t.low));
        if !self.named(toks, s, e) && !speaker {
            return None;
        }
        Some(SpeechHit {
            verb: (toks[i].s, toks[v1 - 1].e),
            source: (toks[s].s, toks[e - 1].e),
            construction: Construction::Inverted,
        })
    }

    /// The noun phrase that opens a unit, before its first verb ("Le préfet
    /// insiste ..."), for a pronoun later in the same unit.
    pub fn opening_subject(&self, text: &str) -> Option<(usize, usize)> {
        let toks = self.tokens(text);
        let (s, e) = self.leading_subject(&toks, toks.len())?;
        let next = toks.get(e)?;
        let verb = self.forms.contains_key(&*next.low)
            || self.aux.contains(&*next.lc)
            || self.markers.contains(&*next.lc);
        verb.then(|| (toks[s].s, toks[e - 1].e))
    }

    /// The words that open a unit after an opening phrase ("Au lendemain,
    /// le préfet de Y se voulait rassurant"), up to its first verb or its
    /// last capitalised word, whatever follows: a candidate antecedent for a
    /// pronoun in a later unit.
    pub fn opening_phrase(&self, text: &str) -> Option<(usize, usize)> {
        let toks = self.tokens(text);
        let (s, e) = self.leading_subject(&toks, toks.len())?;
        Some((toks[s].s, toks[e - 1].e))
    }

    /// The name that opens the unit, for a participle after a comma: "X
    /// addressed the media, stating ...".
    fn leading_subject(&self, toks: &[Tok], comma: usize) -> Option<(usize, usize)> {
        let mut s = 0;
        while s < comma && !toks[s].is_word() {
            s += 1;
        }
        // "11h39: Les assureurs ...": a time code before a colon.
        if s + 1 < comma
            && toks[s].low.starts_with(|c: char| c.is_ascii_digit())
            && toks[s + 1].kind == TokKind::Punct(':')
        {
            s += 2;
        }
        // "Pendant ce temps, son entourage ...", "Reacting to the ruling, X
        // ...": skip an opening phrase.
        loop {
            let k = toks[s..comma]
                .iter()
                .position(|t| t.kind == TokKind::Punct(','));
            // "De son côté, X": a phrase to skip that fills the part.
            let skipped = k.is_some_and(|k| k > 0 && self.skip_phrase_fwd(toks, s) == k);
            let opener = s < comma
                && ((self.stops.contains(&*toks[s].low) || self.is_skip(&toks[s]))
                    && !self.determiners.contains(&*toks[s].low)
                    || skipped
                    || k.is_some_and(|k| k > 2 && self.participle(&toks[s])));
            match k {
                Some(k) if opener => s += k + 1,
                _ => break,
            }
        }
        if let Some(name) = self.apposed_name(toks, s, comma) {
            return Some(name);
        }
        let mut e = s;
        let mut seen_cap = false;
        // "Le Premier ministre belge", "La Cour suprême": a capital right
        // after the opening article is part of a noun, not a name's start.
        let noun_cap = s + 1 < comma && self.determiners.contains(&*toks[s].low) && toks[s + 1].cap;
        let names_from = if noun_cap { s + 2 } else { s + 1 };
        while e < comma && e - s < 10 {
            let t = &toks[e];
            if !t.is_word() {
                if matches!(t.kind, TokKind::Punct('-' | '\'' | '’')) {
                    e += 1;
                    continue;
                }
                // "Captain (retired) Ana Ruiz": a short aside inside a name.
                if t.kind == TokKind::Punct('(') && seen_cap {
                    let close = toks[e..comma.min(e + 5)]
                        .iter()
                        .position(|t| t.kind == TokKind::Punct(')'));
                    if let Some(c) = close.filter(|&c| toks.get(e + c + 1).is_some_and(|t| t.cap)) {
                        e += c + 1;
                        continue;
                    }
                }
                break;
            }
            if self.markers.contains(&*t.lc)
                || self.aux.contains(&*t.lc)
                || self.forms.contains_key(&*t.low)
                || (seen_cap && !t.cap && !self.determiners.contains(&*t.low) && t.low.len() > 3)
            {
                break;
            }
            seen_cap |= t.cap && e >= names_from;
            e += 1;
        }
        if toks
            .get(names_from..e)
            .is_some_and(|r| r.iter().any(|t| t.cap))
        {
            while e > s && !toks[e - 1].cap {
                e -= 1;
            }
        }
        (e > s && self.valid_subject(toks, s, e)).then_some((s, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::load::Lang;
    use crate::rules::RuleSet;

    fn credits(lang: Lang, text: &str) -> Vec<String> {
        let rules = RuleSet::bundled(lang);
        let sp = Speech::new(&rules.attribution).with_abbreviations(&rules.segment.abbreviations);
        sp.find(text, &fold(text))
            .into_iter()
            .map(|h| text[h.source.0..h.source.1].to_string())
            .collect()
    }

    #[test]
    fn tokens_split_elisions_and_clitics() {
        let t = tokenize("« Oui », a-t-il dit à l’AFP. M. Dupont relate-t-elle");
        let lows: Vec<&str> = t.iter().map(|t| &*t.low).collect();
        assert_eq!(
            lows,
            vec![
                "«", "oui", "»", ",", "a", "il", "dit", "a", "l'", "afp", ".", "m.", "dupont",
                "relate", "elle"
            ]
        );
        assert_eq!(t[5].kind, TokKind::Clitic);
    }

    #[test]
    fn a_verb_form_that_modifies_a_noun_credits_nobody() {
        for text in [
            "A Kansas state jury on Monday ordered the maker to pay $20 million.",
            "After the hearing, state court Judge Ann Lee cut the award to $4 million.",
            "Under state law, fines cannot exceed the damages.",
        ] {
            assert!(credits(Lang::En, text).is_empty(), "{text}");
        }
        assert_eq!(
            credits(Lang::En, "The auditors state that the accounts were sound."),
            vec!["The auditors"]
        );
        assert_eq!(
            credits(Lang::En, "\"We will appeal,\" state the lawyers."),
            vec!["the lawyers"]
        );
        assert_eq!(
            credits(Lang::En, "Experts state clearly the risk is low."),
            vec!["Experts"]
        );
    }

    #[test]
    fn a_commitment_before_an_infinitive_credits_its_speaker() {
        assert_eq!(
            credits(Lang::En, "The company vowed to appeal the ruling."),
            vec!["The company"]
        );
        assert_eq!(
            credits(Lang::Fr, "Le syndicat menace de bloquer les dépôts."),
            vec!["Le syndicat"]
        );
        // Not a speaker, or not an infinitive.
        assert!(credits(Lang::En, "The river promised to rise again.").is_empty());
        assert!(credits(Lang::Fr, "La digue menace de céder.").is_empty());
    }

    #[test]
    fn calling_something_a_quoted_name_credits_the_subject() {
        assert_eq!(
            credits(
                Lang::En,
                "The governor called the damage \"heartbreaking\" in a post."
            ),
            vec!["The governor"]
        );
        assert_eq!(
            credits(Lang::En, "Critics have branded the plan “reckless”."),
            vec!["Critics"]
        );
        for text in [
            "Residents called the police when the water rose.",
            "The mayor called for calm.",
            "\"Stay inside,\" called the mayor.",
        ] {
            assert!(credits(Lang::En, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_bare_speaker_noun_after_the_verb_is_an_inverted_subject() {
        assert_eq!(
            credits(Lang::En, "Two men were arrested, said police at the scene."),
            vec!["police"]
        );
        assert_eq!(
            credits(Lang::En, "The river rose fast, said residents."),
            vec!["residents"]
        );
        // A document after a preposition is how, not who.
        assert!(
            credits(Lang::En, "The river rose fast, it said in a statement.")
                .iter()
                .all(|s| s != "statement")
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Le bilan est lourd, ont indiqué les pompiers sans plus de précisions."
            ),
            vec!["les pompiers"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "« Les enfants sont les plus touchés » note sans surprise l'agence."
            ),
            vec!["l'agence"]
        );
    }

    #[test]
    fn french_subjects_before_the_verb_in_every_tense() {
        assert_eq!(
            credits(
                Lang::Fr,
                "Le recteur Paul Henri estime néanmoins que la rentrée aura lieu."
            ),
            vec!["Le recteur Paul Henri"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Mme Claire Dubois, adjointe au maire, avait précisé que la route restait fermée."
            ),
            vec!["Mme Claire Dubois, adjointe au maire"]
        );
        assert_eq!(
            credits(Lang::Fr, "La mairie faisait état de trois blessés."),
            vec!["La mairie"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Le syndicat a qualifié mardi ces annonces de provocation."
            ),
            vec!["Le syndicat"]
        );
        assert!(credits(
            Lang::Fr,
            "Si le maire a annoncé la fermeture, rien ne change."
        )
        .is_empty());
        assert!(credits(
            Lang::Fr,
            "Les élèves qui dénoncent ces pratiques sont nombreux."
        )
        .is_empty());
    }

    #[test]
    fn french_speech_tags_with_the_subject_inverted() {
        assert_eq!(
            credits(
                Lang::Fr,
                "« Nous tiendrons », a répondu la porte-parole du syndicat."
            ),
            vec!["la porte-parole du syndicat"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "« Rien n'est prêt », s'insurge le président du club."
            ),
            vec!["le président du club"]
        );
        assert_eq!(
            credits(Lang::Fr, "« Je lui ai écrit », relate-t-elle."),
            vec!["elle"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "« Tout a brûlé », a raconté à l'AFP Jean Martin, boulanger."
            ),
            vec!["Jean Martin"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Les secours sont arrivés tard, soulignait Anne Leroy, sénatrice du Gers, lundi."
            ),
            vec!["Anne Leroy"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Le pont a été rouvert, comme l'a annoncé jeudi la préfecture."
            ),
            vec!["la préfecture"]
        );
    }

    #[test]
    fn communiquer_is_a_tag_verb() {
        assert_eq!(
            credits(
                Lang::Fr,
                "La route reste coupée, a communiqué la préfecture."
            ),
            vec!["la préfecture"]
        );
    }

    #[test]
    fn a_name_with_an_apposition_before_a_verb_and_its_object() {
        assert_eq!(
            credits(
                Lang::Fr,
                "Marc Petit, le directeur de la SNCF, a reconnu la responsabilité de l'entreprise."
            ),
            vec!["Marc Petit, le directeur de la SNCF"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "Ann Lee, a spokeswoman for the utility, confirmed the outage."
            ),
            vec!["Ann Lee, a spokeswoman for the utility"]
        );
        // Its closing comma missing, after a quotation.
        assert_eq!(
            credits(
                Lang::En,
                "“All trains stopped,” Tom Hale, a guard at the station told Reuters."
            ),
            vec!["Tom Hale, a guard at the station"]
        );
        // A tag after a statement still has its subject after the verb.
        assert_eq!(
            credits(
                Lang::Fr,
                "La ligne rouvrira lundi, a reconnu le directeur de la SNCF."
            ),
            vec!["le directeur de la SNCF"]
        );
    }

    #[test]
    fn a_figure_claimed_credits_who_claims_it() {
        assert_eq!(
            credits(
                Lang::Fr,
                "Les syndicats revendiquent 3,5 millions de manifestants."
            ),
            vec!["Les syndicats"]
        );
        assert_eq!(
            credits(Lang::En, "The union claimed 40,000 members."),
            vec!["The union"]
        );
        // A demand is no claim of a fact.
        assert!(credits(
            Lang::Fr,
            "Les syndicats revendiquent une hausse des salaires."
        )
        .is_empty());
    }

    #[test]
    fn an_estimate_with_an_object_and_an_infinitive_credits_its_subject() {
        assert_eq!(
            credits(
                Lang::En,
                "Northwind estimates the damage to the port to be $40 million."
            ),
            vec!["Northwind"]
        );
        assert_eq!(
            credits(Lang::En, "The agency expects the toll to rise."),
            vec!["The agency"]
        );
        // An object without the infinitive is no statement of the subject's.
        assert!(credits(Lang::En, "The agency estimates damage every spring.").is_empty());
    }

    #[test]
    fn a_preposition_inside_an_institution_s_name() {
        assert_eq!(
            credits(
                Lang::Fr,
                "L'Agence nationale pour la sécurité des barrages a estimé que la digue tiendrait."
            ),
            vec!["L'Agence nationale pour la sécurité des barrages"]
        );
        // A clause opened by "pour" is still no subject.
        assert!(credits(Lang::Fr, "Pour la mairie a estimé que la digue tiendrait.").is_empty());
    }

    #[test]
    fn a_relative_clause_between_the_subject_and_its_verb() {
        assert_eq!(
            credits(
                Lang::En,
                "Governor Ann Lee, who declared an emergency on Monday, said the levee held."
            ),
            vec!["Governor Ann Lee"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "Le maire, qui a visité le quartier sinistré, a dit que la digue avait tenu."
            ),
            vec!["Le maire"]
        );
        // "echo" credits before a clause; "for example" between subject and verb.
        assert_eq!(
            credits(
                Lang::En,
                "The agency echoed that no toxic smoke had reached the town."
            ),
            vec!["The agency"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "The mayor for example said the shelters were full."
            ),
            vec!["The mayor"]
        );
        // "par exemple" between the auxiliary and the participle of a tag.
        assert_eq!(
            credits(
                Lang::Fr,
                "« Tout a tremblé », a par exemple témoigné Marc Petit, un voisin."
            ),
            vec!["Marc Petit"]
        );
    }

    #[test]
    fn a_subordinate_clause_set_off_before_the_verb_is_an_incise() {
        assert_eq!(
            credits(
                Lang::Fr,
                "Le préfet, qui s'est rendu sur place, a indiqué que le feu était maîtrisé."
            ),
            vec!["Le préfet"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "Officials in the northern province, where at least 40 people died, said the shelters were full."
            ),
            vec!["Officials in the northern province"]
        );
        // Not set off by commas: a subordinate clause, no incise.
        assert!(credits(Lang::En, "Where the river rose the mayor said nothing new.").len() <= 1);
    }

    #[test]
    fn a_connective_before_the_subject_is_no_part_of_it() {
        assert_eq!(
            credits(
                Lang::Fr,
                "D'autre part, l'institut, qui a relevé son alerte, estime que les pertes dépasseront 2 000."
            ),
            vec!["l'institut"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "Meanwhile, the weather service, which issued a flood watch, said the river would crest."
            ),
            vec!["the weather service"]
        );
        // An incise after the subject is still skipped.
        assert_eq!(
            credits(
                Lang::Fr,
                "Le syndicat, de son côté, avance le chiffre de 300 grévistes."
            ),
            vec!["Le syndicat"]
        );
    }

    #[test]
    fn a_tag_reaches_its_subject_past_an_incise_a_date_and_a_title() {
        for (text, who) in [
            (
                "« Les stocks tiendront », a assuré, pour sa part, la préfecture dans un communiqué.",
                "la préfecture",
            ),
            (
                "« Le pont rouvrira », a déclaré lors d'une conférence de presse, mardi 3 juin, la ministre des transports, Claire Morin.",
                "la ministre des transports, Claire Morin",
            ),
            (
                "Trois écoles sont fermées, a déclaré le chef du gouvernement, le général Paul Sanou, dans une allocution.",
                "le chef du gouvernement, le général Paul Sanou",
            ),
        ] {
            assert_eq!(credits(Lang::Fr, text), vec![who], "{text}");
        }
    }

    #[test]
    fn an_opening_phrase_is_no_subject_and_a_colon_opens_speech() {
        assert_eq!(
            credits(
                Lang::En,
                "With more snow forecast in the passes, the ranger warned that the road could close."
            ),
            vec!["the ranger"]
        );
        // The quotation after the colon was cut from the page.
        assert_eq!(credits(Lang::Fr, "Elle a déclaré :"), vec!["Elle"]);
        assert!(credits(Lang::Fr, "L'enquête avance.").is_empty());
    }

    #[test]
    fn the_agent_of_a_threat_in_the_passive_said_nothing() {
        assert!(credits(
            Lang::Fr,
            "Le gardien a porté plainte après avoir été menacé par deux hommes."
        )
        .is_empty());
        assert_eq!(
            credits(Lang::Fr, "Les faits ont été confirmés par le parquet."),
            vec!["le parquet"]
        );
    }

    #[test]
    fn declaring_a_state_is_an_act_not_speech() {
        for (lang, text) in [
            (
                Lang::Fr,
                "Le gouvernement a déclaré l'état de catastrophe naturelle.",
            ),
            (
                Lang::Fr,
                "L'agence a ensuite proclamé une alerte sanitaire.",
            ),
            (
                Lang::En,
                "The governor has declared a state of emergency in four counties.",
            ),
        ] {
            assert!(credits(lang, text).is_empty(), "{text}");
        }
        for (lang, text, who) in [
            (
                Lang::Fr,
                "Le maire a déclaré à la presse que la digue tiendrait.",
                "Le maire",
            ),
            (
                Lang::Fr,
                "La ministre s'est déclarée favorable à un fonds d'urgence.",
                "La ministre",
            ),
            (
                Lang::En,
                "The governor declared that the roads were safe.",
                "The governor",
            ),
            (
                Lang::En,
                "\"The roads are safe,\" the governor declared.",
                "the governor",
            ),
        ] {
            assert_eq!(credits(lang, text), vec![who], "{text}");
        }
    }

    #[test]
    fn a_governing_verb_before_a_reporting_infinitive_and_a_clause() {
        for (lang, text, who) in [
            (
                Lang::Fr,
                "L'hôpital a tenu à préciser que les soins continuaient.",
                "L'hôpital",
            ),
            (
                Lang::Fr,
                "Le ministère a voulu rappeler que les stocks suffisaient.",
                "Le ministère",
            ),
            (
                Lang::Fr,
                "La direction souhaite souligner que les salaires seront versés.",
                "La direction",
            ),
            (
                Lang::En,
                "The ministry wanted to stress that the water was safe.",
                "The ministry",
            ),
            // The progressive of a verb that credits whatever follows.
            (Lang::En, "The agency is saying the dam held.", "The agency"),
            (
                Lang::En,
                "The agency is saying that the dam held.",
                "The agency",
            ),
        ] {
            assert_eq!(credits(lang, text), vec![who], "{text}");
        }
        // Before an object, the plan of an act: nobody is credited.
        for (lang, text) in [
            (
                Lang::Fr,
                "Le gouvernement veut préciser les règles du concours.",
            ),
            (
                Lang::En,
                "The ministry wants to announce a new plan next week.",
            ),
        ] {
            assert!(credits(lang, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_participle_inside_the_opening_noun_phrase_credits_nobody() {
        for text in [
            "Les éléments dévoilés par les pirates incluent des données médicales.",
            "Une commune a été ajoutée par la suite.",
        ] {
            assert!(credits(Lang::Fr, text).is_empty(), "{text}");
        }
        // A tag verb with "par la suite" before its subject still credits it.
        assert_eq!(
            credits(
                Lang::Fr,
                "Les habitants sont inquiets, a ajouté par la suite le maire."
            ),
            vec!["le maire"]
        );
    }

    #[test]
    fn an_abbreviation_inside_a_speaker_s_name() {
        // "Jr." before the comma of an apposition.
        assert_eq!(
            credits(
                Lang::En,
                "Carl Booker Jr., chief of the state police, said the search would go on."
            ),
            vec!["Carl Booker Jr., chief of the state police"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "The bridge will reopen in May, Gov. Ann Lee said."
            ),
            vec!["Gov. Ann Lee"]
        );
        // A title's abbreviation after a capital opens the name.
        assert_eq!(
            credits(
                Lang::En,
                "Crews had time to stop the traffic, Ohio Sen. Paul Grant said."
            ),
            vec!["Ohio Sen. Paul Grant"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "Prices will rise, the Acme Corp. said in a statement."
            ),
            vec!["the Acme Corp"]
        );
        // A dot that ends the sentence still ends it.
        assert_eq!(
            credits(
                Lang::En,
                "The plant belongs to Acme Corp. Officials said the fire was out."
            ),
            vec!["Officials"]
        );
    }

    #[test]
    fn a_title_with_a_capital_and_a_name_before_a_participle() {
        assert_eq!(
            credits(
                Lang::Fr,
                "Le Premier ministre belge a apporté son soutien au maire, déclarant « nous sommes avec lui »."
            ),
            ["Le Premier ministre belge"]
        );
        assert_eq!(
            credits(
                Lang::Fr,
                "La colère gagne l'opposition, Pierre Vidal estimant que « ce texte est injuste »."
            ),
            ["Pierre Vidal"]
        );
        // Without a clause after it, the participle credits no one.
        assert!(credits(
            Lang::Fr,
            "Les visiteurs affluent, Pierre Vidal estimant les lieux."
        )
        .is_empty());
    }

    #[test]
    fn accents_tell_a_participle_from_a_finite_form() {
        // "considéré" and "considère" fold alike; only the finite form credits its subject.
        assert!(credits(
            Lang::Fr,
            "Longtemps considéré comme un modèle, le groupe perd de l'argent."
        )
        .is_empty());
        assert_eq!(
            credits(Lang::Fr, "Le maire considère que la digue tiendra."),
            ["Le maire"]
        );
        assert_eq!(
            credits(Lang::Fr, "Le maire a considéré que la digue tiendrait."),
            ["Le maire"]
        );
    }

    #[test]
    fn english_subjects_and_tags() {
        assert_eq!(
            credits(
                Lang::En,
                "The agency has repeatedly warned that the dam could fail."
            ),
            vec!["The agency"]
        );
        assert_eq!(
            credits(Lang::En, "Maria Lopez, a spokeswoman for the district, said Thursday the schools would reopen."),
            vec!["Maria Lopez, a spokeswoman for the district"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "The storm will peak on Friday, warned weather forecaster Tom Hale at a briefing."
            ),
            vec!["weather forecaster Tom Hale"]
        );
        assert_eq!(
            credits(Lang::En, "The bridge was unsafe, the Daily Courier found."),
            vec!["the Daily Courier"]
        );
        assert_eq!(
            credits(
                Lang::En,
                "Sheriff Ann Cole addressed reporters, stating that two people were missing."
            ),
            vec!["Sheriff Ann Cole"]
        );
        assert!(credits(
            Lang::En,
            "The suspect was arrested and admitted to starting the fire."
        )
        .is_empty());
        assert!(credits(
            Lang::En,
            "The plan funds projects to curb floods she says stem from neglect."
        )
        .is_empty());
        assert!(credits(Lang::En, "The ministry declined to say how many had died.").is_empty());
        assert!(credits(Lang::En, "He was told to leave.").is_empty());
    }
}
