//! Reading the document's lists into raw rows: ids, duplicates and limits.

use std::collections::HashMap;

use super::{Limits, NONE, Preference, RawRows};
use crate::error::{Error, ListPosition, Side};

/// One tier of a preference list as read, whatever holds the document: one
/// id, or a tie (written as a nested list, possibly of one id or none).
#[derive(Debug, Clone)]
pub(super) enum TierRef<'a> {
    /// A partner ranked alone.
    One(&'a str),
    /// Partners ranked equally.
    Tie(Vec<&'a str>),
}

impl<'a> From<&'a Preference> for TierRef<'a> {
    fn from(p: &'a Preference) -> Self {
        match p {
            Preference::One(s) => Self::One(s),
            Preference::Tie(v) => Self::Tie(v.iter().map(String::as_str).collect()),
        }
    }
}

/// Appends the tier of the entry just pushed (at position `position` of its
/// row). Strict rows keep no tier table (the tier is the position) until the
/// first entry whose tier is not its position; then the positions of every
/// earlier entry are filled in.
fn push_rank(raw: &mut RawRows, row_start: usize, rank: u32) {
    let e = raw.partner.len().saturating_sub(1);
    let position = u32::try_from(e.saturating_sub(row_start)).unwrap_or(NONE);
    if raw.rank.is_empty() {
        if rank == position {
            return;
        }
        raw.rank.reserve(raw.partner.capacity());
        for a in 0..raw.start.len().saturating_sub(1) {
            let len = raw.row(a).len();
            raw.rank.extend(0..u32::try_from(len).unwrap_or(NONE));
        }
        raw.rank.extend(0..position);
    }
    raw.rank.push(rank);
}

/// Reads one side's lists into raw rows, checking ids, duplicates and limits.
pub(super) fn read_lists<'a>(
    side: Side,
    agents: impl Iterator<Item = (&'a str, Vec<TierRef<'a>>)>,
    other: &HashMap<&str, u32>,
    other_count: usize,
    limits: &Limits,
    entries_so_far: &mut usize,
    entries_hint: usize,
) -> Result<RawRows, Error> {
    let mut raw = RawRows::default();
    raw.partner.reserve_exact(entries_hint);
    raw.start.push(0);
    // seen[j] = (agent + 1, position of first mention)
    let mut seen: Vec<(u32, ListPosition)> =
        vec![(0, ListPosition { tier: 0, within_tie: None }); other_count];
    for (a, (id, prefs)) in agents.enumerate() {
        let stamp = u32::try_from(a + 1).map_err(|_| Error::limit("number of agents", a, a))?;
        let len: usize = prefs
            .iter()
            .map(|p| match p {
                TierRef::One(_) => 1,
                TierRef::Tie(v) => v.len(),
            })
            .sum();
        if len > limits.max_list_len {
            return Err(Error::limit(
                format!("preference list of {side} {id:?}"),
                len,
                limits.max_list_len,
            ));
        }
        *entries_so_far += len;
        let cap = limits.max_entries.min(NONE as usize - 1);
        if *entries_so_far > cap {
            return Err(Error::limit("number of preference entries", *entries_so_far, cap));
        }
        let row_start = raw.partner.len();
        for (tier, pref) in prefs.iter().enumerate() {
            let rank = u32::try_from(tier).unwrap_or(NONE);
            let mut add = |name: &str, within_tie: Option<usize>| -> Result<(), Error> {
                let position = ListPosition { tier, within_tie };
                let Some(&j) = other.get(name) else {
                    return Err(Error::UnknownId {
                        side,
                        agent: id.to_owned(),
                        id: name.to_owned(),
                        position,
                    });
                };
                if let Some(slot) = seen.get_mut(j as usize) {
                    if slot.0 == stamp {
                        return Err(Error::ListedTwice {
                            side,
                            agent: id.to_owned(),
                            id: name.to_owned(),
                            first: slot.1,
                            second: position,
                        });
                    }
                    *slot = (stamp, position);
                }
                raw.partner.push(j);
                push_rank(&mut raw, row_start, rank);
                Ok(())
            };
            match pref {
                TierRef::One(name) => add(name, None)?,
                TierRef::Tie(names) => {
                    if names.is_empty() {
                        return Err(Error::EmptyTie {
                            side,
                            agent: id.to_owned(),
                            position: ListPosition { tier, within_tie: None },
                        });
                    }
                    for (k, name) in names.iter().enumerate() {
                        add(name, Some(k))?;
                    }
                }
            }
        }
        raw.start.push(u32::try_from(raw.partner.len()).unwrap_or(NONE));
    }
    Ok(raw)
}

pub(super) fn index_ids<'a>(
    side: Side,
    ids: impl Iterator<Item = &'a str>,
    limits: &Limits,
) -> Result<HashMap<&'a str, u32>, Error> {
    let mut map: HashMap<&str, u32> = HashMap::new();
    for (index, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(Error::EmptyId { side, field: side.field(), index });
        }
        if id.len() > limits.max_id_len {
            return Err(Error::limit(
                format!("length of {side} id at {}[{index}]", side.field()),
                id.len(),
                limits.max_id_len,
            ));
        }
        if let Some(reason) = super::id_text::hidden_in_id(id) {
            return Err(Error::HiddenId {
                side,
                field: side.field(),
                index,
                id: id.to_owned(),
                reason,
            });
        }
        let idx = u32::try_from(index).unwrap_or(NONE);
        if let Some(&first) = map.get(id) {
            return Err(Error::DuplicateId {
                side,
                field: side.field(),
                id: id.to_owned(),
                first: first as usize,
                second: index,
            });
        }
        map.insert(id, idx);
    }
    Ok(map)
}
