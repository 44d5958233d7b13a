//! Output size grows with the input, by a small factor: a bank with one huge prompt and
//! the longest campaign allowed give pages, copies and indexes whose bytes stay within a
//! few times the input (plus the stylesheet and scripts each offline copy inlines).

use std::path::Path;

/// Bytes of every file `generate` would write for the project at `root` (with the
/// offline copies, as `build` makes them).
fn output_bytes(root: &Path) -> usize {
    let checked = xuexi::check(root);
    assert!(!checked.has_errors(), "the test project has errors");
    let project = checked.project.unwrap();
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("site");
    let assets = xuexi::emit::offline::Assets::load(&site, None).unwrap();
    let files = xuexi::emit::zola::render(&project, Some(&assets)).unwrap();
    files.iter().map(|(_, text)| text.len()).sum()
}

fn input_bytes(root: &Path) -> usize {
    let mut n = std::fs::metadata(root.join("catalogue.toml"))
        .unwrap()
        .len() as usize;
    for e in std::fs::read_dir(root.join("quizzes")).unwrap().flatten() {
        n += e.metadata().unwrap().len() as usize;
    }
    n
}

/// A project: a campaign from `start` to `end`, one plan reading whose quiz is the one
/// bank, and that bank's questions.
fn project(start: &str, end: &str, questions: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("catalogue.toml"),
        format!(
            r#"[campaign]
title = "学习"
start = {start}
end = {end}

[[category]]
id = "c"
name = "材料"

[[material]]
id = "m"
title = "材料"
category = "c"
[[material.chapter]]
id = "ch01"
title = "第一章"

[[plan]]
id = "p"
title = "计划"
[[plan.reading]]
due = {start}
chapters = ["m/ch01"]
quiz = "b"
"#
        ),
    )
    .unwrap();
    std::fs::create_dir(root.join("quizzes")).unwrap();
    std::fs::write(
        root.join("quizzes/b.toml"),
        format!("title = \"题库\"\n{questions}"),
    )
    .unwrap();
    dir
}

/// What each output may add beyond a small factor of the input: every offline copy
/// inlines the site's stylesheet and scripts; the pages and indexes have their frame.
const FIXED: usize = 400_000;

#[test]
fn a_huge_prompt_is_written_a_few_times_not_once_a_day() {
    let prompt = "中国共产党历史".repeat(100_000); // 2.1 MB
    let questions = format!(
        "[[question]]\nid = \"big\"\ntype = \"truefalse\"\nprompt = \"{prompt}\"\nanswer = true\n\n[[question]]\nid = \"small\"\ntype = \"truefalse\"\nprompt = \"短\"\nanswer = false\n"
    );
    let dir = project("2021-04-08", "2021-12-31", &questions);
    let (input, output) = (input_bytes(dir.path()), output_bytes(dir.path()));
    println!("huge prompt: {input} bytes in, {output} bytes out");
    // The prompt is on its quiz page, in the quiz's and the plan's offline copies and in
    // the search index: four times.
    assert!(
        output <= 5 * input + FIXED,
        "{input} bytes in, {output} bytes out"
    );
}

#[test]
fn a_long_campaign_writes_no_page_per_day() {
    let mut questions = String::new();
    for i in 0..20 {
        questions.push_str(&format!(
            "[[question]]\nid = \"q{i}\"\ntype = \"truefalse\"\nprompt = \"第{i}题：中国共产党成立于1921年。\"\nanswer = true\n\n"
        ));
    }
    // The longest campaign the checks allow (a page per day would be 1,826 pages).
    let end = format!("{}-12-31", 2020 + xuexi::validate::MAX_CAMPAIGN_YEARS);
    let dir = project("2021-01-01", &end, &questions);
    let (input, output) = (input_bytes(dir.path()), output_bytes(dir.path()));
    println!("long campaign: {input} bytes in, {output} bytes out");
    assert!(
        output <= 5 * input + FIXED,
        "{input} bytes in, {output} bytes out"
    );
}
