//! Drawings of a matching: Graphviz DOT and a Mermaid flowchart.

use std::collections::{BTreeMap, BTreeSet};
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
/// seekers and unused hosts dashed; a legend saying so. Ids are labels, so
/// any id is safe. [`to_dot_named`] labels agents with names instead.
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
    to_dot_named(instance, m, &BTreeMap::new())
}

/// [`to_dot`] with each agent labelled by its name in `names` (id → name;
/// the matcher knows ids only, so the caller who knows the cities passes
/// them). An agent `names` lacks is labelled by its id; a named agent keeps
/// its id as the node's tooltip.
///
/// ```
/// use std::collections::BTreeMap;
/// use twinning_matcher::{Instance, Limits, Side, deferred_acceptance, to_dot_named};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"plzen","preferences":["gent"]}],
///         "hosts":[{"id":"gent","capacity":1,"preferences":["plzen"]}]}"#,
///     &Limits::default(),
/// )?;
/// let m = deferred_acceptance(&instance, Side::Seeker, 0);
/// let names = BTreeMap::from([("plzen".to_owned(), "Plzeň".to_owned())]);
/// let dot = to_dot_named(&instance, &m, &names);
/// assert!(dot.contains("s0 [label=\"Plzeň\", tooltip=\"plzen\"];"));
/// assert!(dot.contains("h0 [label=\"gent\", shape=ellipse];"));
/// # Ok::<(), twinning_matcher::Error>(())
/// ```
#[must_use]
pub fn to_dot_named(instance: &Instance, m: &Matching, names: &BTreeMap<String, String>) -> String {
    let unmatched: BTreeSet<&str> = m.unmatched.iter().map(String::as_str).collect();
    let node = |id: &str| match names.get(id) {
        Some(name) => format!("label=\"{}\", tooltip=\"{}\"", label(name), label(id)),
        None => format!("label=\"{}\"", label(id)),
    };
    let mut out = String::from("digraph matching {\n  rankdir=LR;\n  node [shape=box];\n");
    for i in 0..instance.seeker_count() {
        let id = instance.seeker_id(i).unwrap_or_default();
        let style = if unmatched.contains(id) { ", style=dashed" } else { "" };
        let _ = writeln!(out, "  s{i} [{}{style}];", node(id));
    }
    for j in 0..instance.host_count() {
        let id = instance.host_id(j).unwrap_or_default();
        let used = m.hosts.get(j).is_some_and(|h| h.filled > 0);
        let style = if used { ", shape=ellipse" } else { ", shape=ellipse, style=dashed" };
        let _ = writeln!(out, "  h{j} [{}{style}];", node(id));
    }
    for (i, j, p) in edges(instance, m) {
        let _ = writeln!(out, "  s{i} -> h{j} [label=\"{}/{}\"];", p.seeker_rank, p.host_rank);
    }
    out.push_str(DOT_LEGEND);
    out.push_str("}\n");
    out
}

/// The legend of [`to_dot`]: a boxed cluster whose nodes and edge show
/// what shapes, dashes and edge labels mean.
const DOT_LEGEND: &str = "  subgraph cluster_legend {\n    label=\"Legend\";\n    \
    fontsize=10;\n    node [fontsize=10];\n    \
    legend_seeker [label=\"seeker\", shape=box];\n    \
    legend_host [label=\"host\", shape=ellipse];\n    \
    legend_seeker -> legend_host [label=\"rank the seeker gives / rank the host gives\", fontsize=10];\n    \
    legend_unmatched [label=\"dashed: seeker left unmatched\", shape=box, style=dashed];\n    \
    legend_unused [label=\"dashed: host with no pair\", shape=ellipse, style=dashed];\n  }\n";

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
            format!(
                "digraph matching {{\n  rankdir=LR;\n  node [shape=box];\n  \
             s0 [label=\"a\", style=dashed];\n  s1 [label=\"b 'x'\"];\n  \
             h0 [label=\"h\", shape=ellipse];\n  h1 [label=\"g\", shape=ellipse, style=dashed];\n  \
             s1 -> h0 [label=\"1/1\"];\n{DOT_LEGEND}}}\n"
            )
        );
        assert_eq!(
            to_mermaid(&instance, &m),
            "flowchart LR\n  s0[\"a\"]\n  s1[\"b 'x'\"]\n  h0([\"h\"])\n  h1([\"g\"])\n  \
             s1 -- \"1/1\" --> h0\n"
        );
    }
}
