//! Credited sources: who a unit credits for its statement, and whether that
//! source is named or vague.
//!
//! A unit's own source comes from an attribution rule's `source` capture
//! ("selon X", "X a déclaré que", ", a-t-il précisé"). It is then cleaned
//! (dates and connectors dropped), resolved (a pronoun or "l'expert" stands
//! for the last named source, "Kim" for the full name given earlier), and
//! units without a source of their own may inherit one: quotations from their
//! speaker, borrowed statements (the journalistic conditional) from their
//! paragraph's source, pronoun continuations from a `frame` source, and list
//! lines from the line that introduces them with a colon.

use crate::fold::fold;
use crate::rules::{AttributionConfig, RulesError};
use regex::Regex;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Whether a source is identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A person, institution or outlet that the text names.
    Named,
    /// An unidentified group: "des experts", "des sources".
    Vague,
}

impl SourceKind {
    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Vague => "vague",
        }
    }
}

/// How a unit got its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceVia {
    /// Found in the unit itself.
    Own,
    /// The speaker of a quotation the unit belongs to.
    Quote,
    /// A paragraph-level source ("selon X" frame, borrowed conditional, list).
    Frame,
}

/// The source a unit credits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The source as the text gives it, resolved to a name where possible.
    pub text: String,
    /// Named or vague.
    pub kind: SourceKind,
    /// How the unit got it.
    pub via: SourceVia,
    /// The unit names the speaker itself, by a name or a description ("X
    /// said", "l'hôpital a indiqué"), not by a pronoun: a statement of its
    /// own, not the continuation of the one before.
    #[serde(skip)]
    pub named_here: bool,
}

/// Source cleaning and resolution configured by the rules file.
#[derive(Debug, Clone)]
pub struct Resolver {
    pronouns: HashSet<String>,
    latter: HashSet<String>,
    contracted: HashMap<String, String>,
    title_abbreviations: Vec<(String, String)>,
    articles: Vec<String>,
    drop_parts: Vec<Regex>,
    cut_tails: Vec<Regex>,
    document_heads: Vec<Regex>,
    possessive_documents: Vec<Regex>,
    continuation: Vec<Regex>,
    not_names: HashSet<String>,
    strip_leading: HashSet<String>,
    anaphor_nouns: HashSet<String>,
    organisation_anaphors: HashSet<String>,
    place_articles: HashSet<String>,
    acronym_connectors: HashSet<String>,
    /// `speaker_nouns`: common nouns, never an organisation's name.
    speaker_nouns: HashSet<String>,
    titles: HashSet<String>,
    organisation_words: HashSet<String>,
    first_person: HashSet<String>,
    pronoun_list: Vec<String>,
    indefinites: HashSet<String>,
    name_re: Regex,
}

fn compile(
    list: &[serde_spanned::Spanned<String>],
    anchored: bool,
) -> Result<Vec<Regex>, RulesError> {
    list.iter()
        .map(|p| {
            let pattern = if anchored {
                format!("^(?:{})", p.get_ref())
            } else {
                p.get_ref().clone()
            };
            crate::matcher::build_regex(&pattern, false).map_err(|e| RulesError {
                file: String::new(),
                line: 1,
                column: 1,
                message: format!("invalid regex in [attribution]: {e}"),
            })
        })
        .collect()
}

/// Does `doc` write `word` in lower case, as a whole word ("flood" for "Flood")?
fn written_lowercase(word: &str, doc: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    let found = word_positions(doc, &lower).next().is_some();
    found
}

/// Where `word` stands in `hay` as a whole word (no letter or digit on
/// either side), in order.
pub(crate) fn word_positions<'a>(hay: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(word).map(|(k, _)| k).filter(move |&k| {
        !hay[..k]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !hay[k + word.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The article of `list` (folded) that a folded word is, or that opens it
/// elided ("l'" in "l'expert").
fn article_in<'a>(list: impl IntoIterator<Item = &'a String>, word: &str) -> Option<&'a str> {
    list.into_iter()
        .map(String::as_str)
        .find(|a| word == *a || (a.ends_with('\'') && word.starts_with(a)))
}

impl Resolver {
    /// Build from the `[attribution]` table (its regexes were checked when the rules loaded).
    pub fn new(cfg: &AttributionConfig) -> Result<Resolver, RulesError> {
        Ok(Resolver {
            pronouns: cfg.pronouns.iter().map(|p| fold(p).text).collect(),
            latter: cfg.latter.iter().map(|p| fold(p).text).collect(),
            title_abbreviations: cfg
                .title_abbreviations
                .iter()
                .map(|(k, v)| (fold(k).text, fold(v).text))
                .collect(),
            contracted: cfg
                .contracted_articles
                .iter()
                .map(|(k, v)| (fold(k).text, v.clone()))
                .collect(),
            articles: cfg.definite_articles.iter().map(|a| fold(a).text).collect(),
            drop_parts: compile(&cfg.drop_parts, false)?,
            cut_tails: compile(&cfg.cut_tails, false)?,
            document_heads: compile(&cfg.document_heads, true)?,
            possessive_documents: compile(&cfg.possessive_documents, true)?,
            // Only a match at the start counts: anchored, the search stops there.
            continuation: compile(&cfg.continuation, true)?,
            not_names: cfg.not_names.iter().map(|w| fold(w).text).collect(),
            strip_leading: cfg.strip_leading.iter().map(|w| fold(w).text).collect(),
            anaphor_nouns: cfg.anaphor_nouns.iter().map(|w| fold(w).text).collect(),
            organisation_anaphors: cfg
                .organisation_anaphors
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            place_articles: cfg.place_articles.iter().map(|w| fold(w).text).collect(),
            speaker_nouns: cfg.speaker_nouns.iter().map(|w| fold(w).text).collect(),
            acronym_connectors: cfg
                .acronym_connectors
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            first_person: cfg.first_person.iter().map(|w| fold(w).text).collect(),
            organisation_words: cfg
                .organisation_words
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            pronoun_list: cfg.pronouns.iter().map(|p| fold(p).text).collect(),
            indefinites: cfg
                .indefinite_articles
                .iter()
                .map(|w| fold(w).text)
                .collect(),
            titles: cfg
                .person_titles
                .iter()
                .map(|w| fold(w.trim_end_matches('.')).text)
                .collect(),
            name_re: Regex::new(r"\p{Lu}[\p{L}\p{M}'’-]+(?:[^\S\r\n]+(?:\p{Lu}\.(?:[^\S\r\n]+\p{Lu}\.)*[^\S\r\n]+\p{Lu}[\p{L}\p{M}'’-]+|\p{Lu}[\p{L}\p{M}'’-]+|(?:de|du|von|van|al|el|bin|ben)[^\S\r\n]+\p{Lu}[\p{L}\p{M}'’-]+))+")
                .map_err(|e| RulesError { file: String::new(), line: 1, column: 1, message: e.to_string() })?,
        })
    }

    /// Does a unit's text start like a continuation of the previous unit's speaker?
    pub fn continues(&self, text: &str) -> bool {
        self.continuation.iter().any(|r| r.is_match(text))
    }

    fn name_score(&self, part: &str) -> usize {
        // A part that is a name and nothing else: "Rodolphe Jarry".
        if self
            .name_re
            .find(part)
            .is_some_and(|m| m.start() == 0 && m.end() == part.len())
            && !self.is_not_name(part.split_whitespace().next().unwrap_or(""))
        {
            return 3;
        }
        if self.name_re.is_match(part)
            && self.name_re.find_iter(part).any(|m| {
                let first = m.as_str().split_whitespace().next().unwrap_or("");
                !self.not_names.contains(&fold(first).text)
                    || m.as_str().split_whitespace().count() > 2
            })
        {
            return 2;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        let named = words
            .iter()
            .enumerate()
            .any(|(i, w)| is_capitalised(w) && (i > 0 || !self.not_names.contains(&fold(w).text)));
        usize::from(named)
    }

    /// Clean a captured source: trim punctuation, drop date and connector
    /// parts, and keep the comma-separated part that best names someone.
    pub fn clean(&self, raw: &str) -> String {
        // A list item's dash or bullet before the subject is not the source's.
        let trimmed = raw
            .trim_matches(|c: char| c.is_whitespace() || ",;:.«»\"“”()".contains(c))
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—•·*".contains(c));
        let parts: Vec<&str> = trimmed
            .split(',')
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .filter(|p| {
                !self.drop_parts.iter().any(|r| {
                    r.find(p)
                        .is_some_and(|m| m.start() == 0 && m.end() == p.len())
                })
            })
            .collect();
        if parts.is_empty() {
            return trimmed.to_string();
        }
        let parts: Vec<Cow<str>> = parts
            .into_iter()
            .map(|p| self.cut_tail(self.strip_leading_words(p)))
            .filter(|p| !p.is_empty())
            .map(|p| self.without_document_head(p))
            .collect();
        if parts.is_empty() {
            return trimmed.to_string();
        }
        let best = parts
            .iter()
            .enumerate()
            .max_by_key(|(i, p)| (self.name_score(p), usize::MAX - i))
            .map(|(_, p)| &**p)
            .unwrap_or(&parts[0]);
        let best = best.trim_matches(|c: char| c.is_whitespace() || "«»\"“”()".contains(c));
        // "her statement" is whoever "her" stands for.
        let owned = self
            .possessive_documents
            .iter()
            .any(|r| r.find(best).is_some_and(|m| m.end() == best.len()));
        if owned {
            return self.pronoun();
        }
        best.to_string()
    }

    /// The source a finding or document names ("a preliminary review by
    /// the agency" gives "the agency"): what follows a `document_heads`
    /// match, when it opens with an article or a capital; a contracted
    /// article that ends the match comes back as its article ("les
    /// chiffres du ministère" gives "le ministère").
    fn without_document_head<'a>(&self, part: &'a str) -> Cow<'a, str> {
        let Some(m) = self.document_heads.iter().find_map(|r| r.find(part)) else {
            return Cow::Borrowed(part);
        };
        let rest = part[m.end()..].trim_start();
        let last = m.as_str().split_whitespace().next_back().unwrap_or("");
        let article = self.contracted.get(&fold(last).text);
        let first = rest.split_whitespace().next().unwrap_or("");
        let opens = is_capitalised(first)
            || article_in(&self.articles, &fold(first).text).is_some()
            || self
                .contracted
                .values()
                .any(|a| fold(a).text == fold(first).text)
            || self.indefinites.contains(&fold(first).text);
        match article {
            Some(a) if !first.is_empty() => Cow::Owned(format!("{a} {rest}")),
            _ if opens => Cow::Borrowed(rest),
            _ => Cow::Borrowed(part),
        }
    }

    /// Is `earlier` a longer phrase with the same last noun as the title
    /// `title` ("a hospital spokesperson" for "the spokesperson")?
    pub fn same_head(&self, earlier: &str, title: &str) -> bool {
        let last = |s: &str| {
            s.split_whitespace()
                .next_back()
                .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())).text)
        };
        earlier.split_whitespace().count() > title.split_whitespace().count()
            && last(earlier).is_some_and(|h| !h.is_empty() && Some(h) == last(title))
    }

    /// The part up to the first `cut_tails` match that starts a word after
    /// its first word.
    fn cut_tail<'a>(&self, part: &'a str) -> &'a str {
        let Some(first_end) = part.find(char::is_whitespace) else {
            return part;
        };
        let cut = self
            .cut_tails
            .iter()
            .filter_map(|r| {
                r.find_iter(part)
                    .map(|m| m.start())
                    .find(|&k| k > first_end && part[..k].ends_with(char::is_whitespace))
            })
            .min();
        cut.map_or(part, |k| part[..k].trim_end())
    }

    fn strip_leading_words<'a>(&self, mut part: &'a str) -> &'a str {
        // A date or connector before the subject's article, in one part:
        // "le 25 septembre le CHU" (an inverted subject after a date).
        for r in &self.drop_parts {
            let Some(m) = r.find(part) else { continue };
            let rest = part[m.end()..].trim_start();
            if m.start() == 0
                && m.end() < part.len()
                && part[m.end()..].starts_with(char::is_whitespace)
                && rest
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| article_in(&self.articles, &fold(w).text).is_some())
            {
                part = rest;
                break;
            }
        }
        loop {
            let Some((first, rest)) = part.split_once(char::is_whitespace) else {
                return part;
            };
            if self.strip_leading.contains(&fold(first).text) {
                part = rest.trim_start();
            } else {
                return part;
            }
        }
    }

    /// The person's name in a capitalised run found in `hay`: after an
    /// article of place, its first word is the place ("le préfet de
    /// Normandie Jean Dupont" names Jean Dupont; "in Wadi Halfa" names
    /// nobody); a run that opens with a word of `not_names` or holds a word
    /// of an organisation ("Centre", "Societies") names nobody.
    fn person_name(&self, hay: &str, m: &regex::Match) -> Option<String> {
        let mut words: Vec<&str> = m.as_str().split_whitespace().collect();
        if self.is_not_name(words.first()?) {
            return None;
        }
        if self.after_place_article(hay, m.start()) {
            words.remove(0);
        }
        let first = words.first()?;
        let organisation = words.iter().any(|w| {
            w.split('-')
                .any(|p| self.organisation_words.contains(&fold(p).text))
        });
        (words.len() >= 2 && !self.is_not_name(first) && !organisation).then(|| words.join(" "))
    }

    /// The word before byte `at` of `hay` is an article or preposition of
    /// place ("in", "à", "vers").
    fn after_place_article(&self, hay: &str, at: usize) -> bool {
        let prev = hay[..at]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        self.place_articles.contains(&fold(prev).text)
    }

    /// A capitalised word that is not part of a name: a sentence-initial
    /// article or preposition, or an elided article before a common word ("D'après").
    fn is_not_name(&self, word: &str) -> bool {
        let f = fold(word).text;
        if self.not_names.contains(&f) {
            return true;
        }
        self.not_names.iter().any(|n| {
            n.ends_with('\'') && f.starts_with(n.as_str()) && {
                let rest: String = word.chars().skip(n.chars().count()).collect();
                !rest.is_empty() && !is_capitalised(&rest)
            }
        })
    }

    /// The last name of a person-like shape (two or more capitalised words,
    /// not after an article: "Gérald Darmanin", not "la Corée du Nord") in
    /// `doc[from..to]`.
    pub fn last_person_name(&self, doc: &str, from: usize, to: usize) -> Option<String> {
        let slice = &doc[from..to];
        self.name_re
            .find_iter(slice)
            .filter_map(|m| self.person_name(slice, &m))
            .last()
    }

    /// A pronoun that stands for the last source (the first of the list).
    pub fn pronoun(&self) -> String {
        self.pronoun_list.first().cloned().unwrap_or_default()
    }

    /// Is this source a personal pronoun ("il", "they")?
    pub fn is_pronoun(&self, source: &str) -> bool {
        self.pronouns.contains(&fold(source).text)
    }

    /// Does this source stand for the person named last ("celui-ci", "the latter")?
    pub fn is_latter(&self, source: &str) -> bool {
        self.latter.contains(&fold(source).text)
    }

    /// The person `text` names or titles last: what "celui-ci", "ce
    /// dernier" or "the latter" after it stands for ("... les propos du
    /// préfet de la Drôme." gives "le préfet de la Drôme").
    pub fn last_mention(&self, text: &str) -> Option<String> {
        let stops = [
            ',', ';', ':', '.', '!', '?', '«', '»', '"', '“', '”', '(', ')',
        ];
        // Each word's start, from the last.
        let starts = text.char_indices().rev().filter(|&(k, c)| {
            !c.is_whitespace()
                && text[..k]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        });
        for (s, _) in starts {
            let clause = text[s..].split(stops).next().unwrap_or("");
            if let Some(m) = self.name_re.find_at(text, s) {
                if m.start() == s && m.end() <= s + clause.len() {
                    if let Some(n) = self.person_name(text, &m) {
                        return Some(n);
                    }
                }
            }
            let first_word = clause.split_whitespace().next().unwrap_or("");
            let first = fold(first_word).text;
            // "du préfet": the article fused with the preposition.
            let phrase = match self.contracted.get(&first) {
                Some(article) => format!("{article}{}", &clause[first_word.len()..]),
                None if article_in(&self.articles, &first).is_some() => clause.to_string(),
                None => continue,
            };
            if let Some(a) = self.antecedent(&phrase).filter(|a| self.is_title(a)) {
                return Some(a);
            }
        }
        None
    }

    /// Does this source only point back to an earlier one ("il", "l'expert")?
    pub fn is_anaphor(&self, source: &str) -> bool {
        let f = fold(source).text;
        if self.pronouns.contains(&f) {
            return true;
        }
        let words: Vec<&str> = source.split_whitespace().collect();
        let starts_with_article = |w: &str| {
            let fw = fold(w).text;
            self.articles.iter().any(|a| a == &fw)
        };
        // "l'expert": an elided article glued to one lower-case noun.
        if words.len() == 1 {
            return self.after_elided(source).is_some_and(|rest| {
                !rest.is_empty()
                    && !is_capitalised(rest)
                    && self.anaphor_nouns.contains(&fold(rest).text)
            });
        }
        words.len() == 2
            && starts_with_article(words[0])
            && !is_capitalised(words[1])
            && self.anaphor_nouns.contains(&fold(words[1]).text)
    }

    /// Does this source only point back to an organisation ("l'entreprise",
    /// "le géant américain du commerce en ligne", "the company")? A
    /// definite article, then one of `organisation_anaphors` within three
    /// words, and no capitalised word.
    pub fn is_organisation_anaphor(&self, source: &str) -> bool {
        let words: Vec<&str> = source.split_whitespace().collect();
        let Some(first) = words.first() else {
            return false;
        };
        let f = fold(first).text;
        let org = |w: &str| {
            let w = fold(w).text;
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w.strip_suffix("'s").unwrap_or(w);
            self.organisation_anaphors.contains(w)
                || w.strip_suffix('s')
                    .is_some_and(|s| self.organisation_anaphors.contains(s))
        };
        let Some(article) = article_in(&self.articles, &f) else {
            // "Company officials", "company executives": the noun modifies
            // the people who speak for it.
            return (2..=3).contains(&words.len())
                && org(first)
                && !words[1..].iter().any(|w| is_capitalised(w));
        };
        // "l'entreprise": the noun is glued to the elided article.
        let glued: String = first.chars().skip(article.chars().count()).collect();
        let rest: Vec<&str> = std::iter::once(glued.as_str())
            .filter(|g| !g.is_empty())
            .chain(words[1..].iter().copied())
            .collect();
        !rest.is_empty()
            && !rest.iter().any(|w| is_capitalised(w))
            && rest.iter().take(3).any(|w| org(w))
    }

    /// An organisation's name among earlier sources, newest first: a
    /// capitalised name that the document does not present as a person's
    /// and that is no title ("Boeing", "Amazon Canada").
    pub fn last_organisation(&self, anaphor: &str, sources: &[&str], doc: &str) -> Option<String> {
        // The kind of organisation the anaphor names ("airline" in "the
        // airline"), when it is no word of institutions' names: it never
        // stands for a name that ends in such a word ("the airline" is not
        // "the National Fire Agency").
        let kind = anaphor
            .split_whitespace()
            .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())).text)
            .find(|w| self.organisation_anaphors.contains(w))
            .filter(|w| !self.organisation_words.contains(w));
        let other_kind = |n: &str| {
            kind.is_some()
                && n.split_whitespace()
                    .last()
                    .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())).text)
                    .is_some_and(|w| self.organisation_words.contains(&w))
        };
        sources
            .iter()
            .rev()
            .filter(|n| !other_kind(n))
            .find(|n| {
                // "le Centre hospitalier X": the name after its article.
                let body = self.after_article(n);
                let first = body.split_whitespace().next().unwrap_or("");
                is_capitalised(first)
                    && !self.is_not_name(first)
                    && !self.common_noun_phrase(body, doc)
                    && !self.is_pronoun(n)
                    && !self.is_title(n)
                    && !self.is_anaphor(n)
                    && body.split_whitespace().count() <= 6
                    // A name the text titles or describes as a person's;
                    // not one whose last word also stands alone (a place
                    // in "Auchan Woippy").
                    && !self.presented_in(n, doc)
            })
            .map(|n| n.to_string())
    }

    /// Is this capitalised source a common noun phrase rather than a name?
    /// A speaker noun opening a sentence ("Jurors in X"), one word the
    /// document also writes in lower case ("Flood kills 12"), or a lower-case
    /// word other than the small words of a name ("Bank of America").
    fn common_noun_phrase(&self, n: &str, doc: &str) -> bool {
        let first = n.split_whitespace().next().unwrap_or("");
        let head = fold(first).text;
        let speaker = self.speaker_nouns.contains(&head)
            || head
                .strip_suffix('s')
                .is_some_and(|h| self.speaker_nouns.contains(h));
        // A French-style institution's name in sentence case ("Centre
        // hospitalier de X", "Agence régionale de santé") is a name.
        let institution = is_capitalised(first) && self.organisation_words.contains(&head);
        let lower_word = !institution
            && n.split_whitespace().any(|w| {
                !(is_capitalised(w.trim_start_matches(|c: char| !c.is_alphanumeric()))
                    || w == "&"
                    || self.acronym_connectors.contains(&fold(w).text))
            });
        (speaker && !institution)
            || lower_word
            || (n.split_whitespace().count() == 1 && written_lowercase(n, doc))
    }

    /// The name a sentence-case headline opens with, as its subject
    /// ("Amazon Canada ferme ses entrepôts" gives "Amazon Canada"): one to
    /// three capitalised words, then a lower-case word. None for a
    /// title-case headline, where every word is capitalised.
    pub fn leading_name(&self, text: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().take(6).collect();
        // "L'enseigne Auchan ferme ...": an article glued to a common noun first.
        let skip = usize::from(words.first().is_some_and(|w| self.is_not_name(w)));
        let words = &words[skip..];
        let n = words.iter().take_while(|w| is_capitalised(w)).count();
        if n == 0 || n > 3 || n >= words.len() || self.is_not_name(words[0]) {
            return None;
        }
        // "Jury Orders J&J to Pay ...": title case with its small words
        // in lower case.
        let rest = &words[n..];
        let title_case = rest.iter().any(|w| is_capitalised(w))
            && rest
                .iter()
                .filter(|w| !is_capitalised(w) && w.chars().any(char::is_alphabetic))
                .all(|w| w.chars().count() <= 3);
        if title_case {
            return None;
        }
        let name = words[..n].join(" ");
        let name = name.trim_matches(|c: char| !c.is_alphanumeric());
        (!name.is_empty()).then(|| name.to_string())
    }

    /// The anaphor nouns of a source ("préfet" in "le préfet de Y", "chief"
    /// in "Fire Chief"), folded, unless a name follows the noun in the source.
    fn title_heads(&self, source: &str) -> Vec<String> {
        let mut heads = Vec::new();
        for (k, w) in source.split_whitespace().enumerate() {
            let f = fold(w).text;
            let f = f
                .rsplit('\'')
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            // "ex-professeure": the noun after a prefix.
            let f = if self.anaphor_nouns.contains(f) {
                f
            } else {
                f.split_once('-').map_or(f, |(_, rest)| rest)
            };
            if self.anaphor_nouns.contains(f) {
                let rest: Vec<&str> = source.split_whitespace().skip(k + 1).collect();
                if self.name_re.is_match(&rest.join(" "))
                    && rest
                        .iter()
                        .any(|r| is_capitalised(r) && !self.not_names.contains(&fold(r).text))
                    && rest.len() >= 2
                {
                    return Vec::new();
                }
                heads.push(f.to_string());
            }
        }
        heads
    }

    /// The person's name set right after a source in `text`, between commas
    /// or before the end ("selon le président du conseil, Jean Dupont.").
    pub fn apposed_name(&self, text: &str, source: &str) -> Option<String> {
        let at = text.find(source)? + source.len();
        let rest = text[at..].trim_start().strip_prefix(',')?;
        let lead = rest.len() - rest.trim_start().len();
        let m = self.name_re.find(rest.trim_start())?;
        if m.start() != 0 {
            return None;
        }
        let after = rest[lead + m.end()..].trim_start();
        let ends =
            after.is_empty() || after.starts_with([',', '.', ';', ':', '!', '?', '»', '”', ')']);
        let name = self.person_name(rest.trim_start(), &m)?;
        ends.then_some(name)
    }

    /// A person's name set off by commas, as a speaker is addressed or
    /// introduced ("..., Jean Dupont, que s'est-il passé ?", "Merci, Jean
    /// Dupont."); `after_comma` when the text goes on after a comma.
    pub fn set_off_name(&self, text: &str, after_comma: bool) -> Option<String> {
        self.name_re.find_iter(text).find_map(|m| {
            let before = text[..m.start()].trim_end();
            let after = text[m.end()..].trim_start();
            let preceded = before.ends_with(',') || (before.is_empty() && after_comma);
            let followed = after.is_empty() || after.starts_with([',', '?', '!', '.']);
            let name = m.as_str();
            let first = name.split_whitespace().next().unwrap_or("");
            (preceded && followed && !self.is_not_name(first) && self.is_name(name))
                .then(|| name.to_string())
        })
    }

    /// Does this text open with a first-person subject ("Je", "Nous", "I")?
    pub fn first_person(&self, text: &str) -> bool {
        let t = text.trim_start_matches(|c: char| !c.is_alphabetic());
        let first = t
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .next()
            .unwrap_or("");
        let elided = t
            .chars()
            .nth(first.chars().count())
            .is_some_and(|c| c == '\'' || c == '’');
        let word = if elided {
            format!("{}'", fold(first).text)
        } else {
            fold(first).text
        };
        self.first_person.contains(&word)
    }

    /// A person's name and nothing else ("Rodolphe Jarry", "Kristin M. Crowley").
    pub fn is_name(&self, source: &str) -> bool {
        self.name_score(source) == 3
    }

    /// Does the document present this name as a person's: a description
    /// after it ("X, ancienne professeure", "X, a spokesman") or a title
    /// before it ("le sénateur X", "Mme X", "chief X")?
    pub fn is_person_in(&self, name: &str, doc: &str) -> bool {
        self.surname_alone_in(name, doc) || self.presented_in(name, doc)
    }

    /// Is the last word of the name alone elsewhere, as a surname ("Bayrou"
    /// after "François Bayrou")?
    fn surname_alone_in(&self, name: &str, doc: &str) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            let first = words[0];
            // "the safety board": no surname.
            if !is_capitalised(last) {
                return false;
            }
            let alone = word_positions(doc, last).any(|k| {
                let before = doc[..k].trim_end();
                !before.ends_with(first) && !before.ends_with(|c: char| c.is_uppercase())
            });
            return alone;
        }
        false
    }

    /// Does the document present the name as a person's, with a
    /// description after it or a title before it?
    fn presented_in(&self, name: &str, doc: &str) -> bool {
        let mut from = 0;
        while let Some(k) = doc[from..].find(name) {
            let s = from + k;
            let e = s + name.len();
            from = e;
            let after = doc[e..].trim_start();
            if let Some(rest) = after.strip_prefix(',') {
                let rest = rest.trim_start();
                // "X, a shop owner", "X, 54, ...": a description or an age.
                let age = rest.split(',').next().is_some_and(|a| {
                    (1..=3).contains(&a.len()) && a.chars().all(|c| c.is_ascii_digit())
                });
                if rest.chars().next().is_some_and(char::is_lowercase) || age {
                    return true;
                }
            }
            let prev = doc[..s]
                .split_whitespace()
                .next_back()
                .map(|w| fold(w.trim_end_matches('.')).text)
                .unwrap_or_default();
            if self.anaphor_nouns.contains(&prev) || self.titles.contains(&prev) {
                return true;
            }
        }
        false
    }

    /// Could this person hold this title? No when the document gives the
    /// person a title ("le sénateur X", "X, sénateur de ...") and not this one.
    pub fn titled_alike(&self, name: &str, title: &str, doc: &str) -> bool {
        let heads = self.title_heads(title);
        let mut seen = Vec::new();
        for (k, _) in doc.match_indices(name) {
            let before: Vec<String> = doc[..k]
                .split_whitespace()
                .rev()
                .take(3)
                .map(|w| fold(w).text)
                .collect();
            let after: Vec<String> = doc[k + name.len()..]
                .trim_start()
                .strip_prefix(',')
                .map(|r| r.split_whitespace().take(3).map(|w| fold(w).text).collect())
                .unwrap_or_default();
            for w in before.iter().chain(&after) {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let w = w.rsplit('\'').next().unwrap_or("");
                if self.anaphor_nouns.contains(w) {
                    seen.push(w.to_string());
                }
            }
        }
        seen.is_empty() || seen.iter().any(|w| heads.contains(w))
    }

    /// The person the document names most often, at least three times
    /// (full name or surname alone), if one stands out.
    pub fn main_person(&self, doc: &str) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        for m in self.name_re.find_iter(doc) {
            let Some(n) = self.person_name(doc, &m) else {
                continue;
            };
            if n.split_whitespace().count() <= 3 && !names.contains(&n) {
                names.push(n);
            }
        }
        // Occurrences of the surname alone, and how many of them follow an
        // article of place ("in Derna": a place, not a person).
        let count = |n: &str| -> (usize, usize) {
            let last = n.split_whitespace().next_back().unwrap_or(n);
            let found: Vec<usize> = word_positions(doc, last).collect();
            let placed = found
                .iter()
                .filter(|&&k| self.after_place_article(doc, k))
                .count();
            (found.len(), placed)
        };
        let mut scored: Vec<(usize, String)> = names
            .into_iter()
            // Presented as a person, or named in full more than once: the
            // capitalised words of a heading ("Incendie Lubrizol à Rouen")
            // name nobody, though "Lubrizol" recurs.
            .filter(|n| self.presented_in(n, doc) || doc.matches(n.as_str()).nth(1).is_some())
            .filter_map(|n| {
                let (all, placed) = count(&n);
                (placed * 2 < all).then_some((all, n))
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        match scored.as_slice() {
            [(c, n), rest @ ..] if *c >= 3 && rest.first().is_none_or(|r| r.0 < *c) => {
                Some(n.clone())
            }
            _ => None,
        }
    }

    /// A title with a complement after its noun ("le préfet de la région",
    /// "the chief of police"): it names an office, not only a person just
    /// mentioned.
    pub fn has_complement(&self, source: &str) -> bool {
        let words: Vec<String> = source.split_whitespace().map(|w| fold(w).text).collect();
        let Some(k) = words.iter().position(|w| {
            let w = w.rsplit('\'').next().unwrap_or("");
            self.anaphor_nouns.contains(w)
                || w.split_once('-')
                    .is_some_and(|(_, r)| self.anaphor_nouns.contains(r))
        }) else {
            return false;
        };
        words.len() > k + 1
    }

    /// "Une ex-professeure du lycée": an indefinite title with a complement,
    /// which only a name given for the same title in the text resolves.
    pub fn is_indefinite_title(&self, source: &str) -> bool {
        let first = source
            .split_whitespace()
            .next()
            .map(|w| fold(w).text)
            .unwrap_or_default();
        self.indefinites.contains(&first)
            && !self.title_heads(source).is_empty()
            && self.has_complement(source)
    }

    /// The person a phrase that opens a sentence names, for a pronoun later:
    /// a name alone ("Jean Dupont"), or a definite article and a noun of
    /// person with the capitalised words of its complement ("le préfet du
    /// Rhône", "the fire chief"), cut before the verb.
    pub fn antecedent(&self, phrase: &str) -> Option<String> {
        let phrase = self.clean(phrase);
        if self.is_name(&phrase) {
            return Some(phrase);
        }
        // A title before the name: "State Senator Jane Doe": the longest
        // run of last words that is a name.
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.iter().all(|w| is_capitalised(w)) {
            if let Some(n) = (1..words.len().saturating_sub(1))
                .map(|k| words[k..].join(" "))
                .find(|n| self.is_name(n))
            {
                return Some(n);
            }
        }
        let first = fold(words.first()?).text;
        // The index of the noun of person after the article.
        let noun = match article_in(&self.articles, &first)? {
            // "l'expert": elided, glued to the noun.
            a if first.len() > a.len() => {
                self.anaphor_nouns.contains(&first[a.len()..]).then_some(0)
            }
            // Up to two adjectives before the noun ("the regional fire chief").
            _ => {
                (1..words.len().min(4)).find(|&k| self.anaphor_nouns.contains(&fold(words[k]).text))
            }
        }?;
        // Its complement: a linking word and capitalised words ("du Rhône",
        // "de la Drôme", "of Los Angeles").
        let mut end = noun + 1;
        let mut k = noun + 1;
        while k < words.len() && k < noun + 6 {
            let w = words[k];
            let elided_name = w
                .split_once(['\'', '’'])
                .is_some_and(|(_, r)| is_capitalised(r));
            if is_capitalised(w) || elided_name {
                k += 1;
                end = k;
            } else if self.place_articles.contains(&fold(w).text) || w.ends_with(['\'', '’']) {
                k += 1;
            } else {
                break;
            }
        }
        Some(words[..end].join(" "))
    }

    /// Does this text hold an article, definite or indefinite ("a", "the",
    /// "un", "l'")?
    pub fn holds_article(&self, text: &str) -> bool {
        fold(text)
            .text
            .split_whitespace()
            .any(|w| article_in(self.articles.iter().chain(&self.indefinites), w).is_some())
    }

    /// A title that stands for a person: "le préfet", "le Premier ministre",
    /// "l'ancienne ministre", "Los Angeles Fire Chief" (no name given).
    pub fn is_title(&self, source: &str) -> bool {
        let heads = self.title_heads(source);
        if heads.is_empty() {
            return false;
        }
        let words: Vec<&str> = source.split_whitespace().collect();
        let first = fold(words[0]).text;
        let article = article_in(&self.articles, &first).is_some();
        // "Maryland's governor": a possessive name before the title;
        // "governor says": a bare title (a headline's).
        let possessive = words.len() >= 2
            && is_capitalised(words[0])
            && (words[0].ends_with("'s") || words[0].ends_with("’s"));
        let bare = words.len() == 1 && !is_capitalised(words[0]);
        // "Los Angeles Fire Chief": a capitalised title noun at the end.
        let last = words[words.len() - 1];
        article || possessive || bare || (is_capitalised(last) && heads.contains(&fold(last).text))
    }

    /// The name the document gives for a title: "le préfet" is X where the
    /// text says "le préfet de Y X" or "X, préfet de Y". Among several, the
    /// one that shares most words with the title, then the last before
    /// `before`, else the first after.
    pub fn title_name(
        &self,
        source: &str,
        doc: &str,
        folded: &crate::fold::Folded,
        unit: (usize, usize),
    ) -> Option<String> {
        // The head noun is the last title word in English ("the former
        // pilot"), often the only one in French ("le préfet de Y").
        self.title_heads(source)
            .iter()
            .rev()
            .find_map(|head| self.title_name_for(head, source, doc, folded, unit))
    }

    fn title_name_for(
        &self,
        head: &str,
        source: &str,
        doc: &str,
        folded: &crate::fold::Folded,
        unit: (usize, usize),
    ) -> Option<String> {
        let before = unit.0;
        let quals: Vec<String> = source
            .split_whitespace()
            .map(|w| fold(w).text)
            .filter(|w| w.chars().count() > 3 && w != head)
            .collect();
        let stop = |c: char| ".;:!?«»\"“”()\n".contains(c);
        let ft = &folded.text;
        let mut best: Option<(usize, bool, usize, String)> = None;
        // The title, and its abbreviations ("gov" for "governor": "Gov. X").
        let terms = std::iter::once(head).chain(
            self.title_abbreviations
                .iter()
                .filter(|(_, noun)| noun == head)
                .map(|(abbr, _)| abbr.as_str()),
        );
        let hits = terms.flat_map(|term| {
            ft.match_indices(term)
                .map(move |(fs, _)| (fs, fs + term.len()))
        });
        let mut hits: Vec<(usize, usize)> = hits.collect();
        hits.sort_unstable();
        for (fs, fe) in hits {
            let bounded = !ft[..fs]
                .chars()
                .next_back()
                .is_some_and(crate::fold::is_word_char)
                && !ft[fe..]
                    .chars()
                    .next()
                    .is_some_and(crate::fold::is_word_char);
            if !bounded {
                continue;
            }
            let (os, oe) = folded.original_span(fs, fe);
            if os >= unit.0 && os < unit.1 {
                continue;
            }
            // After the title: "le préfet de Mayotte X", "chief X".
            let mut end = (oe + 90).min(doc.len());
            while !doc.is_char_boundary(end) {
                end -= 1;
            }
            let after = &doc[oe..end];
            // A short aside in brackets may come between ("pilot Captain
            // (retired) Jane Doe").
            let after = &after[..after
                .find(|c: char| stop(c) && !".()".contains(c))
                .unwrap_or(after.len())];
            let mut found = self
                .name_re
                .find_iter(after)
                .filter(|m| after[..m.start()].split_whitespace().count() <= 5)
                .find_map(|m| self.person_name(after, &m));
            // Before it: "X, préfet de Y", "X, the chief of Y".
            if found.is_none() {
                let mut start = os.saturating_sub(80);
                while !doc.is_char_boundary(start) {
                    start += 1;
                }
                let back = &doc[start..os];
                let cut = back
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| stop(c))
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let back = &back[cut..];
                found = self
                    .name_re
                    .find_iter(back)
                    .filter(|m| {
                        let gap = back[m.end()..].trim();
                        gap.starts_with(',') && gap.split_whitespace().count() <= 4
                    })
                    .filter_map(|m| self.person_name(back, &m))
                    .last();
            }
            let Some(name) = found.filter(|n| n.split_whitespace().count() <= 3) else {
                continue;
            };
            let window_start = os.saturating_sub(40);
            let mut ws = window_start;
            while !doc.is_char_boundary(ws) {
                ws += 1;
            }
            let mut we = (oe + 60).min(doc.len());
            while !doc.is_char_boundary(we) {
                we -= 1;
            }
            // Words of its own sentence only: the title of the sentence
            // before must not lend this one its qualifiers.
            let ws = doc[ws..os]
                .rfind(['.', '!', '?', '\n'])
                .map_or(ws, |p| ws + p + 1);
            let we = doc[oe..we]
                .find(['.', '!', '?', '\n'])
                .map_or(we, |p| oe + p);
            let ctx = fold(&doc[ws..we]).text;
            let score = quals.iter().filter(|q| ctx.contains(q.as_str())).count();
            let key = (
                score,
                os < before,
                if os < before { os } else { usize::MAX - os },
                name,
            );
            if best
                .as_ref()
                .is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2))
            {
                best = Some(key);
            }
        }
        best.map(|b| b.3)
    }

    /// The name an acronym stands for, with the acronym after it
    /// ("SPF" -> "Santé publique France (SPF)"): the words before where the
    /// document writes it in brackets, else capitalised words whose
    /// initials spell it ("J&J" -> "Johnson & Johnson (J&J)"). Small words
    /// of `acronym_connectors` may stand between them.
    pub fn expand_acronym(&self, source: &str, doc: &str) -> Option<String> {
        let source = source.trim();
        // "the IOM", "l'OIM": the article stays before the name.
        let (article, acronym) = self
            .articles
            .iter()
            .flat_map(|a| {
                let spelt = if a.ends_with('\'') {
                    vec![a.clone(), a.replace('\'', "’")]
                } else {
                    vec![format!("{a} ")]
                };
                spelt
            })
            .find_map(|a| {
                let head = source.get(..a.len())?;
                head.eq_ignore_ascii_case(&a)
                    .then(|| (head.to_string(), &source[a.len()..]))
            })
            .unwrap_or((String::new(), source));
        let letters: Vec<char> = acronym.chars().filter(|c| *c != '&' && *c != '.').collect();
        if acronym.contains(char::is_whitespace)
            || letters.len() < 2
            || !letters.iter().all(|c| c.is_uppercase())
        {
            return None;
        }
        let words: Vec<(usize, &str)> = doc
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - doc.as_ptr() as usize, w))
            .collect();
        let initial = |w: &str| -> Option<char> {
            let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
            w.chars().next().and_then(|c| c.to_uppercase().next())
        };
        let connector = |w: &str| w == "&" || self.acronym_connectors.contains(&fold(w).text);
        // The words that spell `letters` backwards from word `end` (exclusive).
        let spell_back = |end: usize, capitals: bool| -> Option<usize> {
            let mut need = letters.len();
            let mut k = end;
            while need > 0 && k > 0 {
                let w = words[k - 1].1;
                if initial(w) == Some(letters[need - 1])
                    && (!capitals || is_capitalised(w.rsplit(['\'', '’']).next().unwrap_or(w)))
                    && !connector(w)
                {
                    need -= 1;
                } else if !(connector(w) && need < letters.len()) {
                    return None;
                }
                k -= 1;
            }
            (need == 0).then_some(k)
        };
        let bracketed = format!("({acronym})");
        let span = words
            .iter()
            .position(|(_, w)| w.trim_end_matches([',', '.', ';', ':']) == bracketed)
            .and_then(|at| spell_back(at, false).map(|s| (s, at)))
            .or_else(|| {
                (letters.len() >= 3 || acronym.contains('&'))
                    .then(|| {
                        (1..=words.len()).find_map(|end| {
                            let last = words[end - 1].1;
                            (last.chars().all(char::is_alphabetic)
                                || last.ends_with([',', '.', ';', ':']))
                            .then(|| spell_back(end, true).map(|s| (s, end)))
                            .flatten()
                            .filter(|&(s, _)| words[s..end].iter().all(|(_, w)| !w.contains('(')))
                        })
                    })
                    .flatten()
            })?;
        let (s, e) = span;
        let start = words[s].0;
        let last = words[e - 1];
        let end = last.0 + last.1.trim_end_matches([',', '.', ';', ':']).len();
        let name = doc[start..end].trim_start_matches(|c: char| !c.is_alphanumeric());
        // "L'Organisation ...": the article is the source's own.
        let name = match name.char_indices().find(|(_, c)| matches!(c, '\'' | '’')) {
            Some((i, c))
                if self
                    .articles
                    .contains(&fold(&name[..i + c.len_utf8()]).text) =>
            {
                &name[i + c.len_utf8()..]
            }
            _ => name,
        };
        Some(format!("{article}{name} ({acronym})"))
    }

    /// The rest of a word that opens with an elided article of `articles`
    /// ("expert" in "l'expert", "agence" in "L’agence").
    /// A phrase without the definite article that opens it ("le CHU" gives
    /// "CHU", "l'Agence X" gives "Agence X"); the phrase itself without one.
    fn after_article<'a>(&self, phrase: &'a str) -> &'a str {
        let phrase = phrase.trim_start();
        let (first, rest) = phrase
            .split_once(char::is_whitespace)
            .unwrap_or((phrase, ""));
        if let Some(glued) = self.after_elided(first).filter(|g| !g.is_empty()) {
            // `glued` ends `first`, which opens `phrase`.
            return &phrase[first.len() - glued.len()..];
        }
        if self.articles.contains(&fold(first).text) && !rest.is_empty() {
            return rest.trim_start();
        }
        phrase
    }

    fn after_elided<'a>(&self, word: &'a str) -> Option<&'a str> {
        let article = article_in(&self.articles, &fold(word).text).filter(|a| a.ends_with('\''))?;
        let skip = article.chars().count();
        Some(
            word.char_indices()
                .nth(skip)
                .map_or("", |(i, _)| &word[i..]),
        )
    }

    /// The name of an institution that a definite noun phrase points back
    /// to by its head noun ("the authority" -> "Port Authority of Leeds",
    /// "this centre" -> "National Weather Centre"): the last name before
    /// `before` of two capitalised words or more that holds the noun
    /// capitalised, with the small words of `acronym_connectors` inside it.
    /// Not for titles and nouns of people ("the minister", "the expert").
    pub fn named_by_head(&self, source: &str, doc: &str, before: usize) -> Option<String> {
        let words: Vec<&str> = source.split_whitespace().collect();
        let noun = match words.as_slice() {
            [one] => self.after_elided(one)?,
            [article, noun] if self.articles.contains(&fold(article).text) => *noun,
            _ => return None,
        };
        let folded = fold(noun).text;
        if noun.chars().count() < 4
            || !noun.chars().all(char::is_alphabetic)
            || is_capitalised(noun)
            || self.titles.contains(&folded)
            || self.anaphor_nouns.contains(&folded)
        {
            return None;
        }
        let capital: String = noun
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(noun.chars().skip(1))
            .collect();
        let doc = &doc[..before.min(doc.len())];
        let tokens: Vec<&str> = doc.split_whitespace().collect();
        let bare = |w: &str| -> String {
            let w = w.trim_end_matches([',', '.', ';', ':', ')', '"', '”', '»']);
            let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
            w.to_string()
        };
        let connector = |w: &str| self.acronym_connectors.contains(&fold(w).text);
        let ends = |w: &str| w.ends_with([',', '.', ';', ':', ')']);
        let capital_word = |w: &str| is_capitalised(&bare(w)) && !w.starts_with('(');
        for k in (0..tokens.len()).rev() {
            if bare(tokens[k]) != capital {
                continue;
            }
            // Leftwards over capitalised words (no stop between them).
            let mut s = k;
            while s > 0 && capital_word(tokens[s - 1]) && !ends(tokens[s - 1]) {
                s -= 1;
            }
            // Rightwards over capitalised words and the small words between them.
            let mut e = k + 1;
            let mut j = k + 1;
            while !ends(tokens[e - 1]) && j < tokens.len() {
                if capital_word(tokens[j]) {
                    e = j + 1;
                    j += 1;
                } else if connector(tokens[j]) && !ends(tokens[j]) {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut name: Vec<String> = tokens[s..e].iter().map(|w| w.to_string()).collect();
            // The article that opens a sentence is not the name's.
            while name.first().is_some_and(|w| {
                self.articles.contains(&fold(w).text) || self.not_names.contains(&fold(w).text)
            }) {
                name.remove(0);
            }
            // "L'Agence ...": the elided article neither.
            if let Some(first) = name.first_mut() {
                if let Some(rest) = self.after_elided(first) {
                    *first = rest.to_string();
                }
            }
            if let Some(last) = name.last_mut() {
                *last = last
                    .trim_end_matches([',', '.', ';', ':', ')', '"', '”', '»'])
                    .to_string();
            }
            if name.iter().filter(|w| capital_word(w)).count() >= 2 {
                return Some(name.join(" "));
            }
        }
        None
    }

    /// Expand a one-word name ("Kim") to a fuller name the document gives
    /// ("Kim Jong-un"), preferring the last one before `before`.
    pub fn expand_name(&self, source: &str, doc: &str, before: usize) -> Option<String> {
        let word = source.trim();
        if word.contains(char::is_whitespace) || !is_capitalised(word) {
            return None;
        }
        let matches_word = |m: &str| m.split_whitespace().any(|w| w == word);
        let strip = |m: &str| -> String {
            let ws: Vec<&str> = m.split_whitespace().collect();
            let skip = ws
                .iter()
                .take_while(|w| self.not_names.contains(&fold(w).text))
                .count();
            ws[skip..].join(" ")
        };
        let cands: Vec<(usize, String)> = self
            .name_re
            .find_iter(doc)
            .filter(|m| matches_word(m.as_str()))
            .map(|m| (m.start(), strip(m.as_str())))
            .filter(|(_, s)| s.contains(' ') && s.split_whitespace().any(|w| w == word))
            .collect();
        cands
            .iter()
            .rev()
            .find(|(s, _)| *s < before)
            .or_else(|| cands.first())
            .map(|(_, s)| s.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Lang;
    use crate::rules::RuleSet;

    fn resolver() -> Resolver {
        Resolver::new(&RuleSet::bundled(Lang::Fr).attribution).unwrap()
    }

    #[test]
    fn a_date_before_an_inverted_subject_is_dropped() {
        let r = resolver();
        assert_eq!(r.clean("le 25 septembre le CHU"), "le CHU");
        assert_eq!(r.clean("mardi l'agence"), "l'agence");
        // A month that is a name's first word stays.
        assert_eq!(r.clean("Mai Nguyen"), "Mai Nguyen");
    }

    #[test]
    fn a_name_expands_within_a_line_and_not_over_a_question_word() {
        let r = resolver();
        let doc = "Pourquoi Lactalis ferme-t-il ses usines ?\nPar Jeanne Roux\nLactalis\nLactalis a annoncé la fermeture.";
        assert_eq!(r.expand_name("Lactalis", doc, doc.len()), None);
        let doc = "Jean Dupuis est arrivé.\nDupuis a confirmé la fermeture.";
        assert_eq!(
            r.expand_name("Dupuis", doc, doc.len()).as_deref(),
            Some("Jean Dupuis")
        );
    }

    #[test]
    fn an_acronym_expands_to_the_name_it_stands_for() {
        let fr = resolver();
        let doc =
            "L'Office national des forêts (ONF) a compté 40 feux. Selon l’ONF, le vent a tourné.";
        assert_eq!(
            fr.expand_acronym("l’ONF", doc).as_deref(),
            Some("l’Office national des forêts (ONF)")
        );
        assert_eq!(
            fr.expand_acronym("ONF", doc).as_deref(),
            Some("Office national des forêts (ONF)")
        );
        // Not spelt out, nor spelt by initials: left as it is.
        assert_eq!(fr.expand_acronym("SNCF", doc), None);
        assert_eq!(fr.expand_acronym("Paul Martin", doc), None);
        // A curly apostrophe inside the name (three bytes) after its article.
        let doc = "Le bilan vient de l’agence de santé de l’Union (ASU). L’ASU le confirme.";
        assert_eq!(
            fr.expand_acronym("ASU", doc).as_deref(),
            Some("agence de santé de l’Union (ASU)")
        );
        let en = Resolver::new(&RuleSet::bundled(Lang::En).attribution).unwrap();
        let doc = "Procter & Gamble cut prices. P&G said sales rose. The National Weather Service (NWS) issued a warning.";
        assert_eq!(
            en.expand_acronym("P&G", doc).as_deref(),
            Some("Procter & Gamble (P&G)")
        );
        assert_eq!(
            en.expand_acronym("the NWS", doc).as_deref(),
            Some("the National Weather Service (NWS)")
        );
        // Two letters need the name in brackets: "PS" is not "Procter ... Service".
        assert_eq!(en.expand_acronym("WS", doc), None);
    }

    #[test]
    fn a_list_dash_is_not_part_of_the_source() {
        assert_eq!(
            resolver().clean("- Le parquet de Nîmes"),
            "Le parquet de Nîmes"
        );
        assert_eq!(resolver().clean("• la préfecture"), "la préfecture");
    }

    #[test]
    fn cleaning_keeps_the_named_part() {
        let r = resolver();
        assert_eq!(
            r.clean("Le 8 octobre, Kim Yong-kyun, ministre sud-coréen de la Défense"),
            "Kim Yong-kyun"
        );
        assert_eq!(
            r.clean("le ministre de la Défense sud-coréen, Kim Yong-kyun"),
            "Kim Yong-kyun"
        );
        assert_eq!(r.clean("Le Pentagone, de son côté"), "Le Pentagone");
        assert_eq!(r.clean("De plus, la Corée du Sud"), "la Corée du Sud");
        assert_eq!(r.clean("D’autres experts"), "D’autres experts");
    }

    #[test]
    fn how_the_outlet_reached_a_source_is_not_the_source() {
        let r = resolver();
        assert_eq!(r.clean("l'experte jointe par téléphone"), "l'experte");
        assert_eq!(r.clean("le maire interrogé par Ouest-France"), "le maire");
        assert_eq!(r.clean("Jean Dupont, cité par Le Monde"), "Jean Dupont");
        // Only a tail: a part that opens with the words stays as it was.
        assert_eq!(
            r.clean("Interrogée par nos soins"),
            "Interrogée par nos soins"
        );
        let en = Resolver::new(&RuleSet::bundled(Lang::En).attribution).unwrap();
        assert_eq!(
            en.clean("an official speaking on condition of anonymity"),
            "an official"
        );
        assert_eq!(en.clean("the engineer interviewed by CNN"), "the engineer");
    }

    #[test]
    fn the_person_that_opens_a_sentence() {
        let r = resolver();
        for (phrase, person) in [
            ("Marie Lenoir", "Marie Lenoir"),
            ("le préfet du Rhône", "le préfet du Rhône"),
            ("la préfète de l'Hérault", "la préfète de l'Hérault"),
            // Cut before the verb when the title has no capitalised complement.
            ("Le maire se disait confiant", "Le maire"),
            ("Le sénateur Paul Grant", "Le sénateur Paul Grant"),
            ("Mme Anne Morel", "Mme Anne Morel"),
        ] {
            assert_eq!(r.antecedent(phrase).as_deref(), Some(person), "{phrase}");
        }
        assert_eq!(r.antecedent("Le lendemain"), None);
        assert_eq!(r.antecedent("La mairie"), None);
        let en = Resolver::new(&RuleSet::bundled(Lang::En).attribution).unwrap();
        assert_eq!(
            en.antecedent("The regional fire chief").as_deref(),
            Some("The regional fire chief")
        );
        assert_eq!(
            en.antecedent("Senator Paul Grant").as_deref(),
            Some("Paul Grant")
        );
    }

    #[test]
    fn a_heading_names_no_main_person() {
        let r = resolver();
        let doc = "Incendie Dumont à Lyon :\n\nLe site de Dumont brûle. Les fumées de Dumont \
            inquiètent. L'usine Dumont ferme.";
        assert_eq!(r.main_person(doc), None);
        let doc = "La sénatrice Anne Morel répond. Anne Morel insiste. Morel se tait. Morel part.";
        assert_eq!(r.main_person(doc).as_deref(), Some("Anne Morel"));
    }

    #[test]
    fn anaphors() {
        let r = resolver();
        assert!(r.is_anaphor("il"));
        assert!(r.is_anaphor("l’expert"));
        assert!(r.is_anaphor("le ministre"));
        assert!(!r.is_anaphor("la préfecture"));
        assert!(!r.is_anaphor("le Pentagone"));
        assert!(!r.is_anaphor("les experts"));
        assert!(!r.is_anaphor("Hong Min"));
    }

    #[test]
    fn short_names_expand_to_the_last_full_name_before() {
        let r = resolver();
        let doc = "Le dirigeant Kim Jong-un parle. Plus tard, Kim Yong-kyun répond. Kim a dit.";
        assert_eq!(
            r.expand_name("Kim", doc, 40).as_deref(),
            Some("Kim Jong-un")
        );
        assert_eq!(
            r.expand_name("Kim", doc, doc.len()).as_deref(),
            Some("Kim Yong-kyun")
        );
        assert_eq!(r.expand_name("Zelensky", doc, 10), None);
        assert_eq!(
            r.expand_name("Météo-France", "D’après Météo-France, il pleut.", 30),
            None
        );
        let text = "Le ministre de l'Intérieur, Gérald Darmanin, s'est rendu à Nîmes. La Corée du Nord attend.";
        assert_eq!(
            r.last_person_name(text, 0, text.len()).as_deref(),
            Some("Gérald Darmanin")
        );
    }
}
