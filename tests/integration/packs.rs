//! Team packs: loading, custom predicates and settings, and clear errors for bad packs.

use crate::util::{Tree, findings};

const PRINT_PY: &str = "print('hi')\nlog('x')\n";

/// A pack with one rule, `no-call`, whose query is `scm`.
fn pack(t: &Tree, scm: &str, rule_toml_extra: &str) {
    t.write("team/pack.toml", "name = \"team\"\nversion = \"1.0.0\"\ndescription = \"Team rules\"\n");
    t.write(
        "team/rules/no-call/rule.toml",
        format!(
            "severity = \"error\"\nsummary = \"Banned call\"\nmessage = \"do not call `{{name}}`\"\n{rule_toml_extra}"
        ),
    );
    t.write(
        "team/rules/no-call/docs.md",
        "## What it flags\nx\n## Why is this bad?\nx\n## Example\nx\n## How to fix\nx\n",
    );
    t.write("team/rules/no-call/python.scm", scm);
    t.write("lever.toml", "packs = [\"team\"]\n");
}

const GOOD: &str = "((call function: (identifier) @name) @match\n (#any-of-setting? @name \"banned\"))\n";

#[test]
fn a_team_pack_runs_with_settings_from_config() {
    let t = Tree::new();
    pack(&t, GOOD, "[settings]\nbanned = [\"print\"]\n");
    t.write("team/rules/no-call/fixtures/bad.py", "print(1)  # expect: no-call\nlen(x)\n");
    t.write("a.py", PRINT_PY);
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let v = run.json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 1)]);
    assert_eq!(v["findings"][0]["message"], "do not call `print`");
    assert_eq!(v["findings"][0]["severity"], "error");
    // Settings are overridden per rule in lever.toml.
    t.write(
        "lever.toml",
        "packs = [\"team\"]\n[rules.no-call]\nseverity = \"info\"\nsettings = { banned = [\"log\"] }\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 2)]);
    assert_eq!(v["findings"][0]["severity"], "info");
    // The pack's fixtures pass under `lever test`.
    let run = t.lever(&["test", "team"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("1 passed, 0 failed"), "{run:?}");
    // And `lever rules` lists the rule.
    assert!(t.lever(&["rules"]).stdout.lines().any(|l| l.starts_with("no-call") && l.contains("team")));
}

/// Runs `check` on a file with an index loop and a banned call; returns stderr, asserting
/// exit 2 and that the built-in rule still ran.
fn broken(scm: &str, extra: &str) -> String {
    let t = Tree::new();
    pack(&t, scm, extra);
    t.write("a.py", format!("{PRINT_PY}for i in range(len(xs)):\n    print(xs[i])\n"));
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    let found = findings(&run.json());
    assert!(found.iter().any(|(r, _, _)| r == "index-loop"), "other rules keep running: {run:?}");
    assert!(!found.iter().any(|(r, _, _)| r == "no-call"), "{run:?}");
    run.stderr
}

#[test]
fn query_syntax_error_names_file_line_and_column() {
    let err = broken("; a comment\n((call function: (identifer) @name) @match)\n", "");
    assert!(err.contains("team/rules/no-call/python.scm:2:19: invalid node type `identifer`"), "{err}");
    let err = broken("((call function: (identifier) @name) @match\n", "");
    assert!(err.contains("team/rules/no-call/python.scm:"), "{err}");
    assert!(err.contains("invalid query syntax"), "{err}");
}

#[test]
fn unknown_predicates_and_properties_are_rejected() {
    let err = broken("((call function: (identifier) @name) @match\n  (#eqq? @name \"print\"))\n", "");
    assert!(err.contains("python.scm:1:1: unknown predicate `#eqq?`"), "{err}");
    let err = broken("((call function: (identifier) @name) @match\n  (#is? @name \"print\"))\n", "");
    assert!(err.contains("`#is?` and `#is-not?` are not supported"), "{err}");
    let err = broken("((call function: (identifier) @name) @match\n  (#set! severity \"x\"))\n", "");
    assert!(err.contains("unknown property `#set! severity`"), "{err}");
    let err = broken("((call function: (identifier) @name) @match\n  (#has? @name \"nope\"))\n", "");
    assert!(err.contains("no helper pattern named `nope`"), "{err}");
    let err = broken(GOOD, "[settings]\nbanned = 3\n");
    assert!(err.contains("`banned`, which is not a list setting"), "{err}");
}

#[test]
fn predicate_errors_in_a_combined_query_point_at_the_right_file() {
    let err = broken("\n\n((call function: (identifier) @name) @match\n  (#match? @name \"[unclosed\"))\n", "");
    assert!(err.contains("team/rules/no-call/python.scm:3: invalid predicate"), "{err}");
}

#[test]
fn unused_and_missing_captures_are_rejected() {
    let err = broken("((call function: (identifier) @name arguments: (_) @argz) @match)\n", "");
    assert!(err.contains("python.scm:1:52: capture `@argz` is not used"), "{err}");
    let err = broken("((call function: (identifier) @name))\n", "");
    assert!(err.contains("this pattern captures no `@match`"), "{err}");
    let err = broken("((call) @match)\n", "");
    assert!(err.contains("`{name}` names no capture of the python query"), "{err}");
}

#[test]
fn bad_rule_toml_and_manifest() {
    let err = broken(GOOD, "severity2 = 1\n[settings]\nbanned = [\"print\"]\n");
    assert!(err.contains("team/rules/no-call/rule.toml:4:1: unknown field `severity2`"), "{err}");
    let t = Tree::new();
    t.write("team/rules/x/rule.toml", "");
    t.write("lever.toml", "packs = [\"team\"]\n");
    t.write("a.py", "x = 1\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("team/pack.toml: missing pack manifest"), "{run:?}");
    t.write("lever.toml", "\npacks = [\"nowhere\"]\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lever.toml:2:10: pack `nowhere` not found"), "{run:?}");
}

#[test]
fn lever_test_reports_fixture_failures() {
    let t = Tree::new();
    pack(&t, GOOD, "[settings]\nbanned = [\"print\"]\n");
    t.write("team/rules/no-call/fixtures/bad.py", "print(1)\nlen(x)  # expect: no-call\n");
    let run = t.lever(&["test", "team"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("bad.py:1: unexpected no-call"), "{run:?}");
    assert!(run.stdout.contains("bad.py:2: expected no-call, found none"), "{run:?}");
    assert!(run.stdout.contains("0 passed, 1 failed"), "{run:?}");
}

#[test]
fn a_predicate_on_a_capture_its_pattern_lacks_is_rejected() {
    // Review finding 9: `@arg` exists only in the helper (defined first, so tree-sitter knows
    // the name); the predicate would hold always.
    let scm = "((argument_list (identifier) @arg) (#set! helper \"h\"))\n\
               ((call function: (identifier) @name) @match\n  (#not-has? @arg \"h\"))\n";
    let err = broken(scm, "");
    assert!(
        err.contains("python.scm:3:14: `@arg` is used in a predicate but this pattern does not capture it"),
        "{err}"
    );
    let scm = "((argument_list (identifier) @_other) (#set! helper \"h\"))\n\
               ((call function: (identifier) @name) @match (#eq? @_other \"zzz\"))\n";
    let err = broken(scm, "");
    assert!(err.contains("`@_other` is used in a predicate but this pattern does not capture it"), "{err}");
}

#[test]
fn helper_predicates_are_evaluated() {
    // Review finding 10: a helper's own #any-of-setting? used to be ignored.
    let t = Tree::new();
    let scm = "((call function: (identifier) @name arguments: (_) @args) @match\n  (#has? @args \"bad-arg\"))\n\
               ((identifier) @_arg (#any-of-setting? @_arg \"banned\") (#set! helper \"bad-arg\"))\n";
    pack(&t, scm, "[settings]\nbanned = [\"secret\"]\n");
    t.write("a.py", "g(safe)\ng(secret)\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 2)]);
    let scm =
        "((call) @match (#has? @match \"h\"))\n((call) @_c (#count-above? @_c \"h\" \"1\") (#set! helper \"h\"))\n";
    let err = broken(scm, "");
    assert!(err.contains("`#count-above?` cannot be used in a helper pattern"), "{err}");
    assert!(err.contains("#only-used-as? and #count-above? belong to report patterns"), "{err}");
}

#[test]
fn helpers_can_search_scopes_with_their_own_captures() {
    // A variable assigned an f-string is dynamic unless the formatted name was bound to a
    // literal earlier in the function: the helper `dynamic` asks `literal` about its own
    // `@part`, joined on that name.
    let t = Tree::new();
    let scm = "((call function: (attribute attribute: (identifier) @_m) arguments: (argument_list . (identifier) @name)) @match\n\
               (#eq? @_m \"execute\")\n\
               (#has-before? @name \"dynamic\" \"function_definition\"))\n\
               ((assignment left: (identifier) @name right: (string (interpolation expression: (identifier) @part)))\n\
               (#not-has-before? @part \"literal\" \"function_definition\")\n\
               (#set! helper \"dynamic\"))\n\
               ((assignment left: (identifier) @part right: (string) @_v) (#not-match? @_v \"^f\") (#set! helper \"literal\"))\n";
    pack(&t, scm, "");
    t.write(
        "a.py",
        "def a(cur, x):\n    q = f\"SELECT {x}\"\n    cur.execute(q)\n\n\
         def b(cur):\n    col = \"name\"\n    q = f\"SELECT {col} FROM t\"\n    cur.execute(q)\n\n\
         def c(cur, col):\n    q = f\"SELECT {col} FROM t\"\n    col = \"name\"\n    cur.execute(q)\n\n\
         def d(cur, x):\n    col = \"name\"\n    q = f\"SELECT {col}\"\n    q = f\"SELECT {x}\"\n    cur.execute(q)\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [3, 13, 19], "{v}");
    // A capture shared only by two helpers, one searching for the other, is a join key.
    let scm = "((call function: (identifier) @name) @match (#has? @match \"checked\"))\n\
               ((call function: (identifier) @name arguments: (argument_list (identifier) @arg)) @_c\n\
               (#has-before? @_c \"guard\" \"module\") (#set! helper \"checked\"))\n\
               ((assert_statement (identifier) @arg) (#set! helper \"guard\"))\n";
    pack(&t, scm, "");
    t.write("a.py", "assert ok\nrun(ok)\nrun(other)\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 2)], "{v}");
}

#[test]
fn a_helper_that_searches_for_itself_has_no_matches_there_meanwhile() {
    // `first`: a call whose name was not called before in the module by a `first` call.
    // Searching `first` in the module from inside `first`'s own search finds nothing (no
    // endless recursion), so every call there is a `first`; a call inside a report match
    // then sees them all.
    let t = Tree::new();
    let scm = "((call function: (identifier) @name) @match (#has? @match \"first\"))\n\
               ((call function: (identifier) @name) @_c (#not-has-before? @_c \"first\" \"module\") (#set! helper \"first\"))\n";
    pack(&t, scm, "");
    t.write("a.py", "f()\nf()\ng()\nf()\n");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<u64> = findings(&run.json()).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [1, 3], "{run:?}");
    // Two helpers that search for each other in the same scope.
    let scm = "((call function: (identifier) @name) @match (#has? @match \"a\"))\n\
               ((call function: (identifier) @name) @_c (#not-has-before? @_c \"b\" \"module\") (#set! helper \"a\"))\n\
               ((call function: (identifier) @name) @_c (#has-before? @_c \"a\" \"module\") (#set! helper \"b\"))\n";
    pack(&t, scm, "");
    let run = t.lever(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!findings(&run.json()).is_empty(), "{run:?}");
}

#[test]
fn words_of_helpers_searched_by_helpers_do_not_rule_a_file_out() {
    // `run()` after a `mark()` that no `unmark()` precedes: a file without `unmark` must
    // still be linted (the negated search of `marked` needs no word).
    let t = Tree::new();
    let scm = "((call function: (identifier) @name) @match (#eq? @name \"run\") (#has-before? @match \"marked\" \"module\"))\n\
               ((call function: (identifier) @_f) @_m (#eq? @_f \"mark\") (#not-has-before? @_m \"unmark\" \"module\") (#set! helper \"marked\"))\n\
               ((call function: (identifier) @_g) @match (#eq? @_g \"unmark\") (#set! helper \"unmark\"))\n";
    pack(&t, scm, "");
    t.write("a.py", "mark()\nrun()\n");
    t.write("b.py", "unmark()\nmark()\nrun()\n");
    t.write("c.py", "run()\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 2)], "{v}");
}

#[test]
fn has_before_joins_an_earlier_match_in_the_same_scope() {
    // "A, then B, in the same function, on the same key": a variable assigned an f-string,
    // then executed.
    let t = Tree::new();
    let scm = "((call function: (attribute attribute: (identifier) @_method) arguments: (argument_list . (identifier) @name)) @match\n\
               (#eq? @_method \"execute\")\n\
               (#has-before? @name \"dynamic\" \"function_definition\"))\n\
               ((assignment left: (identifier) @name right: (string (interpolation))) (#set! helper \"dynamic\"))\n";
    pack(&t, scm, "");
    t.write(
        "a.py",
        "def a(cur, x):\n    q = f\"SELECT * FROM t WHERE id = {x}\"\n    cur.execute(q)\n\n\
         def b(cur, x):\n    cur.execute(q)\n\n\
         def c(cur, x):\n    cur.execute(q)\n    q = f\"SELECT {x}\"\n\n\
         def d(cur):\n    q = \"SELECT 1\"\n    cur.execute(q)\n\n\
         def e(cur, x):\n    q = f\"SELECT {x}\"\n    cur.execute(other)\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 3)]);
    assert_eq!(v["findings"][0]["message"], "do not call `q`");
    let err = broken(
        "((call function: (identifier) @name) @match (#has-before? @name \"h\" \"function_def\"))\n\
         ((identifier) @name (#set! helper \"h\"))\n",
        "",
    );
    assert!(err.contains("`function_def` is not a node kind of the python grammar"), "{err}");
}

#[test]
fn a_language_can_take_several_query_files() {
    let t = Tree::new();
    pack(&t, "", "[queries]\npython = [\"calls.scm\", \"more.scm\"]\n");
    std::fs::remove_file(t.path().join("team/rules/no-call/python.scm")).unwrap();
    t.write("team/rules/no-call/calls.scm", "((call function: (identifier) @name) @match (#eq? @name \"print\"))\n");
    t.write("team/rules/no-call/more.scm", "((call function: (identifier) @name) @match (#eq? @name \"log\"))\n");
    t.write("a.py", PRINT_PY);
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [1, 2]);
    // An error in the second file names that file.
    t.write("team/rules/no-call/more.scm", "((call function: (identifer)) @match)\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("team/rules/no-call/more.scm:1:19: invalid node type `identifer`"), "{run:?}");
}

#[test]
fn count_above_counts_helper_matches_per_scope() {
    // "More than `max-calls` calls per function", with the count and limit in the message and
    // every counted call as a related location.
    let t = Tree::new();
    let scm = "((function_definition name: (identifier) @name body: (block) @body) @match\n\
               (#count-above? @body \"call\" \"max-calls\"))\n\
               ((call function: (identifier) @_f) @match (#set! helper \"call\"))\n";
    pack(
        &t,
        scm,
        "range = \"@name\"\n[settings]\nmax-calls = 2\n[messages]\npython = \"`{name}` makes {count} calls (limit {limit})\"\n\
         [related]\ncall = \"call of `{name}`\"\n",
    );
    t.write("a.py", "def few():\n    a()\n    b()\n\ndef many():\n    a()\n    b()\n    c()\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 5)]);
    let f = &v["findings"][0];
    assert_eq!(f["message"], "`many` makes 3 calls (limit 2)");
    let related: Vec<(u64, &str)> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["start"]["line"].as_u64().unwrap(), r["message"].as_str().unwrap()))
        .collect();
    assert_eq!(related, [(6, "call of `many`"), (7, "call of `many`"), (8, "call of `many`")]);
    // The limit is a setting: lever.toml raises it.
    t.write("lever.toml", "packs = [\"team\"]\n[rules.no-call]\nsettings = { max-calls = 3 }\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert!(findings(&v).is_empty(), "{v}");
    // Text output shows the related locations as notes.
    t.write("lever.toml", "packs = [\"team\"]\n");
    let run = t.lever(&["check"]);
    assert!(run.stdout.contains("= note: a.py:6:5: call of `many`"), "{run:?}");
}

#[test]
fn count_above_filters_inside_or_outside_another_helper_and_reports_at_the_crossing() {
    let t = Tree::new();
    // Writes outside any `with` block, when there is also one inside: "mixed".
    let scm = "((function_definition name: (identifier) @name body: (block) @body) @match\n\
               (#count-above? @body \"write\" \"0\" \"outside\" \"tx\")\n\
               (#count-above? @body \"write\" \"0\" \"inside\" \"tx\"))\n\
               ((module) @match\n\
               (#count-above? @match \"top\" \"2\" \"at-crossing\")\n\
               (#set! message \"too-many\") (#set! severity \"raise\"))\n\
               ((call function: (identifier) @_f) @match (#eq? @_f \"save\") (#set! helper \"write\"))\n\
               ((with_statement) @match (#set! helper \"tx\"))\n\
               ((module (function_definition name: (identifier) @_n) @match) (#set! helper \"top\"))\n";
    pack(&t, scm, "[messages]\ntoo-many = \"{count} functions; the limit is {limit}\"\n");
    t.write(
        "a.py",
        "def mixed():\n    save()\n    with tx():\n        save()\n\n\
         def inside():\n    with tx():\n        save()\n        save()\n\n\
         def outside():\n    save()\n    save()\n\n\
         def fourth():\n    pass\n",
    );
    t.write("lever.toml", "packs = [\"team\"]\n[rules]\nno-call = \"warning\"\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(
        findings(&v),
        [("no-call".to_string(), "a.py".to_string(), 1), ("no-call".to_string(), "a.py".to_string(), 11)]
    );
    assert_eq!(v["findings"][0]["message"], "do not call `mixed`");
    assert_eq!(v["findings"][0]["severity"], "warning");
    // The module count is reported at the third function, the one that crosses the limit,
    // with its own message and one level above the configured severity.
    assert_eq!(v["findings"][1]["message"], "4 functions; the limit is 2");
    assert_eq!(v["findings"][1]["severity"], "error");
    // Mistakes name the query file.
    for (scm, expected) in [
        (
            "((module) @match (#count-above? @match \"h\" \"many\"))\n((call) @match (#set! helper \"h\"))\n",
            "the limit is a number or an integer setting of `no-call`",
        ),
        (
            "((module) @match (#count-above? @match \"h\" \"1\" \"around\" \"h\"))\n((call) @match (#set! helper \"h\"))\n",
            "unexpected option `around`",
        ),
        ("((module) @match (#set! message \"nope\"))\n", "rule.toml has no message `nope`"),
    ] {
        let err = broken(scm, "");
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn rules_share_query_files_and_settings_of_their_pack() {
    let t = Tree::new();
    t.write("team/pack.toml", "name = \"team\"\nversion = \"1.0.0\"\n[settings]\nwrite-methods = [\"save\"]\n");
    t.write(
        "team/shared/writes.scm",
        "((call function: (attribute attribute: (identifier) @_m)) @match\n (#any-of-setting? @_m \"write-methods\") (#set! helper \"write\"))\n",
    );
    let docs = "## What it flags\nx\n## Why is this bad?\nx\n## Example\nx\n## How to fix\nx\n";
    for (id, limit) in [("one-write", "0"), ("two-writes", "1")] {
        t.write(
            &format!("team/rules/{id}/rule.toml"),
            "severity = \"error\"\nsummary = \"s\"\nmessage = \"{count} writes\"\n\
             [queries]\npython = [\"../../shared/writes.scm\", \"python.scm\"]\n",
        );
        t.write(&format!("team/rules/{id}/docs.md"), docs);
        t.write(
            &format!("team/rules/{id}/python.scm"),
            format!("((function_definition body: (block) @body) @match (#count-above? @body \"write\" \"{limit}\"))\n"),
        );
    }
    t.write("lever.toml", "packs = [\"team\"]\n");
    t.write("a.py", "def f(a):\n    a.save()\n    a.store()\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    let messages: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(messages, [("one-write", "1 writes")]);
    // lever.toml's [settings] sets a shared setting for every rule that has it.
    t.write("lever.toml", "packs = [\"team\"]\n[settings]\nwrite-methods = [\"save\", \"store\"]\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "{v}");
    // An unknown shared setting names lever.toml:line:col; a file outside the pack is an error.
    t.write("lever.toml", "packs = [\"team\"]\n[settings]\nwrite-method = [\"save\"]\n");
    let run = t.lever(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("lever.toml:3:16: no pack has a shared setting `write-method`"), "{run:?}");
    t.write(
        "team/rules/one-write/rule.toml",
        "severity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\n[queries]\npython = [\"../../../x.scm\"]\n",
    );
    let run = t.lever(&["check"]);
    assert!(run.stderr.contains("query file `../../../x.scm` is outside the pack"), "{run:?}");
}

#[test]
fn extract_joins_on_part_of_a_capture() {
    // A write to a table, then a read of the same table, both in SQL strings.
    let t = Tree::new();
    let scm = "((call arguments: (argument_list . (string) @name)) @match\n\
               (#extract? @name \"(?i)\\\\bfrom\\\\s+([a-z_][a-z0-9_]*)\")\n\
               (#has-before? @match \"write\" \"function_definition\"))\n\
               ((call arguments: (argument_list . (string) @name))\n\
               (#extract? @name \"(?i)^.(?:insert\\\\s+into|update)\\\\s+([a-z_][a-z0-9_]*)\")\n\
               (#set! helper \"write\"))\n";
    pack(&t, scm, "[related]\nwrite = \"`{name}` written here\"\n");
    t.write(
        "a.py",
        "def f(db):\n    db.execute(\"INSERT INTO users VALUES (1)\")\n    db.execute(\"SELECT * FROM orders\")\n    db.execute(\"SELECT * FROM users\")\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 4)]);
    assert_eq!(v["findings"][0]["message"], "do not call `users`");
    assert_eq!(v["findings"][0]["related"][0]["message"], "`users` written here");
    assert_eq!(v["findings"][0]["related"][0]["start"]["line"], 2);
    let err = broken("((string) @name @match (#extract? @name \"a(b)(c)\"))\n", "");
    assert!(err.contains("`#extract?`: the regex needs exactly one group"), "{err}");
}

/// Helpers that describe control flow for `"alternatives"` and `"exits"`: the branches of an
/// `if`, and blocks that end in `return` or `raise`.
const PATHS_SCM: &str = "((if_statement consequence: (block) @match) (#set! helper \"branch\"))\n\
                         ((if_statement alternative: [(elif_clause) (else_clause)] @match) (#set! helper \"branch\"))\n\
                         ((block [(return_statement) (raise_statement)] .) @match (#set! helper \"exit\"))\n";

#[test]
fn has_before_can_require_the_same_path() {
    // `save(k)` then `load(k)`, but only when both can run on one path: not from an `if`
    // branch that returns, not from one branch to the other.
    let t = Tree::new();
    let scm = format!(
        "((call function: (identifier) @_f arguments: (argument_list . (identifier) @name)) @match\n\
         (#eq? @_f \"load\")\n\
         (#has-before? @match \"write\" \"function_definition\" \"alternatives\" \"branch\" \"exits\" \"exit\"))\n\
         ((call function: (identifier) @_f arguments: (argument_list . (identifier) @name)) @match\n\
         (#eq? @_f \"save\") (#set! helper \"write\"))\n{PATHS_SCM}"
    );
    pack(&t, &scm, "[related]\nwrite = \"saved here\"\n");
    t.write(
        "a.py",
        "def returns(x):\n    if x:\n        save(k)\n        return\n    load(k)\n\n\
         def other_branch(x):\n    if x:\n        save(k)\n    elif y:\n        save(k)\n    else:\n        load(k)\n\n\
         def falls_through(x):\n    if x:\n        save(k)\n    load(k)\n\n\
         def before_the_if(x):\n    save(k)\n    if x:\n        pass\n    else:\n        load(k)\n\n\
         def same_branch(x):\n    if x:\n        save(k)\n        load(k)\n        return\n\n\
         def inner_return(x):\n    def cb():\n        save(k)\n        return\n    load(k)\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    // falls_through (18), before_the_if (25), same_branch (30), and inner_return (37):
    // the `return` leaves `cb`, not the function that loads.
    assert_eq!(lines, [18, 25, 30, 37], "{v}");
    // Only the writes on the read's path are related locations.
    let related: Vec<u64> =
        v["findings"][0]["related"].as_array().unwrap().iter().map(|r| r["start"]["line"].as_u64().unwrap()).collect();
    assert_eq!(related, [17]);
    // Without the options, every earlier write counts.
    pack(&t, &scm.replace(" \"alternatives\" \"branch\" \"exits\" \"exit\"", ""), "");
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v).len(), 6, "{v}");
    let err = broken(
        &format!("((call) @match (#has-before? @match \"exit\" \"module\" \"exits\" \"nope\"))\n{PATHS_SCM}"),
        "",
    );
    assert!(err.contains("no helper pattern named `nope`"), "{err}");
}

#[test]
fn has_before_can_consider_only_the_last_assignment() {
    // `"last" "assign"`: an earlier f-string counts only when no later plain assignment of
    // the variable, on every path to the call, replaced it; `+=` extends what was there.
    let t = Tree::new();
    let scm = format!(
        "((call function: (attribute attribute: (identifier) @_m) arguments: (argument_list . (identifier) @name)) @match\n\
         (#eq? @_m \"execute\")\n\
         (#has-before? @name \"dynamic\" \"function_definition\" \"alternatives\" \"branch\" \"last\" \"assign\"))\n\
         ([(assignment left: (identifier) @name right: (string (interpolation)))\n\
           (augmented_assignment left: (identifier) @name right: (string (interpolation)))] (#set! helper \"dynamic\"))\n\
         ((assignment left: (identifier) @name right: (string)) (#set! helper \"assign\"))\n{PATHS_SCM}"
    );
    pack(&t, &scm, "");
    let file = "def replaced(cur, x):\n    q = f\"SELECT {x}\"\n    q = \"SELECT 1\"\n    cur.execute(q)\n\n\
                def extended(cur, x):\n    q = \"SELECT 1\"\n    q += f\" WHERE id = {x}\"\n    cur.execute(q)\n\n\
                def dynamic_last(cur, x):\n    q = \"SELECT 1\"\n    q = f\"SELECT {x}\"\n    cur.execute(q)\n\n\
                def one_branch(cur, x):\n    if x:\n        q = f\"SELECT {x}\"\n    else:\n        q = \"SELECT 1\"\n    cur.execute(q)\n\n\
                def maybe_replaced(cur, x):\n    q = f\"SELECT {x}\"\n    if x:\n        q = \"SELECT 1\"\n    cur.execute(q)\n\n\
                def same_branch(cur, x):\n    if x:\n        q = f\"SELECT {x}\"\n        q = \"SELECT 1\"\n        cur.execute(q)\n";
    t.write("a.py", file);
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [9, 14, 21, 27], "{v}");
    // Without `"alternatives"`, the last assignment in the text counts, whatever branch it is in.
    pack(&t, &scm.replace(" \"alternatives\" \"branch\"", ""), "");
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [9, 14], "{v}");
    let err = broken(&format!("((call) @match (#has-before? @match \"branch\" \"module\" \"last\"))\n{PATHS_SCM}"), "");
    assert!(err.contains("`last` is not a node kind"), "{err}");
}

#[test]
fn count_above_can_count_the_most_matches_on_one_path() {
    // Writes on exclusive branches, or after a branch that returned, are not on one path.
    let t = Tree::new();
    let scm = format!(
        "((function_definition name: (identifier) @name body: (block) @body) @match\n\
         (#count-above? @body \"write\" \"1\" \"alternatives\" \"branch\" \"exits\" \"exit\" \"function_definition\"))\n\
         ((call function: (identifier) @_f) @match (#eq? @_f \"save\") (#set! helper \"write\"))\n{PATHS_SCM}"
    );
    pack(&t, &scm, "[messages]\npython = \"`{name}` saves {count} times\"\n[related]\nwrite = \"save\"\n");
    t.write(
        "a.py",
        "def either(x):\n    if x:\n        save()\n    elif y:\n        save()\n    else:\n        save()\n\n\
         def early_return(x):\n    if x:\n        save()\n        raise E\n    save()\n\n\
         def both(x):\n    save()\n    if x:\n        save()\n    else:\n        save()\n\n\
         def nested(x):\n    if x:\n        if y:\n            save()\n        else:\n            save()\n        save()\n\n\
         def callback(x):\n    def cb():\n        save()\n        return\n    save()\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    let got: Vec<(u64, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["start"]["line"].as_u64().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [(15, "`both` saves 2 times"), (22, "`nested` saves 2 times"), (30, "`callback` saves 2 times")]);
    // The related locations are the writes of the longest path.
    let related: Vec<u64> =
        v["findings"][0]["related"].as_array().unwrap().iter().map(|r| r["start"]["line"].as_u64().unwrap()).collect();
    assert_eq!(related, [16, 18]);
    // Without the node kinds that `"exits"` leaves, a `return` in `cb` ends `callback` too.
    pack(
        &t,
        &scm.replace(" \"function_definition\"))", "))"),
        "[messages]\npython = \"`{name}` saves {count} times\"\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [15, 22], "{v}");
    for (scm, expected) in [
        (
            "((module) @match (#count-above? @match \"exit\" \"1\" \"exits\" \"exit\" \"functon\"))\n",
            "`functon` is not a node kind of the python grammar",
        ),
        (
            "((module) @match (#count-above? @match \"exit\" \"1\" \"alternatives\" \"nope\"))\n",
            "no helper pattern named `nope`",
        ),
    ] {
        let err = broken(&format!("{scm}{PATHS_SCM}"), "");
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn count_above_takes_several_filters() {
    // Saves in a loop, but not in a branch that leaves the loop: those run once.
    let t = Tree::new();
    let scm = "((function_definition name: (identifier) @name body: (block) @body) @match\n\
               (#count-above? @body \"write\" \"0\" \"inside\" \"loop\" \"outside\" \"loop-exit\"))\n\
               ((call function: (identifier) @_f) @match (#eq? @_f \"save\") (#set! helper \"write\"))\n\
               ((for_statement) @match (#set! helper \"loop\"))\n\
               ((for_statement body: (block (if_statement consequence: (block (return_statement) .) @match)))\n\
               (#set! helper \"loop-exit\"))\n";
    pack(&t, scm, "");
    t.write(
        "a.py",
        "def once(xs):\n    for x in xs:\n        if x:\n            save()\n            return\n\n\
         def each(xs):\n    for x in xs:\n        save()\n        if x:\n            return\n\n\
         def outside(xs):\n    save()\n    for x in xs:\n        pass\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    assert_eq!(findings(&v), [("no-call".to_string(), "a.py".to_string(), 7)]);
}

#[test]
fn has_takes_scope_kinds_and_filters() {
    // "A function that its own file calls inside a `with` block": the scope is the nearest
    // ancestor of the kind (here the file), and only calls inside a `with` count.
    let t = Tree::new();
    let scm = "((function_definition name: (identifier) @name body: (block) @body) @match\n\
               (#not-has? @body \"named-call\" \"module\" \"inside\" \"with\"))\n\
               ((call function: (identifier) @name) @match (#set! helper \"named-call\"))\n\
               ((with_statement) @match (#set! helper \"with\"))\n";
    pack(&t, scm, "");
    t.write(
        "a.py",
        "def guarded():\n    pass\n\ndef unguarded():\n    pass\n\n\
         def caller():\n    with lock():\n        guarded()\n    unguarded()\n",
    );
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(lines, [4, 7], "{v}");
    let err = broken("((call) @match (#has? @match \"h\" \"modul\"))\n((call) @match (#set! helper \"h\"))\n", "");
    assert!(err.contains("`modul` is not a node kind of the python grammar"), "{err}");
}

#[test]
fn named_children_above_counts_a_nodes_named_children() {
    let t = Tree::new();
    // Each parameter is a named child, and so is a comment among them; one limit is read
    // from a setting.
    let scm = "((function_definition name: (identifier) @name parameters: (parameters) @params) @match\n\
               (#named-children-above? @params \"limit\"))\n\
               ((function_definition name: (identifier) @name parameters: (parameters) @params) @match\n\
               (#not-named-children-above? @params \"1\"))\n";
    pack(&t, scm, "[settings]\nlimit = 2\n");
    t.write("a.py", "def one(a):\n    pass\ndef two(a, b):\n    pass\ndef three(a, b, c):\n    pass\ndef commented(a,  # why\n    b):\n    pass\n");
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().map(|(_, _, line)| line).collect();
    assert_eq!(lines, [1, 5, 7], "`one` is short (1 ≤ 1); `three` and `commented` are above 2");
    let err = broken("((parameters) @match (#named-children-above? @match \"many\"))\n", "");
    assert!(err.contains("the limit is a number or an integer setting"), "{err}");
}

#[test]
fn parent_kind_tests_the_parent_of_a_capture() {
    let t = Tree::new();
    // On the node a pattern starts at (the report walk then looks only under those parents),
    // and negated: a decorated function's parent is its decoration.
    let scm = "((function_definition name: (identifier) @name) @match (#parent-kind? @match \"module\"))\n\
               ((function_definition name: (identifier) @name) @match (#parent-kind? @match \"block\"))\n\
               ((function_definition name: (identifier) @name) @match (#not-parent-kind? @match \"module\" \"block\"))\n";
    pack(&t, scm, "");
    let py = "def top(a):\n    def inner(b):\n        pass\nclass C:\n    def method(self):\n        pass\n    @staticmethod\n    def util():\n        pass\n@decorator\ndef decorated():\n    pass\n";
    t.write("a.py", py);
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().filter(|(r, _, _)| r == "no-call").map(|(_, _, l)| l).collect();
    assert_eq!(lines, [1, 2, 5, 8, 11], "top-level and nested functions, a method, two decorated ones");

    // On a capture below the start node.
    let t = Tree::new();
    let scm = "((class_definition body: (block (decorated_definition definition: (function_definition name: (identifier) @name) @match)))\n\
               (#parent-kind? @match \"decorated_definition\"))\n\
               ((class_definition body: (block (function_definition name: (identifier) @name) @match))\n\
               (#not-parent-kind? @match \"block\"))\n";
    pack(&t, scm, "");
    t.write("a.py", py);
    let v = t.lever(&["check", "--format", "json"]).json();
    let lines: Vec<u64> = findings(&v).into_iter().filter(|(r, _, _)| r == "no-call").map(|(_, _, l)| l).collect();
    assert_eq!(lines, [8], "only the decorated method; a plain method's parent is the class body");

    let err = broken("((function_definition) @match (#parent-kind? @match \"modul\"))\n", "");
    assert!(err.contains("`modul` is not a node kind of the python grammar"), "{err}");
    assert!(err.contains("python.scm:1:"), "{err}");
}
