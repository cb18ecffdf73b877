//! The seed content: the FGR as far as public sources confirm it (see
//! `shared/domain/fgr-facts.md`), plus the minister's letter of 2025 verbatim.
//!
//! Every record carries its source. Anything that is an inference or our own wording is flagged
//! `illustrative: true`, and what is known to be missing is said in a `data_note`.

/// The FGR site, the main source.
pub const FGR_SITE: &str = "https://www.functiegebouwrijksoverheid.nl";
/// The FGR version log.
pub const VERSION_LOG: &str = "https://www.functiegebouwrijksoverheid.nl/over/versiebeheer";
/// The families FAQ.
pub const FAMILIES_FAQ: &str =
    "https://www.functiegebouwrijksoverheid.nl/veelgesteldevragen/wat-is-een-functiefamilie";
/// The kernprofiel ABC page (the four result areas).
pub const KERNPROFIEL_ABC: &str = "https://www.functiegebouwrijksoverheid.nl/abc/kernprofiel";
/// The minister's letter of 2025 on racism in the workplace at the Rijk (in `shared/seed/`).
pub const LETTER: &str =
    "Kamerbrief van de minister van BZK (2025) over racisme en discriminatie op de werkvloer van de Rijksoverheid";
/// The Gedragscode Integriteit Rijk.
pub const GIR_URL: &str = "https://www.pianoo.nl/nl/document/11472/gedragscode-integriteit-rijk";

/// A family to seed.
pub struct FamilySeed {
    /// Stable code.
    pub code: &'static str,
    /// Official name.
    pub name: &'static str,
    /// Official definition, where retrieved.
    pub definition: Option<&'static str>,
    /// Manager family?
    pub manager: bool,
    /// Source of the definition (or of the name).
    pub source_url: &'static str,
    /// What is missing.
    pub data_note: Option<&'static str>,
}

const DEFINITION_MISSING: Option<&str> =
    Some("Definitie nog niet opgehaald uit de officiële bron; aan te vullen door FGR-beheer.");

/// The eight families, in the order of the official FAQ.
pub const FAMILIES: &[FamilySeed] = &[
    FamilySeed {
        code: "UITVOERING",
        name: "Uitvoering",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
    FamilySeed {
        code: "ADVISERING",
        name: "Advisering",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
    FamilySeed {
        code: "BEDRIJFSVOERING",
        name: "Bedrijfsvoering",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
    FamilySeed {
        code: "TOEZICHT",
        name: "Toezicht",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
    FamilySeed {
        code: "PPM",
        name: "Project-/Programmamanagement",
        definition: Some("Het als opdrachtnemer verantwoordelijk zijn voor de levering van project-/programmaresultaten, binnen een tijdelijk werkverband, gericht op realisatie van de doelen van de opdrachtgever, conform (vooraf) gemaakte afspraken en met gebruikmaking van beschikbaar gestelde middelen."),
        manager: true,
        source_url: "https://www.functiegebouwrijksoverheid.nl/functiegebouw/functiefamilies/project---programmamanagement",
        data_note: None,
    },
    FamilySeed {
        code: "LIJNMANAGEMENT",
        name: "Lijnmanagement",
        definition: Some("Het sturen op en verantwoordelijk zijn voor de realisatie van de doelen van het structurele organisatieonderdeel door publiek leiderschap."),
        manager: true,
        source_url: "https://www.functiegebouwrijksoverheid.nl/functiegebouw/functiefamilies/lijnmanagement",
        data_note: None,
    },
    FamilySeed {
        code: "KENNIS_ONDERZOEK",
        name: "Kennis en Onderzoek",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
    FamilySeed {
        code: "BELEID",
        name: "Beleid",
        definition: None,
        manager: false,
        source_url: FAMILIES_FAQ,
        data_note: DEFINITION_MISSING,
    },
];

/// The four result areas of every kernprofiel [C], code and label.
pub const RESULT_AREAS: &[(&str, &str)] = &[
    ("OPDRACHTGEVER", "Opdracht(gever) (politiek/ambtelijk)"),
    ("OMGEVING", "Omgeving"),
    ("BEDRIJFSVOERING", "Bedrijfsvoering"),
    ("VERNIEUWEN_VERBETEREN", "Vernieuwen en verbeteren"),
];

/// A requirement to seed.
pub struct RequirementSeed {
    /// Stable code.
    pub code: &'static str,
    /// Short title (ours).
    pub title: &'static str,
    /// Verbatim text from the source.
    pub text: &'static str,
    /// Theme code.
    pub theme: &'static str,
    /// The source as cited, e.g. "Motie Bamenga, Kamerstukken II 2024/25, 30 950, nr. 415"; a
    /// record citing [`LETTER`] is also linked to the letter as a source document.
    pub source_reference: &'static str,
    /// Where to read it.
    pub source_url: Option<&'static str>,
    /// From when it applies.
    pub required_from: Option<&'static str>,
    /// Families where it is required.
    pub families: &'static [&'static str],
    /// True when the scope (where it is required) is our reading, not stated by the source.
    pub illustrative: bool,
}

/// The manager families.
const MANAGER_FAMILIES: &[&str] = &["LIJNMANAGEMENT", "PPM"];
/// All eight families.
const ALL_FAMILIES: &[&str] = &[
    "UITVOERING",
    "ADVISERING",
    "BEDRIJFSVOERING",
    "TOEZICHT",
    "PPM",
    "LIJNMANAGEMENT",
    "KENNIS_ONDERZOEK",
    "BELEID",
];

/// The responsibility requirements from the letter and the integrity code.
pub const REQUIREMENTS: &[RequirementSeed] = &[
    RequirementSeed {
        code: "MOTIE_BAMENGA",
        title: "Actief zorgdragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie",
        text: "in functieomschrijvingen en in de beoordelingscycli (personeelsgesprekken) van alle ambtenaren met een leidinggevende functie de expliciete verantwoordelijkheid op te nemen om actief zorg te dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie",
        theme: "DISCRIMINATION_RACISM",
        source_reference: "Motie Bamenga, Kamerstukken II 2024/25, 30 950, nr. 415",
        source_url: None,
        required_from: None,
        families: MANAGER_FAMILIES,
        illustrative: false,
    },
    RequirementSeed {
        code: "SOCIALE_VEILIGHEID_LEIDINGGEVENDEN",
        title: "Bevorderen en bewaken van een sociaal veilige en inclusieve werkomgeving",
        text: "Leidinggevenden binnen de Rijksoverheid hebben een nadrukkelijke verantwoordelijkheid voor het bevorderen en bewaken van een sociaal veilige en inclusieve werkomgeving.",
        theme: "SOCIAL_SAFETY",
        source_reference: LETTER,
        source_url: None,
        required_from: None,
        families: MANAGER_FAMILIES,
        illustrative: false,
    },
    RequirementSeed {
        code: "ONGEWENST_GEDRAG_LEIDINGGEVENDEN",
        title: "Aanpak van discriminatie, racisme en ander ongewenst en grensoverschrijdend gedrag",
        text: "Zoals gezegd wil ik de verantwoordelijkheid van alle leidinggevenden binnen de Rijksoverheid voor de aanpak van discriminatie en racisme en andere vormen van ongewenst en grensoverschrijdend gedrag meegenomen zien in functieprofielen en in vacatureteksten.",
        theme: "UNWANTED_BEHAVIOUR",
        source_reference: LETTER,
        source_url: None,
        required_from: None,
        families: MANAGER_FAMILIES,
        illustrative: false,
    },
    RequirementSeed {
        code: "GIR_OMGANG_MET_ANDEREN",
        title: "Zorgvuldig in de omgang met anderen (Gedragscode Integriteit Rijk)",
        text: "wees zorgvuldig in de omgang met anderen",
        theme: "INTEGRITY",
        source_reference: "Gedragscode Integriteit Rijk (minimumkader voor iedereen die voor of bij het Rijk werkt)",
        source_url: Some(GIR_URL),
        required_from: None,
        families: ALL_FAMILIES,
        // The instruction is verbatim; requiring it in every family's profile is our reading.
        illustrative: true,
    },
];

/// A coverage link to seed: where a group's seeded text covers a requirement.
pub struct CoverageSeed {
    /// Group code.
    pub group: &'static str,
    /// Requirement code.
    pub requirement: &'static str,
    /// The typing whose text covers it; `None` for the core profile (all typings).
    pub typing_scale: Option<i32>,
    /// Where in the profile.
    pub location: &'static str,
    /// The covering text, verbatim.
    pub quote: &'static str,
    /// A remark stored with the link (Dutch), e.g. what the quote does not cover.
    pub note: &'static str,
}

/// Coverage we read in the confirmed texts. These are our assessments, not committee findings,
/// so they are seeded as illustrative.
pub const COVERAGE: &[CoverageSeed] = &[CoverageSeed {
    group: "PROJECT_PROGRAMMAMANAGER",
    requirement: "SOCIALE_VEILIGHEID_LEIDINGGEVENDEN",
    typing_scale: Some(12),
    location: "Typering schaal 12 › Resultaten › project/programmamanagement",
    quote: "bedrijfscultuur uitgedragen door voorbeeldgedrag en zorg dragen voor een transparant, veilig en stimulerend werkklimaat",
    note: "Illustratieve beoordeling (geen bevinding van de Standaardisatiecommissie): dekt 'veilig', niet expliciet 'inclusief'.",
}];

/// An entry of the FGR version log (fgr-facts §7.3): date, decision, change, groups concerned.
pub type DecisionSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// The FGR's published version log, verbatim in substance
/// (<https://www.functiegebouwrijksoverheid.nl/over/versiebeheer>).
pub const DECISION_LOG: &[DecisionSeed] = &[
    ("2015-11-16", "Besluit DGOBR", "Functiegroep Topmanager-generaal N19 toegevoegd aan de functiefamilie Lijnmanagement", &["TOPMANAGER_GENERAAL"]),
    ("2016-05-01", "Besluit DGOO", "Functiegroep Medewerker Vervoer (3-10) vervallen; Assistent Medewerker Vervoer (1-4) hernoemd tot Medewerker Vervoer", &["MEDEWERKER_VERVOER"]),
    ("2016-12-20", "Besluit DGOO", "Groot Onderhoud FGR: vier functiegroepen Project-/Programmamanagement vervangen door Projectleider (9-11), Project-/programmamanager (12-15) en Project-/programmadirecteur (16-17)", &["PROJECTLEIDER", "PROJECT_PROGRAMMAMANAGER", "PROJECT_PROGRAMMADIRECTEUR"]),
    ("2017-12-18", "Besluit DGOO", "Groot onderhoud functiefamilie Lijnmanagement", &["OPERATIONEEL_MANAGER", "MANAGER", "TOPMANAGER"]),
    ("2017-12-18", "Besluit DGOO", "Schalen 7 en 8 toegevoegd aan (Inrichtings)beveiliger; functiegroep bijgewerkt", &["INRICHTINGSBEVEILIGER"]),
    ("2018-01-16", "Besluit DGOO", "Opleidingsniveaus van functiegroep Commissiesecretaris gewijzigd", &["COMMISSIESECRETARIS"]),
    ("2019-04-01", "Besluit DGOO", "Medewerker Vastgoed en Infrastructuur uitgebreid met schalen 5 en 6", &["MEDEWERKER_VASTGOED_EN_INFRASTRUCTUUR"]),
    ("2021-06-04", "Besluit DGOO", "Twee functiegroepen toegevoegd: Medewerker Natuur- en Terreinbeheer (4-7) en Senior Medewerker Natuur- en Terreinbeheer (8-9)", &["MEDEWERKER_NATUUR_EN_TERREINBEHEER", "SENIOR_MEDEWERKER_NATUUR_EN_TERREINBEHEER"]),
    ("2022-06-10", "Besluit DGOO", "Assistent Medewerker Facilitair Management (1-3) en Medewerker Facilitair Management (4-8) aangepast voor schoonmaakwerkzaamheden (RSO)", &["ASSISTENT_MEDEWERKER_FACILITAIR_MANAGEMENT", "MEDEWERKER_FACILITAIR_MANAGEMENT"]),
    ("2023-01-10", "Versiebeheer FGR", "Kwaliteitenprofiel Medewerker Vastgoed: Nevi 1 vervangen door RIO (Rijksinkoopopleiding) 1", &[]),
];

/// A standard vacancy clause to seed (its first version).
pub struct ClauseSeed {
    /// Stable code, e.g. `VOG`; a clause already stored under it is not seeded again.
    pub code: &'static str,
    /// First day in effect.
    pub effective_from: &'static str,
    /// The first version's title, e.g. "Eed of belofte"; not part of the vacancy text itself.
    pub title: &'static str,
    /// Category code.
    pub category: &'static str,
    /// Section code.
    pub section: &'static str,
    /// Order within the section.
    pub section_order: i32,
    /// Dutch text.
    pub text_nl: &'static str,
    /// English text (ours, so illustrative, where given).
    pub text_en: Option<&'static str>,
    /// Mandatory where it applies.
    pub mandatory: bool,
    /// Lowest scale.
    pub scale_min: Option<i32>,
    /// Only ABD posts.
    pub abd_only: bool,
    /// Where the wording comes from.
    pub source_reference: &'static str,
    /// Where that can be checked.
    pub source_url: Option<&'static str>,
    /// The wording, date or rule is ours.
    pub illustrative: bool,
    /// Remarks stored with the version.
    pub note: &'static str,
}

/// P-Direkt on integrity at entry into service (eed of belofte, VOG).
pub const PDIREKT_INTEGRITY: &str =
    "https://www.p-direkt.nl/informatie-rijkspersoneel-2020/rechten-en-regels/integriteit/indiensttreding-en-integriteit";

/// The standard vacancy clauses: the ABD sentence verbatim from footnote 6 of the letter, and
/// clauses whose subject is confirmed (fgr-facts §6.4) but whose wording is ours.
pub const CLAUSES: &[ClauseSeed] = &[
    ClauseSeed {
        code: "ABD_SOCIALE_VEILIGHEID",
        effective_from: "2025-02-01",
        title: "Sociale veiligheid, diversiteit en inclusie (ABD)",
        category: "SOCIAL_SAFETY_INCLUSION",
        section: "PROFILE",
        section_order: 10,
        text_nl: "Als leidinggevende heb je een cruciale rol in het waarborgen van sociale veiligheid, diversiteit en inclusie, een prettige werksfeer en een vitaal, goed functionerend team. Je laat zelf het goede voorbeeld zien, je bevordert een open en veilige gesprekscultuur, en (meldingen van) ongewenst gedrag pak je adequaat aan.",
        text_en: None,
        mandatory: true,
        scale_min: None,
        abd_only: true,
        source_reference: "Kamerbrief van de minister van BZK (2025) over racisme en discriminatie op de werkvloer van de Rijksoverheid, voetnoot 6: standaard vanaf februari 2025 bij alle vacatureteksten van ABD-functies",
        source_url: None,
        illustrative: false,
        note: "De letter noemt 'februari 2025'; 1 februari 2025 is de eerste dag daarvan. Er is geen officiële Engelse tekst.",
    },
    ClauseSeed {
        code: "ABD_PUBLIEK_LEIDERSCHAP",
        effective_from: "2025-02-01",
        title: "Rijksbrede visie op publiek leiderschap (ABD)",
        category: "LEADERSHIP",
        section: "PROFILE",
        section_order: 20,
        text_nl: "Je leiderschap sluit aan bij de rijksbrede visie op publiek leiderschap, waarin inclusief leiderschap besloten ligt.",
        text_en: Some("Your leadership reflects the government-wide vision on public leadership, which includes inclusive leadership."),
        mandatory: false,
        scale_min: None,
        abd_only: true,
        source_reference: "Kamerbrief van de minister van BZK (2025): ABD-vacatureteksten verwijzen al naar de rijksbrede visie op publiek leiderschap; de formulering en de ingangsdatum zijn van het register",
        source_url: Some("https://www.algemenebestuursdienst.nl/organisatie/wat-verwacht-de-rijksoverheid-van-een-publiek-leider"),
        illustrative: true,
        note: "Illustratief: de brief bevestigt de verwijzing, niet de letterlijke zin of de datum.",
    },
    ClauseSeed {
        code: "EED_OF_BELOFTE",
        effective_from: "2020-01-01",
        title: "Eed of belofte",
        category: "INTEGRITY_SCREENING",
        section: "PROCEDURE",
        section_order: 10,
        text_nl: "Bij je indiensttreding bij het Rijk leg je de eed of belofte af.",
        text_en: Some("When you join the central government, you take the oath or affirmation."),
        mandatory: true,
        scale_min: None,
        abd_only: false,
        source_reference: "P-Direkt, Indiensttreding en integriteit: nieuwe medewerkers van het Rijk leggen de eed of belofte af; de formulering en de ingangsdatum (begin CAO Rijk) zijn van het register",
        source_url: Some(PDIREKT_INTEGRITY),
        illustrative: true,
        note: "Illustratief: het onderwerp is bevestigd, de zin is van het register.",
    },
    ClauseSeed {
        code: "VOG",
        effective_from: "2020-01-01",
        title: "Verklaring omtrent het gedrag (VOG)",
        category: "INTEGRITY_SCREENING",
        section: "PROCEDURE",
        section_order: 20,
        text_nl: "Voor deze functie heb je een verklaring omtrent het gedrag (VOG) nodig.",
        text_en: Some("For this position you need a certificate of good conduct (VOG)."),
        mandatory: true,
        scale_min: None,
        abd_only: false,
        source_reference: "P-Direkt, Indiensttreding en integriteit: nieuwe medewerkers van het Rijk hebben een VOG nodig; de formulering en de ingangsdatum (begin CAO Rijk) zijn van het register",
        source_url: Some(PDIREKT_INTEGRITY),
        illustrative: true,
        note: "Illustratief: het onderwerp is bevestigd, de zin is van het register.",
    },
];

/// A source document to seed: code, title, reference, URL, date.
pub type SourceSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// The minister's letter of 14 April 2025 (`shared/seed/`), as records cite it.
pub const LETTER_CODE: &str = "KAMERBRIEF_2025_04_14";
/// The FGR FAQ page that declares the number of groups.
pub const FAQ_GROUPS_CODE: &str = "FGR_FAQ_FUNCTIEGROEP";

/// The source documents [C] (`shared/domain/fgr-facts-2.md` §2 and §5).
pub const SOURCES: &[SourceSeed] = &[
    (
        LETTER_CODE,
        "Kamerbrief van de minister van BZK over racisme en discriminatie op de werkvloer van de Rijksoverheid",
        "Kamerstukken II 2024/25, 30 950, nr. 451",
        "https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2025D16675&id=2025Z07345",
        Some("2025-04-14"),
    ),
    (
        FAQ_GROUPS_CODE,
        "Functiegebouw Rijk, veelgestelde vragen: Wat is een functiegroep?",
        "Functiegebouw Rijk, veelgestelde vragen",
        "https://www.functiegebouwrijksoverheid.nl/veelgesteldevragen/wat-is-een-functiegroep",
        None,
    ),
];

/// A declared total to seed: count, source code, verbatim quote, note.
pub type TotalSeed = (i32, &'static str, &'static str, Option<&'static str>);

/// The totals official sources declare [C]; they differ, and both are kept.
pub const DECLARED_TOTALS: &[TotalSeed] = &[
    (
        61,
        FAQ_GROUPS_CODE,
        "Het Functiegebouw Rijk telt op dit moment in totaal 61 functiegroepen",
        Some("De FAQ is niet gedateerd; het versiebeheer voegt op 4 juni 2021 twee groepen toe (61 + 2 = 63), dus de tekst dateert waarschijnlijk van daarvoor."),
    ),
    (
        63,
        LETTER_CODE,
        "Het FGR onderscheidt acht zogeheten functiefamilies, 63 functiegroepen en meer dan 200 functietyperingen.",
        None,
    ),
];

/// The ABD membership rule as the letter states it [C]: "ABD-functies – dat is voor schalen 15 en
/// hoger". Since when it holds the letter does not say: the first version starts with the FGR
/// (illustrative, with a note).
pub const ABD_RULE_MIN_SCALE: i32 = 15;
/// What the seeded rule rests on, as cited.
pub const ABD_RULE_REFERENCE: &str = "Kamerstukken II 2024/25, 30 950, nr. 451 (Kamerbrief van 14 april 2025): ABD-functies, \"dat is voor schalen 15 en hoger\"";
/// First day of the seeded rule (our inference).
pub const ABD_RULE_FROM: &str = "2009-11-20";
/// Why the first version starts then.
pub const ABD_RULE_NOTE: &str = "De Kamerbrief van 14 april 2025 noemt ABD-functies 'schalen 15 en hoger' als de bestaande stand; sinds wanneer dat zo is, staat er niet. De ingangsdatum is gezet op de rijksbrede invoering van het FGR (20-11-2009).";
