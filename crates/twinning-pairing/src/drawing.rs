//! The pairs of a matching as SVG: seekers on the left, hosts on the
//! right, a line per pair, the hosts a budget selected highlighted.
//! Colours come from classes ([`PAIRS_CLASSES`]), never inline styles;
//! every name is escaped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use twinning_core::escape_html;
use twinning_matcher::Matching;

/// The classes [`pairs_svg`] draws with, for a stylesheet: `pairs` (the
/// picture), `heading`, `pair`, `seeker`, `unmatched`, `host`,
/// `selected`, `selected-label`.
pub const PAIRS_CLASSES: [&str; 8] =
    ["pairs", "heading", "pair", "seeker", "unmatched", "host", "selected", "selected-label"];

/// The pairs of `m` as an `<svg>` element with a `<title>` and a `<desc>`.
/// Agents are labelled by `names` (id → name; an id without a name is shown
/// as it is): the [`Roster`](crate::Roster)'s names for cities. Hosts that
/// were selected under a budget (or, without one, that took a pair) are
/// highlighted; unmatched seekers are drawn hollow. The same input gives
/// the same bytes.
#[must_use]
pub fn pairs_svg(m: &Matching, names: &BTreeMap<String, String>) -> String {
    let label = |id: &str| escape_html(names.get(id).map_or(id, String::as_str));
    let seekers: Vec<&str> = m
        .pairs
        .iter()
        .map(|p| p.seeker.as_str())
        .chain(m.unmatched.iter().map(String::as_str))
        .collect();
    let hosts: Vec<&str> = m.hosts.iter().map(|h| h.host.as_str()).collect();
    let selected: BTreeSet<&str> = match &m.selected_hosts {
        Some(s) => s.iter().map(String::as_str).collect(),
        None => m.pairs.iter().map(|p| p.host.as_str()).collect(),
    };
    let unmatched: BTreeSet<&str> = m.unmatched.iter().map(String::as_str).collect();
    let (row, top) = (26.0_f64, 30.0_f64);
    let height = top + row * seekers.len().max(hosts.len()).max(1) as f64 + 10.0;
    let y = |i: usize| top + row * i as f64 + row / 2.0;
    let n = |x: f64| format!("{x:.1}");
    let pos = |list: &[&str], id: &str| list.iter().position(|x| *x == id);
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        s,
        r#"<svg class="pairs" role="img" aria-labelledby="pairs-title pairs-desc" viewBox="0 0 900 {}" xmlns="http://www.w3.org/2000/svg"><title id="pairs-title">The pairs of this matching</title><desc id="pairs-desc">{} pairs; {} seekers unmatched; {} hosts selected.</desc><text class="heading" x="10" y="18">Seekers</text><text class="heading" x="890" y="18" text-anchor="end">Hosts</text>"#,
        n(height),
        m.pairs.len(),
        m.unmatched.len(),
        selected.len()
    );
    for p in &m.pairs {
        if let (Some(a), Some(b)) = (pos(&seekers, &p.seeker), pos(&hosts, &p.host)) {
            let _ = write!(
                s,
                r#"<line class="pair" x1="300" x2="600" y1="{}" y2="{}"></line>"#,
                n(y(a)),
                n(y(b))
            );
        }
    }
    for (i, id) in seekers.iter().enumerate() {
        let class = if unmatched.contains(id) { "seeker unmatched" } else { "seeker" };
        let _ = write!(
            s,
            r#"<g><circle class="{class}" cx="300" cy="{}" r="5"></circle><text x="290" y="{}" text-anchor="end">{}</text></g>"#,
            n(y(i)),
            n(y(i) + 4.5),
            label(id)
        );
    }
    for (i, id) in hosts.iter().enumerate() {
        let chosen = selected.contains(id);
        let _ = write!(
            s,
            r#"<g><rect class="{}" x="595" y="{}" width="12" height="12"></rect><text x="615" y="{}"{}>{}</text></g>"#,
            if chosen { "host selected" } else { "host" },
            n(y(i) - 6.0),
            n(y(i) + 4.5),
            if chosen { r#" class="selected-label""# } else { "" },
            label(id)
        );
    }
    s.push_str("</svg>");
    s
}
