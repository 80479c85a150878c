//! Errors in packs and configs: always a file, a 1-based line and column, what is wrong,
//! and what to do about it.

use std::fmt;

/// A problem in a pack or config file that a person must fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The file, as the user would name it (relative to the pack root's parent or absolute).
    pub file: String,
    /// 1-based line; 0 when the problem is the file as a whole (for example, it is missing).
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// What to do about it, if we can say.
    pub help: Option<String>,
}

impl SourceError {
    pub fn new(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        SourceError { file: file.into(), line, column, message: message.into(), help: None }
    }

    /// An error about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        SourceError::new(file, 0, 0, message)
    }

    /// An error at a byte offset of `text`.
    pub fn at_offset(file: impl Into<String>, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        SourceError::new(file, line, column, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message)?,
            (l, 0) => write!(f, "{}:{l}: {}", self.file, self.message)?,
            (l, c) => write!(f, "{}:{l}:{c}: {}", self.file, self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

/// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The error of a `toml` parse, placed at its span.
pub(crate) fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> SourceError {
    let offset = err.span().map_or(0, |s| s.start);
    let message = err.message().trim_end_matches('\n').to_string();
    SourceError::at_offset(file, text, offset, message)
}
