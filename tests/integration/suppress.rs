//! Suppression comments: placement, comment-only recognition, unused ones reported.

use crate::util::{Tree, findings};

fn check(t: &Tree) -> Vec<(String, u64)> {
    findings(&t.lever(&["check", "--format", "json", "--fail-on", "never"]).json())
        .into_iter()
        .map(|(r, _, l)| (r, l))
        .collect()
}

#[test]
fn trailing_and_line_above() {
    let t = Tree::new();
    t.write(
        "a.py",
        "for i in range(len(xs)):  # lever-ignore: index-loop -- legacy\n    print(xs[i])\n\
         # lever-ignore: index-loop -- mirrors the paper\n\
         for i in range(len(ys)):\n    print(ys[i])\n\
         for i in range(len(zs)):\n    print(zs[i])\n",
    );
    assert_eq!(check(&t), [("index-loop".to_string(), 6)]);
}

#[test]
fn several_rules_in_one_comment_and_rust_and_ts_comment_syntax() {
    let t = Tree::new();
    t.write("a.rs", "fn f(v: &[u8]) {\n    // lever-ignore: index-loop, other-rule -- why\n    for i in 0..v.len() { println!(\"{}\", v[i]); }\n}\n");
    t.write("b.ts", "/* lever-ignore: index-loop */ for (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    let found = findings(&t.lever(&["check", "--format", "json", "--fail-on", "never"]).json());
    // The loop is suppressed; the unknown rule id is reported, on the comment's line.
    assert_eq!(found, [("unused-suppression".to_string(), "a.rs".to_string(), 2)]);
    let v = t.lever(&["check", "--format", "json"]).json();
    assert!(v["findings"][0]["message"].as_str().unwrap().contains("unknown rule"), "{v}");
}

#[test]
fn file_level_only_before_code() {
    let t = Tree::new();
    t.write("a.py", "# lever-ignore-file: index-loop -- generated\nfor i in range(len(xs)):\n    print(xs[i])\n");
    assert_eq!(check(&t), []);
    t.write("a.py", "import os\n# lever-ignore-file: index-loop\nfor i in range(len(xs)):\n    print(xs[i])\n");
    assert_eq!(check(&t), [("unused-suppression".to_string(), 2), ("index-loop".to_string(), 3)]);
}

#[test]
fn directives_in_strings_do_not_count() {
    let t = Tree::new();
    t.write(
        "a.py",
        "for i in range(len(xs)):\n    print(xs[i], '# lever-ignore: index-loop')\n\
         s = \"lever-ignore-file: index-loop\"\n",
    );
    assert_eq!(check(&t), [("index-loop".to_string(), 1)]);
    t.write("b.ts", "const s = `// lever-ignore: index-loop`; for (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    assert_eq!(
        findings(&t.lever(&["check", "--format", "json", "b.ts"]).json()),
        [("index-loop".to_string(), "b.ts".to_string(), 1)]
    );
}

#[test]
fn unused_suppression_is_info_and_can_be_turned_off() {
    let t = Tree::new();
    t.write("a.py", "x = 1  # lever-ignore: index-loop -- stale\n");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "info does not fail the default --fail-on warning: {run:?}");
    let v = run.json();
    assert_eq!(v["findings"][0]["rule"], "unused-suppression");
    assert_eq!(v["findings"][0]["severity"], "info");
    assert_eq!(t.lever(&["check", "--fail-on", "info"]).code, 1);
    t.write("lever.toml", "[rules]\nunused-suppression = \"off\"\n");
    assert_eq!(check(&t), []);
}

#[test]
fn file_level_after_shebang_or_docstring() {
    // Review finding 11.
    let t = Tree::new();
    t.write("a.js", "#!/usr/bin/env node\n// lever-ignore-file: index-loop -- generated\nfor (let i = 0; i < a.length; i++) { f(a[i]); }\n");
    t.write("b.py", "#!/usr/bin/env python3\n\"\"\"Module docs.\"\"\"\n# lever-ignore-file: index-loop\nfor i in range(len(xs)):\n    print(xs[i])\n");
    assert_eq!(check(&t), []);
}

#[test]
fn jsx_comment_alone_on_a_line_applies_to_the_next() {
    // Review finding 12.
    let t = Tree::new();
    t.write(
        "a.tsx",
        "const el = (\n  <ul>\n    {/* lever-ignore: index-loop -- demo */}\n    {(() => { for (let i = 0; i < a.length; i++) { f(a[i]); } })()}\n  </ul>\n);\n",
    );
    assert_eq!(check(&t), []);
}

#[test]
fn a_rule_named_twice_in_one_comment_is_one_suppression() {
    let t = Tree::new();
    t.write("a.py", "for i in range(len(xs)):  # lever-ignore: index-loop, index-loop\n    print(xs[i])\n");
    assert_eq!(check(&t), []);
}
