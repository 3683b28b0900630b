//! Small text helpers.

/// The JSON key of a unit enum value (`"mission-city"`), for tables.
pub(crate) fn key<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
