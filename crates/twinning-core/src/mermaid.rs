//! Text that Mermaid's Gantt grammar reads as plain words.

/// Words Mermaid's Gantt lexer reads as statements at the start of a line,
/// whatever follows (its grammar is case-insensitive): a task named
/// "Call for Twin Cities" would start a `call` callback, "Title page" would
/// be the chart's title.
const KEYWORDS: [&str; 17] = [
    "accdescr",
    "acctitle",
    "axisformat",
    "call",
    "click",
    "dateformat",
    "excludes",
    "gantt",
    "includes",
    "inclusiveenddates",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "weekday",
    "weekend",
];

/// A task name for a Mermaid Gantt chart that Mermaid shows as written:
/// `:` `;` `#` and `%` become Mermaid entity codes (`#58;` …), line breaks
/// spaces, and a name that starts with one of Mermaid's statement words
/// (`Call for …`, `Title …`, `Section …`) or a digit (a date such as
/// `2026-05-28 …`) has its first character written as an entity code too,
/// so the lexer reads the line as a task. Mermaid turns the codes back into
/// the characters when it draws the chart.
///
/// ```
/// use twinning_core::mermaid_task;
///
/// assert_eq!(mermaid_task("Call for Twin Cities"), "#67;all for Twin Cities");
/// assert_eq!(mermaid_task("Deadline: 17:00"), "Deadline#58; 17#58;00");
/// assert_eq!(mermaid_task("Programme runs"), "Programme runs");
/// ```
#[must_use]
pub fn mermaid_task(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = text.to_lowercase();
    let guard = KEYWORDS.iter().any(|k| lower.starts_with(k))
        || text.starts_with(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            ':' | ';' | '#' | '%' => out.push_str(&format!("#{};", u32::from(c))),
            c if i == 0 && guard => out.push_str(&format!("#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    if out.is_empty() { "(untitled)".to_owned() } else { out }
}

/// A chart title for Mermaid's `title` statement: one line, with `%` and
/// `#` as entity codes (`%%` would start a comment).
///
/// ```
/// assert_eq!(twinning_core::mermaid_title("Cohort 1: 100% #1"), "Cohort 1: 100#37; #35;1");
/// ```
#[must_use]
pub fn mermaid_title(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' | '%' => out.push_str(&format!("#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}
