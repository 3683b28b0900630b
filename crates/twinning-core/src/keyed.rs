//! One table per enum for the kebab-case keys that JSON, CSV and the command
//! line share.

/// Declares a field-less enum whose variants each have one kebab-case key,
/// written once: the macro puts the key in a `#[serde(rename = ...)]` on the
/// variant and generates, from the same table,
///
/// * `ALL`, every variant in declaration order;
/// * `key(self) -> &'static str`, the key;
/// * `from_key(&str) -> Option<Self>`, the way back;
/// * `Display`, which writes the key;
/// * the [`Keyed`] trait, so generic code (a command-line parser, a form)
///   can list and read any such enum.
///
/// The caller writes the enum's own attributes (its derives, including
/// `serde::Serialize` and `serde::Deserialize`, and any `schemars` derive),
/// so the macro adds nothing the crate does not already depend on.
///
/// ```
/// twinning_core::keyed_enum! {
///     /// How a city travels.
///     #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
///     pub enum Travel {
///         /// By train.
///         Train = "train",
///         /// By night train.
///         NightTrain = "night-train",
///     }
/// }
///
/// assert_eq!(Travel::NightTrain.key(), "night-train");
/// assert_eq!(Travel::from_key("train"), Some(Travel::Train));
/// assert_eq!(Travel::ALL.len(), 2);
/// assert_eq!(Travel::NightTrain.to_string(), "night-train");
/// assert_eq!(serde_json::to_string(&Travel::NightTrain)?, "\"night-train\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $key:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $key)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            /// The kebab-case key used in JSON, CSV and on the command line.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// The variant whose [`key`](Self::key) is `key`, if any.
            #[must_use]
            pub fn from_key(key: &str) -> ::core::option::Option<Self> {
                match key {
                    $($key => ::core::option::Option::Some($name::$variant),)+
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl $crate::Keyed for $name {
            fn all() -> &'static [Self] {
                &Self::ALL
            }

            fn key(self) -> &'static str {
                $name::key(self)
            }

            fn from_key(key: &str) -> ::core::option::Option<Self> {
                $name::from_key(key)
            }
        }
    };
}

/// A field-less enum with one kebab-case key per variant, as
/// [`keyed_enum!`] declares it: what generic code needs to list the
/// variants and read one back.
///
/// ```
/// use twinning_core::{Keyed, Role};
///
/// fn keys<T: Keyed>() -> Vec<&'static str> {
///     T::all().iter().map(|v| v.key()).collect()
/// }
/// assert_eq!(keys::<Role>(), ["twin-city", "pilot-city", "mission-minded-city", "mission-city"]);
/// assert_eq!(<Role as Keyed>::from_key("pilot-city"), Some(Role::PilotCity));
/// ```
pub trait Keyed: Copy + Sized + 'static {
    /// Every variant, in declaration order.
    fn all() -> &'static [Self];
    /// The variant's key.
    fn key(self) -> &'static str;
    /// The variant with this key, if any.
    fn from_key(key: &str) -> Option<Self>;
}
