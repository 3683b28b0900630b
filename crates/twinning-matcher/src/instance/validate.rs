//! Reading a document into an [`Instance`]: sizes, ids, capacities, the
//! pair lists (`scores`, `forbidden`, `required`) and the required pairs'
//! feasibility.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::read::{index_ids, read_lists};
use super::{INSTANCE_VERSION, Instance, InstanceSpec, Limits};
use crate::error::{Error, Side};

impl Instance {
    /// Validates a document and builds the instance.
    ///
    /// # Errors
    ///
    /// A typed [`Error`] naming the agent and position: [`Error::UnsupportedVersion`],
    /// [`Error::LimitExceeded`], [`Error::EmptyId`], [`Error::DuplicateId`],
    /// [`Error::UnknownId`], [`Error::ListedTwice`], [`Error::EmptyTie`],
    /// [`Error::NegativeCapacity`], [`Error::UnknownPairId`], [`Error::DuplicatePair`],
    /// [`Error::ForbiddenAndRequired`], [`Error::RequiredNotAcceptable`] or
    /// [`Error::RequiredConflict`].
    pub fn new(spec: &InstanceSpec, limits: &Limits) -> Result<Self, Error> {
        if spec.version != INSTANCE_VERSION {
            return Err(Error::UnsupportedVersion {
                found: spec.version,
                supported: INSTANCE_VERSION,
            });
        }
        if spec.seekers.len() > limits.max_seekers {
            return Err(Error::limit("number of seekers", spec.seekers.len(), limits.max_seekers));
        }
        if spec.hosts.len() > limits.max_hosts {
            return Err(Error::limit("number of hosts", spec.hosts.len(), limits.max_hosts));
        }
        for (list, n) in [
            ("scores", spec.scores.len()),
            ("forbidden", spec.forbidden.len()),
            ("required", spec.required.len()),
        ] {
            if n > limits.max_pairs {
                return Err(Error::limit(format!("number of {list} entries"), n, limits.max_pairs));
            }
        }
        let seeker_map =
            index_ids(Side::Seeker, spec.seekers.iter().map(|s| s.id.as_str()), limits)?;
        let host_map = index_ids(Side::Host, spec.hosts.iter().map(|h| h.id.as_str()), limits)?;
        let mut capacities = Vec::with_capacity(spec.hosts.len());
        for (index, h) in spec.hosts.iter().enumerate() {
            if h.capacity < 0 {
                return Err(Error::NegativeCapacity {
                    host: h.id.clone(),
                    index,
                    capacity: h.capacity,
                });
            }
            let cap = u32::try_from(h.capacity).unwrap_or(u32::MAX);
            if cap > limits.max_capacity {
                return Err(Error::limit(
                    format!("capacity of host {:?}", h.id),
                    cap as usize,
                    limits.max_capacity as usize,
                ));
            }
            capacities.push(cap);
        }
        let mut entries = 0usize;
        let raw_seekers = read_lists(
            Side::Seeker,
            spec.seekers.iter().map(|s| (s.id.as_str(), s.preferences.as_slice())),
            &host_map,
            spec.hosts.len(),
            limits,
            &mut entries,
        )?;
        let raw_hosts = read_lists(
            Side::Host,
            spec.hosts.iter().map(|h| (h.id.as_str(), h.preferences.as_slice())),
            &seeker_map,
            spec.seekers.len(),
            limits,
            &mut entries,
        )?;

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
        for (index, s) in spec.scores.iter().enumerate() {
            let key = pair("scores", index, (&s.seeker, &s.host))?;
            if let Some(&(first, _)) = score_map.get(&key) {
                return Err(dup("scores", first, index, (&s.seeker, &s.host)));
            }
            score_map.insert(key, (index, s.score));
        }
        let mut forbidden_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.forbidden.iter().enumerate() {
            let key = pair("forbidden", index, (&p.seeker, &p.host))?;
            if let Some(&first) = forbidden_at.get(&key) {
                return Err(dup("forbidden", first, index, (&p.seeker, &p.host)));
            }
            forbidden_at.insert(key, index);
        }
        let mut required = Vec::with_capacity(spec.required.len());
        let mut required_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.required.iter().enumerate() {
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
            spec.seekers.iter().map(|s| s.id.clone()).collect(),
            spec.hosts.iter().map(|h| h.id.clone()).collect(),
            capacities,
            raw_seekers,
            raw_hosts,
            scores,
            forbidden,
            spec.max_hosts,
            true,
        );
        instance.check_required(&required, |index| {
            spec.required.get(index).map(|p| (p.seeker.clone(), p.host.clone())).unwrap_or_default()
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
