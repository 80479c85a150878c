//! The languages Lever lints, detected by file extension.
//!
//! Each variant owns one tree-sitter grammar. TypeScript and TSX are separate grammars
//! (a query compiled for one does not run on the other), and so are JavaScript and TypeScript.

use std::fmt;
use std::path::Path;

/// A language Lever can parse. The discriminant indexes per-language tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Rust,
    Python,
    TypeScript,
    Tsx,
    JavaScript,
}

impl Language {
    /// The number of languages, for per-language tables.
    pub const COUNT: usize = Language::ALL.len();

    pub const ALL: [Language; 5] =
        [Language::Rust, Language::Python, Language::TypeScript, Language::Tsx, Language::JavaScript];

    /// The language of a file, from its extension. `None` for files Lever does not lint.
    pub fn from_path(path: &Path) -> Option<Language> {
        Language::from_extension(path.extension()?.to_str()?)
    }

    pub fn from_extension(ext: &str) -> Option<Language> {
        Some(match ext {
            "rs" => Language::Rust,
            "py" | "pyi" => Language::Python,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            _ => return None,
        })
    }

    /// The name used in pack files (`<name>.scm`), configs and output.
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Python => "python",
            Language::TypeScript => "typescript",
            Language::Tsx => "tsx",
            Language::JavaScript => "javascript",
        }
    }

    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Index into per-language tables.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        }
    }

    /// The grammar's `node-types.json`: which kinds may be children of which ([`crate::reach`]).
    pub fn node_types(self) -> &'static str {
        match self {
            Language::Rust => tree_sitter_rust::NODE_TYPES,
            Language::Python => tree_sitter_python::NODE_TYPES,
            Language::TypeScript => tree_sitter_typescript::TYPESCRIPT_NODE_TYPES,
            Language::Tsx => tree_sitter_typescript::TSX_NODE_TYPES,
            Language::JavaScript => tree_sitter_javascript::NODE_TYPES,
        }
    }

    /// The kind of a file's root node.
    pub fn root_kind(self) -> &'static str {
        match self {
            Language::Rust => "source_file",
            Language::Python => "module",
            Language::TypeScript | Language::Tsx | Language::JavaScript => "program",
        }
    }

    /// Node kinds that are comments in this grammar.
    pub fn comment_kinds(self) -> &'static [&'static str] {
        match self {
            Language::Rust => &["line_comment", "block_comment"],
            _ => &["comment"],
        }
    }

    /// Whether a top-level node may precede a `lever-ignore-file:` directive: comments, a
    /// shebang line, a Python module docstring.
    pub fn is_preamble(self, node: tree_sitter::Node) -> bool {
        let kind = node.kind();
        self.comment_kinds().contains(&kind)
            || kind == "shebang"
            || kind == "hash_bang_line"
            || (self == Language::Python
                && kind == "expression_statement"
                && node.named_child_count() == 1
                && node.named_child(0).is_some_and(|c| c.kind() == "string"))
    }

    /// Node kinds whose children are a list of statements or items (a block, a class or
    /// `impl` body). Any one of their children can be parsed without its siblings, which is
    /// what [`crate::incremental::Incremental::preview`] relies on.
    pub fn statement_lists(self) -> &'static [&'static str] {
        match self {
            Language::Python => &["block"],
            Language::Rust => &["block", "declaration_list"],
            Language::TypeScript | Language::Tsx | Language::JavaScript => &["statement_block", "class_body"],
        }
    }

    /// The token that starts a line comment, for inserting suppression comments.
    pub fn line_comment(self) -> &'static str {
        match self {
            Language::Python => "#",
            _ => "//",
        }
    }

    /// File extensions, for docs and `lever rules`.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Language::Rust => &["rs"],
            Language::Python => &["py", "pyi"],
            Language::TypeScript => &["ts", "mts", "cts"],
            Language::Tsx => &["tsx"],
            Language::JavaScript => &["js", "mjs", "cjs", "jsx"],
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
