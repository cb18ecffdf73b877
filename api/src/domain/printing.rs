//! A typing as the document people print and exchange: family, group, scale, FUWASYS, the
//! version with its effective date and provenance, every section in printed order, the source;
//! laid out by `fgr-print`. Read from the register snapshot on the day asked for.

use chrono::{Datelike, NaiveDate};
use fgr_print::{Block, Document, Section};

use super::fuwasys::FuwasysScore;
use super::groups::{self, VersionedGroup};
use super::profiles::TypingSection;
use crate::error::{DomainError, DomainResult};
use crate::register::Register;

fn written(day: NaiveDate) -> String {
    fgr_content::dates::written(day.year(), day.month(), day.day())
}

/// The typing of group `code` at `scale` (its `variant`, or its first) as it stands on `day`.
/// `NOT_FOUND` when the group does not exist then or has no typing at that scale;
/// `BAD_USER_INPUT` for a scale outside the FGR's 1–19 or the group's range (as `typing`).
pub fn typing_document(
    register: &Register,
    code: &str,
    scale: i32,
    variant: Option<i32>,
    day: NaiveDate,
) -> DomainResult<Document> {
    groups::validate_scale("scale", scale)?;
    let group = groups::by_code_at(register, code, day).ok_or_else(|| {
        DomainError::NotFound(format!(
            "functiegroep {code} bestaat niet op {}",
            written(day)
        ))
    })?;
    groups::check_scale_in_range(&group, scale)?;
    let index = group.at.typing_index(scale, variant).ok_or_else(|| {
        DomainError::NotFound(format!(
            "{} heeft op {} geen typering in schaal {scale}",
            group.history.group.name,
            written(day)
        ))
    })?;
    Ok(document(register, &group, index, day))
}

fn document(register: &Register, group: &VersionedGroup, index: usize, day: NaiveDate) -> Document {
    let g = &group.history.group;
    let content = &group.at.typings[index];
    let typing = &content.typing;
    let version = group.version();
    let family = register
        .family(g.family_id)
        .map_or_else(|| "—".to_owned(), |f| f.name.clone());
    let mut facts = vec![
        ("Functiefamilie".to_owned(), family.clone()),
        (
            "Functiegroep".to_owned(),
            format!("{} ({})", g.name, g.code),
        ),
        ("Schaal".to_owned(), typing.scale.to_string()),
    ];
    if let Some(name) = &typing.variant_name {
        facts.push((
            "Variant".to_owned(),
            format!("{}: {name}", typing.variant_no),
        ));
    }
    facts.push((
        "FUWASYS".to_owned(),
        match (&typing.fuwasys_scores, typing.fuwasys_total) {
            (Some(scores), Some(total)) => FuwasysScore::display(scores, total),
            _ => "niet gepubliceerd".to_owned(),
        },
    ));
    facts.push((
        "Versie".to_owned(),
        format!(
            "{}, geldig {}{}",
            version.version_no,
            match version.effective_to {
                Some(to) => format!(
                    "van {} tot {}",
                    written(version.effective_from),
                    written(to)
                ),
                None => format!("sinds {}", written(version.effective_from)),
            },
            if version.illustrative {
                " (periode of herkomst afgeleid, niet bevestigd)"
            } else {
                ""
            }
        ),
    ));
    let provenance = match (&version.provenance_reference, version.decided_on) {
        (Some(reference), Some(on)) => format!("{reference} ({})", written(on)),
        (Some(reference), None) => reference.clone(),
        (None, _) if version.provenance_kind == "DECISION" => "besluit".to_owned(),
        (None, _) => "startgegevens van het register".to_owned(),
    };
    facts.push(("Vastgesteld bij".to_owned(), provenance));
    facts.push(("Peildatum".to_owned(), written(day)));
    let illustrative = typing.illustrative || content.items.iter().any(|i| i.illustrative);
    let sections = TypingSection::ALL
        .into_iter()
        .map(|section| {
            let mut blocks = Vec::new();
            let mut heading: Option<&str> = None;
            for item in content.items.iter().filter(|i| i.section == section.code()) {
                if item.sub_category.as_deref() != heading {
                    heading = item.sub_category.as_deref();
                    if let Some(h) = heading {
                        blocks.push(Block::Subheading(h.to_owned()));
                    }
                }
                let text = if item.illustrative {
                    format!("{} (illustratief)", item.text)
                } else {
                    item.text.clone()
                };
                blocks.push(if section == TypingSection::AlgemeneOmschrijving {
                    Block::Paragraph(text)
                } else {
                    Block::Item(text)
                });
            }
            if blocks.is_empty() {
                blocks.push(Block::Note("Niet in het register.".to_owned()));
            }
            Section {
                heading: section.label().to_owned(),
                blocks,
            }
        })
        .chain([Section {
            heading: "Bron".to_owned(),
            blocks: typing
                .source_url
                .iter()
                .chain(g.source_url.iter().filter(|_| typing.source_url.is_none()))
                .map(|url| Block::Paragraph(url.clone()))
                .chain(typing.note.iter().map(|n| Block::Note(n.clone())))
                .chain(version.note.iter().map(|n| Block::Note(n.clone())))
                .collect(),
        }])
        .collect();
    Document {
        title: g.name.clone(),
        subtitle: format!("Functietypering schaal {} · {family}", typing.scale),
        facts,
        warning: illustrative.then(|| {
            "Illustratief: (een deel van) deze typering komt niet uit een officiële bron en is \
             geen vastgestelde FGR-tekst."
                .to_owned()
        }),
        sections,
        footer: format!(
            "Functiegebouw Rijksoverheid · {} schaal {} · versie {} · uit FGR Register",
            g.code, typing.scale, version.version_no
        ),
    }
}
