//! Migrations run up and down on every backend, and the database enforces the catalogue's shape.

use fgr_entities::{function_group, job_family, requirement_scope, typing};
use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::on_every_backend;
use crate::support::TestDb;

fn group(family_id: i32, code: &str, min: i32, max: i32) -> function_group::ActiveModel {
    function_group::ActiveModel {
        family_id: Set(family_id),
        code: Set(code.to_owned()),
        name: Set(code.to_owned()),
        description: Set(None),
        scale_min: Set(min),
        scale_max: Set(max),
        work_levels: Set(None),
        fgr_site_id: Set(None),
        added_on: Set(None),
        search_text: Set(code.to_lowercase()),
        source_url: Set(None),
        illustrative: Set(true),
        data_note: Set(None),
        sort_order: Set(99),
        ..Default::default()
    }
}

on_every_backend! {
    async fn migrations_run_up_then_down_then_up_again(backend) {
        let db = TestDb::empty(backend).await;
        Migrator::up(&db.conn, None).await.expect("up");
        assert!(Migrator::get_pending_migrations(&db.conn).await.expect("status").is_empty());
        Migrator::down(&db.conn, None).await.expect("down");
        assert!(
            job_family::Entity::find().all(&db.conn).await.is_err(),
            "tables must be gone after rolling back"
        );
        Migrator::up(&db.conn, None).await.expect("up again");
        assert_eq!(job_family::Entity::find().count(&db.conn).await.expect("count"), 0);
    }

    async fn the_migrations_after_the_ninth_go_down_and_up_again_over_a_seeded_register(backend) {
        let db = TestDb::seeded(backend).await;
        let typings = typing::Entity::find().count(&db.conn).await.unwrap();
        let variants = typing::Entity::find()
            .filter(typing::Column::VariantNo.gt(1))
            .count(&db.conn)
            .await
            .unwrap();
        assert!(variants > 0, "the seed holds named variants");
        // Down through every migration after 9 (the variants and notes are 10), with data.
        let after_nine = Migrator::migrations()
            .iter()
            .skip_while(|m| m.name() != "m20261201_000009_change_feed_index")
            .count()
            - 1;
        assert!(after_nine >= 5, "10 to 14 at least");
        Migrator::down(&db.owner, Some(u32::try_from(after_nine).unwrap()))
            .await
            .expect("down over data");
        Migrator::up(&db.owner, None).await.expect("up again");
        // Going down keeps each scale's first variant as its typing; the others cannot be held.
        assert_eq!(typing::Entity::find().count(&db.owner).await.unwrap(), typings - variants);
        let other = typing::Entity::find().filter(typing::Column::VariantNo.gt(0)).count(&db.owner).await.unwrap();
        assert_eq!(other, 0, "variant numbers come back as 0");
    }

    async fn the_database_itself_refuses_impossible_catalogue_rows(backend) {
        let db = TestDb::seeded(backend).await;
        let family = job_family::Entity::find()
            .filter(job_family::Column::Code.eq("LIJNMANAGEMENT"))
            .one(&db.conn)
            .await
            .expect("query")
            .expect("family");

        let duplicate_family = job_family::ActiveModel {
            code: Set("LIJNMANAGEMENT".into()),
            name: Set("Dubbel".into()),
            definition: Set(None),
            manager_family: Set(false),
            sort_order: Set(9),
            source_url: Set(None),
            illustrative: Set(true),
            data_note: Set(None),
            ..Default::default()
        };
        assert!(duplicate_family.insert(&db.conn).await.is_err(), "duplicate family code accepted");
        assert!(group(family.id, "MANAGER", 12, 15).insert(&db.conn).await.is_err(), "duplicate group code accepted");
        assert!(group(family.id, "SCALE_TWENTY", 12, 20).insert(&db.conn).await.is_err(), "scale 20 accepted");
        assert!(group(family.id, "SCALE_ZERO", 0, 3).insert(&db.conn).await.is_err(), "scale 0 accepted");
        assert!(group(family.id, "UPSIDE_DOWN", 15, 12).insert(&db.conn).await.is_err(), "min > max accepted");
        assert!(group(999_999, "NO_FAMILY", 1, 3).insert(&db.conn).await.is_err(), "unknown family accepted");

        let bad_typing = typing::ActiveModel {
            group_version_id: Set(1),
            scale: Set(42),
            fuwasys_scores: Set(None),
            fuwasys_total: Set(None),
            source_url: Set(None),
            illustrative: Set(true),
            ..Default::default()
        };
        assert!(bad_typing.insert(&db.conn).await.is_err(), "typing scale 42 accepted");

        let nowhere = requirement_scope::ActiveModel {
            requirement_id: Set(1),
            family_id: Set(None),
            group_id: Set(None),
            ..Default::default()
        };
        assert!(nowhere.insert(&db.conn).await.is_err(), "scope without family or group accepted");

        // A valid row still goes in: the constraints refuse only what is wrong.
        group(family.id, "VALID_EXTRA", 7, 8).insert(&db.conn).await.expect("valid group");
    }
}

on_every_backend! {
    async fn a_server_starts_on_a_migrated_schema_without_ddl_rights(backend) {
        // On PostgreSQL the tests' application pool is the `fgr_app` role (rows only): start-up's
        // migration step finds nothing pending and changes nothing, so such a role can serve.
        let db = TestDb::seeded(backend).await;
        fgr_api::db::migrate(&db.conn).await.expect("nothing to migrate, nothing refused");
        assert!(Migrator::get_pending_migrations(&db.owner).await.unwrap().is_empty());
        if backend == crate::support::Backend::Postgres {
            // With a migration pending, the role cannot apply it, and says what to do.
            let empty = TestDb::empty(backend).await;
            sea_orm::ConnectionTrait::execute_unprepared(&empty.owner, &format!(
                "DO $$ BEGIN CREATE ROLE {} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
                crate::support::db::APP_ROLE
            )).await.unwrap();
            let as_app = sea_orm::Database::connect(crate::support::db::with_user(&empty.url, crate::support::db::APP_ROLE)).await.unwrap();
            let refused = fgr_api::db::migrate(&as_app).await.expect_err("no DDL rights");
            assert!(refused.to_string().contains("run `fgr migrate` as the database's owner"), "{refused}");
        }
    }
}
