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
            Block::Title(t) => out.push_str(&format!("# {t}\n")),
            Block::Heading(t) => out.push_str(&format!("## {t}\n")),
            Block::Text(t) => {
                out.push_str(t);
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
                    out.push_str(&format!("- {}\n", item.replace('\n', " ")));
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

/// Escapes a table cell: pipes and line breaks would break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
