//! Linting one file: parse, run the report query, evaluate Lever's predicates, build
//! findings and fixes, apply suppressions.
//!
//! A [`Linter`] holds the mutable per-thread state (parsers, query cursors); the
//! [`RuleSet`] it reads is shared and immutable. Nothing here reads files.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::{ControlFlow, Range};
use std::rc::Rc;
use std::time::{Duration, Instant};

use tree_sitter::{Node, ParseOptions, Parser, QueryCursor, QueryCursorOptions, StreamingIterator, Tree};

use crate::compile::{CompiledLanguage, Filter, Paths, PatternInfo, Predicate};
use crate::finding::{Edit, Finding, Fix, Related};
use crate::groups::PatternQuery;
use crate::language::Language;
use crate::pack::EditTarget;
use crate::reach::KindSet;
use crate::rules::{ActiveRule, RuleSet};
use crate::suppress;
use crate::words::WordIndex;

/// Why a file was not (fully) linted. Reported as a note; never fatal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// The file has a NUL byte near its start.
    Binary,
    /// The file is not UTF-8; `at` is the offset of the first bad byte.
    NotUtf8 {
        at: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// Parsing took longer than the budget.
    ParseTimeout {
        budget_ms: u64,
    },
    /// Matching took longer than the budget; findings found before then are kept.
    QueryTimeout {
        budget_ms: u64,
    },
    /// The file could not be read.
    Unreadable(String),
    /// A bug in Lever stopped this file; the run went on.
    InternalError(String),
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skipped::Binary => write!(f, "binary file, skipped"),
            Skipped::NotUtf8 { at } => write!(f, "not valid UTF-8 (byte {at}), skipped"),
            Skipped::TooLarge { size, limit } => {
                write!(f, "{size} bytes is over the {limit}-byte limit (max-file-size in lever.toml), skipped")
            }
            Skipped::ParseTimeout { budget_ms } => {
                write!(f, "parsing took over {budget_ms} ms (timeout-ms in lever.toml), skipped")
            }
            Skipped::QueryTimeout { budget_ms } => {
                write!(f, "matching took over {budget_ms} ms (timeout-ms in lever.toml); findings may be incomplete")
            }
            Skipped::Unreadable(e) => write!(f, "could not read: {e}"),
            Skipped::InternalError(e) => {
                write!(f, "internal error, skipped (please report it): {e}")
            }
        }
    }
}

/// The outcome of linting one file.
#[derive(Clone, Debug, Default)]
pub struct FileResult {
    /// Sorted by position.
    pub findings: Vec<Finding>,
    pub skipped: Option<Skipped>,
}

/// The message of a caught panic, for reporting it as an internal error.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Per-thread linting state: one parser per language and two query cursors.
pub struct Linter {
    parsers: [Option<Parser>; Language::COUNT],
    cursor: QueryCursor,
    helper_cursor: QueryCursor,
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new()
    }
}

impl Linter {
    pub fn new() -> Linter {
        Linter { parsers: Default::default(), cursor: QueryCursor::new(), helper_cursor: QueryCursor::new() }
    }

    /// Lints raw file contents: checks size, binary content and encoding first.
    pub fn lint_bytes(&mut self, rules: &RuleSet, lang: Language, bytes: &[u8]) -> FileResult {
        if bytes.len() as u64 > rules.max_file_size {
            return FileResult::skipped(Skipped::TooLarge { size: bytes.len() as u64, limit: rules.max_file_size });
        }
        if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
            return FileResult::skipped(Skipped::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => self.lint_text(rules, lang, text),
            Err(e) => FileResult::skipped(Skipped::NotUtf8 { at: e.valid_up_to() }),
        }
    }

    /// Lints a text. Files that no rule can match (no `[prefilter]` string, or no report
    /// pattern finds the words it needs) are not even parsed, unless a suppression comment
    /// needs checking for being unused.
    pub fn lint_text(&mut self, rules: &RuleSet, lang: Language, text: &str) -> FileResult {
        let words = rules.may_match(lang, text).then(|| rules.compiled(lang).words.index(text, 0..usize::MAX));
        let may_report = words.as_ref().is_some_and(|w| rules.may_report(lang, w));
        if !may_report && !suppress::mentions_directive(text) {
            return FileResult::default();
        }
        let budget = Duration::from_millis(rules.timeout_ms);
        let Some(tree) = self.parse(lang, text, None, budget) else {
            return FileResult::skipped(Skipped::ParseTimeout { budget_ms: rules.timeout_ms });
        };
        let mut result = match words {
            Some(words) if may_report => self.findings_with(rules, lang, text, &tree, None, words),
            _ => FileResult::default(),
        };
        finish(rules, lang, text, &tree, &mut result.findings);
        result
    }

    /// Parses `text`, reusing `old` (already edited to match) when given. `None` when the
    /// budget ran out.
    pub fn parse(&mut self, lang: Language, text: &str, old: Option<&Tree>, budget: Duration) -> Option<Tree> {
        self.parse_ranges(lang, text, old, &[], budget)
    }

    /// Parses only the `ranges` of `text` (sorted, disjoint; all of it when empty), with
    /// byte offsets and positions as in the whole text. `None` when the budget ran out or
    /// the ranges are invalid.
    pub fn parse_ranges(
        &mut self,
        lang: Language,
        text: &str,
        old: Option<&Tree>,
        ranges: &[tree_sitter::Range],
        budget: Duration,
    ) -> Option<Tree> {
        let parser = self.parsers[lang.index()].get_or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&lang.grammar()).expect("grammar ABI is pinned and tested");
            p
        });
        let bytes = text.as_bytes();
        // A byte-order mark is not part of any grammar: hide it from the parser without
        // shifting offsets.
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let deadline = Instant::now() + budget;
        let mut progress = |_: &tree_sitter::ParseState| {
            if Instant::now() > deadline { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        };
        let mut input = |i: usize, _| -> &[u8] { if i < bom { &b"   "[i..] } else { bytes.get(i..).unwrap_or(&[]) } };
        if !ranges.is_empty() && parser.set_included_ranges(ranges).is_err() {
            return None;
        }
        let tree =
            parser.parse_with_options(&mut input, old, Some(ParseOptions::new().progress_callback(&mut progress)));
        if tree.is_none() {
            // A cancelled parse would otherwise resume on the next call.
            parser.reset();
        }
        if !ranges.is_empty() {
            parser.set_included_ranges(&[]).expect("the empty list means the whole text");
        }
        tree
    }

    /// Lints an already parsed tree of `text`.
    pub fn lint_tree(&mut self, rules: &RuleSet, lang: Language, text: &str, tree: &Tree) -> FileResult {
        let mut result = self.raw_findings(rules, lang, text, tree, None);
        finish(rules, lang, text, tree, &mut result.findings);
        result
    }

    /// The findings of the report patterns whose matches lie inside `scope` (the whole tree
    /// when `None`), before suppressions. [`finish`] turns them into a file's findings.
    pub fn raw_findings(
        &mut self,
        rules: &RuleSet,
        lang: Language,
        text: &str,
        tree: &Tree,
        scope: Option<Range<usize>>,
    ) -> FileResult {
        if !rules.may_match(lang, text) {
            return FileResult::default();
        }
        // Words are searched for where report matches can be: in the re-linted region. Helper
        // scopes may reach beyond it, where the index answers "maybe".
        let words = rules.compiled(lang).words.index(text, scope.clone().unwrap_or(0..usize::MAX));
        self.findings_with(rules, lang, text, tree, scope, words)
    }

    /// [`Linter::raw_findings`] with the word index of `scope` (the whole text when `None`).
    fn findings_with(
        &mut self,
        rules: &RuleSet,
        lang: Language,
        text: &str,
        tree: &Tree,
        scope: Option<Range<usize>>,
        words: WordIndex,
    ) -> FileResult {
        let compiled = rules.compiled(lang);
        let mut result = FileResult::default();
        let budget_ms = rules.timeout_ms;
        // The anchored patterns that can match, per root kind.
        let live = |roots: &[Vec<u32>], found: &dyn Fn(u32) -> bool| -> Vec<Vec<u32>> {
            let mut out = vec![Vec::new(); roots.len()];
            for (kind, ps) in roots.iter().enumerate().filter(|(_, ps)| !ps.is_empty()) {
                out[kind] = ps.iter().copied().filter(|&p| compiled.patterns[p as usize].words_found(found)).collect();
            }
            out
        };
        let report_roots = live(&compiled.report_roots, &|s| words.in_searched(s));
        // A helper is only searched for by its own rule's patterns: a rule that cannot
        // report here needs none of its helpers.
        let mut reporting = compiled.whole_tree_rules.clone();
        for &p in report_roots.iter().flatten() {
            let rule = compiled.patterns[p as usize].rule;
            if rule >= reporting.len() {
                reporting.resize(rule + 1, false);
            }
            reporting[rule] = true;
        }
        let mut helper_roots = live(&compiled.helper_roots, &|s| words.anywhere(s));
        for ps in helper_roots.iter_mut().filter(|ps| !ps.is_empty()) {
            ps.retain(|&p| reporting.get(compiled.patterns[p as usize].rule).is_some_and(|&r| r));
        }
        let (helper_roots, lazy_roots, lazy) = split_lazy(compiled, &report_roots, helper_roots);
        let plan = WalkPlan::new(compiled, &[&report_roots, &helper_roots], &words);
        // Walks of helper scopes are planned the first time one is made: most files need none.
        let (helper_plan, lazy_plan) = (OnceCell::new(), OnceCell::new());
        let root = tree.root_node();
        let mut run = QueryRun {
            rules,
            lang,
            compiled,
            text,
            deadline: Instant::now() + Duration::from_millis(budget_ms),
            timed_out: false,
            seen: HashSet::new(),
            findings: Vec::new(),
            helper_cache: HashMap::new(),
            joined_cache: HashMap::new(),
            scope_nodes: HashMap::new(),
            lazy_nodes: HashMap::new(),
            helper_nodes: Vec::new(),
            walked: 0..0,
            words: HashMap::new(),
            index: &words,
            helper_roots: &helper_roots,
            lazy_roots: &lazy_roots,
            helper_plan: &helper_plan,
            lazy_plan: &lazy_plan,
            lazy: &lazy,
            root,
        };
        let Linter { cursor, helper_cursor, .. } = self;
        let scope = scope.unwrap_or(0..usize::MAX);
        for query in &compiled.report {
            cursor.set_max_start_depth(None);
            cursor.set_containing_byte_range(scope.clone());
            run.query(query, (root, None), cursor, helper_cursor);
            cursor.set_containing_byte_range(0..usize::MAX);
        }
        if report_roots.iter().any(|ps| !ps.is_empty()) {
            // One walk over the tree (or the scope) finds where report patterns can start
            // and the words they need occur, and where helper patterns can start (in
            // document order, for the scopes that predicates search: `QueryRun::helper_nodes`).
            let mut report_nodes = Vec::new();
            let mut helper_nodes: Vec<Vec<Start>> = vec![Vec::new(); compiled.helpers.len()];
            for_each_node_where(
                (root, None),
                &scope,
                |n| plan.descend(n),
                |start| {
                    for &p in helper_roots.get(start.0.kind_id() as usize).map_or(&[][..], |ps| ps) {
                        let info = &compiled.patterns[p as usize];
                        if let Some(h) = info.helper.filter(|_| info.starts_under(start.1))
                            && helper_nodes[h].last().is_none_or(|last| last.0 != start.0)
                        {
                            helper_nodes[h].push(start);
                        }
                    }
                    if can_root(&report_roots, compiled, &words, start) {
                        report_nodes.push(start);
                    }
                },
            );
            run.helper_nodes = helper_nodes;
            run.walked = scope.start..scope.end.min(text.len());
            cursor.set_max_start_depth(Some(0));
            // At each node, the query of each rule with a pattern that can start there.
            let mut queries: Vec<u32> = Vec::new();
            'nodes: for start in report_nodes {
                queries.clear();
                for &p in &report_roots[start.0.kind_id() as usize] {
                    let (info, q) = (&compiled.patterns[p as usize], compiled.anchored_query[p as usize]);
                    // A rule's query runs once however many of its patterns can start here.
                    if !queries.contains(&q)
                        && info.starts_under(start.1)
                        && words.all_within(&info.requires, start.0.byte_range())
                        && info.prechecks.iter().all(|c| c.holds(start.0, text, &info.predicates))
                    {
                        queries.push(q);
                    }
                }
                for &q in &queries {
                    run.query(&compiled.anchored[q as usize], start, cursor, helper_cursor);
                    if run.timed_out {
                        break 'nodes;
                    }
                }
            }
            cursor.set_max_start_depth(None);
        }
        if run.timed_out {
            result.skipped = Some(Skipped::QueryTimeout { budget_ms });
        }
        result.findings = run.findings;
        result
    }
}

/// A node where a query starts, with its parent's kind (`None` at the root of the tree):
/// `#parent-kind?` on the start node is answered from it, without a search for the parent.
type Start<'t> = (Node<'t>, Option<u16>);

/// A helper match before its predicates are evaluated: pattern, captures, and where it started.
type RawMatch<'t> = (usize, Vec<(u32, Node<'t>)>, Start<'t>);

/// The start `node` as the root of a search: its parent's kind looked up once.
fn start_at(node: Node) -> Start {
    (node, node.parent().map(|p| p.kind_id()))
}

/// The kind of `node`'s parent. `start` is the node a match started at, at or above `node`:
/// the parent is found by going down from it.
fn parent_kind(start: Start, node: Node) -> Option<u16> {
    if node == start.0 {
        return start.1;
    }
    let mut at = start.0;
    while let Some(next) = at.child_with_descendant(node) {
        if next == node {
            return Some(at.kind_id());
        }
        at = next;
    }
    node.parent().map(|p| p.kind_id())
}

/// The innermost proper ancestor of `node` whose kind is one of `kinds`, else the root.
/// One descent from the root: each `Node::parent` call descends from the root itself, so
/// climbing with it costs the square of the depth.
fn enclosing<'t>(root: Node<'t>, node: Node<'t>, kinds: &[u16]) -> Node<'t> {
    let mut scope = root;
    let mut at = root;
    while at != node {
        match at.child_with_descendant(node) {
            Some(next) if next == node => return scope,
            Some(next) => {
                if kinds.contains(&next.kind_id()) {
                    scope = next;
                }
                at = next;
            }
            None => break,
        }
    }
    if node == root {
        return root;
    }
    // Not reached by the descent (no such tree): climb.
    let mut scope = node;
    while let Some(p) = scope.parent() {
        scope = p;
        if kinds.contains(&p.kind_id()) {
            break;
        }
    }
    scope
}

/// Whether some pattern of `roots` (per node kind) can start at `start`: rooted at its kind,
/// and allowed under its parent's kind.
fn roots_at(compiled: &CompiledLanguage, roots: &[Vec<u32>], (node, parent): Start) -> bool {
    roots
        .get(node.kind_id() as usize)
        .is_some_and(|ps| ps.iter().any(|&p| compiled.patterns[p as usize].starts_under(parent)))
}

/// The nodes of `scope` (itself included) where some pattern of `roots` can start, in
/// document order: one walk of the scope, where `plan` (made for `roots`) says.
fn starts_in<'t>(compiled: &CompiledLanguage, scope: Node<'t>, roots: &[Vec<u32>], plan: &WalkPlan) -> Vec<Start<'t>> {
    let mut nodes = Vec::new();
    for_each_node_where(
        start_at(scope),
        &scope.byte_range(),
        |n| plan.descend(n),
        |start| {
            if roots_at(compiled, roots, start) {
                nodes.push(start);
            }
        },
    );
    nodes
}

/// Calls `f` on each node of `start`'s subtree (`start` included) that lies inside `range`,
/// with its parent's kind, in document order, descending only into nodes that overlap `range`
/// and that `descend` allows.
fn for_each_node_where<'t>(
    start: Start<'t>,
    range: &Range<usize>,
    descend: impl Fn(Node<'t>) -> bool,
    mut f: impl FnMut(Start<'t>),
) {
    let mut walk = start.0.walk();
    // The kinds of the nodes above the cursor, up to `start`'s parent.
    let mut above: Vec<Option<u16>> = vec![start.1];
    loop {
        let node = walk.node();
        let parent = above.last().copied().flatten();
        if range.start <= node.start_byte() && node.end_byte() <= range.end {
            f((node, parent));
        }
        let overlaps = node.start_byte() < range.end && range.start < node.end_byte();
        if (overlaps || node.start_byte() == node.end_byte()) && descend(node) && walk.goto_first_child() {
            above.push(Some(node.kind_id()));
            continue;
        }
        loop {
            if walk.node() == start.0 {
                return;
            }
            if walk.goto_next_sibling() {
                break;
            }
            if !walk.goto_parent() {
                return;
            }
            above.pop();
        }
    }
}

/// Splits the live helper patterns (per root kind) into those whose nodes the report walk
/// collects and those of *lazy* helpers, whose nodes a walk of each searched scope finds: a
/// helper with a pattern that needs no word and starts at a kind most kinds may hold (a
/// call, in Python), which would keep the report walk from skipping anything. Searches are
/// rarer than nodes: most are made for report matches that already passed their cheaper
/// predicates. When a report pattern already needs such a walk, nothing is lazy.
fn split_lazy(
    compiled: &CompiledLanguage,
    report: &[Vec<u32>],
    mut helper: Vec<Vec<u32>>,
) -> (Vec<Vec<u32>>, Vec<Vec<u32>>, Vec<bool>) {
    let mut lazy = vec![false; compiled.helpers.len()];
    let Some(reach) = &compiled.reach else { return (helper, Vec::new(), lazy) };
    // Patterns that need no word and start at a pervasive kind (under any parent).
    let pervasive = |roots: &[Vec<u32>]| -> Vec<u32> {
        let loose = |p: u32| {
            let info = &compiled.patterns[p as usize];
            info.requires.is_empty() && info.root_parents.is_none()
        };
        roots
            .iter()
            .enumerate()
            .filter(|(kind, ps)| !ps.is_empty() && reach.is_pervasive(*kind as u16))
            .flat_map(|(_, ps)| ps.iter().copied().filter(|&p| loose(p)))
            .collect()
    };
    if !pervasive(report).is_empty() {
        return (helper, Vec::new(), lazy);
    }
    for p in pervasive(&helper) {
        if let Some(h) = compiled.patterns[p as usize].helper {
            lazy[h] = true;
        }
    }
    let mut lazy_roots = vec![Vec::new(); helper.len()];
    for (kind, ps) in helper.iter_mut().enumerate().filter(|(_, ps)| !ps.is_empty()) {
        let is_lazy = |p: &u32| compiled.patterns[*p as usize].helper.is_some_and(|h| lazy[h]);
        lazy_roots[kind] = ps.iter().copied().filter(is_lazy).collect();
        ps.retain(|p| !is_lazy(p));
    }
    (helper, lazy_roots, lazy)
}

/// Where the report walk must look: below a node only when the grammar lets a kind that a
/// live pattern without words starts at occur there ([`crate::reach`]), or a word that a
/// live pattern with words needs occurs inside it. Inside the searched part of the file
/// (the only part whose nodes the walk reports) the word index is complete, so nothing a
/// pattern could start at is skipped.
struct WalkPlan {
    /// The kinds below which a wanted kind may occur. `None`: descend everywhere.
    kinds: Option<KindSet>,
    /// Sorted start offsets of the words that patterns with words need (one set each).
    anchors: Vec<usize>,
}

impl WalkPlan {
    fn new(compiled: &CompiledLanguage, tables: &[&[Vec<u32>]], words: &WordIndex) -> WalkPlan {
        let Some(reach) = &compiled.reach else {
            return WalkPlan { kinds: None, anchors: Vec::new() };
        };
        let mut wanted = KindSet::default();
        // Kinds whose children some pattern starts at (`#parent-kind?`): the walk goes below
        // them, and below what may hold them, but no deeper for those patterns.
        let mut parents: Vec<u16> = Vec::new();
        let mut sets = Vec::new();
        for roots in tables {
            for (kind, ps) in roots.iter().enumerate().filter(|(_, ps)| !ps.is_empty()) {
                for &p in ps {
                    let info = &compiled.patterns[p as usize];
                    // The set with the fewest occurrences narrows the most.
                    match (info.requires.iter().min_by_key(|&&s| words.positions(s).len()), &info.root_parents) {
                        (Some(&set), _) => sets.push(set),
                        (None, Some(kinds)) => parents.extend(kinds),
                        (None, None) => wanted.insert(kind as u16),
                    }
                }
            }
        }
        sets.sort_unstable();
        sets.dedup();
        let mut anchors: Vec<usize> = sets.iter().flat_map(|&s| words.positions(s).iter().copied()).collect();
        anchors.sort_unstable();
        anchors.dedup();
        for &k in &parents {
            wanted.insert(k);
        }
        let mut kinds = reach.holders_of(&wanted);
        for &k in &parents {
            kinds.insert(k);
        }
        WalkPlan { kinds: Some(kinds), anchors }
    }

    /// Whether the walk goes below `node`.
    fn descend(&self, node: Node) -> bool {
        if self.kinds.as_ref().is_none_or(|k| k.contains(node.kind_id())) || node.has_error() {
            return true;
        }
        let range = node.byte_range();
        let i = self.anchors.partition_point(|&a| a < range.start);
        self.anchors.get(i).is_some_and(|&a| a < range.end)
    }
}

/// Whether one of the live patterns rooted at `node`'s kind has its words inside `node`.
fn can_root(roots: &[Vec<u32>], compiled: &CompiledLanguage, words: &WordIndex, (node, parent): Start) -> bool {
    roots.get(node.kind_id() as usize).is_some_and(|ps| {
        ps.iter().any(|&p| {
            let info = &compiled.patterns[p as usize];
            info.starts_under(parent) && words.all_within(&info.requires, node.byte_range())
        })
    })
}

/// Applies suppressions to raw findings and sorts them: the last step of linting a file.
pub fn finish(rules: &RuleSet, lang: Language, text: &str, tree: &Tree, findings: &mut Vec<Finding>) {
    suppress::apply(rules, lang, text, tree.root_node(), findings);
    findings.sort_by(|a, b| (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule)));
}

/// The state of matching one file.
struct QueryRun<'a, 't> {
    rules: &'a RuleSet,
    lang: Language,
    compiled: &'a CompiledLanguage,
    text: &'a str,
    deadline: Instant,
    timed_out: bool,
    /// `(rule, range)` of findings so far: two patterns of a rule report a range once.
    seen: HashSet<(usize, Range<usize>)>,
    findings: Vec<Finding>,
    /// Helper matches per scope node id: many report matches share a scope (every call in a
    /// function, every statement of a module), so each scope is searched once.
    helper_cache: HashMap<(usize, usize), Rc<Vec<HelperMatch>>>,
    /// The same for searches narrowed to one join text (see [`MatchCtx::join_text`]).
    joined_cache: HashMap<(usize, usize, String), Rc<Vec<HelperMatch>>>,
    /// Per scope node id: the nodes inside it where a live helper pattern can start.
    scope_nodes: HashMap<usize, Rc<Vec<Start<'t>>>>,
    /// Per scope node id: the nodes inside it where a lazy helper's pattern can start.
    lazy_nodes: HashMap<usize, Rc<Vec<Start<'t>>>>,
    /// The nodes of `walked` where a live helper pattern can start, in document order.
    helper_nodes: Vec<Vec<Start<'t>>>,
    /// The byte range that the report walk collected `helper_nodes` in.
    walked: Range<usize>,
    /// The identifiers of scopes that fixes pick fresh names in, by scope node id.
    words: HashMap<usize, HashSet<&'a str>>,
    /// Where the words that patterns require occur in this file.
    index: &'a WordIndex,
    /// Per node kind: the helper patterns rooted there that can match in this file.
    helper_roots: &'a [Vec<u32>],
    /// Per node kind: the live patterns of lazy helpers ([`split_lazy`]).
    lazy_roots: &'a [Vec<u32>],
    /// Per helper: whether its nodes are found by a walk of each scope it is searched in.
    lazy: &'a [bool],
    /// Where walks of a scope look for the nodes of `helper_roots` and `lazy_roots`.
    helper_plan: &'a OnceCell<WalkPlan>,
    lazy_plan: &'a OnceCell<WalkPlan>,
    /// The root of the tree: enclosing scopes are found by a descent from it.
    root: Node<'t>,
}

/// A helper match whose own predicates hold, before joining.
struct HelperMatch {
    /// `(capture, node range, key range)`: the key is what `#extract?` chose, else the node.
    captures: Vec<(u32, Range<usize>, Range<usize>)>,
    location: Range<usize>,
}

/// Helper matching state shared by the report matches of one run.
struct Helpers<'c, 't> {
    cursor: &'c mut QueryCursor,
    cache: &'c mut HashMap<(usize, usize), Rc<Vec<HelperMatch>>>,
    joined_cache: &'c mut HashMap<(usize, usize, String), Rc<Vec<HelperMatch>>>,
    scope_nodes: &'c mut HashMap<usize, Rc<Vec<Start<'t>>>>,
    lazy_nodes: &'c mut HashMap<usize, Rc<Vec<Start<'t>>>>,
    helper_nodes: &'c [Vec<Start<'t>>],
    walked: Range<usize>,
    index: &'c WordIndex,
    roots: &'c [Vec<u32>],
    lazy_roots: &'c [Vec<u32>],
    lazy: &'c [bool],
    helper_plan: &'c OnceCell<WalkPlan>,
    lazy_plan: &'c OnceCell<WalkPlan>,
    /// The `(scope node id, helper)` searches under way (a helper's own `#has?` or
    /// `#has-before?` can search for helpers), innermost last; `true` once the search has
    /// seen one of those below it as having no matches, so its result is not cached.
    in_progress: Vec<((usize, usize), bool)>,
}

impl<'t> QueryRun<'_, 't> {
    /// Runs `query` on `node` and turns the matches whose predicates hold into findings.
    fn query(&mut self, query: &PatternQuery, start: Start<'t>, cursor: &mut QueryCursor, helpers: &mut QueryCursor) {
        let deadline = self.deadline;
        let mut timed_out = false;
        let mut progress = |_: &tree_sitter::QueryCursorState| {
            if Instant::now() > deadline {
                timed_out = true;
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let mut matches = cursor.matches_with_options(
            &query.query,
            start.0,
            self.text.as_bytes(),
            QueryCursorOptions::new().progress_callback(&mut progress),
        );
        while let Some(m) = matches.next() {
            let info = &self.compiled.patterns[query.pattern(m.pattern_index)];
            let captures: Vec<(u32, Node)> = m.captures().iter().map(|c| (query.capture(c.index), c.node)).collect();
            let mut ctx = MatchCtx {
                compiled: self.compiled,
                text: self.text,
                root: self.root,
                start,
                captures,
                joined: Vec::new(),
                count: None,
                crossing: None,
                keys: Vec::new(),
            };
            let active = &self.rules.active()[info.rule];
            let mut helpers = Helpers {
                cursor: helpers,
                cache: &mut self.helper_cache,
                joined_cache: &mut self.joined_cache,
                scope_nodes: &mut self.scope_nodes,
                lazy_nodes: &mut self.lazy_nodes,
                helper_nodes: &self.helper_nodes,
                walked: self.walked.clone(),
                index: self.index,
                roots: self.helper_roots,
                lazy_roots: self.lazy_roots,
                lazy: self.lazy,
                helper_plan: self.helper_plan,
                lazy_plan: self.lazy_plan,
                in_progress: Vec::new(),
            };
            if !info.predicates.iter().all(|p| ctx.holds(p, &mut helpers)) {
                continue;
            }
            let Some(node) = ctx.capture(self.compiled.match_capture) else { continue };
            let range = ctx.crossing.clone().unwrap_or_else(|| ctx.report_range(active, node));
            if !self.seen.insert((info.rule, range.clone())) {
                continue;
            }
            self.findings.push(ctx.finding(active, info, self.lang, node, range, &mut self.words));
        }
        drop(matches);
        self.timed_out |= timed_out || Instant::now() > deadline;
    }
}

impl FileResult {
    fn skipped(s: Skipped) -> FileResult {
        FileResult { skipped: Some(s), ..FileResult::default() }
    }
}

/// One report match while its predicates are evaluated.
struct MatchCtx<'a, 't> {
    compiled: &'a CompiledLanguage,
    text: &'a str,
    /// The root of the tree.
    root: Node<'t>,
    /// The node the match started at.
    start: Start<'t>,
    captures: Vec<(u32, Node<'t>)>,
    /// The helper matches joined to this match (for `replace-each` edits and related
    /// locations).
    joined: Vec<Joined>,
    /// `{count}` and `{limit}` of a `#count-above?`.
    count: Option<(usize, i64)>,
    /// Where an `"at-crossing"` count reports.
    crossing: Option<Range<usize>>,
    /// Captures that `#extract?` narrowed to a part of their text.
    keys: Vec<(u32, Range<usize>)>,
}

/// One helper match joined to a report match.
struct Joined {
    helper: usize,
    captures: Vec<(u32, Range<usize>)>,
    /// Where the match is: its `@match` capture, else the span of all its captures.
    location: Range<usize>,
}

impl<'a, 't> MatchCtx<'a, 't> {
    fn capture(&self, id: u32) -> Option<Node<'t>> {
        self.captures.iter().find(|(c, _)| *c == id).map(|(_, n)| *n)
    }

    fn node_text(&self, node: Node) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// The text a capture stands for: its node's, or the part `#extract?` chose.
    fn key_text(&self, id: u32, node: Node) -> &'a str {
        match self.keys.iter().find(|(c, _)| *c == id) {
            Some((_, r)) => self.text.get(r.clone()).unwrap_or(""),
            None => self.node_text(node),
        }
    }

    fn holds(&mut self, pred: &Predicate, cursor: &mut Helpers<'_, 't>) -> bool {
        if let Predicate::Extract { capture, regex } = pred {
            let Some(range) = self.capture(*capture).and_then(|n| extract(regex, n, self.text)) else {
                return false;
            };
            self.keys.push((*capture, range));
            return true;
        }
        if let Some(holds) = local_holds(pred, &self.captures, self.text, self.start) {
            return holds;
        }
        match pred {
            Predicate::AnyOfSetting { .. }
            | Predicate::PrecededBy { .. }
            | Predicate::Extract { .. }
            | Predicate::NamedChildrenAbove { .. }
            | Predicate::ParentKind { .. } => {
                unreachable!("local predicates")
            }
            Predicate::HasBefore { anchor, helper, scope_kinds, paths, last, negate } => {
                let Some(anchor) = self.capture(*anchor) else { return *negate };
                let scope = enclosing(self.root, anchor, scope_kinds);
                let mut earlier: Vec<_> = self
                    .helper_matches(cursor, *helper, scope, None)
                    .into_iter()
                    .filter(|m| {
                        m.captures.iter().map(|(_, r)| r.end).max().is_some_and(|end| end <= anchor.start_byte())
                    })
                    .collect();
                if let Some(paths) = paths.as_ref().filter(|_| !earlier.is_empty()) {
                    let shape = self.path_shape(cursor, scope, paths);
                    let to = shape.place(&anchor.byte_range());
                    earlier.retain(|m| shape.same_path(&shape.place(&m.location), &to));
                }
                if let Some(last) = last.filter(|_| !earlier.is_empty()) {
                    self.keep_after_last(cursor, scope, anchor, paths.as_ref(), last, &mut earlier);
                }
                let found = !earlier.is_empty();
                if found && !negate {
                    self.joined.extend(earlier);
                }
                found != *negate
            }
            Predicate::Has { scope, helper, scope_kinds, filters, negate } => {
                let Some(mut scope) = self.capture(*scope) else {
                    return *negate;
                };
                if !scope_kinds.is_empty() {
                    scope = enclosing(self.root, scope, scope_kinds);
                }
                let mut joined = self.helper_matches(cursor, *helper, scope, None);
                self.keep_filtered(cursor, scope, filters, &mut joined);
                let found = !joined.is_empty();
                if found && !negate {
                    self.joined.extend(joined);
                }
                found != *negate
            }
            Predicate::OnlyUsedAs { var, scope, helper } => {
                let (Some(var_node), Some(scope)) = (self.capture(*var), self.capture(*scope)) else {
                    return false;
                };
                let needle = self.node_text(var_node);
                if needle.is_empty() {
                    return false;
                }
                let joined = self.helper_matches(cursor, *helper, scope, Some(*var));
                let allowed: HashSet<Range<usize>> =
                    joined.iter().flat_map(|j| &j.captures).filter(|(c, _)| c == var).map(|(_, r)| r.clone()).collect();
                let range = scope.byte_range();
                let hay = &self.text.as_bytes()[range.clone()];
                let mut uses = 0;
                for at in memchr::memmem::find_iter(hay, needle.as_bytes()) {
                    let (s, e) = (range.start + at, range.start + at + needle.len());
                    let Some(node) = scope.descendant_for_byte_range(s, e) else {
                        continue;
                    };
                    // Any named node with this exact text counts, whatever its kind: a shorthand
                    // property `{ i }` or a field `x.i` must stop the match rather than be missed.
                    if node.start_byte() != s || node.end_byte() != e || !node.is_named() {
                        continue;
                    }
                    if node.byte_range() == var_node.byte_range() {
                        continue;
                    }
                    if !allowed.contains(&(s..e)) {
                        return false;
                    }
                    uses += 1;
                }
                if uses > 0 {
                    self.joined.extend(joined);
                }
                uses > 0
            }
            Predicate::CountAbove { scope, helper, limit, filters, paths, at_crossing, negate } => {
                let Some(scope) = self.capture(*scope) else { return *negate };
                let mut counted = self.helper_matches(cursor, *helper, scope, None);
                if !negate && counted.len() as i64 <= *limit {
                    // Filters, deduplication and paths only remove matches: not above.
                    return false;
                }
                self.keep_filtered(cursor, scope, filters, &mut counted);
                // Several helper patterns of one name may match the same node: count it once.
                counted.sort_by_key(|j| (j.location.start, j.location.end));
                counted.dedup_by(|a, b| a.location == b.location);
                if let Some(paths) = paths.as_ref().filter(|_| counted.len() > 1) {
                    let shape = self.path_shape(cursor, scope, paths);
                    counted = shape.longest_path(counted);
                }
                let n = counted.len();
                let above = n as i64 > *limit;
                self.count = Some((n, *limit));
                if above && !negate {
                    if *at_crossing {
                        let crossing = usize::try_from(*limit).ok().and_then(|l| counted.get(l));
                        self.crossing = crossing.map(|j| j.location.clone());
                    }
                    self.joined.extend(counted);
                }
                above != *negate
            }
        }
    }

    /// Keeps the matches that lie inside (or outside) some match of each filter's helper.
    fn keep_filtered(
        &self,
        helpers: &mut Helpers<'_, 't>,
        scope: Node<'t>,
        filters: &[Filter],
        matches: &mut Vec<Joined>,
    ) {
        for filter in filters {
            if matches.is_empty() {
                return;
            }
            let others: Vec<Range<usize>> =
                self.helper_matches(helpers, filter.helper, scope, None).into_iter().map(|j| j.location).collect();
            matches.retain(|j| {
                let within = others.iter().any(|o| o.start <= j.location.start && j.location.end <= o.end);
                within == filter.inside
            });
        }
    }

    /// `"last" "helper"` of `#has-before?`: drops the earlier matches that a later match of
    /// `last` (before `anchor`, on a path to it) replaces. A match of `last` replaces the
    /// matches that start before it when every path from them to `anchor` runs through it:
    /// every alternative around it also holds the earlier match or `anchor`.
    fn keep_after_last(
        &self,
        helpers: &mut Helpers<'_, 't>,
        scope: Node<'t>,
        anchor: Node<'t>,
        paths: Option<&Paths>,
        last: usize,
        earlier: &mut Vec<Joined>,
    ) {
        let ends_before =
            |j: &Joined| j.captures.iter().map(|(_, r)| r.end).max().is_some_and(|e| e <= anchor.start_byte());
        let mut lasts: Vec<Joined> = self.helper_matches(helpers, last, scope, None);
        lasts.retain(ends_before);
        if lasts.is_empty() {
            return;
        }
        let shape = match paths {
            Some(paths) => self.path_shape(helpers, scope, paths),
            None => PathShape::default(),
        };
        let to = shape.place(&anchor.byte_range());
        let within = |outer: &Range<usize>, inner: &Range<usize>| outer.start <= inner.start && inner.end <= outer.end;
        let replacing: Vec<Place> =
            lasts.iter().map(|j| shape.place(&j.location)).filter(|place| shape.same_path(place, &to)).collect();
        earlier.retain(|m| {
            !replacing.iter().any(|r| {
                r.range.start > m.location.start
                    && r.alternatives.iter().all(|&x| {
                        let alt = &shape.alternatives[x].0;
                        within(alt, &m.location) || within(alt, &to.range)
                    })
            })
        });
    }

    /// The alternatives and exits inside `scope` that `paths` names.
    fn path_shape(&self, helpers: &mut Helpers<'_, 't>, scope: Node<'t>, paths: &Paths) -> PathShape {
        // The topmost node spanning exactly a helper match's location.
        let node_at = |r: &Range<usize>| {
            let mut n = scope.descendant_for_byte_range(r.start, r.end)?;
            while let Some(p) = n.parent().filter(|p| p.byte_range() == *r) {
                n = p;
            }
            Some(n)
        };
        let mut shape = PathShape::default();
        if let Some(helper) = paths.alternatives {
            for j in self.helper_matches(helpers, helper, scope, None) {
                if let Some(parent) = node_at(&j.location).and_then(|n| n.parent()) {
                    shape.alternatives.push((j.location, parent.byte_range()));
                }
            }
        }
        if let Some(helper) = paths.exits {
            for j in self.helper_matches(helpers, helper, scope, None) {
                let Some(mut up) = node_at(&j.location) else { continue };
                let left = loop {
                    match up.parent() {
                        Some(p) if paths.exit_kinds.contains(&p.kind_id()) => break p.byte_range(),
                        Some(p) => up = p,
                        None => break 0..usize::MAX,
                    }
                };
                shape.exits.push((j.location, left));
            }
        }
        shape.alternatives.sort_by_key(|(r, p)| (r.start, r.end, p.start, p.end));
        shape.alternatives.dedup();
        shape.exits.sort_by_key(|(r, l)| (r.start, r.end, l.start, l.end));
        shape.exits.dedup();
        shape
    }

    /// Matches of `helper` inside `scope` that agree with this match on every shared,
    /// non-private capture except `identity` (which is joined by node, not text).
    fn helper_matches(
        &self,
        helpers: &mut Helpers<'_, 't>,
        helper: usize,
        scope: Node<'t>,
        identity: Option<u32>,
    ) -> Vec<Joined> {
        let join = self.join_text(helpers, helper, identity);
        let all = self.all_helper_matches(helpers, scope, helper, join);
        let mut out = Vec::new();
        for m in all.iter() {
            let agrees = m.captures.iter().all(|(c, _, key)| {
                if Some(*c) == identity || *c == self.compiled.match_capture || self.compiled.private[*c as usize] {
                    return true;
                }
                match self.capture(*c) {
                    Some(mine) => self.key_text(*c, mine) == self.text.get(key.clone()).unwrap_or(""),
                    None => true,
                }
            });
            if agrees {
                let captures = m.captures.iter().map(|(c, r, _)| (*c, r.clone())).collect();
                out.push(Joined { helper, captures, location: m.location.clone() });
            }
        }
        out
    }

    /// For a lazy helper (whose search walks the whole scope), a text that every match
    /// agreeing with this one contains: the key of a capture that this match has and that
    /// every pattern of the helper captures. Only the parts of the scope holding it need to
    /// be searched.
    fn join_text(&self, helpers: &Helpers<'_, 't>, helper: usize, identity: Option<u32>) -> Option<&'a str> {
        let info = &self.compiled.helpers[helper];
        if !helpers.lazy.get(helper).is_some_and(|&l| l) || info.full.is_some() {
            return None;
        }
        info.joins
            .iter()
            .filter(|&&c| Some(c) != identity)
            .find_map(|&c| self.capture(c).map(|n| self.key_text(c, n)))
            .filter(|t| !t.is_empty())
    }

    /// Every match of `helper` inside `scope` whose own predicates hold, searched once per
    /// scope and helper; with `join`, only those that contain that text (and perhaps others).
    fn all_helper_matches(
        &self,
        helpers: &mut Helpers<'_, 't>,
        scope: Node<'t>,
        helper: usize,
        join: Option<&str>,
    ) -> Rc<Vec<HelperMatch>> {
        let key = (scope.id(), helper);
        let found = match join {
            Some(text) => helpers.joined_cache.get(&(key.0, key.1, text.to_string())),
            None => helpers.cache.get(&key),
        };
        if let Some(found) = found {
            return found.clone();
        }
        if let Some(at) = helpers.in_progress.iter().position(|(k, _)| *k == key) {
            // A helper whose own predicates search for it in the same scope, directly or
            // through other helpers: it has no matches there while they are evaluated. What
            // was searched on the way depends on that, so it is not cached.
            for (_, provisional) in &mut helpers.in_progress[at + 1..] {
                *provisional = true;
            }
            return Rc::default();
        }
        // The matches are collected first and their predicates evaluated once the cursor is
        // free: `#has?` and `#has-before?` in a helper run helper queries themselves.
        let mut raw: Vec<RawMatch<'t>> = Vec::new();
        let raw_match = |query: &PatternQuery, m: &tree_sitter::QueryMatch<'_, 't>, start: Start<'t>| {
            let captures = m.captures().iter().map(|c| (query.capture(c.index), c.node)).collect();
            (query.pattern(m.pattern_index), captures, start)
        };
        let info = &self.compiled.helpers[helper];
        if let Some(query) = &info.anchored {
            let lazy = helpers.lazy.get(helper).is_some_and(|&l| l);
            let (nodes, roots) = if let Some(text) = join.filter(|_| lazy) {
                // A match joined on `text` starts at a node that holds it: the walk goes only
                // into nodes that hold an occurrence.
                let range = scope.byte_range();
                let hay = self.text.as_bytes().get(range.clone()).unwrap_or(&[]);
                let anchors = memchr::memmem::find_iter(hay, text.as_bytes()).map(|at| range.start + at).collect();
                let plan = WalkPlan { kinds: Some(KindSet::default()), anchors };
                (Rc::new(starts_in(self.compiled, scope, helpers.lazy_roots, &plan)), helpers.lazy_roots)
            } else if lazy {
                (self.lazy_nodes(helpers, scope), helpers.lazy_roots)
            } else if let Some(nodes) = self.walked_nodes(helpers, scope, helper) {
                (Rc::new(nodes), helpers.roots)
            } else {
                (self.scope_nodes(helpers, scope), helpers.roots)
            };
            // The query runs anchored where a pattern of this helper can start and the words
            // it needs occur.
            helpers.cursor.set_max_start_depth(Some(0));
            for &(node, parent) in nodes.iter() {
                let patterns = &roots[node.kind_id() as usize];
                let starts = patterns.iter().any(|&p| {
                    let info = &self.compiled.patterns[p as usize];
                    info.helper == Some(helper)
                        && info.starts_under(parent)
                        && helpers.index.all_within(&info.requires, node.byte_range())
                        && info.prechecks.iter().all(|c| c.holds(node, self.text, &info.predicates))
                });
                if starts {
                    let mut it = helpers.cursor.matches(&query.query, node, self.text.as_bytes());
                    while let Some(m) = it.next() {
                        raw.push(raw_match(query, m, (node, parent)));
                    }
                }
            }
            helpers.cursor.set_max_start_depth(None);
        }
        if let Some(query) = &info.full {
            let start = start_at(scope);
            let mut it = helpers.cursor.matches(&query.query, scope, self.text.as_bytes());
            while let Some(m) = it.next() {
                raw.push(raw_match(query, m, start));
            }
        }
        helpers.in_progress.push((key, false));
        let mut out = Vec::new();
        for (pattern, caps, start) in raw {
            self.push_helper_match(helpers, pattern, caps, start, &mut out);
        }
        let provisional = helpers.in_progress.pop().is_some_and(|(_, p)| p);
        let out = Rc::new(out);
        if !provisional {
            match join {
                Some(text) => helpers.joined_cache.insert((key.0, key.1, text.to_string()), out.clone()),
                None => helpers.cache.insert(key, out.clone()),
            };
        }
        out
    }

    /// The nodes of `scope` (itself included) where a pattern of a lazy helper can start, in
    /// document order: found by one walk of the scope, the first time one is searched there.
    fn lazy_nodes(&self, helpers: &mut Helpers<'_, 't>, scope: Node<'t>) -> Rc<Vec<Start<'t>>> {
        if let Some(found) = helpers.lazy_nodes.get(&scope.id()) {
            return found.clone();
        }
        let plan = helpers.lazy_plan.get_or_init(|| WalkPlan::new(self.compiled, &[helpers.lazy_roots], helpers.index));
        let nodes = Rc::new(starts_in(self.compiled, scope, helpers.lazy_roots, plan));
        helpers.lazy_nodes.insert(scope.id(), nodes.clone());
        nodes
    }

    /// The nodes of `scope` (itself included) where a pattern of `helper` can start, when
    /// the report walk saw the scope: taken from the nodes it collected for the helper. A
    /// node belongs to the scope when it lies within the scope's bytes.
    fn walked_nodes(&self, helpers: &Helpers<'_, 't>, scope: Node<'t>, helper: usize) -> Option<Vec<Start<'t>>> {
        let range = scope.byte_range();
        if !(helpers.walked.start <= range.start && range.end <= helpers.walked.end) {
            return None;
        }
        let all = helpers.helper_nodes.get(helper).map_or(&[][..], |v| v);
        let lo = all.partition_point(|(n, _)| n.start_byte() < range.start);
        let hi = all.partition_point(|(n, _)| n.start_byte() < range.end.max(range.start + 1));
        Some(all[lo..hi.max(lo)].iter().filter(|(n, _)| n.end_byte() <= range.end).copied().collect())
    }

    /// The nodes of `scope` (itself included) where a live helper pattern can start, in
    /// document order: found by one walk per scope, for scopes the report walk did not see.
    fn scope_nodes(&self, helpers: &mut Helpers<'_, 't>, scope: Node<'t>) -> Rc<Vec<Start<'t>>> {
        if let Some(found) = helpers.scope_nodes.get(&scope.id()) {
            return found.clone();
        }
        let nodes = if helpers.roots.iter().any(|ps| !ps.is_empty()) {
            let plan =
                helpers.helper_plan.get_or_init(|| WalkPlan::new(self.compiled, &[helpers.roots], helpers.index));
            starts_in(self.compiled, scope, helpers.roots, plan)
        } else {
            Vec::new()
        };
        let nodes = Rc::new(nodes);
        helpers.scope_nodes.insert(scope.id(), nodes.clone());
        nodes
    }

    /// Records a helper match whose own predicates hold. Its `#has?` and `#has-before?` are
    /// evaluated with its own captures, as a report match's are.
    fn push_helper_match(
        &self,
        helpers: &mut Helpers<'_, 't>,
        pattern: usize,
        caps: Vec<(u32, Node<'t>)>,
        start: Start<'t>,
        out: &mut Vec<HelperMatch>,
    ) {
        let info = &self.compiled.patterns[pattern];
        if !info.predicates.iter().all(|p| local_holds(p, &caps, self.text, start).unwrap_or(true)) {
            return;
        }
        let captures: Vec<(u32, Range<usize>, Range<usize>)> = caps
            .iter()
            .map(|(id, node)| {
                // The helper's own `#extract?` keys.
                let key = info.predicates.iter().find_map(|p| match p {
                    Predicate::Extract { capture, regex } if capture == id => extract(regex, *node, self.text),
                    _ => None,
                });
                (*id, node.byte_range(), key.unwrap_or_else(|| node.byte_range()))
            })
            .collect();
        let location = match captures.iter().find(|(c, _, _)| *c == self.compiled.match_capture) {
            Some((_, r, _)) => r.clone(),
            None => {
                let start = captures.iter().map(|(_, r, _)| r.start).min().unwrap_or(0);
                start..captures.iter().map(|(_, r, _)| r.end).max().unwrap_or(0)
            }
        };
        if info.predicates.iter().any(Predicate::is_scoped) {
            let keys = captures.iter().filter(|(_, r, k)| r != k).map(|(c, _, k)| (*c, k.clone())).collect();
            let mut ctx = MatchCtx {
                compiled: self.compiled,
                text: self.text,
                root: self.root,
                start,
                captures: caps,
                joined: Vec::new(),
                count: None,
                crossing: None,
                keys,
            };
            if !info.predicates.iter().filter(|p| p.is_scoped()).all(|p| ctx.holds(p, helpers)) {
                return;
            }
        }
        out.push(HelperMatch { captures, location });
    }

    fn var_text(&self, name: &str) -> Option<&'a str> {
        let id = self.compiled.capture_index(name)?;
        self.capture(id).map(|n| self.key_text(id, n))
    }

    /// A message placeholder's value: a capture's text (quoted), or `{count}`/`{limit}`.
    fn message_var<'s>(&'s self, name: &str, count: &'s (String, String)) -> Option<&'s str> {
        match (self.var_text(name), name) {
            (Some(t), _) => Some(quote(t)),
            (None, "count") if self.count.is_some() => Some(&count.0),
            (None, "limit") if self.count.is_some() => Some(&count.1),
            _ => None,
        }
    }

    /// The rule's `range` span over this match's captures, or the whole match.
    fn report_range(&self, active: &ActiveRule, node: Node) -> Range<usize> {
        let span = active.rule.range.as_ref().and_then(|(a, b)| {
            let a = self.capture(self.compiled.capture_index(a)?)?;
            let b = self.capture(self.compiled.capture_index(b)?)?;
            Some(a.start_byte()..b.end_byte().max(a.start_byte()))
        });
        span.unwrap_or_else(|| node.byte_range())
    }

    fn finding(
        &self,
        active: &ActiveRule,
        pattern: &PatternInfo,
        lang: Language,
        node: Node,
        range: Range<usize>,
        words: &mut HashMap<usize, HashSet<&'a str>>,
    ) -> Finding {
        let rule = &active.rule;
        let count = self.count.map(|(n, l)| (n.to_string(), l.to_string())).unwrap_or_default();
        let template = match &pattern.message {
            Some(key) => &rule.variants[key],
            None => rule.messages.get(&lang).unwrap_or(&rule.message),
        };
        let message = template.render(|v| self.message_var(v, &count)).unwrap_or_else(|| rule.summary.clone());
        let mut related: Vec<Related> = Vec::new();
        for j in &self.joined {
            let name = &self.compiled.helpers[j.helper].name;
            let Some(template) = rule.related.get(name) else { continue };
            if related.iter().any(|r| r.range == j.location) || j.location == range {
                continue;
            }
            if let Some(message) = template.render(|v| self.message_var(v, &count)) {
                related.push(Related { range: j.location.clone(), message });
            }
        }
        related.sort_by_key(|r| (r.range.start, r.range.end));
        let severity = if pattern.raise { active.severity.raised() } else { active.severity };
        Finding {
            rule: rule.id.clone(),
            severity,
            range,
            message,
            fix: self.fix(active, lang, node, words),
            related,
            subject: None,
        }
    }

    fn fix(
        &self,
        active: &ActiveRule,
        lang: Language,
        node: Node,
        words: &mut HashMap<usize, HashSet<&'a str>>,
    ) -> Option<Fix> {
        let spec = active.rule.fixes.get(&lang)?;
        let match_text = self.node_text(node);
        let mut fresh: Vec<(&str, String)> = Vec::new();
        for (name, f) in &spec.fresh {
            let mut candidates = Vec::new();
            if let Some(from) = &f.singular_of {
                candidates.extend(singular(self.var_text(from)?));
            }
            candidates.push(f.fallback.clone());
            // A name is free when it is no identifier of the scope. Scopes larger than the
            // match are shared by many findings (a module's loops): their words are collected
            // once per run.
            const FILE: usize = usize::MAX;
            let (key, scope) = match f.unique_in.as_str() {
                "match" => (None, match_text),
                "file" => (Some(FILE), self.text),
                kind => {
                    let mut up = node.parent();
                    while let Some(n) = up.filter(|n| n.kind() != kind) {
                        up = n.parent();
                    }
                    up.map_or((Some(FILE), self.text), |n| (Some(n.id()), self.node_text(n)))
                }
            };
            let mut taken = |c: &str| match key {
                None => contains_word(scope, c),
                Some(key) => words.entry(key).or_insert_with(|| identifier_words(scope)).contains(c),
            };
            let pick = candidates.into_iter().find(|c| is_identifier(c) && !taken(c))?;
            fresh.push((name, pick));
        }
        let lookup = |v: &str| -> Option<&str> {
            fresh.iter().find(|(n, _)| *n == v).map(|(_, s)| s.as_str()).or_else(|| self.var_text(v))
        };
        let mut edits = Vec::new();
        for e in &spec.edits {
            let text = e.with.render(lookup)?;
            match &e.target {
                EditTarget::Span(a, b) => {
                    let a = self.capture(self.compiled.capture_index(a)?)?;
                    let b = self.capture(self.compiled.capture_index(b)?)?;
                    if a.start_byte() > b.end_byte() {
                        return None;
                    }
                    edits.push(Edit { range: a.start_byte()..b.end_byte(), text });
                }
                EditTarget::Each(a, b) => {
                    let (a, b) = (self.compiled.capture_index(a)?, self.compiled.capture_index(b)?);
                    for m in &self.joined {
                        let find = |id: u32| m.captures.iter().find(|(c, _)| *c == id).map(|(_, r)| r.clone());
                        if let (Some(a), Some(b)) = (find(a), find(b)) {
                            if a.start > b.end {
                                return None;
                            }
                            edits.push(Edit { range: a.start..b.end, text: text.clone() });
                        }
                    }
                }
            }
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits.dedup();
        if edits.windows(2).any(|w| w[0].range.end > w[1].range.start) {
            return None;
        }
        Some(Fix { title: spec.title.render(lookup)?, applicability: spec.applicability, edits })
    }
}

/// The branches and exits of a scope (see [`Paths`]): which two places can run one after the
/// other on one path.
#[derive(Default)]
struct PathShape {
    /// Each alternative's range and its parent's: siblings never both run.
    alternatives: Vec<(Range<usize>, Range<usize>)>,
    /// Each exiting block's range and the range of the node it leaves.
    exits: Vec<(Range<usize>, Range<usize>)>,
}

/// Where a range is in a [`PathShape`]: the alternatives and exits that contain it.
struct Place {
    range: Range<usize>,
    alternatives: Vec<usize>,
    exits: Vec<usize>,
}

/// Path counting is quadratic in the matches: past this many, every match counts.
const MAX_PATH_MATCHES: usize = 2048;

impl PathShape {
    fn place(&self, range: &Range<usize>) -> Place {
        let within = |r: &Range<usize>| r.start <= range.start && range.end <= r.end;
        Place {
            range: range.clone(),
            alternatives: (0..self.alternatives.len()).filter(|&i| within(&self.alternatives[i].0)).collect(),
            exits: (0..self.exits.len()).filter(|&i| within(&self.exits[i].0)).collect(),
        }
    }

    /// Whether what is at `a` can run and then, on the same path, what is at `b` (which
    /// starts after `a`): not in two alternatives of one node, and not after a block around
    /// `a` that leaves a node around `b`.
    fn same_path(&self, a: &Place, b: &Place) -> bool {
        let exclusive = a.alternatives.iter().any(|&x| {
            let (alt, parent) = &self.alternatives[x];
            b.alternatives.iter().any(|&y| self.alternatives[y].1 == *parent && self.alternatives[y].0 != *alt)
        });
        let left = a.exits.iter().any(|&x| {
            let (exit, left) = &self.exits[x];
            !b.exits.contains(&x) && exit.end <= b.range.start && left.start <= b.range.start && b.range.end <= left.end
        });
        !exclusive && !left
    }

    /// The most matches (sorted by location) that can all run on one path, in source order.
    /// "Can run one after the other" is transitive along source order for branches and
    /// exits, so the longest chain of pairwise steps is the answer.
    fn longest_path(&self, matches: Vec<Joined>) -> Vec<Joined> {
        if matches.len() > MAX_PATH_MATCHES {
            return matches;
        }
        let places: Vec<Place> = matches.iter().map(|m| self.place(&m.location)).collect();
        let mut best = vec![1usize; matches.len()];
        let mut prev = vec![usize::MAX; matches.len()];
        for i in 0..matches.len() {
            for j in 0..i {
                if best[j] + 1 > best[i] && self.same_path(&places[j], &places[i]) {
                    best[i] = best[j] + 1;
                    prev[i] = j;
                }
            }
        }
        let Some(mut at) = (0..matches.len()).max_by_key(|&i| (best[i], usize::MAX - i)) else {
            return matches;
        };
        let mut chain = vec![at];
        while prev[at] != usize::MAX {
            at = prev[at];
            chain.push(at);
        }
        let mut slots: Vec<Option<Joined>> = matches.into_iter().map(Some).collect();
        chain.iter().rev().filter_map(|&i| slots[i].take()).collect()
    }
}

/// Evaluates a predicate that needs only the match itself; `None` for one that needs a scope.
pub(crate) fn local_holds(pred: &Predicate, captures: &[(u32, Node)], text: &str, start: Start) -> Option<bool> {
    let node = |id: u32| captures.iter().find(|(c, _)| *c == id).map(|(_, n)| *n);
    Some(match pred {
        Predicate::AnyOfSetting { capture, values, negate } => {
            let found = node(*capture).is_some_and(|n| {
                let t = text.get(n.byte_range()).unwrap_or("");
                values.binary_search_by(|v| v.as_str().cmp(t)).is_ok()
            });
            found != *negate
        }
        Predicate::PrecededBy { capture, text: before, negate } => {
            let found = node(*capture)
                .is_some_and(|n| text.get(..n.start_byte()).unwrap_or("").trim_end().ends_with(before.as_str()));
            found != *negate
        }
        Predicate::Extract { capture, regex } => node(*capture).is_some_and(|n| extract(regex, n, text).is_some()),
        Predicate::NamedChildrenAbove { capture, limit, negate } => {
            node(*capture).is_some_and(|n| n.named_child_count() as i64 > *limit) != *negate
        }
        Predicate::ParentKind { capture, kinds, negate } => {
            let parent = node(*capture).and_then(|n| parent_kind(start, n));
            parent.is_some_and(|k| kinds.binary_search(&k).is_ok()) != *negate
        }
        Predicate::OnlyUsedAs { .. }
        | Predicate::Has { .. }
        | Predicate::HasBefore { .. }
        | Predicate::CountAbove { .. } => return None,
    })
}

/// The byte range of the first group of `regex` in `node`'s text.
fn extract(regex: &regex::Regex, node: Node, text: &str) -> Option<Range<usize>> {
    let start = node.start_byte();
    let group = regex.captures(text.get(node.byte_range())?)?.get(1)?;
    Some(start + group.start()..start + group.end())
}

/// A captured text as quoted in a message: one line, at most 60 characters.
fn quote(s: &str) -> &str {
    let line = s.lines().next().unwrap_or("");
    match line.char_indices().nth(60) {
        Some((i, _)) => &line[..i],
        None => line,
    }
}

/// The singular of the last word of an expression: `self.items` -> `item`, `entries` -> `entry`.
fn singular(expr: &str) -> Option<String> {
    let word = expr.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).find(|w| !w.is_empty())?;
    let lower = word;
    let s = if let Some(stem) = lower.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes", "zes"].iter().any(|suf| lower.ends_with(suf)) {
        lower[..lower.len() - 2].to_string()
    } else if lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && lower.len() > 1
    {
        lower[..lower.len() - 1].to_string()
    } else {
        return None;
    };
    Some(s)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// Words no fresh name may be: keywords and reserved words of the languages Lever lints.
const KEYWORDS: &[&str] = &[
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "crate",
    "debugger",
    "def",
    "default",
    "del",
    "delete",
    "do",
    "dyn",
    "elif",
    "else",
    "enum",
    "except",
    "export",
    "extends",
    "false",
    "False",
    "finally",
    "fn",
    "for",
    "from",
    "function",
    "global",
    "if",
    "impl",
    "import",
    "in",
    "instanceof",
    "is",
    "lambda",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "new",
    "None",
    "nonlocal",
    "not",
    "null",
    "of",
    "or",
    "pass",
    "pub",
    "raise",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "switch",
    "this",
    "throw",
    "trait",
    "true",
    "True",
    "try",
    "type",
    "typeof",
    "undefined",
    "unsafe",
    "use",
    "var",
    "void",
    "where",
    "while",
    "with",
    "yield",
];

/// Every identifier-like word of `text` (what [`contains_word`] finds).
fn identifier_words(text: &str) -> HashSet<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect()
}

/// Whether `word` occurs in `text` as a whole identifier.
fn contains_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(is_ident)
            && !text[i + word.len()..].chars().next().is_some_and(is_ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_names() {
        assert_eq!(singular("self.items").as_deref(), Some("item"));
        assert_eq!(singular("entries").as_deref(), Some("entry"));
        assert_eq!(singular("boxes").as_deref(), Some("box"));
        assert_eq!(singular("data"), None);
        assert_eq!(singular("class"), None);
        assert_eq!(singular("xs").as_deref(), Some("x"));
        assert!(!is_identifier("if") && is_identifier("item"));
        assert!(contains_word("let item = 1", "item"));
        assert!(!contains_word("items[i]", "item"));
    }
}
