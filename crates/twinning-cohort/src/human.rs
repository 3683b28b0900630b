//! How moments and spans read for people, the same in every front end.

use crate::{Moment, When};

impl Moment {
    /// The moment as people read it: `2025-09-12 17:00 +02:00` for an
    /// instant, `2026-05-28` for a day, `2026-04` for a month.
    ///
    /// ```
    /// use twinning_cohort::Moment;
    ///
    /// let m: Moment = "2025-09-12T17:00:00+02:00".parse()?;
    /// assert_eq!(m.to_human(), "2025-09-12 17:00 +02:00");
    /// # Ok::<(), twinning_cohort::Error>(())
    /// ```
    #[must_use]
    pub fn to_human(&self) -> String {
        match self {
            Moment::At(at) => at.format("%Y-%m-%d %H:%M %:z").to_string(),
            other => other.to_string(),
        }
    }
}

impl When {
    /// The moment or span as people read it; a span within one day and one
    /// offset writes the day once (`2025-12-16 12:00-13:00 +01:00`).
    ///
    /// ```
    /// use twinning_cohort::When;
    ///
    /// let w: When = "2025-12-16T12:00:00+01:00/2025-12-16T13:00:00+01:00".parse()?;
    /// assert_eq!(w.to_human(), "2025-12-16 12:00-13:00 +01:00");
    /// let w: When = "2026-02/2026-03".parse()?;
    /// assert_eq!(w.to_human(), "2026-02 to 2026-03");
    /// # Ok::<(), twinning_cohort::Error>(())
    /// ```
    #[must_use]
    pub fn to_human(&self) -> String {
        match (self.start(), self.end()) {
            (start, None) => start.to_human(),
            (Moment::At(a), Some(Moment::At(b)))
                if a.date_naive() == b.date_naive() && a.offset() == b.offset() =>
            {
                format!(
                    "{} {}-{} {}",
                    a.format("%Y-%m-%d"),
                    a.format("%H:%M"),
                    b.format("%H:%M"),
                    a.format("%:z")
                )
            }
            (start, Some(end)) => format!("{} to {}", start.to_human(), end.to_human()),
        }
    }
}
