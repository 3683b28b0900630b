//! Exact integer costs: `i64` and `i128`.

use std::ops::{Add, Sub};

/// An exact integer cost or weight: `i64` for scaled scores, `i128` when
/// they do not fit.
pub(crate) trait Cost:
    Copy + Ord + Add<Output = Self> + Sub<Output = Self> + std::fmt::Debug + Default
{
    /// Zero.
    const ZERO: Self;
}

impl Cost for i64 {
    const ZERO: Self = 0;
}

impl Cost for i128 {
    const ZERO: Self = 0;
}
