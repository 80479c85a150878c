//! `lever check` end to end: output formats, exit codes, ordering, walking.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::util::{Tree, bin, findings, lever_in, repo};

const LOOP_PY: &str = "for i in range(len(xs)):\n    print(xs[i])\n";
const LOOP_RS: &str = "fn f(v: &[u8]) {\n    for i in 0..v.len() {\n        println!(\"{}\", v[i]);\n    }\n}\n";
const LOOP_TS: &str = "for (let i = 0; i < a.length; i++) {\n  console.log(a[i]);\n}\n";

#[test]
fn examples_show_index_loop_in_all_three_languages() {
    let run = lever_in(&repo(), &["check", "examples", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let found = findings(&run.json());
    let of = |rule: &str, ext: &str| found.iter().any(|(r, p, _)| r == rule && p.ends_with(ext));
    for ext in [".py", ".rs", ".ts", ".tsx", ".js"] {
        assert!(of("index-loop", ext), "no index-loop finding in a {ext} file: {found:?}");
    }
    // examples/lever.toml turns on the preview rule.
    for ext in [".py", ".rs", ".ts"] {
        assert!(of("unparameterized-sql", ext), "no unparameterized-sql finding in a {ext} file: {found:?}");
    }
    assert!(of("unescaped-template", ".ts"), "no unescaped-template finding: {found:?}");
    for rule in ["read-after-write", "multi-transaction"] {
        for ext in [".py", ".rs", ".ts"] {
            assert!(of(rule, ext), "no {rule} finding in a {ext} file: {found:?}");
        }
    }
    assert!(of("wide-interface", ".py"), "no wide-interface finding: {found:?}");
    let known = [
        "index-loop",
        "unparameterized-sql",
        "unescaped-template",
        "read-after-write",
        "multi-transaction",
        "wide-interface",
    ];
    assert!(found.iter().all(|(r, _, _)| known.contains(&r.as_str())), "{found:?}");
    // The parameterized queries beside them are not flagged.
    assert!(!found.iter().any(|(_, p, l)| p == "examples/python/users.py" && *l != 7), "{found:?}");
    // The loops that need their index are not flagged.
    assert!(!found.contains(&("index-loop".into(), "examples/python/reports.py".into(), 22)), "{found:?}");
    assert!(!found.contains(&("index-loop".into(), "examples/rust/src/lib.rs".into(), 19)), "{found:?}");
}

#[test]
fn text_output_has_snippet_rule_and_hint() {
    let t = Tree::new();
    t.write("a.py", LOOP_PY);
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let expected = "\
warning[index-loop]: `i` is only used to index `xs`: write `for x in xs:` (or `enumerate(xs)` if you also need the position)
  --> a.py:1:1
   |
 1 | for i in range(len(xs)):
   | ^^^^^^^^^^^^^^^^^^^^^^^
   = suggested fix (review it): Iterate over `xs`
   = help: run `lever rule index-loop` for details
";
    assert_eq!(run.stdout.trim_end(), expected.trim_end());
    assert!(run.stderr.starts_with("Checked 1 file: 1 warning in "), "{run:?}");
}

#[test]
fn json_output_follows_the_wire_format() {
    let t = Tree::new();
    t.write("b.ts", LOOP_TS);
    t.write("a.rs", LOOP_RS);
    let run = t.lever(&["check", "--format", "json"]);
    let v = run.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["warning"], 2);
    let f = &v["findings"][0];
    assert_eq!(f["path"], "a.rs");
    assert_eq!(f["rule"], "index-loop");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["start"], serde_json::json!({"line": 2, "column": 5, "offset": 21}));
    assert_eq!(f["fix"]["applicability"], "unsafe");
    let ts = &v["findings"][1];
    assert_eq!(ts["path"], "b.ts");
    assert_eq!(ts["fix"]["applicability"], "unsafe");
    let edits = ts["fix"]["edits"].as_array().unwrap();
    // `a` has no singular: the fix falls back to `item`.
    assert_eq!(edits[0]["text"], "const item of a");
    assert_eq!(edits[1]["text"], "item");
}

#[test]
fn exit_codes() {
    let t = Tree::new();
    t.write("clean.py", "for x in xs:\n    print(x)\n");
    assert_eq!(t.lever(&["check"]).code, 0);
    t.write("dirty.py", LOOP_PY);
    assert_eq!(t.lever(&["check"]).code, 1);
    assert_eq!(t.lever(&["check", "--fail-on", "error"]).code, 0);
    assert_eq!(t.lever(&["check", "--fail-on", "never"]).code, 0);
    assert_eq!(t.lever(&["check", "--fail-on", "hint"]).code, 1);
    // Usage errors.
    assert_eq!(t.lever(&["check", "--format", "xml"]).code, 2);
    assert_eq!(t.lever(&["frobnicate"]).code, 2);
    assert_eq!(t.lever(&["check", "no-such-dir"]).code, 2);
    // A bad config.
    t.write("lever.toml", "max-file-size = \"big\"\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("lever.toml:1:17"), "{run:?}");
}

#[test]
fn broken_pipe_exits_zero() {
    let t = Tree::new();
    // Enough output to fill the pipe after the reader has gone.
    for i in 0..300 {
        t.write(&format!("f{i:03}.py"), LOOP_PY.repeat(5));
    }
    let mut child = Command::new(bin())
        .args(["check", "--fail-on", "never"])
        .current_dir(t.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn output_file_and_deterministic_order() {
    let t = Tree::new();
    for name in ["z.py", "a/b.py", "m.py", "a/a.py"] {
        t.write(name, LOOP_PY.repeat(2));
    }
    let one = t.lever(&["check", "-j", "1", "--format", "json"]);
    let two = t.lever(&["check", "-j", "2", "--format", "json", "--output", "out.json"]);
    assert_eq!(two.stdout, "");
    let written = std::fs::read_to_string(t.path().join("out.json")).unwrap();
    assert_eq!(one.stdout, written);
    let order: Vec<(String, u64)> = findings(&one.json()).into_iter().map(|(_, p, l)| (p, l)).collect();
    let expected: Vec<(String, u64)> =
        ["a/a.py", "a/b.py", "m.py", "z.py"].iter().flat_map(|p| [(p.to_string(), 1), (p.to_string(), 3)]).collect();
    assert_eq!(order, expected);
}

#[test]
fn gitignore_and_hidden_files_are_respected_but_named_files_are_linted() {
    let t = Tree::new();
    t.write(".gitignore", "generated/\n");
    t.write("generated/out.py", LOOP_PY);
    t.write(".hidden/x.py", LOOP_PY);
    t.write("node_modules/pkg/index.js", "for (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    t.write("venv/lib/x.py", LOOP_PY);
    t.write("static/app.min.js", "for (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    t.write("src/app.py", LOOP_PY);
    let v = t.lever(&["check", "--format", "json"]).json();
    let paths: Vec<String> = findings(&v).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(paths, ["src/app.py"]);
    let v = t.lever(&["check", "--format", "json", "generated/out.py"]).json();
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn fix_applies_unsafe_fixes_only_when_asked() {
    let t = Tree::new();
    let ts = t.write("a.ts", LOOP_TS);
    let py = t.write("a.py", LOOP_PY);
    // index-loop's fixes all need review, so plain --fix changes nothing.
    let run = t.lever(&["check", "--fix"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(std::fs::read_to_string(&ts).unwrap(), LOOP_TS);
    assert_eq!(std::fs::read_to_string(&py).unwrap(), LOOP_PY);
    let run = t.lever(&["check", "--fix", "--unsafe-fixes"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(std::fs::read_to_string(&ts).unwrap(), "for (const item of a) {\n  console.log(item);\n}\n");
    assert_eq!(std::fs::read_to_string(&py).unwrap(), "for x in xs:\n    print(x)\n");
}

#[test]
fn rules_rule_and_version() {
    let dir = repo();
    let run = lever_in(&dir, &["rules"]);
    assert_eq!(run.code, 0, "{run:?}");
    let line = run.stdout.lines().find(|l| l.starts_with("index-loop")).expect("index-loop listed");
    assert!(line.contains("warning") && line.contains("rust,python,typescript,tsx,javascript"), "{line}");
    let run = lever_in(&dir, &["rule", "index-loop"]);
    assert_eq!(run.code, 0);
    for section in ["## What it flags", "## Why is this bad?", "## Example", "## How to fix"] {
        assert!(run.stdout.contains(section), "{section} missing:\n{}", run.stdout);
    }
    assert_eq!(lever_in(&dir, &["rule", "no-such-rule"]).code, 2);
    assert_eq!(lever_in(&dir, &["rule", "unused-suppression"]).code, 0);
    let run = lever_in(&dir, &["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim(), format!("lever {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn runs_in_process() {
    let t = Tree::new();
    let file = t.write("a.py", LOOP_PY);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = lever_cli::run(["lever", "check", "--format", "json", file.to_str().unwrap()], &mut out, &mut err);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["warning"], 1);
}

#[test]
fn nested_fixes_do_not_reuse_a_name() {
    // Review finding 2: both loops would pick `item`, giving `item * item`.
    let t = Tree::new();
    let rs = t.write(
        "a.rs",
        "fn f(v: &[i32], w: &[i32]) -> i32 {\n    let mut t = 0;\n    for i in 0..v.len() {\n        for j in 0..w.len() {\n            t += v[i] * w[j];\n        }\n    }\n    t\n}\n",
    );
    t.lever(&["check", "--fix", "--unsafe-fixes"]);
    let fixed = std::fs::read_to_string(&rs).unwrap();
    assert!(fixed.contains("for item in &v {"), "{fixed}");
    assert!(!fixed.contains("item * item"), "{fixed}");
    assert!(fixed.contains("for j in 0..w.len() {") && fixed.contains("t += item * w[j];"), "{fixed}");
}

#[test]
fn python_fix_does_not_overwrite_a_variable_of_the_function() {
    // Review finding 3: `x` is read after the loop, so the new loop variable is not `x`.
    let t = Tree::new();
    let py =
        t.write("a.py", "def f(xs):\n    x = 1\n    for i in range(len(xs)):\n        print(xs[i])\n    return x\n");
    t.lever(&["check", "--fix", "--unsafe-fixes"]);
    let fixed = std::fs::read_to_string(&py).unwrap();
    assert!(fixed.contains("    for item in xs:\n        print(item)\n    return x\n"), "{fixed}");
}
