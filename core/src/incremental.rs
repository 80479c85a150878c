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

/// A file's raw findings, kept in step with edits.
#[derive(Default)]
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
