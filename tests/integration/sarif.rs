//! SARIF output validated against the official OASIS 2.1.0 schema (fetched from the
//! serde-sarif crate by scripts/fetch-sarif-schema.sh) with Python's `jsonschema`.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{Tree, repo};

/// Validates `doc` against the schema; `Err` holds the validator's complaints.
fn validate(doc: &serde_json::Value) -> Result<(), String> {
    let schema = repo().join(".cache/sarif-schema-2.1.0.json");
    assert!(schema.is_file(), "missing {}: run scripts/fetch-sarif-schema.sh (scripts/test does)", schema.display());
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        doc = json.load(sys.stdin)\n\
        errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]\n\
        print('\\n'.join(errors)); sys.exit(1 if errors else 0)\n";
    let mut child = Command::new("python3")
        .args(["-c", script, schema.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 with jsonschema (scripts/test installs it)");
    child.stdin.take().unwrap().write_all(doc.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if out.status.success() { Ok(()) } else { Err(text) }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let t = Tree::new();
    t.write("src/a b.py", "for i in range(len(xs)):\n    print(xs[i])  # lever-ignore: index-loop\n");
    t.write(
        "src/lib.rs",
        "fn f(v: &[u8]) {\n    let s = \"é😀\"; for i in 0..v.len() { println!(\"{}\", v[i]); }\n}\n",
    );
    let run = t.lever(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc = run.json();
    validate(&doc).unwrap_or_else(|e| panic!("SARIF does not validate:\n{e}"));

    let run0 = &doc["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let index_loop = rules.iter().find(|r| r["id"] == "index-loop").expect("rule descriptor");
    assert!(index_loop["helpUri"].as_str().unwrap().starts_with("https://"));
    assert!(index_loop["help"]["markdown"].as_str().unwrap().contains("## How to fix"));
    let results = run0["results"].as_array().unwrap();
    // The Python finding on line 1 and the unused suppression on line 2, then the Rust finding.
    let ids: Vec<&str> = results.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert_eq!(ids, ["index-loop", "unused-suppression", "index-loop"]);
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/a%20b.py");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // UTF-16 columns: `for` follows `    let s = "é😀"; `: 19 UTF-16 units (18 characters,
    // 22 bytes), so it starts at column 20.
    let region = &results[2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 20);
    let rule_index = results[2]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[rule_index]["id"], "index-loop");
    assert!(results[0]["partialFingerprints"]["leverFinding/v1"].is_string());
}

#[test]
fn the_schema_check_rejects_an_invalid_log() {
    let t = Tree::new();
    t.write("a.py", "for i in range(len(xs)):\n    print(xs[i])\n");
    let mut doc = t.lever(&["check", "--format", "sarif"]).json();
    doc["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(validate(&doc).is_err(), "a level of `fatal` must not validate");
}

#[test]
fn fingerprints_survive_unrelated_edits() {
    let t = Tree::new();
    let body = "for i in range(len(xs)):\n    print(xs[i])\n";
    t.write("a.py", body);
    let before = t.lever(&["check", "--format", "sarif"]).json();
    t.write("a.py", format!("import os\n\n\n{body}"));
    let after = t.lever(&["check", "--format", "sarif"]).json();
    let fp = |d: &serde_json::Value| d["runs"][0]["results"][0]["partialFingerprints"].clone();
    assert_eq!(fp(&before), fp(&after));
    let line = |d: &serde_json::Value| {
        d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"].clone()
    };
    assert_ne!(line(&before), line(&after));
}

#[test]
fn sarif_describes_the_rules_of_every_config() {
    // Review finding 13: a second path with its own pack.
    let t = Tree::new();
    t.write("one/a.py", "for i in range(len(xs)):\n    print(xs[i])\n");
    t.write("two/team/pack.toml", "name = \"team\"\nversion = \"1.0.0\"\n");
    t.write("two/team/rules/no-print/rule.toml", "severity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\n");
    t.write("two/team/rules/no-print/docs.md", "## What it flags\n## Why is this bad?\n## Example\n## How to fix\n");
    t.write("two/team/rules/no-print/python.scm", "((call function: (identifier) @_f) @match (#eq? @_f \"print\"))\n");
    t.write("two/lever.toml", "packs = [\"team\"]\n");
    t.write("two/b.py", "print(1)\n");
    let doc = t.lever(&["check", "one", "two", "--format", "sarif"]).json();
    validate(&doc).unwrap();
    let rules: Vec<&str> = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"no-print") && rules.contains(&"index-loop"), "{rules:?}");
    for r in doc["runs"][0]["results"].as_array().unwrap() {
        assert!(r["ruleIndex"].is_u64(), "{r}");
    }
}
