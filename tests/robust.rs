//! Bad input never panics: the sample files, cut short at many places and with bytes
//! changed, go through check (and render, when they still check clean).

mod common;

use common::*;

fn check_and_render(root: &std::path::Path) {
    let checked = xuexi::check(root);
    // Every diagnostic renders with its file and position.
    let text = xuexi::diag::render(&checked.files, &checked.diagnostics);
    for d in &checked.diagnostics {
        assert!(text.contains(&d.message));
    }
    if !checked.has_errors()
        && let Some(project) = &checked.project
    {
        xuexi::emit::zola::render(project, None).expect("a clean project renders");
    }
}

fn mutations(original: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for cut in (0..original.len()).step_by(41) {
        out.push(original[..cut].to_vec());
    }
    let replacements: [&[u8]; 6] = [b"\"", b"[", b"]]", b"\n", b"=", b"\xe4"];
    for (i, at) in (0..original.len()).step_by(59).enumerate() {
        let mut m = original.to_vec();
        let r = replacements[i % replacements.len()];
        m.splice(at..(at + 1).min(m.len()), r.iter().copied());
        out.push(m);
    }
    out
}

#[test]
fn mutated_inputs_never_panic() {
    let project = sample_project();
    let root = project.path();
    let catalogue = std::fs::read(root.join("catalogue.toml")).unwrap();
    let bank_path = root.join("quizzes/jianshi-ch01.toml");
    let bank = std::fs::read(&bank_path).unwrap();
    let mut runs = 0;
    for m in mutations(&catalogue) {
        std::fs::write(root.join("catalogue.toml"), &m).unwrap();
        check_and_render(root);
        runs += 1;
    }
    std::fs::write(root.join("catalogue.toml"), &catalogue).unwrap();
    for m in mutations(&bank) {
        std::fs::write(&bank_path, &m).unwrap();
        check_and_render(root);
        runs += 1;
    }
    assert!(runs > 300, "{runs} runs");
}
