//! Position encodings: the one place where LSP positions and byte offsets meet.
//!
//! LSP counts columns in UTF-16 code units unless client and server agree on UTF-8 or
//! UTF-32 (LSP 3.17 `positionEncoding`). Lever's engine works in byte offsets; every
//! conversion goes through [`LineMap`], which clamps positions past a line's end to that end,
//! as the specification asks, and never splits a character.

use line_index::{LineIndex, TextSize};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// How the client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Picks from what the client offers: UTF-8 if offered, otherwise UTF-16 (the default,
    /// which every client supports), unless only UTF-32 is offered.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let Some(offered) = offered else { return Encoding::Utf16 };
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF16) || offered.is_empty() {
            Encoding::Utf16
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Line starts of one text, for converting between LSP positions and byte offsets.
pub struct LineMap {
    index: LineIndex,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        LineMap { index: LineIndex::new(text) }
    }

    /// The byte range of a 0-based line without its terminator, or `None` past the last line.
    fn line<'t>(&self, text: &'t str, line: u32) -> Option<(usize, &'t str)> {
        let r = self.index.line(line)?;
        let start = usize::from(r.start());
        let body = text.get(start..usize::from(r.end()))?;
        Some((start, body.trim_end_matches(['\n', '\r'])))
    }

    /// The byte offset of a position. A line past the end clamps to the end of the text; a
    /// column past the line's end clamps to the line's end; a column inside a character
    /// rounds down to it.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some((start, line)) = self.line(text, pos.line) else { return text.len() };
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let w = enc.width(c);
            if units + w > pos.character {
                return start + i;
            }
            units += w;
        }
        start + line.len()
    }

    /// The position of a byte offset (clamped to the text).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_col(TextSize::new(offset as u32)).line;
        let (start, _) = self.line(text, line).unwrap_or((offset, ""));
        let character = text[start.min(offset)..offset].chars().map(|c| enc.width(c)).sum();
        Position { line, character }
    }

    pub fn range(&self, text: &str, range: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range { start: self.position(text, range.start, enc), end: self.position(text, range.end, enc) }
    }

    /// A byte range from an LSP range; an inverted range is put in order.
    pub fn byte_range(&self, text: &str, range: Range, enc: Encoding) -> std::ops::Range<usize> {
        let (a, b) = (self.offset(text, range.start, enc), self.offset(text, range.end, enc));
        a.min(b)..a.max(b)
    }
}
