//! Drawings of a matching: Graphviz DOT and a Mermaid flowchart.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::{Instance, Matching, Pair};

/// Quotes a label for DOT and Mermaid: backslashes doubled, double quotes
/// turned into single ones.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "'")
}

/// The pairs of `m` with the seeker's and the host's index (pairs naming
/// agents the instance lacks are skipped).
fn edges<'a>(
    instance: &'a Instance,
    m: &'a Matching,
) -> impl Iterator<Item = (usize, usize, &'a Pair)> + 'a {
    m.pairs
        .iter()
        .filter_map(|p| Some((instance.seeker_index(&p.seeker)?, instance.host_index(&p.host)?, p)))
}

/// A Graphviz drawing of a matching: seekers on the left, hosts on the
/// right, an edge per pair labelled `seeker rank/host rank`; unmatched
/// seekers and unused hosts dashed. Ids are labels, so any id is safe.
///
/// ```
/// use twinning_matcher::{Instance, Limits, Side, deferred_acceptance, to_dot};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"lyon","preferences":["gent"]}],
///         "hosts":[{"id":"gent","capacity":1,"preferences":["lyon"]}]}"#,
///     &Limits::default(),
/// )?;
/// let m = deferred_acceptance(&instance, Side::Seeker, 0);
/// assert!(to_dot(&instance, &m).contains("s0 -> h0 [label=\"1/1\"];"));
/// # Ok::<(), twinning_matcher::Error>(())
/// ```
#[must_use]
pub fn to_dot(instance: &Instance, m: &Matching) -> String {
    let unmatched: BTreeSet<&str> = m.unmatched.iter().map(String::as_str).collect();
    let mut out = String::from("digraph matching {\n  rankdir=LR;\n  node [shape=box];\n");
    for i in 0..instance.seeker_count() {
        let id = instance.seeker_id(i).unwrap_or_default();
        let style = if unmatched.contains(id) { ", style=dashed" } else { "" };
        let _ = writeln!(out, "  s{i} [label=\"{}\"{style}];", label(id));
    }
    for j in 0..instance.host_count() {
        let id = instance.host_id(j).unwrap_or_default();
        let used = m.hosts.get(j).is_some_and(|h| h.filled > 0);
        let style = if used { ", shape=ellipse" } else { ", shape=ellipse, style=dashed" };
        let _ = writeln!(out, "  h{j} [label=\"{}\"{style}];", label(id));
    }
    for (i, j, p) in edges(instance, m) {
        let _ = writeln!(out, "  s{i} -> h{j} [label=\"{}/{}\"];", p.seeker_rank, p.host_rank);
    }
    out.push_str("}\n");
    out
}

/// A Mermaid flowchart of a matching: the same drawing as [`to_dot`],
/// seekers as boxes, hosts as rounded nodes.
#[must_use]
pub fn to_mermaid(instance: &Instance, m: &Matching) -> String {
    let mut out = String::from("flowchart LR\n");
    for i in 0..instance.seeker_count() {
        let _ = writeln!(out, "  s{i}[\"{}\"]", label(instance.seeker_id(i).unwrap_or_default()));
    }
    for j in 0..instance.host_count() {
        let _ = writeln!(out, "  h{j}([\"{}\"])", label(instance.host_id(j).unwrap_or_default()));
    }
    for (i, j, p) in edges(instance, m) {
        let _ = writeln!(out, "  s{i} -- \"{}/{}\" --> h{j}", p.seeker_rank, p.host_rank);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::{Limits, Side, deferred_acceptance};

    #[test]
    fn the_drawings_show_every_agent_and_every_pair() {
        // a and b both want h (one seat), h prefers b: a is left out, g unused.
        let instance = Instance::from_json(
            r#"{"seekers":[{"id":"a","preferences":["h"]},{"id":"b \"x\"","preferences":["h"]}],
                "hosts":[{"id":"h","capacity":1,"preferences":["b \"x\"","a"]},
                         {"id":"g","capacity":1,"preferences":[]}]}"#,
            &Limits::default(),
        )
        .unwrap();
        let m = deferred_acceptance(&instance, Side::Seeker, 0);
        assert_eq!(
            to_dot(&instance, &m),
            "digraph matching {\n  rankdir=LR;\n  node [shape=box];\n  \
             s0 [label=\"a\", style=dashed];\n  s1 [label=\"b 'x'\"];\n  \
             h0 [label=\"h\", shape=ellipse];\n  h1 [label=\"g\", shape=ellipse, style=dashed];\n  \
             s1 -> h0 [label=\"1/1\"];\n}\n"
        );
        assert_eq!(
            to_mermaid(&instance, &m),
            "flowchart LR\n  s0[\"a\"]\n  s1[\"b 'x'\"]\n  h0([\"h\"])\n  h1([\"g\"])\n  \
             s1 -- \"1/1\" --> h0\n"
        );
    }
}
