//! Named variants of a typing at one scale, as the FGR publishes them for (Inrichtings)beveiliger
//! schaal 5: each with its own name and FUWASYS score, read over the API, carried through a
//! content document, and checked by the content rules.

use chrono::NaiveDate;
use fgr_api::domain::content::{self, GroupContent};
use fgr_entities::{function_group, group_version};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{TestApp, TestDb};

const GROUP: &str = "INRICHTINGSBEVEILIGER";

async fn current_version(db: &TestDb) -> (function_group::Model, group_version::Model) {
    let group = function_group::Entity::find()
        .filter(function_group::Column::Code.eq(GROUP))
        .one(&db.conn)
        .await
        .unwrap()
        .expect("the group is seeded");
    let version = group_version::Entity::find()
        .filter(group_version::Column::GroupId.eq(group.id))
        .order_by_desc(group_version::Column::VersionNo)
        .one(&db.conn)
        .await
        .unwrap()
        .unwrap();
    (group, version)
}

on_every_backend! {
    async fn a_scale_with_named_variants_answers_each_variant(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data(
            r#"{ functionGroup(code: "INRICHTINGSBEVEILIGER") { typings { scale variant { number name } fuwasys { scores total } } }
                 first: typing(groupCode: "INRICHTINGSBEVEILIGER", scale: 5) { variant { number } fuwasys { total } }
                 second: typing(groupCode: "INRICHTINGSBEVEILIGER", scale: 5, variant: 2) { variant { number name } fuwasys { total } }
                 none: typing(groupCode: "INRICHTINGSBEVEILIGER", scale: 5, variant: 3) { scale }
                 plain: typing(groupCode: "INRICHTINGSBEVEILIGER", scale: 6) { variant { number } fuwasys { total } } }"#,
            json!({}),
        ).await;
        let at5: Vec<&Value> = data["functionGroup"]["typings"].as_array().unwrap().iter()
            .filter(|t| t["scale"] == 5).collect();
        assert_eq!(at5, [
            &json!({ "scale": 5, "variant": { "number": 1, "name": "Seniorschap woonbeveiliging" },
                     "fuwasys": { "scores": "22222 22222 22 22", "total": 28 } }),
            &json!({ "scale": 5, "variant": { "number": 2, "name": "Inkomsten, transport en/of detentietoezicht" },
                     "fuwasys": { "scores": "32222 23222 22 22", "total": 30 } }),
        ]);
        // Without `variant`, the scale's first variant; with it, that one; an unknown one: null.
        assert_eq!(data["first"], json!({ "variant": { "number": 1 }, "fuwasys": { "total": 28 } }));
        assert_eq!(data["second"]["fuwasys"]["total"], 30);
        assert_eq!(data["none"], Value::Null);
        assert_eq!(data["plain"], json!({ "variant": null, "fuwasys": { "total": 32 } }));
    }

    async fn variants_written_as_a_new_version_read_back_identically(backend) {
        let db = TestDb::seeded(backend).await;
        let (group, v1) = current_version(&db).await;
        let mut original = content::of_version(&db.conn, v1.id).await.unwrap();
        let variants: Vec<(i32, Option<i32>)> = original.typings.iter()
            .filter(|t| t.scale == 5).map(|t| (t.scale, t.variant)).collect();
        assert_eq!(variants, [(5, Some(1)), (5, Some(2))]);
        original.typings[2].items.push(content::TypingItemContent {
            section: "RESULTATEN".into(),
            sub_category: None,
            text: "transport van justitiabelen veilig uitgevoerd".into(),
        });
        content::normalize(&mut original);
        content::validate(&db.conn, &group, &original).await.unwrap();
        let v2 = group_version::ActiveModel {
            group_id: Set(group.id), version_no: Set(v1.version_no + 1),
            effective_from: Set(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), effective_to: Set(None),
            provenance_kind: Set("DECISION".into()), provenance_reference: Set(Some("test".into())),
            provenance_url: Set(None), decided_on: Set(None), illustrative: Set(false), note: Set(None),
            ..Default::default()
        }.insert(&db.conn).await.unwrap();
        content::write(&db.conn, v2.id, &original).await.unwrap();
        assert_eq!(content::of_version(&db.conn, v2.id).await.unwrap(), original);
    }
}

/// A way to break otherwise valid content.
type Breaker = Box<dyn Fn(&mut GroupContent)>;

#[tokio::test]
async fn variants_that_break_a_rule_are_refused_with_the_field_named() {
    let db = TestDb::seeded(crate::support::Backend::Sqlite).await;
    let (group, v1) = current_version(&db).await;
    let base = content::of_version(&db.conn, v1.id).await.unwrap();
    let at = |c: &GroupContent, variant: i32| {
        c.typings
            .iter()
            .position(|t| t.scale == 5 && t.variant == Some(variant))
            .unwrap()
    };
    let (first, second) = (at(&base, 1), at(&base, 2));
    let cases: Vec<(String, Breaker)> = vec![
        (
            format!("content.typings[{second}].scale"),
            Box::new(move |c| c.typings[second].variant = Some(1)),
        ),
        (
            format!("content.typings[{first}].variantName"),
            Box::new(move |c| c.typings[first].variant_name = None),
        ),
        (
            format!("content.typings[{first}].variant"),
            Box::new(move |c| c.typings[first].variant = Some(0)),
        ),
        (
            // A name without a number.
            format!("content.typings[{first}].variantName"),
            Box::new(move |c| c.typings[first].variant = None),
        ),
        (
            // One typing of the scale loses its variant: the scale would mix a plain typing with
            // a variant.
            format!("content.typings[{second}].variant"),
            Box::new(move |c| {
                c.typings[second].variant = None;
                c.typings[second].variant_name = None;
            }),
        ),
    ];
    for (field, breaker) in cases {
        let mut broken = base.clone();
        breaker(&mut broken);
        let err = content::validate(&db.conn, &group, &broken)
            .await
            .expect_err(&field);
        assert_eq!(err.code().as_str(), "BAD_USER_INPUT", "{field}");
        match err {
            fgr_api::error::DomainError::BadInput { field: got, .. } => assert_eq!(got, field),
            other => panic!("{field}: {other}"),
        }
    }
}
