//! A group version's content as one document: read, validated, and written back unchanged —
//! the ground the amendment workflow stands on.

use chrono::NaiveDate;
use fgr_api::domain::content::{self, CoverageContent, GroupContent, TypingItemContent};
use fgr_entities::{function_group, group_version};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::on_every_backend;
use crate::support::TestDb;

async fn group_and_version(
    db: &TestDb,
    code: &str,
) -> (function_group::Model, group_version::Model) {
    let group = function_group::Entity::find()
        .filter(function_group::Column::Code.eq(code))
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap();
    let version = group_version::Entity::find()
        .filter(group_version::Column::GroupId.eq(group.id))
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap();
    (group, version)
}

on_every_backend! {
    async fn content_written_as_a_new_version_reads_back_identically(backend) {
        let db = TestDb::seeded(backend).await;
        let (group, v1) = group_and_version(&db, "PROJECT_PROGRAMMAMANAGER").await;
        let mut original = content::of_version(&db.conn, v1.id).await.unwrap();
        assert_eq!(original.typings.len(), 4);
        assert_eq!(original.core_profile.result_areas.len(), 4);
        assert_eq!(original.coverage[0].requirement_code, "SOCIALE_VEILIGHEID_LEIDINGGEVENDEN");
        assert_eq!(original.coverage[0].typing_scale, Some(12));

        // An amended copy: a new result, a Bamenga coverage link for every typing.
        original.core_profile.result_areas[1].results.push("zorg dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie".into());
        original.coverage.push(CoverageContent {
            requirement_code: "MOTIE_BAMENGA".into(),
            typing_scale: None,
            location: "Kernprofiel › Omgeving".into(),
            quote: "zorg dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie".into(),
            note: None,
        });
        content::normalize(&mut original);
        content::validate(&db.conn, &group, &original).await.unwrap();
        let v2 = group_version::ActiveModel {
            group_id: Set(group.id), version_no: Set(2),
            effective_from: Set(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), effective_to: Set(None),
            provenance_kind: Set("DECISION".into()), provenance_reference: Set(Some("test".into())),
            provenance_url: Set(None), decided_on: Set(None), illustrative: Set(false), note: Set(None),
            ..Default::default()
        }.insert(&db.conn).await.unwrap();
        content::write(&db.conn, v2.id, &original).await.unwrap();
        let read_back = content::of_version(&db.conn, v2.id).await.unwrap();
        assert_eq!(read_back, original);
    }
}

/// A way to break otherwise valid content.
type Breaker = Box<dyn Fn(&mut GroupContent)>;

#[tokio::test]
async fn content_that_breaks_a_rule_is_refused_with_the_field_named() {
    let db = TestDb::seeded(crate::support::Backend::Sqlite).await;
    let (group, v1) = group_and_version(&db, "MANAGER").await;
    let base: GroupContent = content::of_version(&db.conn, v1.id).await.unwrap();
    let cases: Vec<(&str, Breaker)> = vec![
        (
            "content.typings[0].scale",
            Box::new(|c| c.typings[0].scale = 9),
        ),
        (
            "content.typings[1].scale",
            Box::new(|c| c.typings[1].scale = 12),
        ),
        (
            "content.typings[0].fuwasys",
            Box::new(|c| c.typings[0].fuwasys_total = Some(53)),
        ),
        (
            "content.typings[0].items[0].section",
            Box::new(|c| c.typings[0].items[0].section = "KERN".into()),
        ),
        (
            "content.typings[0].items[0].text",
            Box::new(|c| {
                c.typings[0].items.push(TypingItemContent {
                    section: "CONTACTEN".into(),
                    sub_category: None,
                    text: " ".into(),
                })
            }),
        ),
        (
            "content.coreProfile.competences",
            Box::new(|c| c.core_profile.competences.push("Toveren".into())),
        ),
        (
            "content.coverage[0].requirementCode",
            Box::new(|c| {
                c.coverage.push(CoverageContent {
                    requirement_code: "ONBEKEND".into(),
                    typing_scale: None,
                    location: "x".into(),
                    quote: "y".into(),
                    note: None,
                })
            }),
        ),
        (
            "content.coverage[0].typingScale",
            Box::new(|c| {
                c.coverage.push(CoverageContent {
                    requirement_code: "MOTIE_BAMENGA".into(),
                    typing_scale: Some(16),
                    location: "x".into(),
                    quote: "y".into(),
                    note: None,
                })
            }),
        ),
    ];
    for (field, break_it) in cases {
        let mut content = base.clone();
        break_it(&mut content);
        content::normalize(&mut content);
        let err = content::validate(&db.conn, &group, &content)
            .await
            .unwrap_err();
        assert_eq!(err.code().as_str(), "BAD_USER_INPUT", "{field}");
        match err {
            fgr_api::error::DomainError::BadInput { field: got, .. } => assert!(
                got.starts_with(field.split('[').next().unwrap()),
                "expected {field}, got {got}"
            ),
            other => panic!("{other:?}"),
        }
    }
}
