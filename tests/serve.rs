//! `xuexi serve`: runs `zola serve` and regenerates when the author edits a file.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `xuexi serve` (English messages) on a free port with Zola's `extra` arguments, in
/// its own process group; what it says is gathered as it says it.
fn spawn_serve(
    zola: &std::path::Path,
    root: &std::path::Path,
    extra: &[&str],
) -> (
    std::process::Child,
    u16,
    std::sync::Arc<std::sync::Mutex<String>>,
) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["serve", "--zola", zola.to_str().unwrap(), "--root"])
        .arg(root)
        .args(["--", "--port", &port.to_string()])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    // What xuexi says, as it says it: the tests wait on its words, not on a clock.
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let said = said.clone();
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                said.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
    }
    (child, port, said)
}

/// Runs `body`, then stops the `xuexi serve` process group `child` leads, whatever
/// `body` did.
fn stopping(mut child: std::process::Child, body: impl FnOnce()) {
    let pgid = child.id() as i32;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
    // SAFETY: sends a signal to the process group this test created.
    unsafe {
        libc::kill(-pgid, libc::SIGTERM);
    }
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn serve_regenerates_on_edit() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    let (child, port, said) = spawn_serve(&zola, root, &[]);
    stopping(child, || {
        let page = "/quizzes/jianshi-ch01/";
        wait_for("the first page", || {
            get(port, page).is_some_and(|b| b.contains("《中国共产党简史》第一章自测"))
        });
        // Zola serves from xuexi's own folder, never from public/ (build's).
        // (Zola keeps pages in memory and writes only the static files.)
        assert!(root.join("site/.xuexi/serve/quiz.js").is_file());
        assert!(!root.join("site/public").exists());
        // Between edits serve holds no lock: another xuexi runs at once.
        let out = xuexi(root, &["generate", "--no-wait"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bank = root.join("quizzes/jianshi-ch01.toml");
        let text = std::fs::read_to_string(&bank).unwrap();
        std::fs::write(&bank, text.replacen("第一章自测", "第一章自测（修订）", 1)).unwrap();
        wait_for("the edited title", || {
            get(port, page).is_some_and(|b| b.contains("第一章自测（修订）"))
        });
        // A question edited: its page and the search index (which xuexi, not Zola,
        // puts into the preview) follow.
        let text = std::fs::read_to_string(&bank).unwrap();
        std::fs::write(&bank, text.replacen("prompt = \"", "prompt = \"（改）", 1)).unwrap();
        wait_for("the edited question", || {
            get(port, page).is_some_and(|b| b.contains("（改）"))
        });
        wait_for("the edited question in the search index", || {
            (0..10).any(|i| {
                get(port, &format!("/search/d{i}.json")).is_some_and(|b| b.contains("（改）"))
            })
        });
        // A text of the interface changed: only the campaign's section changes, which
        // every page reads; the quiz's page, whose own content is the same, follows
        // (Zola rebuilds everything).
        std::fs::write(
            root.join("strings.toml"),
            "skip_to_content = \"跳到正文（改）\"\n",
        )
        .unwrap();
        wait_for("the changed interface text on the quiz's page", || {
            get(port, page).is_some_and(|b| b.contains("跳到正文（改）"))
        });
        // A broken edit leaves the last good pages in place: once xuexi has said so,
        // the page served is still the last good one.
        let before = said.lock().unwrap().matches("not generated").count();
        std::fs::write(&bank, text.replacen("answer = \"B\"", "answer = \"Z\"", 1)).unwrap();
        wait_for("xuexi to refuse the broken edit", || {
            said.lock().unwrap().matches("not generated").count() > before
        });
        // (Zola may be busy for a moment; a served page must still be the last good one.)
        let body = (0..20)
            .find_map(|_| {
                let b = get(port, page)
                    .filter(|b| b.lines().next().is_some_and(|l| l.contains(" 200 ")));
                if b.is_none() {
                    std::thread::sleep(Duration::from_millis(250));
                }
                b
            })
            .expect("the page is served");
        assert!(body.contains("第一章自测（修订）"));
    });
}

/// Served from a new folder (`-o`): the search index is there beside the author's own
/// file of the same kind, which an edit leaves alone; a broken config.toml keeps the
/// preview running on the last good one, a good one restarts Zola in its folder.
#[test]
fn serve_into_a_new_folder_keeps_the_authors_files_and_survives_a_broken_config() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    std::fs::create_dir_all(root.join("site/static/search")).unwrap();
    std::fs::write(root.join("site/static/search/mine.json"), "{\"mine\":1}").unwrap();
    let out = project.path().join("preview");
    let (child, port, said) = spawn_serve(&zola, root, &["-o", out.to_str().unwrap()]);
    stopping(child, || {
        let page = "/quizzes/jianshi-ch01/";
        let ok = |path: &str| {
            get(port, path).is_some_and(|b| b.lines().next().is_some_and(|l| l.contains(" 200 ")))
        };
        wait_for("the first page", || ok(page));
        wait_for("the search index", || ok("/search/d0.json"));
        assert!(ok("/search/mine.json"));
        let bank = root.join("quizzes/jianshi-ch01.toml");
        let text = std::fs::read_to_string(&bank).unwrap();
        std::fs::write(&bank, text.replacen("prompt = \"", "prompt = \"（改）", 1)).unwrap();
        wait_for("the edited question", || {
            get(port, page).is_some_and(|b| b.contains("（改）"))
        });
        assert!(ok("/search/mine.json"), "the author's file is still served");
        // A broken config.toml: said, and the last good preview stays.
        let config = root.join("site/config.toml");
        let good = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{good}\noops = \"")).unwrap();
        wait_for("xuexi to say config.toml has an error", || {
            said.lock().unwrap().contains("config.toml has an error")
        });
        assert!(ok(page));
        // Fixed (and changed): Zola starts again in its folder, with the search index.
        std::fs::write(&config, format!("{good}\n# 预览\n")).unwrap();
        wait_for("Zola to start again", || {
            said.lock().unwrap().contains("Zola restarted")
        });
        wait_for("the page again", || ok(page));
        assert!(ok("/search/d0.json"));
        assert!(
            !said.lock().unwrap().contains("stopped"),
            "{}",
            said.lock().unwrap()
        );
    });
}

/// Starts `xuexi serve` on a free port and waits until Zola answers; returns the child
/// and the port.
fn start_serve(zola: &std::path::Path, root: &std::path::Path) -> (std::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .args(["serve", "--zola", zola.to_str().unwrap(), "--root"])
        .arg(root)
        .args(["--", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("zola serve", || get(port, "/").is_some());
    (child, port)
}

/// SIGTERM, SIGINT and SIGHUP to xuexi (not to its process group) stop Zola too, and
/// so does kill -9: the port is free again soon after.
#[test]
fn zola_stops_with_xuexi_whatever_signal_ends_it() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGKILL] {
        let (mut child, port) = start_serve(&zola, project.path());
        // SAFETY: sends a signal to the child this test started.
        unsafe {
            libc::kill(child.id() as i32, signal);
        }
        let status = child.wait().unwrap();
        if signal != libc::SIGKILL {
            assert!(
                status.success(),
                "signal {signal}: xuexi exits cleanly: {status}"
            );
        }
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_ok() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "signal {signal}: Zola still answers on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
