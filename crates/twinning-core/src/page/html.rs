//! An HTML fragment for a web page to embed.

use std::fmt::Write as _;

use super::{Block, PageTable};

/// The blocks as HTML elements, one per line or group of lines; every text
/// escaped.
pub(super) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => element(&mut out, "h1", t),
            Block::Heading(t) => element(&mut out, "h2", t),
            Block::Text(t) => {
                for para in t.split('\n') {
                    element(&mut out, "p", para);
                }
            }
            Block::Fields(fields) => {
                out.push_str("<dl>\n");
                for (k, v) in fields {
                    element(&mut out, "dt", k);
                    element(&mut out, "dd", v);
                }
                out.push_str("</dl>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    element(&mut out, "li", item);
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => push_table(&mut out, table),
            Block::Code { lang, body } => {
                let _ = writeln!(
                    out,
                    "<pre><code class=\"language-{}\">{}</code></pre>",
                    escape(lang),
                    escape(body)
                );
            }
        }
    }
    out
}

/// `<tag>text</tag>` and a line break, the text escaped.
fn element(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, "<{tag}>{}</{tag}>", escape(text));
}

/// A table with a header row of column headings; line breaks in a cell
/// become `<br>`.
fn push_table(out: &mut String, table: &PageTable) {
    out.push_str("<table>\n<thead>\n<tr>");
    for h in &table.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", cell(h));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for i in 0..table.headers.len().max(row.len()) {
            let _ = write!(out, "<td>{}</td>", cell(row.get(i).map_or("", String::as_str)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// An escaped cell, its line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("<br>")
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element content
/// and in quoted attribute values of HTML and SVG.
///
/// ```
/// assert_eq!(twinning_core::escape_html("<b>\"Gent\" & 'Lyon'</b>"),
///            "&lt;b&gt;&quot;Gent&quot; &amp; &#39;Lyon&#39;&lt;/b&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    escape(text)
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
