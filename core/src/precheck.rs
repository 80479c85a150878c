//! Prechecks: tests of a pattern's match made before its query runs at a node.
//!
//! A capture reached from the pattern's root through fields alone, with no alternation or
//! quantifier on the way (`(class_definition name: (identifier) @name …)`), is the node at
//! that field path below whatever node the pattern starts at. Its text predicates
//! (`#match?`, `#eq?`, `#any-of?`, `#any-of-setting?`, their negations) and
//! `#named-children-above?` can then be tested on that node before the query cursor runs:
//! when one fails, the pattern cannot match there, and a query all of whose live patterns
//! fail is not run. Tree-sitter evaluates its own text predicates only after it has found a
//! whole match, which for a class is every method in it.
//!
//! Sound when the field holds one child at most (`multiple: false` in the grammar's
//! `node-types.json`): the node found is the only one the pattern could capture there. A
//! missing field, or a child of another kind than the pattern's, means no match, whatever
//! the test says.

use std::collections::HashSet;

use tree_sitter::{CaptureQuantifier, Node};

use crate::Language;
use crate::compile::{Predicate, after_group, capture_name, read_string, skip_trivia};

/// One test of a pattern's capture, on patterns that start at nodes of kind `root`.
pub struct Precheck {
    pub root: u16,
    /// Field ids from the start node down to the captured node.
    pub path: Vec<u16>,
    pub capture: u32,
    pub test: Test,
}

pub enum Test {
    /// `#match?` (`true`) or `#not-match?` (`false`).
    Regex(regex::Regex, bool),
    /// `#eq?`/`#any-of?` with strings (`true`), or their `not-` forms (`false`).
    OneOf(Vec<String>, bool),
    /// A local predicate of the pattern's own (index into its predicates).
    Predicate(usize),
}

impl Precheck {
    /// Whether the test passes at `node`, a node the pattern may start at. `predicates` are
    /// the pattern's.
    pub fn holds(&self, node: Node, text: &str, predicates: &[Predicate]) -> bool {
        if node.kind_id() != self.root {
            return true;
        }
        let mut at = node;
        for &field in &self.path {
            match at.child_by_field_id(field) {
                Some(child) => at = child,
                None => return false,
            }
        }
        let t = text.get(at.byte_range()).unwrap_or("");
        match &self.test {
            Test::Regex(re, want) => re.is_match(t) == *want,
            Test::OneOf(values, want) => values.iter().any(|v| v == t) == *want,
            Test::Predicate(i) => predicates
                .get(*i)
                .and_then(|p| crate::lint::local_holds(p, &[(self.capture, at)], text, (at, None)))
                .unwrap_or(true),
        }
    }
}

/// The fields that hold one child at most, as `(parent kind, field name)`.
pub fn single_fields(lang: Language) -> HashSet<(String, String)> {
    #[derive(serde::Deserialize)]
    struct NodeType {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        fields: std::collections::BTreeMap<String, Field>,
    }
    #[derive(serde::Deserialize)]
    struct Field {
        multiple: bool,
    }
    let types: Vec<NodeType> = serde_json::from_str(lang.node_types()).unwrap_or_default();
    types
        .into_iter()
        .flat_map(|t| {
            let kind = t.kind;
            t.fields.into_iter().filter(|(_, f)| !f.multiple).map(move |(name, _)| (kind.clone(), name))
        })
        .collect()
}

/// The prechecks of one pattern (its text from its opening parenthesis). `capture` gives a
/// capture's id when the pattern captures it exactly once; `predicates` are the pattern's.
pub fn prechecks(
    pattern: &str,
    lang: Language,
    single: &HashSet<(String, String)>,
    capture: impl Fn(&str) -> Option<(u32, CaptureQuantifier)>,
    predicates: &[Predicate],
) -> Vec<Precheck> {
    let grammar = lang.grammar();
    let Some(roots) = roots(pattern) else { return Vec::new() };
    // Per root kind, the captures at a field path; a kind that two alternatives start at is
    // left out (their tests would be alternatives, not all required).
    let mut kinds: Vec<&str> = roots.iter().map(|r| r.kind.as_str()).collect();
    kinds.sort_unstable();
    let mut placed: Vec<(u16, Vec<u16>, u32)> = Vec::new();
    for root in &roots {
        if kinds.iter().filter(|k| **k == root.kind).count() > 1 {
            continue;
        }
        let id = grammar.id_for_node_kind(&root.kind, true);
        if id == 0 {
            continue;
        }
        let mut found = Vec::new();
        paths(root, &mut Vec::new(), single, &mut found);
        for (path, name) in found {
            let Some((c, CaptureQuantifier::One)) = capture(&name) else { continue };
            let fields: Option<Vec<u16>> = path.iter().map(|f| grammar.field_id_for_name(f).map(u16::from)).collect();
            if let Some(fields) = fields {
                placed.push((id, fields, c));
            }
        }
    }
    let mut out = Vec::new();
    let tests = text_predicates(pattern);
    for (root, path, c) in placed {
        for (name, test) in &tests {
            if capture(name).map(|(id, _)| id) == Some(c) {
                let test = match test {
                    TextTest::Match(re, want) => match regex::Regex::new(re) {
                        Ok(re) => Test::Regex(re, *want),
                        Err(_) => continue,
                    },
                    TextTest::OneOf(values, want) => Test::OneOf(values.clone(), *want),
                };
                out.push(Precheck { root, path: path.clone(), capture: c, test });
            }
        }
        for (i, pred) in predicates.iter().enumerate() {
            let on = match pred {
                Predicate::AnyOfSetting { capture, .. }
                | Predicate::NamedChildrenAbove { capture, .. }
                | Predicate::PrecededBy { capture, .. } => *capture,
                _ => continue,
            };
            if on == c {
                out.push(Precheck { root, path: path.clone(), capture: c, test: Test::Predicate(i) });
            }
        }
    }
    out
}

/// A node of a pattern, as far as prechecks need it.
struct Item {
    /// The named kind of a node (`_` for a wildcard); empty for anything else.
    kind: String,
    field: Option<String>,
    captures: Vec<String>,
    /// An alternation, a quantifier, a string, an anchor: nothing below it is at a fixed place.
    fixed: bool,
    children: Vec<Item>,
}

impl Item {
    /// A string, an anchor, a wildcard or a negated field: nothing at a fixed place.
    fn other(field: Option<String>) -> Item {
        Item { kind: String::new(), field, captures: Vec::new(), fixed: false, children: Vec::new() }
    }
}

/// The root nodes of a pattern: its root node, or the nodes of a root alternation.
fn roots(pattern: &str) -> Option<Vec<Item>> {
    let (items, _) = items(skip_trivia(pattern), 0)?;
    let top = items.into_iter().next()?;
    // `((root …) @match (#pred …))`: a grouping around the root and its predicates.
    let root = if top.kind.is_empty() && top.fixed { top.children.into_iter().next()? } else { top };
    Some(if root.kind.is_empty() {
        root.children.into_iter().filter(|c| !c.kind.is_empty()).collect()
    } else {
        vec![root]
    })
}

/// The captures below `item` at a path of single fields: `(field names, capture name)`.
fn paths(
    item: &Item,
    path: &mut Vec<String>,
    single: &HashSet<(String, String)>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    for name in &item.captures {
        out.push((path.clone(), name.clone()));
    }
    if item.kind == "_" {
        return;
    }
    for child in &item.children {
        let Some(field) = &child.field else { continue };
        if !child.fixed || child.kind.is_empty() || !single.contains(&(item.kind.clone(), field.clone())) {
            continue;
        }
        path.push(field.clone());
        paths(child, path, single, out);
        path.pop();
    }
}

/// Parses the items of a query from `text` up to a closing bracket (or the end) at `depth`.
/// Returns the items and the text after them.
fn items(mut text: &str, depth: usize) -> Option<(Vec<Item>, &str)> {
    let mut out: Vec<Item> = Vec::new();
    let mut field: Option<String> = None;
    loop {
        text = skip_trivia(text);
        let Some(&c) = text.as_bytes().first() else { return (depth == 0).then_some((out, text)) };
        match c {
            b')' | b']' => return (depth > 0).then_some((out, text)),
            b'@' => {
                let name = capture_name(&text[1..]);
                if let Some(last) = out.last_mut() {
                    last.captures.push(name.to_string());
                }
                text = &text[1 + name.len()..];
            }
            b'?' | b'*' | b'+' => {
                if let Some(last) = out.last_mut() {
                    last.fixed = false;
                }
                text = &text[1..];
            }
            b'"' => {
                let (_, rest) = read_string(&text[1..])?;
                out.push(Item::other(field.take()));
                text = rest;
            }
            b'(' if text[1..].trim_start().starts_with('#') => {
                text = after_group(text)?;
            }
            b'(' | b'[' => {
                let inner = skip_trivia(&text[1..]);
                let named = c == b'(' && !inner.starts_with(['(', '[', '"', '.']);
                let (kind, inner) = if named {
                    let end = inner.find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).unwrap_or(inner.len());
                    (inner[..end].to_string(), &inner[end..])
                } else {
                    (String::new(), inner)
                };
                let (children, rest) = items(inner, depth + 1)?;
                // A grouping `( … )` is fixed as a whole; an alternation `[ … ]` is not.
                let fixed = c == b'(';
                out.push(Item { kind, field: field.take(), captures: Vec::new(), fixed, children });
                text = &rest[1..];
            }
            _ => {
                // A field name (`name:`), a negated field (`!name`), an anchor (`.`) or a
                // wildcard (`_`).
                let n = text[1..].find(|ch: char| !(ch.is_alphanumeric() || ch == '_')).map_or(text.len(), |n| n + 1);
                let word = &text[..n];
                let rest = &text[n..];
                if let Some(after) = rest.strip_prefix(':') {
                    field = Some(word.to_string());
                    text = after;
                } else {
                    out.push(Item::other(field.take()));
                    text = rest;
                }
            }
        }
    }
}

enum TextTest {
    Match(String, bool),
    OneOf(Vec<String>, bool),
}

/// The text predicates that tree-sitter evaluates (`#match?`, `#eq?`, `#any-of?` with strings,
/// and their `not-` forms), by capture name.
fn text_predicates(pattern: &str) -> Vec<(&str, TextTest)> {
    let mut out = Vec::new();
    for (op, name, mut values) in crate::compile::text_predicates(pattern) {
        let (base, want) = match op.strip_prefix("not-") {
            Some(base) => (base, false),
            None => (op, true),
        };
        match base {
            "match?" if values.len() == 1 => out.push((name, TextTest::Match(values.remove(0), want))),
            "eq?" if values.len() == 1 => out.push((name, TextTest::OneOf(values, want))),
            "any-of?" => out.push((name, TextTest::OneOf(values, want))),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(pattern: &str) -> Vec<(Vec<String>, String)> {
        let single = single_fields(Language::Python);
        let mut out = Vec::new();
        for root in roots(pattern).unwrap_or_default() {
            let mut found = Vec::new();
            paths(&root, &mut Vec::new(), &single, &mut found);
            out.extend(found.into_iter().map(|(p, c)| (p, format!("{}:{c}", root.kind))));
        }
        out
    }

    #[test]
    fn captures_at_field_paths() {
        let p = r#"((class_definition name: (identifier) @name body: (block (function_definition name: (identifier) @m))) @match
 (#not-match? @name "^Test"))"#;
        assert_eq!(
            placed(p),
            vec![
                (vec![], "class_definition:match".to_string()),
                (vec!["name".to_string()], "class_definition:name".to_string()),
            ]
        );
        // Alternations and quantifiers are not fixed places; each root alternative has its own
        // (a capture of the root alternation as a whole is not placed).
        let p = r#"([(function_definition name: (identifier) @name parameters: [(parameters) @p])
  (decorated_definition definition: (function_definition name: (identifier) @name)? )] @match)"#;
        assert_eq!(placed(p), vec![(vec!["name".to_string()], "function_definition:name".to_string())]);
        // Children without a field are not at a fixed place, nor are those of a field that
        // can hold several (`subscript`'s `subscript`).
        let p = r#"((class_definition superclasses: (argument_list (identifier) @base)) @c)"#;
        assert_eq!(placed(p), vec![(vec![], "class_definition:c".to_string())]);
        let p = r#"((subscript value: (identifier) @v subscript: (identifier) @i) @s)"#;
        assert_eq!(
            placed(p),
            vec![(vec![], "subscript:s".to_string()), (vec!["value".to_string()], "subscript:v".to_string())]
        );
    }

    #[test]
    fn text_predicates_by_capture() {
        let p = r#"((call) @c (#not-match? @c "x") (#eq? @c "a") (#any-of? @c "a" "b") (#eq? @c @d) ; (#match? @c "y")
)"#;
        let t = text_predicates(p);
        assert_eq!(t.len(), 3);
        assert!(matches!(&t[0], ("c", TextTest::Match(r, false)) if r == "x"));
        assert!(matches!(&t[2], ("c", TextTest::OneOf(v, true)) if v.len() == 2));
    }
}
