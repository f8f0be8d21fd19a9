//! One Criterion benchmark per pipeline stage (load, link, render, publish) on a generated
//! 2,000-article dossier (6,000 quotes, ~8,500 pages), so regressions show:
//! `cargo bench --bench stages` (or `-- render` for one stage).

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::link::model::{Dossier, LinkOptions};
use dossier::render::output::OutputFile;
use dossier::render::theme::Theme;
use rayon::prelude::*;

const ARTICLES: usize = 2000;

/// The render stage: the views (cards included), then every output file, into memory.
fn render(dossier: &Dossier, theme: &Theme) -> Vec<OutputFile> {
    let views = dossier::render::build_views(dossier, theme).expect("views");
    let files = std::sync::Mutex::new(Vec::new());
    dossier::render::render_each(dossier, theme, &views, &|path: &str, bytes: &[u8]| {
        let file = OutputFile::new(path.to_string(), bytes);
        files.lock().unwrap().push(file);
        Ok(())
    })
    .expect("renders");
    files.into_inner().unwrap()
}

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("site");
    corpus::write_dossier(&corpus::generate(ARTICLES), &root).expect("corpus written");
    let (sources, _) = dossier::load::load(&root).expect("the corpus loads");
    let (dossier, _) = dossier::link::link(&sources, LinkOptions::default()).expect("it links");
    let theme =
        Theme::compile(&sources.templates, dossier.strings.clone()).expect("the theme compiles");
    let files = render(&dossier, &theme);
    let static_files = dossier::pipeline::static_files(&sources);
    let output = root.join("public");

    let mut group = c.benchmark_group("stages-2000-articles");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("load", |b| {
        b.iter(|| black_box(dossier::load::load(&root).expect("loads")))
    });
    group.bench_function("link", |b| {
        b.iter(|| black_box(dossier::link::link(&sources, LinkOptions::default()).expect("links")))
    });
    group.bench_function("render", |b| b.iter(|| black_box(render(&dossier, &theme))));
    group.bench_function("publish", |b| {
        b.iter(|| {
            dossier::publish::publish_with(&output, |staging| {
                staging.write_static(&static_files)?;
                files
                    .par_iter()
                    .try_for_each(|file| staging.write(&file.path, &file.bytes))
            })
            .expect("publishes")
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
