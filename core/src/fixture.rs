//! The rule-fixture harness: fixture files carry their expectations in comments, and
//! `lever test` and the test suite check them the same way.
//!
//! In a fixture, a comment `expect: <rule>[, <rule>]` says that each named rule reports a
//! finding starting on that line (trailing comment) or on the next line (comment alone on
//! its line). Every finding must be expected and every expectation met, so a fixture with
//! no `expect:` comment asserts that the rule stays silent. When `<fixture>.fixed` exists,
//! applying every fix to the fixture must produce exactly that text.

use crate::finding::{Edit, Fix};
use crate::language::Language;
use crate::lint::Linter;
use crate::pack::{PackFiles, Rule};
use crate::rules::RuleSet;
use crate::suppress;

/// The marker of an expectation comment.
pub const EXPECT: &str = "expect:";

/// The result of checking one fixture file.
#[derive(Debug, Default)]
pub struct FixtureResult {
    /// The fixture as named in messages.
    pub file: String,
    /// The number of expectations the file declares.
    pub expected: usize,
    /// Problems, each `line: message` (1-based lines); empty when the fixture passes.
    pub failures: Vec<String>,
}

impl FixtureResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Checks every fixture of every rule in `files` against `rules` (which must hold the
/// pack's rules). Each fixture runs with only its own rule enabled.
pub fn check_pack(files: &PackFiles, pack_rules: &[Rule], rules: &RuleSet) -> Vec<FixtureResult> {
    let mut linter = Linter::new();
    let mut results = Vec::new();
    for rule in pack_rules {
        let only = rules.filtered(|id| id == rule.id);
        for rel in &rule.fixtures {
            let Some(lang) = Language::from_path(std::path::Path::new(rel)) else {
                continue;
            };
            let file = files.display(rel);
            let Some(text) = files.files.get(rel).and_then(|b| std::str::from_utf8(b).ok()) else {
                results.push(FixtureResult { file, failures: vec!["0: not valid UTF-8".into()], ..Default::default() });
                continue;
            };
            let fixed = files.files.get(&format!("{rel}.fixed")).map(|b| String::from_utf8_lossy(b).into_owned());
            let mut result = check_fixture(&mut linter, &only, lang, text, fixed.as_deref());
            result.file = file;
            results.push(result);
        }
    }
    results
}

/// Checks one fixture text.
pub fn check_fixture(
    linter: &mut Linter,
    rules: &RuleSet,
    lang: Language,
    text: &str,
    fixed: Option<&str>,
) -> FixtureResult {
    let mut result = FixtureResult::default();
    let Some(tree) = linter.parse(lang, text, None, std::time::Duration::from_millis(rules.timeout_ms)) else {
        result.failures.push("0: parse timed out".into());
        return result;
    };
    let mut expected: Vec<(u32, String, bool)> = Vec::new();
    for (comment, _, rest) in suppress::comments_with(lang, text, tree.root_node(), EXPECT) {
        let line = suppress::target_line(text, &comment);
        for id in rest.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            expected.push((line, id.split_whitespace().next().unwrap_or(id).to_string(), false));
        }
    }
    result.expected = expected.len();
    let outcome = linter.lint_tree(rules, lang, text, &tree);
    if let Some(skipped) = &outcome.skipped {
        result.failures.push(format!("0: {skipped}"));
    }
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() as u32;
    for f in &outcome.findings {
        let line = line_of(f.range.start);
        match expected.iter_mut().find(|(l, id, seen)| *l == line && *id == f.rule && !*seen) {
            Some(e) => e.2 = true,
            None => result.failures.push(format!("{}: unexpected {}: {}", line + 1, f.rule, f.message)),
        }
    }
    for (line, id, seen) in &expected {
        if !seen {
            result.failures.push(format!("{}: expected {id}, found none", line + 1));
        }
    }
    if let Some(fixed) = fixed {
        let (got, _) = apply_fixes(text, outcome.findings.iter().filter_map(|f| f.fix.as_ref()));
        if got != fixed {
            result.failures.push(format!("0: applying the fixes gave a different text than the .fixed file:\n{got}"));
        }
    }
    result.failures.sort_by_key(|f| f.split(':').next().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0));
    result
}

/// The fixes that can be applied together in one pass, in order. A fix is left out when its
/// span (first edit to last) overlaps a fix already taken, so nested rewrites wait for the
/// next pass on the re-linted result; a fix with an edit outside the text, inside a
/// character or out of order is left out too.
pub fn select_fixes<'f>(text: &str, fixes: impl Iterator<Item = &'f Fix>) -> Vec<&'f Fix> {
    let valid = |e: &Edit| {
        e.range.start <= e.range.end
            && e.range.end <= text.len()
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end)
    };
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    let mut taken = Vec::new();
    for fix in fixes {
        let (Some(first), Some(last)) = (fix.edits.first(), fix.edits.last()) else { continue };
        let span = first.range.start..last.range.end.max(first.range.start);
        let conflicts = spans.iter().any(|t| span.start <= t.end && t.start <= span.end);
        let ordered = fix.edits.windows(2).all(|w| w[0].range.end <= w[1].range.start);
        if conflicts || !ordered || !fix.edits.iter().all(valid) {
            continue;
        }
        spans.push(span);
        taken.push(fix);
    }
    taken
}

/// Applies `fixes` to `text` in one pass (see [`select_fixes`]) and returns the new text and
/// how many fixes it applied.
pub fn apply_fixes<'f>(text: &str, fixes: impl Iterator<Item = &'f Fix>) -> (String, usize) {
    let chosen = select_fixes(text, fixes);
    let mut edits: Vec<&Edit> = chosen.iter().flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in &edits {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.text);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    (out, chosen.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Applicability;

    fn fix(edits: &[(std::ops::Range<usize>, &str)]) -> Fix {
        Fix {
            title: String::new(),
            applicability: Applicability::Safe,
            edits: edits.iter().map(|(r, t)| Edit { range: r.clone(), text: t.to_string() }).collect(),
        }
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn conflicting_empty_reversed_and_out_of_range_edits_are_skipped() {
        let text = "f(1)";
        // An empty edit at the start of another fix's edit (review finding 1) must not panic.
        let fixes = [fix(&[(1..4, "[1]")]), fix(&[(1..1, "x")]), fix(&[(3..1, "y")]), fix(&[(2..99, "z")])];
        assert_eq!(apply_fixes(text, fixes.iter()), ("f[1]".to_string(), 1));
        // Non-overlapping fixes both apply; a fix whose span encloses another waits.
        let fixes = [fix(&[(0..1, "g")]), fix(&[(2..3, "2")])];
        assert_eq!(apply_fixes(text, fixes.iter()), ("g(2)".to_string(), 2));
        let fixes = [fix(&[(0..1, "g"), (3..4, "]")]), fix(&[(2..3, "2")])];
        assert_eq!(apply_fixes(text, fixes.iter()), ("g(1]".to_string(), 1));
        // A multi-byte character is never split.
        assert_eq!(apply_fixes("é", [fix(&[(1..2, "e")])].iter()), ("é".to_string(), 0));
    }
}
