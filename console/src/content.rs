//! A group version's content as the API exchanges it (`Proposal.content`, the `content` of
//! `createProposal`/`updateProposal`), and the plain-text blocks the editor shows it in.

use serde::{Deserialize, Serialize};

/// A result area of the core profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultAreaContent {
    /// `OPDRACHTGEVER`, `OMGEVING`, `BEDRIJFSVOERING` or `VERNIEUWEN_VERBETEREN`.
    pub code: String,
    /// Label.
    pub label: String,
    /// Results.
    pub results: Vec<String>,
    /// Behaviour indicators.
    pub behaviour_indicators: Vec<String>,
}

/// The core profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoreProfileContent {
    /// Doel van de functie.
    pub purpose: Option<String>,
    /// The result areas.
    pub result_areas: Vec<ResultAreaContent>,
    /// Competence names.
    pub competences: Vec<String>,
}

/// One bullet of a typing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingItemContent {
    /// Section code, e.g. `RESULTATEN`.
    pub section: String,
    /// Sub-category within Resultaten.
    pub sub_category: Option<String>,
    /// Text (empty for a sub-category heading without bullets).
    pub text: String,
}

/// A typing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypingContent {
    /// Scale.
    pub scale: i32,
    /// The variant's number, for a scale with named variants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<i32>,
    /// The variant's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_name: Option<String>,
    /// FUWASYS scores.
    pub fuwasys_scores: Option<String>,
    /// FUWASYS total.
    pub fuwasys_total: Option<i32>,
    /// A remark on the typing's data (carried through edits unchanged).
    #[serde(default)]
    pub note: Option<String>,
    /// Bullets in printed order.
    pub items: Vec<TypingItemContent>,
}

/// Where the content covers a requirement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageContent {
    /// Requirement code.
    pub requirement_code: String,
    /// The typing whose text covers it; `None` for the core profile.
    pub typing_scale: Option<i32>,
    /// Where, e.g. "Kernprofiel › Omgeving › gedragsindicatoren".
    pub location: String,
    /// The covering text.
    pub quote: String,
    /// Remarks.
    pub note: Option<String>,
}

/// A group version's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupContent {
    /// Core profile.
    pub core_profile: CoreProfileContent,
    /// Typings, lowest scale first.
    pub typings: Vec<TypingContent>,
    /// Requirement coverage.
    pub coverage: Vec<CoverageContent>,
}

/// A run of a typing's items with the same section and sub-category, edited as one text with a
/// bullet per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemBlock {
    /// Section code.
    pub section: String,
    /// Sub-category, if any.
    pub sub_category: Option<String>,
    /// The bullets, one per line.
    pub text: String,
}

/// Splits a typing's items into blocks (consecutive items of one section and sub-category).
pub fn blocks_of(items: &[TypingItemContent]) -> Vec<ItemBlock> {
    let mut blocks: Vec<(ItemBlock, Vec<&str>)> = Vec::new();
    for item in items {
        let same = blocks
            .last()
            .is_some_and(|(b, _)| b.section == item.section && b.sub_category == item.sub_category);
        if !same {
            blocks.push((
                ItemBlock {
                    section: item.section.clone(),
                    sub_category: item.sub_category.clone(),
                    text: String::new(),
                },
                Vec::new(),
            ));
        }
        if !item.text.is_empty() {
            if let Some((_, lines)) = blocks.last_mut() {
                lines.push(&item.text);
            }
        }
    }
    blocks
        .into_iter()
        .map(|(mut b, lines)| {
            b.text = lines.join("\n");
            b
        })
        .collect()
}

/// The items of a block's text: a bullet per non-empty line; a sub-category without bullets
/// keeps its heading.
pub fn items_of(section: &str, sub_category: Option<&str>, text: &str) -> Vec<TypingItemContent> {
    let mut items: Vec<TypingItemContent> = lines_of(text)
        .into_iter()
        .map(|text| TypingItemContent {
            section: section.to_owned(),
            sub_category: sub_category.map(str::to_owned),
            text,
        })
        .collect();
    if items.is_empty() {
        if let Some(sub) = sub_category {
            items.push(TypingItemContent {
                section: section.to_owned(),
                sub_category: Some(sub.to_owned()),
                text: String::new(),
            });
        }
    }
    items
}

/// The non-empty lines of a text, trimmed.
pub fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(section: &str, sub: Option<&str>, text: &str) -> TypingItemContent {
        TypingItemContent {
            section: section.into(),
            sub_category: sub.map(Into::into),
            text: text.into(),
        }
    }

    #[test]
    fn blocks_give_back_the_items_they_were_made_of() {
        let items = vec![
            item("RESULTATEN", Some("Aansturing"), ""),
            item("RESULTATEN", Some("Kwaliteit"), "a"),
            item("RESULTATEN", Some("Kwaliteit"), "b"),
            item("KADERS", None, "c"),
        ];
        let blocks = blocks_of(&items);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].text, "a\nb");
        let back: Vec<_> = blocks
            .iter()
            .flat_map(|b| items_of(&b.section, b.sub_category.as_deref(), &b.text))
            .collect();
        assert_eq!(back, items);
    }

    #[test]
    fn blank_lines_are_not_bullets() {
        assert_eq!(lines_of(" a \n\n b\n"), vec!["a", "b"]);
        assert!(items_of("KADERS", None, "\n \n").is_empty());
    }
}
