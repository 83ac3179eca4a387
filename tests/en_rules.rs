//! The bundled English rules on a whole wire story: kinds, labels, sources
//! and figures unit by unit, and every rule example.

use credence::claims::attribution::{SourceKind, SourceVia};
use credence::claims::{Analyzer, Analyzers, Kind, Label, Polarity, UnitAnalysis};
use credence::load::Lang;
use std::sync::OnceLock;

const STORY: &str = "\
Thousands flee as floods hit northern Italy, officials say
By Jane Porter
Nov 22, 2024 10:28

ROME (Reuters) - Torrential rain has forced thousands of people from their homes in northern Italy, officials said on Friday, and more storms are expected to hit the region over the weekend.
About 10,000 troops and firefighters have been deployed to the worst-hit areas, according to the Civil Protection Department.
The Italian army said it had sent 40 helicopters and 300 boats.

\"We have never seen anything like this,\" Emilia-Romagna governor Michele de Pascale told reporters in Bologna. \"The water rose by two metres in a few hours.\"
He said the damage could exceed 1.5 billion euros.

At least 12 people have died, the national fire service said. Several others are reportedly missing.
A senior government official, speaking on condition of anonymity, said the death toll was likely to rise.
The floods are believed to have destroyed crops on about 200,000 hectares of farmland.
Some 1.5 million people live in the affected provinces.
Prime Minister Giorgia Meloni is expected to visit the region on Saturday.
It remains unclear whether the dams upstream will hold.
Scientists say extreme rainfall events may become more frequent as the climate warms.
If the rain continues, the river Po could burst its banks near Ferrara.
The regional government said on Thursday that it would release 50 million euros in emergency aid.
No evacuation orders have been lifted so far.

Related news
Share this article
Sign up for our newsletter
3 hours ago
Storm Bert batters Britain
";

/// The bundled analysers, compiled once for all tests.
fn analyzers() -> &'static Analyzers {
    static ANALYZERS: OnceLock<Analyzers> = OnceLock::new();
    ANALYZERS.get_or_init(|| Analyzers::new(None).expect("bundled rules compile"))
}

fn english(analyzers: &Analyzers) -> &Analyzer {
    analyzers.get(Lang::En)
}

/// The unit whose text starts with `start`.
fn unit<'a>(units: &'a [UnitAnalysis], start: &str) -> &'a UnitAnalysis {
    units
        .iter()
        .find(|u| STORY[u.start..u.end].starts_with(start))
        .unwrap_or_else(|| panic!("no unit starts with {start:?}"))
}

fn text<'a>(u: &UnitAnalysis) -> &'a str {
    &STORY[u.start..u.end]
}

fn source(u: &UnitAnalysis) -> Option<(&str, SourceKind)> {
    u.source.as_ref().map(|s| (s.text.as_str(), s.kind))
}

fn figures(u: &UnitAnalysis) -> Vec<(f64, &str, bool)> {
    u.figures
        .iter()
        .map(|f| (f.value, f.unit.as_str(), f.vague))
        .collect()
}

fn claim(u: &UnitAnalysis, label: Label) {
    assert_eq!(u.kind, Kind::Claim, "kind of {:?}", text(u));
    assert_eq!(u.label, label, "label of {:?}", text(u));
}

#[test]
fn every_english_rule_example_passes() {
    let analyzers = analyzers();
    let report = credence::examples::run_examples(english(analyzers));
    assert!(report.run > 150, "only {} examples ran", report.run);
    assert!(
        report.failures.is_empty(),
        "failed examples: {:#?}",
        report.failures
    );
    assert!(
        report.untested.is_empty(),
        "untested: {:?}",
        report.untested
    );
}

#[test]
fn english_rules_are_the_english_bundle() {
    let analyzers = analyzers();
    let en = english(analyzers);
    assert_eq!(en.rules.lang, Lang::En);
    assert!(en.rules.rules.iter().all(|r| r.id.starts_with("en.")));
    assert!(en.rules.rules.len() >= 25);
}

#[test]
fn headline_byline_and_timestamp() {
    let analyzers = analyzers();
    let units = english(analyzers).analyze_text(STORY);

    let headline = unit(&units, "Thousands flee");
    claim(headline, Label::Certain);
    assert_eq!(source(headline), Some(("officials", SourceKind::Vague)));
    // "Thousands flee" counts no noun.
    assert!(headline.figures.is_empty(), "{:?}", figures(headline));

    assert_eq!(unit(&units, "By Jane Porter").kind, Kind::Boilerplate);
    assert_eq!(unit(&units, "Nov 22, 2024 10:28").kind, Kind::Boilerplate);
}

#[test]
fn dateline_paragraph() {
    let analyzers = analyzers();
    let units = english(analyzers).analyze_text(STORY);

    let lead = unit(&units, "ROME (Reuters)");
    claim(lead, Label::Probable);
    assert_eq!(source(lead), Some(("officials", SourceKind::Vague)));
    assert_eq!(figures(lead), vec![(1000.0, "people", true)]);

    let troops = unit(&units, "About 10,000 troops");
    claim(troops, Label::Certain);
    assert_eq!(
        source(troops),
        Some(("the Civil Protection Department", SourceKind::Named))
    );
    assert_eq!(figures(troops), vec![(10000.0, "troop", false)]);

    let army = unit(&units, "The Italian army said");
    claim(army, Label::Certain);
    assert_eq!(army.polarity, Polarity::Affirmed);
    assert_eq!(source(army), Some(("The Italian army", SourceKind::Named)));
    assert_eq!(
        figures(army),
        vec![(40.0, "helicopter", false), (300.0, "boat", false)]
    );
}

#[test]
fn quotations_and_pronouns_credit_the_speaker() {
    let analyzers = analyzers();
    let units = english(analyzers).analyze_text(STORY);

    let first = unit(&units, "\"We have never seen");
    claim(first, Label::Certain);
    let speaker = first.source.as_ref().expect("the quote has a speaker");
    assert!(speaker.text.ends_with("Michele de Pascale"), "{speaker:?}");
    assert_eq!(speaker.kind, SourceKind::Named);

    // The second sentence of the quotation inherits its speaker.
    let second = unit(&units, "\"The water rose");
    claim(second, Label::Certain);
    let inherited = second.source.as_ref().expect("quote speaker");
    assert_eq!(inherited.text, speaker.text);
    assert_eq!(inherited.via, SourceVia::Quote);
    assert_eq!(figures(second), vec![(2.0, "metre", false)]);

    // "He said" is the governor; "could" makes it a possibility.
    let he = unit(&units, "He said the damage");
    claim(he, Label::Possible);
    // A pronoun resolves to the person last named, without the title.
    let he_source = he.source.as_ref().map(|s| s.text.as_str()).unwrap_or("");
    assert!(
        speaker.text.ends_with(he_source) && he_source == "Michele de Pascale",
        "{he_source}"
    );
    assert_eq!(figures(he), vec![(1.5e9, "euro", false)]);
}

#[test]
fn reported_and_hedged_statements() {
    let analyzers = analyzers();
    let units = english(analyzers).analyze_text(STORY);

    let toll = unit(&units, "At least 12 people");
    claim(toll, Label::Certain);
    assert_eq!(
        source(toll),
        Some(("the national fire service", SourceKind::Named))
    );
    assert_eq!(figures(toll), vec![(12.0, "people", false)]);

    // "reportedly" is borrowed information: it takes its paragraph's source.
    let missing = unit(&units, "Several others are reportedly missing");
    claim(missing, Label::Unconfirmed);
    let borrowed = missing.source.as_ref().expect("borrowed source");
    assert_eq!(borrowed.text, "the national fire service");
    assert_eq!(borrowed.via, SourceVia::Frame);

    let anonymous = unit(&units, "A senior government official");
    claim(anonymous, Label::Probable);
    assert_eq!(
        source(anonymous),
        Some(("A senior government official", SourceKind::Vague))
    );

    let believed = unit(&units, "The floods are believed");
    // Belief in the passive is a belief: probable, as in the hard-cases table.
    claim(believed, Label::Probable);
    assert_eq!(believed.source, None);
    assert_eq!(figures(believed), vec![(200000.0, "hectare", false)]);

    let provinces = unit(&units, "Some 1.5 million people");
    claim(provinces, Label::Certain);
    assert_eq!(figures(provinces), vec![(1.5e6, "people", false)]);

    claim(
        unit(&units, "Prime Minister Giorgia Meloni"),
        Label::Probable,
    );
    claim(
        unit(&units, "It remains unclear whether"),
        Label::Unconfirmed,
    );

    let scientists = unit(&units, "Scientists say");
    claim(scientists, Label::Possible);
    assert_eq!(source(scientists), Some(("Scientists", SourceKind::Vague)));

    claim(unit(&units, "If the rain continues"), Label::Possible);

    // "said ... that it would" is the future-in-the-past, not a hypothesis.
    let aid = unit(&units, "The regional government said");
    claim(aid, Label::Certain);
    assert_eq!(
        source(aid),
        Some(("The regional government", SourceKind::Named))
    );
    assert_eq!(figures(aid), vec![(5e7, "euro", false)]);

    let orders = unit(&units, "No evacuation orders");
    claim(orders, Label::Certain);
    assert_eq!(orders.polarity, Polarity::Denied);
}

#[test]
fn page_furniture_at_the_end() {
    let analyzers = analyzers();
    let units = english(analyzers).analyze_text(STORY);
    for start in [
        "Related news",
        "Share this article",
        "Sign up for our newsletter",
        "3 hours ago",
        // A sidebar headline under a timestamp.
        "Storm Bert batters Britain",
    ] {
        assert_eq!(unit(&units, start).kind, Kind::Boilerplate, "{start}");
    }
    assert_eq!(
        units.iter().filter(|u| u.kind == Kind::Boilerplate).count(),
        7
    );
    assert!(units
        .iter()
        .all(|u| !matches!(u.kind, Kind::Heading | Kind::Question | Kind::Disclaimer)));
}

#[test]
fn headings_questions_and_disclaimers() {
    let analyzers = analyzers();
    let en = english(analyzers);
    let text = "Background\n\nWhat happens next?\n\nThe views expressed in this article are the author's own and do not necessarily reflect those of the publisher.\n";
    let units = en.analyze_text(text);
    let kinds: Vec<Kind> = units.iter().map(|u| u.kind).collect();
    assert_eq!(kinds, vec![Kind::Heading, Kind::Question, Kind::Disclaimer]);
    assert_eq!(units[1].label, Label::Unconfirmed);
}

#[test]
fn may_the_month_and_would_after_said() {
    let analyzers = analyzers();
    let en = english(analyzers);
    let units = en.analyze_text(
        "The elections were held in May. Theresa May said the deal was dead. Prices may rise. \
         The ministry said it would send more troops. A full-scale invasion would be a catastrophe.",
    );
    let labels: Vec<Label> = units.iter().map(|u| u.label).collect();
    assert_eq!(
        labels,
        vec![
            Label::Certain,
            Label::Certain,
            Label::Possible,
            Label::Certain,
            Label::Possible
        ]
    );
    assert_eq!(
        units[1].source.as_ref().map(|s| s.text.as_str()),
        Some("Theresa May")
    );
}
