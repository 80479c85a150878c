//! Nothing in a file may crash or hang a run: each case here lints to completion.

use crate::util::{Tree, findings};

const LOOP_PY: &str = "for i in range(len(xs)):\n    print(xs[i])\n";

fn report(t: &Tree, args: &[&str]) -> (serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
    all.extend(args);
    let run = t.lever(&all);
    assert_eq!(run.code, 0, "{run:?}");
    (run.json(), run.stderr)
}

#[test]
fn empty_files_in_every_language() {
    let t = Tree::new();
    for ext in ["rs", "py", "pyi", "ts", "mts", "cts", "tsx", "js", "mjs", "cjs", "jsx"] {
        t.write(&format!("empty.{ext}"), "");
    }
    let (v, _) = report(&t, &[]);
    assert_eq!(v["summary"]["files"], 11);
    assert_eq!(findings(&v), []);
}

#[test]
fn invalid_utf8_and_binary_files_are_skipped_with_a_note() {
    let t = Tree::new();
    t.write("latin1.py", b"# caf\xe9\nfor i in range(len(xs)):\n    print(xs[i])\n");
    t.write("blob.rs", b"\x7fELF\x00\x00\x01binary");
    t.write("ok.py", LOOP_PY);
    let (v, stderr) = report(&t, &[]);
    assert_eq!(findings(&v), [("index-loop".to_string(), "ok.py".to_string(), 1)]);
    assert!(stderr.contains("note: latin1.py: not valid UTF-8 (byte 5), skipped"), "{stderr}");
    assert!(stderr.contains("note: blob.rs: binary file, skipped"), "{stderr}");
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2);
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let t = Tree::new();
    // Just over the default 5 MB.
    let mut big = String::from(LOOP_PY);
    big.push_str(&"#".repeat(5 * 1024 * 1024));
    t.write("big.py", &big);
    t.write("small.py", LOOP_PY);
    let (v, stderr) = report(&t, &[]);
    assert_eq!(findings(&v).len(), 1);
    assert!(stderr.contains("note: big.py: 5242922 bytes is over the 5242880-byte limit"), "{stderr}");
    // The limit is configurable.
    t.write("lever.toml", "max-file-size = 10\n");
    let (v, _) = report(&t, &[]);
    assert_eq!(findings(&v), []);
    assert_eq!(v["skipped"].as_array().unwrap().len(), 2);
}

#[test]
fn crlf_and_bom() {
    let t = Tree::new();
    t.write("crlf.py", "x = 1\r\nfor i in range(len(xs)):\r\n    print(xs[i])\r\n");
    t.write("bom.py", "\u{feff}for i in range(len(xs)):\n    print(xs[i])\n");
    t.write("bom.ts", "\u{feff}for (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    let (v, _) = report(&t, &[]);
    let starts: Vec<(String, serde_json::Value)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["start"].clone()))
        .collect();
    assert_eq!(
        starts,
        [
            ("bom.py".to_string(), serde_json::json!({"line": 1, "column": 1, "offset": 3})),
            ("bom.ts".to_string(), serde_json::json!({"line": 1, "column": 1, "offset": 3})),
            ("crlf.py".to_string(), serde_json::json!({"line": 2, "column": 1, "offset": 7})),
        ]
    );
    // Fixes keep the BOM and the CRLFs.
    let run = t.lever(&["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        std::fs::read_to_string(t.path().join("crlf.py")).unwrap(),
        "x = 1\r\nfor item in xs:\r\n    print(item)\r\n"
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("bom.ts")).unwrap(),
        "\u{feff}for (const item of a) { f(item); }\n"
    );
}

#[test]
fn ten_thousand_deep_nesting() {
    let t = Tree::new();
    let deep = |open: &str, close: &str| format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
    t.write("deep.py", format!("x = {}\n{LOOP_PY}", deep("(", ")")));
    t.write(
        "deep.rs",
        format!("fn f(v: &[u8]) {{ let x = {}; for i in 0..v.len() {{ g(v[i]); }} }}\n", deep("(", ")")),
    );
    t.write("deep.ts", format!("const x = {};\nfor (let i = 0; i < a.length; i++) {{ f(a[i]); }}\n", deep("[", "]")));
    t.write("deep.js", format!("if (a) {}\n", "{".repeat(10_000) + &"}".repeat(10_000)));
    let (v, stderr) = report(&t, &[]);
    assert_eq!(v["summary"]["files"], 4, "{stderr}");
    // The loops after the nesting are still found.
    let paths: Vec<String> = findings(&v).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(paths, ["deep.py", "deep.rs", "deep.ts"], "{stderr}");
}

#[test]
fn syntax_errors_do_not_stop_linting_the_rest() {
    let t = Tree::new();
    t.write("broken.py", format!("def f(:\n    return )\n\n{LOOP_PY}"));
    t.write("broken.rs", "fn f(v: &[u8]) {\n    let = ;\n    for i in 0..v.len() { g(v[i]); }\n}\nfn g(\n");
    t.write("broken.ts", "const = ;\nfor (let i = 0; i < a.length; i++) { f(a[i]); }\nfunction (\n");
    let (v, _) = report(&t, &[]);
    let found: Vec<(String, u64)> = findings(&v).into_iter().map(|(_, p, l)| (p, l)).collect();
    assert_eq!(found, [("broken.py".to_string(), 4), ("broken.rs".to_string(), 3), ("broken.ts".to_string(), 2)]);
}

#[test]
fn a_file_over_the_time_budget_is_reported_and_skipped() {
    let t = Tree::new();
    t.write("slow.py", LOOP_PY.repeat(20_000));
    t.write("lever.toml", "timeout-ms = 0\n");
    let (v, stderr) = report(&t, &[]);
    assert!(stderr.contains("note: slow.py: parsing took over 0 ms"), "{stderr}");
    assert_eq!(v["skipped"][0]["path"], "slow.py");
}

#[test]
fn query_time_is_bounded_too() {
    use lever_core::{Config, Language, Linter, RuleSet, Skipped, load};
    let config = Config::parse("lever.toml", "timeout-ms = 0\n", ".".into()).unwrap();
    let (pack, _) = load::builtin_pack();
    let (rules, _) = RuleSet::new(&[pack.unwrap()], &config);
    let text = LOOP_PY.repeat(20_000);
    let mut linter = Linter::new();
    let tree = linter.parse(Language::Python, &text, None, std::time::Duration::from_secs(60)).unwrap();
    let result = linter.lint_tree(&rules, Language::Python, &text, &tree);
    assert_eq!(result.skipped, Some(Skipped::QueryTimeout { budget_ms: 0 }));
    assert!(result.findings.len() < 20_000, "matching stopped early");
}
