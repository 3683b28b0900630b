//! Tables as people hand them over, and tables written back.

use twinning_core::{
    Column, ColumnMapping, CountryCode, RowPlace, SheetOut, TableError, TableOptions,
    column_letters, defuse_cell, read_table, write_csv, write_xlsx,
};

fn read(bytes: &[u8]) -> twinning_core::Table {
    read_table(bytes, &TableOptions::default()).unwrap()
}

#[test]
fn a_continental_excel_csv_reads_with_its_separator_bom_and_line_numbers() {
    // What Excel writes as "CSV UTF-8" in a continental locale: BOM, `;`, CRLF.
    let t = read(b"\xef\xbb\xbfName;Country;Note\r\nGent;BE;\"a; b\"\r\n\r\nPlze\xc5\x88;CZ;\r\n");
    assert_eq!(t.headers(), ["Name", "Country", "Note"]);
    assert_eq!(t.rows().len(), 2);
    assert_eq!(t.rows()[0].cells, ["Gent", "BE", "a; b"]);
    assert_eq!(t.rows()[0].place, RowPlace::Line(2));
    // Line 3 is empty: the third data line is line 4.
    assert_eq!(t.rows()[1].place, RowPlace::Line(4));
    assert_eq!(t.rows()[1].cells[0], "Plzeň");
    assert!(t.notes().iter().any(|n| n.contains("\";\"")), "{:?}", t.notes());
}

#[test]
fn tabs_pipes_and_forced_separators() {
    assert_eq!(read(b"a\tb\n1\t2\n").rows()[0].cells, ["1", "2"]);
    assert_eq!(read(b"a|b\n1|2\n").rows()[0].cells, ["1", "2"]);
    // A comma table whose cells hold semicolons stays a comma table.
    assert_eq!(read(b"a,b\n\"x;y;z\",2\n").rows()[0].cells, ["x;y;z", "2"]);
    let forced = TableOptions { delimiter: Some(b';'), ..TableOptions::default() };
    assert_eq!(read_table(b"a,b;c\n1,2;3\n", &forced).unwrap().headers(), ["a,b", "c"]);
}

#[test]
fn windows_1252_is_read_with_a_note_and_utf_16_needs_its_bom() {
    // In Windows-1252, 0xFC is "ü" and 0xE9 is "é" (the code page's table).
    let t = read(b"name;country\r\nM\xfcnster;DE\r\nLi\xe8ge;BE\r\n");
    assert_eq!(t.rows()[0].cells[0], "Münster");
    assert_eq!(t.rows()[1].cells[0], "Liège");
    assert!(t.notes().iter().any(|n| n.contains("Windows-1252")), "{:?}", t.notes());

    let text = "name,country\r\nKöln,DE\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let t = read(&le);
    assert_eq!(t.rows()[0].cells, ["Köln", "DE"]);
    assert!(t.notes().iter().any(|n| n.contains("UTF-16")), "{:?}", t.notes());

    let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = read_table(&no_bom, &TableOptions::default()).unwrap_err();
    assert!(matches!(&e, TableError::Encoding(m) if m.contains("UTF-16")), "{e}");
}

#[test]
fn a_row_with_too_many_cells_names_its_line() {
    let e = read_table(b"a;b\r\n1;2\r\n1;2;3\r\n", &TableOptions::default()).unwrap_err();
    assert!(matches!(&e, TableError::Row { line: 3, .. }), "{e}");
}

#[test]
fn an_ods_sheet_is_read_with_its_date_cells() {
    // A workbook written by hand from the OpenDocument specification.
    let t = read(include_bytes!("data/survey.ods"));
    assert!(t.from_sheet());
    assert_eq!(t.headers(), ["Name der Stadt", "Land", "Eingereicht"]);
    assert_eq!(t.rows()[0].cells, ["Münster", "Deutschland", "2026-01-10T14:30:00"]);
    assert_eq!(t.place(&t.rows()[0], 2).to_string(), "cell C2 (column \"Eingereicht\")");
}

#[test]
fn xlsx_written_here_reads_back_through_calamine() {
    let headers = vec!["Applicant".to_owned(), "Year".to_owned(), "Note".to_owned()];
    let rows = vec![
        vec!["Plzeň".to_owned(), "2030".to_owned(), "=1+1".to_owned()],
        vec!["Gent".to_owned(), "007".to_owned(), "line one\nline two".to_owned()],
    ];
    let bytes =
        write_xlsx(&[SheetOut { name: "Decisions", headers: &headers, rows: &rows }]).unwrap();
    let t = read(&bytes);
    assert_eq!(t.headers(), headers.as_slice());
    // "=1+1" is stored as text, not a formula: it reads back as written.
    assert_eq!(t.rows()[0].cells, rows[0]);
    // A number with a leading zero stays text.
    assert_eq!(t.rows()[1].cells, rows[1]);
    let named = TableOptions { sheet: Some("decisions".to_owned()), ..TableOptions::default() };
    assert_eq!(read_table(&bytes, &named).unwrap().rows().len(), 2);
    let missing = TableOptions { sheet: Some("Pairs".to_owned()), ..TableOptions::default() };
    let e = read_table(&bytes, &missing).unwrap_err();
    assert!(matches!(&e, TableError::NoSheet { sheets, .. } if sheets == &["Decisions"]), "{e}");
}

#[test]
fn xlsx_is_the_same_bytes_whenever_it_is_written() {
    let headers = vec!["City".to_owned()];
    let rows = vec![vec!["Plzeň".to_owned()]];
    let write = || write_xlsx(&[SheetOut { name: "Cities", headers: &headers, rows: &rows }]);
    let first = write().unwrap();
    // The workbook's metadata records times to the second: a write in the
    // next second would differ if it recorded the time of writing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(write().unwrap(), first);
}

#[test]
fn csv_written_here_defuses_formulas_and_reads_back() {
    let headers = vec!["a".to_owned(), "b".to_owned()];
    let rows = vec![
        vec!["=HYPERLINK(\"http://x\")".to_owned(), "-3".to_owned()],
        vec!["@SUM(A1)".to_owned(), "x, \"y\"".to_owned()],
    ];
    let text = write_csv(&headers, &rows).unwrap();
    let t = read(text.as_bytes());
    assert_eq!(t.rows()[0].cells, ["'=HYPERLINK(\"http://x\")", "-3"]);
    assert_eq!(t.rows()[1].cells, ["'@SUM(A1)", "x, \"y\""]);
    for risky in ["=1", "+A1", "-A1", "@x", "\tx", "\rx"] {
        assert!(defuse_cell(risky).starts_with('\''), "{risky:?}");
    }
    assert_eq!(defuse_cell("+1.5"), "+1.5");
}

#[test]
fn headers_match_ignoring_case_spaces_and_punctuation_and_through_a_mapping() {
    const COLUMNS: [Column; 2] = [
        Column { name: "name", aliases: &["city"] },
        Column { name: "neutrality_year", aliases: &["climate neutrality target"] },
    ];
    let t = read(b"City;Climate-neutrality target;Q7 Comments\n");
    let m = t.match_columns(&COLUMNS, None).unwrap();
    assert_eq!(m.indices, [Some(0), Some(1)]);
    assert_eq!(m.unused, ["Q7 Comments"]);

    let t = read(b"Q1. Your city?;Q2 Year\n");
    let mapping =
        ColumnMapping::from_json(r#"{"Q1. Your city?": "name", "q2 year": "neutrality year"}"#)
            .unwrap();
    assert_eq!(t.match_columns(&COLUMNS, Some(&mapping)).unwrap().indices, [Some(0), Some(1)]);

    let bad = ColumnMapping::from_pairs([("Q1", "nmae")]);
    assert!(matches!(t.match_columns(&COLUMNS, Some(&bad)), Err(TableError::Header(_))));
    let twice = read(b"name;City\n");
    assert!(matches!(twice.match_columns(&COLUMNS, None), Err(TableError::Header(_))));
}

#[test]
fn column_letters_count_like_a_spreadsheet() {
    // A..Z are 0..25; then AA (26), AZ (51), BA (52); ZZ is 26 + 26*26 - 1.
    assert_eq!(column_letters(0), "A");
    assert_eq!(column_letters(25), "Z");
    assert_eq!(column_letters(26), "AA");
    assert_eq!(column_letters(51), "AZ");
    assert_eq!(column_letters(52), "BA");
    assert_eq!(column_letters(26 + 26 * 26 - 1), "ZZ");
    assert_eq!(column_letters(26 + 26 * 26), "AAA");
}

#[test]
fn country_names_in_english_and_native_spellings() {
    for (name, code) in [
        ("Belgique", "BE"),
        ("België", "BE"),
        ("Deutschland", "DE"),
        ("ESPAÑA", "ES"),
        ("Espana", "ES"),
        ("Ελλάδα", "GR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Polska", "PL"),
        ("Česká republika", "CZ"),
        ("Sverige", "SE"),
        ("fr", "FR"),
    ] {
        assert_eq!(
            CountryCode::from_name(name).map(|c| c.to_string()).as_deref(),
            Some(code),
            "{name}"
        );
    }
    assert!(CountryCode::from_name("Narnia").is_none());
}
