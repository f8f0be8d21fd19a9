//! Arbitrary bytes as an article, through load, link, render and diagnostic rendering.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dossier::check_article_bytes(data);
});
