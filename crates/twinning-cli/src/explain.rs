//! Why each seeker got the host it got: for every host it ranked higher
//! (among the mutually acceptable ones), the reason it did not get it. Computed from the instance and the result
//! alone, so it explains any result document.

use serde::Serialize;
use twinning_matcher::{Instance, Matching};

/// Why a seeker did not get a host it ranked above its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub(crate) enum Why {
    /// The host was not among the hosts selected under the budget.
    NotSelected {
        /// The host.
        host: String,
    },
    /// The host is full with seekers it ranks at least as high.
    Full {
        /// The host.
        host: String,
        /// The seekers it holds, each ranked at least as high as this one.
        holders: Vec<String>,
    },
    /// Anything else (the result is not stable for this pair).
    Other {
        /// The host.
        host: String,
        /// What was found.
        detail: String,
    },
}

/// The explanation for one seeker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Explanation {
    /// The seeker.
    pub(crate) seeker: String,
    /// Its host, if matched.
    pub(crate) host: Option<String>,
    /// Its rank of that host (1 = first choice).
    pub(crate) rank: Option<u32>,
    /// For each host it ranked higher (all hosts it ranks, when unmatched).
    pub(crate) better_hosts: Vec<Why>,
}

/// Explains every seeker of `m`, in instance order.
pub(crate) fn explain(instance: &Instance, m: &Matching) -> Vec<Explanation> {
    let mut out = Vec::new();
    let holders_of = |j: usize| -> Vec<usize> {
        let id = instance.host_id(j).unwrap_or_default();
        m.pairs
            .iter()
            .filter(|p| p.host == id)
            .filter_map(|p| instance.seeker_index(&p.seeker))
            .collect()
    };
    for i in 0..instance.seeker_count() {
        let seeker = instance.seeker_id(i).unwrap_or_default().to_owned();
        let host = m.host_of(&seeker).map(str::to_owned);
        let own = host.as_deref().and_then(|h| instance.host_index(h));
        let own_rank = own.and_then(|j| instance.seeker_rank(i, j));
        let mut better = Vec::new();
        for (j, r) in instance.seeker_preferences(i) {
            if own_rank.is_some_and(|own| r >= own) {
                continue;
            }
            let host_id = instance.host_id(j).unwrap_or_default().to_owned();
            let selected = m.selected_hosts.as_ref().is_none_or(|s| s.contains(&host_id));
            if !selected {
                better.push(Why::NotSelected { host: host_id });
                continue;
            }
            // Hosts listed here find the seeker acceptable (mutual lists only).
            let my_rank = instance.host_rank(j, i).unwrap_or(u32::MAX);
            let holders = holders_of(j);
            let full = holders.len() >= instance.capacity(j) as usize;
            let all_preferred =
                holders.iter().all(|&h| instance.host_rank(j, h).is_some_and(|hr| hr <= my_rank));
            if full && all_preferred {
                let mut names: Vec<String> = holders
                    .iter()
                    .filter_map(|&h| instance.seeker_id(h).map(str::to_owned))
                    .collect();
                names.sort();
                better.push(Why::Full { host: host_id, holders: names });
            } else {
                let detail = if full {
                    "full, holding a seeker it ranks lower".to_owned()
                } else {
                    "has a free seat".to_owned()
                };
                better.push(Why::Other { host: host_id, detail });
            }
        }
        out.push(Explanation { seeker, host, rank: own_rank.map(|r| r + 1), better_hosts: better });
    }
    out
}

/// One sentence per reason, naming names through `name`; `seekers` is the
/// word for the seeking side ("seekers", "Mission Cities").
pub(crate) fn sentence(why: &Why, name: &dyn Fn(&str) -> String, seekers: &str) -> String {
    match why {
        Why::NotSelected { host } => format!("{} was not among the selected hosts", name(host)),
        Why::Full { host, holders } => format!(
            "{} is full with {seekers} it ranks at least as high: {}",
            name(host),
            holders.iter().map(|h| name(h)).collect::<Vec<_>>().join(", ")
        ),
        Why::Other { host, detail } => format!("{} {detail}", name(host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twinning_matcher::{Limits, Side};

    #[test]
    fn a_full_host_names_the_seekers_it_prefers() {
        // s1 and s2 both want h1 first; h1 (one seat) prefers s2; s1 ends at h2.
        let inst = Instance::from_json(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2"]},{"id":"s2","preferences":["h1"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":["s2","s1"]},
                         {"id":"h2","capacity":1,"preferences":["s1"]}]}"#,
            &Limits::default(),
        )
        .unwrap();
        let m = twinning_matcher::deferred_acceptance(&inst, Side::Seeker, 0);
        let e = explain(&inst, &m);
        assert_eq!(e[0].host.as_deref(), Some("h2"));
        assert_eq!(e[0].rank, Some(2));
        assert_eq!(
            e[0].better_hosts,
            vec![Why::Full { host: "h1".into(), holders: vec!["s2".into()] }]
        );
        assert!(e[1].better_hosts.is_empty());
    }

    #[test]
    fn unselected_hosts_and_free_seats_are_told_apart() {
        let inst = Instance::from_json(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2","h3"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":[]},
                         {"id":"h2","capacity":1,"preferences":["s1"]},
                         {"id":"h3","capacity":1,"preferences":["s1"]}],
                "max_hosts":1}"#,
            &Limits::default(),
        )
        .unwrap();
        let mut m = twinning_matcher::deferred_acceptance(&inst, Side::Seeker, 0);
        // Pretend only h3 was selected and s1 went there.
        m.selected_hosts = Some(vec!["h3".to_owned()]);
        m.pairs.retain(|_| false);
        let e = explain(&inst, &m);
        assert_eq!(e[0].host, None);
        assert_eq!(
            e[0].better_hosts,
            // h1 does not list s1, so it is not an option at all.
            vec![
                Why::NotSelected { host: "h2".into() },
                Why::Other { host: "h3".into(), detail: "has a free seat".into() },
            ]
        );
    }
}
