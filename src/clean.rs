//! Tell page furniture from the article. Nothing is deleted: furniture units
//! keep their span and get their own kind.
//!
//! Two steps. [`classify`] works from the rules that fired in each unit: a
//! `boilerplate` or `disclaimer` rule marks its unit; a unit marked by a rule
//! named in `[kinds] sidebar_after` (a timestamp of another article) makes the
//! next line without final punctuation a sidebar headline; a unit marked by a
//! rule named in `[kinds] list_after` (a label of links to other articles,
//! "Related", "À lire aussi") makes the run of lines without final punctuation
//! after it those links' headlines; a unit marked by a
//! rule named in `[kinds] caption_before` (a picture credit) makes the line
//! just above it, with no blank line between them, the picture's caption.
//! [`layout`] then works from the place of the units on the page, once the
//! kinds are known: short labels above the title (section, outlet), the run
//! of furniture at the foot of the page, and the last line of the text.

use crate::claims::Kind;
use crate::matcher::Hit;
use crate::rules::{Category, RuleSet};
use crate::segment::Unit;
use regex::Regex;

/// What cleaning decided for one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// Part of the article.
    Article,
    /// Page furniture: share and comment prompts, appeals, sidebars.
    Boilerplate,
    /// The outlet speaking about the article.
    Disclaimer,
}

/// Classify each unit from the rules that fired in it. `full_date` finds a
/// full date with its year (`[kinds] caption_full_date`): a line that gives
/// one, glued to a furniture line above or below it, is a picture caption.
pub fn classify(
    rules: &RuleSet,
    full_date: &[Regex],
    text: &str,
    units: &[Unit],
    hits: &[Vec<Hit>],
) -> Vec<Furniture> {
    let ids = |list: &[String]| -> Vec<usize> {
        list.iter().filter_map(|id| rules.index_of(id)).collect()
    };
    let sidebar = ids(&rules.kinds.sidebar_after);
    let list = ids(&rules.kinds.list_after);
    // Lines of the list of links still expected after a list label.
    let mut list_left = 0usize;
    let credit = ids(&rules.kinds.caption_before);
    let fired = |i: usize, which: &[usize]| hits[i].iter().any(|h| which.contains(&h.rule));
    let mut out = Vec::with_capacity(units.len());
    let mut after_sidebar_marker = false;
    let mut captions: Vec<&str> = Vec::new();
    // A timestamp above the first sentence of the page dates the article
    // itself: what follows it is the article's title, not a sidebar.
    let mut seen_sentence = false;
    let marked = |i: usize| {
        hits[i]
            .iter()
            .any(|h| rules.rules[h.rule].category == Category::Boilerplate)
    };
    for (i, (unit, unit_hits)) in units.iter().zip(hits).enumerate() {
        let has = |cat: Category| {
            unit_hits
                .iter()
                .any(|h| rules.rules[h.rule].category == cat)
        };
        let caption = units
            .get(i + 1)
            .is_some_and(|next| fired(i + 1, &credit) && caption_above(text, unit, next));
        // The date regexes last: the cheap tests rule most lines out.
        let dated_caption = unit.whole_paragraph
            && !full_date.is_empty()
            && ((i > 0
                && out.last() == Some(&Furniture::Boilerplate)
                && glued(text, &units[i - 1], unit))
                || units
                    .get(i + 1)
                    .is_some_and(|next| marked(i + 1) && glued(text, unit, next)))
            && full_date
                .iter()
                .any(|r| r.is_match(&text[unit.start..unit.end]));
        // A line glued between two furniture lines (a picture label above, a
        // credit below) is the picture's caption; below a timestamp, it opens
        // what the timestamp dates.
        let framed = unit.whole_paragraph
            && i > 0
            && out.last() == Some(&Furniture::Boilerplate)
            && !fired(i - 1, &sidebar)
            && glued(text, &units[i - 1], unit)
            && words(text, unit) <= rules.kinds.heading_max_words
            && units
                .get(i + 1)
                .is_some_and(|next| marked(i + 1) && glued(text, unit, next));
        let kind = if has(Category::Disclaimer) {
            Furniture::Disclaimer
        } else if has(Category::Boilerplate)
            || caption
            || dated_caption
            || framed
            || (after_sidebar_marker && unit.whole_paragraph && !unit.terminal)
            || (list_left > 0 && unit.whole_paragraph && !unit.terminal)
        {
            Furniture::Boilerplate
        } else {
            Furniture::Article
        };
        after_sidebar_marker = seen_sentence && fired(i, &sidebar);
        list_left = if fired(i, &list) {
            rules.kinds.list_max_lines
        } else if unit.whole_paragraph && !unit.terminal {
            list_left.saturating_sub(1)
        } else {
            0
        };
        seen_sentence |= kind == Furniture::Article && unit.terminal;
        if caption || dated_caption || framed {
            captions.push(text[unit.start..unit.end].trim());
        }
        out.push(kind);
    }
    // A caption given again without its credit (above the picture, in a
    // gallery) is a caption too.
    if !captions.is_empty() {
        for (unit, kind) in units.iter().zip(out.iter_mut()) {
            if *kind == Furniture::Article && captions.contains(&text[unit.start..unit.end].trim())
            {
                *kind = Furniture::Boilerplate;
            }
        }
    }
    out
}

/// Is `unit` the caption of the picture whose credit is `credit`: it starts
/// its line, and no blank line separates it from the credit?
fn caption_above(text: &str, unit: &Unit, credit: &Unit) -> bool {
    let line_start = text[..unit.start].rfind('\n').map_or(0, |p| p + 1);
    let starts_line = text[line_start..unit.start].trim().is_empty();
    let between = &text[unit.end..credit.start];
    starts_line && between.matches('\n').count() <= 1
}

/// Are two units on consecutive lines, no blank line between them?
fn glued(text: &str, above: &Unit, below: &Unit) -> bool {
    text.get(above.end..below.start)
        .is_some_and(|between| between.matches('\n').count() == 1)
}

/// Number of words of a unit (a dash or a bar between two labels is not
/// a word: "Monde - Europe" has two).
fn words(text: &str, u: &Unit) -> usize {
    text[u.start..u.end]
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A line of two to four words, each written with a capital and made of
/// letters only: a name standing alone ("Jane Porter").
fn name_alone(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&ws.len())
        && ws.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// Correct the kinds from the place of the units on the page:
///
/// - above the page title (a line without final punctuation, or a question,
///   longer than `[kinds] kicker_max_words` words), the headings of at most
///   that many words are section labels or the outlet's name;
/// - between the title and the first sentence, a name alone is the byline;
/// - at the foot of the page, from the first boilerplate unit of the last run
///   of boilerplate units and lines without final punctuation, everything
///   is furniture when the run holds two boilerplate units or more
///   (sidebars, footers);
/// - a line without final punctuation that repeats an earlier one word for
///   word is furniture;
/// - the last unit of a text heads nothing, so it is not a heading: a name
///   alone there is the author's signature, anything else an excerpt cut
///   off in the middle of a sentence (a claim).
pub fn layout(rules: &RuleSet, text: &str, units: &[Unit], kinds: &mut [Kind]) {
    let n = units.len().min(kinds.len());
    if n == 0 {
        return;
    }
    let line = |i: usize| units[i].whole_paragraph && !units[i].terminal;

    // Above the title.
    let kicker = rules.kinds.kicker_max_words;
    let top = (0..n)
        .find(|&i| {
            !(kinds[i] == Kind::Boilerplate
                || (kinds[i] == Kind::Heading && words(text, &units[i]) <= kicker))
        })
        .unwrap_or(n);
    let title = |i: usize| {
        words(text, &units[i]) > kicker
            && (kinds[i] == Kind::Question
                || (line(i) && matches!(kinds[i], Kind::Heading | Kind::Claim)))
    };
    if top > 0 && top < n && title(top) {
        for k in kinds.iter_mut().take(top) {
            if *k == Kind::Heading {
                *k = Kind::Boilerplate;
            }
        }
    }

    // Between the title and the first sentence, a name alone is a byline.
    let body = (0..n)
        .find(|&i| matches!(kinds[i], Kind::Claim | Kind::Question) && units[i].terminal)
        .unwrap_or(n);
    if let Some(title) = (0..body).find(|&i| kinds[i] != Kind::Boilerplate) {
        for i in title + 1..body {
            if kinds[i] == Kind::Heading && name_alone(&text[units[i].start..units[i].end]) {
                kinds[i] = Kind::Boilerplate;
            }
        }
    }

    // The foot of the page.
    let max = rules.kinds.heading_max_words;
    let mut foot = n;
    while foot > 0
        && (kinds[foot - 1] == Kind::Boilerplate
            || (line(foot - 1)
                && matches!(kinds[foot - 1], Kind::Heading | Kind::Claim)
                && words(text, &units[foot - 1]) <= max))
    {
        foot -= 1;
    }
    while foot < n && kinds[foot] != Kind::Boilerplate {
        foot += 1;
    }
    if kinds[foot..n]
        .iter()
        .filter(|&&k| k == Kind::Boilerplate)
        .count()
        >= 2
    {
        for k in &mut kinds[foot..n] {
            if matches!(k, Kind::Heading | Kind::Claim) {
                *k = Kind::Boilerplate;
            }
        }
    }

    // A line without final punctuation that repeats an earlier line word
    // for word: the title again in a share bar, a caption, a sidebar.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for i in 0..n {
        if !line(i) {
            continue;
        }
        let key = text[units[i].start..units[i].end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !seen.insert(key) && kinds[i] != Kind::Disclaimer {
            kinds[i] = Kind::Boilerplate;
        }
    }

    // The last line.
    if kinds[n - 1] == Kind::Heading {
        let u = &units[n - 1];
        kinds[n - 1] = if name_alone(&text[u.start..u.end]) {
            Kind::Boilerplate
        } else {
            Kind::Claim
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Analyzer;
    use crate::load::Lang;
    use std::sync::OnceLock;

    fn analyzer(lang: Lang) -> &'static Analyzer {
        static FR: OnceLock<Analyzer> = OnceLock::new();
        static EN: OnceLock<Analyzer> = OnceLock::new();
        let cell = match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        };
        cell.get_or_init(|| Analyzer::new(RuleSet::bundled(lang)).expect("bundled rules compile"))
    }

    /// Each unit's text and kind.
    fn kinds(lang: Lang, text: &str) -> Vec<(String, &'static str)> {
        analyzer(lang)
            .analyze_text(text)
            .iter()
            .map(|u| (text[u.start..u.end].to_string(), u.kind.name()))
            .collect()
    }

    fn kind_of(all: &[(String, &'static str)], start: &str) -> &'static str {
        all.iter()
            .find(|(t, _)| t.starts_with(start))
            .unwrap_or_else(|| panic!("no unit starts with {start:?}"))
            .1
    }

    #[test]
    fn section_labels_above_the_title_are_furniture() {
        let k = kinds(
            Lang::Fr,
            "Le Courrier\nSport\n\nLe club de Brest se sépare de son entraîneur avant la fin de saison\n\nL'annonce a surpris les supporters.\n\nUn choix contesté\n\nLa direction défend sa décision.",
        );
        assert_eq!(kind_of(&k, "Le Courrier"), "boilerplate");
        assert_eq!(kind_of(&k, "Sport"), "boilerplate");
        assert_eq!(kind_of(&k, "Le club"), "claim");
        // A heading inside the article stays a heading.
        assert_eq!(kind_of(&k, "Un choix"), "heading");
    }

    #[test]
    fn a_short_first_line_over_prose_is_the_title() {
        let k = kinds(
            Lang::En,
            "Harbour repairs\n\nWork on the old pier began on Monday.\n\nMore to come soon.",
        );
        assert_eq!(kind_of(&k, "Harbour repairs"), "heading");
    }

    #[test]
    fn a_short_heading_over_a_short_question_stays_a_heading() {
        let k = kinds(
            Lang::En,
            "Background\n\nWhat comes next?\n\nNobody knows yet.",
        );
        assert_eq!(kind_of(&k, "Background"), "heading");
    }

    #[test]
    fn the_foot_of_the_page_is_furniture_from_its_first_boilerplate_line() {
        let k = kinds(
            Lang::En,
            "The bridge reopened on Friday after two years of work.\n\nWhat changes for drivers\n\nTolls stay the same.\n\nMost read\nTwo hurt as bus leaves road\n4 hours ago\nChoir celebrates 50th season\n",
        );
        assert_eq!(kind_of(&k, "What changes"), "heading");
        assert_eq!(kind_of(&k, "Most read"), "boilerplate");
        assert_eq!(kind_of(&k, "Two hurt"), "boilerplate");
        assert_eq!(kind_of(&k, "Choir celebrates"), "boilerplate");
    }

    #[test]
    fn one_boilerplate_line_at_the_foot_does_not_take_the_lines_above() {
        let k = kinds(
            Lang::Fr,
            "Le conseil a voté trois mesures :\nGratuité des cantines\nRénovation du gymnase\nPartager cet article\n",
        );
        assert_eq!(kind_of(&k, "Gratuité"), "heading");
        assert_eq!(kind_of(&k, "Rénovation"), "heading");
        assert_eq!(kind_of(&k, "Partager"), "boilerplate");
    }

    #[test]
    fn the_last_line_is_a_signature_or_a_cut_sentence_never_a_heading() {
        let k = kinds(Lang::Fr, "La mairie a fermé le parc.\n\nCamille Roussel");
        assert_eq!(kind_of(&k, "Camille Roussel"), "boilerplate");
        let k = kinds(
            Lang::En,
            "The park closed at noon.\n\nA growing number of resid",
        );
        assert_eq!(kind_of(&k, "A growing"), "claim");
    }

    #[test]
    fn a_line_above_a_picture_credit_is_its_caption() {
        let k = kinds(
            Lang::En,
            "Storm damage closes coastal road for repairs\n\nThe road was shut on Monday.\n\nWorkers clear debris from the road near the harbour on Sunday.\nNadia Brooks/Reuters\n\nThe council said repairs would take a week.",
        );
        assert_eq!(kind_of(&k, "Workers clear"), "boilerplate");
        assert_eq!(kind_of(&k, "Nadia Brooks"), "boilerplate");
        assert_eq!(kind_of(&k, "The council"), "claim");
        // Same line, and a credit after a blank line (not a caption).
        let k = kinds(
            Lang::Fr,
            "Le maire inaugure la médiathèque, le 2 mai 2024. (Photo Jules Perrin / Studio Est)\n\nLe chantier a duré deux ans.\n\n(Léa Caron / AFP)\n\nLe bâtiment compte 40 000 livres.",
        );
        assert_eq!(kind_of(&k, "Le maire"), "boilerplate");
        assert_eq!(kind_of(&k, "Le chantier"), "claim");
    }

    #[test]
    fn a_caption_given_again_without_its_credit_is_a_caption() {
        let k = kinds(
            Lang::En,
            "Ferry runs aground off the coast\nDivers inspect the hull of the ferry near the pier on Tuesday.\n\nDivers inspect the hull of the ferry near the pier on Tuesday.\nNadia Brooks/Reuters\n\nThe operator said no one was hurt.",
        );
        let divers: Vec<&str> = k
            .iter()
            .filter(|(t, _)| t.starts_with("Divers"))
            .map(|(_, kind)| *kind)
            .collect();
        assert_eq!(divers, ["boilerplate", "boilerplate"]);
        assert_eq!(kind_of(&k, "The operator"), "claim");
    }

    #[test]
    fn the_headlines_under_a_label_of_links_are_furniture() {
        let k = kinds(
            Lang::Fr,
            "La crue de la Sarthe inonde trois villages\n\nL'eau est montée de deux mètres dans la nuit.\n\nÀ lire aussi\n\nLe prix du blé s'envole après les pluies\n\nUn festival de jazz annulé à Nantes\n\nLes pompiers évacuent une école près du Mans\n\nLe préfet a ouvert deux gymnases pour les sinistrés.",
        );
        assert_eq!(kind_of(&k, "À lire aussi"), "boilerplate");
        assert_eq!(kind_of(&k, "Le prix du blé"), "boilerplate");
        assert_eq!(kind_of(&k, "Les pompiers évacuent"), "boilerplate");
        assert_eq!(kind_of(&k, "Le préfet"), "claim");
        assert_eq!(kind_of(&k, "L'eau est montée"), "claim");
        let k = kinds(
            Lang::En,
            "River floods three villages\n\nThe water rose two metres overnight.\n\nMore on this story\n\nWheat prices soar after the rains\n\nJazz festival cancelled in the city\n\nThe mayor opened two gyms for the families.",
        );
        assert_eq!(kind_of(&k, "Wheat prices"), "boilerplate");
        assert_eq!(kind_of(&k, "Jazz festival"), "boilerplate");
        assert_eq!(kind_of(&k, "The mayor"), "claim");
    }

    #[test]
    fn a_line_framed_by_a_picture_label_and_a_credit_is_a_caption() {
        let k = kinds(
            Lang::Fr,
            "Un barrage cède dans la vallée de l'Orne\n\nImage\nDes barques sur la place du marché.\n© Louis Garnier / Studio Nord\n\nLes habitants ont été évacués dans la nuit. Le maire a ouvert le gymnase.",
        );
        assert_eq!(kind_of(&k, "Des barques"), "boilerplate");
        assert_eq!(kind_of(&k, "Les habitants"), "claim");
    }

    #[test]
    fn a_dash_between_section_labels_is_not_a_word() {
        let k = kinds(
            Lang::Fr,
            "Actu Région - Ouest\n\nLa digue de Saint-Malo a cédé sous la pression de la marée\n\nLes quais ont été fermés dans la soirée.",
        );
        assert_eq!(kind_of(&k, "Actu Région"), "boilerplate");
    }

    #[test]
    fn names_alone() {
        assert!(name_alone("Camille Roussel"));
        assert!(name_alone("Jean-Paul De La Tour"));
        assert!(!name_alone("Roussel"));
        assert!(!name_alone("A growing"));
        assert!(!name_alone("Route 66 Revival"));
    }
}
