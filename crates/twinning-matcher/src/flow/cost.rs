//! Exact integer costs: `i64`, `i128` and the wide fixed-width integers of
//! the rank-maximal weights.

use std::ops::{Add, Sub};

/// An exact integer cost or weight: `i64` for scaled scores, `i128` for the
/// lexicographic weights of rank-maximal matchings.
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

/// A fixed-width two's-complement integer of `64·N` bits, for exact
/// lexicographic weights too wide for `i128` (rank-maximal assignments with
/// many ranks or many seekers). Only what the flow needs: add, subtract,
/// compare, and building powers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Wide<const N: usize>(pub(super) [u64; N]);

impl<const N: usize> Default for Wide<N> {
    fn default() -> Self {
        Self([0; N])
    }
}

impl<const N: usize> Wide<N> {
    /// `x` as a wide integer.
    pub(crate) fn from_u64(x: u64) -> Self {
        let mut limbs = [0u64; N];
        if let Some(l) = limbs.first_mut() {
            *l = x;
        }
        Self(limbs)
    }

    /// `self · m` for a non-negative `self`, or `None` on overflow (the top
    /// bit, the sign, must stay clear).
    pub(crate) fn checked_mul_small(self, m: u64) -> Option<Self> {
        let mut out = [0u64; N];
        let mut carry: u128 = 0;
        for (o, &l) in out.iter_mut().zip(&self.0) {
            let p = u128::from(l) * u128::from(m) + carry;
            *o = p as u64;
            carry = p >> 64;
        }
        let top = out.last().copied().unwrap_or(0);
        (carry == 0 && top >> 63 == 0).then_some(Self(out))
    }

    fn negative(&self) -> bool {
        self.0.last().is_some_and(|&t| t >> 63 == 1)
    }
}

impl<const N: usize> Add for Wide<N> {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        let mut out = [0u64; N];
        let mut carry = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&rhs.0) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(u64::from(carry));
            *o = s2;
            carry = c1 || c2;
        }
        Self(out)
    }
}

impl<const N: usize> Sub for Wide<N> {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        let mut out = [0u64; N];
        let mut borrow = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&rhs.0) {
            let (d1, b1) = a.overflowing_sub(b);
            let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
        Self(out)
    }
}

impl<const N: usize> PartialOrd for Wide<N> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<const N: usize> Ord for Wide<N> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.negative(), other.negative()) {
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            _ => self.0.iter().rev().cmp(other.0.iter().rev()),
        }
    }
}

impl<const N: usize> Cost for Wide<N> {
    const ZERO: Self = Self([0; N]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::tests::lcg;

    #[test]
    fn wide_integers_agree_with_i128() {
        let mut st = 3u64;
        let to = |x: i128| -> Wide<2> { Wide([x as u64, (x >> 64) as u64]) };
        for _ in 0..10_000 {
            let a = ((lcg(&mut st) as i128 - (1 << 30)) * (lcg(&mut st) as i128)) << 40;
            let b = (lcg(&mut st) as i128 - (1 << 30)) * (lcg(&mut st) as i128);
            assert_eq!(to(a) + to(b), to(a + b));
            assert_eq!(to(a) - to(b), to(a - b));
            assert_eq!(to(a).cmp(&to(b)), a.cmp(&b));
        }
        assert_eq!(Wide::<2>::from_u64(7).checked_mul_small(6), Some(Wide::<2>::from_u64(42)));
        assert_eq!(Wide::<1>::from_u64(1 << 62).checked_mul_small(2), None);
    }
}
