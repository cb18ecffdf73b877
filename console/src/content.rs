//! The plain-text blocks the content editor shows a group version's content in. The content
//! document itself is [`fgr_content`], the same types the API reads and writes.

pub use fgr_content::{
    CoreProfileContent, CoverageContent, GroupContent, ResultAreaContent, TypingContent,
    TypingItemContent,
};

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
