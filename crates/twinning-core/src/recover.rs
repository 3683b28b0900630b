//! Reading a document and reporting every mistake in it, not only the
//! first: after each mistake, the offending value is replaced by a neutral
//! one of the right shape and reading goes on.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::{DocumentError, DocumentReader};

/// The most mistakes one reading reports.
pub const MAX_REPORTED: usize = 50;

/// What [`DocumentReader::read_all`] found in a document it could not read
/// as it stands.
#[derive(Debug, Clone)]
pub struct Recovered<T> {
    /// Every mistake found, in the order found; the first has its line and
    /// column, the others their field path.
    pub errors: Vec<DocumentError>,
    /// The document with each mistaken value replaced by a neutral one, when
    /// every mistake could be stepped over: callers may check it for the
    /// problems of the rest, leaving out the places in `errors`.
    pub repaired: Option<Box<T>>,
}

/// Values tried in place of a mistaken one, in order: the first with which
/// reading gets past the place is kept.
fn candidates() -> Vec<Value> {
    vec![
        Value::Null,
        json!("x"),
        json!(0),
        json!(false),
        json!([]),
        json!({}),
        json!("2000-01-01"),
        json!({"start": "2000-01-01", "end": "2000-01-01"}),
        json!("00000000-0000-0000-0000-000000000000"),
        json!("2000-01-01T00:00:00+00:00"),
        json!("2000-01"),
        json!("0"),
        json!("low"),
        json!("medium"),
        json!("draft"),
    ]
}

/// One step of a field path: a key or an index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Splits `a.b[2].c` (serde_path_to_error's form) into steps.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    if path == "." || path.is_empty() {
        return out;
    }
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

fn slot<'a>(value: &'a mut Tree, path: &[Step]) -> Option<&'a mut Tree> {
    let mut at = value;
    for step in path {
        at = match (step, at) {
            (Step::Key(k), Tree::Object(pairs)) => {
                pairs.iter_mut().find(|(key, _)| key == k).map(|(_, v)| v)?
            }
            (Step::Index(i), Tree::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

fn object(tree: Option<&mut Tree>) -> Option<&mut Vec<(String, Tree)>> {
    match tree {
        Some(Tree::Object(pairs)) => Some(pairs),
        _ => None,
    }
}

/// The name in "missing field `x`" / "unknown field `x`".
fn quoted_field<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// A JSON value that keeps the order of object keys as written, so that
/// reading a repaired document meets fields in the user's order (a
/// `serde_json::Value` sorts them).
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Leaf(Value),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    fn of(value: Value) -> Tree {
        match value {
            Value::Array(items) => Tree::Array(items.into_iter().map(Tree::of).collect()),
            Value::Object(map) => {
                Tree::Object(map.into_iter().map(|(k, v)| (k, Tree::of(v))).collect())
            }
            leaf => Tree::Leaf(leaf),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Tree;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::from(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::String(v.to_owned())))
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Leaf(Value::Null))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(t) = a.next_element()? {
                    items.push(t);
                }
                Ok(Tree::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut pairs: Vec<(String, Tree)> = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, Tree>()? {
                    pairs.push((k, v));
                }
                Ok(Tree::Object(pairs))
            }
        }
        d.deserialize_any(V)
    }
}

impl serde::Serialize for Tree {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Tree::Leaf(v) => v.serialize(s),
            Tree::Array(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for t in items {
                    q.serialize_element(t)?;
                }
                q.end()
            }
            Tree::Object(pairs) => {
                let mut m = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

impl DocumentReader {
    /// Reads a repaired value as a `T`, with field paths (but no line: the
    /// text is not the user's).
    fn read_value<T: DeserializeOwned>(&self, value: &Tree) -> Result<T, DocumentError> {
        let text =
            serde_json::to_string(value).map_err(|e| DocumentError::json(self.what(), ".", &e))?;
        let de = &mut serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(&mut *de).map_err(|e| {
            let mut err = DocumentError::json(self.what(), &e.path().to_string(), e.inner());
            if let DocumentError::Json { line, column, .. } = &mut err {
                (*line, *column) = (0, 0);
            }
            err
        })
    }

    /// Reads `text` as a `T` like [`DocumentReader::read`], and when the
    /// document has mistakes of shape or value, goes on past each one (the
    /// value replaced by a neutral one) to report them all, up to
    /// [`MAX_REPORTED`].
    ///
    /// ```
    /// use twinning_core::DocumentReader;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Item { count: u32, name: String }
    ///
    /// const ITEMS: DocumentReader = DocumentReader::new("items", 1024);
    /// let bad = r#"[{"count": -1, "name": "a"}, {"count": 2, "name": 3}]"#;
    /// let found = ITEMS.read_all::<Vec<Item>>(bad).err().ok_or("should fail")?;
    /// assert_eq!(found.errors.len(), 2);
    /// let repaired = found.repaired.ok_or("should be repaired")?;
    /// // The values that were right are kept.
    /// assert_eq!((repaired[0].name.as_str(), repaired[1].count), ("a", 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Recovered`] with every mistake found; a document that is too
    /// large, has a byte order mark, another version or broken JSON syntax
    /// gives that one error.
    pub fn read_all<T: DeserializeOwned>(&self, text: &str) -> Result<T, Recovered<T>> {
        let first = match self.read::<T>(text) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let whole = |e: DocumentError| Recovered { errors: vec![e], repaired: None };
        let DocumentError::Json { syntax: false, .. } = &first else {
            return Err(whole(first));
        };
        let Ok(mut value) = serde_json::from_str::<Tree>(text) else {
            return Err(whole(first));
        };
        let mut errors = vec![first];
        while errors.len() < MAX_REPORTED {
            let Some(DocumentError::Json { path, message, .. }) = errors.last() else { break };
            let (path, message) = (path.clone(), message.clone());
            let mut place = steps(&path);
            // A missing field is added at its object; an unknown one removed.
            let missing = quoted_field(&message, "missing field `").map(str::to_owned);
            if let Some(field) = &missing {
                place.push(Step::Key(field.clone()));
            }
            let unknown = quoted_field(&message, "unknown field `").map(str::to_owned);
            if let Some(field) =
                unknown.as_ref().filter(|f| place.last() != Some(&Step::Key((*f).clone())))
            {
                place.push(Step::Key(field.clone()));
            }
            let mut next: Option<(Tree, Result<T, DocumentError>)> = None;
            let tries: Vec<Option<Value>> = if unknown.is_some() {
                vec![None]
            } else {
                candidates().into_iter().map(Some).collect()
            };
            for candidate in tries {
                let mut trial = value.clone();
                let applied = match (&candidate, place.split_last()) {
                    (None, Some((Step::Key(k), parent))) => object(slot(&mut trial, parent))
                        .map(|o| o.retain(|(key, _)| key != k))
                        .is_some(),
                    (Some(c), Some((Step::Key(k), parent))) if missing.is_some() => {
                        object(slot(&mut trial, parent))
                            .map(|o| o.push((k.clone(), Tree::of(c.clone()))))
                            .is_some()
                    }
                    (Some(c), _) => {
                        slot(&mut trial, &place).map(|v| *v = Tree::of(c.clone())).is_some()
                    }
                    _ => false,
                };
                if !applied {
                    continue;
                }
                let read = self.read_value::<T>(&trial);
                let moved_on = match &read {
                    Ok(_) => true,
                    Err(DocumentError::Json { path: p, message: m, .. }) => {
                        // Past the place: elsewhere (not inside the value
                        // just put there), or here about another field.
                        let put = match &missing {
                            Some(f) if path == "." => f.clone(),
                            Some(f) => format!("{path}.{f}"),
                            None => path.clone(),
                        };
                        let inside = p == &put
                            || p.strip_prefix(put.as_str())
                                .is_some_and(|rest| rest.starts_with(['.', '[']));
                        (p != &path || (missing.is_some() && m != &message)) && !inside
                    }
                    Err(_) => false,
                };
                if moved_on {
                    next = Some((trial, read));
                    break;
                }
            }
            let Some((trial, read)) = next else {
                return Err(Recovered { errors, repaired: None });
            };
            value = trial;
            match read {
                Ok(repaired) => {
                    return Err(Recovered { errors, repaired: Some(Box::new(repaired)) });
                }
                Err(e) => errors.push(e),
            }
        }
        Err(Recovered { errors, repaired: None })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Plan {
        actions: Vec<Action>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Action {
        title: String,
        days: u32,
        done: bool,
    }

    const PLANS: DocumentReader = DocumentReader::new("plan", 4096);

    #[test]
    fn every_mistake_is_reported_with_its_path() {
        let text = r#"{"actions": [
            {"title": "a", "days": -1, "done": "yes"},
            {"title": 5, "done": false, "colour": "red"}
        ]}"#;
        let found = PLANS.read_all::<Plan>(text).unwrap_err();
        let paths: Vec<String> = found
            .errors
            .iter()
            .map(|e| match e {
                DocumentError::Json { path, .. } => path.clone(),
                _ => String::new(),
            })
            .collect();
        // In the order they are written.
        assert_eq!(
            paths,
            [
                "actions[0].days",
                "actions[0].done",
                "actions[1].title",
                "actions[1].colour",
                "actions[1]"
            ]
        );
        assert!(found.repaired.is_some());
    }

    #[test]
    fn paths_split_into_steps() {
        assert_eq!(
            steps("a.b[2].c"),
            [Step::Key("a".into()), Step::Key("b".into()), Step::Index(2), Step::Key("c".into())]
        );
        assert_eq!(steps("."), []);
    }
}
