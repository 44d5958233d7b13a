//! xuexi: a study campaign in TOML -> a checked model -> a Zola site.
//!
//! The stages, one module each: [`load`] reads the files into the [`model`],
//! [`validate`] checks it, [`emit`] writes outputs from it, [`publish`] readies the
//! site Zola built for any host. [`diag`] renders problems;
//! [`zola_bin`] finds and runs Zola; [`serve`] keeps `zola serve`'s preview quick;
//! [`init`] makes a new project. The binary
//! (`main.rs`) only parses arguments.

#[macro_use]
pub mod i18n;
pub mod answer;
pub mod chapters;
pub mod clock;
pub mod codebytes;
pub mod colour;
pub mod csp;
pub mod diag;
pub mod emit;
pub mod import;
pub mod inert;
pub mod init;
pub mod load;
pub mod lock;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod record_shape;
pub mod rules;
pub mod schedule;
pub mod schema;
pub mod serve;
pub mod stamp;
pub mod stats;
pub mod supervise;
pub mod tally;
pub mod ui;
pub mod validate;
pub mod write;
pub mod zola_bin;

use std::path::Path;

use diag::{Diagnostic, Files};
use model::Project;

/// The Zola site folder inside a project.
pub const SITE: &str = "site";

/// A loaded and validated project.
pub struct Checked {
    pub files: Files,
    /// The model, when the catalogue loaded (there may still be errors).
    pub project: Option<Project>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// With `XUEXI_TIMINGS` set, prints how long a stage took (for benchmarks).
pub fn timing(stage: &str, since: std::time::Instant) {
    if std::env::var_os("XUEXI_TIMINGS").is_some() {
        eprintln!(
            "timing: {stage} {:.1} ms",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// With `XUEXI_TIMINGS` set, prints this process's own peak memory (not its children's,
/// such as Zola's), from `/proc/self/status` where there is one.
pub fn timing_peak() {
    if std::env::var_os("XUEXI_TIMINGS").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(kb) = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    {
        eprintln!("timing: peak {kb} kB");
    }
}

/// Loads and validates the project at `root`.
pub fn check(root: &Path) -> Checked {
    let start = std::time::Instant::now();
    let loaded = load::load(root);
    timing("load", start);
    let start = std::time::Instant::now();
    let mut diagnostics = loaded.diagnostics;
    let quizzes: Vec<(usize, &model::Quiz)> = loaded.quizzes.iter().map(|(f, q)| (*f, q)).collect();
    let quiz_ids: Vec<&str> = loaded.quiz_ids.iter().map(String::as_str).collect();
    diagnostics.extend(validate::validate(
        loaded.catalogue.as_ref().map(|(f, c)| (*f, c)),
        &quizzes,
        &quiz_ids,
    ));
    if let Some((file, o)) = &loaded.strings {
        diagnostics.extend(validate::strings(*file, o));
    }
    if let Some((file, t)) = &loaded.tasks {
        let catalogue = loaded.catalogue.as_ref().map(|(_, c)| c);
        diagnostics.extend(validate::tasks(*file, t, catalogue, &quiz_ids));
    }
    if let Some((file, c)) = &loaded.catalogue {
        if let Some(logo) = &c.campaign.logo {
            diagnostics.extend(validate::logo(root, *file, logo));
        }
        diagnostics.extend(validate::default_icons(root, *file, &c.campaign));
    }
    diagnostics.extend(validate::site_assets(root));
    diagnostics.sort_by_key(|d| match &d.place {
        diag::Place::Span(f, s) => (1, *f, s.start),
        diag::Place::File(_) | diag::Place::Nowhere => (0, 0, 0),
    });
    timing("validate", start);
    let strings = match &loaded.strings {
        Some((_, o)) => ui::Strings::with(
            &o.iter()
                .map(|(k, v)| (k.get_ref().clone(), v.get_ref().clone()))
                .collect(),
        ),
        None => ui::Strings::default(),
    };
    let project = loaded.catalogue.map(|(_, catalogue)| Project {
        catalogue,
        quizzes: loaded.quizzes.into_iter().map(|(_, q)| q).collect(),
        strings,
        tasks: loaded.tasks.map(|(_, t)| t),
    });
    Checked {
        files: loaded.files,
        project,
        diagnostics,
    }
}

/// What `generate` wrote.
#[derive(Debug, PartialEq, Eq)]
pub struct Generated {
    pub pages: usize,
    pub changed: bool,
    /// Entries in the owned folders that xuexi did not write: left alone.
    pub foreign: Vec<std::path::PathBuf>,
}

/// Writes the Zola content of a checked project with no errors into `root/site/content`;
/// with `offline`, also the offline copies (beside their pages, linked from them).
///
/// When the model, the site's `static/` files and this xuexi are those of the last run
/// and the owned folders are as that run left them ([`stamp::GENERATED`]), nothing is
/// rendered: the content is already what this run would write.
pub fn generate(root: &Path, project: &Project, offline: bool) -> Result<Generated, Diagnostic> {
    let site = root.join(SITE);
    let tree = emit::zola::tree(&site);
    let start = std::time::Instant::now();
    // The reader's stylesheet and scripts, whatever else is skipped: a few files, each
    // written only when it differs.
    emit::assets::write_theme(&site).map_err(|e| Diagnostic::plain(e.to_string()))?;
    let inputs = stamp::Key::new()
        .part("offline", &[u8::from(offline)])
        .json("project", project)
        .files("static", &site.join("static"))
        .map_err(Diagnostic::io(&site.join("static")))?
        .finish();
    let outputs = || generated_listing(&tree).map(|l| stamp::digest(&l));
    if let Some(last) = stamp::Stamp::read(&tree.state, stamp::GENERATED)
        && last.holds(&inputs, outputs)
        && let Some((pages, foreign)) = last.notes.split_first()
        && let Ok(pages) = pages.parse()
    {
        timing("unchanged", start);
        return Ok(Generated {
            pages,
            changed: false,
            foreign: foreign.iter().map(std::path::PathBuf::from).collect(),
        });
    }
    // The last stamp stays until this run's replaces it: it cannot hold for other
    // content, whose listing differs.
    let assets = if offline {
        Some(
            emit::offline::Assets::of(root, project)
                .map_err(|e| Diagnostic::plain(e.to_string()))?,
        )
    } else {
        None
    };
    // Offline copies whose key is the one recorded for the file still on disk are kept.
    let copies = stamp::Copies::read(&tree);
    crate::publish::test_full_disk(&site, "generate");
    // Each file is compared with the one on disk and staged as soon as it is rendered,
    // then dropped: the content is never held whole in memory. `render` times both.
    let writer = tree.begin().map_err(|e| Diagnostic::plain(e.to_string()))?;
    let rendered = emit::zola::render_reusing(
        project,
        assets.as_ref(),
        &|path, key| copies.size(path, key),
        &|path, text| writer.put(&path, text.as_bytes()).map_err(Failed::Write),
    )
    .and_then(|r| {
        r.kept.iter().try_for_each(|p| writer.keep(p))?;
        Ok(r)
    })
    .map_err(|e| match e {
        Failed::Render(e) => Diagnostic::plain(m!("render.failed", e = e)),
        Failed::Write(e) => Diagnostic::plain(e.to_string()),
    })?;
    timing("render", start);
    let start = std::time::Instant::now();
    let written = writer
        .finish()
        .map_err(|e| Diagnostic::plain(e.to_string()))?;
    timing("write", start);
    stamp::Copies::write(&tree, &rendered.keys).map_err(Diagnostic::io(&tree.state))?;
    let pages = rendered.files + rendered.kept.len();
    let generated = Generated {
        pages,
        changed: written.changed,
        foreign: written.foreign,
    };
    // The stamp is the last step: a run stopped before it leaves none, and the next run
    // does the work again.
    let mut notes = vec![generated.pages.to_string()];
    notes.extend(
        generated
            .foreign
            .iter()
            .map(|p| p.to_string_lossy().into_owned()),
    );
    let stamp = stamp::Stamp {
        inputs,
        outputs: outputs().map_err(Diagnostic::io(&tree.content))?,
        notes,
    };
    stamp
        .write(&tree.state, stamp::GENERATED)
        .map_err(Diagnostic::io(&tree.state))?;
    Ok(generated)
}

/// Why the content could not be generated: a file did not render, or not write.
enum Failed {
    Render(emit::zola::ZolaError),
    Write(write::WriteError),
}

impl From<emit::zola::ZolaError> for Failed {
    fn from(e: emit::zola::ZolaError) -> Self {
        Failed::Render(e)
    }
}

impl From<write::WriteError> for Failed {
    fn from(e: write::WriteError) -> Self {
        Failed::Write(e)
    }
}

/// What the owned folders and the manifest hold, as [`stamp::listing`] lists them.
fn generated_listing(tree: &write::Tree) -> std::io::Result<String> {
    let mut text = format!(
        "manifest {}\n",
        stamp::file_line(&tree.state.join("manifest"))
    );
    for dir in tree.owned {
        text.push_str(&format!("[{dir}]\n"));
        text.push_str(&stamp::listing(&tree.content.join(dir), &[])?);
    }
    Ok(text)
}

/// What the input files look like on disk (path, modification time, size), to notice
/// an author's edits while serving.
pub fn inputs_fingerprint(
    root: &Path,
) -> Vec<(std::path::PathBuf, Option<std::time::SystemTime>, u64)> {
    let mut paths = vec![root.join(load::CATALOGUE), root.join(ui::FILE)];
    if let Ok(entries) = std::fs::read_dir(root.join(load::QUIZZES)) {
        paths.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml")),
        );
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (p, modified, len)
        })
        .collect()
}
