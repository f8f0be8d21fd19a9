use std::path::PathBuf;
use std::time::Duration;

use crate::index::PagefindIndexes;
use crate::{SearchOptions, PAGEFIND_VERSION};
use futures::future::join_all;
use rayon::prelude::*;
use std::collections::BTreeMap;
use include_dir::{include_dir, Dir};
use minifier::js::minify;
use tokio::fs::{create_dir_all, File};
use tokio::io::AsyncWriteExt;
use tokio::time::sleep;

mod entry;

const GENERIC_WEB_WASM: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/wasm/pagefind_web_bg.unknown.",
    env!("CARGO_PKG_VERSION"),
    ".wasm.gz"
));
const WEB_WASM_FILES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/vendor/wasm");

const WEB_JS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_web.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const WEB_UI_JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_ui.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const WEB_UI_CSS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_ui.",
    env!("CARGO_PKG_VERSION"),
    ".css"
));
const WEB_MODULAR_UI_JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_modular_ui.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const WEB_MODULAR_UI_CSS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_modular_ui.",
    env!("CARGO_PKG_VERSION"),
    ".css"
));
const COMPONENT_UI_JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_component_ui.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const COMPONENT_UI_CSS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_component_ui.",
    env!("CARGO_PKG_VERSION"),
    ".css"
));
const SEARCH_JS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_public_search_api.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const HIGHLIGHT_JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_highlight.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));
const WORKER_JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/vendor/pagefind_worker.",
    env!("CARGO_PKG_VERSION"),
    ".js"
));

pub struct LanguageMeta {
    pub page_count: usize,
    pub language: String,
    pub hash: String,
    pub wasm: Option<String>,
}

pub async fn write_common_to_disk(
    language_indexes: Vec<LanguageMeta>,
    output_playground: bool,
    outdir: &PathBuf,
    options: &SearchOptions,
) {
    write_common(language_indexes, output_playground, outdir, options, false).await;
}

pub async fn write_common_to_memory(
    language_indexes: Vec<LanguageMeta>,
    output_playground: bool,
    outdir: &PathBuf,
    options: &SearchOptions,
) -> Vec<SyntheticFile> {
    write_common(language_indexes, output_playground, outdir, options, true)
        .await
        .unwrap()
}

async fn write_common(
    language_indexes: Vec<LanguageMeta>,
    output_playground: bool,
    outdir: &PathBuf,
    options: &SearchOptions,
    synthetic: bool,
) -> Option<Vec<SyntheticFile>> {
    let js_version = format!("const pagefind_version = \"{PAGEFIND_VERSION}\";");
    let mut js = vec![];
    minify(&format!("{js_version}\n{WEB_JS}\n{SEARCH_JS}"))
        .expect("Minifying Pagefind JS failed")
        .write(&mut js)
        .expect("Writing minified Pagefind JS failed");

    let mut worker_js = vec![];
    minify(&format!(
        "{js_version}\n{WEB_JS}\n{}",
        String::from_utf8_lossy(WORKER_JS)
    ))
    .expect("Minifying Pagefind Worker JS failed")
    .write(&mut worker_js)
    .expect("Writing minified Pagefind Worker JS failed");

    let entry_meta = entry::PagefindEntryMeta {
        version: PAGEFIND_VERSION,
        languages: BTreeMap::from_iter(language_indexes.into_iter().map(|i| {
            (
                i.language,
                entry::PagefindEntryLanguage {
                    hash: i.hash,
                    wasm: i.wasm,
                    page_count: i.page_count,
                },
            )
        })),
        include_characters: options.include_characters.clone(),
    };
    let encoded_entry_meta = serde_json::to_string(&entry_meta).unwrap();

    let write_behavior = if synthetic {
        WriteBehavior::Synthetic
    } else {
        WriteBehavior::Disk
    };

    let mut files = vec![
        write(
            outdir.join("pagefind.js"),
            vec![&js],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-highlight.js"),
            vec![HIGHLIGHT_JS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-worker.js"),
            vec![&worker_js],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-ui.js"),
            vec![WEB_UI_JS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-ui.css"),
            vec![WEB_UI_CSS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-modular-ui.js"),
            vec![WEB_MODULAR_UI_JS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-modular-ui.css"),
            vec![WEB_MODULAR_UI_CSS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-component-ui.js"),
            vec![COMPONENT_UI_JS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-component-ui.css"),
            vec![COMPONENT_UI_CSS],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("wasm.unknown.pagefind"),
            vec![GENERIC_WEB_WASM],
            Compress::None,
            write_behavior,
        ),
        write(
            outdir.join("pagefind-entry.json"),
            vec![encoded_entry_meta.as_bytes()],
            Compress::None,
            write_behavior,
        ),
    ];

    if output_playground {
        files.extend([
            write(
                outdir.join("playground/index.html"),
                vec![crate::playground::PLAYGROUND_HTML.as_bytes()],
                Compress::None,
                write_behavior,
            ),
            write(
                outdir.join("playground/pagefind-playground.js"),
                vec![crate::playground::PLAYGROUND_JS.as_bytes()],
                Compress::None,
                write_behavior,
            ),
            write(
                outdir.join("playground/pagefind-playground.css"),
                vec![crate::playground::PLAYGROUND_CSS.as_bytes()],
                Compress::None,
                write_behavior,
            ),
        ]);
    }

    let output_files = join_all(files).await;

    if synthetic {
        Some(output_files.into_iter().flatten().collect())
    } else {
        None
    }
}

impl PagefindIndexes {
    fn lang_wasm_path(&self) -> Option<String> {
        let base_language = self.language.split('-').next().unwrap();
        let wasm_path = format!(
            "pagefind_web_bg.{}.{}.wasm.gz",
            base_language,
            env!("CARGO_PKG_VERSION")
        );

        if WEB_WASM_FILES.contains(&wasm_path) {
            Some(wasm_path)
        } else {
            None
        }
    }

    pub fn get_lang_meta(&self, options: &SearchOptions) -> LanguageMeta {
        let mut wasm_file = None;

        if self.language != "unknown" {
            if self.lang_wasm_path().is_some() {
                wasm_file = Some(self.language.to_string());
            } else {
                options.logger.v_warn(format!(
                    "Note: Pagefind doesn't support stemming for the language {}. \n\
                    Search will still work, but will not match across root words.",
                    self.language
                ));
            }
        }

        LanguageMeta {
            page_count: self.page_count,
            language: self.language.clone(),
            hash: self.meta_index.0.clone(),
            wasm: wasm_file,
        }
    }

    pub async fn write_files_to_disk(&self, options: &SearchOptions, outdir: &PathBuf) {
        self.write_files(options, outdir, false).await;
    }

    pub async fn write_files_to_memory(
        &self,
        options: &SearchOptions,
        outdir: &PathBuf,
    ) -> Vec<SyntheticFile> {
        self.write_files(options, outdir, true).await.unwrap()
    }

    async fn write_files(
        &self,
        options: &SearchOptions,
        outdir: &PathBuf,
        synthetic: bool,
    ) -> Option<Vec<SyntheticFile>> {
        let immutable_write_behaviour = if synthetic {
            WriteBehavior::Synthetic
        } else {
            WriteBehavior::Immutable
        };

        let mut files = vec![write(
            outdir.join(format!("pagefind.{}.pf_meta", &self.meta_index.0)),
            vec![&self.meta_index.1],
            Compress::GZ,
            immutable_write_behaviour,
        )];

        if self.language != "unknown" {
            if let Some(wasm_path) = self.lang_wasm_path() {
                files.push(write(
                    outdir.join(format!("wasm.{}.pagefind", self.language)),
                    vec![WEB_WASM_FILES
                        .get_file(wasm_path)
                        .expect("WASM should exist")
                        .contents()],
                    Compress::None,
                    if synthetic {
                        WriteBehavior::Synthetic
                    } else {
                        WriteBehavior::Disk
                    },
                ));
            } else {
                options.logger.v_warn(format!(
                    "Note: Pagefind doesn't support stemming for the language {}. \n\
                    Search will still work, but will not match across root words.",
                    self.language
                ));
            }
        }

        if synthetic {
            // dossier patch: compress in parallel (one thread compressed every fragment and
            // index chunk, at the best level, one after the other).
            let mut chunks: Vec<(PathBuf, &[u8])> = Vec::new();
            // dossier patch (part 8): a fragment gzipped when its page was packed is not
            // compressed again.
            let mut precompressed = Vec::new();
            for (hash, fragment) in &self.fragments {
                let filename = outdir.join(format!("fragment/{}.pf_fragment", hash));
                match self.compressed_fragments.get(hash) {
                    Some(gz) => precompressed.push(SyntheticFile {
                        filename,
                        contents: gz.clone(),
                    }),
                    None => chunks.push((filename, fragment.as_bytes())),
                }
            }
            chunks.extend(self.word_indexes.iter().map(|(hash, index)| {
                (outdir.join(format!("index/{}.pf_index", hash)), &index[..])
            }));
            // dossier patch (part 10): chunks compressed when they were built, or kept.
            precompressed.extend(self.compressed_word_indexes.iter().map(|(hash, gz)| {
                SyntheticFile {
                    filename: outdir.join(format!("index/{}.pf_index", hash)),
                    contents: gz.clone(),
                }
            }));
            chunks.extend(self.filter_indexes.iter().map(|(hash, index)| {
                (outdir.join(format!("filter/{}.pf_filter", hash)), &index[..])
            }));
            let compressed: Vec<SyntheticFile> = chunks
                .into_par_iter()
                .map(|(filename, content)| SyntheticFile {
                    filename,
                    contents: gzip(&[content]),
                })
                .collect();
            let mut output_files: Vec<SyntheticFile> =
                join_all(files).await.into_iter().flatten().collect();
            output_files.extend(compressed);
            output_files.extend(precompressed);
            return Some(output_files);
        }

        files.extend(self.fragments.iter().map(|(hash, fragment)| {
            // dossier patch (part 8): a packed page's fragment is written as it was gzipped
            // (its JSON is not kept).
            let (content, compression) = match self.compressed_fragments.get(hash) {
                Some(gz) => (&gz[..], Compress::None),
                None => (fragment.as_bytes(), Compress::GZ),
            };
            write(
                outdir.join(format!("fragment/{}.pf_fragment", hash)),
                vec![content],
                compression,
                immutable_write_behaviour,
            )
        }));

        files.extend(self.word_indexes.iter().map(|(hash, index)| {
            write(
                outdir.join(format!("index/{}.pf_index", hash)),
                vec![index],
                Compress::GZ,
                immutable_write_behaviour,
            )
        }));

        files.extend(self.compressed_word_indexes.iter().map(|(hash, gz)| {
            write(
                outdir.join(format!("index/{}.pf_index", hash)),
                vec![gz],
                Compress::None,
                immutable_write_behaviour,
            )
        }));

        files.extend(self.filter_indexes.iter().map(|(hash, index)| {
            write(
                outdir.join(format!("filter/{}.pf_filter", hash)),
                vec![index],
                Compress::GZ,
                immutable_write_behaviour,
            )
        }));

        let output_files = join_all(files).await;
        if synthetic {
            Some(output_files.into_iter().flatten().collect())
        } else {
            None
        }
    }
}

/// dossier patch (parts 6 and 14): the level index files are gzipped at. Measured on a
/// 10,000-article site (2026-12-06, the 40,800 fragments and chunks, 126 MB, one thread):
/// zlib (zlib-rs) at `Compression::best()` took ~8 s more CPU than at 6 for 1.9% fewer
/// bytes; zlib at 6 took 4.28 s for 58.1 MB; libdeflate at 6 2.78 s for 57.7 MB, and at 1
/// 1.26 s for 60.0 MB (+3.2%: libdeflate's fastest level still finds long matches, where
/// zlib's level 1 wrote 81.0 MB). The browser inflates any level.
const GZIP_LEVEL: i32 = 1;

/// Word-index chunks an embedder keeps, compressed, from one build to the next (dossier
/// patch, part 10): after a small edit most chunks are made from the same inputs, and
/// building and compressing them again was most of the index's time in a rebuild.
pub trait KeptCompressedFiles: Sync {
    /// The word-index chunk an earlier build made from the same inputs (`inputs` is their
    /// SHA-256, see `index::compact`), as its full hash and its bytes gzipped (part 10).
    fn get_chunk(&self, inputs: &[u8; 32]) -> Option<(String, Vec<u8>)>;
    /// Keeps the word-index chunk made from `inputs`: its full hash and its bytes gzipped.
    fn keep_chunk(&self, inputs: &[u8; 32], hash: &str, gz: &[u8]);
}

/// Pagefind's gzip framing of `content_chunks` (each chunk behind a `pagefind_dcd` marker).
///
/// dossier patch (part 14): compressed with libdeflate, one compressor per thread, instead
/// of a fresh zlib stream per file. libdeflate compresses a whole buffer at once and starts
/// each buffer from a clean state, so the bytes depend only on the content (not on what the
/// thread compressed before), and no ~300 KB of fresh zeroed tables is allocated per file.
pub(crate) fn gzip(content_chunks: &[&[u8]]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
            libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(GZIP_LEVEL).expect("a level libdeflate has"),
            ),
        );
    }
    let mut content = Vec::with_capacity(
        content_chunks.iter().map(|chunk| 12 + chunk.len()).sum(),
    );
    for chunk in content_chunks {
        content.extend_from_slice(b"pagefind_dcd");
        content.extend_from_slice(chunk);
    }
    COMPRESSOR.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        let mut gz = vec![0; compressor.gzip_compress_bound(content.len())];
        let length = compressor
            .gzip_compress(&content, &mut gz)
            .expect("the bound libdeflate gives is enough");
        gz.truncate(length);
        gz
    })
}

/// The content of what [`gzip`] made of one chunk (dossier patch, part 8).
pub(crate) fn gunzip(gz: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .expect("gunzip what was gzipped in memory");
    text.strip_prefix("pagefind_dcd").unwrap_or(&text).to_string()
}

#[derive(Copy, Clone)]
enum Compress {
    GZ,
    None,
}

#[derive(Copy, Clone)]
enum WriteBehavior {
    Synthetic,
    Immutable,
    Disk,
}

#[derive(Clone)]
pub struct SyntheticFile {
    pub filename: PathBuf,
    pub contents: Vec<u8>,
}

async fn write(
    filename: PathBuf,
    content_chunks: Vec<&[u8]>,
    compression: Compress,
    write_behavior: WriteBehavior,
) -> Option<SyntheticFile> {
    let mut file = None;

    match write_behavior {
        WriteBehavior::Synthetic => {}
        // For "immutable" (hashed) files, don't re-write them as the contents _should_ be unchanged.
        WriteBehavior::Immutable if filename.exists() => return None,
        WriteBehavior::Immutable | WriteBehavior::Disk => {
            if let Some(parent) = filename.parent() {
                create_dir_all(parent).await.unwrap();
            }

            let mut output_file = File::create(&filename).await;
            while output_file.is_err() {
                sleep(Duration::from_millis(100)).await;
                output_file = File::create(&filename).await;
            }
            file = output_file.ok();
        }
    };

    match compression {
        Compress::GZ => {
            let contents = gzip(&content_chunks);
            {
                if let Some(mut file) = file {
                    file.write_all(&contents).await.unwrap();
                    // `write_all` resolving only means the bytes are in tokio's
                    // buffer; the blocking-pool write to disk may still be in
                    // flight. Flush before the file drops, or a service-mode
                    // consumer can receive the WriteFiles acknowledgement and
                    // close the process while a file is half written, shipping
                    // a truncated asset.
                    file.flush().await.unwrap();
                } else {
                    return Some(SyntheticFile { filename, contents });
                }
            }
            None
        }
        Compress::None => {
            if let Some(mut file) = file {
                for chunk in content_chunks {
                    file.write_all(chunk).await.unwrap();
                }
                file.flush().await.unwrap();
                None
            } else {
                return Some(SyntheticFile {
                    filename,
                    contents: content_chunks.into_iter().flatten().cloned().collect(),
                });
            }
        }
    }
}

#[cfg(test)]
mod gzip_tests {
    use super::{gunzip, gzip};

    /// dossier patch (part 14): a file's bytes depend only on its content, not on what the
    /// thread's compressor compressed before, and any gzip reader reads them back.
    #[test]
    fn gzip_bytes_depend_only_on_the_content() {
        let text: String = (0..3000)
            .map(|i| format!("word{} ", (i * 7919) % 613))
            .collect();
        let other: String = (0..5000).map(|i| format!("{} other ", i % 97)).collect();
        let fresh = std::thread::spawn({
            let text = text.clone();
            move || gzip(&[text.as_bytes()])
        })
        .join()
        .unwrap();
        let after_others = std::thread::spawn({
            let text = text.clone();
            move || {
                gzip(&[other.as_bytes()]);
                gzip(&[text[..100].as_bytes(), other.as_bytes()]);
                gzip(&[text.as_bytes()])
            }
        })
        .join()
        .unwrap();
        assert_eq!(fresh, after_others);
        assert_eq!(&fresh[..2], &[0x1f, 0x8b], "a gzip member");
        assert_eq!(gunzip(&fresh), text);
        assert!(fresh.len() < text.len() / 4, "compressed: {} bytes", fresh.len());
    }
}
