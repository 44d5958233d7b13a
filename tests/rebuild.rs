//! Rebuilds: a build with nothing changed skips Zola and publishing, one after an edit
//! renders again only the offline copies the edit touches and compresses only the
//! files that changed; either way the published site is, byte for byte, what a build
//! from nothing gives for the same input.

mod common;

use std::path::Path;

use common::*;

const SKIPPED: &str = "the site has not changed: Zola and publishing were skipped";

/// What a build published: `public/` and the nginx settings.
fn published(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = snapshot(&root.join("site/public"));
    all.push((
        "nginx-xuexi.conf".into(),
        std::fs::read(root.join("site/nginx-xuexi.conf")).unwrap(),
    ));
    all
}

/// Asserts two published sites are the same, naming the files that differ.
#[track_caller]
fn same(a: &[(std::path::PathBuf, Vec<u8>)], b: &[(std::path::PathBuf, Vec<u8>)]) {
    let names =
        |x: &[(std::path::PathBuf, Vec<u8>)]| x.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    let differ: Vec<_> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.0.display().to_string())
        .collect();
    assert!(differ.is_empty(), "these differ: {differ:?}");
}

fn build(root: &Path, zola: &Path) -> String {
    let out = xuexi(root, &["build", "--zola", zola.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// `edit` applied to a fresh copy of the sample, built once from nothing.
fn fresh_build(zola: &Path, edit: &dyn Fn(&Path)) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let project = sample_project();
    edit(project.path());
    let said = build(project.path(), zola);
    assert!(!said.contains(SKIPPED), "{said}");
    published(project.path())
}

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn edit_question(root: &Path) {
    replace(
        root,
        "quizzes/jianshi-ch01.toml",
        "第一章自测",
        "第一章自测（修订）",
    );
}

/// The author overrides the stylesheet: xuexi's own, changed, in `site/static/`.
fn edit_style(root: &Path) {
    let css = root.join("site/static/xuexi.css");
    let mut text = std::fs::read_to_string(&css)
        .unwrap_or_else(|_| xuexi::emit::assets::builtin("xuexi.css").unwrap().into());
    text.push_str("\n.rebuild-test { color: #123456; }\n");
    std::fs::write(&css, text).unwrap();
}

#[test]
fn a_rebuild_skips_what_did_not_change_and_publishes_what_a_fresh_build_would() {
    let Some(zola) = zola() else { return };
    let project = sample_project();
    let root = project.path();
    let first = build(root, &zola);
    assert!(!first.contains(SKIPPED), "{first}");
    let before = published(root);

    // Nothing changed: Zola does not run, and nothing published is touched.
    let listing = xuexi::stamp::listing(&root.join("site/public"), &[]).unwrap();
    let again = build(root, &zola);
    assert!(again.contains(SKIPPED), "{again}");
    assert!(again.contains("unchanged: 38 pages"), "{again}");
    assert!(!again.contains("Building site"), "{again}");
    assert_eq!(
        xuexi::stamp::listing(&root.join("site/public"), &[]).unwrap(),
        listing
    );
    // A file touched without a change in its bytes: Zola runs, the site is the same.
    let config = root.join("site/config.toml");
    std::fs::write(&config, std::fs::read(&config).unwrap()).unwrap();
    let touched = build(root, &zola);
    assert!(!touched.contains(SKIPPED), "{touched}");
    same(&published(root), &before);

    // An edit of one question: the result is what a build from nothing gives.
    edit_question(root);
    let edited = build(root, &zola);
    assert!(!edited.contains(SKIPPED), "{edited}");
    let after = published(root);
    assert_ne!(after, before);
    same(&after, &fresh_build(&zola, &edit_question));
    assert!(
        String::from_utf8_lossy(
            &std::fs::read(root.join("site/public/quizzes/jianshi-ch01.offline.html")).unwrap()
        )
        .contains("第一章自测（修订）")
    );

    // A published file removed by hand is noticed and made again.
    std::fs::remove_file(root.join("site/public/index.html")).unwrap();
    let repaired = build(root, &zola);
    assert!(!repaired.contains(SKIPPED), "{repaired}");
    same(&published(root), &after);

    // The stylesheet every offline copy inlines: every copy is made again.
    edit_style(root);
    build(root, &zola);
    let styled = published(root);
    let both = |root: &Path| {
        edit_question(root);
        edit_style(root);
    };
    same(&styled, &fresh_build(&zola, &both));
    let copy = root.join("site/public/plans/guangan-2021.offline.html");
    assert!(String::from_utf8_lossy(&std::fs::read(copy).unwrap()).contains(".rebuild-test"));

    // A stamp that says so, but a content file rewritten by hand: generate renders again.
    let page = root.join("site/content/quizzes/jianshi-ch01.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("（修订）", "（手改）")).unwrap();
    build(root, &zola);
    same(&published(root), &styled);
}

#[test]
fn an_offline_copy_edited_by_hand_in_the_content_is_made_again() {
    let project = sample_project();
    let root = project.path();
    let checked = xuexi::check(root);
    let model = checked.project.unwrap();
    xuexi::generate(root, &model, true).unwrap();
    let copy = root.join("site/content/quizzes/jianshi-ch01.offline.html");
    let made = std::fs::read(&copy).unwrap();
    // Same size, other bytes.
    let mut changed = made.clone();
    let at = changed.len() / 2;
    changed[at] = if changed[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&copy, &changed).unwrap();
    let again = xuexi::generate(root, &model, true).unwrap();
    assert!(again.changed);
    assert_eq!(std::fs::read(&copy).unwrap(), made);
    // Nothing changed since: nothing is written.
    let unchanged = xuexi::generate(root, &model, true).unwrap();
    assert!(!unchanged.changed);
}
