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
    assert!(stderr.contains("generated: 33 pages"), "{stderr}");

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
    assert!(ch01.contains("<p><strong>答案：</strong>B</p>"));
    assert!(ch01.contains("<p><strong>答案：</strong>13 或 十三；50 或 五十</p>"));
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
    // A second init into the same folder is refused.
    let again = Command::new(env!("CARGO_BIN_EXE_xuexi"))
        .env("LC_ALL", "en_US.UTF-8")
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}
