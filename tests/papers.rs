//! Golden papers: the same bank and seed print the same bytes, across `rand` upgrades
//! too (the shuffle and the seeding are xuexi's own, on the ChaCha stream). A change to
//! the draw, the layout or the wording shows here; after reading the diff, bless it
//! with `XUEXI_BLESS=1 cargo test --test papers`.

mod common;

use common::*;

#[test]
fn papers_of_the_sample_match_the_golden_files() {
    let project = sample_project();
    let out = project.path().join("out");
    let run = xuexi(
        project.path(),
        &[
            "paper",
            "--quiz",
            "jianshi-ch01",
            "--variants",
            "2",
            "--count",
            "6",
            "--seed",
            "1921",
            "--explain",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let golden = repo().join("tests/golden/paper");
    let got = snapshot(&out);
    let names: Vec<String> = got
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "jianshi-ch01-A-key.html",
            "jianshi-ch01-A.html",
            "jianshi-ch01-B-key.html",
            "jianshi-ch01-B.html"
        ]
    );
    if std::env::var_os("XUEXI_BLESS").is_some() {
        std::fs::create_dir_all(&golden).unwrap();
        for (name, bytes) in &got {
            std::fs::write(golden.join(name), bytes).unwrap();
        }
        return;
    }
    for (name, bytes) in &got {
        let want = std::fs::read(golden.join(name))
            .unwrap_or_else(|e| panic!("{}: {e} (bless with XUEXI_BLESS=1)", name.display()));
        assert!(
            *bytes == want,
            "{} differs from tests/golden/paper (read the diff, then bless with XUEXI_BLESS=1)",
            name.display()
        );
    }
    // Variants differ from each other.
    assert_ne!(got[1].1, got[3].1);
}
