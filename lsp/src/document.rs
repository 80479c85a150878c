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
    /// The tree of `text`, or of the text before the last edits with those edits applied
    /// (`Tree::edit`), ready for an incremental reparse. `None` before the first parse.
    pub tree: Option<Tree>,
    /// Whether `tree` needs a reparse before it matches `text`.
    pub stale: bool,
    /// The last lint: its generation, the rule set it used, and its findings.
    pub lint: Option<(u64, Arc<RuleSet>, Arc<Vec<Finding>>)>,
    /// Raw findings kept in step with edits, so a re-lint covers only the edited items.
    pub incremental: Incremental,
}

impl Document {
    pub fn new(language: Option<Language>, version: i32, text: String) -> Document {
        Document {
            language,
            version,
            generation: next_generation(),
            lines: LineMap::new(&text),
            text,
            tree: None,
            stale: true,
            lint: None,
            incremental: Incremental::default(),
        }
    }

    /// Applies the client's changes in order. Incremental changes are mirrored on the tree
    /// with `Tree::edit`; a whole-text change drops the tree.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, enc: Encoding) {
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text;
                    self.tree = None;
                    self.incremental.reset();
                }
                Some(range) => {
                    let r = self.lines.byte_range(&self.text, range, enc);
                    let start_position = point(&self.text, r.start);
                    let old_end_position = point(&self.text, r.end);
                    self.text.replace_range(r.clone(), &change.text);
                    let new_end = r.start + change.text.len();
                    self.incremental.edit(r.start, r.end, new_end);
                    if let Some(tree) = &mut self.tree {
                        tree.edit(&InputEdit {
                            start_byte: r.start,
                            old_end_byte: r.end,
                            new_end_byte: new_end,
                            start_position,
                            old_end_position,
                            new_end_position: point(&self.text, new_end),
                        });
                    }
                }
            }
            self.lines = LineMap::new(&self.text);
        }
        self.stale = true;
        self.generation = next_generation();
    }
}
