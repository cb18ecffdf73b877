//! Unit tests of the pure parts: applicability rules, escaping in the text formats, languages.

use super::compose::markdown_escape;
use super::*;

fn post(scale: i32, manager: bool) -> Post {
    Post {
        group_code: "MANAGER".into(),
        family_code: "LIJNMANAGEMENT".into(),
        manager_family: manager,
        scale,
    }
}

#[test]
fn abd_clauses_apply_from_the_scale_the_rule_names() {
    let abd = Applicability {
        abd_only: true,
        ..Applicability::default()
    };
    assert!(!abd.applies_to(&post(14, true), Some(15)));
    assert!(abd.applies_to(&post(15, true), Some(15)));
    assert!(abd.applies_to(&post(19, false), Some(15)));
    assert!(abd.applies_to(&post(14, true), Some(14)));
    assert!(
        !abd.applies_to(&post(19, true), None),
        "no rule in force: no ABD posts"
    );
    assert_eq!(abd.describe(Some(15)), "ABD-functies (schaal 15 en hoger)");
}

#[test]
fn rules_combine() {
    let rule = Applicability {
        scale_min: Some(12),
        manager_only: true,
        family_codes: vec!["LIJNMANAGEMENT".into()],
        ..Applicability::default()
    };
    assert!(rule.applies_to(&post(12, true), Some(15)));
    assert!(!rule.applies_to(&post(11, true), Some(15)));
    assert!(!rule.applies_to(&post(12, false), Some(15)));
}

#[test]
fn html_and_markdown_output_escape_clause_text() {
    assert_eq!(
        html_escape(r#"<script>alert("x")</script> & 'y'"#),
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
    );
    assert_eq!(markdown_escape("*vet* <b>"), r"\*vet\* \<b\>");
}

#[test]
fn languages_are_nl_or_en() {
    assert_eq!(Language::parse("EN").unwrap(), Language::En);
    assert_eq!(
        Language::parse("de").unwrap_err().code(),
        crate::error::ErrorCode::BadUserInput
    );
}
