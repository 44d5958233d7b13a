//! The commands: each in its own module, called from `run` with what it needs. Commands
//! that read the project get it checked first (errors shown in full, warnings counted,
//! or all of them for `check`); a pending content write is finished before anything
//! that writes content.

mod bank;
mod init;
mod offline;
mod paper;
mod report;
mod site;

use std::process::ExitCode;

use xuexi::diag::{self, Diagnostic, Files};
use xuexi::m;

use crate::cli::{Cli, Command};

/// Runs the command and gives the exit code: 0 done (warnings allowed), 1 invalid input
/// or a failed step.
pub fn run(cli: &Cli) -> ExitCode {
    let result = match &cli.command {
        Command::Init { dir, start } => {
            init::init(dir.as_deref().unwrap_or(cli.root.as_path()), start)
        }
        Command::Import {
            file, units: true, ..
        } => lock(cli, &project_root(cli)).and_then(|_held| bank::units(&project_root(cli), file)),
        Command::Import {
            file,
            quiz,
            title,
            material,
            draw,
            pass,
            skip_bad,
            force,
            units: false,
        } => lock(cli, &project_root(cli)).and_then(|_held| {
            bank::import(
                &project_root(cli),
                &xuexi::import::Args {
                    file: file.clone(),
                    quiz: quiz.clone().unwrap_or_default(),
                    title: title.clone(),
                    material: material.clone(),
                    draw: *draw,
                    pass: *pass,
                    skip_bad: *skip_bad,
                    force: *force,
                },
            )
        }),
        _ => with_project(cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            // One failure of the command: its message is the whole story (a "1 error"
            // summary under it would miscount the row errors import has said).
            eprint!("{}", diag::render(&Files::default(), &[d]));
            ExitCode::from(1)
        }
    }
}

/// A failed step as a diagnostic of its own, with no place in the input: its message.
fn plain(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::plain(e.to_string())
}

/// The project folder: `--root`; without it, this folder, or the nearest folder above
/// with a `catalogue.toml` (as when a command is run inside `quizzes/`).
fn project_root(cli: &Cli) -> std::path::PathBuf {
    let here = std::path::Path::new(".");
    if cli.root != here || here.join(xuexi::load::CATALOGUE).exists() {
        return cli.root.clone();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            cwd.ancestors()
                .skip(1)
                .find(|d| d.join(xuexi::load::CATALOGUE).is_file())
                .map(std::path::Path::to_path_buf)
        })
        .unwrap_or_else(|| cli.root.clone())
}

/// The project's lock ([`xuexi::lock`]), for a command that writes into it: waits for
/// another xuexi unless `--no-wait`. `None` where there is no project to protect (no
/// catalogue and no site folder: nothing is made there for the lock).
fn lock(cli: &Cli, root: &std::path::Path) -> Result<Option<xuexi::lock::Held>, Diagnostic> {
    let site = root.join(xuexi::SITE);
    if !site.is_dir() && !root.join(xuexi::load::CATALOGUE).is_file() {
        return Ok(None);
    }
    let wait = if cli.no_wait {
        xuexi::lock::Wait::No
    } else {
        xuexi::lock::Wait::Yes
    };
    xuexi::lock::project(&site, wait, &mut |line| eprintln!("{line}")).map(Some)
}

/// The commands that work on a checked project.
fn with_project(cli: &Cli) -> Result<(), Diagnostic> {
    let root = &project_root(cli);
    // What writes the site holds the project's lock to the end (`serve` only while it
    // generates: see site::serve).
    let held = match cli.command {
        Command::Generate
        | Command::Build { .. }
        | Command::Offline { .. }
        | Command::Serve { .. }
        | Command::Supervise { .. } => lock(cli, root)?,
        _ => None,
    };
    // A write an earlier run was killed in is finished before anything else, even when
    // the input now has errors, so Zola never sees half of it.
    if matches!(
        cli.command,
        Command::Generate | Command::Build { .. } | Command::Serve { .. }
    ) && root.join(xuexi::SITE).is_dir()
        && xuexi::emit::zola::tree(&root.join(xuexi::SITE))
            .recover()
            .map_err(|e| Diagnostic::plain(e.to_string()))?
    {
        eprintln!("{}", m!("generate.recovered"));
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
            eprintln!("{}", m!("warnings.count", n = n));
        }
    }
    let project = match &checked.project {
        Some(p) if !checked.has_errors() => p,
        // The problems are printed above; the exit code says the rest.
        _ => std::process::exit(1),
    };
    match &cli.command {
        Command::Check => {
            report::checked(project);
            Ok(())
        }
        Command::Stats => {
            report::stats(project);
            Ok(())
        }
        Command::Tally {
            files,
            plan,
            date,
            out,
            csv,
            print,
            roster,
        } => report::tally(
            root,
            project,
            &xuexi::tally::Args {
                files: files.clone(),
                plan: plan.clone(),
                date: date.clone(),
                out: out.clone(),
                csv: *csv,
                print: *print,
                roster: roster.clone(),
            },
        ),
        Command::Supervise {
            files,
            date,
            out,
            csv,
            print,
            forms,
            checklists,
            roster,
        } => report::supervise(
            root,
            project,
            &xuexi::supervise::Args {
                files: files.clone(),
                date: date.clone(),
                out: out.clone(),
                csv: *csv,
                print: *print,
                forms: forms.clone(),
                checklists: checklists.clone(),
                roster: roster.clone(),
            },
        ),
        Command::Export { quiz, file } => bank::export(project, quiz, file),
        Command::Generate => site::generate(root, project, false),
        Command::Build { base_url, zola } => site::build(root, project, base_url, zola.as_deref()),
        Command::Serve { zola, args } => site::generate(root, project, false).and_then(|()| {
            drop(held);
            site::serve(root, zola.as_deref(), args)
        }),
        Command::Offline { plan, quiz, out } => offline::offline(root, project, plan, quiz, out),
        Command::Paper {
            quiz,
            count,
            variants,
            seed,
            points,
            time,
            explain,
            out,
        } => paper::paper(
            root,
            project,
            &paper::PaperArgs {
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
        Command::Init { .. } | Command::Import { .. } => {
            unreachable!("run handles them without a project")
        }
    }
}
