//! `MatchReport::read_result`: a result read back from a report written by
//! `twinning match -f json` (`data/report-small.json`, written by the
//! command line for `data/instance-small.json`) or from a bare result, and
//! the typed errors of documents that are neither.

use std::io::{Cursor, Read, Seek, SeekFrom};

use twinning_matcher::{Error, Instance, Limits, MatchReport, Side, deferred_acceptance, verify};

const REPORT: &str = include_str!("data/report-small.json");
const INSTANCE: &str = include_str!("data/instance-small.json");

fn read(text: &str) -> Result<twinning_matcher::Matching, Error> {
    MatchReport::read_result(Cursor::new(text.as_bytes()), &Limits::default())
}

fn pairs(m: &twinning_matcher::Matching) -> Vec<(&str, &str)> {
    m.pairs.iter().map(|p| (p.seeker.as_str(), p.host.as_str())).collect()
}

#[test]
fn a_report_written_by_match_reads_back_as_its_result() {
    let result = read(REPORT).unwrap();
    // Seeker-proposing deferred acceptance by hand: s1, s2 and s3 all propose
    // to h1 (capacity 1), which keeps s2, its first choice; s1 goes on to h2,
    // which ranks it first; s3 ranks h1 only and stays unmatched.
    assert_eq!(pairs(&result), [("s1", "h2"), ("s2", "h1")]);
    assert_eq!(result.unmatched, ["s3"]);
    let instance = Instance::from_json(INSTANCE, &Limits::default()).unwrap();
    assert!(verify(&instance, &result, None).unwrap().passed);
    assert_eq!(result, deferred_acceptance(&instance, Side::Seeker, 0));
}

#[test]
fn a_bare_result_reads_the_same() {
    let report: serde_json::Value = serde_json::from_str(REPORT).unwrap();
    let bare = report["result"].to_string();
    assert_eq!(read(&bare).unwrap(), read(REPORT).unwrap());
}

#[test]
fn reading_starts_where_the_stream_is() {
    let text = format!("ignored prefix{REPORT}");
    let mut cursor = Cursor::new(text.as_bytes());
    cursor.seek(SeekFrom::Start(14)).unwrap();
    let result = MatchReport::read_result(&mut cursor, &Limits::default()).unwrap();
    assert_eq!(pairs(&result), [("s1", "h2"), ("s2", "h1")]);
    let mut rest = String::new();
    cursor.read_to_string(&mut rest).unwrap();
    assert!(rest.is_empty(), "the whole document was read");
}

/// The `ResultJson` fields of the error of reading `text`.
fn fault(text: &str) -> (String, usize, usize, String) {
    match read(text).unwrap_err() {
        Error::ResultJson { path, line, column, message } => Some((path, line, column, message)),
        _ => None,
    }
    .expect("a result json error")
}

#[test]
fn errors_name_the_field_line_and_column() {
    let (path, line, column, message) = fault("{\"result\": {\"pairs\": 3}}");
    assert_eq!((path.as_str(), line, column), ("result.pairs", 1, 23));
    assert_eq!(message, "invalid type: integer `3`, expected a sequence");

    let (path, _, _, message) = fault("{\"result\": {}, \"extra\": 1}");
    assert_eq!(path, "result");
    assert_eq!(message, "missing field `mechanism`");

    let (path, line, column, message) = fault("[1]");
    assert_eq!((path.as_str(), line, column), (".", 1, 1));
    assert_eq!(message, "invalid type: sequence, expected a result document (a JSON object)");

    let (path, line, column, message) = fault("{\"pairs\": []} x");
    assert_eq!((path.as_str(), line, column), (".", 1, 15));
    assert_eq!(message, "trailing characters");
}

#[test]
fn a_byte_order_mark_is_refused_by_name() {
    let (_, line, column, message) = fault(&format!("\u{feff}{REPORT}"));
    assert_eq!((line, column), (1, 1));
    assert!(message.contains("byte order mark (U+FEFF)"), "{message}");
}

#[test]
fn a_stream_longer_than_the_limit_is_refused() {
    let limits = Limits { max_input_bytes: 100, ..Limits::default() };
    let e = MatchReport::read_result(Cursor::new(REPORT.as_bytes()), &limits).unwrap_err();
    let refused = matches!(&e, Error::LimitExceeded { what, found, limit }
        if what == "result json length in bytes" && *found > 100 && *limit == 100);
    assert!(refused, "{e:?}");
}
