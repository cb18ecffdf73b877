//! The Dutch names people read for the domain's codes: where a proposal stands in the committee's
//! workflow, what the committee advised, where a dated record stands, whom an appraisal format is
//! for. Kept together so the wording is reviewed in one place; the API serves them with the codes
//! (`vocabulary`) and clients show these, never the code. Labels that belong to a reference list
//! with its own module (clause categories, vacancy sections, typing sections, appraisal
//! sections) stay with that list.

use super::access::{Role, Scope};
use super::amendments::{AdviceOutcome, State};
use super::appraisal::Audience;
use super::temporal::Standing;

impl State {
    /// How the console names the state: "concept", "ingediend", … The decision's outcome is
    /// the state it leaves the proposal in ("vastgesteld", "afgewezen").
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "concept",
            Self::Submitted => "ingediend",
            Self::Advised => "geadviseerd",
            Self::Adopted => "vastgesteld",
            Self::Rejected => "afgewezen",
            Self::Withdrawn => "ingetrokken",
        }
    }
}

impl AdviceOutcome {
    /// The committee's outcome as its advice states it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Positive => "positief",
            Self::Negative => "negatief",
            Self::PositiveWithConditions => "positief onder voorwaarden",
        }
    }
}

impl Standing {
    /// Where a clause (or any dated record) stands on the peildatum.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "geldend",
            Self::Retired => "ingetrokken",
            Self::Future => "toekomstig",
        }
    }
}

impl Audience {
    /// Whom a format is for, without the families or groups it names.
    pub fn label(&self) -> &'static str {
        match self {
            Self::AllStaff => "alle medewerkers",
            Self::Managers => "leidinggevenden (leidinggevende functiefamilies)",
            Self::Families(_) => "bepaalde functiefamilies",
            Self::Groups(_) => "bepaalde functiegroepen",
        }
    }
}

/// Every action the audit trail records (`<kind>.<verb>`), with how the audit page names it.
/// `audit::append` checks in debug builds that an action is listed here, so a new action cannot
/// reach the page as a bare code.
pub const AUDIT_ACTIONS: [(&str, &str); 27] = [
    ("proposal.create", "voorstel gemaakt"),
    ("proposal.update", "voorstel bijgewerkt"),
    ("proposal.submit", "voorstel ingediend"),
    ("proposal.withdraw", "voorstel ingetrokken"),
    (
        "proposal.rebase",
        "voorstel bijgewerkt naar de nieuwste versie",
    ),
    ("proposal.comment", "reactie op voorstel"),
    ("proposal.advise", "advies van de commissie vastgelegd"),
    ("proposal.adopt", "voorstel vastgesteld"),
    ("proposal.reject", "voorstel afgewezen"),
    (
        "group_version.adopt",
        "nieuwe versie van functiegroep vastgesteld",
    ),
    (
        "format_version.adopt",
        "nieuwe versie van beoordelingsformat vastgesteld",
    ),
    (
        "group_version.import",
        "nieuwe versie van functiegroep ingelezen",
    ),
    ("function_group.import", "functiegroep ingelezen"),
    ("catalogue.import", "catalogus ingelezen"),
    ("seed.load", "startgegevens geladen"),
    ("synthetic.grow", "testgegevens toegevoegd"),
    ("clause.create", "standaardtekst gemaakt"),
    ("clause.revise", "standaardtekst herzien"),
    ("clause.retire", "standaardtekst ingetrokken"),
    ("abd_rule.change", "ABD-regel gewijzigd"),
    ("session.start", "ingelogd"),
    ("session.end", "uitgelogd"),
    ("api_client.create", "API-koppeling aangemaakt"),
    ("api_client.revoke", "API-koppeling ingetrokken"),
    ("webhook.add", "webhook toegevoegd"),
    ("webhook.remove", "webhook verwijderd"),
    ("operation.add", "vaste query toegevoegd"),
];

/// The kinds of thing the audit trail records changes to, with their Dutch names.
pub const AUDIT_TARGETS: [(&str, &str); 12] = [
    ("proposal", "voorstel"),
    ("function_group", "functiegroep"),
    ("group_version", "groepsversie"),
    ("format_version", "formatversie"),
    ("vacancy_clause", "standaardtekst"),
    ("catalogue", "catalogus"),
    ("register", "register"),
    ("abd_rule", "ABD-regel"),
    ("person", "persoon"),
    ("api_client", "API-koppeling"),
    ("webhook", "webhook"),
    ("persisted_operation", "vaste query"),
];

/// How the audit page names `action`; the code itself for one that is not listed (an entry
/// written by a later version of the register).
pub fn audit_action_label(action: &str) -> &str {
    lookup(&AUDIT_ACTIONS, action).unwrap_or(action)
}

/// "voorstel 3", "groepsversie 15", "standaardtekst PROFIEL_INTEGRITEIT"; a person as
/// [`audit_actor_label`] names them.
pub fn audit_target_label(target_type: &str, target_id: &str) -> String {
    let kind = lookup(&AUDIT_TARGETS, target_type).unwrap_or(target_type);
    if target_type == "person" {
        format!("{kind} {}", audit_actor_label(target_id))
    } else if target_id.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} {target_id}")
    }
}

/// The roles or scopes an audit entry records (comma-separated codes) as people read them:
/// "Raadpleger, FGR-beheer", "catalogus lezen", "opdrachtregel". An unknown code stays itself.
pub fn audit_roles_label(codes: &str) -> String {
    let labels: Vec<&str> = codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|code| {
            if let Some(role) = Role::from_code(code) {
                role.label()
            } else if let Some(scope) = Scope::from_code(code) {
                scope.label()
            } else if code == "operator" {
                "opdrachtregel"
            } else if code == "seed" {
                "startgegevens"
            } else {
                code
            }
        })
        .collect();
    if labels.is_empty() {
        "—".to_owned()
    } else {
        labels.join(", ")
    }
}

/// Who an audit entry names, as people read it: "opdrachtregel" for `cli`, "register" for
/// `system`; the local sign-in's `dev:committee_member:alice-auteur` as "alice-auteur
/// (proefaccount)" (its role is in the next column); any other actor (a provider's subject, a
/// machine's client id) is its id.
pub fn audit_actor_label(actor: &str) -> String {
    match actor {
        "cli" => "opdrachtregel".to_owned(),
        "system" => "register".to_owned(),
        "anonymous" => "anoniem".to_owned(),
        _ => match actor.strip_prefix("dev:").map(|rest| rest.split_once(':')) {
            Some(Some((_, name))) => format!("{name} (proefaccount)"),
            Some(None) => match Role::from_code(&actor[4..]) {
                Some(role) => format!("proefaccount {}", role.label()),
                None => actor.to_owned(),
            },
            None => actor.to_owned(),
        },
    }
}

fn lookup<'a>(table: &[(&str, &'a str)], code: &str) -> Option<&'a str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `"<kind>.<verb>"` literal in the sources names a listed action, so the audit page
    /// never shows a bare code for an action the register writes.
    #[test]
    fn every_action_the_sources_write_has_a_label() {
        let kinds: Vec<&str> = AUDIT_ACTIONS
            .iter()
            .map(|(a, _)| a.split('.').next().unwrap())
            .collect();
        let mut unlabelled = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for literal in text.split('"').skip(1).step_by(2) {
                    let Some((kind, verb)) = literal.split_once('.') else {
                        continue;
                    };
                    let word = |s: &str| {
                        !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    };
                    if word(kind)
                        && word(verb)
                        && kinds.contains(&kind)
                        && lookup(&AUDIT_ACTIONS, literal).is_none()
                    {
                        unlabelled.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        assert!(
            unlabelled.is_empty(),
            "actions without a label: {unlabelled:?}"
        );
    }

    #[test]
    fn audit_entries_read_in_dutch() {
        assert_eq!(audit_action_label("proposal.adopt"), "voorstel vastgesteld");
        assert_eq!(audit_target_label("group_version", "15"), "groepsversie 15");
        assert_eq!(
            audit_roles_label("viewer,maintainer"),
            "Raadpleger, FGR-beheer"
        );
        assert_eq!(audit_roles_label("catalogue:read"), "catalogus lezen");
        assert_eq!(audit_roles_label(""), "—");
        assert_eq!(audit_action_label("later.thing"), "later.thing");
        assert_eq!(
            audit_actor_label("dev:maintainer"),
            "proefaccount FGR-beheer"
        );
        assert_eq!(audit_actor_label("cli"), "opdrachtregel");
        assert_eq!(audit_actor_label("3f2a-subject"), "3f2a-subject");
    }
}
