//! Reading an instance document from a byte stream in little memory:
//! [`Instance::from_reader`].
//!
//! The document types hold every id of every preference list as its own
//! `String` (about 60 bytes a list entry); a large complete instance then
//! needs gigabytes before validation starts. This reader interns each id the
//! first time it appears and keeps a list entry as one `u32` (plus a tier
//! start for lists with ties), then validates through the same code as
//! [`Instance::new`] (`validate.rs`'s `Document`), so both give the same
//! instance and the same errors for every document they both read.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

use serde::Deserialize;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};

use super::read::TierRef;
use super::validate::Document;
use super::{INSTANCE_VERSION, Instance, Limits, PairSpec, ScoreSpec};
use crate::error::{Error, Side};

thread_local! {
    /// The ids seen by the reader running on this thread.
    static NAMES: RefCell<Interner> = RefCell::new(Interner::default());
    /// Every list entry read so far, as interned ids, lists one after the
    /// other: one large buffer per side (seekers' lists, hosts' lists),
    /// returned to the system whole once its side's rows are built, rather
    /// than one small allocation per list.
    static ENTRIES: RefCell<[Vec<u32>; 2]> = const { RefCell::new([Vec::new(), Vec::new()]) };
}

/// The buffer of the seekers' lists in [`ENTRIES`] (`S` of a [`List`]).
const SEEKERS: usize = 0;
/// The buffer of the hosts' lists in [`ENTRIES`].
const HOSTS: usize = 1;

fn entries_len<const S: usize>() -> usize {
    ENTRIES.with(|e| e.borrow().get(S).map_or(0, Vec::len))
}

fn push_entry<const S: usize>(k: u32) {
    ENTRIES.with(|e| {
        if let Some(buffer) = e.borrow_mut().get_mut(S) {
            buffer.push(k);
        }
    });
}

#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.index.get(name) {
            return k;
        }
        let k = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.index.insert(name.to_owned(), k);
        self.names.push(name.to_owned());
        k
    }
}

fn intern(name: &str) -> u32 {
    NAMES.with(|n| n.borrow_mut().intern(name))
}

/// Bit marking a tier written as a nested list (a tie).
const TIE: u32 = 1 << 31;

/// One preference list: its interned ids `entries[from..to]` in order (in
/// buffer `S` of [`ENTRIES`]), and, once a tie is seen, the start of every
/// tier relative to `from` (with [`TIE`] set for tiers written as lists).
#[derive(Debug, Default)]
struct List<const S: usize> {
    from: usize,
    to: usize,
    tiers: Option<Vec<u32>>,
}

impl<const S: usize> List<S> {
    fn len(&self) -> usize {
        self.to.saturating_sub(self.from)
    }

    fn tiers<'a>(&self, names: &'a [String], entries: &[u32]) -> Vec<TierRef<'a>> {
        let name = |k: &u32| names.get(*k as usize).map_or("", String::as_str);
        let ids = entries.get(self.from..self.to).unwrap_or(&[]);
        let Some(tiers) = &self.tiers else {
            return ids.iter().map(|k| TierRef::One(name(k))).collect();
        };
        let mut out = Vec::with_capacity(tiers.len());
        for (t, &start) in tiers.iter().enumerate() {
            let from = (start & !TIE) as usize;
            let to = tiers.get(t + 1).map_or(ids.len(), |&s| (s & !TIE) as usize);
            let tier = ids.get(from..to).unwrap_or(&[]);
            if start & TIE == 0 {
                out.extend(tier.iter().map(|k| TierRef::One(name(k))));
            } else {
                out.push(TierRef::Tie(tier.iter().map(name).collect()));
            }
        }
        out
    }
}

impl<'de, const S: usize> Deserialize<'de> for List<S> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<const S: usize>;
        impl<'de, const S: usize> Visitor<'de> for ListVisitor<S> {
            type Value = List<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of ids, where a nested list of ids is a tie")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<S>, A::Error> {
                let from = entries_len::<S>();
                let mut list = List { from, to: from, tiers: None };
                while seq.next_element_seed(Tier(&mut list))?.is_some() {}
                list.to = entries_len::<S>();
                Ok(list)
            }
        }
        d.deserialize_seq(ListVisitor::<S>)
    }
}

/// One element of a list: an id, or a nested list of ids (a tie).
struct Tier<'a, const S: usize>(&'a mut List<S>);

impl<'de, const S: usize> DeserializeSeed<'de> for Tier<'_, S> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, const S: usize> Visitor<'de> for Tier<'_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id or a nested list of ids (a tie)")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        let list = self.0;
        let at = entries_len::<S>().saturating_sub(list.from);
        if let Some(t) = &mut list.tiers {
            t.push(u32::try_from(at).unwrap_or(0));
        }
        push_entry::<S>(intern(v));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let list = self.0;
        let start = u32::try_from(entries_len::<S>().saturating_sub(list.from)).unwrap_or(0);
        let tiers = list.tiers.get_or_insert_with(|| (0..start).collect());
        tiers.push(start | TIE);
        while let Some(name) = seq.next_element::<Name>()? {
            push_entry::<S>(name.0);
        }
        Ok(())
    }
}

/// An interned id inside a tie.
struct Name(u32);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name(intern(v)))
            }
        }
        d.deserialize_str(NameVisitor)
    }
}

fn default_version() -> u32 {
    INSTANCE_VERSION
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeanSeeker {
    id: String,
    #[serde(default)]
    preferences: List<SEEKERS>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeanHost {
    id: String,
    capacity: i64,
    #[serde(default)]
    preferences: List<HOSTS>,
}

/// The instance document with interned lists (same fields and defaults as
/// [`InstanceSpec`](super::InstanceSpec)).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeanSpec {
    #[serde(default = "default_version")]
    version: u32,
    seekers: Vec<LeanSeeker>,
    hosts: Vec<LeanHost>,
    #[serde(default)]
    scores: Vec<ScoreSpec>,
    #[serde(default)]
    forbidden: Vec<PairSpec>,
    #[serde(default)]
    required: Vec<PairSpec>,
    #[serde(default)]
    max_hosts: Option<u32>,
}

/// A [`LeanSpec`] with the names its lists refer to and the two buffers of
/// list entries (seekers', hosts'), each dropped once validation has read
/// its side ([`Document::lists_read`]).
struct Lean {
    spec: LeanSpec,
    names: Vec<String>,
    entries: RefCell<[Vec<u32>; 2]>,
}

impl Lean {
    /// One side's buffer of entries, read through `f`.
    fn with_entries<T>(&self, side: usize, f: impl FnOnce(&[u32]) -> T) -> T {
        f(self.entries.borrow().get(side).map_or(&[], Vec::as_slice))
    }
}

impl Document for Lean {
    fn version(&self) -> u32 {
        self.spec.version
    }
    fn seeker_count(&self) -> usize {
        self.spec.seekers.len()
    }
    fn host_count(&self) -> usize {
        self.spec.hosts.len()
    }
    fn seeker_id(&self, i: usize) -> &str {
        self.spec.seekers.get(i).map_or("", |s| s.id.as_str())
    }
    fn host_id(&self, j: usize) -> &str {
        self.spec.hosts.get(j).map_or("", |h| h.id.as_str())
    }
    fn capacity(&self, j: usize) -> i64 {
        self.spec.hosts.get(j).map_or(0, |h| h.capacity)
    }
    fn seeker_list(&self, i: usize) -> Vec<TierRef<'_>> {
        self.spec.seekers.get(i).map_or_else(Vec::new, |s| {
            self.with_entries(SEEKERS, |e| s.preferences.tiers(&self.names, e))
        })
    }
    fn host_list(&self, j: usize) -> Vec<TierRef<'_>> {
        self.spec.hosts.get(j).map_or_else(Vec::new, |h| {
            self.with_entries(HOSTS, |e| h.preferences.tiers(&self.names, e))
        })
    }
    fn lists_read(&self, side: Side) {
        let k = if side == Side::Seeker { SEEKERS } else { HOSTS };
        if let Some(buffer) = self.entries.borrow_mut().get_mut(k) {
            *buffer = Vec::new();
        }
    }
    fn scores(&self) -> &[ScoreSpec] {
        &self.spec.scores
    }
    fn forbidden(&self) -> &[PairSpec] {
        &self.spec.forbidden
    }
    fn required(&self) -> &[PairSpec] {
        &self.spec.required
    }
    fn max_hosts(&self) -> Option<u32> {
        self.spec.max_hosts
    }
    fn entries(&self, side: Side) -> usize {
        match side {
            Side::Seeker => self.spec.seekers.iter().map(|s| s.preferences.len()).sum(),
            Side::Host => self.spec.hosts.iter().map(|h| h.preferences.len()).sum(),
        }
    }
}

/// A reader that fails once more than `left` bytes have been read, so that
/// an oversized stream is refused without being read whole.
pub(crate) struct Bounded<R> {
    pub(crate) inner: R,
    pub(crate) left: usize,
    pub(crate) read: usize,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n);
        if self.read > self.left {
            return Err(std::io::Error::other("input larger than the limit"));
        }
        Ok(n)
    }
}

impl Instance {
    /// Reads and validates a JSON instance document from a byte stream, in
    /// little memory: ids in preference lists are interned as they are read,
    /// so a list entry costs 4 bytes instead of a string (the text is never
    /// held whole). The same document gives the same instance as
    /// [`Instance::from_json`].
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when the stream is longer than
    /// `limits.max_input_bytes`, [`Error::Json`] (with line and column) when
    /// it is not a well-formed document (or cannot be read), and every error
    /// of [`Instance::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinning_matcher::{Instance, Limits};
    ///
    /// let text = r#"{"seekers":[{"id":"s1","preferences":["h1"]}],
    ///                "hosts":[{"id":"h1","capacity":1,"preferences":["s1"]}]}"#;
    /// let streamed = Instance::from_reader(text.as_bytes(), &Limits::default())?;
    /// assert_eq!(streamed, Instance::from_json(text, &Limits::default())?);
    /// # Ok::<(), twinning_matcher::Error>(())
    /// ```
    pub fn from_reader(reader: impl Read, limits: &Limits) -> Result<Self, Error> {
        let mut reader =
            BufReader::new(Bounded { inner: reader, left: limits.max_input_bytes, read: 0 });
        let starts_with_bom = reader.fill_buf().is_ok_and(|b| b.starts_with("\u{feff}".as_bytes()));
        if starts_with_bom {
            return Err(Error::Json {
                path: ".".to_owned(),
                line: 1,
                column: 1,
                message: crate::error::BOM_MESSAGE.to_owned(),
            });
        }
        if let Some(f) = reader.fill_buf().ok().and_then(crate::error::list_fault) {
            return Err(Error::Json {
                path: f.path,
                line: f.line,
                column: f.column,
                message: f.message,
            });
        }
        let reset = || {
            NAMES.with(|n| *n.borrow_mut() = Interner::default());
            ENTRIES.with(|e| std::mem::take(&mut *e.borrow_mut()))
        };
        let _ = reset();
        let parsed = read_lean(&mut reader);
        let names = NAMES.with(|n| std::mem::take(&mut n.borrow_mut().names));
        let mut entries = reset();
        // The buffers grew by doubling: give the spare capacity back before
        // the rows are built beside them.
        for buffer in &mut entries {
            buffer.shrink_to_fit();
        }
        let read = reader.get_ref().read;
        if read > limits.max_input_bytes {
            return Err(Error::limit(
                "instance json length in bytes",
                read,
                limits.max_input_bytes,
            ));
        }
        let spec = parsed?;
        Self::from_document(&Lean { spec, names, entries: RefCell::new(entries) }, limits)
    }
}

fn read_lean<R: Read>(reader: R) -> Result<LeanSpec, Error> {
    let fault = |path: String, e: &serde_json::Error| {
        let f = crate::error::JsonFault::new(path, e);
        Error::Json { path: f.path, line: f.line, column: f.column, message: f.message }
    };
    let de = &mut serde_json::Deserializer::from_reader(reader);
    let value: LeanSpec = serde_path_to_error::deserialize(&mut *de)
        .map_err(|e| fault(e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| fault(".".to_owned(), &e))?;
    Ok(value)
}
