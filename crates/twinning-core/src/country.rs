use std::fmt;
use std::str::FromStr;

use crate::Error;

/// Every officially assigned ISO 3166-1 alpha-2 code (249 of them), sorted,
/// two ASCII capitals each.
const ASSIGNED: &str = "\
ADAEAFAGAIALAMAOAQARASATAUAWAXAZ\
BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ\
DEDJDKDMDODZ\
ECEEEGEHERESET\
FIFJFKFMFOFR\
GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY\
HKHMHNHRHTHU\
IDIEILIMINIOIQIRISIT\
JEJMJOJP\
KEKGKHKIKMKNKPKRKWKYKZ\
LALBLCLILKLRLSLTLULVLY\
MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ\
NANCNENFNGNINLNONPNRNUNZ\
OM\
PAPEPFPGPHPKPLPMPNPRPSPTPWPY\
QA\
RERORSRURW\
SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ\
TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ\
UAUGUMUSUYUZ\
VAVCVEVGVIVNVU\
WFWS\
YEYT\
ZAZMZW";

/// An ISO 3166-1 alpha-2 country code, validated.
///
/// Every officially assigned code is accepted, plus `XK`: a user-assigned
/// code that the European Commission and the programme's sources use for
/// Kosovo, which has no official ISO code. Parsing is strict about case
/// (`"gb"` is rejected rather than guessed) and gives a hint for the codes
/// people commonly type instead: `UK` (use `GB`) and `EL` (the EU's code for
/// Greece; use `GR`).
///
/// ```
/// use twinning_core::CountryCode;
///
/// let pt: CountryCode = "PT".parse()?;
/// assert_eq!(pt.as_str(), "PT");
/// assert!("XK".parse::<CountryCode>()?.is_user_assigned());
/// assert!("UK".parse::<CountryCode>().unwrap_err().to_string().contains("GB"));
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Kosovo's user-assigned code, `XK`.
    pub const KOSOVO: Self = Self(*b"XK");

    /// Checks `code` and wraps it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCountryCode`] when `code` is not two capital letters
    /// forming an assigned code or `XK`.
    pub fn new(code: &str) -> Result<Self, Error> {
        let invalid = |hint| Error::InvalidCountryCode { value: code.to_owned(), hint };
        let bytes: [u8; 2] = code
            .as_bytes()
            .try_into()
            .map_err(|_| invalid("a country code is exactly two capital letters"))?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return Err(invalid(if bytes.iter().all(u8::is_ascii_alphabetic) {
                "write the code in capitals"
            } else {
                "a country code is exactly two capital letters"
            }));
        }
        match &bytes {
            b"XK" => return Ok(Self(bytes)),
            b"UK" => {
                return Err(invalid("UK is reserved in ISO 3166-1; use GB for the United Kingdom"));
            }
            b"EL" => return Err(invalid("EL is the EU's code for Greece; use GR")),
            _ => {}
        }
        if Self::is_assigned(bytes) {
            Ok(Self(bytes))
        } else {
            Err(invalid("not an assigned ISO 3166-1 alpha-2 code"))
        }
    }

    fn is_assigned(bytes: [u8; 2]) -> bool {
        ASSIGNED.as_bytes().chunks_exact(2).any(|c| c == bytes)
    }

    /// The code as text, for example `"PT"`.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII capitals, checked in `new`.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Whether this is `XK`, the user-assigned code used for Kosovo.
    pub fn is_user_assigned(&self) -> bool {
        *self == Self::KOSOVO
    }

    /// Every code this type accepts: the 249 assigned codes and `XK`, sorted.
    pub fn all() -> impl Iterator<Item = Self> {
        let mut codes: Vec<Self> = ASSIGNED
            .as_bytes()
            .chunks_exact(2)
            .filter_map(|c| <[u8; 2]>::try_from(c).ok())
            .map(Self)
            .chain(std::iter::once(Self::KOSOVO))
            .collect();
        codes.sort();
        codes.into_iter()
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> Self {
        code.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_pairs_of_capitals() {
        let bytes = ASSIGNED.as_bytes();
        assert_eq!(bytes.len() % 2, 0);
        let pairs: Vec<&[u8]> = bytes.chunks_exact(2).collect();
        assert!(pairs.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(bytes.iter().all(u8::is_ascii_uppercase));
    }

    #[test]
    fn iso_assigns_249_codes() {
        // ISO 3166-1 lists 249 officially assigned alpha-2 codes.
        assert_eq!(ASSIGNED.len() / 2, 249);
        assert_eq!(CountryCode::all().count(), 250, "plus XK");
    }
}
