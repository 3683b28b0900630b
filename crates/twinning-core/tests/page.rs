//! The report model and its renderers: text that fits 80 columns, Markdown
//! that keeps its tables whole, HTML in which no value adds markup.

use twinning_core::{Block, Page, PageTable, TEXT_WIDTH, read_table, wrap};

fn table(headers: &[&str], rows: &[&[&str]]) -> PageTable {
    let mut t = PageTable::new(headers);
    for r in rows {
        t.row(r.iter().map(|c| (*c).to_owned()).collect());
    }
    t
}

fn page(blocks: Vec<Block>) -> Page {
    Page { blocks, sheets: Vec::new() }
}

#[test]
fn wrap_breaks_at_spaces_and_inside_long_words() {
    assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
    assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    assert_eq!(wrap("", 3), [""]);
    // Width counts characters, not bytes.
    assert_eq!(wrap("Águeda Ça", 6), ["Águeda", "Ça"]);
    assert_eq!(wrap("a  b\tc", 80), ["a b c"]);
    assert_eq!(wrap("abc", 0), ["a", "b", "c"]);
}

#[test]
fn text_titles_are_underlined_and_blocks_separated() {
    let r = page(vec![
        Block::Title("Plzeň (CZ)".to_owned()),
        Block::Fields(vec![
            ("Kind".to_owned(), "mission-city".to_owned()),
            ("Also called".to_owned(), "Pilsen".to_owned()),
        ]),
        Block::Heading("Roles".to_owned()),
        Block::List(vec!["one".to_owned()]),
    ]);
    let expected = "Plzeň (CZ)\n==========\n\n\
                    Kind:        mission-city\n\
                    Also called: Pilsen\n\n\
                    Roles\n-----\n\n\
                    - one\n";
    assert_eq!(r.to_text(), expected);
}

#[test]
fn wide_text_tables_fit_eighty_columns_and_keep_every_character() {
    let long = "word ".repeat(40);
    let (a, c) = ("x".repeat(30), "y".repeat(50));
    let r = page(vec![Block::Table(table(&["name", "description", "more"], &[&[&a, &long, &c]]))]);
    let text = r.to_text();
    for line in text.lines() {
        assert!(line.chars().count() <= TEXT_WIDTH, "{line:?}");
    }
    assert_eq!(text.chars().filter(|ch| *ch == 'y').count(), 50);
    assert_eq!(text.matches("word").count(), 40);
}

#[test]
fn long_paragraphs_and_list_items_wrap() {
    let words = "lorem ".repeat(30);
    let r = page(vec![Block::Text(words.clone()), Block::List(vec![words])]);
    let text = r.to_text();
    assert!(text.lines().all(|l| l.chars().count() <= TEXT_WIDTH));
    // A list item's continuation lines are indented under its text.
    assert!(text.lines().any(|l| l.starts_with("  lorem")));
    assert_eq!(text.matches("lorem").count(), 60);
}

#[test]
fn markdown_escapes_pipes_and_joins_line_breaks_in_cells() {
    let r = page(vec![Block::Table(table(&["a", "b"], &[&["x|y", "one\ntwo"]]))]);
    assert_eq!(r.to_markdown(), "| a | b |\n|---|---|\n| x\\|y | one two |\n");
    let fields = page(vec![Block::Fields(vec![("k|1".to_owned(), "v|2".to_owned())])]);
    assert_eq!(fields.to_markdown(), "- **k\\|1:** v\\|2\n");
}

#[test]
fn markdown_fences_code() {
    let r = page(vec![
        Block::Title("T".to_owned()),
        Block::Code { lang: "mermaid".to_owned(), body: "gantt".to_owned() },
    ]);
    assert_eq!(r.to_markdown(), "# T\n\n```mermaid\ngantt\n```\n");
}

#[test]
fn html_escapes_every_text() {
    let evil = "<script>alert('x')</script> & \"q\"";
    let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";
    let r = page(vec![
        Block::Title(evil.to_owned()),
        Block::Heading(evil.to_owned()),
        Block::Text(evil.to_owned()),
        Block::Fields(vec![(evil.to_owned(), evil.to_owned())]),
        Block::List(vec![evil.to_owned()]),
        Block::Table(table(&[evil], &[&[evil]])),
        Block::Code { lang: evil.to_owned(), body: evil.to_owned() },
    ]);
    let html = r.to_html();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("'x'"), "{html}");
    // Title, heading, paragraph, label, value, item, header, cell, language, body.
    assert_eq!(html.matches(escaped).count(), 10, "{html}");
}

#[test]
fn html_has_one_element_per_block_part() {
    let r = page(vec![
        Block::Title("Cities".to_owned()),
        Block::Text("one\ntwo".to_owned()),
        Block::Table(table(&["City", "Note"], &[&["Tartu", "a\nb"]])),
    ]);
    let expected = "<h1>Cities</h1>\n<p>one</p>\n<p>two</p>\n<table>\n<thead>\n\
                    <tr><th scope=\"col\">City</th><th scope=\"col\">Note</th></tr>\n</thead>\n\
                    <tbody>\n<tr><td>Tartu</td><td>a<br>b</td></tr>\n</tbody>\n</table>\n";
    assert_eq!(r.to_html(), expected);
}

#[test]
fn tables_put_the_largest_real_table_first() {
    let r = page(vec![
        Block::Title("Page".to_owned()),
        Block::Fields(vec![("Total".to_owned(), "2".to_owned())]),
        Block::Heading("Small".to_owned()),
        Block::Table(table(&["a"], &[&["1"]])),
        Block::Heading("Large".to_owned()),
        Block::Table(table(&["b"], &[&["1"], &["2"]])),
    ]);
    let names: Vec<String> = r.tables().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Large", "Page", "Small"]);
    let csv = r.to_csv().unwrap().unwrap();
    assert_eq!(csv, "b\n1\n2\n");
    assert_eq!(page(vec![Block::Text("no table".to_owned())]).to_csv().unwrap(), None);
}

#[test]
fn csv_defuses_formulas() {
    let r = page(vec![Block::Table(table(&["cell"], &[&["=1+1"]]))]);
    let csv = r.to_csv().unwrap().unwrap();
    // Read back by the table reader: the cell is text, not a formula.
    let read = read_table(csv.as_bytes(), &twinning_core::TableOptions::default()).unwrap();
    assert_eq!(read.rows()[0].cell(0), Some("'=1+1"));
}

#[test]
fn xlsx_holds_every_table_as_a_sheet() {
    let r = page(vec![
        Block::Heading("First".to_owned()),
        Block::Table(table(&["a"], &[&["1"], &["2"]])),
        Block::Heading("Second".to_owned()),
        Block::Table(table(&["b"], &[&["3"]])),
    ]);
    let bytes = r.to_xlsx().unwrap().unwrap();
    // An .xlsx file is a ZIP archive: its local file header signature.
    assert_eq!(bytes.get(..4), Some(&b"PK\x03\x04"[..]));
    let options =
        twinning_core::TableOptions { sheet: Some("Second".to_owned()), ..Default::default() };
    let second = read_table(&bytes, &options).unwrap();
    assert_eq!(second.headers(), ["b"]);
    assert_eq!(second.rows()[0].cell(0), Some("3"));
}

/// What a CommonMark reader (pulldown-cmark, with GitHub's tables and
/// strikethrough) sees in `md`: the text of each paragraph, heading, list
/// item and table cell, and any markup besides that structure (emphasis,
/// code, links, raw HTML, quotes, …) as found.
fn read_markdown(md: &str) -> (Vec<String>, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let (mut texts, mut markup, mut current) = (Vec::new(), Vec::new(), String::new());
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) => current.push_str(&t),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            ) => {
                // A loose list item ends its paragraph, then itself.
                if !current.is_empty() {
                    texts.push(std::mem::take(&mut current));
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::List(None)
                | Tag::Item
                | Tag::Strong,
            )
            | Event::End(_) => {}
            other => markup.push(format!("{other:?}")),
        }
    }
    (texts, markup)
}

proptest::proptest! {
    /// Whatever a name holds, a Markdown reader shows exactly that text in
    /// every kind of block, and no markup of its own.
    #[test]
    fn markdown_shows_any_text_as_written(
        s in "[A-Za-z0-9!-/:-@\\[-`{-~éÆ][A-Za-z0-9 !-/:-@\\[-`{-~éÆ]{0,24}[A-Za-z0-9!-/:-@\\[-`{-~éÆ]"
    ) {
        let mut t = PageTable::new(&["h"]);
        t.row(vec![s.clone()]);
        let md = page(vec![
            Block::Title(s.clone()),
            Block::Heading(s.clone()),
            Block::Text(s.clone()),
            Block::Fields(vec![(s.clone(), s.clone())]),
            Block::List(vec![s.clone()]),
            Block::Table(t),
        ])
        .to_markdown();
        let (texts, markup) = read_markdown(&md);
        proptest::prop_assert!(markup.is_empty(), "{markup:?} in\n{md}");
        let field = format!("{s}: {s}");
        let expected = [&s, &s, &s, &field, &s, "h", &s];
        proptest::prop_assert_eq!(texts, expected, "{}", md);
    }
}

#[test]
fn markdown_keeps_html_and_markup_in_names_as_text() {
    for name in ["<script>alert(1)</script>", "*Lyon*", "`x`", "[a](http://x)", "1. Gent", "&amp;"]
    {
        let md = page(vec![Block::Text(name.to_owned())]).to_markdown();
        let (texts, markup) = read_markdown(&md);
        assert!(markup.is_empty(), "{markup:?}: {md}");
        assert_eq!(texts, [name], "{md}");
    }
}
