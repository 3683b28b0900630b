//! Exact sums of money.
//!
//! `Decimal` addition rounds silently when the exact result needs more than 96
//! bits of mantissa. Sums of money must never lose a cent, so they are done on
//! the integer mantissas, rescaled to a common scale, and converted back only
//! if the exact result fits.

use rust_decimal::Decimal;

/// A running exact sum. `None` from any method means the exact sum cannot be
/// represented as a `Decimal`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ExactSum {
    mantissa: i128,
    scale: u32,
}

fn pow10(exp: u32) -> Option<i128> {
    10i128.checked_pow(exp)
}

impl ExactSum {
    /// Adds `amount`; `None` when the exact sum no longer fits.
    pub(crate) fn add(self, amount: Decimal) -> Option<Self> {
        self.add_signed(amount.mantissa(), amount.scale())
    }

    /// Subtracts `amount`; `None` when the exact result no longer fits.
    pub(crate) fn sub(self, amount: Decimal) -> Option<Self> {
        self.add_signed(amount.mantissa().checked_neg()?, amount.scale())
    }

    fn add_signed(self, mantissa: i128, scale: u32) -> Option<Self> {
        let common = self.scale.max(scale);
        let lhs = self.mantissa.checked_mul(pow10(common - self.scale)?)?;
        let rhs = mantissa.checked_mul(pow10(common - scale)?)?;
        let next = Self { mantissa: lhs.checked_add(rhs)?, scale: common };
        // Keep the running value representable, so that overflow is reported
        // at the amount that caused it.
        next.value()?;
        Some(next)
    }

    /// The exact sum as a `Decimal`, if it fits.
    pub(crate) fn value(self) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(self.mantissa, self.scale).ok()
    }
}

/// The exact sum of `amounts`, or the index of the first amount whose addition
/// made it unrepresentable.
pub(crate) fn sum_exact<'a>(
    amounts: impl IntoIterator<Item = &'a Decimal>,
) -> Result<Decimal, usize> {
    let mut sum = ExactSum::default();
    for (i, amount) in amounts.into_iter().enumerate() {
        sum = sum.add(*amount).ok_or(i)?;
    }
    sum.value().ok_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn mixed_scales_add_exactly() {
        assert_eq!(sum_exact(&[d("0.10"), d("0.2"), d("3")]), Ok(d("3.30")));
    }

    #[test]
    fn overflow_is_reported_at_the_offending_amount() {
        let max = Decimal::MAX;
        assert_eq!(sum_exact(&[d("1"), max, d("0")]), Err(1));
    }

    #[test]
    fn a_sum_that_decimal_would_round_is_refused() {
        // 79228162514264337593543950335 + 0.5 needs more than 96 bits.
        assert_eq!(sum_exact(&[Decimal::MAX, d("0.5")]), Err(1));
    }

    #[test]
    fn subtraction_is_exact() {
        let s = ExactSum::default().add(d("100.00")).unwrap().sub(d("0.01")).unwrap();
        assert_eq!(s.value(), Some(d("99.99")));
    }
}
