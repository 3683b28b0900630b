//! GitHub-flavoured Markdown.

use super::{Block, PageTable};

/// The blocks as Markdown, one blank line between blocks.
pub(super) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n", heading(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n", heading(t))),
            Block::Text(t) => {
                // Each line on its own: a line break in the text stays one.
                let lines: Vec<String> = t.lines().map(escape_markdown).collect();
                out.push_str(&lines.join("\n"));
                out.push('\n');
            }
            Block::Fields(fields) => {
                for (k, v) in fields {
                    out.push_str(&format!("- **{}:** {}\n", cell(k), cell(v)));
                }
            }
            Block::Table(table) => out.push_str(&markdown_table(table)),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", cell(item)));
                }
            }
            Block::Code { lang, body } => {
                out.push_str(&format!("```{lang}\n{body}"));
                if !body.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("```\n");
            }
        }
    }
    out
}

/// A table: header row, `---` rule, one line per row.
fn markdown_table(table: &PageTable) -> String {
    let line = |cells: &[String]| {
        let inner: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", inner.join(" | "))
    };
    let mut out = line(&table.headers);
    out.push_str(&format!("|{}|\n", vec!["---"; table.headers.len()].join("|")));
    for row in &table.rows {
        out.push_str(&line(row));
    }
    out
}

/// Escapes a table cell or a one-line item: line breaks would break the
/// row, and the text is escaped as by [`escape_markdown`].
fn cell(s: &str) -> String {
    escape_markdown(&s.replace(['\r', '\n'], " "))
}

/// Text that a Markdown reader shows exactly as written: every character
/// that could start markup (emphasis, code, a link, raw HTML, an entity, a
/// table cell's end, a heading) is escaped with a backslash, as CommonMark
/// allows for any ASCII punctuation, and so is a line's start that would
/// begin a list, a quote or a heading. A city named `<script>` or
/// `*Lyon*` reads as that text, not as a tag or as emphasis.
///
/// ```
/// use twinning_core::escape_markdown;
///
/// assert_eq!(escape_markdown("<b>A&B</b>"), "\\<b\\>A\\&B\\</b\\>");
/// assert_eq!(escape_markdown("1. Gent_Ghent"), "1\\. Gent\\_Ghent");
/// assert_eq!(escape_markdown("Lyon"), "Lyon");
/// ```
pub fn escape_markdown(text: &str) -> String {
    escape(text, true)
}

/// A heading's text: after `# ` no list or quote can start, so only markup
/// is escaped.
fn heading(text: &str) -> String {
    escape(&text.replace(['\r', '\n'], " "), false)
}

/// Escapes markup, and what would start a block when `block_start`.
fn escape(text: &str, block_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    // A leading run of digits then "." or ")" starts an ordered list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!' | '$'
        );
        let starts_block = block_start
            && ((i == 0 && matches!(c, '-' | '+' | '=' | ':'))
                || (digits > 0 && i == digits && matches!(c, '.' | ')')));
        if special || starts_block {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
