//! Any text as a cell of `quotes.csv`: a spreadsheet reading the file back gets the text,
//! with a `'` before it exactly when it would start a formula, and never a formula.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let cell = dossier::render::data::spreadsheet_safe(text);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record([cell.as_ref(), "next"]).unwrap();
    let bytes = writer.into_inner().unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[0], cell.as_ref(), "the cell reads back as written");
    assert_eq!(&record[1], "next", "the text stays in its cell");
    assert!(!record[0].starts_with(['=', '+', '-', '@', '\t', '\r']));
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let expected = if formula { format!("'{text}") } else { text.to_string() };
    assert_eq!(&record[0], expected);
});
