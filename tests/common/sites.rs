//! Sites written by code for the tests of citations, share images and open data: every
//! name is made up. `citation_site` has the cases citation clients get wrong (a family
//! name that is not the last word, an organisation, a quote ending in a period with an
//! original-language text, an access date, share images); `many_topics_site` is the
//! generated benchmark corpus (40 topics), at a given number of articles.

use std::path::Path;

/// The share image of `citation_site` (`static/img/share.png`), in pixels.
pub const SHARE_SIZE: (u32, u32) = (120, 63);
/// A speaker's own image (`static/img/norma.png`).
pub const PORTRAIT_SIZE: (u32, u32) = (40, 50);

pub const SITE_TITLE: &str = "Fictional Dossier";
pub const ARTICLE_TITLE: &str = "Fictional talks resume in Exampleton";
pub const ARTICLE_SLUG: &str = "fictional-talks";
pub const SOURCE: &str = "The Fictional Times";
pub const QUOTE_ID: &str = "norma-stop-us";
pub const QUOTE_TEXT: &str = "We will not let them stop us.";
pub const ORIGINAL_TEXT: &str = "ما نمی‌گذاریم ما را متوقف کنند.";
pub const WU_QUOTE_ID: &str = "wu-patience";
pub const COUNCIL_QUOTE_ID: &str = "council-statement";

/// Writes the citation test site into `root` (an empty folder).
pub fn citation_site(root: &Path) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        &format!(
            "title = \"{SITE_TITLE}\"\ndescription = \"A made-up dossier for tests.\"\n\
             base_url = \"https://example.test/\"\nimage = \"img/share.png\"\n"
        ),
    );
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    std::fs::write(root.join("static/img/share.png"), png(SHARE_SIZE)).unwrap();
    std::fs::write(root.join("static/img/norma.png"), png(PORTRAIT_SIZE)).unwrap();
    write(
        "content/topics/talks.md",
        "+++\ntitle = \"Talks\"\ndescription = \"Made-up talks.\"\n+++\nBackground.\n",
    );
    write(
        "content/speakers/norma-fictive.md",
        "+++\nname = \"Norma Fictive\"\nrole = \"Minister of Examples\"\nimage = \"img/norma.png\"\n+++\nA made-up person.\n",
    );
    write(
        "content/speakers/wu-testmei.md",
        "+++\nname = \"Wu Testmei\"\nfamily_name = \"Wu\"\n+++\nA made-up person whose family name comes first.\n",
    );
    write(
        "content/speakers/council-of-examples.md",
        "+++\nname = \"Council of Examples\"\nfamily_name = \"Council of Examples\"\n+++\nA made-up organisation.\n",
    );
    write(
        &format!("content/articles/2025-03-12-{ARTICLE_SLUG}.md"),
        &format!(
            r#"+++
title = "{ARTICLE_TITLE}"
date = 2025-03-12
author = "Mina Dast Sample"
author_family_name = "Dast Sample"
accessed = 2025-03-14
source = "{SOURCE}"
source_url = "https://news.example.test/talks"
summary = "A made-up summary."
topics = ["talks"]

[[quotes]]
speaker = "norma-fictive"
id = "{QUOTE_ID}"
text = "{QUOTE_TEXT}"
context = "A made-up press conference"

[quotes.original]
language = "fa"
text = "{ORIGINAL_TEXT}"

[[quotes]]
speaker = "wu-testmei"
id = "{WU_QUOTE_ID}"
text = "Patience is a made-up virtue."

[[quotes]]
speaker = "council-of-examples"
id = "{COUNCIL_QUOTE_ID}"
text = "The council has made up its mind."
+++
A made-up body.
"#
        ),
    );
    write(
        "content/articles/2025-01-05-older.md",
        "+++\ntitle = \"An older made-up article\"\ndate = 2025-01-05\nsource = \"The Fictional Times\"\n\
         source_url = \"https://news.example.test/older\"\nsummary = \"Older.\"\ntopics = [\"talks\"]\n+++\nBody.\n",
    );
}

/// The generated benchmark corpus (40 made-up topics) with `articles` articles, in `root`.
pub fn many_topics_site(root: &Path, articles: usize) {
    let corpus = super::corpus::generate(articles);
    super::corpus::write_dossier(&corpus, root).unwrap();
}

/// A valid PNG of `width` × `height` pixels (grey, 8-bit RGB), made here so the test
/// needs no image file: the PNG signature, IHDR, one zlib-compressed IDAT, IEND.
pub fn png((width, height): (u32, u32)) -> Vec<u8> {
    use std::io::Write;
    let mut raw = Vec::new();
    for _ in 0..height {
        raw.push(0); // filter: none
        raw.extend(std::iter::repeat_n(0x80, width as usize * 3));
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&raw).unwrap();
    let idat = zlib.finish().unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(b"IHDR", ihdr), (b"IDAT", idat), (b"IEND", Vec::new())] {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(&data);
        out.extend(kind);
        out.extend(&data);
        out.extend(crc.sum().to_be_bytes());
    }
    out
}
