//! Versioned migrations, compiled in and run at start. The file's
//! `PRAGMA user_version` is the number of migrations applied.

use rusqlite::Connection;

/// The migrations in order; migration `i` moves the schema from version
/// `i` to `i + 1`. Never edit one that has shipped: add the next.
pub(crate) const MIGRATIONS: [&str; 5] = [
    // 1: staff tokens, runs, applicants, decisions, overrides, audit log.
    "
    CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        cohort INTEGER NOT NULL,
        cohort_document TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE applicants (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        document TEXT NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (run_id, name)
    );
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        applicant_id INTEGER NOT NULL REFERENCES applicants(id),
        rule_set TEXT NOT NULL,
        rule_set_version TEXT NOT NULL,
        verdict TEXT NOT NULL,
        decision TEXT NOT NULL,
        decided_at TEXT NOT NULL
    );
    CREATE TABLE overrides (
        id INTEGER PRIMARY KEY,
        applicant_id INTEGER NOT NULL REFERENCES applicants(id),
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        actor TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        reason TEXT,
        detail TEXT NOT NULL
    );
    CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER overrides_append_only_u BEFORE UPDATE ON overrides
        BEGIN SELECT RAISE(ABORT, 'overrides are append-only'); END;
    CREATE TRIGGER overrides_append_only_d BEFORE DELETE ON overrides
        BEGIN SELECT RAISE(ABORT, 'overrides are append-only'); END;
    ",
    // 2: matching runs, confirmed pairs, each pair's outputs.
    "
    CREATE TABLE matching_runs (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        mechanism TEXT NOT NULL,
        outcome TEXT NOT NULL,
        instance TEXT NOT NULL,
        result TEXT,
        explanation TEXT,
        check_report TEXT,
        time_limit_ms INTEGER,
        proven INTEGER,
        gap TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    CREATE TABLE pairs (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        matching_run_id INTEGER NOT NULL REFERENCES matching_runs(id),
        seeker TEXT NOT NULL,
        host TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        UNIQUE (run_id, seeker)
    );
    CREATE TABLE outputs (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id),
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        due TEXT,
        document TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (pair_id, kind)
    );
    CREATE INDEX decisions_applicant ON decisions(applicant_id);
    CREATE INDEX audit_log_run ON audit_log(run_id);
    ",
    // 3: each learner's own ranking of hosts, kept apart from the instances.
    "
    CREATE TABLE preferences (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        seeker TEXT NOT NULL,
        hosts TEXT NOT NULL,
        stated_at TEXT NOT NULL,
        stated_by TEXT NOT NULL,
        UNIQUE (run_id, seeker)
    );
    ",
    // 4: private links to a pair's page, stored as digests like staff tokens.
    "
    CREATE TABLE pair_links (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL REFERENCES pairs(id),
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
    );
    ",
    // 5: the server's signing keys (staff sessions, CSRF tokens), drawn once
    // and kept, so a restart does not sign everyone out.
    "
    CREATE TABLE server_keys (
        name TEXT PRIMARY KEY,
        key BLOB NOT NULL CHECK (length(key) = 32),
        created_at TEXT NOT NULL
    );
    ",
];

/// The schema version this program writes.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations the file lacks, up to `target`, each in its own
/// transaction with the version bump.
pub(crate) fn migrate(conn: &mut Connection, target: i64) -> Result<(), crate::Error> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(crate::Error::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    for (version, sql) in (1_i64..).zip(MIGRATIONS.iter()) {
        if version <= found || version > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(version, "database migrated");
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use rusqlite::Connection;

    use super::{SCHEMA_VERSION, migrate};

    fn tables(c: &Connection) -> Vec<String> {
        let mut s =
            c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        s.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn from_empty_to_current() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c, SCHEMA_VERSION).unwrap();
        let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let expected = [
            "applicants",
            "audit_log",
            "decisions",
            "matching_runs",
            "outputs",
            "overrides",
            "pair_links",
            "pairs",
            "preferences",
            "runs",
            "server_keys",
            "tokens",
        ];
        assert_eq!(tables(&c), expected);
        // Running again changes nothing.
        migrate(&mut c, SCHEMA_VERSION).unwrap();
        assert_eq!(tables(&c).len(), expected.len());
    }

    #[test]
    fn from_each_earlier_version_keeping_data() {
        for start in 1..SCHEMA_VERSION {
            let mut c = Connection::open_in_memory().unwrap();
            migrate(&mut c, start).unwrap();
            c.execute(
                "INSERT INTO runs (name, cohort, created_at, created_by) VALUES ('r', 5, 'x', 'y')",
                [],
            )
            .unwrap();
            migrate(&mut c, SCHEMA_VERSION).unwrap();
            let n: i64 = c.query_row("SELECT count(*) FROM runs", [], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "from version {start}");
            let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(v, SCHEMA_VERSION);
        }
    }

    #[test]
    fn a_newer_file_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        assert!(matches!(migrate(&mut c, SCHEMA_VERSION), Err(crate::Error::SchemaTooNew { .. })));
    }

    #[test]
    fn the_audit_log_is_append_only() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c, SCHEMA_VERSION).unwrap();
        c.execute_batch(
            "INSERT INTO runs (name, cohort, created_at, created_by) VALUES ('r', 5, 'x', 'y');
             INSERT INTO audit_log (run_id, at, actor, action, target, detail)
                 VALUES (1, 'x', 'y', 'a', 't', '{}');",
        )
        .unwrap();
        assert!(c.execute("UPDATE audit_log SET actor = 'z'", []).is_err());
        assert!(c.execute("DELETE FROM audit_log", []).is_err());
    }
}
