//! Reading a result back, bare or inside a [`MatchReport`], streamed.

use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};

use crate::error::{BOM_MESSAGE, Error, JsonFault};
use crate::instance::Bounded;
use crate::{Limits, MatchReport, Matching};

/// A [`MatchReport`] read for its result: the explanation is derived from
/// the result, so it is skipped unread, not checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultOfReport {
    result: Matching,
    #[serde(default, rename = "explanation")]
    _explanation: Option<IgnoredAny>,
}

/// The top-level keys of a JSON object, values skipped unread.
struct TopKeys(Vec<String>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = TopKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a result document (a JSON object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(TopKeys(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

impl MatchReport {
    /// Reads a result document from a stream: a bare one (what
    /// [`Matching::to_json`] writes) or the `result` of a report (what
    /// `twinning match --format json` writes, a serialized
    /// [`MatchReport`]). A document is a report when it has a `result` key
    /// and no `pairs` key.
    ///
    /// The stream is read twice (once for the top-level keys, then for the
    /// document), never held whole: the explanation of a report, often
    /// larger than its result, is skipped unread, so memory follows the
    /// result alone. At most `limits.max_input_bytes` are read from the
    /// start position.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when the stream is longer than
    /// `limits.max_input_bytes`; [`Error::ResultJson`] with the field path,
    /// line and column when it is not a well-formed result or report
    /// document (unknown fields, trailing data, a byte order mark) or cannot
    /// be read.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::Cursor;
    /// use twinning_matcher::{Instance, Limits, MatchReport, Side, deferred_acceptance, explain};
    ///
    /// let instance = Instance::from_json(
    ///     r#"{"seekers":[{"id":"s1","preferences":["h1"]}],
    ///         "hosts":[{"id":"h1","capacity":1,"preferences":["s1"]}]}"#,
    ///     &Limits::default(),
    /// )?;
    /// let result = deferred_acceptance(&instance, Side::Seeker, 0);
    /// let explanation = explain(&instance, &result)?;
    /// let report = MatchReport { result: result.clone(), explanation };
    /// let text = serde_json::to_string(&report).map_err(|e| e.to_string())?;
    ///
    /// let read = MatchReport::read_result(Cursor::new(text), &Limits::default())?;
    /// assert_eq!(read, result);
    /// let bare = MatchReport::read_result(Cursor::new(result.to_json()), &Limits::default())?;
    /// assert_eq!(bare, result);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_result<R: Read + Seek>(mut reader: R, limits: &Limits) -> Result<Matching, Error> {
        let cannot = |e: std::io::Error| {
            result_error(JsonFault {
                path: ".".to_owned(),
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            })
        };
        let start = reader.stream_position().map_err(cannot)?;
        let keys = read_bounded::<TopKeys, _>(&mut reader, limits)?.0;
        reader.seek(SeekFrom::Start(start)).map_err(cannot)?;
        let is_report = keys.iter().any(|k| k == "result") && !keys.iter().any(|k| k == "pairs");
        if is_report {
            read_bounded::<ResultOfReport, _>(&mut reader, limits).map(|r| r.result)
        } else {
            read_bounded::<Matching, _>(&mut reader, limits)
        }
    }
}

fn result_error(f: JsonFault) -> Error {
    Error::ResultJson { path: f.path, line: f.line, column: f.column, message: f.message }
}

/// Streams one document of type `T` from `reader`, at most
/// `limits.max_input_bytes` long, refusing a byte order mark and trailing
/// data.
fn read_bounded<T: DeserializeOwned, R: Read>(reader: R, limits: &Limits) -> Result<T, Error> {
    let left = limits.max_input_bytes;
    let mut reader = BufReader::new(Bounded { inner: reader, left, read: 0 });
    if reader.fill_buf().is_ok_and(|b| b.starts_with("\u{feff}".as_bytes())) {
        let message = BOM_MESSAGE.to_owned();
        return Err(result_error(JsonFault { path: ".".to_owned(), line: 1, column: 1, message }));
    }
    let de = &mut serde_json::Deserializer::from_reader(&mut reader);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut *de)
        .map_err(|e| result_error(JsonFault::new(e.path().to_string(), e.inner())))
        .and_then(|v| de.end().map(|()| v).map_err(|e| result_error(JsonFault::new(".", &e))));
    let read = reader.get_ref().read;
    if read > left {
        return Err(Error::limit("result json length in bytes", read, left));
    }
    parsed
}
