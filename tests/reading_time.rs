//! One reading-time rule: the plan's page, its offline copy and `xuexi stats` give the
//! same time, and a reading whose chapters are only partly counted (some without
//! `pages`) is told as at least that long.

mod common;
use common::{sample_project, xuexi};

#[test]
fn site_offline_copy_and_stats_agree() {
    let dir = sample_project();
    let root = dir.path();
    let path = root.join("catalogue.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // 简史 ch01 has 40 pages (120 minutes), ch02 30 (90); ch03 has none. The first
    // reading is ch01 and ch03: partly known. The plan reads ch01 again with ch10
    // (unknown) at the end: 120 + 90 + 120 = 330 minutes known.
    let text = text
        .replacen(
            "id = \"ch01\"\ntitle = \"第一章",
            "id = \"ch01\"\npages = 40\ntitle = \"第一章",
            1,
        )
        .replacen(
            "id = \"ch02\"\ntitle = \"第二章",
            "id = \"ch02\"\npages = 30\ntitle = \"第二章",
            1,
        )
        .replacen(
            "chapters = [\"jianshi/ch01\"]",
            "chapters = [\"jianshi/ch01\", \"jianshi/ch03\"]",
            1,
        );
    assert_eq!(text.matches("pages = ").count(), 2, "the sample changed");
    std::fs::write(&path, text).unwrap();

    let out = xuexi(root, &["stats", "--lang", "zh-CN"]);
    assert!(out.status.success(), "{out:?}");
    let stats = String::from_utf8_lossy(&out.stdout);
    let line = stats
        .lines()
        .find(|l| l.contains("guangan-2021"))
        .expect("the plan's line");
    // 330 minutes known: 5 小时 30 分钟, the rest told as not counted.
    assert!(line.contains("已知的阅读约 5 小时 30 分钟"), "{line}");
    assert!(line.contains("没有写 `pages`"), "{line}");

    assert!(xuexi(root, &["generate"]).status.success());
    assert!(
        xuexi(root, &["offline", "--plan", "guangan-2021"])
            .status
            .success()
    );
    let page = std::fs::read_to_string(root.join("site/content/plans/guangan-2021.md")).unwrap();
    let copy = std::fs::read_to_string(root.join("offline/plan-guangan-2021.html")).unwrap();
    for (what, html) in [("page", &page), ("offline copy", &copy)] {
        // The plan: 330 minutes known of more, as stats says.
        assert!(html.contains("预计阅读至少约330分钟"), "{what}");
        // The first reading: ch01 known, ch03 not.
        assert!(html.contains("至少约120分钟"), "{what}");
        // The second: ch02 alone, known whole.
        assert!(
            html.contains("<span class=\"meta\">约90分钟</span>"),
            "{what}"
        );
        // Those two and the last (ch01 and ch10), no other reading has a time.
        assert_eq!(html.matches("分钟</span>").count(), 3, "{what}");
    }
    // The material counts what it knows the same way.
    let material = std::fs::read_to_string(root.join("site/content/materials/jianshi.md")).unwrap();
    assert!(
        material.contains("70页 · 预计阅读至少约210分钟"),
        "material"
    );
}
