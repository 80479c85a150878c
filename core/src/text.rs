//! Byte offsets to human positions. The engine works in bytes; printers and protocol edges
//! call into this module to get lines and columns.

use line_index::{LineIndex, TextSize, WideEncoding};

/// A position for people and tools: 1-based line, 1-based column in Unicode scalar values,
/// and the 1-based column in UTF-16 code units (SARIF's default column kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub column_utf16: u32,
}

/// Line starts of one text, for converting byte offsets.
pub struct LineMap<'a> {
    index: LineIndex,
    text: &'a str,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str) -> LineMap<'a> {
        LineMap { index: LineIndex::new(text), text }
    }

    /// The position of a byte offset; offsets past the end clamp to the end, and offsets
    /// inside a multi-byte character round down to its start.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let lc = self.index.line_col(TextSize::new(offset as u32));
        let mut wide32 = self.index.to_wide(WideEncoding::Utf32, lc).map_or(lc.col, |w| w.col);
        let mut wide16 = self.index.to_wide(WideEncoding::Utf16, lc).map_or(lc.col, |w| w.col);
        // A byte-order mark is not a column: editors hide it.
        if lc.line == 0 && offset >= 3 && self.text.starts_with('\u{feff}') {
            wide32 -= 1;
            wide16 -= 1;
        }
        Position { line: lc.line + 1, column: wide32 + 1, column_utf16: wide16 + 1 }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        self.index.line_col(TextSize::new(offset as u32)).line
    }

    /// The byte range of a 0-based line without its terminator, if the line exists.
    pub fn line_range(&self, line: u32) -> Option<std::ops::Range<usize>> {
        let r = self.index.line(line)?;
        let start = usize::from(r.start());
        let line = self.text.get(start..usize::from(r.end()))?;
        Some(start..start + line.trim_end_matches(['\n', '\r']).len())
    }

    /// The text of a 0-based line without its terminator.
    pub fn line_text(&self, line: u32) -> &'a str {
        self.line_range(line).and_then(|r| self.text.get(r)).unwrap_or("")
    }
}

/// tree-sitter's point of a byte offset: 0-based row, and column in bytes (for `InputEdit`).
pub fn point(text: &str, offset: usize) -> tree_sitter::Point {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let row = memchr::memchr_iter(b'\n', before).count();
    let column = memchr::memrchr(b'\n', before).map_or(before.len(), |nl| before.len() - nl - 1);
    tree_sitter::Point { row, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "a\r\nlet s = \"é😀\"; let t = 1;\n";
        let map = LineMap::new(text);
        let t = text.find("t =").unwrap();
        let p = map.position(t);
        assert_eq!((p.line, p.column, p.column_utf16), (2, 19, 20));
        assert_eq!(map.line_text(0), "a");
        // Inside the emoji: rounds down to its first byte.
        let emoji = text.find('😀').unwrap();
        assert_eq!(map.position(emoji + 1), map.position(emoji));
        assert_eq!(map.position(10_000).line, 3);
    }
}
