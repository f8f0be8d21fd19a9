//! The `dossier` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use dossier::diagnostics::{self, Diagnostics};
use dossier::{BuildOptions, scaffold};

#[derive(Parser)]
#[command(
    name = "dossier",
    // The package version, and the commit when built from git (build.rs).
    version = env!("DOSSIER_VERSION"),
    about = "A static site generator for topic dossiers: articles, speakers, quotes and a chronology",
    after_help = "Examples:\n  dossier init my-dossier\n  dossier new article \"Talks resume in Oman\" --topic negotiations\n  dossier check\n  dossier build --base-url https://user.github.io/repo/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that read a site.
#[derive(Args)]
struct SiteArgs {
    /// Site root (the folder holding site.toml; default: the nearest one from here up)
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Include articles marked draft = true
    #[arg(long)]
    drafts: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/)
    #[command(
        after_help = "Examples:\n  dossier build\n  dossier build --base-url https://user.github.io/repo/\n  dossier build --root my-dossier --output my-dossier/site --drafts"
    )]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder; must be inside the site root
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Do not reuse or keep the search index's packed pages and compressed files in
        /// .dossier/cache/
        #[arg(long)]
        no_cache: bool,
    },
    /// Check everything a build checks, plus internal links and anchors; writes nothing
    #[command(
        after_help = "Examples:\n  dossier check\n  dossier check --strict    # warnings fail too\n  dossier check --strict --previous https://user.github.io/repo/    # no published URL may disappear\n  dossier check --external --max-age 1d    # also every external link; see docs/links.md"
    )]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Fail on warnings as well as errors
        #[arg(long)]
        strict: bool,
        /// The published site (its https:// address, or a folder holding a build): warn
        /// about each URL of its data/urls.txt this build would no longer answer
        #[arg(long, value_name = "URL or DIR")]
        previous: Option<String>,
        /// Also check every external URL (sources, archived copies, images, links in
        /// bodies): dead ones and permanent redirects are warnings; answers are kept in
        /// .dossier/links.json
        #[arg(long)]
        external: bool,
        /// With --external: ask again only the URLs checked longer ago than this (0: all)
        #[arg(long, value_name = "DURATION", default_value = "7d", requires = "external", value_parser = dossier::web::duration::parse)]
        max_age: std::time::Duration,
        /// With --external: how long one request may take
        #[arg(long, value_name = "DURATION", default_value = "20s", requires = "external", value_parser = dossier::web::duration::parse)]
        timeout: std::time::Duration,
    },
    /// Find or make an archived copy (Wayback Machine) of every source without one, and
    /// write its archive_url (and archived date) beside the source_url
    #[command(
        after_help = "Without keys, only existing snapshots are found. With your archive.org keys\n(https://archive.org/account/s3.php) in ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY,\nSave Page Now is asked to capture the sources it has no snapshot of.\n\nExamples:\n  dossier archive --dry-run    # say what would be done; write nothing\n  ARCHIVE_ORG_ACCESS_KEY=… ARCHIVE_ORG_SECRET_KEY=… dossier archive\n\nSee docs/links.md."
    )]
    Archive(ArchiveArgs),
    /// Create a new article, speaker or topic file with valid front matter
    #[command(subcommand)]
    New(NewCommand),
    /// Create a new dossier site in an empty folder, ready to publish with GitHub Pages
    #[command(
        after_help = "Examples:\n  dossier init my-dossier && cd my-dossier && dossier build\n  dossier init my-dossier --ci none    # no GitHub Actions workflow"
    )]
    Init {
        /// The folder to create (must be new or empty)
        dir: PathBuf,
        /// The CI workflow to write: `github` (.github/workflows/publish.yml, publishing to
        /// GitHub Pages with this version of dossier) or `none`
        #[arg(long, value_enum, default_value_t = CiArg::Github)]
        ci: CiArg,
        /// Also write the Git-based CMS's admin page (as `dossier cms`)
        #[arg(long)]
        cms: bool,
    },
    /// Write a Git-based CMS (Decap or Sveltia) for the site: static/admin/index.html and
    /// static/admin/config.yml, made from dossier's content model
    #[command(
        after_help = "Examples:\n  dossier cms\n  dossier cms --app sveltia --repo owner/my-dossier\n  dossier cms --force    # replace a config.yml edited by hand\n\nSee docs/cms.md for signing in on GitHub and editing locally."
    )]
    Cms {
        /// Site root (the folder holding site.toml; default: the nearest one from here up)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// The CMS the admin page loads (default: decap, or sveltia on a site with
        /// [languages.*], whose translation files only Sveltia reads)
        #[arg(long, value_enum)]
        app: Option<AppArg>,
        /// The GitHub repository the CMS commits to (default: the `origin` remote)
        #[arg(long, value_name = "OWNER/NAME")]
        repo: Option<String>,
        /// The branch the CMS commits to
        #[arg(long, default_value = "main")]
        branch: String,
        /// Replace admin files that differ from what would be written
        #[arg(long)]
        force: bool,
    },
    /// Work with the built-in theme
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Run the language server (the Language Server Protocol over stdin and stdout) for the
    /// site of the files an editor opens: diagnostics as you type, completion, hover, go to
    /// definition, references, quick fixes and rename
    #[command(after_help = "Editors start it themselves: see docs/editors.md")]
    Lsp,
    /// Rewrite content files in place to fix what `dossier check` warns about
    #[command(subcommand)]
    Fix(FixCommand),
    /// Write JSON Schemas (draft 2020-12) of site.toml and each kind of front matter, for
    /// taplo / Even Better TOML and other tools
    #[command(
        after_help = "Examples:\n  dossier schema                 # into schema/\n  dossier schema --out .schemas"
    )]
    Schema {
        /// The folder to write `<kind>.schema.json` files into
        #[arg(long, value_name = "DIR", default_value = "schema")]
        out: PathBuf,
    },
    /// Serve the site locally, rebuilding and reloading the browser on every change
    #[command(
        after_help = "Examples:\n  dossier serve\n  dossier serve --port 1112 --open\n  dossier serve --root my-dossier --drafts"
    )]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on; the default keeps the preview private to this machine
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on [default: 1111, or the next free one when it is taken]
        #[arg(long)]
        port: Option<u16>,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
}

/// `dossier archive`'s options.
#[derive(Args)]
struct ArchiveArgs {
    /// Site root (the folder holding site.toml)
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Look up snapshots but request no capture and change no file; say what would be done
    #[arg(long)]
    dry_run: bool,
    /// Sources worked on at once
    #[arg(long, value_name = "N", default_value_t = 4)]
    jobs: usize,
    /// The least time between two requests to one host
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = dossier::web::duration::parse)]
    delay: std::time::Duration,
    /// How long one request may take
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = dossier::web::duration::parse)]
    timeout: std::time::Duration,
    /// How often a capture's progress is asked
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = dossier::web::duration::parse)]
    poll_every: std::time::Duration,
    /// The Wayback availability API's address
    #[arg(long, value_name = "URL", default_value = "https://archive.org")]
    wayback_url: String,
    /// Save Page Now's address (snapshots are linked under it)
    #[arg(long, value_name = "URL", default_value = "https://web.archive.org")]
    save_url: String,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AppArg {
    Decap,
    Sveltia,
}

impl AppArg {
    fn app(self) -> dossier::cms::App {
        match self {
            AppArg::Decap => dossier::cms::App::Decap,
            AppArg::Sveltia => dossier::cms::App::Sveltia,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CiArg {
    Github,
    None,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy built-in templates and static files into the site, to customise them (a copy
    /// no longer follows theme updates: copy only what you change); refuses to overwrite
    #[command(
        after_help = "Examples:\n  dossier theme eject templates/base.html\n  dossier theme eject templates/article.html static/style.css\n  dossier theme eject            # every file of the theme"
    )]
    Eject {
        /// Only these files, by their path in the site (default: every file of the theme)
        #[arg(value_name = "FILE")]
        files: Vec<String>,
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Show how the site's copies of theme files differ from the built-in theme (after an
    /// upgrade: what a copy misses)
    #[command(
        after_help = "Examples:\n  dossier theme diff\n  dossier theme diff templates/base.html"
    )]
    Diff {
        /// Only these files, by their path in the site (default: every file that overrides one
        /// of the theme)
        #[arg(value_name = "FILE")]
        files: Vec<String>,
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum FixCommand {
    /// Write `id = "…"` (the id it has now) into every quote without one, so its URL
    /// survives corrections to its date, speaker or words; other lines are kept byte for byte
    #[command(
        after_help = "Examples:\n  dossier fix ids\n  dossier fix ids --check    # only list them; exit 1 if any"
    )]
    Ids {
        /// Only list the quotes without `id`; exit 1 if there are any
        #[arg(long)]
        check: bool,
        /// Site root (the folder holding site.toml; default: the nearest one from here up)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// content/articles/<date>-<slug>.md
    #[command(
        after_help = "Example:\n  dossier new article \"Talks resume in Oman\" --topic negotiations --speaker ali-khamenei --date 2025-04-12"
    )]
    Article {
        /// The article's title, in quotes (the file name is made from it)
        title: String,
        /// Publication date, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<NaiveDate>,
        /// A topic slug (repeatable)
        #[arg(long = "topic", value_name = "SLUG")]
        topics: Vec<String>,
        /// A speaker slug (repeatable)
        #[arg(long = "speaker", value_name = "SLUG")]
        speakers: Vec<String>,
        /// Write a translation into this language (`[languages.<code>]` in site.toml) beside
        /// the original named by the title: `<name>.<code>.md`
        #[arg(long, value_name = "CODE", conflicts_with_all = ["date", "topics", "speakers"])]
        lang: Option<String>,
        /// Site root (the folder holding site.toml; default: the nearest one from here up)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// content/speakers/<slug>.md
    #[command(after_help = "Example:\n  dossier new speaker \"Abbas Araghchi\"")]
    Speaker {
        /// The speaker's full name, in quotes (the slug is made from it)
        name: String,
        /// Write a translation into this language (`[languages.<code>]` in site.toml) beside
        /// the original named by the title: `<name>.<code>.md`
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Site root (the folder holding site.toml; default: the nearest one from here up)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// content/topics/<slug>.md
    #[command(after_help = "Example:\n  dossier new topic \"Uranium enrichment\"")]
    Topic {
        /// The topic's title, in quotes (the slug is made from it)
        title: String,
        /// Write a translation into this language (`[languages.<code>]` in site.toml) beside
        /// the original named by the title: `<name>.<code>.md`
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Site root (the folder holding site.toml; default: the nearest one from here up)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

/// `dossier new <kind> … --lang <code>`.
fn translation(
    root: Option<PathBuf>,
    kind: &str,
    title: &str,
    lang: &str,
) -> Result<Vec<PathBuf>, Diagnostics> {
    scaffold::new_translation(&site_root(root.as_deref()), kind, title, lang)
        .map(|p| vec![p])
        .map_err(Diagnostics::from)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            base_url,
            no_cache,
        } => build(BuildOptions {
            root: site_root(site.root.as_deref()),
            output,
            base_url,
            drafts: site.drafts,
            cache: !no_cache,
        }),
        Command::Check {
            site,
            strict,
            previous,
            external,
            max_age,
            timeout,
        } => check(
            BuildOptions {
                root: site_root(site.root.as_deref()),
                drafts: site.drafts,
                ..BuildOptions::default()
            },
            strict,
            previous.as_deref(),
            external.then(|| dossier::external::ExternalOptions {
                max_age,
                timeout,
                ..Default::default()
            }),
        ),
        Command::Archive(args) => archive(args),
        Command::New(new) => created(match new {
            NewCommand::Article {
                title,
                lang: Some(lang),
                root,
                ..
            } => translation(root, "articles", &title, &lang),
            NewCommand::Article {
                title,
                date,
                topics,
                speakers,
                root,
                lang: None,
            } => {
                let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
                scaffold::new_article(
                    &site_root(root.as_deref()),
                    &title,
                    date,
                    &topics,
                    &speakers,
                )
                .map(|p| vec![p])
            }
            NewCommand::Speaker {
                name,
                root,
                lang: Some(lang),
            } => translation(root, "speakers", &name, &lang),
            NewCommand::Speaker {
                name,
                root,
                lang: None,
            } => scaffold::new_speaker(&site_root(root.as_deref()), &name)
                .map(|p| vec![p])
                .map_err(Diagnostics::from),
            NewCommand::Topic {
                title,
                root,
                lang: Some(lang),
            } => translation(root, "topics", &title, &lang),
            NewCommand::Topic {
                title,
                root,
                lang: None,
            } => scaffold::new_topic(&site_root(root.as_deref()), &title)
                .map(|p| vec![p])
                .map_err(Diagnostics::from),
        }),
        Command::Init { dir, ci, cms } => {
            let ci = match ci {
                CiArg::Github => scaffold::Ci::GitHub,
                CiArg::None => scaffold::Ci::None,
            };
            let today = chrono::Local::now().date_naive();
            let code = created(
                scaffold::init(&dir, today, ci)
                    .and_then(|mut paths| {
                        if cms {
                            paths.extend(dossier::cms::write(&dir, &cms_options(None))?);
                        }
                        Ok(paths)
                    })
                    .map_err(Diagnostics::from),
            );
            if code == ExitCode::SUCCESS {
                print!("\n{}", scaffold::next_steps(&dir, ci));
                if cms {
                    println!("{CMS_STEPS}");
                }
            }
            code
        }
        Command::Fix(FixCommand::Ids { check, root }) => {
            fix_ids(&site_root(root.as_deref()), check)
        }
        Command::Cms {
            root,
            app,
            repo,
            branch,
            force,
        } => {
            let options = dossier::cms::CmsOptions {
                repo,
                branch,
                force,
                ..cms_options(app)
            };
            let root = site_root(root.as_deref());
            let code = created(dossier::cms::write(&root, &options).map_err(Diagnostics::from));
            if code == ExitCode::SUCCESS {
                println!("{CMS_STEPS}");
            }
            code
        }
        Command::Schema { out } => written(dossier::schema::json::write_all(&out)),
        Command::Theme(ThemeCommand::Eject { files, root }) => {
            let root = site_root(root.as_deref());
            let code = created(scaffold::eject_theme(&root, &files).map_err(Diagnostics::from));
            if code == ExitCode::SUCCESS {
                println!("{}", eject_notice(files.is_empty()));
            }
            code
        }
        Command::Theme(ThemeCommand::Diff { files, root }) => {
            theme_diff(&site_root(root.as_deref()), &files)
        }
        // stdout is the protocol's: problems go to stderr, which editors show in their log.
        Command::Lsp => match dossier::lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("dossier lsp: {message}");
                ExitCode::from(1)
            }
        },
        Command::Serve {
            site,
            bind,
            port,
            open,
        } => match dossier::serve::serve(dossier::serve::ServeOptions {
            root: site_root(site.root.as_deref()),
            bind,
            port: port.unwrap_or(1111),
            next_free_port: port.is_none(),
            drafts: site.drafts,
            open,
            quiet: false,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(diagnostics) => {
                print_diagnostics(&diagnostics);
                ExitCode::from(1)
            }
        },
    }
}

fn build(options: BuildOptions) -> ExitCode {
    match dossier::build(&options) {
        Ok(summary) => {
            print_warnings(&summary.warnings);
            println!("{}", summary.line());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("build failed: the output folder was left as it was");
            ExitCode::from(1)
        }
    }
}

fn check(
    options: BuildOptions,
    strict: bool,
    previous: Option<&str>,
    external: Option<dossier::external::ExternalOptions>,
) -> ExitCode {
    match dossier::check::check_with(&options, previous, external.as_ref()) {
        Ok(report) => {
            print_warnings(&report.warnings);
            if let Some(external) = &report.external {
                println!("{}", external.line());
            }
            let warnings = diagnostics::count(report.warnings.warning_count(), "warning");
            if strict && report.warnings.warning_count() > 0 {
                eprintln!("check failed: {warnings} with --strict");
                return ExitCode::from(1);
            }
            println!(
                "checked {}: no errors, {warnings}",
                diagnostics::count(report.pages, "page")
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

/// `dossier archive`.
fn archive(args: ArchiveArgs) -> ExitCode {
    let keys = match dossier::archive::keys_from_env() {
        Ok(keys) => keys,
        Err(diagnostic) => {
            print_diagnostics(&Diagnostics::from(diagnostic));
            return ExitCode::from(2);
        }
    };
    let options = dossier::archive::ArchiveOptions {
        dry_run: args.dry_run,
        wayback: args.wayback_url,
        save: args.save_url,
        keys,
        jobs: args.jobs,
        delay: args.delay,
        timeout: args.timeout,
        poll_every: args.poll_every,
        ..dossier::archive::ArchiveOptions::new(site_root(args.root.as_deref()))
    };
    match dossier::archive::archive(&options) {
        Ok(report) => {
            print!("{}", report.text());
            print_diagnostics(&report.errors);
            if report.failed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("archive: nothing was changed; fix the errors above first");
            ExitCode::from(1)
        }
    }
}

/// `dossier fix ids [--check]`.
fn fix_ids(root: &std::path::Path, check_only: bool) -> ExitCode {
    let files = match dossier::fix_ids::unpinned(root) {
        Ok(files) => files,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("fix ids: nothing was changed; fix the errors above first");
            return ExitCode::from(1);
        }
    };
    let count: usize = files.iter().map(|f| f.unpinned().count()).sum();
    if count == 0 {
        println!("every quote has an id");
        return ExitCode::SUCCESS;
    }
    if check_only {
        for unpinned in files.iter().flat_map(|f| f.unpinned()) {
            let at = unpinned.location.position();
            println!("{at}: no `id`; pin it with id = \"{}\"", unpinned.id);
        }
        let quotes = diagnostics::count(count, "quote");
        eprintln!("{quotes} without `id`: `dossier fix ids` pins them");
        return ExitCode::from(1);
    }
    match dossier::fix_ids::pin(root, &files) {
        Ok(written) => {
            let quotes = diagnostics::count(count, "quote id");
            println!("pinned {quotes} in:");
            for path in written {
                println!("  {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

/// What an ejected copy means for later upgrades.
fn eject_notice(everything: bool) -> String {
    let mut notice = String::from(
        "These copies now replace the built-in theme's files: they no longer follow its updates when you upgrade dossier.\n\
         `dossier theme diff` shows how they differ from the built-in theme; delete a copy to follow the theme again.",
    );
    if everything {
        notice.push_str(
            "\nTip: keep only the files you change, or eject just those: dossier theme eject templates/base.html",
        );
    }
    notice
}

/// `dossier theme diff [FILE]…`.
fn theme_diff(root: &std::path::Path, files: &[String]) -> ExitCode {
    let compared = match scaffold::theme_diff(root, files) {
        Ok(compared) => compared,
        Err(diagnostic) => {
            print_diagnostics(&Diagnostics::from(diagnostic));
            return ExitCode::from(1);
        }
    };
    if compared.is_empty() {
        println!("the site overrides no file of the built-in theme");
    }
    for file in compared {
        match file {
            scaffold::ThemeFile::Same(path) => println!(
                "{path}: the same as the built-in theme's (delete it to follow theme updates)"
            ),
            scaffold::ThemeFile::BinaryDiffers(path) => {
                println!("{path}: differs from the built-in theme's (not text)")
            }
            scaffold::ThemeFile::Differs { diff, .. } => print!("{diff}"),
        }
    }
    ExitCode::SUCCESS
}

fn created(result: Result<Vec<PathBuf>, Diagnostics>) -> ExitCode {
    match result {
        Ok(paths) => {
            for path in paths {
                println!("created {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            ExitCode::from(1)
        }
    }
}

/// What to do after writing the CMS's admin page.
const CMS_STEPS: &str = concat!(
    "The CMS is at <base_url>admin/ once published; set `repo` in static/admin/config.yml if it says OWNER/REPO.\n",
    "  npx decap-server         # then open http://127.0.0.1:1111/admin/ under `dossier serve` to edit locally\n",
    "Setting it up on GitHub: docs/cms.md (",
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/main/docs/cms.md)"
);

fn cms_options(app: Option<AppArg>) -> dossier::cms::CmsOptions {
    dossier::cms::CmsOptions {
        app: app.map(AppArg::app),
        repo: None,
        branch: "main".into(),
        force: false,
    }
}

/// Generated files, which a run replaces: "wrote", not "created".
fn written(result: Result<Vec<PathBuf>, diagnostics::Diagnostic>) -> ExitCode {
    match result {
        Ok(paths) => {
            for path in paths {
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            print_diagnostics(&Diagnostics::from(diagnostic));
            ExitCode::from(1)
        }
    }
}

/// `--root`, or the site found from the current folder up; said when it is above.
fn site_root(root: Option<&std::path::Path>) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (root, above) = dossier::site_root(root, &cwd);
    if let Some(site) = above {
        eprintln!("using the site at {} ({})", root.display(), site.display());
    }
    root
}

fn styled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// A failed run's report, ending with the counts.
fn print_diagnostics(diagnostics: &Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    eprint!("{}", diagnostics.render(styled()));
}

/// A successful run's warnings: its own summary line gives the count.
fn print_warnings(warnings: &Diagnostics) {
    eprint!("{}", warnings.render_list(styled()));
}

/// mimalloc instead of glibc's malloc: rendering allocates millions of small template
/// values from two threads, where glibc's arenas spent ~5% in consolidation and free-list
/// upkeep at 50,000 articles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
