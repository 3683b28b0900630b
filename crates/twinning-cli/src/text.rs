//! Small text helpers: accent folding and slugs.

/// Folds a character to plain ASCII where a Latin letter carries a mark
/// (`á` → `a`, `ş` → `s`, `ß` → `ss`); other characters are kept.
fn fold_char(c: char, out: &mut String) {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' | 'ģ' => "g",
        'Ğ' | 'Ģ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ķ' => "k",
        'Ķ' => "K",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ł' => "L",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ŕ' | 'ř' => "r",
        'Ŕ' | 'Ř' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        other => {
            out.push(other);
            return;
        }
    };
    out.push_str(s);
}

/// Lower-case, accents folded, runs of other characters as one space:
/// the key for accent- and case-insensitive name matching.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::new();
    for c in text.chars() {
        fold_char(c, &mut folded);
    }
    let lower = folded.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A slug (`a-z0-9-`, at most 64 bytes) from any name; `fallback` when
/// nothing is left.
pub(crate) fn slugify(text: &str, fallback: &str) -> String {
    let mut slug: String =
        fold(text).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    let mut slug = slug.trim_matches('-').to_owned();
    slug.truncate(64);
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { fallback.to_owned() } else { slug }
}

/// The JSON key of a unit enum value (`"mission-city"`), for tables.
pub(crate) fn key<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// `1` → `1st`, `2` → `2nd`, `11` → `11th`, `23` → `23rd`.
pub(crate) fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Águeda"), "agueda");
        assert_eq!(fold("BAŞAKŞEHİR"), "basaksehir");
        assert_eq!(fold("Plzeň"), "plzen");
        assert_eq!(fold("Issy-les-Moulineaux"), "issy les moulineaux");
        assert_eq!(fold("Çankaya"), fold("cankaya"));
    }

    #[test]
    fn ordinals_take_the_english_suffixes() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal).into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn slugs_are_valid_core_slugs() {
        for name in ["Dolní Počernice", "Rellinger Straße", "", "!!!", &"x".repeat(100)] {
            let s = slugify(name, "city");
            assert!(s.parse::<twinning_core::Slug>().is_ok(), "{name:?} -> {s:?}");
        }
        assert_eq!(slugify("Dolní Počernice", "x"), "dolni-pocernice");
    }
}
