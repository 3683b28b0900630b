//! Reading a document into an [`Instance`]: sizes, ids, capacities, the
//! pair lists (`scores`, `forbidden`, `required`) and the required pairs'
//! feasibility.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::read::{TierRef, index_ids, read_lists};
use super::{INSTANCE_VERSION, Instance, InstanceSpec, Limits, PairSpec, ScoreSpec};
use crate::error::{Error, Side};

/// What validation reads from a document, whichever type holds it: the
/// document types ([`InstanceSpec`]) or the stream reader's interned lists
/// (`lean.rs`). One validation, so both give the same instance and the same
/// errors.
pub(super) trait Document {
    fn version(&self) -> u32;
    fn seeker_count(&self) -> usize;
    fn host_count(&self) -> usize;
    fn seeker_id(&self, i: usize) -> &str;
    fn host_id(&self, j: usize) -> &str;
    fn capacity(&self, j: usize) -> i64;
    fn seeker_list(&self, i: usize) -> Vec<TierRef<'_>>;
    fn host_list(&self, j: usize) -> Vec<TierRef<'_>>;
    fn scores(&self) -> &[ScoreSpec];
    fn forbidden(&self) -> &[PairSpec];
    fn required(&self) -> &[PairSpec];
    fn max_hosts(&self) -> Option<u32>;
    /// The number of list entries of one side (a capacity hint).
    fn entries(&self, side: Side) -> usize;
    /// Validation has read every list of `side` (and reads none again): a
    /// document may free them.
    fn lists_read(&self, _side: Side) {}
}

impl Document for InstanceSpec {
    fn version(&self) -> u32 {
        self.version
    }
    fn seeker_count(&self) -> usize {
        self.seekers.len()
    }
    fn host_count(&self) -> usize {
        self.hosts.len()
    }
    fn seeker_id(&self, i: usize) -> &str {
        self.seekers.get(i).map_or("", |s| s.id.as_str())
    }
    fn host_id(&self, j: usize) -> &str {
        self.hosts.get(j).map_or("", |h| h.id.as_str())
    }
    fn capacity(&self, j: usize) -> i64 {
        self.hosts.get(j).map_or(0, |h| h.capacity)
    }
    fn seeker_list(&self, i: usize) -> Vec<TierRef<'_>> {
        self.seekers
            .get(i)
            .map_or_else(Vec::new, |s| s.preferences.iter().map(TierRef::from).collect())
    }
    fn host_list(&self, j: usize) -> Vec<TierRef<'_>> {
        self.hosts
            .get(j)
            .map_or_else(Vec::new, |h| h.preferences.iter().map(TierRef::from).collect())
    }
    fn scores(&self) -> &[ScoreSpec] {
        &self.scores
    }
    fn forbidden(&self) -> &[PairSpec] {
        &self.forbidden
    }
    fn required(&self) -> &[PairSpec] {
        &self.required
    }
    fn max_hosts(&self) -> Option<u32> {
        self.max_hosts
    }
    fn entries(&self, side: Side) -> usize {
        let len = |p: &super::Preference| match p {
            super::Preference::One(_) => 1,
            super::Preference::Tie(v) => v.len(),
        };
        match side {
            Side::Seeker => self.seekers.iter().flat_map(|s| &s.preferences).map(len).sum(),
            Side::Host => self.hosts.iter().flat_map(|h| &h.preferences).map(len).sum(),
        }
    }
}

impl Instance {
    /// Validates a document and builds the instance.
    ///
    /// # Errors
    ///
    /// A typed [`Error`] naming the agent and position: [`Error::UnsupportedVersion`],
    /// [`Error::LimitExceeded`], [`Error::ZeroBudget`], [`Error::EmptyId`], [`Error::HiddenId`], [`Error::DuplicateId`],
    /// [`Error::UnknownId`], [`Error::ListedTwice`], [`Error::EmptyTie`],
    /// [`Error::NegativeCapacity`], [`Error::UnknownPairId`], [`Error::DuplicatePair`],
    /// [`Error::ForbiddenAndRequired`], [`Error::RequiredNotAcceptable`] or
    /// [`Error::RequiredConflict`].
    pub fn new(spec: &InstanceSpec, limits: &Limits) -> Result<Self, Error> {
        Self::from_document(spec, limits)
    }

    /// [`Instance::new`] for any [`Document`].
    pub(super) fn from_document(spec: &impl Document, limits: &Limits) -> Result<Self, Error> {
        if spec.version() != INSTANCE_VERSION {
            return Err(Error::UnsupportedVersion {
                found: spec.version(),
                supported: INSTANCE_VERSION,
            });
        }
        if spec.seeker_count() > limits.max_seekers {
            return Err(Error::limit("number of seekers", spec.seeker_count(), limits.max_seekers));
        }
        if spec.host_count() > limits.max_hosts {
            return Err(Error::limit("number of hosts", spec.host_count(), limits.max_hosts));
        }
        for (list, n) in [
            ("scores", spec.scores().len()),
            ("forbidden", spec.forbidden().len()),
            ("required", spec.required().len()),
        ] {
            if n > limits.max_pairs {
                return Err(Error::limit(format!("number of {list} entries"), n, limits.max_pairs));
            }
        }
        if spec.max_hosts() == Some(0) {
            return Err(Error::ZeroBudget);
        }
        let seeker_map =
            index_ids(Side::Seeker, (0..spec.seeker_count()).map(|i| spec.seeker_id(i)), limits)?;
        let host_map =
            index_ids(Side::Host, (0..spec.host_count()).map(|j| spec.host_id(j)), limits)?;
        let mut capacities = Vec::with_capacity(spec.host_count());
        for index in 0..spec.host_count() {
            let (id, capacity) = (spec.host_id(index), spec.capacity(index));
            if capacity < 0 {
                return Err(Error::NegativeCapacity { host: id.to_owned(), index, capacity });
            }
            // Compared as written: a capacity past u32 is named as it is.
            if capacity > i64::from(limits.max_capacity) {
                return Err(Error::limit(
                    format!("capacity of host {id:?}"),
                    usize::try_from(capacity).unwrap_or(usize::MAX),
                    limits.max_capacity as usize,
                ));
            }
            let cap = u32::try_from(capacity).unwrap_or(u32::MAX);
            capacities.push(cap);
        }
        let mut entries = 0usize;
        let raw_seekers = read_lists(
            Side::Seeker,
            (0..spec.seeker_count()).map(|i| (spec.seeker_id(i), spec.seeker_list(i))),
            &host_map,
            spec.host_count(),
            limits,
            &mut entries,
            spec.entries(Side::Seeker).min(limits.max_entries),
        )?;
        spec.lists_read(Side::Seeker);
        let raw_hosts = read_lists(
            Side::Host,
            (0..spec.host_count()).map(|j| (spec.host_id(j), spec.host_list(j))),
            &seeker_map,
            spec.seeker_count(),
            limits,
            &mut entries,
            spec.entries(Side::Host).min(limits.max_entries),
        )?;
        spec.lists_read(Side::Host);

        let pair = |list: &str, index: usize, p: (&str, &str)| -> Result<(u32, u32), Error> {
            let i = seeker_map.get(p.0).copied().ok_or_else(|| Error::UnknownPairId {
                field: format!("{list}[{index}].seeker"),
                side: Side::Seeker,
                id: p.0.to_owned(),
            })?;
            let j = host_map.get(p.1).copied().ok_or_else(|| Error::UnknownPairId {
                field: format!("{list}[{index}].host"),
                side: Side::Host,
                id: p.1.to_owned(),
            })?;
            Ok((i, j))
        };
        let dup = |list: &'static str, first: usize, index: usize, p: (&str, &str)| {
            Error::DuplicatePair {
                field: format!("{list}[{index}]"),
                list,
                first,
                seeker: p.0.to_owned(),
                host: p.1.to_owned(),
            }
        };
        let mut score_map: BTreeMap<(u32, u32), (usize, Decimal)> = BTreeMap::new();
        for (index, s) in spec.scores().iter().enumerate() {
            let key = pair("scores", index, (&s.seeker, &s.host))?;
            if let Some(&(first, _)) = score_map.get(&key) {
                return Err(dup("scores", first, index, (&s.seeker, &s.host)));
            }
            score_map.insert(key, (index, s.score));
        }
        let mut forbidden_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.forbidden().iter().enumerate() {
            let key = pair("forbidden", index, (&p.seeker, &p.host))?;
            if let Some(&first) = forbidden_at.get(&key) {
                return Err(dup("forbidden", first, index, (&p.seeker, &p.host)));
            }
            forbidden_at.insert(key, index);
        }
        let mut required = Vec::with_capacity(spec.required().len());
        let mut required_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.required().iter().enumerate() {
            let key = pair("required", index, (&p.seeker, &p.host))?;
            if let Some(&first) = required_at.get(&key) {
                return Err(dup("required", first, index, (&p.seeker, &p.host)));
            }
            if let Some(&f) = forbidden_at.get(&key) {
                return Err(Error::ForbiddenAndRequired {
                    seeker: p.seeker.clone(),
                    host: p.host.clone(),
                    forbidden: f,
                    required: index,
                });
            }
            required_at.insert(key, index);
            required.push(key);
        }
        let forbidden: BTreeSet<(u32, u32)> = forbidden_at.into_keys().collect();
        let scores: Vec<(u32, u32, Decimal)> =
            score_map.into_iter().map(|((i, j), (_, d))| (i, j, d)).collect();

        let mut instance = Self::assemble(
            (0..spec.seeker_count()).map(|i| spec.seeker_id(i).to_owned()).collect(),
            (0..spec.host_count()).map(|j| spec.host_id(j).to_owned()).collect(),
            capacities,
            raw_seekers,
            raw_hosts,
            scores,
            forbidden,
            spec.max_hosts(),
            true,
        );
        instance.check_required(&required, |index| {
            spec.required()
                .get(index)
                .map(|p| (p.seeker.clone(), p.host.clone()))
                .unwrap_or_default()
        })?;
        instance.required = required;
        Ok(instance)
    }

    /// Parses and validates a JSON instance document.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when the text is longer than
    /// `limits.max_input_bytes`, [`Error::Json`] (with line and column) when it
    /// is not a well-formed document, and every error of [`Instance::new`].
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self, Error> {
        let spec: InstanceSpec =
            crate::error::read_json(text, limits, "instance json length in bytes", |f| {
                Error::Json { path: f.path, line: f.line, column: f.column, message: f.message }
            })?;
        Self::new(&spec, limits)
    }

    pub(super) fn check_required(
        &self,
        required: &[(u32, u32)],
        names: impl Fn(usize) -> (String, String),
    ) -> Result<(), Error> {
        let mut seeker_taken: BTreeSet<u32> = BTreeSet::new();
        let mut host_load: BTreeMap<u32, u32> = BTreeMap::new();
        for (index, &(i, j)) in required.iter().enumerate() {
            if self.linked().seekers.find(i as usize, j).is_none() {
                let (seeker, host) = names(index);
                let seeker_lists = self.raw_lists(Side::Seeker, i as usize, j);
                let reason = if seeker_lists {
                    "the host does not list the seeker"
                } else {
                    "the seeker does not list the host"
                };
                return Err(Error::RequiredNotAcceptable { index, seeker, host, reason });
            }
            if !seeker_taken.insert(i) {
                let (seeker, host) = names(index);
                return Err(Error::RequiredConflict {
                    index,
                    seeker,
                    host,
                    reason: "the seeker is already required with another host",
                });
            }
            let load = host_load.entry(j).or_insert(0);
            *load += 1;
            if *load > self.capacity(j as usize) {
                let (seeker, host) = names(index);
                return Err(Error::RequiredConflict {
                    index,
                    seeker,
                    host,
                    reason: "the host has more required seekers than capacity",
                });
            }
        }
        Ok(())
    }

    fn raw_lists(&self, side: Side, a: usize, b: u32) -> bool {
        let raw = match side {
            Side::Seeker => &self.raw_seekers,
            Side::Host => &self.raw_hosts,
        };
        let s = raw.start.get(a).copied().unwrap_or(0) as usize;
        let e = raw.start.get(a + 1).copied().unwrap_or(0) as usize;
        raw.partner.get(s..e).is_some_and(|p| p.contains(&b))
    }
}
