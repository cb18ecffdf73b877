//! Seed content for appraisal: the official conclusion scale of the personeelsgesprek, the
//! government-wide format (its three parts since 2016, and the themes the minister's letter adds),
//! and a format for managers whose criteria appraise their responsibility for a safe and inclusive
//! work environment free of racism and discrimination.
//!
//! Sources: Regeling personeelsgesprek sector Rijk (Stcrt. 2016, 34552), art. 2 and 5; CAO Rijk
//! §12.1; the minister's letter of 2025 (`shared/seed/`). Criterion wording that is not quoted
//! from those is ours and marked `illustrative`; so are the dates the letter only gives as "na de
//! zomer" (2025).

use serde_json::{json, Value};

/// The Regeling personeelsgesprek sector Rijk.
pub const REGELING_2016: &str = "https://zoek.officielebekendmakingen.nl/stcrt-2016-34552.html";

/// The code of the official conclusion scale.
pub const CONCLUSION_SCALE: &str = "CONCLUSIE_PERSONEELSGESPREK";

/// A rating scale to seed: code, name, levels (code, label, description), source, url.
pub struct ScaleSeed {
    /// Stable code, e.g. [`CONCLUSION_SCALE`]; criteria name their scale by it, and a scale
    /// already stored under it is not seeded again.
    pub code: &'static str,
    /// The scale's name, e.g. "Samenvattende conclusie".
    pub name: &'static str,
    /// Levels, highest first.
    pub levels: &'static [(&'static str, &'static str, &'static str)],
    /// Where the levels come from, as cited, e.g. art. 5 of the Regeling.
    pub source_reference: &'static str,
    /// Where that citation can be checked online.
    pub source_url: &'static str,
}

/// The scale of the samenvattende conclusie, verbatim from art. 5 of the Regeling.
pub const SCALES: &[ScaleSeed] = &[ScaleSeed {
    code: CONCLUSION_SCALE,
    name: "Samenvattende conclusie",
    levels: &[
        ("PLUS_PLUS", "++", "prestaties zijn ruim boven de afspraken en verwachtingen"),
        ("PLUS", "+", "prestaties zijn overeenkomstig afspraken en verwachtingen"),
        (
            "PLUS_MINUS",
            "+/-",
            "prestaties komen (nog) niet volledig overeen met afspraken en verwachtingen. Verbetering op onderdelen is nodig",
        ),
        (
            "MINUS",
            "-",
            "prestaties blijven duidelijk achter bij afspraken en verwachtingen. Verbetertraject is noodzakelijk",
        ),
    ],
    source_reference: "Regeling personeelsgesprek sector Rijk (Stcrt. 2016, 34552), art. 5. Dat CAO Rijk §12.1 (sinds 2020) dezelfde scores gebruikt is waarschijnlijk maar niet bevestigd.",
    source_url: REGELING_2016,
}];

/// A version of a format to seed.
pub struct FormatVersionSeed {
    /// First day.
    pub from: &'static str,
    /// First day no longer (the next version's start).
    pub to: Option<&'static str>,
    /// The version's name, e.g. "Personeelsgesprek sector Rijk"; a later version may rename it.
    pub name: &'static str,
    /// The decision or source.
    pub reference: &'static str,
    /// The date of that decision, where known.
    pub decided_on: Option<&'static str>,
    /// The period is an inference.
    pub illustrative: bool,
    /// A remark stored with the version (Dutch): what is confirmed and what is assumed.
    pub note: &'static str,
    /// Sections and criteria (a `FormatContent` document).
    pub content: Value,
}

/// A format to seed.
pub struct FormatSeed {
    /// Stable code, e.g. `PERSONEELSGESPREK_RIJK`; a format already stored under it is not
    /// seeded again.
    pub code: &'static str,
    /// `ALL_STAFF` or `MANAGERS`.
    pub audience: &'static str,
    /// Versions, oldest first.
    pub versions: Vec<FormatVersionSeed>,
}

const LETTER: &str = "Kamerbrief van de minister van BZK (2025) over racisme en discriminatie op de werkvloer van de Rijksoverheid";

/// A criterion; every seeded wording is the register's (the sources give topics, not questions),
/// so each is marked illustrative.
fn criterion(
    code: &str,
    text: &str,
    guidance: Option<&str>,
    scale: Option<&str>,
    mandatory: bool,
    appraises: Option<Value>,
    source: &str,
) -> Value {
    json!({
        "code": code, "text": text, "guidance": guidance, "ratingScale": scale,
        "mandatory": mandatory, "appraises": appraises, "illustrative": true, "source": source,
    })
}

/// The three parts of the conversation (art. 2 of the Regeling), worded after CAO Rijk §12.1.
fn three_parts() -> Vec<Value> {
    let cao =
        "CAO Rijk §12.1 (onderwerpen van het personeelsgesprek); formulering van het register";
    vec![
        json!({ "code": "PLANNEN", "criteria": [criterion(
            "AFSPRAKEN_KOMENDE_PERIODE",
            "Afspraken over het werk in de komende periode, de omstandigheden en de beoogde resultaten, en over de persoonlijke ontwikkeling",
            Some("Beide gesprekspartners zijn gelijkwaardig; leg de afspraken samen vast in het verslag."),
            None, true, None, cao)] }),
        json!({ "code": "REFLECTEREN_OP_FUNCTIONEREN", "criteria": [criterion(
            "FUNCTIONEREN",
            "Het functioneren: de omstandigheden waaronder het afgesproken werk is gedaan, de behaalde resultaten en hoe die zijn behaald",
            Some("Beide partijen geven hun visie op het functioneren; informanten kunnen worden geraadpleegd."),
            None, true, None, cao)] }),
        json!({ "code": "EVALUEREN_MET_CONCLUSIE", "criteria": [criterion(
            "SAMENVATTENDE_CONCLUSIE",
            "Samenvattende conclusie over de periode",
            Some("De leidinggevende legt de conclusie vast met de bijbehorende score; de medewerker kan in het verslag aangeven het er niet mee eens te zijn."),
            Some(CONCLUSION_SCALE), true, None,
            "Regeling personeelsgesprek sector Rijk, art. 2 (evalueren met conclusie) en art. 5 (score); CAO Rijk §12.1")] }),
    ]
}

/// The formats.
pub fn formats() -> Vec<FormatSeed> {
    let mut themed = three_parts();
    themed.extend([
        json!({ "code": "INTEGRITEIT", "criteria": [criterion(
            "INTEGRITEIT_BESPROKEN",
            "Integriteit: hoe ga je om met integriteitsvragen in je werk, en in de omgang met anderen?",
            Some("De brief: 'Integriteit wordt nu al standaard besproken in de personeelsgesprekken.'"),
            None, true, Some(json!({ "requirementCode": "GIR_OMGANG_MET_ANDEREN" })), LETTER)] }),
        json!({ "code": "SOCIALE_VEILIGHEID", "criteria": [criterion(
            "ERVARINGEN_ONGEWENST_GEDRAG",
            "Heb je in de afgelopen periode ongewenst of grensoverschrijdend gedrag ervaren of gezien?",
            Some("Onder de noemer van sociale veiligheid wordt ook gevraagd naar andere vormen van ongewenst en grensoverschrijdend gedrag (de brief). Wijs op de meldvoorzieningen."),
            None, true, None, LETTER)] }),
        json!({ "code": "DISCRIMINATIE_RACISME", "criteria": [criterion(
            "ERVARINGEN_DISCRIMINATIE_RACISME",
            "Heb je in de afgelopen periode te maken gehad met discriminatie of racisme?",
            Some("Het is aan de medewerker of hij of zij de ervaringen op dat moment deelt of andere wegen bewandelt; verwijs naar de handreiking en de mogelijkheden om te melden (de brief)."),
            None, true, None, LETTER)] }),
    ]);
    let manager = vec![json!({ "code": "LEIDINGGEVEN", "criteria": [
        criterion(
            "VEILIGE_INCLUSIEVE_WERKOMGEVING",
            "Actief zorg dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie",
            Some("De verantwoordelijkheid uit de motie Bamenga; bespreek concrete situaties uit de afgelopen periode."),
            Some(CONCLUSION_SCALE), true, Some(json!({ "requirementCode": "MOTIE_BAMENGA" })),
            "Motie Bamenga (Kamerstukken II 2024/25, 30 950, nr. 415), zoals de brief haar aanhaalt; gebruik als criterium is van het register"),
        criterion(
            "SOCIAAL_VEILIG_KLIMAAT",
            "Het bevorderen en bewaken van een sociaal veilige en inclusieve werkomgeving",
            None, Some(CONCLUSION_SCALE), true,
            Some(json!({ "requirementCode": "SOCIALE_VEILIGHEID_LEIDINGGEVENDEN" })),
            "Brief: 'Leidinggevenden binnen de Rijksoverheid hebben een nadrukkelijke verantwoordelijkheid voor het bevorderen en bewaken van een sociaal veilige en inclusieve werkomgeving'"),
        criterion(
            "AANPAK_ONGEWENST_GEDRAG",
            "De aanpak van discriminatie en racisme en andere vormen van ongewenst en grensoverschrijdend gedrag",
            Some("Hoe heb je gehandeld bij signalen en meldingen?"),
            Some(CONCLUSION_SCALE), true,
            Some(json!({ "requirementCode": "ONGEWENST_GEDRAG_LEIDINGGEVENDEN" })), LETTER),
        criterion(
            "VOORBEELD_INTEGRITEIT",
            "Het goede voorbeeld geven in zorgvuldige omgang met anderen",
            None, Some(CONCLUSION_SCALE), false,
            Some(json!({ "requirementCode": "GIR_OMGANG_MET_ANDEREN" })),
            "Gedragscode Integriteit Rijk ('wees zorgvuldig in de omgang met anderen'); formulering van het register"),
    ]})];
    vec![
        FormatSeed {
            code: "PERSONEELSGESPREK_RIJK",
            audience: "ALL_STAFF",
            versions: vec![
                FormatVersionSeed {
                    from: "2016-07-01",
                    to: Some("2020-01-01"),
                    name: "Personeelsgesprek sector Rijk",
                    reference: "Regeling personeelsgesprek sector Rijk (ondertekend 25 juni 2016, nr. 2016-0000364155, Stcrt. 2016, 34552), art. 2 en 5; in werking 1 juli 2016, vervallen 1 januari 2020",
                    decided_on: Some("2016-06-25"),
                    illustrative: false,
                    note: "De drie delen en de conclusiescore zijn bevestigd (Regeling, art. 2 en 5).",
                    content: json!({ "sections": three_parts() }),
                },
                FormatVersionSeed {
                    from: "2020-01-01",
                    to: Some("2025-09-01"),
                    name: "Personeelsgesprek sector Rijk",
                    reference: "CAO Rijk §12.1 (sinds 1 januari 2020; volgt de Regeling personeelsgesprek sector Rijk op)",
                    decided_on: None,
                    illustrative: true,
                    note: "Dat §12.1 dezelfde drie delen en conclusiescore voorschrijft als de Regeling, is waarschijnlijk maar niet bevestigd; het einde van deze versie (1 september 2025) volgt uit de aangekondigde aanpassing van het format 'na de zomer' en is een aanname.",
                    content: json!({ "sections": three_parts() }),
                },
                FormatVersionSeed {
                    from: "2025-09-01",
                    to: None,
                    name: "Personeelsgesprek sector Rijk, met integriteit, sociale veiligheid, discriminatie en racisme",
                    reference: "Kamerbrief van de minister van BZK (2025): het format voor de personeelsgesprekken wordt rijksbreed aangepast",
                    decided_on: None,
                    illustrative: true,
                    note: "Illustratief: de brief kondigt de aanpassing 'na de zomer' van 2025 aan; de datum en de formulering van de vragen zijn van het register.",
                    content: json!({ "sections": themed }),
                },
            ],
        },
        FormatSeed {
            code: "PERSONEELSGESPREK_LEIDINGGEVENDEN",
            audience: "MANAGERS",
            versions: vec![FormatVersionSeed {
                from: "2025-09-01",
                to: None,
                name: "Personeelsgesprek leidinggevenden: verantwoordelijkheid voor een veilige en inclusieve werkomgeving",
                reference: "Kamerbrief van de minister van BZK (2025): leidinggevenden worden in de personeelsgesprekken beoordeeld op de elementen uit de functieprofielen die relevant zijn voor de aanpak",
                decided_on: None,
                illustrative: true,
                note: "Illustratief: de datum en de formulering zijn van het register; de brief verwacht implementatie na de zomer.",
                content: json!({ "sections": manager }),
            }],
        },
    ]
}
