//! `xuexi generate`: what it owns, what it leaves alone, and that it is all or nothing.

mod common;

use common::*;

#[test]
fn same_input_gives_same_bytes() {
    let a = sample_project();
    let b = sample_project();
    assert!(xuexi(a.path(), &["generate"]).status.success());
    assert!(xuexi(b.path(), &["generate"]).status.success());
    let sa = snapshot(&a.path().join("site/content"));
    // with practice/record.md and its script, practice/record.js, the offline page
    // practice/saved.md, the ledger page practice/tally.md and its script,
    // practice/tally.js, the search index in 6 files (search/d0-1.json, search/b0-3.json)
    // and the manifest
    assert_eq!(sa.len(), 34);
    assert_eq!(sa, snapshot(&b.path().join("site/content")));
    // A second run finds nothing to change.
    let again = xuexi(a.path(), &["generate"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("unchanged: 33 pages"));
    assert_eq!(sa, snapshot(&a.path().join("site/content")));
}

#[test]
fn failing_check_leaves_content_and_author_files_untouched() {
    let p = sample_project();
    let root = p.path();
    let news = root.join("site/content/news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(news.join("_index.md"), "+++\ntitle = \"动态\"\n+++\n").unwrap();
    assert!(xuexi(root, &["generate"]).status.success());
    let before = snapshot(&root.join("site/content"));

    // Break a bank: the generate fails and nothing under site/content changes.
    let bank = root.join("quizzes/jianshi-ch01.toml");
    let text = std::fs::read_to_string(&bank).unwrap();
    std::fs::write(&bank, text.replacen("answer = \"B\"", "answer = \"Z\"", 1)).unwrap();
    let out = xuexi(root, &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("quizzes/jianshi-ch01.toml:"));
    assert_eq!(before, snapshot(&root.join("site/content")));

    // Fixed again, a removed bank's page disappears; the author's files stay.
    std::fs::write(&bank, &text).unwrap();
    std::fs::remove_file(root.join("quizzes/dangshi-jiaoyu.toml")).unwrap();
    let catalogue = root.join("catalogue.toml");
    let c = std::fs::read_to_string(&catalogue).unwrap();
    std::fs::write(&catalogue, c.replace("quiz = \"dangshi-jiaoyu\"\n", "")).unwrap();
    assert!(xuexi(root, &["generate"]).status.success());
    assert!(!root.join("site/content/quizzes/dangshi-jiaoyu.md").exists());
    assert!(root.join("site/content/quizzes/jianshi-ch01.md").exists());
    assert_eq!(
        std::fs::read_to_string(news.join("_index.md")).unwrap(),
        "+++\ntitle = \"动态\"\n+++\n"
    );
    assert!(root.join("site/content/about.md").exists());
}

#[test]
fn a_folder_xuexi_did_not_make_is_never_replaced() {
    let p = sample_project();
    let root = p.path();
    let plans = root.join("site/content/plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("_index.md"), "+++\ntitle = \"我的计划\"\n+++\n").unwrap();
    let out = xuexi(root, &["generate"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "plans` was not made by xuexi, so it is left alone and nothing was generated"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(plans.join("_index.md")).unwrap(),
        "+++\ntitle = \"我的计划\"\n+++\n"
    );
    assert!(!root.join("site/content/materials").exists());
}

/// Every file under `site/` whose name says it is a temporary file, and anything left
/// in the staging area: after a run that ended, there must be none.
fn leftovers(site: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") || name == "staging" || name == "commit" {
                out.push(p.clone());
            }
            if e.file_type().unwrap().is_dir() {
                walk(&p, out);
            }
        }
    }
    walk(site, &mut out);
    out
}

#[test]
fn a_write_that_fails_half_way_changes_nothing() {
    xuexi::i18n::set(xuexi::i18n::Lang::En);
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    let content = root.join("site/content");
    let before = snapshot(&content);
    // Many files change; one of them cannot be staged (its path is a folder another
    // one needs), so the others are staged first and must all be thrown away.
    let mut files: Vec<(std::path::PathBuf, String)> = (0..200)
        .map(|i| (format!("materials/m{i:03}.md").into(), format!("page {i}")))
        .collect();
    files.push(("materials/x".into(), "file".to_string()));
    files.push(("materials/x/y.md".into(), "inside".to_string()));
    let err = xuexi::emit::zola::tree(&root.join("site"))
        .write(&files)
        .unwrap_err();
    assert!(err.to_string().starts_with("cannot write `"), "{err}");
    assert_eq!(before, snapshot(&content));
    assert_eq!(
        leftovers(&root.join("site")),
        Vec::<std::path::PathBuf>::new()
    );
}

/// A full disk (simulated with a file size limit): generate, offline and paper stop
/// with a message, leave no temporary file, and change nothing already there.
#[test]
fn a_full_disk_leaves_no_temporary_files() {
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    let before = snapshot(&root.join("site"));
    // The sample's offline copies and its larger pages are over 20 KB.
    let cases: [(&[&str], u64, &str); 3] = [
        (&["build", "--zola", "/nonexistent"], 20_000, "cannot write"),
        (&["offline"], 20_000, "cannot write"),
        (&["paper", "--quiz", "jianshi-ch01"], 3_000, "cannot write"),
    ];
    for (args, limit, says) in cases {
        let out = xuexi_limited(root, args, limit);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            leftovers(root),
            Vec::<std::path::PathBuf>::new(),
            "{args:?}"
        );
        assert_eq!(before, snapshot(&root.join("site")), "{args:?}");
    }
}

#[test]
fn symlinks_in_owned_folders_are_never_followed_nor_deleted() {
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    // A shared folder outside the project, linked into an owned folder, and an
    // author's own file inside one.
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("photo.jpg"), "jpeg").unwrap();
    let materials = root.join("site/content/materials");
    std::os::unix::fs::symlink(shared.path(), materials.join("images")).unwrap();
    std::fs::write(materials.join("my-notes.md"), "notes").unwrap();
    std::os::unix::fs::symlink("/nonexistent", root.join("site/content/quizzes/gone")).unwrap();
    // A change that removes pages: stale files are deleted, the others stay.
    std::fs::remove_file(root.join("quizzes/dangshi-jiaoyu.toml")).unwrap();
    let catalogue = root.join("catalogue.toml");
    let c = std::fs::read_to_string(&catalogue).unwrap();
    std::fs::write(&catalogue, c.replace("quiz = \"dangshi-jiaoyu\"\n", "")).unwrap();
    let out = xuexi(root, &["generate"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for name in ["materials/images", "materials/my-notes.md", "quizzes/gone"] {
        let line = format!(
            "warning: `{}` was not written by xuexi: left alone",
            root.join("site/content").join(name).display()
        );
        assert!(stderr.contains(&line), "{name}: {stderr}");
    }
    assert!(!root.join("site/content/quizzes/dangshi-jiaoyu.md").exists());
    assert_eq!(
        std::fs::read_to_string(shared.path().join("photo.jpg")).unwrap(),
        "jpeg"
    );
    assert_eq!(
        std::fs::read_to_string(materials.join("my-notes.md")).unwrap(),
        "notes"
    );
    assert!(materials.join("images").is_symlink());

    // A file xuexi did not write, where it wants to write, stops the run.
    let page = materials.join("jianshi.md");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(shared.path().join("photo.jpg"), &page).unwrap();
    let c = std::fs::read_to_string(&catalogue).unwrap();
    std::fs::write(
        &catalogue,
        c.replacen("中国共产党简史", "中国共产党简史（修订）", 1),
    )
    .unwrap();
    let out = xuexi(root, &["generate"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "`{}` was not written by xuexi, but xuexi needs to write there",
            page.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(shared.path().join("photo.jpg")).unwrap(),
        "jpeg"
    );
}

#[test]
fn an_owned_folder_that_is_a_link_is_refused() {
    for target in ["/nonexistent", "/tmp"] {
        let p = sample_project();
        let root = p.path();
        std::fs::create_dir_all(root.join("site/content")).unwrap();
        let plans = root.join("site/content/plans");
        std::os::unix::fs::symlink(target, &plans).unwrap();
        let out = xuexi(root, &["generate"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "`{}` is a symbolic link: xuexi never writes through a link",
                plans.display()
            )),
            "{stderr}"
        );
        assert!(!root.join("site/content/materials").exists());
        assert!(plans.is_symlink());
    }
}

/// Every generated file under `content`, relative to it, sorted.
fn listing(content: &std::path::Path) -> Vec<String> {
    snapshot(content)
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn the_task_pages_are_there_only_while_the_project_has_a_task_list() {
    let p = sample_project();
    let root = p.path();
    let content = root.join("site/content");
    assert!(xuexi(root, &["generate"]).status.success());
    let without = snapshot(&content);
    // Nothing about tasks: no folder, no link, no word of it on any page (the
    // campaign section also carries every UI string for the Zola templates: only its
    // markup is a page).
    assert!(!content.join("tasks").exists());
    for (path, bytes) in &without {
        let text = String::from_utf8_lossy(bytes);
        let shown = match text
            .strip_prefix("+++\n")
            .and_then(|t| t.split_once("\n+++\n"))
        {
            Some((front, body)) => {
                let front: toml::Table = toml::from_str(front).unwrap();
                let html = front.get("extra").and_then(|e| e.get("html"));
                format!("{}{body}", html.and_then(|h| h.as_str()).unwrap_or(""))
            }
            None => text.into_owned(),
        };
        assert!(!shown.contains("任务"), "{}", path.display());
        assert!(!shown.contains("tasks/"), "{}", path.display());
    }

    copy(&repo().join("tasks.toml"), &root.join("tasks.toml"));
    let out = xuexi(root, &["generate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tasks: Vec<String> = listing(&content)
        .into_iter()
        .filter(|p| p.starts_with("tasks/"))
        .collect();
    assert_eq!(
        tasks,
        ["tasks/_index.md", "tasks/tasks.js", "tasks/unit.md"]
    );
    let home = std::fs::read_to_string(content.join("campaign/_index.md")).unwrap();
    assert!(
        home.contains(
            "<p class=\"tasks-link\"><a href=\"tasks/\">任务清单</a> <span class=\"meta\">"
        )
    );

    // Without it again, the pages go, and the next runs find the folder they left
    // (empty) theirs; the content is what it was before.
    std::fs::remove_file(root.join("tasks.toml")).unwrap();
    assert!(xuexi(root, &["generate"]).status.success());
    let again = xuexi(root, &["generate"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(snapshot(&content), without);
}
