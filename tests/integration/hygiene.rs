//! Hygiene checked as tests: things a reviewer would otherwise have to remember.

use crate::util::repo;

/// Every Rust source file of the crates starts with a `//!` doc saying what it is for.
#[test]
fn every_module_has_a_doc_comment() {
    let mut missing = Vec::new();
    let mut stack: Vec<std::path::PathBuf> =
        ["core/src", "cli/src", "lsp/src", "bench/src", "tests/integration"].iter().map(|d| repo().join(d)).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if !text.trim_start().starts_with("//!") {
                    missing.push(path.strip_prefix(repo()).unwrap().display().to_string());
                }
            }
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "modules without a `//!` doc: {missing:?}");
}

/// The built-in pack's docs list every rule the README lists as available.
#[test]
fn readme_lists_the_builtin_rules() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let (pack, _) = lever_core::load::builtin_pack();
    for rule in pack.unwrap().rules {
        let row = format!("| `{}` |", rule.id);
        let line = readme.lines().find(|l| l.starts_with(&row));
        assert!(
            line.is_some_and(|l| l.ends_with("| available |") || (rule.preview && l.contains("| preview"))),
            "README rules table: {} is not listed as available",
            rule.id
        );
    }
}
