//! Cohort runs: applicants, decisions, overrides, matchings, pairs and
//! outputs. Every write is one transaction that bumps the run's version
//! and appends to the audit log.

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::store::{Store, now};

/// Why a run operation failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    /// No such run, applicant, matching or pair.
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with what is stored.
    #[error("{0}")]
    Conflict(String),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
}

type Res<T> = Result<T, StoreError>;

/// A run as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct RunInfo {
    /// The run's id.
    pub(crate) id: i64,
    /// Its name.
    pub(crate) name: String,
    /// The cohort number.
    pub(crate) cohort: u16,
    /// Whether it follows a custom cohort document instead of a built-in one.
    pub(crate) custom_cohort: bool,
    /// When it was created (RFC 3339).
    pub(crate) created_at: String,
    /// The token holder who created it.
    pub(crate) created_by: String,
    /// Bumped by every write to the run.
    pub(crate) version: i64,
}

/// An applicant to add.
#[derive(Debug, Clone)]
pub(crate) struct ApplicantIn {
    /// The applicant's name (unique in the run).
    pub(crate) name: String,
    /// The role applied for (key).
    pub(crate) role: String,
    /// The applicant document.
    pub(crate) document: Value,
}

/// A decision to record.
#[derive(Debug, Clone)]
pub(crate) struct DecisionIn {
    /// The applicant's name.
    pub(crate) applicant: String,
    /// The rule set's title.
    pub(crate) rule_set: String,
    /// The rule set's version: the SHA-256 of its JSON document.
    pub(crate) rule_set_version: String,
    /// The verdict key.
    pub(crate) verdict: String,
    /// The decision document with every criterion's reasons.
    pub(crate) decision: Value,
}

/// One decision as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct DecisionRecord {
    /// The rule set's title.
    pub(crate) rule_set: String,
    /// The SHA-256 of the rule set's JSON document.
    pub(crate) rule_set_version: String,
    /// eligible, ineligible or undetermined.
    pub(crate) verdict: String,
    /// The decision document.
    pub(crate) decision: Value,
    /// When it was made.
    pub(crate) decided_at: String,
}

/// One staff override.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct OverrideRecord {
    /// The verdict staff set.
    pub(crate) verdict: String,
    /// Why (required).
    pub(crate) reason: String,
    /// The token holder.
    pub(crate) actor: String,
    /// When.
    pub(crate) at: String,
}

/// An applicant with its decisions and overrides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct ApplicantRecord {
    /// The applicant's name.
    pub(crate) name: String,
    /// The role applied for.
    pub(crate) role: String,
    /// The applicant document.
    pub(crate) applicant: Value,
    /// Every decision, oldest first.
    pub(crate) decisions: Vec<DecisionRecord>,
    /// Every override, oldest first.
    pub(crate) overrides: Vec<OverrideRecord>,
    /// The verdict in force: the last override, else the last decision.
    pub(crate) verdict: Option<String>,
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct AuditEntry {
    /// When.
    pub(crate) at: String,
    /// Who (the token holder).
    pub(crate) actor: String,
    /// What was done (`create-run`, `add-applicants`, `override`, …).
    pub(crate) action: String,
    /// What it was done to.
    pub(crate) target: String,
    /// Why, when a reason is required.
    pub(crate) reason: Option<String>,
    /// The details.
    pub(crate) detail: Value,
}

/// A matching run to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct MatchingIn {
    /// The mechanism key.
    pub(crate) mechanism: String,
    /// `matched` or `none-exists`.
    pub(crate) outcome: String,
    /// The instance document.
    pub(crate) instance: Value,
    /// The result document.
    pub(crate) result: Option<Value>,
    /// The matcher's explanation.
    pub(crate) explanation: Option<Value>,
    /// The independent checker's report.
    pub(crate) check_report: Option<Value>,
    /// The time limit of the budgeted search, in milliseconds.
    pub(crate) time_limit_ms: Option<u64>,
    /// Whether the objective is proven optimal (budgeted runs).
    pub(crate) proven: Option<bool>,
    /// The gap to the bound when not proven.
    pub(crate) gap: Option<String>,
}

/// A matching run as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct MatchingRecord {
    /// Its id.
    pub(crate) id: i64,
    /// What was run and found.
    #[serde(flatten)]
    pub(crate) run: MatchingIn,
    /// When.
    pub(crate) created_at: String,
    /// Who.
    pub(crate) created_by: String,
}

/// One learning output of a pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct OutputRecord {
    /// The output kind key.
    pub(crate) kind: String,
    /// The cohort's title for it.
    pub(crate) title: String,
    /// Its lifecycle status key.
    pub(crate) status: String,
    /// When it is due (`YYYY-MM`), when known.
    pub(crate) due: Option<String>,
    /// The latest document handed in.
    pub(crate) document: Option<Value>,
    /// When it last changed.
    pub(crate) updated_at: String,
}

/// A confirmed pair with its outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct PairRecord {
    /// Its id.
    pub(crate) id: i64,
    /// The matching run it came from.
    pub(crate) matching_run: i64,
    /// The seeker id.
    pub(crate) seeker: String,
    /// The host id.
    pub(crate) host: String,
    /// When it was confirmed.
    pub(crate) confirmed_at: String,
    /// Who confirmed it.
    pub(crate) confirmed_by: String,
    /// Its outputs.
    pub(crate) outputs: Vec<OutputRecord>,
}

impl PairRecord {
    /// The seeker's and the host's names: the name `cat` gives each id, or
    /// the id itself for a city the catalogue does not have.
    pub(crate) fn names(&self, cat: &twinning_profile::Catalogue) -> (String, String) {
        (crate::web::city_name(cat, &self.seeker), crate::web::city_name(cat, &self.host))
    }
}

/// A learner's own ranking of hosts, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PreferenceRecord {
    /// The learner (a seeker id of the run's instances).
    pub(crate) seeker: String,
    /// Acceptable hosts, best first.
    pub(crate) hosts: Vec<String>,
    /// When it was stated.
    pub(crate) stated_at: String,
    /// Who stated it (the token holder).
    pub(crate) stated_by: String,
}

/// The whole run as one JSON document, for export and import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bundle {
    /// Always `twinning-run`.
    pub(crate) format: String,
    /// The bundle format's version (1).
    pub(crate) format_version: u32,
    /// The run.
    pub(crate) run: RunInfo,
    /// The custom cohort document, if the run has one.
    pub(crate) cohort_document: Option<Value>,
    /// Applicants with decisions and overrides.
    pub(crate) applicants: Vec<ApplicantRecord>,
    /// Matching runs.
    pub(crate) matchings: Vec<MatchingRecord>,
    /// Confirmed pairs and their outputs.
    pub(crate) pairs: Vec<PairRecord>,
    /// Learners' own rankings (absent in bundles written before them).
    #[serde(default)]
    pub(crate) preferences: Vec<PreferenceRecord>,
    /// The audit log, oldest first.
    pub(crate) audit: Vec<AuditEntry>,
}

/// The bundle's `format`.
pub(crate) const BUNDLE_FORMAT: &str = "twinning-run";

fn text(v: &Value) -> String {
    v.to_string()
}

fn json(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

/// Appends to the audit log and bumps the run's version.
fn audit(
    tx: &Transaction<'_>,
    run: i64,
    actor: &str,
    action: &str,
    target: &str,
    reason: Option<&str>,
    detail: &Value,
) -> Res<()> {
    tx.execute(
        "INSERT INTO audit_log (run_id, at, actor, action, target, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![run, now(), actor, action, target, reason, text(detail)],
    )?;
    tx.execute("UPDATE runs SET version = version + 1 WHERE id = ?1", [run])?;
    Ok(())
}

fn run_info(c: &Connection, id: i64) -> Res<RunInfo> {
    c.query_row(
        "SELECT id, name, cohort, cohort_document IS NOT NULL, created_at, created_by, version
         FROM runs WHERE id = ?1",
        [id],
        |r| {
            Ok(RunInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                cohort: r.get(2)?,
                custom_cohort: r.get(3)?,
                created_at: r.get(4)?,
                created_by: r.get(5)?,
                version: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("no run {id}")))
}

fn applicant_id(c: &Connection, run: i64, name: &str) -> Res<i64> {
    c.query_row(
        "SELECT id FROM applicants WHERE run_id = ?1 AND name = ?2",
        params![run, name],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("run {run} has no applicant {name:?}")))
}

fn preferences_of(c: &Connection, run: i64) -> Res<Vec<PreferenceRecord>> {
    let mut s = c.prepare(
        "SELECT seeker, hosts, stated_at, stated_by FROM preferences WHERE run_id = ?1 ORDER BY seeker",
    )?;
    let rows = s.query_map([run], |r| {
        let hosts: String = r.get(1)?;
        let hosts = serde_json::from_str(&hosts).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok(PreferenceRecord {
            seeker: r.get(0)?,
            hosts,
            stated_at: r.get(2)?,
            stated_by: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// Creates a run of `cohort` (with its custom document, if any).
    pub(crate) fn create_run(
        &self,
        name: &str,
        cohort: u16,
        cohort_document: Option<&Value>,
        actor: &str,
    ) -> Res<RunInfo> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO runs (name, cohort, cohort_document, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, cohort, cohort_document.map(text), now(), actor],
            )?;
            let id = tx.last_insert_rowid();
            audit(
                &tx,
                id,
                actor,
                "create-run",
                &format!("run {id}"),
                None,
                &serde_json::json!({"name": name, "cohort": cohort}),
            )?;
            let info = run_info(&tx, id)?;
            tx.commit()?;
            Ok(info)
        })
    }

    /// Every run, oldest first.
    pub(crate) fn runs(&self) -> Res<Vec<RunInfo>> {
        self.with(|c| {
            let ids: Vec<i64> = {
                let mut s = c.prepare("SELECT id FROM runs ORDER BY id")?;
                s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
            };
            ids.into_iter().map(|id| run_info(c, id)).collect()
        })
    }

    /// One run.
    pub(crate) fn run(&self, id: i64) -> Res<RunInfo> {
        self.with(|c| run_info(c, id))
    }

    /// The run's custom cohort document, if any.
    pub(crate) fn cohort_document(&self, id: i64) -> Res<Option<Value>> {
        self.with(|c| {
            let doc: Option<String> = c
                .query_row("SELECT cohort_document FROM runs WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("no run {id}")))?;
            Ok(json(doc))
        })
    }

    /// Adds applicants; a name already in the run is a conflict and
    /// nothing is added.
    pub(crate) fn add_applicants(&self, run: i64, list: &[ApplicantIn], actor: &str) -> Res<usize> {
        self.with(|c| {
            let tx = c.transaction()?;
            run_info(&tx, run)?;
            for a in list {
                let exists: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM applicants WHERE run_id = ?1 AND name = ?2",
                        params![run, a.name],
                        |r| r.get(0),
                    )
                    .optional()?;
                if exists.is_some() {
                    return Err(StoreError::Conflict(format!(
                        "run {run} already has an applicant named {:?}",
                        a.name
                    )));
                }
                tx.execute(
                    "INSERT INTO applicants (run_id, role, name, document, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![run, a.role, a.name, text(&a.document), now()],
                )?;
            }
            let names: Vec<&str> = list.iter().map(|a| a.name.as_str()).collect();
            audit(
                &tx,
                run,
                actor,
                "add-applicants",
                &format!("run {run}"),
                None,
                &serde_json::json!({"names": names}),
            )?;
            tx.commit()?;
            Ok(list.len())
        })
    }

    /// The applicant documents of a run with their roles, in order.
    pub(crate) fn applicant_documents(&self, run: i64) -> Res<Vec<(String, String, Value)>> {
        self.with(|c| {
            run_info(c, run)?;
            let mut s = c.prepare(
                "SELECT name, role, document FROM applicants WHERE run_id = ?1 ORDER BY id",
            )?;
            let rows = s.query_map([run], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (name, role, doc) = row?;
                out.push((name, role, serde_json::from_str(&doc).unwrap_or(Value::Null)));
            }
            Ok(out)
        })
    }

    /// Records decisions.
    pub(crate) fn record_decisions(&self, run: i64, list: &[DecisionIn], actor: &str) -> Res<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            let at = now();
            for d in list {
                let id = applicant_id(&tx, run, &d.applicant)?;
                tx.execute(
                    "INSERT INTO decisions (applicant_id, rule_set, rule_set_version, verdict, decision, decided_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, d.rule_set, d.rule_set_version, d.verdict, text(&d.decision), at],
                )?;
            }
            let verdicts: Vec<(&str, &str)> =
                list.iter().map(|d| (d.applicant.as_str(), d.verdict.as_str())).collect();
            audit(&tx, run, actor, "decide", &format!("run {run}"), None, &serde_json::json!({"verdicts": verdicts}))?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Overrides an applicant's verdict, with the reason.
    pub(crate) fn override_verdict(
        &self,
        run: i64,
        applicant: &str,
        verdict: &str,
        reason: &str,
        actor: &str,
    ) -> Res<ApplicantRecord> {
        self.with(|c| {
            let tx = c.transaction()?;
            let id = applicant_id(&tx, run, applicant)?;
            let before = applicant_record(&tx, id)?.verdict;
            tx.execute(
                "INSERT INTO overrides (applicant_id, verdict, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, verdict, reason, actor, now()],
            )?;
            audit(
                &tx,
                run,
                actor,
                "override",
                &format!("applicant {applicant}"),
                Some(reason),
                &serde_json::json!({"from": before, "to": verdict}),
            )?;
            let record = applicant_record(&tx, id)?;
            tx.commit()?;
            Ok(record)
        })
    }

    /// Every applicant of a run with decisions and overrides.
    pub(crate) fn applicants(&self, run: i64) -> Res<Vec<ApplicantRecord>> {
        self.with(|c| {
            run_info(c, run)?;
            applicants_of(c, run)
        })
    }

    /// The audit log of a run.
    pub(crate) fn audit_log(&self, run: i64) -> Res<Vec<AuditEntry>> {
        self.with(|c| {
            run_info(c, run)?;
            audit_of(c, run)
        })
    }

    /// Records a matching run.
    pub(crate) fn record_matching(
        &self,
        run: i64,
        m: &MatchingIn,
        actor: &str,
    ) -> Res<MatchingRecord> {
        self.with(|c| {
            let tx = c.transaction()?;
            run_info(&tx, run)?;
            let id = insert_matching(&tx, run, m, &now(), actor)?;
            audit(&tx, run, actor, "match", &format!("matching {id}"), None, &serde_json::json!({"mechanism": m.mechanism, "outcome": m.outcome, "proven": m.proven}))?;
            let rec = matching_of(&tx, run, id)?;
            tx.commit()?;
            Ok(rec)
        })
    }

    /// The matching runs of a run.
    pub(crate) fn matchings(&self, run: i64) -> Res<Vec<MatchingRecord>> {
        self.with(|c| {
            run_info(c, run)?;
            matchings_of(c, run)
        })
    }

    /// One matching run.
    pub(crate) fn matching(&self, run: i64, id: i64) -> Res<MatchingRecord> {
        self.with(|c| matching_of(c, run, id))
    }

    /// Confirms pairs of a matching run, each with the outputs it owes.
    pub(crate) fn confirm_pairs(
        &self,
        run: i64,
        matching: i64,
        pairs: &[(String, String)],
        outputs: &[(String, String, Option<String>)],
        actor: &str,
    ) -> Res<Vec<PairRecord>> {
        self.with(|c| {
            let tx = c.transaction()?;
            matching_of(&tx, run, matching)?;
            let at = now();
            for (seeker, host) in pairs {
                let taken: Option<i64> = tx
                    .query_row("SELECT id FROM pairs WHERE run_id = ?1 AND seeker = ?2", params![run, seeker], |r| r.get(0))
                    .optional()?;
                if taken.is_some() {
                    return Err(StoreError::Conflict(format!("seeker {seeker:?} already has a confirmed pair in run {run}")));
                }
                tx.execute(
                    "INSERT INTO pairs (run_id, matching_run_id, seeker, host, confirmed_at, confirmed_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![run, matching, seeker, host, at, actor],
                )?;
                let pair = tx.last_insert_rowid();
                for (kind, title, due) in outputs {
                    tx.execute(
                        "INSERT INTO outputs (pair_id, kind, title, status, due, updated_at)
                         VALUES (?1, ?2, ?3, 'draft', ?4, ?5)",
                        params![pair, kind, title, due, at],
                    )?;
                }
            }
            audit(&tx, run, actor, "confirm-pairs", &format!("matching {matching}"), None, &serde_json::json!({"pairs": pairs}))?;
            let out = pairs_of(&tx, run)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// The confirmed pairs of a run.
    pub(crate) fn pairs(&self, run: i64) -> Res<Vec<PairRecord>> {
        self.with(|c| {
            run_info(c, run)?;
            pairs_of(c, run)
        })
    }

    /// A new private link token for pair `pair` of run `run`: 32 random
    /// bytes as hex, stored as its SHA-256 like a staff token, so the
    /// database never holds a working link.
    pub(crate) fn create_pair_link(&self, run: i64, pair: i64, actor: &str) -> Res<String> {
        let mut raw = [0u8; 32];
        getrandom::fill(&mut raw)
            .map_err(|e| StoreError::Conflict(format!("no randomness: {e}")))?;
        let token = crate::store::hex(&raw);
        let hash = crate::store::digest(&token);
        self.with(|c| {
            let tx = c.transaction()?;
            run_info(&tx, run)?;
            let found: Option<i64> = tx
                .query_row("SELECT id FROM pairs WHERE run_id = ?1 AND id = ?2", params![run, pair], |r| r.get(0))
                .optional()?;
            if found.is_none() {
                return Err(StoreError::NotFound(format!("run {run} has no pair {pair}")));
            }
            tx.execute(
                "INSERT INTO pair_links (pair_id, hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
                params![pair, hash, now(), actor],
            )?;
            audit(&tx, run, actor, "pair-link", &format!("pair {pair}"), None, &serde_json::json!({}))?;
            tx.commit()?;
            Ok(())
        })?;
        Ok(token)
    }

    /// The run and pair a private link token opens, if it is one.
    pub(crate) fn pair_by_link(&self, token: &str) -> Res<Option<(RunInfo, PairRecord)>> {
        let hash = crate::store::digest(token);
        self.with(|c| {
            let found: Option<(i64, i64)> = c
                .query_row(
                    "SELECT p.run_id, p.id FROM pair_links l JOIN pairs p ON p.id = l.pair_id WHERE l.hash = ?1",
                    [hash],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((run, pair)) = found else { return Ok(None) };
            let info = run_info(c, run)?;
            let record = pairs_of(c, run)?.into_iter().find(|p| p.id == pair);
            Ok(record.map(|p| (info, p)))
        })
    }

    /// Moves a pair's output (with its document) to the status
    /// `transition(from)` gives; an error there refuses the move.
    pub(crate) fn update_output(
        &self,
        run: i64,
        pair: i64,
        kind: &str,
        document: Option<&Value>,
        transition: impl Fn(&str) -> Result<&'static str, String>,
        actor: &str,
    ) -> Res<OutputRecord> {
        self.with(|c| {
            let tx = c.transaction()?;
            let from: String = tx
                .query_row(
                    "SELECT o.status FROM outputs o JOIN pairs p ON p.id = o.pair_id
                     WHERE p.run_id = ?1 AND p.id = ?2 AND o.kind = ?3",
                    params![run, pair, kind],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::NotFound(format!("pair {pair} of run {run} owes no {kind}"))
                })?;
            let status = transition(&from).map_err(StoreError::Conflict)?;
            tx.execute(
                "UPDATE outputs SET status = ?3, document = coalesce(?4, document), updated_at = ?5
                 WHERE pair_id = ?1 AND kind = ?2",
                params![pair, kind, status, document.map(text), now()],
            )?;
            audit(
                &tx,
                run,
                actor,
                "output-status",
                &format!("pair {pair} {kind}"),
                None,
                &serde_json::json!({"from": from, "to": status}),
            )?;
            let out = outputs_of(&tx, pair)?
                .into_iter()
                .find(|o| o.kind == kind)
                .ok_or_else(|| StoreError::NotFound(format!("pair {pair} owes no {kind}")))?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Stores `seeker`'s ranking of `hosts` (replacing an earlier one),
    /// with an audit entry.
    pub(crate) fn state_preferences(
        &self,
        run: i64,
        seeker: &str,
        hosts: &[String],
        actor: &str,
    ) -> Res<PreferenceRecord> {
        self.with(|c| {
            let tx = c.transaction()?;
            run_info(&tx, run)?;
            tx.execute(
                "INSERT INTO preferences (run_id, seeker, hosts, stated_at, stated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (run_id, seeker) DO UPDATE SET
                     hosts = excluded.hosts, stated_at = excluded.stated_at,
                     stated_by = excluded.stated_by",
                params![run, seeker, text(&serde_json::json!(hosts)), now(), actor],
            )?;
            audit(
                &tx,
                run,
                actor,
                "state-preferences",
                &format!("learner {seeker}"),
                None,
                &serde_json::json!({"hosts": hosts}),
            )?;
            let record = preferences_of(&tx, run)?
                .into_iter()
                .find(|p| p.seeker == seeker)
                .ok_or_else(|| StoreError::NotFound(format!("no preferences of {seeker:?}")))?;
            tx.commit()?;
            Ok(record)
        })
    }

    /// Removes `seeker`'s ranking, with an audit entry.
    pub(crate) fn remove_preferences(&self, run: i64, seeker: &str, actor: &str) -> Res<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            run_info(&tx, run)?;
            let n = tx.execute(
                "DELETE FROM preferences WHERE run_id = ?1 AND seeker = ?2",
                params![run, seeker],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!(
                    "run {run} has no preferences of {seeker:?}"
                )));
            }
            audit(
                &tx,
                run,
                actor,
                "remove-preferences",
                &format!("learner {seeker}"),
                None,
                &serde_json::json!({}),
            )?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Every learner's stated ranking in a run, by learner.
    pub(crate) fn preferences(&self, run: i64) -> Res<Vec<PreferenceRecord>> {
        self.with(|c| {
            run_info(c, run)?;
            preferences_of(c, run)
        })
    }

    /// The whole run as a bundle.
    pub(crate) fn export(&self, run: i64) -> Res<Bundle> {
        self.with(|c| {
            let tx = c.transaction()?;
            let info = run_info(&tx, run)?;
            let doc: Option<String> =
                tx.query_row("SELECT cohort_document FROM runs WHERE id = ?1", [run], |r| {
                    r.get(0)
                })?;
            let bundle = Bundle {
                format: BUNDLE_FORMAT.to_owned(),
                format_version: 1,
                run: info,
                cohort_document: json(doc),
                applicants: applicants_of(&tx, run)?,
                matchings: matchings_of(&tx, run)?,
                pairs: pairs_of(&tx, run)?,
                preferences: preferences_of(&tx, run)?,
                audit: audit_of(&tx, run)?,
            };
            tx.commit()?;
            Ok(bundle)
        })
    }

    /// Imports a bundle as a new run: everything it holds, its audit log
    /// kept, then an `import` entry.
    pub(crate) fn import(&self, b: &Bundle, actor: &str) -> Res<RunInfo> {
        if b.format != BUNDLE_FORMAT || b.format_version != 1 {
            return Err(StoreError::Conflict(format!(
                "not a version 1 {BUNDLE_FORMAT} bundle (format {:?}, version {})",
                b.format, b.format_version
            )));
        }
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO runs (name, cohort, cohort_document, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![b.run.name, b.run.cohort, b.cohort_document.as_ref().map(text), b.run.created_at, b.run.created_by],
            )?;
            let run = tx.last_insert_rowid();
            for e in &b.audit {
                tx.execute(
                    "INSERT INTO audit_log (run_id, at, actor, action, target, reason, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![run, e.at, e.actor, e.action, e.target, e.reason, text(&e.detail)],
                )?;
            }
            for a in &b.applicants {
                tx.execute(
                    "INSERT INTO applicants (run_id, role, name, document, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![run, a.role, a.name, text(&a.applicant), now()],
                )?;
                let id = tx.last_insert_rowid();
                for d in &a.decisions {
                    tx.execute(
                        "INSERT INTO decisions (applicant_id, rule_set, rule_set_version, verdict, decision, decided_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, d.rule_set, d.rule_set_version, d.verdict, text(&d.decision), d.decided_at],
                    )?;
                }
                for o in &a.overrides {
                    tx.execute(
                        "INSERT INTO overrides (applicant_id, verdict, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![id, o.verdict, o.reason, o.actor, o.at],
                    )?;
                }
            }
            let mut ids = std::collections::HashMap::new();
            for m in &b.matchings {
                let id = insert_matching(&tx, run, &m.run, &m.created_at, &m.created_by)?;
                ids.insert(m.id, id);
            }
            for p in &b.pairs {
                let matching = ids.get(&p.matching_run).copied().ok_or_else(|| {
                    StoreError::Conflict(format!("pair {} names matching {}, not in the bundle", p.id, p.matching_run))
                })?;
                tx.execute(
                    "INSERT INTO pairs (run_id, matching_run_id, seeker, host, confirmed_at, confirmed_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![run, matching, p.seeker, p.host, p.confirmed_at, p.confirmed_by],
                )?;
                let pair = tx.last_insert_rowid();
                for o in &p.outputs {
                    tx.execute(
                        "INSERT INTO outputs (pair_id, kind, title, status, due, document, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![pair, o.kind, o.title, o.status, o.due, o.document.as_ref().map(text), o.updated_at],
                    )?;
                }
            }
            for p in &b.preferences {
                tx.execute(
                    "INSERT INTO preferences (run_id, seeker, hosts, stated_at, stated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![run, p.seeker, text(&serde_json::json!(p.hosts)), p.stated_at, p.stated_by],
                )?;
            }
            audit(&tx, run, actor, "import", &format!("run {run}"), None, &serde_json::json!({"from_run": b.run.id}))?;
            let info = run_info(&tx, run)?;
            tx.commit()?;
            Ok(info)
        })
    }
}

fn insert_matching(
    tx: &Transaction<'_>,
    run: i64,
    m: &MatchingIn,
    at: &str,
    actor: &str,
) -> Res<i64> {
    tx.execute(
        "INSERT INTO matching_runs (run_id, mechanism, outcome, instance, result, explanation, check_report,
             time_limit_ms, proven, gap, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            run,
            m.mechanism,
            m.outcome,
            text(&m.instance),
            m.result.as_ref().map(text),
            m.explanation.as_ref().map(text),
            m.check_report.as_ref().map(text),
            m.time_limit_ms.and_then(|t| i64::try_from(t).ok()),
            m.proven,
            m.gap,
            at,
            actor
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

const MATCHING_COLUMNS: &str =
    "id, mechanism, outcome, instance, result, explanation, check_report,
     time_limit_ms, proven, gap, created_at, created_by";

fn matching_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MatchingRecord> {
    Ok(MatchingRecord {
        id: r.get(0)?,
        run: MatchingIn {
            mechanism: r.get(1)?,
            outcome: r.get(2)?,
            instance: json(Some(r.get(3)?)).unwrap_or(Value::Null),
            result: json(r.get(4)?),
            explanation: json(r.get(5)?),
            check_report: json(r.get(6)?),
            time_limit_ms: r.get::<_, Option<i64>>(7)?.and_then(|t| u64::try_from(t).ok()),
            proven: r.get(8)?,
            gap: r.get(9)?,
        },
        created_at: r.get(10)?,
        created_by: r.get(11)?,
    })
}

fn matching_of(c: &Connection, run: i64, id: i64) -> Res<MatchingRecord> {
    c.query_row(
        &format!("SELECT {MATCHING_COLUMNS} FROM matching_runs WHERE run_id = ?1 AND id = ?2"),
        params![run, id],
        matching_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("run {run} has no matching {id}")))
}

fn matchings_of(c: &Connection, run: i64) -> Res<Vec<MatchingRecord>> {
    let mut s = c.prepare(&format!(
        "SELECT {MATCHING_COLUMNS} FROM matching_runs WHERE run_id = ?1 ORDER BY id"
    ))?;
    let rows = s.query_map([run], matching_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn applicant_record(c: &Connection, id: i64) -> Res<ApplicantRecord> {
    let (name, role, doc): (String, String, String) =
        c.query_row("SELECT name, role, document FROM applicants WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let decisions: Vec<DecisionRecord> = {
        let mut s = c.prepare(
            "SELECT rule_set, rule_set_version, verdict, decision, decided_at FROM decisions
             WHERE applicant_id = ?1 ORDER BY id",
        )?;
        let rows = s.query_map([id], |r| {
            Ok(DecisionRecord {
                rule_set: r.get(0)?,
                rule_set_version: r.get(1)?,
                verdict: r.get(2)?,
                decision: json(Some(r.get(3)?)).unwrap_or(Value::Null),
                decided_at: r.get(4)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let overrides: Vec<OverrideRecord> = {
        let mut s = c.prepare(
            "SELECT verdict, reason, actor, at FROM overrides WHERE applicant_id = ?1 ORDER BY id",
        )?;
        let rows = s.query_map([id], |r| {
            Ok(OverrideRecord {
                verdict: r.get(0)?,
                reason: r.get(1)?,
                actor: r.get(2)?,
                at: r.get(3)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let verdict = overrides
        .last()
        .map(|o| o.verdict.clone())
        .or_else(|| decisions.last().map(|d| d.verdict.clone()));
    Ok(ApplicantRecord {
        name,
        role,
        applicant: json(Some(doc)).unwrap_or(Value::Null),
        decisions,
        overrides,
        verdict,
    })
}

fn applicants_of(c: &Connection, run: i64) -> Res<Vec<ApplicantRecord>> {
    let ids: Vec<i64> = {
        let mut s = c.prepare("SELECT id FROM applicants WHERE run_id = ?1 ORDER BY id")?;
        s.query_map([run], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    ids.into_iter().map(|id| applicant_record(c, id)).collect()
}

fn audit_of(c: &Connection, run: i64) -> Res<Vec<AuditEntry>> {
    let mut s = c.prepare(
        "SELECT at, actor, action, target, reason, detail FROM audit_log WHERE run_id = ?1 ORDER BY id",
    )?;
    let rows = s.query_map([run], |r| {
        Ok(AuditEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            target: r.get(3)?,
            reason: r.get(4)?,
            detail: json(Some(r.get(5)?)).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn outputs_of(c: &Connection, pair: i64) -> Res<Vec<OutputRecord>> {
    let mut s = c.prepare(
        "SELECT kind, title, status, due, document, updated_at FROM outputs WHERE pair_id = ?1 ORDER BY id",
    )?;
    let rows = s.query_map([pair], |r| {
        Ok(OutputRecord {
            kind: r.get(0)?,
            title: r.get(1)?,
            status: r.get(2)?,
            due: r.get(3)?,
            document: json(r.get(4)?),
            updated_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn pairs_of(c: &Connection, run: i64) -> Res<Vec<PairRecord>> {
    let rows: Vec<(i64, i64, String, String, String, String)> = {
        let mut s = c.prepare(
            "SELECT id, matching_run_id, seeker, host, confirmed_at, confirmed_by FROM pairs
             WHERE run_id = ?1 ORDER BY id",
        )?;
        s.query_map([run], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<Result<_, _>>()?
    };
    rows.into_iter()
        .map(|(id, matching_run, seeker, host, confirmed_at, confirmed_by)| {
            Ok(PairRecord {
                id,
                matching_run,
                seeker,
                host,
                confirmed_at,
                confirmed_by,
                outputs: outputs_of(c, id)?,
            })
        })
        .collect()
}
