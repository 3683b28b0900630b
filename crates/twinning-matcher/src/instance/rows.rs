//! The compressed-row tables of one side (see the layout in the parent
//! module's docs).

use std::ops::Range;

use super::NONE;
use super::link::raw_row;

/// Compressed rows of one side: the acceptable lists (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    /// Row offsets, `agents + 1` long.
    pub(crate) start: Vec<u32>,
    /// Partner index per entry.
    pub(crate) partner: Vec<u32>,
    /// This agent's tier index of the partner.
    pub(crate) rank: Vec<u32>,
    /// The partner's tier index of this agent.
    pub(crate) partner_rank: Vec<u32>,
    /// Index of the reverse entry in the other side's rows.
    pub(crate) mirror: Vec<u32>,
    /// Entries of each row sorted by partner index (same offsets as
    /// `start`), built on the first look-up that needs it (see
    /// [`Instance::index`]); until then [`Rows::find`] scans the row.
    pub(super) by_partner: std::sync::OnceLock<Vec<u32>>,
}

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        // `by_partner` is derived data, built lazily: leave it out.
        self.start == other.start
            && self.partner == other.partner
            && self.rank == other.rank
            && self.partner_rank == other.partner_rank
            && self.mirror == other.mirror
    }
}

impl Eq for Rows {}

impl Rows {
    /// The entry range of agent `a` (empty when `a` is out of range).
    pub(crate) fn row(&self, a: usize) -> Range<usize> {
        match (self.start.get(a), self.start.get(a + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// Entry of `partner` in the row of `a`, if acceptable.
    pub(crate) fn find(&self, a: usize, partner: u32) -> Option<usize> {
        let row = self.row(a);
        let Some(index) = self.by_partner.get() else {
            let p = self.partner.get(row.clone())?;
            return p.iter().position(|&x| x == partner).map(|k| row.start + k);
        };
        let sorted = index.get(row)?;
        let pos = sorted
            .binary_search_by_key(&partner, |&e| {
                self.partner.get(e as usize).copied().unwrap_or(NONE)
            })
            .ok()?;
        sorted.get(pos).map(|&e| e as usize)
    }

    pub(crate) fn agents(&self) -> usize {
        self.start.len().saturating_sub(1)
    }
}

/// Raw (as written) lists of one side.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawRows {
    /// Row offsets, `agents + 1` long.
    pub(crate) start: Vec<u32>,
    /// Listed partner per entry (acceptable or not), in written order.
    pub(crate) partner: Vec<u32>,
    /// Tier index per entry.
    pub(crate) rank: Vec<u32>,
}

impl RawRows {
    /// The entry range of agent `a` (empty when out of range).
    pub(crate) fn row(&self, a: usize) -> Range<usize> {
        raw_row(self, a)
    }

    /// The tier index of entry `k` in the row starting at `row_start`. An
    /// empty `rank` means strict lists: the tier is the position.
    pub(crate) fn rank_at(&self, k: usize, row_start: usize) -> u32 {
        if self.rank.is_empty() {
            u32::try_from(k.saturating_sub(row_start)).unwrap_or(NONE)
        } else {
            self.rank.get(k).copied().unwrap_or(0)
        }
    }

    /// The tier indices of the entries in `row`, in order.
    pub(crate) fn rank_row(&self, row: Range<usize>) -> RankRow<'_> {
        if self.rank.is_empty() {
            let len = u32::try_from(row.len()).unwrap_or(NONE);
            RankRow::Position(0..len)
        } else {
            RankRow::Written(self.rank.get(row).unwrap_or(&[]).iter())
        }
    }
}

impl PartialEq for RawRows {
    fn eq(&self, other: &Self) -> bool {
        // Strict lists may leave `rank` empty: compare the tiers, not the storage.
        self.start == other.start
            && self.partner == other.partner
            && (0..self.start.len().saturating_sub(1)).all(|a| {
                let row = self.row(a);
                self.rank_row(row.clone()).eq(other.rank_row(row))
            })
    }
}

impl Eq for RawRows {}

/// Iterator over the tier indices of one raw row (see [`RawRows::rank_row`]).
#[derive(Debug)]
pub(crate) enum RankRow<'a> {
    /// Tiers as written.
    Written(std::slice::Iter<'a, u32>),
    /// Strict lists: the tier is the position.
    Position(Range<u32>),
}

impl Iterator for RankRow<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        match self {
            Self::Written(it) => it.next().copied(),
            Self::Position(r) => r.next(),
        }
    }
}
