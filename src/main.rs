//! The `xuexi` command line: parse arguments, run a stage, print diagnostics, exit.
//! Exit codes: 0 done (warnings allowed), 1 invalid input or a failed step, 2 usage error.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xuexi::diag::{self, Diagnostic, Files};
use xuexi::m;

/// Generating a national campaign allocates millions of small strings; mimalloc does
/// that about a quarter faster than glibc's allocator (see `cargo bench --bench scale`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// xuexi (学习): turns a study campaign written in TOML into a Zola site.
///
/// A project has `catalogue.toml` (the campaign, its materials and reading plans),
/// `quizzes/*.toml` (one question bank per file) and `site/` (an ordinary Zola site).
#[derive(Parser)]
#[command(name = "xuexi", version, propagate_version = true)]
struct Cli {
    /// The project folder (the one with catalogue.toml).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The Zola to run; otherwise $ZOLA, then tools/zola/bin/zola in the project, then PATH.
    #[arg(long, global = true, value_name = "PATH")]
    zola: Option<PathBuf>,
    /// The language of messages: zh-CN (default) or en; otherwise the locale's
    /// (LC_ALL, LC_MESSAGES, LANG) when it is English.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new project in DIR (default: here): an example campaign, one quiz with
    /// each type of question, and the Zola site. DIR must be empty or new.
    Init {
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Load and validate everything; print every problem with file:line:col.
    ///
    /// Exits with 1 if there is any error (warnings alone exit with 0).
    Check,
    /// Write the Zola content under site/content/ (only the folders xuexi owns:
    /// campaign, materials, plans, quizzes, practice, search).
    Generate,
    /// Check, generate (with the offline copies) and run `zola build`; the published
    /// site lands in site/public/.
    Build,
    /// Write single-file offline copies: one `.html` per plan and per quiz, to read and
    /// take quizzes without any network (to pass around in WeChat or QQ).
    Offline {
        /// Only the copy of this plan.
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// Only the copy of this quiz.
        #[arg(long, value_name = "ID")]
        quiz: Option<String>,
        /// Where to write them (default: `offline/` in the project).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write printable A4 quiz papers as offices print them: questions grouped by type
    /// under numbered headings, with points and a total, and an answer key per variant
    /// (HTML; print them from a browser).
    ///
    /// The questions are drawn and ordered from a seed: the same seed prints the same
    /// paper; the seed is printed on the key. Files: ID-A.html and ID-A-key.html, ….
    Paper {
        /// The bank to draw from.
        #[arg(long, value_name = "ID")]
        quiz: String,
        /// Questions on each paper: a number (shared among the types as in the bank) or
        /// per type, e.g. single=10,multiple=5,truefalse=5 (default: the bank's `draw`,
        /// else all).
        #[arg(long, value_name = "K")]
        count: Option<String>,
        /// How many different papers (A, B, C, ...), each with its own key.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=8))]
        variants: u8,
        /// The seed of the draw.
        #[arg(long, value_name = "S", default_value_t = xuexi::emit::paper::DEFAULT_SEED)]
        seed: u64,
        /// Points per question of each type, e.g. single=2,multiple=3,truefalse=1,fill=2
        /// (default: each question's `points` in the bank; none: no points printed).
        #[arg(long, value_name = "TYPE=N,...")]
        points: Option<String>,
        /// Time allowed, in minutes, printed under the title.
        #[arg(long, value_name = "MINUTES")]
        time: Option<u32>,
        /// Print each question's explanation in the key.
        #[arg(long)]
        explain: bool,
        /// Where to write them (default: `papers/` in the project).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Counts by material, question type and plan; chapters no question covers;
    /// questions without an explanation; each plan's reading time.
    Stats,
    /// Import a question bank (题库) from .xlsx, .xls, .ods or .csv (UTF-8 or GB18030)
    /// into quizzes/ID.toml, from every sheet. Columns: 题型 (or a sheet named 单选题,
    /// 多选题, …), 题干, 选项A … 选项H (or one 选项 column), 答案, 解析, 出处, 分值,
    /// 编号/题号/序号. Nothing is written while any row is bad. When the bank exists it is
    /// updated: its settings and the ids of unchanged questions are kept.
    Import {
        /// The spreadsheet or CSV file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The id of the bank (the file name under quizzes/).
        #[arg(long, value_name = "ID")]
        quiz: String,
        /// The bank's title (default: the bank's own, else the sheet's title row, else
        /// the file's name).
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// The material the bank is about (its id in catalogue.toml).
        #[arg(long, value_name = "ID")]
        material: Option<String>,
        /// Questions drawn at random per attempt.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
        draw: Option<i64>,
        /// Pass mark, percent.
        #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(i64).range(1..=100))]
        pass: Option<i64>,
        /// Import the good rows and report the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_bad: bool,
        /// Start the bank afresh: ignore quizzes/ID.toml (its ids and settings).
        #[arg(long)]
        force: bool,
    },
    /// Export a question bank to .xlsx or .csv, in the layout `import` reads, for
    /// colleagues to review in Excel or WPS.
    Export {
        /// The bank to export.
        #[arg(long, value_name = "ID")]
        quiz: String,
        /// Where to write it: a .xlsx or .csv file name.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Turn members' study record codes (学习记录码, from the site's 我的学习记录 page)
    /// into the branch's 学习台账: a .xlsx with one row per member, a sheet per reading
    /// and a sheet of problems (and a .csv with --csv, a printable .html with --print).
    ///
    /// FILEs are texts holding the codes: a pasted WeChat or QQ chat, files members
    /// sent; none or `-`: standard input. Damaged, truncated, other campaigns' and
    /// duplicate codes are reported by file and line and not counted; of several
    /// records of one member, the latest is kept.
    Tally {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only this plan's records (default: a ledger for each plan found).
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// Progress (on track / behind by N) as of this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The .xlsx to write (default: 台账-PLAN-DATE.xlsx in the project folder).
        #[arg(short = 'o', long = "out", value_name = "FILE.xlsx")]
        out: Option<PathBuf>,
        /// Also write the members' sheet as .csv.
        #[arg(long)]
        csv: bool,
        /// Also write a printable HTML ledger (A4 landscape).
        #[arg(long)]
        print: bool,
    },
    /// Generate and run `zola serve` for authors (extra arguments go to Zola, after --).
    Serve {
        /// Arguments for `zola serve`, e.g. `-- --port 8000`.
        #[arg(last = true, value_name = "ZOLA_ARGS")]
        args: Vec<OsString>,
    },
}

fn main() -> ExitCode {
    xuexi::i18n::set(language());
    // A file size limit (a full quota) must fail the write, which is then cleaned up,
    // not end the process and leave the half-written file.
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = parse();
    if let Command::Import {
        file,
        quiz,
        title,
        material,
        draw,
        pass,
        skip_bad,
        force,
    } = &cli.command
    {
        let args = xuexi::import::Args {
            file: file.clone(),
            quiz: quiz.clone(),
            title: title.clone(),
            material: material.clone(),
            draw: *draw,
            pass: *pass,
            skip_bad: *skip_bad,
            force: *force,
        };
        return match xuexi::import::run(cli.root.as_path(), &args, &mut |line| eprintln!("{line}"))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                diag::print(&Files::default(), &[Diagnostic::plain(e)]);
                ExitCode::from(1)
            }
        };
    }
    if let Command::Init { dir } = &cli.command {
        let dir = dir.clone().unwrap_or_else(|| cli.root.clone());
        return match xuexi::init::init(&dir) {
            Ok(files) => {
                eprintln!("{}", m!("init.wrote", n = files.len(), dir = dir.display()));
                if dir == Path::new(".") {
                    eprintln!("{}", m!("init.next.here"));
                } else {
                    eprintln!("{}", m!("init.next", dir = dir.display()));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                diag::print(&Files::default(), &[Diagnostic::plain(e.to_string())]);
                ExitCode::from(1)
            }
        };
    }
    let root = cli.root.as_path();
    // A write an earlier run was killed in is finished before anything else, even when
    // the input now has errors, so Zola never sees half of it.
    if matches!(
        cli.command,
        Command::Generate | Command::Build | Command::Serve { .. }
    ) && root.join(xuexi::SITE).is_dir()
    {
        match xuexi::emit::zola::tree(&root.join(xuexi::SITE)).recover() {
            Ok(true) => eprintln!("{}", m!("generate.recovered")),
            Ok(false) => {}
            Err(e) => {
                diag::print(&Files::default(), &[Diagnostic::plain(e.to_string())]);
                return ExitCode::from(1);
            }
        }
    }
    // Never dropped: the process ends soon after, and freeing a national project's
    // half a million small allocations one by one is slower than letting the OS go.
    let checked = std::mem::ManuallyDrop::new(xuexi::check(root));
    if matches!(cli.command, Command::Check) {
        diag::print(&checked.files, &checked.diagnostics);
    } else {
        // Other commands show errors in full and only count the warnings.
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = checked
            .diagnostics
            .iter()
            .cloned()
            .partition(Diagnostic::is_error);
        diag::print(&checked.files, &errors);
        if !warnings.is_empty() && errors.is_empty() {
            let n = warnings.len();
            let pl = if n == 1 { "" } else { "s" };
            eprintln!("{}", m!("warnings.count", n = n, pl = pl));
        }
    }
    if checked.has_errors() {
        return ExitCode::from(1);
    }
    let Some(project) = &checked.project else {
        return ExitCode::from(1);
    };
    let result = match &cli.command {
        Command::Check => {
            eprintln!(
                "{}",
                m!(
                    "checked",
                    materials = project.catalogue.materials.len(),
                    plans = project.catalogue.plans.len(),
                    quizzes = project.quizzes.len(),
                    questions = project
                        .quizzes
                        .iter()
                        .map(|q| q.questions.len())
                        .sum::<usize>()
                )
            );
            Ok(())
        }
        Command::Init { .. } | Command::Import { .. } => {
            unreachable!("handled before the project is loaded")
        }
        Command::Export { quiz, file } => {
            match project.quizzes.iter().find(|q| q.id.as_str() == quiz) {
                Some(bank) => xuexi::import::export(bank, file)
                    .map_err(Diagnostic::plain)
                    .map(|()| {
                        eprintln!(
                            "{}",
                            xuexi::import::msg::exported(file, bank.questions.len())
                        );
                    }),
                None => Err(Diagnostic::plain(xuexi::import::msg::no_quiz(quiz))),
            }
        }
        Command::Generate => generate(root, project, false),
        Command::Tally {
            files,
            plan,
            date,
            out,
            csv,
            print,
        } => {
            let args = xuexi::tally::Args {
                files: files.clone(),
                plan: plan.clone(),
                date: date.clone(),
                out: out.clone(),
                csv: *csv,
                print: *print,
            };
            xuexi::tally::run(root, project, &args, &mut |line| eprintln!("{line}"))
                .map(|_| ())
                .map_err(Diagnostic::plain)
        }
        Command::Stats => {
            print!("{}", xuexi::stats::report(project));
            Ok(())
        }
        Command::Offline { plan, quiz, out } => offline(root, project, plan, quiz, out),
        Command::Paper {
            quiz,
            count,
            variants,
            seed,
            points,
            time,
            explain,
            out,
        } => paper(
            root,
            project,
            &PaperArgs {
                quiz,
                count: count.as_deref(),
                variants: *variants as usize,
                seed: *seed,
                points: points.as_deref(),
                minutes: *time,
                explain: *explain,
                out,
            },
        ),
        Command::Build => generate(root, project, true).and_then(|()| {
            let zola = xuexi::zola_bin::find(root, cli.zola.as_deref())?;
            zola.run(&root.join(xuexi::SITE), &["build".into()])?;
            let public = root.join(xuexi::SITE).join("public");
            match xuexi::emit::precache::write(&public) {
                Ok(Some(w)) => eprintln!("{}", m!("build.offline-list", n = w.shell, m = w.lists)),
                Ok(None) => {}
                Err(e) => {
                    return Err(Diagnostic::plain(m!(
                        "build.offline-list.error",
                        path = public.join("sw.js").display(),
                        e = e
                    )));
                }
            }
            eprintln!(
                "{}",
                m!(
                    "built",
                    path = root.join(xuexi::SITE).join("public").display()
                )
            );
            Ok(())
        }),
        Command::Serve { args } => {
            generate(root, project, false).and_then(|()| serve(root, &cli, args))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            diag::print(&Files::default(), &[d]);
            ExitCode::from(1)
        }
    }
}

/// The arguments, with `--help` in the language in use: English from the doc comments
/// above, any other language from the `help.*` keys of its catalogue.
fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let mut cmd = Cli::command();
    if xuexi::i18n::lang() != xuexi::i18n::Lang::En {
        cmd = localize(cmd, "help");
    }
    let matches = cmd.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Sets the help of `cmd`, its arguments and its subcommands from the catalogue keys
/// `<key>.about`, `<key>.<arg>` and `<key>.<subcommand>.…`.
fn localize(mut cmd: clap::Command, key: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let text = |k: String| xuexi::i18n::tr(&k, &[]);
    let about = text(format!("{key}.about"));
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    let heading = text("help.heading.options".into());
    for id in &ids {
        let help = text(format!("{key}.{id}"));
        let heading = heading.clone();
        cmd = cmd.mut_arg(id, |a| a.help(help).help_heading(heading));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in &names {
        let sub_key = format!("{key}.{name}");
        cmd = cmd.mut_subcommand(name, |c| localize(c, &sub_key));
    }
    cmd.about(about.clone())
        .long_about(about)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(text("help.heading.commands".into()))
        .help_template(text("help.template".into()))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("help.flag.help".into()))
                .help_heading(heading.clone()),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("help.flag.version".into()))
                .help_heading(heading),
        )
}

/// The language asked for with `--lang` (read before the arguments are parsed, so that
/// their own messages can use it), else the locale's.
fn language() -> xuexi::i18n::Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| {
            a.strip_prefix("--lang=")
                .map(str::to_string)
                .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
        })
        .and_then(|l| xuexi::i18n::Lang::parse(&l))
        .unwrap_or_else(xuexi::i18n::Lang::from_env)
}

/// Runs `zola serve`; meanwhile checks and generates again whenever catalogue.toml or a
/// bank changes, so the author sees an edit in the browser a moment later.
fn serve(root: &Path, cli: &Cli, args: &[OsString]) -> Result<(), Diagnostic> {
    let zola = xuexi::zola_bin::find(root, cli.zola.as_deref())?;
    let mut all: Vec<OsString> = vec!["serve".into()];
    all.extend(args.iter().cloned());
    // SIGTERM, SIGINT (Ctrl-C) and SIGHUP (a closed terminal) end the serve loop
    // below, which then stops Zola too; a second signal ends xuexi at once.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut signals = vec![signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];
    #[cfg(unix)]
    signals.push(signal_hook::consts::SIGHUP);
    for signal in signals {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, stop.clone());
        let _ = signal_hook::flag::register(signal, stop.clone());
    }
    let mut child = zola.spawn(&root.join(xuexi::SITE), &all)?;
    let mut seen = xuexi::inputs_fingerprint(root);
    loop {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("{}", m!("serve.stopped"));
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return if status.success() {
                Ok(())
            } else {
                Err(Diagnostic::plain(m!("serve.zola-stopped", status = status)))
            };
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            continue;
        }
        let now = xuexi::inputs_fingerprint(root);
        if now == seen {
            continue;
        }
        seen = now;
        let checked = xuexi::check(root);
        diag::print(&checked.files, &checked.diagnostics);
        match &checked.project {
            Some(project) if !checked.has_errors() => {
                if let Err(d) = generate(root, project, false) {
                    diag::print(&Files::default(), &[d]);
                }
            }
            _ => eprintln!("{}", m!("serve.not-generated")),
        }
    }
}

/// What `xuexi paper` was asked for.
struct PaperArgs<'a> {
    quiz: &'a str,
    count: Option<&'a str>,
    variants: usize,
    seed: u64,
    points: Option<&'a str>,
    minutes: Option<u32>,
    explain: bool,
    out: &'a Option<PathBuf>,
}

/// Writes each variant's paper and key into `out` (default `root/papers`).
fn paper(root: &Path, project: &xuexi::model::Project, a: &PaperArgs) -> Result<(), Diagnostic> {
    use xuexi::emit::paper::{self, Count, msg};
    let Some(bank) = project.quizzes.iter().find(|q| q.id.as_str() == a.quiz) else {
        let known: Vec<&str> = project.quizzes.iter().map(|q| q.id.as_str()).collect();
        let hint =
            diag::did_you_mean(a.quiz, known.iter().copied()).unwrap_or_else(|| known.join(", "));
        return Err(Diagnostic::plain(msg::no_quiz(a.quiz, &hint)));
    };
    let count = match a.count {
        Some(c) => paper::parse_count(c).map_err(Diagnostic::plain)?,
        None => bank
            .draw
            .as_ref()
            .map_or(Count::All, |d| Count::Total(*d.get_ref() as usize)),
    };
    let counts = paper::counts(bank, &count).map_err(Diagnostic::plain)?;
    let given = match a.points {
        Some(p) => paper::parse_points(p).map_err(Diagnostic::plain)?,
        None => [None; 4],
    };
    let points = paper::points(bank, &counts, &given).map_err(Diagnostic::plain)?;
    let drawn = paper::variants(bank, &counts, points.as_deref(), a.variants, a.seed);
    let campaign = project.catalogue.campaign.title.get_ref();
    let mut copies = Vec::new();
    for v in &drawn {
        let (html, key) = paper::render(campaign, bank, v, a.seed, a.minutes, a.explain)
            .map_err(Diagnostic::plain)?;
        let (paper_file, key_file) = paper::file_names(a.quiz, v.name);
        copies.push(xuexi::emit::offline::Copy {
            file: paper_file,
            html,
        });
        copies.push(xuexi::emit::offline::Copy {
            file: key_file,
            html: key,
        });
    }
    let dir = a.out.clone().unwrap_or_else(|| root.join("papers"));
    let paths = xuexi::emit::offline::write(&dir, &copies)
        .map_err(|e| Diagnostic::plain(msg::cannot_write(&dir, &e)))?;
    for pair in paths.chunks(2) {
        eprintln!(
            "{}",
            msg::written(
                &pair[0].display().to_string(),
                &pair[1].display().to_string()
            )
        );
    }
    let first = &drawn[0];
    eprintln!(
        "{}",
        msg::summary(drawn.len(), first.count, first.total.as_deref(), a.seed)
    );
    Ok(())
}

/// Writes the offline copies asked for into `out` (default `root/offline`).
fn offline(
    root: &Path,
    project: &xuexi::model::Project,
    plan: &Option<String>,
    quiz: &Option<String>,
    out: &Option<PathBuf>,
) -> Result<(), Diagnostic> {
    use xuexi::emit::offline::{Assets, Renderer, human_size, write};
    let assets = Assets::load(&root.join(xuexi::SITE)).map_err(Diagnostic::plain)?;
    let copies = Renderer::new(project, &assets)
        .all(plan.as_deref(), quiz.as_deref())
        .map_err(Diagnostic::plain)?;
    let dir = out.clone().unwrap_or_else(|| root.join("offline"));
    let paths = write(&dir, &copies)
        .map_err(|e| Diagnostic::plain(m!("offline.error", dir = dir.display(), e = e)))?;
    for (path, c) in paths.iter().zip(&copies) {
        eprintln!(
            "{}",
            m!(
                "offline.wrote",
                path = path.display(),
                size = human_size(c.html.len())
            )
        );
    }
    Ok(())
}

fn generate(root: &Path, project: &xuexi::model::Project, offline: bool) -> Result<(), Diagnostic> {
    let g = xuexi::generate(root, project, offline)?;
    let content = root.join(xuexi::SITE).join("content");
    for p in &g.foreign {
        eprintln!(
            "{}",
            m!("generate.foreign", path = content.join(p).display())
        );
    }
    let dir = root.join(xuexi::SITE).join("content");
    let line = if g.changed {
        m!("generate.done", n = g.pages, dir = dir.display())
    } else {
        m!("generate.unchanged", n = g.pages, dir = dir.display())
    };
    eprintln!("{line}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command and argument has its Chinese help in the catalogue (English help
    /// is the doc comments).
    #[test]
    fn every_command_and_argument_has_chinese_help() {
        let zh = xuexi::i18n::parse(xuexi::i18n::ZH_CN);
        fn walk(cmd: &clap::Command, key: &str, zh: &std::collections::HashMap<String, String>) {
            assert!(zh.contains_key(&format!("{key}.about")), "{key}.about");
            for a in cmd.get_arguments() {
                let id = a.get_id().to_string();
                if id != "help" && id != "version" {
                    assert!(zh.contains_key(&format!("{key}.{id}")), "{key}.{id}");
                }
            }
            for c in cmd.get_subcommands() {
                walk(c, &format!("{key}.{}", c.get_name()), zh);
            }
        }
        walk(&super::Cli::command(), "help", &zh);
        for k in [
            "help.heading.options",
            "help.heading.commands",
            "help.template",
            "help.flag.help",
            "help.flag.version",
        ] {
            assert!(zh.contains_key(k), "{k}");
        }
    }
}
