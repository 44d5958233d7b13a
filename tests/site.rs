//! Builds the sample campaign with a real Zola and checks the published pages.

mod common;

use std::process::Command;

use common::*;

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn sample_builds_with_real_zola() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    let out = xuexi(root, &["build", "--zola", zola.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "xuexi build failed:\n{stderr}");
    assert!(stderr.contains("generated: 38 pages"), "{stderr}");

    let public = root.join("site/public");
    let read =
        |p: &str| std::fs::read_to_string(public.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let checked = xuexi::check(root);
    let project_model = checked.project.unwrap();

    // Home: the campaign, its plan and every material.
    let home = read("index.html");
    assert!(home.contains("<h1>广安区党史学习教育</h1>"));
    assert!(home.contains("<time datetime=\"2021-04-08\">2021-04-08</time>"));
    assert!(home.contains("<strong>学史明理、学史增信、学史崇德、学史力行</strong>"));
    for m in &project_model.catalogue.materials {
        assert!(
            home.contains(m.title.get_ref().as_str()),
            "home lacks {}",
            m.title.get_ref()
        );
    }

    // The catalogue by category.
    let catalogue = read("materials/index.html");
    for name in ["指定学习材料", "重要参考材料", "延伸学习材料"] {
        assert!(catalogue.contains(&format!(">{name}</h2>")), "{name}");
    }

    // One page per material, with every chapter.
    for m in &project_model.catalogue.materials {
        let page = read(&format!("materials/{}/index.html", m.id.get_ref()));
        assert!(page.contains(&format!("<h1>{}</h1>", m.title.get_ref())));
        assert_eq!(count(&page, "<h3>"), m.chapters.len(), "{}", m.id.get_ref());
    }
    let jianshi = read("materials/jianshi/index.html");
    assert_eq!(count(&jianshi, "<h3>第"), 10);
    assert!(jianshi.contains("<h3>第一章　中国共产党的创立和投身大革命的洪流</h3>"));

    // The plan: every reading, milestone and the weekly session.
    let plan = read("plans/guangan-2021/index.html");
    assert!(plan.contains("<h1>广安区党员干部党史学习计划（2021年）</h1>"));
    assert_eq!(count(&plan, "<tr class=\"reading\""), 17);
    assert!(plan.contains("<caption>学习台账：广安区党员干部党史学习计划（2021年）</caption>"));
    assert_eq!(count(&plan, "<ol class=\"milestones\">"), 1);
    assert!(plan.contains("每周五 · “红色星期五”主题党日：学党史、感恩党"));
    assert!(plan.contains("不安排：2021-10-01"));

    // One page per quiz, every question with its answer in a <details>.
    let mut total = 0;
    for q in &project_model.quizzes {
        let page = read(&format!("quizzes/{}/index.html", q.id));
        let n = q.questions.len();
        assert_eq!(count(&page, "<li class=\"question\""), n, "{}", q.id);
        assert_eq!(count(&page, "<details class=\"answer\">"), n, "{}", q.id);
        assert!(page.contains(&format!("<h1>{}</h1>", q.title.get_ref())));
        total += n;
    }
    assert!(total >= 60, "the sample has {total} questions");
    let ch01 = read("quizzes/jianshi-ch01/index.html");
    assert!(ch01.contains("<p><strong>答案：</strong><span class=\"key\">B</span></p>"));
    assert!(ch01.contains(
        "<p><strong>答案：</strong><span class=\"key\">13 或 十三；50 或 五十</span></p>"
    ));
    assert!(ch01.contains("于<span class=\"gap\"><span class=\"vh\">（填空）</span></span>年召开"));

    // The author's page is published and untouched.
    assert!(read("about/index.html").contains("关于本站"));
    assert_eq!(
        std::fs::read(root.join("site/content/about.md")).unwrap(),
        std::fs::read(repo().join("site/content/about.md")).unwrap()
    );

    // No page asks any other origin for anything.
    for (path, bytes) in snapshot(&public) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
                assert!(!html.contains(attr), "{} has {attr}", path.display());
            }
            // Notes for authors (front-matter comments, HTML comments) stay out of
            // what readers get.
            for note in ["<!--", "给作者"] {
                assert!(!html.contains(note), "{} has {note}", path.display());
            }
        }
    }

    // `zola check` passes on the generated site.
    let check = Command::new(&zola)
        .arg("--root")
        .arg(root.join("site"))
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "zola check failed:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn build_without_zola_says_how_to_get_one() {
    let project = sample_project();
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["build", "--root"])
        .arg(project.path())
        .env("ZOLA", "")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: Zola was not found\n  = install Zola 0.22 into this project with `scripts/install-zola`"), "{stderr}");
}

#[test]
fn wrong_zola_version_is_refused() {
    let project = sample_project();
    let fake = project.path().join("zola");
    std::fs::write(&fake, "#!/bin/sh\necho 'zola 0.23.1'\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = xuexi(project.path(), &["build", "--zola", fake.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("says `zola 0.23.1`, but the site's templates need Zola 0.22"),
        "{stderr}"
    );
}

#[test]
fn a_new_project_from_init_builds() {
    let Some(zola) = zola() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("campaign");
    let out = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = xuexi(&root, &["build", "--zola", zola.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = std::fs::read_to_string(root.join("site/public/index.html")).unwrap();
    assert!(home.contains("<h1>示例学习活动</h1>"));
    let quiz =
        std::fs::read_to_string(root.join("site/public/quizzes/example/index.html")).unwrap();
    assert_eq!(count(&quiz, "<li class=\"question\""), 4);
    assert!(
        root.join("site/public/quizzes/example.offline.html")
            .is_file()
    );
    // The reader's scripts and stylesheet are xuexi's, not copied into the project:
    // published from its theme, the same bytes as built in.
    let published = |stem: &str, ext: &str| {
        let names: Vec<_> = std::fs::read_dir(root.join("site/public"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.starts_with(&format!("{stem}."))
                    && n.ends_with(&format!(".{ext}"))
                    && n.len() == stem.len() + ext.len() + 12
            })
            .collect();
        assert_eq!(names.len(), 1, "{stem}.{ext}: {names:?}");
        std::fs::read_to_string(root.join("site/public").join(&names[0])).unwrap()
    };
    for (name, text) in xuexi::emit::assets::FILES {
        assert!(
            !root.join("site/static").join(name).exists(),
            "init copied {name}"
        );
        if let Some((stem, ext)) = name.split_once('.')
            && name != "sw.js"
        {
            assert_eq!(published(stem, ext), text, "{name}");
        }
    }
    // An old copy of quiz.js in site/static: check and build refuse it, saying why.
    let old = "// quiz.js: the interactive quiz (an old copy)\n\"use strict\";\n";
    std::fs::write(root.join("site/static/quiz.js"), old).unwrap();
    let zola_arg = zola.to_str().unwrap();
    for command in [&["check"][..], &["build", "--zola", zola_arg][..]] {
        let out = xuexi(&root, command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(
            stderr.contains(
                "site/static/quiz.js replaces xuexi's own quiz.js but was not made for this version"
            ),
            "{command:?}: {stderr}"
        );
    }
    // An override made from this version's file (its first line kept) is served: it wins.
    let mine = format!(
        "{}\n// the office's change\n",
        xuexi::emit::assets::builtin("quiz.js").unwrap()
    );
    std::fs::write(root.join("site/static/quiz.js"), &mine).unwrap();
    let out = xuexi(&root, &["build", "--zola", zola.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(published("quiz", "js"), mine);
    // A second init into the same folder is refused.
    let again = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn a_campaign_brings_its_own_name_colour_logo_and_footer() {
    let Some(zola) = zola() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("campaign");
    let out = xuexi(dir.path(), &["init", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let catalogue = std::fs::read_to_string(root.join("catalogue.toml")).unwrap();
    let title = "某某区党员读书月";
    let branded = catalogue.replacen(
        "title = \"示例学习活动\"\n",
        &format!(
            "title = \"{title}\"\ndescription = \"全区党员读书月的书目和自测\"\n\
             theme_color = \"#1D39C4\"\nlogo = \"brand/logo.svg\"\nfooter = \"中共某某区委组织部 主办\"\n"
        ),
        1,
    );
    let branded = branded.replacen("short_name = \"学习\"", "short_name = \"读书月\"", 1);
    assert_ne!(branded, catalogue);
    std::fs::write(root.join("catalogue.toml"), branded).unwrap();
    // The author's own wording for two reader-facing strings, one of them the quiz
    // script's.
    let strings = std::fs::read_to_string(root.join("strings.toml")).unwrap();
    let strings = strings
        .replace("# tab_home = \"首页\"", "tab_home = \"主页\"")
        .replace(
            "# js_score = \"本次得分 {s} 分（答对 {r}/{n} 题）\"",
            "js_score = \"得分 {s}（对 {r}/{n}）\"",
        );
    assert_eq!(
        strings.matches("\ntab_home").count() + strings.matches("\njs_score").count(),
        2
    );
    std::fs::write(root.join("strings.toml"), strings).unwrap();
    std::fs::create_dir_all(root.join("site/static/brand")).unwrap();
    std::fs::copy(
        root.join("site/static/icon.svg"),
        root.join("site/static/brand/logo.svg"),
    )
    .unwrap();
    let out = xuexi(&root, &["build", "--zola", zola.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = root.join("site/public");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(public.join("campaign/manifest.webmanifest")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["name"], title);
    assert_eq!(manifest["short_name"], "读书月");
    assert_eq!(manifest["description"], "全区党员读书月的书目和自测");
    assert_eq!(manifest["theme_color"], "#1d39c4");
    assert_eq!(manifest["start_url"], "../");
    // The brand style sheet and the logo are published under their content hash.
    let names: Vec<String> = snapshot(&public)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let brand_css = names
        .iter()
        .find(|n| n.starts_with("campaign/brand.") && n.ends_with(".css"))
        .expect("campaign/brand.<hash>.css")
        .clone();
    let logo = names
        .iter()
        .find(|n| n.starts_with("brand/logo.") && n.ends_with(".svg"))
        .expect("brand/logo.<hash>.svg")
        .clone();
    let css = std::fs::read_to_string(public.join(&brand_css)).unwrap();
    assert!(css.contains("--brand: #1d39c4;"), "{css}");
    let mut pages = 0;
    for (path, bytes) in snapshot(&public) {
        if path.extension().is_none_or(|e| e != "html")
            || path.to_string_lossy().contains("offline")
        {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        pages += 1;
        let p = path.display();
        assert!(
            !html.contains("示例学习活动"),
            "{p} still says 示例学习活动"
        );
        assert!(html.contains(&format!("{title}</title>")), "{p}");
        assert!(
            html.contains("<meta name=\"theme-color\" content=\"#1d39c4\">"),
            "{p}"
        );
        assert!(html.contains("content=\"读书月\">"), "{p}");
        assert!(html.contains("campaign/manifest.webmanifest"), "{p}");
        assert!(html.contains(&brand_css), "{p}");
        assert!(html.contains(&format!("{logo}\" alt=\"\"")), "{p}");
        assert!(html.contains("中共某某区委组织部 主办 · "), "{p}");
        assert!(html.contains(">主页</a>"), "{p}");
    }
    let quiz = std::fs::read_to_string(public.join("quizzes/example/index.html")).unwrap();
    assert!(quiz.contains("得分 {s}（对 {r}/{n}）"));
    assert!(!quiz.contains("本次得分"));
    assert!(pages >= 10, "{pages} pages");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("<meta name=\"description\" content=\"全区党员读书月的书目和自测\">"));
    // The offline copies carry the colour and the footer too.
    let copy = std::fs::read_to_string(public.join("quizzes/example.offline.html")).unwrap();
    assert!(copy.contains("--brand: #1d39c4;"));
    assert!(copy.contains("中共某某区委组织部 主办 · "));
    assert!(copy.contains("得分 {s}（对 {r}/{n}）"));
    assert!(copy.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"));
}

/// Markup an author types into Markdown (a pasted `<script>`, an `onerror`) reaches
/// readers as text on the built pages and in the offline copies, never as markup.
#[test]
fn script_in_markdown_shows_as_text_on_built_pages() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let catalogue = std::fs::read_to_string(root.join("catalogue.toml")).unwrap();
    let catalogue = catalogue.replacen(
        "intro = \"\"\"\n",
        &format!("intro = \"\"\"\n{payload}\n\n"),
        1,
    );
    std::fs::write(root.join("catalogue.toml"), catalogue).unwrap();
    let bank = std::fs::read_to_string(root.join("quizzes/jianshi-ch01.toml")).unwrap();
    let bank = bank.replacen("explanation = \"", &format!("explanation = \"{payload}"), 1);
    std::fs::write(root.join("quizzes/jianshi-ch01.toml"), bank).unwrap();
    let out = xuexi(root, &["build", "--zola", zola.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = root.join("site/public");
    for page in [
        "index.html",
        "quizzes/jianshi-ch01/index.html",
        "quizzes/jianshi-ch01.offline.html",
    ] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(
            html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
            ),
            "{page} does not show the payload as text"
        );
        assert!(!html.contains("<script>alert"), "{page} runs the payload");
        assert!(
            !html.contains("<img src=x"),
            "{page} has the payload's markup"
        );
    }
}

/// The published folder works in any sub-folder: relative links, hashed asset names,
/// compressed copies, nginx settings; `--base-url` only changes 404.html, sitemap.xml
/// and the settings; two builds give the same bytes.
#[test]
fn published_for_any_folder_of_any_host() {
    use std::io::Read;
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    let zola = zola.to_str().unwrap();
    let out = xuexi(root, &["build", "--zola", zola]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("text files have .gz and .br copies"),
        "{stderr}"
    );
    assert!(stderr.contains("nginx settings: "), "{stderr}");
    let public = root.join("site/public");
    let first = snapshot(&public);
    let names: Vec<String> = first
        .iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let hashed = |stem: &str, ext: &str| {
        let found: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.strip_prefix(&format!("{stem}."))
                    .and_then(|r| r.strip_suffix(&format!(".{ext}")))
                    .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            })
            .collect();
        assert_eq!(found.len(), 1, "{stem}.{ext}: {found:?}");
        found[0].clone()
    };
    let css = hashed("xuexi", "css");
    let js = hashed("xuexi", "js");
    hashed("quiz", "js");
    hashed("practice/record", "js");
    let icon = hashed("icon-192", "png");
    for plain in ["xuexi.css", "xuexi.js", "quiz.js", "icon-192.png"] {
        assert!(!names.iter().any(|n| n == plain), "{plain} is still there");
    }
    for kept in [
        "sw.js",
        "search/b0.json",
        "campaign/manifest.webmanifest",
        "index.html",
    ] {
        assert!(names.iter().any(|n| n == kept), "{kept}");
    }

    let mut pages = 0;
    for (path, bytes) in &first {
        let name = path.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        if name == "404.html" {
            assert!(html.contains(&format!("href=\"/{css}\"")), "{html}");
            continue;
        }
        pages += 1;
        // Relative links only, and never the old names or Zola's `?h=` query.
        for bad in ["href=\"/", "src=\"/", "?h=", "xuexi.css\"", "xuexi.js\""] {
            assert!(!html.contains(bad), "{name} has {bad}");
        }
        if !name.ends_with(".offline.html") {
            let up = "../".repeat(name.matches('/').count());
            assert!(html.contains(&format!("href=\"{up}{css}\"")), "{name}");
            assert!(html.contains(&format!("src=\"{up}{js}\"")), "{name}");
        }
        // Its compressed copies hold the page.
        let gz = std::fs::read(public.join(format!("{name}.gz"))).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{name}.gz");
        let br = std::fs::read(public.join(format!("{name}.br"))).unwrap();
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{name}.br");
    }
    assert!(pages > 25, "{pages} pages");
    let manifest = std::fs::read_to_string(public.join("campaign/manifest.webmanifest")).unwrap();
    assert!(
        manifest.contains(&format!("\"src\": \"../{icon}\"")),
        "{manifest}"
    );
    assert!(manifest.contains("\"start_url\": \"../\""), "{manifest}");
    // The service worker lists the hashed names, and no compressed copy.
    let sw = std::fs::read_to_string(public.join("sw.js")).unwrap();
    let list = sw.lines().next().unwrap();
    assert!(list.contains(&format!("[\"{css}\",")), "{list}");
    assert!(!list.contains(".gz\"") && !list.contains(".br\""), "{list}");
    let nginx = std::fs::read_to_string(root.join("site/nginx-xuexi.conf")).unwrap();
    assert!(nginx.contains("location ^~ / {"), "{nginx}");
    assert!(nginx.contains("add_header Content-Security-Policy \"default-src 'self';"));

    // Built again: the same bytes, copies included.
    let out = xuexi(root, &["build", "--zola", zola]);
    assert!(out.status.success());
    assert!(
        snapshot(&public) == first,
        "a second build changed the output"
    );

    // For /djxx/: only 404.html, sitemap.xml (and the nginx settings) differ.
    let out = xuexi(root, &["build", "--zola", zola, "--base-url", "/djxx/"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let djxx = snapshot(&public);
    let differ: Vec<String> = djxx
        .iter()
        .zip(&first)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.to_string_lossy().into_owned())
        .collect();
    assert_eq!(djxx.len(), first.len());
    for d in &differ {
        assert!(
            d.starts_with("404.html")
                || d.starts_with("sitemap.xml")
                || d == "sw.js"
                || d.starts_with("sw.js."),
            "{d} differs"
        );
    }
    let page404 = std::fs::read_to_string(public.join("404.html")).unwrap();
    assert!(
        page404.contains(&format!("href=\"/djxx/{css}\"")),
        "{page404}"
    );
    assert!(page404.contains("href=\"/djxx/materials/\""), "{page404}");
    let nginx = std::fs::read_to_string(root.join("site/nginx-xuexi.conf")).unwrap();
    assert!(nginx.contains("location ^~ /djxx/ {"), "{nginx}");
    assert!(nginx.contains("error_page 404 /djxx/404.html;"), "{nginx}");
}
