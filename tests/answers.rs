//! The fill-in matching rule against the shared cases in `tests/answers.json`: each
//! input's normal form and whether it is accepted (the browser tests run the quiz
//! script's `norm` and matcher on the same file).

use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename = "match")]
struct Case {
    input: String,
    norm: String,
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
        .filter_map(|c| {
            let norm = xuexi::answer::norm(&c.input);
            if norm != c.norm {
                Some(format!(
                    "{:?} normalised to {norm:?}, expected {:?}",
                    c.input, c.norm
                ))
            } else if xuexi::answer::matches(&c.input, &c.accepted, &c.after) != c.expected {
                Some(format!(
                    "{:?} for {:?} before {:?}: expected {}",
                    c.input, c.accepted, c.after, c.expected
                ))
            } else {
                None
            }
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
