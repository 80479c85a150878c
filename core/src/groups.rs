//! Compiling one language's patterns in groups, each pattern once.
//!
//! A helper search runs only that helper's patterns, and report matching only the report
//! patterns; a query holding every pattern of the language would make each search step
//! through the others, and so would one query of every rule's report patterns at a node where
//! the words of only one rule occur. So the query files are split into their top-level
//! patterns, and the patterns are compiled in groups: each rule's report patterns in one
//! query, each helper's patterns (`(#set! helper "name")`, per rule) in one query of their
//! own. [`Groups`] then shows the groups as one numbered list of patterns with one table of
//! capture names, which is what [`crate::compile`] checks and what the matcher's finding and
//! join code sees.
//!
//! Splitting reads query text, so it is checked against tree-sitter: the pattern count and
//! start of every pattern, and the helper name each was grouped by. When anything disagrees,
//! or a file does not scan, every pattern goes into one query, as before groups.

use std::ops::Range;

use tree_sitter::{CaptureQuantifier, Query, QueryError, QueryErrorKind, QueryPredicate, QueryProperty};

use crate::compile::{after_group, capture_name, read_string, skip_trivia};

/// The text of one query file of one rule, for one language.
pub struct Segment<'r> {
    pub rule: usize,
    pub file: &'r str,
    pub text: &'r str,
}

/// A piece of a segment's text placed in a group's query text.
struct Piece {
    segment: usize,
    /// In the segment's text.
    range: Range<usize>,
    /// Where the piece starts in the group's text, and on which row.
    at: usize,
    row: usize,
}

/// What a group holds.
#[derive(Clone, PartialEq, Eq, Debug)]
enum Key {
    /// One rule's report patterns.
    Report {
        rule: usize,
    },
    Helper {
        rule: usize,
        name: String,
    },
    /// Every pattern, when splitting failed.
    All,
}

struct Group {
    query: Query,
    key: Key,
    pieces: Vec<Piece>,
    /// Per capture id of `query`: the id in [`Groups::names`].
    captures: Vec<u32>,
}

/// A query error, placed in its segment.
#[derive(Debug)]
pub struct GroupError {
    pub segment: usize,
    /// 1-based.
    pub line: usize,
    /// 1-based; 0 when tree-sitter gives only the line.
    pub column: usize,
    pub error: QueryError,
}

/// One language's patterns compiled in groups, numbered as one list: group after group, in
/// the order their first pattern has in the query files.
pub struct Groups {
    groups: Vec<Group>,
    /// Per pattern: its group, and its index in the group's query.
    at: Vec<(usize, usize)>,
    names: Vec<String>,
}

impl Groups {
    /// Compiles the segments' patterns in groups; with `split` off, or when the text does not
    /// split as tree-sitter reads it, in one query.
    pub fn compile(grammar: &tree_sitter::Language, segments: &[Segment], split: bool) -> Result<Groups, GroupError> {
        if split && let Some(layout) = layout(segments) {
            let groups = compile_groups(grammar, segments, layout)?;
            if groups.iter().all(|g| g.agrees(segments)) {
                return Ok(Groups::new(groups));
            }
        }
        let whole = segments.iter().enumerate().map(|(i, s)| (i, 0..s.text.len())).collect();
        Ok(Groups::new(compile_groups(grammar, segments, vec![(Key::All, whole)])?))
    }

    fn new(mut groups: Vec<Group>) -> Groups {
        let mut names: Vec<String> = Vec::new();
        for g in &mut groups {
            g.captures = g
                .query
                .capture_names()
                .iter()
                .map(|n| {
                    let id = names.iter().position(|m| m == n).unwrap_or_else(|| {
                        names.push(n.to_string());
                        names.len() - 1
                    });
                    id as u32
                })
                .collect();
        }
        let at =
            groups.iter().enumerate().flat_map(|(g, q)| (0..q.query.pattern_count()).map(move |i| (g, i))).collect();
        Groups { groups, at, names }
    }

    pub fn pattern_count(&self) -> usize {
        self.at.len()
    }

    /// Capture names, indexed by capture id.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn capture_index_for_name(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }

    fn group(&self, p: usize) -> (&Group, usize) {
        let (g, i) = self.at[p];
        (&self.groups[g], i)
    }

    /// The pattern's segment and its byte range in the segment's text.
    pub fn location(&self, p: usize) -> (usize, Range<usize>) {
        let (g, i) = self.group(p);
        let start = g.query.start_byte_for_pattern(i);
        let piece = &g.pieces[g.pieces.iter().rposition(|x| x.at <= start).unwrap_or(0)];
        let local = piece.range.start + (start - piece.at);
        // A pattern's end may include the newline that joins pieces: clamp to the piece.
        let end = (piece.range.start + g.query.end_byte_for_pattern(i).saturating_sub(piece.at)).min(piece.range.end);
        (piece.segment, local..end.max(local))
    }

    pub fn quantifier(&self, p: usize, capture: u32) -> CaptureQuantifier {
        let (g, i) = self.group(p);
        match g.captures.iter().position(|&c| c == capture) {
            Some(local) => g.query.capture_quantifiers(i)[local],
            None => CaptureQuantifier::Zero,
        }
    }

    pub fn property_settings(&self, p: usize) -> &[QueryProperty] {
        let (g, i) = self.group(p);
        g.query.property_settings(i)
    }

    pub fn property_predicates(&self, p: usize) -> &[(QueryProperty, bool)] {
        let (g, i) = self.group(p);
        g.query.property_predicates(i)
    }

    /// The predicates tree-sitter leaves to Lever, with capture ids of [`Groups::names`].
    pub fn general_predicates(&self, p: usize) -> Vec<QueryPredicate> {
        let (g, i) = self.group(p);
        g.query
            .general_predicates(i)
            .iter()
            .map(|pred| QueryPredicate {
                operator: pred.operator.clone(),
                args: pred
                    .args
                    .iter()
                    .map(|a| match a {
                        tree_sitter::QueryPredicateArg::Capture(c) => {
                            tree_sitter::QueryPredicateArg::Capture(g.captures[*c as usize])
                        }
                        tree_sitter::QueryPredicateArg::String(s) => tree_sitter::QueryPredicateArg::String(s.clone()),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Whether the pattern has one root node and can start only at it.
    pub fn is_rooted_locally(&self, p: usize) -> bool {
        let (g, i) = self.group(p);
        g.query.is_pattern_rooted(i) && !g.query.is_pattern_non_local(i)
    }

    /// The queries to run: one per distinct `part` of the patterns (`None`: left out), with
    /// [`Groups`]' numbering. A group whose patterns all have one part becomes its query
    /// as it is; one with several parts is copied per part, its other patterns disabled.
    pub fn into_queries<K: PartialEq + Clone>(self, part: impl Fn(usize) -> Option<K>) -> Vec<(K, PatternQuery)> {
        let mut out = Vec::new();
        let mut base = 0;
        for group in self.groups {
            let n = group.query.pattern_count();
            let parts: Vec<Option<K>> = (base..base + n).map(&part).collect();
            let mut distinct: Vec<&K> = Vec::new();
            for k in parts.iter().flatten() {
                if !distinct.contains(&k) {
                    distinct.push(k);
                }
            }
            let at = base as u32;
            match distinct.as_slice() {
                [k] if parts.iter().all(Option::is_some) => {
                    out.push(((*k).clone(), PatternQuery { query: group.query, base: at, captures: group.captures }))
                }
                _ => {
                    for k in distinct {
                        let mut query = group.query.deep_clone();
                        for (i, p) in parts.iter().enumerate() {
                            if p.as_ref() != Some(k) {
                                query.disable_pattern(i);
                            }
                        }
                        out.push((k.clone(), PatternQuery { query, base: at, captures: group.captures.clone() }));
                    }
                }
            }
            base += n;
        }
        out
    }
}

impl Group {
    /// Whether tree-sitter read the group's text as the pieces it was made of: one pattern
    /// per piece, starting where the piece does, each grouped by its real helper name.
    fn agrees(&self, segments: &[Segment]) -> bool {
        if self.query.pattern_count() != self.pieces.len() {
            return false;
        }
        self.pieces.iter().enumerate().all(|(i, piece)| {
            let helper = self.query.property_settings(i).iter().rev().find_map(|prop| {
                (&*prop.key == "helper" && prop.capture_id.is_none()).then(|| prop.value.as_deref().unwrap_or(""))
            });
            let key_agrees = match (&self.key, helper) {
                (Key::Report { rule }, None) => *rule == segments[piece.segment].rule,
                (Key::Helper { rule, name }, Some(h)) => *rule == segments[piece.segment].rule && name == h,
                _ => false,
            };
            key_agrees && self.query.start_byte_for_pattern(i) == piece.at
        })
    }
}

/// A compiled query of some of a language's patterns, with their numbering in [`Groups`].
pub struct PatternQuery {
    pub query: Query,
    base: u32,
    captures: Vec<u32>,
}

impl PatternQuery {
    /// The language's pattern index of a match's `pattern_index`.
    pub fn pattern(&self, index: usize) -> usize {
        self.base as usize + index
    }

    /// Whether the language's pattern `p` is one of this query's (enabled or not).
    pub fn holds(&self, p: usize) -> bool {
        (self.base as usize..self.base as usize + self.query.pattern_count()).contains(&p)
    }

    /// The language's capture id of a match's capture `index`.
    pub fn capture(&self, index: u32) -> u32 {
        self.captures[index as usize]
    }
}

/// A group's key and its pieces: `(segment, range in the segment's text)`.
type Layout = (Key, Vec<(usize, Range<usize>)>);

/// The groups and their pieces: one group per rule's report patterns and per helper of a
/// rule, in the order they first appear. `None` when a file does not scan.
fn layout(segments: &[Segment]) -> Option<Vec<Layout>> {
    let mut groups: Vec<Layout> = Vec::new();
    for (s, seg) in segments.iter().enumerate() {
        for range in split_patterns(seg.text)? {
            let key = match helper_name(&seg.text[range.clone()]) {
                Some(name) => Key::Helper { rule: seg.rule, name },
                None => Key::Report { rule: seg.rule },
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, pieces)) => pieces.push((s, range)),
                None => groups.push((key, vec![(s, range)])),
            }
        }
    }
    groups.retain(|(_, pieces)| !pieces.is_empty());
    Some(groups)
}

fn compile_groups(
    grammar: &tree_sitter::Language,
    segments: &[Segment],
    layout: Vec<Layout>,
) -> Result<Vec<Group>, GroupError> {
    let mut out = Vec::with_capacity(layout.len());
    for (key, ranges) in layout {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(ranges.len());
        let mut row = 0;
        for (segment, range) in ranges {
            let piece_text = &segments[segment].text[range.clone()];
            pieces.push(Piece { segment, range, at: text.len(), row });
            text.push_str(piece_text);
            text.push('\n');
            row += piece_text.matches('\n').count() + 1;
        }
        match Query::new(grammar, &text) {
            Ok(query) => out.push(Group { query, key, pieces, captures: Vec::new() }),
            Err(error) => return Err(place(segments, &pieces, error)),
        }
    }
    Ok(out)
}

/// Places a query error of a group's text in the segment it came from.
fn place(segments: &[Segment], pieces: &[Piece], error: QueryError) -> GroupError {
    let by_row = error.kind == QueryErrorKind::Predicate;
    let i = if by_row {
        pieces.iter().rposition(|p| p.row <= error.row)
    } else {
        pieces.iter().rposition(|p| p.at <= error.offset)
    }
    .unwrap_or(0);
    let piece = &pieces[i];
    let text = segments[piece.segment].text;
    let (line, column) = if by_row {
        let first = text[..piece.range.start].matches('\n').count();
        (first + error.row - piece.row + 1, 0)
    } else {
        let mut at = piece.range.start + (error.offset - piece.at);
        // tree-sitter places an unknown capture at its name: point at its `@`.
        if error.kind == QueryErrorKind::Capture && text[..at.min(text.len())].ends_with('@') {
            at -= 1;
        }
        crate::error::line_col(text, at)
    };
    GroupError { segment: piece.segment, line, column, error }
}

/// The byte ranges of a query text's top-level patterns, each from its first character to the
/// end of its last capture or quantifier; `None` when the text does not scan (an unbalanced
/// bracket or string), for tree-sitter to report.
pub(crate) fn split_patterns(text: &str) -> Option<Vec<Range<usize>>> {
    let offset = |rest: &str| text.len() - rest.len();
    let mut out = Vec::new();
    let mut rest = skip_trivia(text);
    while !rest.is_empty() {
        let start = offset(rest);
        rest = match rest.as_bytes()[0] {
            b'(' | b'[' => after_group(rest)?,
            b'"' => read_string(&rest[1..])?.1,
            _ => {
                let n = rest.find(|c: char| c.is_whitespace() || "()[]\";@".contains(c)).unwrap_or(rest.len());
                if n == 0 {
                    return None;
                }
                &rest[n..]
            }
        };
        loop {
            let next = skip_trivia(rest);
            if let Some(r) = next.strip_prefix('@') {
                rest = &r[capture_name(r).len()..];
            } else if let Some(r) = next.strip_prefix(['*', '+', '?']) {
                rest = r;
            } else {
                break;
            }
        }
        out.push(start..offset(rest));
        rest = skip_trivia(rest);
    }
    Some(out)
}

/// The name of a pattern's `(#set! helper "name")` (the last, if several), read from its text.
fn helper_name(pattern: &str) -> Option<String> {
    let bytes = pattern.as_bytes();
    let mut name = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => i = pattern[i..].find('\n').map_or(bytes.len(), |n| i + n),
            b'"' => i = bytes.len() - read_string(&pattern[i + 1..]).map_or("", |(_, r)| r).len(),
            b'(' => {
                let rest = skip_trivia(&pattern[i + 1..]);
                if let Some(rest) = rest.strip_prefix("#set!") {
                    let rest = skip_trivia(rest);
                    if let Some(rest) = rest.strip_prefix("helper").filter(|r| r.starts_with(char::is_whitespace)) {
                        let rest = skip_trivia(rest);
                        if let Some((value, _)) = rest.strip_prefix('"').and_then(read_string) {
                            name = Some(value);
                        }
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_split_as_tree_sitter_reads_them() {
        let text = "; a comment (with a paren\n((call) @match (#eq? @match \"a)\"))\n\n[(a) (b)] @x\n\
                    (comment)+ @doc\n\"if\" @kw\n(_) @any ; trailing\n((x) @y (#set! helper \"h\"))";
        let ranges = split_patterns(text).unwrap();
        let pieces: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            pieces,
            [
                "((call) @match (#eq? @match \"a)\"))",
                "[(a) (b)] @x",
                "(comment)+ @doc",
                "\"if\" @kw",
                "(_) @any",
                "((x) @y (#set! helper \"h\"))"
            ]
        );
        assert_eq!(split_patterns("((call) @x"), None);
        assert_eq!(split_patterns("(a \"unclosed)"), None);
    }

    #[test]
    fn helper_names_are_read_from_set_properties() {
        assert_eq!(helper_name("((x) @y (#set! helper \"write\"))").as_deref(), Some("write"));
        assert_eq!(helper_name("((x) @y (#set!   helper\n \"a\\\"b\"))").as_deref(), Some("a\"b"));
        assert_eq!(helper_name("((x) @y (#set! message \"helper\"))"), None);
        assert_eq!(helper_name("((x) @y ; (#set! helper \"no\")\n)"), None);
        assert_eq!(helper_name("((x) @y (#eq? @y \"(#set! helper \\\"no\\\")\"))"), None);
    }

    /// Every pattern of the built-in pack is grouped: no language falls back to one query.
    #[test]
    fn the_builtin_pack_splits_into_groups() {
        let (pack, errors) = crate::load::builtin_pack();
        assert!(errors.is_empty(), "{errors:?}");
        let pack = pack.unwrap();
        for lang in crate::Language::ALL {
            let segments: Vec<Segment> = pack
                .rules
                .iter()
                .enumerate()
                .flat_map(|(r, rule)| {
                    rule.queries.iter().filter(|q| q.language == lang).map(move |q| Segment {
                        rule: r,
                        file: &q.file,
                        text: &q.text,
                    })
                })
                .collect();
            if segments.is_empty() {
                continue;
            }
            let groups = Groups::compile(&lang.grammar(), &segments, true).unwrap_or_else(|e| panic!("{lang}: {e:?}"));
            assert!(groups.groups.len() > 1, "{lang}: fell back to one query");
            assert!(groups.groups.iter().all(|g| g.key != Key::All));
            let whole = Groups::compile(&lang.grammar(), &segments, false).unwrap();
            assert_eq!(groups.pattern_count(), whole.pattern_count(), "{lang}");
        }
    }
}
