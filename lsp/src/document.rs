//! Open documents: text, syntax tree and the last lint, kept in step with the editor's edits.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use lever_core::incremental::Incremental;
use lever_core::text::point;
use lever_core::{Finding, Language, RuleSet};
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;
use tree_sitter::{InputEdit, Tree};

use crate::position::{Encoding, LineMap};

/// Generations are unique across documents, so that a lint started before a close cannot
/// be taken for one of the document reopened under the same URI.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// A fresh generation number.
pub fn next_generation() -> u64 {
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// A lint's result: its generation, the rule set it used, and its findings.
pub type Lint = (u64, Arc<RuleSet>, Arc<Vec<Finding>>);

/// A change to a document, kept until a lint that started before it is settled.
pub enum Change {
    Edit(InputEdit),
    /// The whole text was replaced: no old tree, no incremental state.
    Replace,
    /// The rules changed: the incremental state is void, the tree is not.
    Reset,
}

/// One open document.
pub struct Document {
    pub language: Option<Language>,
    /// The client's version of the text.
    pub version: i32,
    /// Bumped on every change and every configuration reload; a lint computed for an older
    /// generation is dropped.
    pub generation: u64,
    pub text: String,
    pub lines: LineMap,
    /// The tree of the text of generation `base`, with the later edits applied
    /// (`Tree::edit`), ready for an incremental reparse. `None` before the first parse.
    pub tree: Option<Tree>,
    /// Whether `tree` needs a reparse before it matches `text`.
    pub stale: bool,
    /// The generation that `tree` and `incremental` were last brought up to by a lint.
    pub base: u64,
    /// The changes after `base`, each with the generation it made. A lint that started
    /// before them replays them on its tree and state (see [`Document::settle`]).
    pub changes: Vec<(u64, Change)>,
    /// The last settled lint.
    pub lint: Option<Lint>,
    /// Findings shown before the settled lint (see `Incremental::preview`).
    pub preview: Option<Lint>,
    /// Raw findings kept in step with edits, so a re-lint covers only the edited items.
    pub incremental: Incremental,
}

impl Document {
    pub fn new(language: Option<Language>, version: i32, text: String) -> Document {
        let generation = next_generation();
        Document {
            language,
            version,
            generation,
            lines: LineMap::new(&text),
            text,
            tree: None,
            stale: true,
            // Every lint of a document closed before this one was opened under the same URI
            // has an older generation: `settle` refuses its tree and state.
            base: generation - 1,
            changes: Vec::new(),
            lint: None,
            preview: None,
            incremental: Incremental::default(),
        }
    }

    /// The findings to show for the current generation: settled, else previewed.
    pub fn current(&self) -> Option<&Lint> {
        [&self.lint, &self.preview].into_iter().flatten().find(|l| l.0 == self.generation)
    }

    /// Applies the client's changes in order. Incremental changes are mirrored on the tree
    /// with `Tree::edit`; a whole-text change drops the tree.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
        let generation = next_generation();
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text;
                    self.tree = None;
                    self.incremental.reset();
                    self.changes.push((generation, Change::Replace));
                }
                Some(range) => {
                    let r = self.lines.byte_range(&self.text, range, enc);
                    let start_position = point(&self.text, r.start);
                    let old_end_position = point(&self.text, r.end);
                    self.text.replace_range(r.clone(), &change.text);
                    let new_end = r.start + change.text.len();
                    self.incremental.edit(r.start, r.end, new_end);
                    let edit = InputEdit {
                        start_byte: r.start,
                        old_end_byte: r.end,
                        new_end_byte: new_end,
                        start_position,
                        old_end_position,
                        new_end_position: point(&self.text, new_end),
                    };
                    if let Some(tree) = &mut self.tree {
                        tree.edit(&edit);
                    }
                    self.changes.push((generation, Change::Edit(edit)));
                }
            }
            self.lines = LineMap::new(&self.text);
        }
        self.stale = true;
        self.generation = generation;
    }

    /// A new rule set: the raw findings kept so far are void.
    pub fn reset(&mut self) {
        self.generation = next_generation();
        self.incremental.reset();
        self.changes.push((self.generation, Change::Reset));
    }

    /// Takes the tree and incremental state that a lint of `generation` produced, with the
    /// changes made since replayed on them, unless a later lint's are already in. `parsed`:
    /// whether `tree` is of that generation's text (or still needs a reparse).
    pub fn settle(&mut self, generation: u64, tree: Option<Tree>, parsed: bool, state: Incremental) {
        if generation <= self.base {
            return;
        }
        let (mut tree, mut state, mut stale) = (tree, state, !parsed);
        for (_, change) in self.changes.iter().filter(|(g, _)| *g > generation) {
            match change {
                Change::Edit(e) => {
                    if let Some(t) = &mut tree {
                        t.edit(e);
                    }
                    state.edit(e.start_byte, e.old_end_byte, e.new_end_byte);
                    stale = true;
                }
                Change::Replace => {
                    tree = None;
                    state.reset();
                    stale = true;
                }
                Change::Reset => state.reset(),
            }
        }
        self.changes.retain(|(g, _)| *g > generation);
        self.base = generation;
        self.tree = tree;
        self.stale = stale || self.tree.is_none();
        self.incremental = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lint that finishes after its document was closed and the URI reopened must not hand
    /// its tree (of the old text) to the new document.
    #[test]
    fn a_lint_of_a_closed_document_does_not_settle_the_reopened_one() {
        let old = Document::new(Some(Language::Rust), 1, "fn f() {}\n".into());
        let reopened = &mut Document::new(Some(Language::Rust), 1, "fn main() {}\n".into());
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Language::Rust.grammar()).unwrap();
        let old_tree = parser.parse(&old.text, None);
        reopened.settle(old.generation, old_tree.clone(), true, Incremental::default());
        assert!(reopened.tree.is_none() && reopened.stale, "the old lint's tree was taken");
        reopened.settle(reopened.generation, old_tree, true, Incremental::default());
        assert!(reopened.tree.is_some() && !reopened.stale, "its own lint's tree is taken");
    }
}
