//! Fuzzing that stays: the sample's files, mutated at random (cut short, bytes and
//! lines replaced, tokens an author or an attacker might type inserted), never make
//! xuexi panic; every diagnostic names its file, line and column; and every input that
//! `check` accepts also generates, and builds with Zola.
//!
//! Bounded for CI: `XUEXI_FUZZ_CASES` mutated inputs (default 2500), of which at most
//! `XUEXI_FUZZ_ZOLA` (default 12) accepted ones are built with Zola, and every 100th
//! is run through the binary to check its exit code. The long run for developers:
//! `XUEXI_FUZZ_CASES=200000 XUEXI_FUZZ_ZOLA=200 cargo test --release --test fuzz`
//! (`XUEXI_FUZZ_SEED` replays another sequence).

mod common;

use std::path::Path;

use codespan_reporting::files::Files as _;
use common::*;

/// What an author (or someone hostile) might put into a file.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]]",
    "\n",
    "=",
    "\u{e4}",
    "+++",
    "a +++\nb",
    "'''",
    "\"\"\"",
    "index",
    "con",
    "0001-01-01",
    "9999-12-31",
    "2021-02-30",
    "\u{201c}全角\u{201d}",
    "\u{ff1d}",
    "\u{ff1a}",
    "\u{ff0c}",
    "\u{3000}",
    "<script>alert(1)</script>",
    "**注意：**正文",
    "__",
    "＿＿",
    "true",
    "-1",
    "0",
    "99999999999999999999",
    "\npages = 99999999999999999999\n",
    "\ndraw = 99999999999999999999\n",
    "\u{0}",
    "\u{7f}",
    "{",
    "}",
    "#",
    "\\",
    "\\u0000",
    "[[question]]\nid = \"zz\"\ntype = \"fill\"\nprompt = \"__ ＿＿\"\nanswer = [\"1\", \"…\"]\n",
    "[[question]]\nid = \"q9\"\ntype = \"single\"\nprompt = \"p\"\noptions = [\"A.一\", \"B.二\"]\nanswer = \"A\"\n",
    "[[plan.reading]]\ndue = 2021-05-01\nchapters = [\"jianshi/ch01\"]\n",
    "[[material.chapter]]\nid = \"index\"\ntitle = \"t\"\n",
    "skip = [2021-10-01, 2021-10-02]",
    "weekday = \"sunday\"",
    "options = [\"一\", \"一\", \"一\"]",
    "answer = [\"1921\", \"7|七\"]",
    "answer = \"ACD\"",
    "draw = 1000",
    "pass = 0",
    "\r\n",
    "\u{feff}",
    "../../etc/passwd",
    "javascript:alert(1)",
    "{{ 1 + 1 }}",
    "{% raw %}",
];

/// One to three changes to `original`.
fn mutate(rng: &mut Rng, original: &[u8], other: &[u8]) -> Vec<u8> {
    let mut m = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        let lines: Vec<&[u8]> = m.split_inclusive(|&b| b == b'\n').collect();
        let line = |rng: &mut Rng| rng.below(lines.len());
        let next: Vec<u8> = match rng.below(7) {
            // Cut short.
            0 => m[..rng.below(m.len() + 1)].to_vec(),
            // A few bytes replaced by a token.
            1 => {
                let at = rng.below(m.len() + 1);
                let end = (at + rng.below(4)).min(m.len());
                let mut v = m.clone();
                v.splice(at..end, TOKENS[rng.below(TOKENS.len())].bytes());
                v
            }
            // A random byte.
            2 => {
                let mut v = m.clone();
                if !v.is_empty() {
                    let at = rng.below(v.len());
                    v[at] = rng.next() as u8;
                }
                v
            }
            // A line deleted or doubled.
            3 | 4 => {
                let i = line(rng);
                let mut v = Vec::new();
                for (j, l) in lines.iter().enumerate() {
                    if j != i || rng.below(2) == 0 {
                        v.extend_from_slice(l);
                    }
                    if j == i {
                        v.extend_from_slice(l);
                    }
                }
                v
            }
            // Two lines swapped.
            5 => {
                let (i, j) = (line(rng), line(rng));
                let mut ls = lines.clone();
                if i < ls.len() && j < ls.len() {
                    ls.swap(i, j);
                }
                ls.concat()
            }
            // A line of the other file inserted.
            _ => {
                let theirs: Vec<&[u8]> = other.split_inclusive(|&b| b == b'\n').collect();
                let l = theirs[rng.below(theirs.len())];
                let at = line(rng).min(lines.len());
                let mut ls = lines.clone();
                ls.insert(at, l);
                ls.concat()
            }
        };
        m = next;
    }
    m
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Every diagnostic, shown alone, names its file, and for a place in a file its line
/// and column, as `--> file:line:col`.
fn assert_positions(checked: &xuexi::Checked, case: u64) {
    use xuexi::diag::Place;
    for d in &checked.diagnostics {
        let text = xuexi::diag::render(&checked.files, std::slice::from_ref(d));
        let want = match &d.place {
            Place::Span(f, span) => {
                let l = checked.files.location(*f, span.start).unwrap();
                format!(
                    "{}:{}:{}",
                    checked.files.name(*f),
                    l.line_number,
                    l.column_number
                )
            }
            Place::File(p) => format!("--> {p}"),
            Place::Nowhere => continue,
        };
        assert!(
            text.contains(&want),
            "case {case}: `{want}` missing in:\n{text}"
        );
        assert!(text.contains(&d.message), "case {case}: {text}");
        // A value that does not fit the model is told from the file's tree and the
        // schema, in the catalogue's words: serde's own never reach the author.
        for serde_words in [
            "invalid type: ",
            "unknown field `",
            "missing field `",
            "unknown variant `",
            "invalid value: ",
            "invalid length ",
        ] {
            assert!(
                !d.message.contains(serde_words),
                "case {case}: serde's words reached the author:\n{text}"
            );
        }
        // Every syntax mistake the parser describes has our words (load's SYNTAX);
        // one it has learnt since gets this plain message with its English as a note.
        assert_ne!(
            d.message,
            xuexi::i18n::tr("toml.syntax", &[]),
            "case {case}: the parser's words reached the author:\n{text}"
        );
    }
}

#[test]
fn mutated_inputs_never_panic_and_what_checks_clean_builds() {
    let cases = env("XUEXI_FUZZ_CASES", 2500);
    let zola_builds = env("XUEXI_FUZZ_ZOLA", 12);
    let seed = env("XUEXI_FUZZ_SEED", 0x0f0f_2021);
    let zola = zola();
    let project = sample_project();
    let root = project.path();
    let catalogue = std::fs::read(root.join("catalogue.toml")).unwrap();
    let bank_path = root.join("quizzes/jianshi-ch01.toml");
    let bank = std::fs::read(&bank_path).unwrap();
    let mut rng = Rng(seed);
    let (mut accepted, mut built) = (0u64, 0u64);
    for case in 0..cases {
        // The catalogue, a bank, or both.
        let which = rng.below(3);
        let (c, b) = match which {
            0 => (mutate(&mut rng, &catalogue, &bank), bank.clone()),
            1 => (catalogue.clone(), mutate(&mut rng, &bank, &catalogue)),
            _ => (
                mutate(&mut rng, &catalogue, &bank),
                mutate(&mut rng, &bank, &catalogue),
            ),
        };
        std::fs::write(root.join("catalogue.toml"), &c).unwrap();
        std::fs::write(&bank_path, &b).unwrap();
        let outcome = std::panic::catch_unwind(|| {
            let checked = xuexi::check(root);
            assert_positions(&checked, case);
            // Grouped output stays small: at most a few lines per problem shown.
            let all = xuexi::diag::render(&checked.files, &checked.diagnostics);
            assert!(
                all.len() <= 64 * (c.len() + b.len()) + 100_000,
                "case {case}: {} bytes of diagnostics",
                all.len()
            );
            if checked.has_errors() {
                return false;
            }
            let project = checked.project.as_ref().expect("a clean check has a model");
            let g = xuexi::generate(root, project, false);
            assert!(g.is_ok(), "case {case}: generate failed: {:?}", g.err());
            true
        });
        let clean = match outcome {
            Ok(clean) => clean,
            Err(e) => {
                let file = root.join(format!("case-{case}"));
                std::fs::create_dir_all(&file).unwrap();
                std::fs::write(file.join("catalogue.toml"), &c).unwrap();
                std::fs::write(file.join("bank.toml"), &b).unwrap();
                let _ = project.keep();
                panic!(
                    "case {case} (seed {seed}): panicked; inputs kept in {}: {e:?}",
                    file.display()
                );
            }
        };
        if case % 100 == 0 {
            let out = xuexi(root, &["check"]);
            let code = out.status.code();
            assert_eq!(code, Some(if clean { 0 } else { 1 }), "case {case}");
        }
        if clean {
            accepted += 1;
            if let Some(z) = &zola
                && built < zola_builds
            {
                build_with_zola(z, root, case);
                built += 1;
            }
        }
    }
    eprintln!("{cases} cases, {accepted} checked clean, {built} built with Zola");
    assert!(
        accepted > 0,
        "no mutated input checked clean: the fuzz proves little"
    );
    if zola.is_some() {
        assert!(built > 0, "no accepted mutation was built with Zola");
    }
}

fn build_with_zola(zola: &Path, root: &Path, case: u64) {
    let out = std::process::Command::new(zola)
        .arg("--root")
        .arg(root.join("site"))
        .arg("build")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "case {case}: Zola failed on what check accepted: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
