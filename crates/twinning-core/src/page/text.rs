//! Plain text for an 80-column terminal.

use super::{Block, PageTable};

/// The width, in characters, that text output fits.
pub const TEXT_WIDTH: usize = 80;
/// Gap between table columns.
const GAP: usize = 2;
/// Narrowest a column is squeezed to before cells wrap harder.
const MIN_COL: usize = 6;
/// Widest a `Fields` label column grows.
const MAX_LABEL: usize = 28;

/// The blocks as text, one blank line between blocks.
pub(super) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => underlined(&mut out, t, "="),
            Block::Heading(t) => underlined(&mut out, t, "-"),
            Block::Text(t) => {
                for para in t.split('\n') {
                    push_lines(&mut out, &wrap(para, TEXT_WIDTH));
                }
            }
            Block::Fields(fields) => push_fields(&mut out, fields),
            Block::Table(table) => out.push_str(&text_table(table)),
            Block::List(items) => {
                for item in items {
                    for (j, line) in wrap(item, TEXT_WIDTH - 2).iter().enumerate() {
                        out.push_str(if j == 0 { "- " } else { "  " });
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Block::Code { body, .. } => {
                out.push_str(body);
                if !body.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// `label: value` lines, values aligned and wrapped; a label too long for
/// the label column gets a line of its own.
fn push_fields(out: &mut String, fields: &[(String, String)]) {
    let label_w =
        fields.iter().map(|(k, _)| k.chars().count() + 1).max().unwrap_or(0).min(MAX_LABEL);
    let value_w = TEXT_WIDTH.saturating_sub(label_w + 1).max(20);
    for (k, v) in fields {
        let label = format!("{k}:");
        if label.chars().count() > label_w {
            out.push_str(&label);
            out.push('\n');
            for line in wrap(v, value_w) {
                out.push_str(&" ".repeat(label_w + 1));
                out.push_str(&line);
                out.push('\n');
            }
            continue;
        }
        for (j, line) in wrap(v, value_w).iter().enumerate() {
            if j == 0 {
                out.push_str(&pad(&label, label_w));
            } else {
                out.push_str(&" ".repeat(label_w));
            }
            out.push(' ');
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// Appends each line with its line break.
fn push_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

/// A title or heading: the wrapped text, then a rule of `mark` under it.
fn underlined(out: &mut String, text: &str, mark: &str) {
    push_lines(out, &wrap(text, TEXT_WIDTH));
    out.push_str(&mark.repeat(text.chars().count().min(TEXT_WIDTH)));
    out.push('\n');
}

/// An aligned plain-text table no wider than [`TEXT_WIDTH`]: the widest
/// column shrinks first, and long cells wrap.
fn text_table(table: &PageTable) -> String {
    let n = table.headers.len();
    if n == 0 {
        return String::new();
    }
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let budget = TEXT_WIDTH.saturating_sub(GAP * (n - 1));
    // Shrink the widest column one step at a time until the row fits.
    while widths.iter().sum::<usize>() > budget {
        let Some((idx, &w)) = widths.iter().enumerate().max_by_key(|&(i, w)| (*w, usize::MAX - i))
        else {
            break;
        };
        if w <= MIN_COL {
            break;
        }
        if let Some(slot) = widths.get_mut(idx) {
            *slot = w - 1;
        }
    }
    let mut out = String::new();
    let emit_row = |cells: &[String], out: &mut String| {
        let wrapped: Vec<Vec<String>> =
            widths.iter().enumerate().map(|(i, &w)| wrap(cell(cells, i), w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line_no in 0..height {
            let mut line = String::new();
            for (i, col) in wrapped.iter().enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(GAP));
                }
                let text = col.get(line_no).map(String::as_str).unwrap_or("");
                line.push_str(&pad(text, widths.get(i).copied().unwrap_or(0)));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    };
    emit_row(&table.headers, &mut out);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    out.push_str(rule.join(&" ".repeat(GAP)).trim_end());
    out.push('\n');
    for row in &table.rows {
        emit_row(row, &mut out);
    }
    out
}

fn cell(cells: &[String], i: usize) -> &str {
    cells.get(i).map(String::as_str).unwrap_or("")
}

/// Pads `s` with spaces to `width` characters.
fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    let mut out = s.to_owned();
    if len < width {
        out.push_str(&" ".repeat(width - len));
    }
    out
}

/// Wraps `text` into lines of at most `width` characters (at least 1),
/// breaking at whitespace and, for words longer than a line, inside the
/// word; runs of whitespace become one space. An empty text is one empty
/// line.
///
/// ```
/// use twinning_core::wrap;
///
/// assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
/// assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
/// ```
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let wlen = word.len();
            let needed = if line_len == 0 { wlen } else { line_len + 1 + wlen };
            if needed <= width {
                if line_len > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                line_len = needed;
                break;
            }
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
                continue;
            }
            // A word longer than the whole line: cut it.
            let rest = word.split_off(width.min(word.len()));
            lines.push(word.iter().collect());
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if line_len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}
