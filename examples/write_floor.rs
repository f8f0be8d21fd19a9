//! The benchmark's second floor: the time it takes only to write a built site's files.
//! It reads every file of an output folder into memory (untimed), then writes them all into
//! a new folder on 2 threads, the way `dossier build` does (one `mkdir` per folder, one
//! open/write/close per file), and prints the time the writes took. No generator writing
//! those bytes can be faster on this machine; `scripts/bench` sets it beside dossier.
//!
//! ```text
//! cargo run --release --example write_floor -- --from /dev/shm/d10k/public --out /dev/shm/floor
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> ExitCode {
    let mut from: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let (Some(flag), Some(value)) = (args.next(), args.next()) {
        match flag.as_str() {
            "--from" => from = Some(value.into()),
            "--out" => out = Some(value.into()),
            _ => {}
        }
    }
    let (Some(from), Some(out)) = (from, out) else {
        eprintln!("usage: write_floor --from BUILT_SITE --out DIR");
        return ExitCode::from(2);
    };
    match run(&from, &out) {
        Ok((files, bytes, seconds)) => {
            // The last field is what scripts/bench reads.
            println!("write floor: {files} files, {bytes} bytes written in {seconds:.3}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("write_floor: {err}");
            ExitCode::from(1)
        }
    }
}

/// Folders, then files of each folder: the shape of a site as `dossier build` writes it.
type Site = Vec<(PathBuf, Vec<(PathBuf, Vec<u8>)>)>;

fn run(from: &Path, out: &Path) -> std::io::Result<(usize, usize, f64)> {
    let site = read_site(from)?;
    let files = site.iter().map(|(_, files)| files.len()).sum();
    let bytes = site
        .iter()
        .flat_map(|(_, files)| files.iter().map(|(_, b)| b.len()))
        .sum();
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .map_err(std::io::Error::other)?;
    let started = Instant::now();
    pool.install(|| {
        site.par_iter().try_for_each(|(dir, files)| {
            fs::create_dir_all(out.join(dir))?;
            files
                .iter()
                .try_for_each(|(path, bytes)| fs::write(out.join(path), bytes))
        })
    })?;
    Ok((files, bytes, started.elapsed().as_secs_f64()))
}

fn read_site(from: &Path) -> std::io::Result<Site> {
    let mut folders: std::collections::BTreeMap<PathBuf, Vec<(PathBuf, Vec<u8>)>> =
        Default::default();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let relative = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?
            .to_path_buf();
        if entry.file_type().is_dir() {
            folders.entry(relative).or_default();
        } else {
            let folder = relative.parent().unwrap_or(Path::new("")).to_path_buf();
            let bytes = fs::read(entry.path())?;
            folders.entry(folder).or_default().push((relative, bytes));
        }
    }
    // Parents sort before their children, and `create_dir_all` makes any still missing.
    Ok(folders.into_iter().collect())
}
