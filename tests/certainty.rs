//! The bundled rules against the "Hard cases" table of the gold format, in
//! French and English alike: each construction, on sentences written for
//! these tests, gets the label the table gives it.

use credence::claims::{Analyzers, Kind, Label};
use credence::load::Lang;
use std::sync::OnceLock;

fn analyzers() -> &'static Analyzers {
    static ANALYZERS: OnceLock<Analyzers> = OnceLock::new();
    ANALYZERS.get_or_init(|| Analyzers::new(None).expect("bundled rules compile"))
}

/// Every sentence is one claim or question with the expected label.
fn check(lang: Lang, cases: &[(&str, Label)]) {
    let analyzer = analyzers().get(lang);
    let mut wrong = Vec::new();
    for &(text, want) in cases {
        let units = analyzer.analyze_text(text);
        assert_eq!(units.len(), 1, "{text:?} is one unit");
        let u = &units[0];
        assert!(matches!(u.kind, Kind::Claim | Kind::Question), "{text:?}");
        if u.label != want {
            let cues: Vec<&str> = u
                .terms
                .iter()
                .map(|t| analyzer.rules.rules[t.rule].id.as_str())
                .collect();
            wrong.push(format!(
                "{text:?}: {} instead of {} ({})",
                u.label.name(),
                want.name(),
                cues.join(", ")
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

use Label::{Certain, Possible, Probable, Unconfirmed};

#[test]
fn reporting_verbs_are_not_cues() {
    check(
        Lang::Fr,
        &[
            ("La préfète a déclaré que la route était coupée.", Certain),
            ("Le club annonce la signature de deux joueurs.", Certain),
            ("« Les travaux sont finis », a précisé le maire.", Certain),
            (
                "Elle jouit de l'estime que lui portent ses collègues.",
                Certain,
            ),
            (
                "Le juge que la famille a saisi a rendu sa décision.",
                Certain,
            ),
            ("Le tribunal a jugé que la clause était abusive.", Certain),
            (
                "Le texte prévoit que les salariés seront consultés.",
                Certain,
            ),
            ("L'accusé a été condamné à deux ans de prison.", Certain),
            ("L'accusation a requis cinq ans de prison.", Certain),
            ("Ce n'est certainement pas un hasard.", Certain),
            ("Ce scénario n'est pas plausible.", Certain),
            ("Il est difficile de dire non à une telle offre.", Certain),
        ],
    );
    check(
        Lang::En,
        &[
            ("The mayor said the road was closed.", Certain),
            ("The club announced two new signings on Monday.", Certain),
            (
                "\"The work is finished,\" the mayor told reporters.",
                Certain,
            ),
            ("Damage estimates help cities plan the cleanup.", Certain),
            ("The expected rise in prices never came.", Probable),
            ("Homeowners filed their claims within a week.", Certain),
            ("Insurance claims rose sharply in March.", Certain),
            ("As expected, the bill passed the Senate.", Certain),
            ("A think tank published the figures.", Certain),
            ("The damage was worse than first thought.", Certain),
            (
                "Police said there was no information to suggest foul play.",
                Certain,
            ),
        ],
    );
}

#[test]
fn belief_estimate_expectation_and_prediction_are_probable() {
    check(
        Lang::Fr,
        &[
            (
                "Le ministre estime que la réforme sera adoptée avant l'été.",
                Probable,
            ),
            (
                "« Je pense qu'il y aura des centaines de blessés », a dit la maire.",
                Probable,
            ),
            (
                "Les économistes croient que l'inflation a atteint son pic.",
                Probable,
            ),
            (
                "La commission a jugé mardi que le projet était viable.",
                Probable,
            ),
            (
                "Les syndicats s'attendent à une forte mobilisation.",
                Probable,
            ),
            ("La ministre est attendue à Lyon dans la matinée.", Probable),
            ("La banque centrale anticipe une hausse des prix.", Probable),
            (
                "Les prévisionnistes prédisent des orages en soirée.",
                Probable,
            ),
            (
                "La baisse ne durera pas, prédit l'économiste Paul Martin.",
                Probable,
            ),
            (
                "Le chantier coûtera plus cher que prévu, estime-t-elle.",
                Probable,
            ),
            (
                "Selon les estimations, 2 000 personnes ont quitté la ville.",
                Probable,
            ),
            (
                "Le coût des travaux est estimé à 40 millions d'euros.",
                Probable,
            ),
            ("Les habitants pensaient que la digue tiendrait.", Probable),
            ("La crue a certainement fait des dégâts.", Probable),
            ("Le pont sera sans doute fermé tout l'hiver.", Probable),
            ("Le maire ne semble pas très inquiet.", Probable),
        ],
    );
    check(
        Lang::En,
        &[
            (
                "Analysts think that the bank will cut rates in June.",
                Probable,
            ),
            (
                "The mayor believes the bridge can reopen by spring.",
                Probable,
            ),
            ("\"I don't think so,\" the coach said.", Probable),
            (
                "Forecasters expect the river to crest on Thursday.",
                Probable,
            ),
            ("It predicted heavy snow across the mountains.", Probable),
            (
                "The strike will last a week, predicted the union leader.",
                Probable,
            ),
            ("The company anticipates a drop in sales.", Probable),
            (
                "The storm caused an estimated $4 billion in damage.",
                Probable,
            ),
            (
                "Early estimates put the number of displaced people at 20,000.",
                Probable,
            ),
            (
                "By some estimates, the drought is the worst in a century.",
                Probable,
            ),
            ("Schools close as heavy snow is forecast", Probable),
            (
                "Crews worked all night, with strong winds expected to return.",
                Probable,
            ),
            ("The flood surely damaged the harvest.", Probable),
            ("The fire was probably started by a spark.", Probable),
            ("A verdict is expected on Tuesday.", Probable),
        ],
    );
}

#[test]
fn fear_is_possible() {
    check(
        Lang::Fr,
        &[
            (
                "Les secouristes craignent que le bilan ne s'alourdisse.",
                Possible,
            ),
            (
                "La préfecture redoute des inondations dans la vallée.",
                Possible,
            ),
            (
                "Des dizaines de disparus redoutés après l'éboulement.",
                Possible,
            ),
            (
                "Les pêcheurs s'inquiètent que les quotas soient réduits.",
                Possible,
            ),
        ],
    );
    check(
        Lang::En,
        &[
            (
                "Rescuers fear that dozens of people are still trapped.",
                Possible,
            ),
            (
                "Three fishermen are feared dead after the boat capsized.",
                Possible,
            ),
            ("Residents worry that the levee will not hold.", Possible),
            (
                "People stayed home for fear of looting, I suppose.",
                Possible,
            ),
        ],
    );
}

#[test]
fn claims_charges_and_rumours_are_unconfirmed() {
    check(
        Lang::Fr,
        &[
            ("Le maire prétend avoir averti la préfecture.", Unconfirmed),
            (
                "L'opposition accuse le gouvernement d'avoir caché les chiffres.",
                Unconfirmed,
            ),
            ("Ces accusations visent des faits anciens.", Unconfirmed),
            (
                "Deux employés soupçonnés de fraude ont été entendus.",
                Unconfirmed,
            ),
            ("Le ministère a démenti les rumeurs.", Unconfirmed),
            ("Le directeur rejette ces allégations.", Unconfirmed),
        ],
    );
    check(
        Lang::En,
        &[
            (
                "The company claims that its software was never hacked.",
                Unconfirmed,
            ),
            ("He was accused of taking bribes.", Unconfirmed),
            ("The senator dismissed the accusations.", Unconfirmed),
            ("The ministry denied the allegations.", Unconfirmed),
            ("A suspected gas leak forced an evacuation.", Unconfirmed),
            ("Police suspect arson.", Unconfirmed),
            ("The suspect reportedly fled the country.", Unconfirmed),
        ],
    );
}

#[test]
fn the_conditional_after_a_past_reporting_verb() {
    check(
        Lang::Fr,
        &[
            // Future-in-the-past: an event later than the report.
            (
                "La ministre a annoncé que le pont rouvrirait en mai.",
                Certain,
            ),
            (
                "Le maire a déclaré que la réforme serait adoptée en juin.",
                Certain,
            ),
            (
                "Le pays a annoncé que les relations atteindraient un nouveau niveau.",
                Certain,
            ),
            // A present or past fact: the journalistic conditional.
            (
                "Le préfet a affirmé que 300 familles se trouveraient encore sans abri.",
                Unconfirmed,
            ),
            (
                "Il a dit que la facture se chiffrerait en millions.",
                Unconfirmed,
            ),
            (
                "Le ministre a estimé mardi que la pollution serait moins grave que prévu.",
                Unconfirmed,
            ),
            ("Le bilan s'élèverait à 14 morts.", Unconfirmed),
            ("Les suspects auraient quitté le pays.", Unconfirmed),
            (
                "Selon la police, le conducteur n'aurait jamais freiné.",
                Unconfirmed,
            ),
            // A free hypothesis.
            ("Cette digue permettrait de protéger le quartier.", Possible),
            ("Ce serait compliqué de tout reconstruire.", Possible),
            ("L'incendie aurait pu être évité.", Possible),
            ("Le pays ne pourrait pas résister longtemps.", Possible),
        ],
    );
    check(
        Lang::En,
        &[
            (
                "The ministry said it would send more firefighters.",
                Certain,
            ),
            (
                "The mayor met residents, promising she would rebuild the school.",
                Certain,
            ),
            ("Such a move would allow the city to borrow more.", Possible),
            ("The bridge could reopen in May.", Possible),
        ],
    );
}

#[test]
fn stated_ignorance_is_unconfirmed() {
    check(
        Lang::Fr,
        &[
            ("On ne sait pas encore si l'usine rouvrira.", Unconfirmed),
            ("Reste à savoir qui paiera les travaux.", Unconfirmed),
            (
                "Il est impossible de connaître le nombre de victimes.",
                Unconfirmed,
            ),
            (
                "Le nombre exact de victimes ne peut être établi.",
                Unconfirmed,
            ),
            (
                "L'identité du conducteur n'a pas été précisée.",
                Unconfirmed,
            ),
            (
                "Il est encore trop tôt pour dire si la récolte est perdue.",
                Unconfirmed,
            ),
            ("Nous n'avons pas de détails à communiquer.", Unconfirmed),
            (
                "La direction n'a pas encore décidé si l'usine rouvrira.",
                Unconfirmed,
            ),
            ("Les enquêteurs n'écartent aucune hypothèse.", Unconfirmed),
        ],
    );
    check(
        Lang::En,
        &[
            ("It is unclear whether the dam will hold.", Unconfirmed),
            (
                "It is still too early to say how many homes were lost.",
                Unconfirmed,
            ),
            (
                "The identity of the driver has not been disclosed.",
                Unconfirmed,
            ),
            (
                "Reuters could not independently verify the footage.",
                Unconfirmed,
            ),
            (
                "\"We have no details at this stage,\" the spokeswoman said.",
                Unconfirmed,
            ),
            (
                "The board has not yet decided whether the plant will reopen.",
                Unconfirmed,
            ),
            ("Investigators are ruling nothing out.", Unconfirmed),
            (
                "The exact number of victims cannot yet be established.",
                Unconfirmed,
            ),
        ],
    );
}

#[test]
fn the_weakest_cue_governs() {
    check(
        Lang::Fr,
        &[
            ("Le maire estime que le pont pourrait céder.", Possible),
            (
                "Le pont sera sans aucun doute fermé, et pourrait même être détruit.",
                Possible,
            ),
            (
                "Ces accusations visent des faits potentiellement anciens.",
                Unconfirmed,
            ),
            (
                "Il a estimé que le bilan serait « vraisemblablement » plus lourd.",
                Unconfirmed,
            ),
        ],
    );
    check(
        Lang::En,
        &[
            ("Analysts expect that prices may fall.", Possible),
            ("The fire is expected to spread, officials fear.", Possible),
            ("The company claims it will probably recover.", Unconfirmed),
        ],
    );
}
