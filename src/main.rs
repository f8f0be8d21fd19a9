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
    /// Site root (the folder holding site.toml)
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
    },
    /// Check everything a build checks, plus internal links and anchors; writes nothing
    #[command(
        after_help = "Examples:\n  dossier check\n  dossier check --strict    # warnings fail too\n  dossier check --strict --previous https://user.github.io/repo/    # no published URL may disappear"
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
    },
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
    },
    /// Work with the built-in theme
    #[command(subcommand)]
    Theme(ThemeCommand),
    /// Rewrite content files in place to fix what `dossier check` warns about
    #[command(subcommand)]
    Fix(FixCommand),
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
        /// Port to listen on
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CiArg {
    Github,
    None,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy the built-in templates and static files into the site, to customise them;
    /// refuses to overwrite a file that exists
    #[command(
        after_help = "Examples:\n  dossier theme eject\n  dossier theme eject templates/article.html static/style.css"
    )]
    Eject {
        /// Only these files, by their path in the site (default: every file of the theme)
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
        /// Site root (the folder holding site.toml)
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
        /// Site root (the folder holding site.toml)
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
        /// Site root (the folder holding site.toml)
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
        /// Site root (the folder holding site.toml)
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
    scaffold::new_translation(&dossier::default_root(root.as_deref()), kind, title, lang)
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
        } => build(BuildOptions {
            root: dossier::default_root(site.root.as_deref()),
            output,
            base_url,
            drafts: site.drafts,
        }),
        Command::Check {
            site,
            strict,
            previous,
        } => check(
            BuildOptions {
                root: dossier::default_root(site.root.as_deref()),
                drafts: site.drafts,
                ..BuildOptions::default()
            },
            strict,
            previous.as_deref(),
        ),
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
                    &dossier::default_root(root.as_deref()),
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
            } => scaffold::new_speaker(&dossier::default_root(root.as_deref()), &name)
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
            } => scaffold::new_topic(&dossier::default_root(root.as_deref()), &title)
                .map(|p| vec![p])
                .map_err(Diagnostics::from),
        }),
        Command::Init { dir, ci } => {
            let ci = match ci {
                CiArg::Github => scaffold::Ci::GitHub,
                CiArg::None => scaffold::Ci::None,
            };
            let code = created(
                scaffold::init(&dir, chrono::Local::now().date_naive(), ci)
                    .map_err(Diagnostics::from),
            );
            if code == ExitCode::SUCCESS {
                print!("\n{}", scaffold::next_steps(&dir, ci));
            }
            code
        }
        Command::Fix(FixCommand::Ids { check, root }) => {
            fix_ids(&dossier::default_root(root.as_deref()), check)
        }
        Command::Theme(ThemeCommand::Eject { files, root }) => {
            let root = dossier::default_root(root.as_deref());
            created(scaffold::eject_theme(&root, &files).map_err(Diagnostics::from))
        }
        Command::Serve {
            site,
            bind,
            port,
            open,
        } => match dossier::serve::serve(dossier::serve::ServeOptions {
            root: dossier::default_root(site.root.as_deref()),
            bind,
            port,
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

fn check(options: BuildOptions, strict: bool, previous: Option<&str>) -> ExitCode {
    match dossier::check::check_against(&options, previous) {
        Ok(report) => {
            print_warnings(&report.warnings);
            let warnings = diagnostics::count(report.warnings.warning_count(), "warning");
            if strict && report.warnings.warning_count() > 0 {
                eprintln!("check failed: {warnings} with --strict");
                return ExitCode::from(1);
            }
            println!("checked {} pages: no errors, {warnings}", report.pages);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
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
