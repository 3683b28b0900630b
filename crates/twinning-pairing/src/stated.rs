//! Learners' own rankings: a learner (a seeker of the instance) may reorder
//! or shorten the hosts the suggestions proposed, and that ranking replaces
//! the suggested one before matching. The hosts' side is left as suggested.

use std::collections::BTreeSet;

use twinning_matcher::{InstanceSpec, Preference};

use crate::Error;

/// The most hosts one learner may rank.
pub const MAX_STATED_HOSTS: usize = 100;

/// One learner's ranking of hosts, best first, as the learner stated it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stated {
    /// The learner: a seeker id of the instance.
    pub seeker: String,
    /// Acceptable hosts, best first (host ids of the instance); a host left
    /// out is not acceptable.
    pub hosts: Vec<String>,
}

impl Stated {
    /// Checks the ranking on its own: visible ids, at least one host and at
    /// most [`MAX_STATED_HOSTS`], no host twice.
    ///
    /// # Errors
    ///
    /// [`Error::Stated`] naming the learner and the host at fault.
    pub fn check(&self) -> Result<(), Error> {
        let fail = |message: String| Error::Stated { seeker: self.seeker.clone(), message };
        twinning_core::visible_id(&self.seeker)
            .map_err(|e| fail(format!("the learner's id: {e}")))?;
        if self.hosts.is_empty() {
            return Err(fail("no host: rank at least one".to_owned()));
        }
        if self.hosts.len() > MAX_STATED_HOSTS {
            return Err(fail(format!(
                "{} hosts: rank at most {MAX_STATED_HOSTS}",
                self.hosts.len()
            )));
        }
        let mut seen = BTreeSet::new();
        for (i, host) in self.hosts.iter().enumerate() {
            twinning_core::visible_id(host)
                .map_err(|e| fail(format!("host {} ({host:?}): {e}", i.saturating_add(1))))?;
            if host == &self.seeker {
                return Err(fail(format!(
                    "host {}: a city cannot host itself",
                    i.saturating_add(1)
                )));
            }
            if !seen.insert(host.as_str()) {
                return Err(fail(format!("{host:?} is ranked twice")));
            }
        }
        Ok(())
    }
}

/// `spec` with each stated ranking in place of the learner's suggested
/// list; the other learners, the hosts' lists, scores, forbidden and
/// required pairs and the budget are unchanged.
///
/// # Errors
///
/// [`Error::Stated`] when a ranking fails [`Stated::check`], names a learner
/// the instance does not have, names a host it does not have, or when one
/// learner has two rankings.
pub fn apply_stated(spec: &InstanceSpec, stated: &[Stated]) -> Result<InstanceSpec, Error> {
    let hosts: BTreeSet<&str> = spec.hosts.iter().map(|h| h.id.as_str()).collect();
    let mut out = spec.clone();
    let mut done = BTreeSet::new();
    for s in stated {
        s.check()?;
        let fail = |message: String| Error::Stated { seeker: s.seeker.clone(), message };
        if !done.insert(s.seeker.as_str()) {
            return Err(fail("two rankings for one learner".to_owned()));
        }
        if let Some(unknown) = s.hosts.iter().find(|h| !hosts.contains(h.as_str())) {
            return Err(fail(format!("{unknown:?} is not a host of this instance")));
        }
        let Some(seeker) = out.seekers.iter_mut().find(|k| k.id == s.seeker) else {
            return Err(fail("not a learner (seeker) of this instance".to_owned()));
        };
        seeker.preferences = s.hosts.iter().map(|h| Preference::One(h.clone())).collect();
    }
    Ok(out)
}
