/// Everything that can go wrong when loading or building profiles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A theme key that is not one of [`Theme::ALL`](crate::Theme::ALL).
    #[error(
        "unknown theme {value:?}: expected one of energy, mobility, buildings, waste-and-circular-economy, nature-based-solutions, governance-and-policy, finance-and-funding, citizen-engagement, data-and-digital, capacity-and-learning, technology"
    )]
    UnknownTheme {
        /// The rejected key.
        value: String,
    },
}
