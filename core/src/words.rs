//! Word prefilters: which literal words a pattern's match must contain.
//!
//! A predicate such as `(#any-of-setting? @method "read-methods")` or `(#eq? @f "select")`
//! holds only when a captured node's text is one of a few strings, so a node that contains
//! none of them cannot root a match. At compile time each pattern gets the word sets it
//! needs ([`WordSets`]); per file one Aho-Corasick pass finds where each set occurs
//! ([`WordIndex`]), and the matcher runs a pattern only at nodes that contain every set it
//! needs. This is a necessary condition, never a sufficient one: the query and its
//! predicates still decide.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The distinct word sets of one compiled language.
#[derive(Default)]
pub struct WordSets {
    sets: Vec<Vec<String>>,
    /// Built by [`WordSets::finish`]: every word of every set.
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the word and the sets it belongs to.
    words: Vec<(String, Vec<u32>)>,
}

impl WordSets {
    /// The id of a set of words, one of which a match must contain. `None` when the set
    /// cannot narrow anything (it is empty, or a word is empty).
    pub fn intern(&mut self, mut words: Vec<String>) -> Option<u32> {
        words.sort();
        words.dedup();
        if words.is_empty() || words.iter().any(|w| w.is_empty()) {
            return None;
        }
        let id = match self.sets.iter().position(|s| *s == words) {
            Some(i) => i,
            None => {
                self.sets.push(words);
                self.sets.len() - 1
            }
        };
        Some(id as u32)
    }

    /// Builds the automaton over every interned word.
    pub fn finish(&mut self) {
        let mut words: Vec<(String, Vec<u32>)> = Vec::new();
        for (id, set) in self.sets.iter().enumerate() {
            for w in set {
                match words.iter_mut().find(|(x, _)| x == w) {
                    Some((_, ids)) => ids.push(id as u32),
                    None => words.push((w.clone(), vec![id as u32])),
                }
            }
        }
        if words.is_empty() {
            return;
        }
        // A DFA: every file is searched once per lint, and overlapping search gets no help
        // from prefilters, so the search's speed per byte is what counts (it is several times
        // that of the default noncontiguous NFA here; the DFA is built once per language).
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(words.iter().map(|(w, _)| w.as_str()))
                .ok()
        };
        self.automaton = build(Some(AhoCorasickKind::DFA)).or_else(|| build(None));
        self.words = words;
    }

    /// The words of a set.
    pub fn words(&self, set: u32) -> &[String] {
        &self.sets[set as usize]
    }

    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Where each set's words occur in `range` of `text` (clamped), as whole words. Outside
    /// `range` the index knows nothing and answers "maybe" ([`WordIndex::within`]).
    pub fn index(&self, text: &str, range: Range<usize>) -> WordIndex {
        let bytes = text.as_bytes();
        let range = range.start.min(bytes.len())..range.end.min(bytes.len());
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); self.sets.len()];
        if let Some(ac) = &self.automaton {
            let input = aho_corasick::Input::new(bytes).range(range.clone());
            for m in ac.find_overlapping_iter(input) {
                if !whole_word(bytes, m.range()) {
                    continue;
                }
                for &set in &self.words[m.pattern().as_usize()].1 {
                    at[set as usize].push(m.start());
                }
            }
            for v in &mut at {
                // Overlapping matches come in order of their end.
                v.sort_unstable();
                v.dedup();
            }
        }
        let whole = range == (0..bytes.len());
        WordIndex { at, range, whole }
    }
}

/// An identifier-like word is only found where it is not part of a longer identifier: a
/// captured node whose text is the word starts and ends at token boundaries.
fn whole_word(bytes: &[u8], r: Range<usize>) -> bool {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let (first, last) = (bytes[r.start], bytes[r.end - 1]);
    let before_ok = !ident(first) || r.start == 0 || !ident(bytes[r.start - 1]);
    let after_ok = !ident(last) || r.end == bytes.len() || !ident(bytes[r.end]);
    before_ok && after_ok
}

/// Where the word sets of a language occur in one file.
pub struct WordIndex {
    /// Per set: sorted start offsets of its words.
    at: Vec<Vec<usize>>,
    /// The part of the file that was searched.
    range: Range<usize>,
    whole: bool,
}

impl WordIndex {
    /// Whether a word of `set` may occur in the file: `false` only when the whole file was
    /// searched and it does not.
    pub fn anywhere(&self, set: u32) -> bool {
        !self.whole || !self.at[set as usize].is_empty()
    }

    /// Whether a word of `set` occurs in the searched part of the file.
    pub fn in_searched(&self, set: u32) -> bool {
        !self.at[set as usize].is_empty()
    }

    /// Whether a word of `set` may start inside `range`: certain inside the searched part,
    /// "maybe" for a range that reaches outside it.
    pub fn within(&self, set: u32, range: Range<usize>) -> bool {
        if range.start < self.range.start || range.end > self.range.end {
            return true;
        }
        let v = &self.at[set as usize];
        let i = v.partition_point(|&s| s < range.start);
        v.get(i).is_some_and(|&s| s < range.end)
    }

    /// Where the words of `set` start in the searched part, in order.
    pub fn positions(&self, set: u32) -> &[usize] {
        &self.at[set as usize]
    }

    /// Whether every set occurs inside `range`.
    pub fn all_within(&self, sets: &[u32], range: Range<usize>) -> bool {
        sets.iter().all(|&s| self.within(s, range.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_per_set() {
        let mut sets = WordSets::default();
        let a = sets.intern(vec!["get".into(), "filter".into()]).unwrap();
        let b = sets.intern(vec!["objects".into()]).unwrap();
        assert_eq!(sets.intern(vec!["filter".into(), "get".into()]), Some(a));
        assert_eq!(sets.intern(vec![]), None);
        assert_eq!(sets.intern(vec!["".into()]), None);
        sets.finish();
        let text = "x = target.get_object(); User.objects.filter(id=1)";
        let idx = sets.index(text, 0..usize::MAX);
        let filter = text.find("filter").unwrap();
        assert!(idx.anywhere(a) && idx.anywhere(b));
        assert!(idx.within(a, filter..filter + 6));
        assert!(!idx.within(a, 0..filter), "`get` inside `target` and `get_object` is not a word");
        assert!(idx.all_within(&[a, b], 25..text.len()));
        assert!(!idx.all_within(&[a, b], 0..25));
        // Only part of the file searched: certain inside it, "maybe" outside.
        let part = sets.index(text, 20..text.len());
        assert!(part.anywhere(a) && part.anywhere(b) && part.in_searched(b));
        assert!(!part.within(b, 40..text.len()) && part.within(b, 0..10));
    }
}
