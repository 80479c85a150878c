//! Re-linting after an edit without re-linting the whole file.
//!
//! [`Incremental`] keeps a file's raw findings (before suppressions) and follows the edits:
//! findings after an edit shift, findings that an edit touches are dropped, and the edited
//! region is remembered. A re-lint then runs the report patterns only over the top-level
//! items that contain an edit, merges, and applies suppressions to the whole file, which is
//! cheap. The fixture-style differential test in `tests/integration/lsp.rs` checks that the
//! result equals a fresh lint.
//!
//! The region re-linted is the outermost node around the edit whose kind a report pattern
//! can start at or a fix's `unique-in` names: no finding can depend on the edited text from
//! outside it. This holds while all of the language's report patterns dispatch by node kind
//! and no fix looks at the whole file; otherwise [`Incremental::relint`] lints everything.

use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::compile::RelintContext;
use crate::finding::Finding;
use crate::language::Language;
use crate::lint::{FileResult, Linter, finish};
use crate::rules::RuleSet;
use crate::text::point;

/// A file's raw findings, kept in step with edits.
#[derive(Clone, Default)]
pub struct Incremental {
    /// `None` until the first full lint, and after anything that invalidates it.
    raw: Option<Vec<Finding>>,
    /// The edited region, in current coordinates.
    dirty: Option<Range<usize>>,
}

impl Incremental {
    /// Forgets everything: the next re-lint covers the whole file.
    pub fn reset(&mut self) {
        *self = Incremental::default();
    }

    /// Records that `start..old_end` was replaced by text ending at `new_end`.
    pub fn edit(&mut self, start: usize, old_end: usize, new_end: usize) {
        let delta = new_end as isize - old_end as isize;
        let moved = |x: usize| (x as isize + delta).max(0) as usize;
        // Where dropped findings were, in current coordinates: their nodes must be re-linted
        // even when the region around the edit alone would not reach them.
        let mut dropped = start..new_end;
        if let Some(raw) = &mut self.raw {
            raw.retain_mut(|f| {
                let (lo, hi) = envelope(f);
                if hi < start {
                    true
                } else if lo > old_end {
                    f.range = moved(f.range.start)..moved(f.range.end);
                    for e in f.fix.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
                        e.range = moved(e.range.start)..moved(e.range.end);
                    }
                    for r in &mut f.related {
                        r.range = moved(r.range.start)..moved(r.range.end);
                    }
                    true
                } else {
                    let hi = if hi > old_end { moved(hi) } else { hi.min(new_end.max(start)) };
                    dropped = dropped.start.min(lo)..dropped.end.max(hi);
                    false
                }
            });
        }
        let (start, new_end) = (dropped.start, dropped.end);
        self.dirty = Some(match self.dirty.take() {
            None => start..new_end,
            Some(d) => {
                // Bring the old region to current coordinates, then join.
                let d =
                    if d.start > old_end { moved(d.start)..moved(d.end) } else { d.start..moved(d.end.max(old_end)) };
                d.start.min(start)..d.end.max(new_end)
            }
        });
    }

    /// Records a region whose syntax changed without being edited (from
    /// `Tree::changed_ranges` after a reparse: an unclosed bracket can restructure code far
    /// from the edit). Findings there are dropped and the region is re-linted.
    pub fn touch(&mut self, range: Range<usize>) {
        let mut range = range;
        if let Some(raw) = &mut self.raw {
            raw.retain(|f| {
                let (lo, hi) = envelope(f);
                let keep = hi < range.start || lo > range.end;
                if !keep {
                    range = range.start.min(lo)..range.end.max(hi);
                }
                keep
            });
        }
        self.dirty = Some(match self.dirty.take() {
            None => range,
            Some(d) => d.start.min(range.start)..d.end.max(range.end),
        });
    }

    /// The file's findings for `tree` (the current text, parsed), re-linting only what the
    /// edits touched when that is sound.
    pub fn relint(
        &mut self,
        linter: &mut Linter,
        rules: &RuleSet,
        lang: Language,
        text: &str,
        tree: &Tree,
    ) -> FileResult {
        let compiled = rules.compiled(lang);
        let scoped = compiled.relint_context.as_ref();
        let region = match (scoped, &self.raw, &self.dirty) {
            (Some(context), Some(_), Some(d)) => Some(region_around(tree, d.clone(), context)),
            (Some(_), Some(_), None) => Some(0..0),
            _ => None,
        };
        let mut result = linter.raw_findings(rules, lang, text, tree, region.clone());
        if result.skipped.is_some() {
            self.reset();
        } else {
            let mut raw = match (region, self.raw.take()) {
                (Some(region), Some(mut old)) => {
                    old.retain(|f| {
                        let (lo, hi) = envelope(f);
                        hi < region.start || lo >= region.end || region.is_empty()
                    });
                    old.append(&mut result.findings);
                    old
                }
                _ => std::mem::take(&mut result.findings),
            };
            raw.sort_by(|a, b| (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule)));
            result.findings = raw.clone();
            self.raw = Some(raw);
            self.dirty = None;
        }
        finish(rules, lang, text, tree, &mut result.findings);
        result
    }
}

/// The largest item [`Incremental::preview`] parses on its own; beyond it, the incremental
/// reparse of the whole file is cheaper.
const PREVIEW_MAX_ITEM: usize = 64 * 1024;

impl Incremental {
    /// The findings for the current text before the file is reparsed, or `None` when they
    /// cannot be had that way. `edited` is the tree of the text before the edits, with the
    /// edits applied (`Tree::edit`).
    ///
    /// Tree-sitter's incremental reparse still visits the whole file, and on some files
    /// (deep generic TypeScript, long Python classes) it takes several milliseconds. The
    /// re-lint needs only the region around the edits, so this parses just the statement
    /// or item holding that region, with its enclosing headers but without its siblings
    /// (`Parser::set_included_ranges`; offsets stay those of the whole text), lints the
    /// region on that tree and merges the result with the findings elsewhere.
    ///
    /// It declines when a rule's predicates look outside the region (`#has-before?` and
    /// `#has?` scopes), when the file has suppression comments, when the fragment does not
    /// parse to the same kind of node over the same bytes (with no new syntax errors), and
    /// when the item is large.
    ///
    /// The caller still reparses the file and calls [`Incremental::relint`], whose result
    /// is the reference. In a file without syntax errors a preview equals it (the
    /// differential test `tests/integration/preview.rs` checks this). In a file with
    /// errors, error recovery can restructure code far from the edit, which a preview
    /// cannot see: there the settled result may differ and replaces it. This does not
    /// change `self`.
    pub fn preview(
        &self,
        linter: &mut Linter,
        rules: &RuleSet,
        lang: Language,
        text: &str,
        edited: &Tree,
    ) -> Option<Vec<Finding>> {
        let context = rules.compiled(lang).relint_context.as_ref()?;
        let (raw, dirty) = (self.raw.as_ref()?, self.dirty.clone()?);
        if dirty.end > text.len() {
            return None;
        }
        // Suppressions are applied over the whole file, from its comments: an edit can open
        // or close a comment far from a directive.
        if context.scopes.contains(&true) || crate::suppress::mentions_directive(text) {
            return None;
        }
        let region = region_around(edited, dirty.clone(), context);
        let (item, ranges) = fragment(lang, text, edited, &region, &dirty)?;
        let budget = std::time::Duration::from_millis(rules.timeout_ms);
        let tree = linter.parse_ranges(lang, text, None, &ranges, budget)?;
        // The fragment must read as the same kind of node over the same bytes, with syntax
        // errors only where there were some before the edit: in a file without errors, the
        // node must parse cleanly. (Code the pinned grammar cannot parse, such as
        // TypeScript overloads in a type literal without separators, stays an error.)
        let (kind, span, had_errors) = item;
        let root = tree.root_node();
        let mut node = root.descendant_for_byte_range(span.start, span.end)?;
        while node.kind_id() != kind || node.byte_range() != span {
            node = node.parent()?;
        }
        if (node.has_error() && !had_errors.0) || (root.has_error() && !had_errors.1) {
            return None;
        }
        let result = linter.raw_findings(rules, lang, text, &tree, Some(region.clone()));
        if result.skipped.is_some() {
            return None;
        }
        let mut findings: Vec<Finding> = raw
            .iter()
            .filter(|f| {
                let (lo, hi) = envelope(f);
                hi < region.start || lo >= region.end || region.is_empty()
            })
            .cloned()
            .chain(result.findings)
            .collect();
        findings.sort_by(|a, b| (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule)));
        // No directives: this only sorts.
        finish(rules, lang, text, edited, &mut findings);
        Some(findings)
    }
}

/// What [`Incremental::preview`] parses: the smallest node around `region` that is an item
/// of the file or of a statement list and holds the edits; and the ranges to parse, which
/// are its top-level item without the siblings in the statement lists on the way down.
/// Returns the node's kind id and byte range, whether the node and its top-level item had
/// syntax errors before the edit, and the ranges.
#[allow(clippy::type_complexity)]
fn fragment(
    lang: Language,
    text: &str,
    edited: &Tree,
    region: &Range<usize>,
    dirty: &Range<usize>,
) -> Option<((u16, Range<usize>, (bool, bool)), Vec<tree_sitter::Range>)> {
    let lists = lang.statement_lists();
    // `Tree::edit` does not grow a node by text inserted at its very end, nor at its very
    // start (the node moves right): such a node ends, in the new text, where the edit ends.
    let end_of = |n: Node| if n.end_byte() == dirty.start { dirty.end } else { n.end_byte() };
    let path = path_to(edited, region.clone(), end_of);
    // The innermost child of a statement list (or of the root) around the edits.
    let at = (1..path.len()).rev().find(|&i| {
        let (node, parent) = (path[i], path[i - 1]);
        let (start, end) = (node.start_byte(), end_of(node));
        (i == 1 || lists.contains(&parent.kind())) && start < dirty.start && dirty.end <= end && start <= region.start
    })?;
    let node = path[at];
    let item = node.start_byte()..end_of(node);
    let top = path[1];
    let top_end = end_of(top);
    if item.len() > PREVIEW_MAX_ITEM || top_end - top.start_byte() > 4 * PREVIEW_MAX_ITEM {
        return None;
    }
    // The siblings to leave out: those in the statement lists on the way down.
    let mut holes: Vec<Node> = Vec::new();
    for i in 2..=at {
        if lists.contains(&path[i - 1].kind()) {
            let mut cursor = path[i - 1].walk();
            holes.extend(path[i - 1].named_children(&mut cursor).filter(|c| c.id() != path[i].id()));
        }
    }
    holes.sort_by_key(|h| h.start_byte());
    let mut ranges = Vec::new();
    let (mut at, mut at_point) = (top.start_byte(), top.start_position());
    for hole in &holes {
        if hole.start_byte() > at {
            ranges.push(tree_sitter::Range {
                start_byte: at,
                end_byte: hole.start_byte(),
                start_point: at_point,
                end_point: hole.start_position(),
            });
        }
        (at, at_point) = (hole.end_byte(), hole.end_position());
    }
    if top_end > at {
        let end_point = if top_end == top.end_byte() { top.end_position() } else { point(text, top_end) };
        ranges.push(tree_sitter::Range { start_byte: at, end_byte: top_end, start_point: at_point, end_point });
    }
    Some(((node.kind_id(), item, (node.has_error(), top.has_error())), ranges))
}

/// The nodes from the root down to the smallest one around `range`, where `end_of` gives
/// a node's end. A cursor finds them in one descent: `Node::parent` would start from the
/// root again at every step.
fn path_to(tree: &Tree, range: Range<usize>, end_of: impl Fn(Node) -> usize) -> Vec<Node<'_>> {
    let mut path = vec![tree.root_node()];
    let mut cursor = tree.walk();
    // The first child ending after `range.start - 1` may end exactly at it (text inserted
    // at its end); the next one may be the one around `range`.
    while cursor.goto_first_child_for_byte(range.start.saturating_sub(1)).is_some() {
        let around = |n: Node| n.start_byte() <= range.start && range.end <= end_of(n);
        let found = around(cursor.node()) || (cursor.goto_next_sibling() && around(cursor.node()));
        if !found {
            break;
        }
        path.push(cursor.node());
    }
    path
}

/// The byte span a finding depends on: its range, its fix's edits and related locations.
fn envelope(f: &Finding) -> (usize, usize) {
    let ranges = std::iter::once(&f.range)
        .chain(f.fix.iter().flat_map(|fix| fix.edits.iter().map(|e| &e.range)))
        .chain(f.related.iter().map(|r| &r.range));
    ranges.fold((usize::MAX, 0), |(lo, hi), r| (lo.min(r.start), hi.max(r.end)))
}

/// The region to re-lint around `dirty`: the outermost enclosing node of a context kind
/// (no match can then contain the region without being re-linted), or, when `dirty` spans
/// several top-level items, those items.
fn region_around(tree: &Tree, dirty: Range<usize>, context: &RelintContext) -> Range<usize> {
    let root = tree.root_node();
    let whole = root.start_byte().min(dirty.start)..root.end_byte().max(dirty.end);
    let in_scope_kind = |n: Node| context.scopes.get(n.kind_id() as usize) == Some(&true);
    let has_scopes = context.scopes.contains(&true);
    let Some(node) = root.descendant_for_byte_range(dirty.start, dirty.end).filter(|n| n.id() != root.id()) else {
        return if has_scopes { whole } else { items_around(tree, dirty) };
    };
    let mut region = node;
    let mut n = node;
    let mut scoped = in_scope_kind(node);
    while let Some(p) = n.parent() {
        if context.kinds.get(p.kind_id() as usize) == Some(&true) {
            region = p;
        }
        scoped |= in_scope_kind(p);
        n = p;
    }
    if has_scopes && !scoped {
        // `#has-before?` outside its scope kinds looks at the whole file.
        return whole;
    }
    region.start_byte().min(dirty.start)..region.end_byte().max(dirty.end)
}

/// The span of the top-level items that intersect `dirty` (or `dirty` itself between them).
fn items_around(tree: &Tree, dirty: Range<usize>) -> Range<usize> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let (mut lo, mut hi) = (dirty.start, dirty.end);
    for child in root.children(&mut cursor) {
        if child.start_byte() <= dirty.end && dirty.start <= child.end_byte() {
            lo = lo.min(child.start_byte());
            hi = hi.max(child.end_byte());
        }
    }
    lo..hi
}
