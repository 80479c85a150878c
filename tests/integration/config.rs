//! lever.toml: enabling, severities, globs, discovery and errors.

use crate::util::{Tree, findings};

const LOOP_PY: &str = "for i in range(len(xs)):\n    print(xs[i])\n";

#[test]
fn disable_and_override_severity() {
    let t = Tree::new();
    t.write("a.py", LOOP_PY);
    t.write("lever.toml", "[rules]\nindex-loop = \"off\"\n");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!((run.code, findings(&run.json()).len()), (0, 0), "{run:?}");
    t.write("lever.toml", "[rules]\nindex-loop = \"error\"\n");
    let run = t.lever(&["check", "--format", "json", "--fail-on", "error"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["findings"][0]["severity"], "error");
    t.write("lever.toml", "[rules.index-loop]\nenabled = false\n");
    assert_eq!(t.lever(&["check"]).code, 0);
}

#[test]
fn include_and_exclude() {
    let t = Tree::new();
    t.write("src/a.py", LOOP_PY);
    t.write("src/gen/b.py", LOOP_PY);
    t.write("scripts/c.py", LOOP_PY);
    t.write("lever.toml", "include = [\"src/**\"]\nexclude = [\"**/gen/**\"]\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    let paths: Vec<String> = findings(&v).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(paths, ["src/a.py"]);
}

#[test]
fn config_is_found_upward_from_the_linted_path() {
    let t = Tree::new();
    t.write("lever.toml", "[rules]\nindex-loop = \"off\"\n");
    t.write("deep/er/a.py", LOOP_PY);
    let run = crate::util::lever_in(&t.path().join("deep"), &["check", "er"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_nested_config_governs_the_files_below_it() {
    // As in the editor, each file takes its nearest lever.toml, also when a parent directory
    // is checked: a team's directory can change a rule's settings, severity and globs.
    let t = Tree::new();
    let three = "def f(a, b, c):\n    pass\n";
    t.write("lever.toml", "[rules]\nwide-interface = \"on\"\n");
    t.write("a.py", three);
    t.write("team/b.py", three);
    t.write("team/d.py", "def f(a, b, c, d, e, g):\n    pass\n");
    t.write("team/gen/c.py", three);
    t.write(
        "team/lever.toml",
        "exclude = [\"gen/**\"]\n[rules.wide-interface]\nenabled = true\nsettings = { max-params = 2 }\n",
    );
    let paths = |args: &[&str]| -> Vec<String> {
        let run = t.lever(args);
        findings(&run.json()).into_iter().map(|(_, p, _)| p).collect()
    };
    assert_eq!(paths(&["check", "--format", "json"]), ["team/b.py", "team/d.py"]);
    assert_eq!(paths(&["check", "--format", "json", "team"]), ["team/b.py", "team/d.py"]);
    // `--config` governs every file.
    assert_eq!(paths(&["check", "--format", "json", "--config", "lever.toml"]), ["team/d.py"]);
    // A nested config that does not load is an error naming it; its files are linted with
    // the enclosing config, and the run fails.
    t.write("team/lever.toml", "[rules.wide-interface]\nenabled = tru\n");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("lever.toml:2:11: invalid boolean"), "{run:?}");
    let paths: Vec<String> = findings(&run.json()).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(paths, ["team/d.py"], "{run:?}");
}

#[test]
fn errors_name_file_line_and_column() {
    let t = Tree::new();
    t.write("a.py", LOOP_PY);
    t.write("lever.toml", "[rules]\nindex-lop = \"off\"\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lever.toml:2:1: unknown rule `index-lop`"), "{run:?}");
    assert!(run.stderr.contains("help: known rules: index-loop"), "{run:?}");
    t.write("lever.toml", "exclude = [\"src/**\"]\nmax_file_size = 3\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lever.toml:2:1: unknown field `max_file_size`"), "{run:?}");
    t.write("lever.toml", "[rules]\nindex-loop = \"loud\"\n");
    let run = t.lever(&["check"]);
    // The short form's value has no span of its own (serde's untagged enums drop it); the
    // error points at the rule's key.
    assert!(run.stderr.contains("lever.toml:2:1: unknown severity `loud`"), "{run:?}");
    t.write("lever.toml", "[rules.index-loop]\nsettings = { nope = 1 }\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lever.toml:2:21: rule `index-loop` has no setting `nope`"), "{run:?}");
}

#[test]
fn relative_config_paths_and_bare_file_names() {
    // Review findings 14 and 15.
    let t = Tree::new();
    t.write("gen/a.py", LOOP_PY);
    t.write("b.py", LOOP_PY);
    t.write("lever.toml", "exclude = [\"gen/**\"]\n");
    let v = t.lever(&["check", ".", "--config", "lever.toml", "--format", "json"]).json();
    let paths: Vec<String> = findings(&v).into_iter().map(|(_, p, _)| p).collect();
    assert_eq!(paths, ["b.py"]);
    t.write("lever.toml", "[rules]\nindex-loop = \"off\"\n");
    assert_eq!(t.lever(&["check", "b.py"]).code, 0);
}

#[test]
fn preview_rules_run_only_when_turned_on() {
    let t = Tree::new();
    t.write("a.py", "def f(cur, x):\n    cur.execute(f\"SELECT * FROM t WHERE id = {x}\")\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), []);
    t.write("lever.toml", "[rules]\nunparameterized-sql = \"on\"\n");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let v = run.json();
    assert_eq!(findings(&v), [("unparameterized-sql".to_string(), "a.py".to_string(), 2)]);
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn a_rule_exclude_drops_that_rule_in_matching_files_only() {
    let t = Tree::new();
    let both = "def f(a, b, c):\n    for i in range(len(a)):\n        print(a[i])\n";
    t.write("a.py", both);
    t.write("features/b.py", both);
    // A suppression of the excluded rule is neither used nor unused there; one of a rule that
    // runs still is reported as unused.
    t.write("features/c.py", "x = 1  # lever-ignore: index-loop, wide-interface -- reason\n");
    t.write(
        "lever.toml",
        "[rules.index-loop]\nexclude = [\"**/features/**\"]\n\
         [rules.wide-interface]\nenabled = true\nsettings = { max-params = 2 }\n",
    );
    let expected = |dir: &str| -> Vec<(String, String, u64)> {
        [
            ("wide-interface", "a.py", 1),
            ("index-loop", "a.py", 2),
            ("wide-interface", "features/b.py", 1),
            ("unused-suppression", "features/c.py", 1),
        ]
        .into_iter()
        .filter(|(_, p, _)| p.starts_with(dir))
        .map(|(r, p, l)| (r.to_string(), p.to_string(), l))
        .collect()
    };
    let run = t.lever(&["check", "--format", "json"]);
    let v = run.json();
    assert_eq!(findings(&v), expected(""), "{run:?}");
    let unused = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "unused-suppression").unwrap();
    assert!(unused["message"].as_str().unwrap().contains("wide-interface"), "{unused}");
    // The globs are relative to the config, also when a subdirectory or a file is checked.
    let run = t.lever(&["check", "--format", "json", "features"]);
    assert_eq!(findings(&run.json()), expected("features/"), "{run:?}");
    let run = crate::util::lever_in(&t.path().join("features"), &["check", "--format", "json", "b.py"]);
    let lines: Vec<(String, u64)> = findings(&run.json()).into_iter().map(|(r, _, l)| (r, l)).collect();
    assert_eq!(lines, [("wide-interface".to_string(), 1)], "{run:?}");
    // Without the exclusion the rule reports there.
    t.write("lever.toml", "[rules.wide-interface]\nenabled = true\nsettings = { max-params = 2 }\n");
    let run = t.lever(&["check", "--format", "json", "features/b.py"]);
    assert_eq!(findings(&run.json()).len(), 2, "{run:?}");
}

#[test]
fn a_bad_rule_exclude_glob_names_its_position() {
    let t = Tree::new();
    t.write("a.py", LOOP_PY);
    t.write("lever.toml", "[rules.index-loop]\nexclude = [\"ok/**\", \"a[\"]\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("lever.toml:2:21: bad glob"), "{run:?}");
    assert!(run.stderr.contains("help: globs are relative"), "{run:?}");
}
