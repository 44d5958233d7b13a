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
    assert_eq!(sa.len(), 291);
    assert_eq!(sa, snapshot(&b.path().join("site/content")));
    // A second run finds nothing to change.
    let again = xuexi(a.path(), &["generate"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("unchanged: 290 pages"));
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

#[test]
fn a_write_that_fails_half_way_changes_nothing() {
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    let content = root.join("site/content");
    let before = snapshot(&content);
    // The second file cannot be written: its parent is the first file.
    let files = vec![
        ("materials/_index.md".into(), "x".to_string()),
        ("materials/_index.md/oops.md".into(), "y".to_string()),
    ];
    let err = xuexi::emit::zola::write(&content, &files).unwrap_err();
    assert!(err.to_string().starts_with("cannot write `"), "{err}");
    assert_eq!(before, snapshot(&content));
    let leftovers: Vec<_> = std::fs::read_dir(root.join("site"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".xuexi"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_failed_write_into_a_new_folder_leaves_no_folder() {
    let p = sample_project();
    let root = p.path();
    assert!(xuexi(root, &["generate"]).status.success());
    let content = root.join("site/content");
    std::fs::remove_dir_all(content.join("plans")).unwrap();
    let before = snapshot(&content);
    // Files in a folder this run creates are written in place; the third cannot be
    // written (its path is the folder the second one needs).
    let files = vec![
        ("plans/_index.md".into(), "+++\n+++\n".to_string()),
        ("plans/a/b.md".into(), "y".to_string()),
        ("plans/a".into(), "z".to_string()),
    ];
    let err = xuexi::emit::zola::write(&content, &files).unwrap_err();
    assert!(err.to_string().starts_with("cannot write `"), "{err}");
    assert!(!content.join("plans").exists());
    assert_eq!(before, snapshot(&content));
}
