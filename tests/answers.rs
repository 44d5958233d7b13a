//! The fill-in matching rule against the shared cases in `tests/answers.json` (the
//! browser tests run the quiz script's matcher on the same file).

use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename = "match")]
struct Case {
    input: String,
    accepted: Vec<String>,
    after: String,
    #[serde(rename = "match")]
    expected: bool,
}

#[test]
fn every_shared_case() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/answers.json"))
        .unwrap();
    let cases: Cases = serde_json::from_str(&text).unwrap();
    assert!(cases.cases.len() >= 30);
    let wrong: Vec<String> = cases
        .cases
        .iter()
        .filter(|c| xuexi::answer::matches(&c.input, &c.accepted, &c.after) != c.expected)
        .map(|c| {
            format!(
                "{:?} for {:?} before {:?}: expected {}",
                c.input, c.accepted, c.after, c.expected
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
