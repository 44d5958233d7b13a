//! The daily draw against the shared cases in `tests/daily.json` (made by an independent
//! script; the browser tests run the quiz script's draw on the same file).

use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    per_day: usize,
    seed: u32,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    day: u32,
    n: usize,
    set: Vec<usize>,
}

#[test]
fn every_shared_case() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/daily.json")).unwrap();
    let cases: Cases = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.per_day, xuexi::emit::daily::PER_DAY);
    assert_eq!(cases.seed, xuexi::emit::daily::SEED);
    for c in &cases.cases {
        assert_eq!(
            xuexi::emit::daily::set_for(c.day, c.n),
            c.set,
            "day {} of {}",
            c.day,
            c.n
        );
    }
}
