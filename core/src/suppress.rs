//! Suppression comments.
//!
//! - `lever-ignore: <rule>[, <rule>] -- <reason>` trailing on a line suppresses findings that
//!   start on that line; alone on its line, it suppresses findings that start on the next line.
//! - `lever-ignore-file: <rule>[, <rule>] -- <reason>` in a comment before the first code of
//!   the file suppresses those rules in the whole file.
//!
//! Directives count only inside comment nodes, never in strings. A directive (or one of its
//! rule ids) that suppresses nothing is reported as an `unused-suppression` finding.

use std::ops::Range;

use tree_sitter::Node;

use crate::finding::Finding;
use crate::language::Language;
use crate::rules::RuleSet;

/// The id of the finding for a suppression that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// Docs of the `unused-suppression` rule, which the engine itself implements.
pub const UNUSED_SUPPRESSION_DOCS: &str = include_str!("unused_suppression.md");

const LINE: &str = "lever-ignore:";
const FILE: &str = "lever-ignore-file:";

/// Whether the text contains anything that looks like a directive (a cheap pre-check).
pub fn mentions_directive(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"lever-ignore").is_some()
}

/// A directive found in a comment.
#[derive(Clone, Debug)]
pub struct Directive {
    pub file_level: bool,
    /// The whole comment's byte range.
    pub comment: Range<usize>,
    /// 0-based line whose findings it suppresses (unused for file-level directives).
    pub line: u32,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// A file-level directive after the first code: it applies to nothing.
    pub misplaced: bool,
}

/// Finds comments that contain `marker` and returns, for each, the comment's range (in JSX,
/// with its braces), the marker's offset, and the text after the marker up to the end of the
/// comment's first line.
pub fn comments_with<'t>(
    lang: Language,
    text: &'t str,
    root: Node,
    marker: &str,
) -> Vec<(Range<usize>, usize, &'t str)> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), marker.as_bytes()) {
        let Some(mut node) = root.descendant_for_byte_range(at, at + marker.len()) else {
            continue;
        };
        // Doc comments have child nodes; climb to the comment itself.
        let mut depth = 0;
        while !lang.comment_kinds().contains(&node.kind()) && depth < 3 {
            match node.parent() {
                Some(p) => node = p,
                None => break,
            }
            depth += 1;
        }
        if !lang.comment_kinds().contains(&node.kind()) {
            continue;
        }
        // In JSX a comment sits in braces, `{/* … */}`: the braces place it on its line.
        let placed = match node.parent() {
            Some(p) if p.kind() == "jsx_expression" && p.named_child_count() == 1 => p.byte_range(),
            _ => node.byte_range(),
        };
        let rest = text.get(at + marker.len()..node.end_byte()).unwrap_or("");
        let rest = rest.lines().next().unwrap_or("");
        let rest = rest.split("*/").next().unwrap_or("");
        out.push((placed, at, rest));
    }
    out
}

/// The 0-based line a comment-directive applies to: its own line when code shares the line
/// (before it, or after a block comment), otherwise the line after the comment.
pub fn target_line(text: &str, comment: &Range<usize>) -> u32 {
    let line_start = text[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[comment.end..].find('\n').map_or(text.len(), |i| comment.end + i);
    let start_line = text[..comment.start].matches('\n').count() as u32;
    let end_line = text[..comment.end].matches('\n').count() as u32;
    if !text[line_start..comment.start].trim().is_empty() {
        start_line
    } else if !text[comment.end..line_end].trim().is_empty() {
        end_line
    } else {
        end_line + 1
    }
}

/// Parses every directive of a file.
pub fn directives(lang: Language, text: &str, root: Node) -> Vec<Directive> {
    let first_code = {
        let mut c = root.walk();
        root.named_children(&mut c).find(|n| !lang.is_preamble(*n)).map_or(usize::MAX, |n| n.start_byte())
    };
    let mut out = Vec::new();
    for (comment, _, rest) in comments_with(lang, text, root, "lever-ignore") {
        let (file_level, body) = if let Some(b) = rest.strip_prefix("-file:") {
            (true, b)
        } else if let Some(b) = rest.strip_prefix(':') {
            (false, b)
        } else {
            continue;
        };
        let (ids, reason) = match body.split_once("--") {
            Some((ids, reason)) => (ids, Some(reason.trim().to_string()).filter(|r| !r.is_empty())),
            None => (body, None),
        };
        let mut rules: Vec<String> = Vec::new();
        for id in ids.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if !rules.iter().any(|r| r == id) {
                rules.push(id.to_string());
            }
        }
        out.push(Directive {
            file_level,
            line: target_line(text, &comment),
            misplaced: file_level && comment.start > first_code,
            comment,
            rules,
            reason,
        });
    }
    out
}

/// Removes suppressed findings and adds one for each suppression that suppressed nothing.
pub fn apply(rules: &RuleSet, lang: Language, text: &str, root: Node, findings: &mut Vec<Finding>) {
    if !mentions_directive(text) {
        return;
    }
    let dirs = directives(lang, text, root);
    if dirs.is_empty() {
        return;
    }
    // used[d][r]: directive d's r-th rule id suppressed something.
    let mut used: Vec<Vec<bool>> = dirs.iter().map(|d| vec![false; d.rules.len()]).collect();
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() as u32;
    findings.retain(|f| {
        let line = line_of(f.range.start);
        let mut keep = true;
        for (d, dir) in dirs.iter().enumerate() {
            if dir.misplaced || !(dir.file_level || dir.line == line) {
                continue;
            }
            if let Some(r) = dir.rules.iter().position(|r| *r == f.rule) {
                used[d][r] = true;
                keep = false;
            }
        }
        keep
    });
    let Some(severity) = rules.unused_suppression_severity() else {
        return;
    };
    for (d, dir) in dirs.iter().enumerate() {
        for (r, rule) in dir.rules.iter().enumerate() {
            if used[d][r] || rules.is_disabled(rule) {
                continue;
            }
            let kind = if dir.file_level { FILE } else { LINE };
            let message = if dir.misplaced {
                format!("`{kind} {rule}` comes after code, so it suppresses nothing: move it to the top of the file")
            } else if rules.find(rule).is_none() {
                format!("`{kind} {rule}` names an unknown rule")
            } else if !rules.compiled(lang).rules.iter().any(|&i| rules.active()[i].rule.id == *rule) {
                format!("`{kind} {rule}` suppresses nothing: the rule does not check {lang}")
            } else {
                format!("`{kind} {rule}` suppresses nothing: remove it")
            };
            findings.push(Finding {
                rule: UNUSED_SUPPRESSION.to_string(),
                severity,
                range: dir.comment.clone(),
                message,
                fix: None,
                related: Vec::new(),
                subject: Some(rule.clone()),
            });
        }
    }
}
