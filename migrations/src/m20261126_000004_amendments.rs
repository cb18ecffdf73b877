//! The committee's amendment workflow: proposals (with the proposed content as a document),
//! the committee's advice and the owner's decision.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the amendment tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000004_amendments"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AmendmentProposal {
    Table,
    Id,
    TargetType,
    TargetId,
    BaseVersionId,
    State,
    Title,
    Rationale,
    RequestedEffectiveFrom,
    ContentJson,
    Author,
    AuthorName,
    LockVersion,
    CreatedAt,
    UpdatedAt,
    AdoptedVersionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum CommitteeAdvice {
    Table,
    Id,
    ProposalId,
    MeetingDate,
    Outcome,
    Rationale,
    Conditions,
    EmployerMembers,
    UnionMembers,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OwnerDecision {
    Table,
    Id,
    ProposalId,
    Outcome,
    Reference,
    DecisionDate,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProposalComment {
    Table,
    Id,
    ProposalId,
    Author,
    AuthorName,
    Text,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupVersion {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AmendmentProposal::Table)
                    .col(pk_auto(AmendmentProposal::Id))
                    .col(string_len(AmendmentProposal::TargetType, 32))
                    .col(integer(AmendmentProposal::TargetId))
                    .col(integer(AmendmentProposal::BaseVersionId))
                    .col(string_len(AmendmentProposal::State, 16))
                    .col(string_len(AmendmentProposal::Title, 300))
                    .col(text(AmendmentProposal::Rationale))
                    .col(date(AmendmentProposal::RequestedEffectiveFrom))
                    .col(text(AmendmentProposal::ContentJson))
                    .col(string_len(AmendmentProposal::Author, 300))
                    .col(string_len(AmendmentProposal::AuthorName, 300))
                    .col(integer(AmendmentProposal::LockVersion))
                    .col(date_time(AmendmentProposal::CreatedAt))
                    .col(date_time(AmendmentProposal::UpdatedAt))
                    .col(integer_null(AmendmentProposal::AdoptedVersionId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proposal_base_version")
                            .from(AmendmentProposal::Table, AmendmentProposal::BaseVersionId)
                            .to(GroupVersion::Table, GroupVersion::Id),
                    )
                    .check((
                        "ck_proposal_state",
                        Expr::col(AmendmentProposal::State).is_in([
                            "DRAFT",
                            "SUBMITTED",
                            "ADVISED",
                            "ADOPTED",
                            "REJECTED",
                            "WITHDRAWN",
                        ]),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_proposal_target")
                    .table(AmendmentProposal::Table)
                    .col(AmendmentProposal::TargetType)
                    .col(AmendmentProposal::TargetId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommitteeAdvice::Table)
                    .col(pk_auto(CommitteeAdvice::Id))
                    .col(integer_uniq(CommitteeAdvice::ProposalId))
                    .col(date(CommitteeAdvice::MeetingDate))
                    .col(string_len(CommitteeAdvice::Outcome, 32))
                    .col(text(CommitteeAdvice::Rationale))
                    .col(text_null(CommitteeAdvice::Conditions))
                    .col(text(CommitteeAdvice::EmployerMembers))
                    .col(text(CommitteeAdvice::UnionMembers))
                    .col(string_len(CommitteeAdvice::RecordedBy, 300))
                    .col(date_time(CommitteeAdvice::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_proposal")
                            .from(CommitteeAdvice::Table, CommitteeAdvice::ProposalId)
                            .to(AmendmentProposal::Table, AmendmentProposal::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OwnerDecision::Table)
                    .col(pk_auto(OwnerDecision::Id))
                    .col(integer_uniq(OwnerDecision::ProposalId))
                    .col(string_len(OwnerDecision::Outcome, 16))
                    .col(string_len(OwnerDecision::Reference, 300))
                    .col(date(OwnerDecision::DecisionDate))
                    .col(string_len(OwnerDecision::RecordedBy, 300))
                    .col(date_time(OwnerDecision::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_proposal")
                            .from(OwnerDecision::Table, OwnerDecision::ProposalId)
                            .to(AmendmentProposal::Table, AmendmentProposal::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProposalComment::Table)
                    .col(pk_auto(ProposalComment::Id))
                    .col(integer(ProposalComment::ProposalId))
                    .col(string_len(ProposalComment::Author, 300))
                    .col(string_len(ProposalComment::AuthorName, 300))
                    .col(text(ProposalComment::Text))
                    .col(date_time(ProposalComment::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_comment_proposal")
                            .from(ProposalComment::Table, ProposalComment::ProposalId)
                            .to(AmendmentProposal::Table, AmendmentProposal::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProposalComment::Table.into_iden(),
            OwnerDecision::Table.into_iden(),
            CommitteeAdvice::Table.into_iden(),
            AmendmentProposal::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
