//! Folding names for case- and accent-insensitive look-ups.

pub use twinning_core::fold_name;

/// The key two names are compared by: [`fold_name`] with the spaces between
/// words removed, so that case, accents, spaces, hyphens and punctuation do
/// not count (`GreenLog`, `GREEN-LOG` and `Green Log` share `greenlog`;
/// `Plzeň` and `PLZEN` share `plzen`).
///
/// ```
/// use twinning_profile::name_key;
///
/// assert_eq!(name_key("GreenLog"), name_key("GREEN-LOG"));
/// assert_eq!(name_key("Frankfurt am Main"), name_key("frankfurt-am-main"));
/// assert_eq!(name_key("Plzeň"), "plzen");
/// ```
pub fn name_key(name: &str) -> String {
    fold_name(name).replace(' ', "")
}

/// Whether `a` and `b` are the same name up to [`name_key`] (an empty key
/// matches nothing).
pub fn same_name(a: &str, b: &str) -> bool {
    let key = name_key(a);
    !key.is_empty() && key == name_key(b)
}

/// The edit (Levenshtein) distance between two keys, counted in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != *cb);
            let value = (diagonal + cost).min(left + 1).min(up.saturating_add(1));
            next.push(value);
            diagonal = up;
            left = value;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// The known names closest to `query`, for a "did you mean …?": at most
/// `limit` of `known`, nearest first (ties in the order given), each within
/// an edit distance of a third of the longer key (at least 1), compared by
/// [`name_key`]. A name that also starts with the query's key (`Frank` for
/// `Frankfurt am Main`) counts as close. Names with the same key appear once.
///
/// ```
/// use twinning_profile::closest_names;
///
/// let known = ["GREEN-LOG", "UNCHAIN", "URBREATH", "SPINE"];
/// assert_eq!(closest_names("Greenlogg", known, 3), ["GREEN-LOG"]);
/// assert_eq!(closest_names("URBEATH", known, 3), ["URBREATH"]);
/// assert!(closest_names("Horizon", known, 3).is_empty());
/// ```
pub fn closest_names<'a, I, S>(query: &str, known: I, limit: usize) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str> + 'a,
{
    let key = name_key(query);
    if key.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, String, String)> = Vec::new();
    for (i, name) in known.into_iter().enumerate() {
        let name = name.as_ref();
        let other = name_key(name);
        if other.is_empty() || scored.iter().any(|(.., k)| *k == other) {
            continue;
        }
        let longer = key.chars().count().max(other.chars().count());
        let distance = if key.chars().count() >= 3 && other.starts_with(&key) {
            1
        } else {
            edit_distance(&key, &other)
        };
        if distance <= (longer / 3).max(1) {
            scored.push((distance, i, name.to_owned(), other));
        }
    }
    scored.sort_by_key(|(d, i, ..)| (*d, *i));
    scored.into_iter().take(limit).map(|(_, _, name, _)| name).collect()
}

/// The question to put to a reader when a name matched nothing:
/// `did you mean 'A', 'B' or 'C'?`, or `None` without suggestions.
///
/// ```
/// use twinning_profile::did_you_mean;
///
/// let s = vec!["GREEN-LOG".to_owned(), "GreenLog".to_owned()];
/// assert_eq!(did_you_mean(&s).as_deref(), Some("did you mean 'GREEN-LOG' or 'GreenLog'?"));
/// assert_eq!(did_you_mean(&[]), None);
/// ```
pub fn did_you_mean(suggestions: &[String]) -> Option<String> {
    Some(format!("did you mean {}?", or_list(suggestions)?))
}

/// `names` as a reader sees them in a sentence: `'A'`, `'A' or 'B'`,
/// `'A', 'B' or 'C'`.
fn or_list(names: &[String]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} or {last}", rest.join(", "))),
    }
}

/// A sign that a text was decoded with the wrong code page: UTF-8 bytes
/// read as Windows-1253 (Greek) or Windows-1252 / ISO-8859-1 (Western), the
/// damage seen in scraped registration pages (`Γgueda` for `Águeda`,
/// `BaΕakΕehir` for `Başakşehir`, `Ã\u{a1}` for `á`).
///
/// Returned by [`detect_mojibake`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mojibake {
    /// The code page the UTF-8 text was most likely read as
    /// (`Windows-1253`, `Windows-1252`), or `unknown` for a replacement
    /// character `U+FFFD`.
    pub code_page: &'static str,
    /// The part of the text that gives it away (a word or a character pair).
    pub fragment: String,
}

impl std::fmt::Display for Mojibake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.code_page == "unknown" {
            write!(f, "{:?} holds a replacement character U+FFFD", self.fragment)
        } else {
            write!(f, "{:?} looks like UTF-8 read as {}", self.fragment, self.code_page)
        }
    }
}

/// The byte a Windows-1252 decoder turns into `c`, for `c` in the range a
/// UTF-8 continuation byte (0x80–0xBF) decodes to; ISO-8859-1's C1 controls
/// count too.
fn cp1252_continuation(c: char) -> bool {
    let u = u32::from(c);
    if (0x80..=0xBF).contains(&u) {
        return true;
    }
    matches!(
        c,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '•'
            | '–'
            | '—'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
    )
}

fn is_greek(c: char) -> bool {
    ('\u{0370}'..='\u{03ff}').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{00c0}'..='\u{024f}').contains(&c) && c.is_alphabetic())
}

/// Looks for the marks of mojibake in a name: a word that mixes Greek and
/// Latin letters (UTF-8 read as Windows-1253, as in `Γgueda`, `StraΓe`), a
/// UTF-8 lead character `Â`–`ß` followed by what a continuation byte becomes
/// in Windows-1252 (`Ã¡`, `ÅŸ`, `Ä±`), the three-character `â€` sequences of
/// quotes and dashes, or the replacement character `U+FFFD`.
///
/// Correct names in Greek script (`Αθήνα`) and Latin names with any
/// diacritics (`Başakşehir`, `Dolní Počernice`, `Rellinger Straße`) pass. The
/// check is a heuristic for *names*; it is not applied to free text.
///
/// ```
/// use twinning_profile::detect_mojibake;
///
/// assert!(detect_mojibake("Águeda").is_none());
/// assert!(detect_mojibake("Αθήνα").is_none());
/// let m = detect_mojibake("BaΕakΕehir").ok_or("not detected")?;
/// assert_eq!(m.code_page, "Windows-1253");
/// assert_eq!(m.fragment, "BaΕakΕehir");
/// assert_eq!(detect_mojibake("Ã\u{81}gueda").map(|m| m.code_page), Some("Windows-1252"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn detect_mojibake(text: &str) -> Option<Mojibake> {
    if text.contains('\u{fffd}') {
        return Some(Mojibake { code_page: "unknown", fragment: text.to_owned() });
    }
    for word in text.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
        if word.chars().any(is_greek) && word.chars().any(is_latin) {
            return Some(Mojibake { code_page: "Windows-1253", fragment: word.to_owned() });
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        let (Some(&lead), Some(&next)) = (pair.first(), pair.get(1)) else { continue };
        let two_byte_lead = ('\u{00c2}'..='\u{00df}').contains(&lead);
        let three_byte_lead = ('\u{00e0}'..='\u{00ef}').contains(&lead)
            && chars.get(i.saturating_add(2)).is_some_and(|&c| cp1252_continuation(c));
        if (two_byte_lead || three_byte_lead) && cp1252_continuation(next) {
            let end = if three_byte_lead { 3 } else { 2 };
            let fragment: String = chars.iter().skip(i).take(end).collect();
            return Some(Mojibake { code_page: "Windows-1252", fragment });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        // Independent: kitten → sitting is the textbook 3.
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("plzen", "plzen"), 0);
        assert_eq!(edit_distance("ž", "z"), 1);
    }

    #[test]
    fn names_match_without_case_spaces_hyphens_or_accents() {
        assert!(same_name("GreenLog", "GREEN-LOG"));
        assert!(same_name("Pilsen", "pilsen"));
        assert!(same_name("Plzeň", "PLZEN"));
        assert!(same_name("Issy les Moulineaux", "Issy-les-Moulineaux"));
        assert!(!same_name("", ""));
        assert!(!same_name("Gent", "Genk"));
    }

    #[test]
    fn or_list_reads_as_a_sentence() {
        let n = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(or_list(&n(&[])), None);
        assert_eq!(or_list(&n(&["A"])).as_deref(), Some("'A'"));
        assert_eq!(or_list(&n(&["A", "B", "C"])).as_deref(), Some("'A', 'B' or 'C'"));
    }

    #[test]
    fn mojibake_of_the_cohort_5_seed_is_detected() {
        // Seed 000 is UTF-8 read as Windows-1253 with bytes lost (`Γgueda`).
        for bad in
            ["Γgueda", "BaΕakΕehir", "Γankaya", "LohbrΓΌgge", "Rellinger StraΓe", "DolnΓ PoΔernice"]
        {
            assert_eq!(detect_mojibake(bad).map(|m| m.code_page), Some("Windows-1253"), "{bad}");
        }
        // The same names read as Windows-1252: "Ã¡" is á, "ÅŸ" is ş, "Ã¼" is ü.
        for bad in ["Ã¡gueda", "BaÅŸakÅŸehir", "LohbrÃ¼gge", "Aalborgâ€™s"] {
            assert_eq!(detect_mojibake(bad).map(|m| m.code_page), Some("Windows-1252"), "{bad}");
        }
        assert_eq!(detect_mojibake("K\u{fffd}ln").map(|m| m.code_page), Some("unknown"));
    }

    #[test]
    fn correct_names_pass_the_mojibake_check() {
        for good in [
            "Águeda",
            "Başakşehir",
            "Çankaya",
            "Lohbrügge",
            "Rellinger Straße",
            "Dolní Počernice",
            "Αθήνα",
            "Θεσσαλονίκη",
            "Łódź",
            "İzmir",
            "Plzeň",
            "Žilina",
            "Šiauliai",
            "Vitoria-Gasteiz",
            "Ærø",
            "Öströö",
            "ÑuÑoa",
            "Københavns Kommune",
            "Issy-les-Moulineaux",
            "Zürich",
        ] {
            assert_eq!(detect_mojibake(good), None, "{good}");
        }
    }

    #[test]
    fn folds_the_catalogue_spellings() {
        assert_eq!(fold_name("Plzeň"), "plzen");
        assert_eq!(fold_name("Çankaya"), "cankaya");
        assert_eq!(fold_name("İzmir"), "izmir");
        assert_eq!(fold_name("Köln"), "koln");
        assert_eq!(fold_name("Łódź"), "lodz");
        assert_eq!(fold_name("  Gävle  "), "gavle");
        assert_eq!(fold_name("Dolní Počernice"), "dolni pocernice");
        assert_eq!(fold_name("Reykjavík"), "reykjavik");
        assert_eq!(fold_name(""), "");
    }
}
