//! Compiling one language's rules into tree-sitter queries.
//!
//! The patterns of a language's rule files are compiled once, in groups ([`crate::groups`]):
//! each rule's report patterns (those that capture `@match`) in one query, run over the
//! whole tree or anchored at candidate nodes; each helper's patterns
//! (`(#set! helper "name")`) in one query, run only inside the scope a predicate names.
//! Patterns and captures are numbered across the groups, so capture ids agree between report
//! and helper matches.
//!
//! Nothing that could silently match everything survives compilation: unknown predicates,
//! `#is?`/`#is-not?`, unknown `#set!` keys and unused captures are errors, and a rule with
//! an error is left out while the others still run.

use std::collections::{BTreeMap, BTreeSet};

use tree_sitter::{CaptureQuantifier, QueryErrorKind, QueryPredicateArg};

use crate::error::{SourceError, line_col};
use crate::groups::{Groups, PatternQuery, Segment};
use crate::language::Language;
use crate::pack::{EditTarget, Setting};
use crate::precheck::{self, Precheck};
use crate::reach::Reach;
use crate::rules::ActiveRule;
use crate::words::{WordIndex, WordSets};

/// The compiled form of every active rule for one language.
pub struct CompiledLanguage {
    pub language: Language,
    /// Report patterns run over the whole tree, one query per rule.
    pub report: Vec<PatternQuery>,
    /// Report patterns run anchored at the nodes whose kind `report_roots` lists, one query
    /// per rule: at a node, only the rules whose patterns can start there (their words
    /// occur) run, and the query engine steps through no other rule's patterns.
    pub anchored: Vec<PatternQuery>,
    /// Per pattern index: the index in `anchored` of an anchored report pattern's query.
    pub anchored_query: Vec<u32>,
    /// Indexed by node kind id: the anchored report patterns rooted at that kind.
    pub report_roots: Vec<Vec<u32>>,
    /// Indexed by node kind id: the anchored helper patterns rooted at that kind.
    pub helper_roots: Vec<Vec<u32>>,
    /// Which kinds may occur below which: the report walk skips subtrees that cannot hold
    /// a node it looks for.
    pub reach: Option<Reach>,
    /// Per rule index: whether the rule has report patterns that run over the whole tree
    /// (no root kind to dispatch on), so its helpers may be needed in any file.
    pub whole_tree_rules: Vec<bool>,
    /// Capture names, indexed by the capture ids of [`PatternQuery::capture`].
    pub capture_names: Vec<String>,
    /// The word sets that patterns require ([`PatternInfo::requires`]).
    pub words: WordSets,
    /// Per pattern index (shared by both queries).
    pub patterns: Vec<PatternInfo>,
    pub helpers: Vec<HelperInfo>,
    /// Indices into [`crate::rules::RuleSet::active`] of the rules compiled here.
    pub rules: Vec<usize>,
    pub match_capture: u32,
    /// Capture ids whose names start with `_`: never joined, never quoted.
    pub private: Vec<bool>,
    /// When every rule has a prefilter: the file must contain one of these strings.
    pub prefilter: Option<Vec<String>>,
    /// For re-linting only part of a file ([`crate::incremental`]). `None` when a finding can
    /// depend on the whole file.
    pub relint_context: Option<RelintContext>,
}

/// What a finding can depend on, by node kind id (see [`crate::incremental`]).
pub struct RelintContext {
    /// Kinds whose nodes a finding can depend on as a whole: where report patterns start,
    /// where a fix looks for a free name, and the scopes of `#has-before?`.
    pub kinds: Vec<bool>,
    /// The scope kinds of `#has-before?` and `#has?`: an edit outside every node of these kinds can
    /// change findings anywhere in the file (the scope is then the file).
    pub scopes: Vec<bool>,
}

/// What the engine knows about one pattern.
pub struct PatternInfo {
    /// Index into the active rules.
    pub rule: usize,
    /// `Some(id)` for a helper pattern.
    pub helper: Option<usize>,
    pub predicates: Vec<Predicate>,
    /// `(#set! message "key")`: the rule's message variant this pattern reports with.
    pub message: Option<String>,
    /// `(#set! severity "raise")`: one level above the rule's severity.
    pub raise: bool,
    /// Word sets of [`CompiledLanguage::words`]: a match contains a word of each.
    pub requires: Vec<u32>,
    /// Word sets that must occur somewhere in the file (or the re-linted region) for the
    /// pattern to match: the words of helpers that `#has-before?` and scoped `#has?` look
    /// for around the match.
    pub requires_nearby: Vec<u32>,
    /// Sorted node kinds: a `#parent-kind?` on the node the pattern starts at says it starts
    /// only at children of these kinds, so the report walk need not look anywhere else.
    pub root_parents: Option<Vec<u16>>,
    /// Tests made at a node before the query runs there ([`crate::precheck`]).
    pub prechecks: Vec<Precheck>,
}

impl PatternInfo {
    /// Whether the pattern can start at a node whose parent has kind `parent` (`None`: the
    /// node is the root of the tree).
    pub fn starts_under(&self, parent: Option<u16>) -> bool {
        match (&self.root_parents, parent) {
            (None, _) => true,
            (Some(kinds), Some(parent)) => kinds.binary_search(&parent).is_ok(),
            (Some(_), None) => false,
        }
    }
}

impl PatternInfo {
    /// Whether the words this pattern needs, in its match and around it, are all `found`.
    pub fn words_found(&self, found: impl Fn(u32) -> bool) -> bool {
        self.requires.iter().chain(&self.requires_nearby).all(|&s| found(s))
    }
}

/// A named helper of one rule, and its patterns.
pub struct HelperInfo {
    pub rule: usize,
    pub name: String,
    /// The helper's patterns rooted at one node kind, run anchored at the nodes of a scope.
    pub anchored: Option<PatternQuery>,
    /// Its other patterns, run over the whole scope.
    pub full: Option<PatternQuery>,
    /// The joinable captures (not `@match`, not private) that every one of its patterns
    /// captures exactly once: a match joined on one has that capture's text.
    pub joins: Vec<u32>,
}

/// A predicate Lever evaluates itself (tree-sitter evaluates `#eq?`, `#match?`, `#any-of?`).
#[derive(Clone, Debug)]
pub enum Predicate {
    /// `(#only-used-as? @var @scope "helper")`: every occurrence of `@var`'s text (same node
    /// kind) inside `@scope` is captured as `@var` by a joined match of the helper, and there
    /// is at least one.
    OnlyUsedAs { var: u32, scope: u32, helper: usize },
    /// `(#has? @scope "helper")` / `(#not-has? …)`: a joined helper match exists inside `@scope`.
    /// With `scope_kinds`, inside the nearest ancestor of `@scope` of one of the kinds (the
    /// file if none); with `filters`, only matches inside (or outside) other helpers' count.
    Has { scope: u32, helper: usize, scope_kinds: Vec<u16>, filters: Vec<Filter>, negate: bool },
    /// `(#has-before? @anchor "helper" "kind"…)` / `(#not-has-before? …)`: inside the nearest
    /// ancestor of `@anchor` of one of the kinds (else the whole file), a joined helper match
    /// ends before `@anchor` starts. "A, then B, in the same function, on the same key."
    /// With `paths`, only matches that can run before `@anchor` on one path count. With
    /// `last`, only those that start at or after the last joined match of that helper which
    /// ends before `@anchor` (see [`Predicate::HasBefore`]'s `"last"` in queries/README.md).
    HasBefore {
        anchor: u32,
        helper: usize,
        scope_kinds: Vec<u16>,
        paths: Option<Paths>,
        last: Option<usize>,
        negate: bool,
    },
    /// `(#any-of-setting? @cap "setting")` / `(#not-any-of-setting? …)`: the capture's text is
    /// one of the strings of a list setting.
    AnyOfSetting { capture: u32, values: Vec<String>, negate: bool },
    /// `(#preceded-by? @cap "text")` / `(#not-preceded-by? …)`: the source before the capture,
    /// ignoring white space, ends with `text`. For tokens that the grammar does not group,
    /// such as a macro's arguments.
    PrecededBy { capture: u32, text: String, negate: bool },
    /// `(#extract? @cap "regex")`: the regex matches the capture's text, and from then on the
    /// capture stands for its first group (in joins and messages): the table of an SQL string.
    Extract { capture: u32, regex: regex::Regex },
    /// `(#named-children-above? @cap "limit")` / `(#not-named-children-above? …)`: the captured
    /// node has more than `limit` named children. Cheap, and a necessary condition for a
    /// count of helper matches that are children of the node (parameters, fields): put it
    /// before the `#count-above?` it guards.
    NamedChildrenAbove { capture: u32, limit: i64, negate: bool },
    /// `(#parent-kind? @cap "kind"…)` / `(#not-parent-kind? …)`: the captured node's parent
    /// is of one of the kinds ("a function at the top of the module"). On the node a pattern
    /// starts at, it also tells the report walk where to look (see
    /// [`PatternInfo::root_parents`]).
    ParentKind { capture: u32, kinds: Vec<u16>, negate: bool },
    /// `(#count-above? @scope "helper" "limit" …)` / `(#not-count-above? …)`: more than
    /// `limit` joined helper matches inside `@scope`, optionally only those `inside` (or not)
    /// a match of other helpers (every filter must hold); `at_crossing` reports at the match that crosses the limit.
    /// With `paths`, the count is of the most matches that can run on one path.
    CountAbove {
        scope: u32,
        helper: usize,
        limit: i64,
        filters: Vec<Filter>,
        paths: Option<Paths>,
        at_crossing: bool,
        negate: bool,
    },
}

/// `"alternatives" "helper"` and `"exits" "helper"` of `#has-before?` and `#count-above?`:
/// what the rule says about control flow, so that matches that cannot run on one path are
/// not put together. The engine knows no statement; the helpers say which nodes are
/// branches and which leave.
#[derive(Clone, Debug, Default)]
pub struct Paths {
    /// Matches of this helper are alternatives: of two matches whose nodes are children of
    /// the same node (an `if`'s consequence and its `else`), at most one runs.
    pub alternatives: Option<usize>,
    /// Matches of this helper are blocks that leave (end in `return`, `raise`, `throw`):
    /// nothing after such a block, inside the nearest ancestor of one of `exit_kinds` (the
    /// function it leaves; for `#has-before?` the scope kinds), runs after what is inside it.
    pub exits: Option<usize>,
    pub exit_kinds: Vec<u16>,
}

/// What the options of a scoped predicate say (see `options` in [`analyze`]).
#[derive(Default)]
struct Options {
    scope_kinds: Vec<u16>,
    filters: Vec<Filter>,
    paths: Paths,
    at_crossing: bool,
    /// `"last" "helper"` of `#has-before?`.
    last: Option<usize>,
}

/// `"inside" "helper"` / `"outside" "helper"` of `#count-above?`.
#[derive(Clone, Debug)]
pub struct Filter {
    pub inside: bool,
    pub helper: usize,
}

impl Predicate {
    /// Whether the predicate needs a scope of the match, and so runs after the predicates
    /// that look at the match only.
    pub fn is_scoped(&self) -> bool {
        matches!(
            self,
            Predicate::OnlyUsedAs { .. }
                | Predicate::Has { .. }
                | Predicate::HasBefore { .. }
                | Predicate::CountAbove { .. }
        )
    }
}

/// The options of `#count-above?` (anything else after the limit is a node kind of `"exits"`);
/// `"at-crossing"` comes last, since `#not-count-above?` takes all but it.
const COUNT_OPTIONS: [&str; 5] = ["inside", "outside", "alternatives", "exits", "at-crossing"];

/// The predicates Lever implements, with their argument shapes, for docs and errors.
pub const PREDICATES: [(&str, &str); 16] = [
    ("only-used-as?", "@var @scope \"helper\""),
    ("has?", "@scope \"helper\" [\"scope-kind\"…] [\"inside\"|\"outside\" \"helper\"]…"),
    ("not-has?", "@scope \"helper\" [\"scope-kind\"…] [\"inside\"|\"outside\" \"helper\"]…"),
    (
        "has-before?",
        "@anchor \"helper\" \"scope-kind\"… [\"alternatives\" \"helper\"] [\"exits\" \"helper\"] [\"last\" \"helper\"]",
    ),
    (
        "not-has-before?",
        "@anchor \"helper\" \"scope-kind\"… [\"alternatives\" \"helper\"] [\"exits\" \"helper\"] [\"last\" \"helper\"]",
    ),
    ("any-of-setting?", "@capture \"setting\""),
    ("not-any-of-setting?", "@capture \"setting\""),
    ("preceded-by?", "@capture \"text\""),
    ("not-preceded-by?", "@capture \"text\""),
    ("extract?", "@capture \"regex with one group\""),
    ("named-children-above?", "@capture \"limit\""),
    ("not-named-children-above?", "@capture \"limit\""),
    ("parent-kind?", "@capture \"kind\"…"),
    ("not-parent-kind?", "@capture \"kind\"…"),
    (
        "count-above?",
        "@scope \"helper\" \"limit\" [\"inside\"|\"outside\" \"helper\"]… [\"alternatives\" \"helper\"] [\"exits\" \"helper\" \"kind\"…] [\"at-crossing\"]",
    ),
    (
        "not-count-above?",
        "@scope \"helper\" \"limit\" [\"inside\"|\"outside\" \"helper\"]… [\"alternatives\" \"helper\"] [\"exits\" \"helper\" \"kind\"…]",
    ),
];

/// Compiles the rules that have a query for `lang`.
/// With `dispatch` off, every report pattern runs over the whole tree (for benchmarks).
pub fn compile(lang: Language, rules: &[ActiveRule], dispatch: bool) -> (CompiledLanguage, Vec<SourceError>) {
    let mut errors = Vec::new();
    let mut candidates: Vec<usize> =
        (0..rules.len()).filter(|&i| rules[i].rule.queries.iter().any(|q| q.language == lang)).collect();
    let grammar = lang.grammar();
    // Each iteration either succeeds or removes at least one rule.
    loop {
        if candidates.is_empty() {
            return (CompiledLanguage::empty(lang), errors);
        }
        // One segment per query file; a rule may have several files for one language.
        let segments: Vec<Segment> = candidates
            .iter()
            .flat_map(|&r| {
                rules[r].rule.queries.iter().filter(|q| q.language == lang).map(move |q| Segment {
                    rule: r,
                    file: &q.file,
                    text: &q.text,
                })
            })
            .collect();
        let groups = match Groups::compile(&grammar, &segments, true) {
            Ok(groups) => groups,
            Err(e) => {
                let s = &segments[e.segment];
                let message = query_error_message(&e.error);
                let disabled = format!("rule `{}` is disabled for {lang} until this is fixed", rules[s.rule].rule.id);
                // Report and helper patterns compile apart, so a predicate on a capture that
                // only a pattern of another group has is tree-sitter's "invalid capture name".
                let help = match e.error.kind {
                    QueryErrorKind::Capture => {
                        format!("a predicate on a capture its pattern lacks would hold for every match; {disabled}")
                    }
                    _ => disabled,
                };
                errors.push(
                    SourceError::new(s.file, e.line, e.column, format!("{message} (for {lang})")).with_help(help),
                );
                let bad = s.rule;
                candidates.retain(|&r| r != bad);
                continue;
            }
        };
        match analyze(lang, rules, &segments, groups, dispatch) {
            Ok(compiled) => return (compiled, errors),
            Err(errs) => {
                for (rule, e) in errs {
                    errors.push(e);
                    candidates.retain(|&r| r != rule);
                }
            }
        }
    }
}

fn query_error_message(e: &tree_sitter::QueryError) -> String {
    let first = e.message.lines().next().unwrap_or("").trim().trim_matches('"');
    match e.kind {
        QueryErrorKind::NodeType => format!("invalid node type `{first}`"),
        QueryErrorKind::Field => format!("invalid field name `{first}`"),
        QueryErrorKind::Capture => format!("`@{first}` is used in a predicate but this pattern does not capture it"),
        QueryErrorKind::Predicate => format!("invalid predicate: {first}"),
        QueryErrorKind::Structure => "impossible pattern: the grammar cannot produce this shape".to_string(),
        QueryErrorKind::Syntax => "invalid query syntax".to_string(),
        QueryErrorKind::Language => format!("grammar error: {first}"),
    }
}

impl CompiledLanguage {
    fn empty(language: Language) -> CompiledLanguage {
        CompiledLanguage {
            language,
            report: Vec::new(),
            anchored: Vec::new(),
            anchored_query: Vec::new(),
            report_roots: Vec::new(),
            helper_roots: Vec::new(),
            reach: None,
            whole_tree_rules: Vec::new(),
            capture_names: Vec::new(),
            words: WordSets::default(),
            patterns: Vec::new(),
            helpers: Vec::new(),
            rules: Vec::new(),
            match_capture: 0,
            private: Vec::new(),
            prefilter: None,
            relint_context: None,
        }
    }

    /// Whether any rule reports in this language.
    pub fn has_report_patterns(&self) -> bool {
        !self.report.is_empty() || !self.anchored.is_empty()
    }

    /// The index of a capture name (the same in all of this language's queries).
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        self.capture_names.iter().position(|n| n == name).map(|i| i as u32)
    }

    /// Whether a report pattern can match in a text with these words: a whole-tree pattern
    /// runs anywhere, an anchored one only where the words it requires (and those its
    /// `#has-before?`/scoped `#has?` helpers need) occur.
    pub fn can_report(&self, words: &WordIndex) -> bool {
        !self.report.is_empty()
            || self
                .report_roots
                .iter()
                .flatten()
                .any(|&p| self.patterns[p as usize].words_found(|s| words.in_searched(s)))
    }

    /// Whether a file with this text can produce a finding. `false` only when every rule of
    /// the language declares a prefilter and none of their strings occurs.
    pub fn may_match(&self, text: &str) -> bool {
        if !self.has_report_patterns() {
            return false;
        }
        match &self.prefilter {
            None => true,
            Some(tokens) => tokens.iter().any(|t| memchr::memmem::find(text.as_bytes(), t.as_bytes()).is_some()),
        }
    }
}

/// Checks every pattern and builds the compiled language, or returns the rules to drop.
fn analyze(
    lang: Language,
    rules: &[ActiveRule],
    segments: &[Segment],
    query: Groups,
    dispatch_on: bool,
) -> Result<CompiledLanguage, Vec<(usize, SourceError)>> {
    let mut errors: Vec<(usize, SourceError)> = Vec::new();
    let grammar = lang.grammar();
    let names = query.names();
    let match_capture = query.capture_index_for_name("match");
    // A pattern's file, and where the pattern starts and ends in it.
    let seg_of = |pattern: usize| {
        let (segment, range) = query.location(pattern);
        (&segments[segment], range.start, range.end)
    };
    let err_at = |seg: &Segment, local: usize, msg: String| {
        let (line, column) = line_col(seg.text, local);
        SourceError::new(seg.file, line, column, msg)
    };

    // First pass: helper names, so that predicates can refer to helpers defined later.
    let mut helpers: Vec<HelperInfo> = Vec::new();
    let mut helper_of: Vec<Option<usize>> = vec![None; query.pattern_count()];
    let mut message_of: Vec<Option<String>> = vec![None; query.pattern_count()];
    let mut raise_of = vec![false; query.pattern_count()];
    for (p, slot) in helper_of.iter_mut().enumerate() {
        let (seg, local, _) = seg_of(p);
        let rule = &rules[seg.rule].rule;
        for prop in query.property_settings(p) {
            match (&*prop.key, prop.value.as_deref(), prop.capture_id) {
                ("helper", Some(name), None) => {
                    let id = helpers.iter().position(|h| h.rule == seg.rule && h.name == name).unwrap_or_else(|| {
                        helpers.push(HelperInfo {
                            rule: seg.rule,
                            name: name.to_string(),
                            anchored: None,
                            full: None,
                            joins: Vec::new(),
                        });
                        helpers.len() - 1
                    });
                    *slot = Some(id);
                }
                ("message", Some(key), None) if rule.variants.contains_key(key) => message_of[p] = Some(key.to_string()),
                ("message", Some(key), None) => errors.push((
                    seg.rule,
                    err_at(seg, local, format!("`#set! message \"{key}\"`: rule.toml has no message `{key}`"))
                        .with_help(format!("add `{key} = \"…\"` to [messages] in {}/rule.toml", rule.dir)),
                )),
                ("severity", Some("raise"), None) => raise_of[p] = true,
                (key, _, _) => errors.push((
                    seg.rule,
                    err_at(seg, local, format!("unknown property `#set! {key}`")).with_help(
                        "properties are `(#set! helper \"name\")`, `(#set! message \"key\")` and `(#set! severity \"raise\")`",
                    ),
                )),
            }
        }
        if !query.property_predicates(p).is_empty() {
            errors.push((seg.rule, err_at(seg, local, "`#is?` and `#is-not?` are not supported".to_string())));
        }
    }

    let in_pattern = |p: usize, cap: u32| query.quantifier(p, cap) != CaptureQuantifier::Zero;
    let single_fields = precheck::single_fields(lang);
    let mut patterns = Vec::new();
    let mut words = WordSets::default();
    // Per rule: capture names of report patterns, of helper patterns, and names referenced.
    let mut report_caps: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
    let mut helper_caps: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
    let mut referenced: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
    let mut pattern_caps: Vec<BTreeSet<u32>> = Vec::with_capacity(helper_of.len());
    for (p, helper) in helper_of.iter().enumerate() {
        let (seg, local, end) = seg_of(p);
        let rule = &rules[seg.rule];
        let caps: BTreeSet<u32> = (0..names.len() as u32).filter(|&c| in_pattern(p, c)).collect();
        pattern_caps.push(caps.clone());
        if helper.is_some() {
            helper_caps.entry(seg.rule).or_default().extend(&caps);
        } else {
            if !match_capture.is_some_and(|m| caps.contains(&m)) {
                errors.push((
                    seg.rule,
                    err_at(seg, local, "this pattern captures no `@match`".to_string()).with_help(
                        "capture the node to report as `@match`, or mark a helper with `(#set! helper \"name\")`",
                    ),
                ));
            }
            report_caps.entry(seg.rule).or_default().extend(&caps);
        }
        for (at, name) in captures_in(seg.text.get(local..end).unwrap_or("")) {
            let captured = query.capture_index_for_name(name).is_some_and(|c| caps.contains(&c));
            if !captured {
                errors.push((
                    seg.rule,
                    err_at(
                        seg,
                        local + at,
                        format!("`@{name}` is used in a predicate but this pattern does not capture it"),
                    )
                    .with_help("a predicate on a capture its pattern lacks would hold for every match"),
                ));
            }
        }
        let mut predicates = Vec::new();
        for pred in &query.general_predicates(p) {
            let op = &*pred.operator;
            let caps_and_strings: Vec<Result<u32, &str>> = pred
                .args
                .iter()
                .map(|a| match a {
                    QueryPredicateArg::Capture(c) => Ok(*c),
                    QueryPredicateArg::String(s) => Err(&**s),
                })
                .collect();
            let helper_named = |name: &str| helpers.iter().position(|h| h.rule == seg.rule && h.name == name);
            // A limit: a number, or the name of one of the rule's integer settings.
            let limit_of = |limit: &str| -> Result<i64, SourceError> {
                match (limit.parse::<i64>(), rule.settings.get(limit)) {
                    (Ok(n), _) => Ok(n),
                    (_, Some(Setting::Integer(n))) => Ok(*n),
                    _ => Err(err_at(
                        seg,
                        local,
                        format!("`#{op}`: the limit is a number or an integer setting of `{}`", rule.rule.id),
                    )
                    .with_help("write `\"5\"`, or add `max-things = 5` to [settings] and name it")),
                }
            };
            let kind_ids = |kind: &str| -> Vec<u16> {
                (0..grammar.node_kind_count() as u16)
                    .filter(|&id| grammar.node_kind_is_named(id) && grammar.node_kind_for_id(id) == Some(kind))
                    .collect()
            };
            // The strings after a scoped predicate's helper: the `keywords` it takes, each but
            // `"at-crossing"` followed by a helper, and node kinds. Node kinds are the scope's
            // kinds when `scope_kinds`; otherwise they may only follow `"exits" "helper"` (the
            // kinds the exits leave). The first mistake is the error.
            let options = |rest: &[&str], keywords: &[&str], scope_kinds: bool| -> Result<Options, String> {
                let mut o = Options::default();
                let mut after_exits = false;
                let mut i = 0;
                while i < rest.len() {
                    let word = rest[i];
                    let taken = keywords.contains(&word);
                    if taken && word == "at-crossing" {
                        o.at_crossing = true;
                        after_exits = false;
                    } else if let (true, Some(other)) = (taken, rest.get(i + 1)) {
                        let helper = helper_named(other)
                            .ok_or_else(|| format!("no helper pattern named `{other}` in this file"))?;
                        match word {
                            "last" => {
                                if o.last.replace(helper).is_some() {
                                    return Err(format!("`#{op}`: unexpected option `{word}`"));
                                }
                            }
                            "alternatives" | "exits" => {
                                let slot = if word == "exits" { &mut o.paths.exits } else { &mut o.paths.alternatives };
                                if slot.replace(helper).is_some() {
                                    return Err(format!("`#{op}`: unexpected option `{word}`"));
                                }
                            }
                            _ => o.filters.push(Filter { inside: word == "inside", helper }),
                        }
                        after_exits = word == "exits";
                        i += 1;
                    } else if scope_kinds || (after_exits && !COUNT_OPTIONS.contains(&word)) {
                        let ids = kind_ids(word);
                        if ids.is_empty() {
                            return Err(format!("`#{op}`: `{word}` is not a node kind of the {lang} grammar"));
                        }
                        if scope_kinds { o.scope_kinds.extend(ids) } else { o.paths.exit_kinds.extend(ids) }
                    } else {
                        return Err(format!("`#{op}`: unexpected option `{word}`"));
                    }
                    i += 1;
                }
                Ok(o)
            };
            let shape = PREDICATES.iter().find(|(n, _)| *n == op).map(|(_, s)| *s);
            let parsed = match (op, caps_and_strings.as_slice()) {
                ("only-used-as?", [Ok(var), Ok(scope), Err(h)]) => {
                    helper_named(h).map(|helper| Predicate::OnlyUsedAs { var: *var, scope: *scope, helper }).ok_or(*h)
                }
                ("has?" | "not-has?", [Ok(scope), Err(h), rest @ ..]) if rest.iter().all(|k| k.is_err()) => {
                    let rest: Vec<&str> = rest.iter().filter_map(|k| k.err()).collect();
                    let Options { scope_kinds, filters, .. } = match options(&rest, &["inside", "outside"], true) {
                        Ok(o) => o,
                        Err(msg) => {
                            errors.push((seg.rule, err_at(seg, local, msg)));
                            continue;
                        }
                    };
                    helper_named(h)
                        .map(|helper| Predicate::Has {
                            scope: *scope,
                            helper,
                            scope_kinds,
                            filters,
                            negate: op == "not-has?",
                        })
                        .ok_or(*h)
                }
                ("has-before?" | "not-has-before?", [Ok(anchor), Err(h), rest @ ..])
                    if rest.iter().all(|k| k.is_err()) =>
                {
                    let rest: Vec<&str> = rest.iter().filter_map(|k| k.err()).collect();
                    let Options { scope_kinds, mut paths, last, .. } =
                        match options(&rest, &["alternatives", "exits", "last"], true) {
                            Ok(o) => o,
                            Err(msg) => {
                                errors.push((seg.rule, err_at(seg, local, msg)));
                                continue;
                            }
                        };
                    paths.exit_kinds = scope_kinds.clone();
                    let paths = (paths.alternatives.is_some() || paths.exits.is_some()).then_some(paths);
                    helper_named(h)
                        .map(|helper| Predicate::HasBefore {
                            anchor: *anchor,
                            helper,
                            scope_kinds,
                            paths,
                            last,
                            negate: op.starts_with("not-"),
                        })
                        .ok_or(*h)
                }
                ("named-children-above?" | "not-named-children-above?", [Ok(capture), Err(limit)]) => {
                    match limit_of(limit) {
                        Ok(limit) => Ok(Predicate::NamedChildrenAbove {
                            capture: *capture,
                            limit,
                            negate: op.starts_with("not-"),
                        }),
                        Err(e) => {
                            errors.push((seg.rule, e));
                            continue;
                        }
                    }
                }
                ("parent-kind?" | "not-parent-kind?", [Ok(capture), rest @ ..])
                    if !rest.is_empty() && rest.iter().all(|k| k.is_err()) =>
                {
                    let mut kinds = Vec::new();
                    let mut unknown = None;
                    for kind in rest.iter().filter_map(|k| k.err()) {
                        let ids = kind_ids(kind);
                        if ids.is_empty() {
                            unknown.get_or_insert(kind);
                        }
                        kinds.extend(ids);
                    }
                    if let Some(kind) = unknown {
                        errors.push((
                            seg.rule,
                            err_at(seg, local, format!("`#{op}`: `{kind}` is not a node kind of the {lang} grammar"))
                                .with_help("name the parent's kind as the grammar's node-types.json spells it"),
                        ));
                        continue;
                    }
                    kinds.sort_unstable();
                    kinds.dedup();
                    Ok(Predicate::ParentKind { capture: *capture, kinds, negate: op.starts_with("not-") })
                }
                ("count-above?" | "not-count-above?", [Ok(scope), Err(h), Err(limit), rest @ ..])
                    if rest.iter().all(|o| o.is_err()) =>
                {
                    let limit = match limit_of(limit) {
                        Ok(limit) => limit,
                        Err(e) => {
                            errors.push((seg.rule, e));
                            continue;
                        }
                    };
                    let rest: Vec<&str> = rest.iter().filter_map(|o| o.err()).collect();
                    let keywords = if op == "count-above?" { &COUNT_OPTIONS[..] } else { &COUNT_OPTIONS[..4] };
                    let Options { filters, paths, at_crossing, .. } = match options(&rest, keywords, false) {
                        Ok(o) => o,
                        Err(msg) => {
                            errors.push((
                                seg.rule,
                                err_at(seg, local, msg).with_help(format!("`#{op}` takes {}", shape.unwrap_or(""))),
                            ));
                            continue;
                        }
                    };
                    let paths = (paths.alternatives.is_some() || paths.exits.is_some()).then_some(paths);
                    helper_named(h)
                        .map(|helper| Predicate::CountAbove {
                            scope: *scope,
                            helper,
                            limit,
                            filters,
                            paths,
                            at_crossing,
                            negate: op.starts_with("not-"),
                        })
                        .ok_or(*h)
                }
                ("extract?", [Ok(cap), Err(pattern)]) => match regex::Regex::new(pattern) {
                    Ok(regex) if regex.captures_len() == 2 => Ok(Predicate::Extract { capture: *cap, regex }),
                    Ok(_) => {
                        errors.push((
                            seg.rule,
                            err_at(seg, local, "`#extract?`: the regex needs exactly one group".to_string())
                                .with_help("write `(?:…)` for groups that should not be extracted"),
                        ));
                        continue;
                    }
                    Err(e) => {
                        let first = e.to_string().lines().last().unwrap_or("").trim().to_string();
                        errors.push((seg.rule, err_at(seg, local, format!("`#extract?`: bad regex: {first}"))));
                        continue;
                    }
                },
                ("preceded-by?" | "not-preceded-by?", [Ok(cap), Err(text)]) => {
                    Ok(Predicate::PrecededBy { capture: *cap, text: text.to_string(), negate: op.starts_with("not-") })
                }
                ("any-of-setting?" | "not-any-of-setting?", [Ok(cap), Err(name)]) => match rule.settings.get(*name) {
                    Some(Setting::List(values)) => {
                        let mut values = values.clone();
                        values.sort();
                        Ok(Predicate::AnyOfSetting { capture: *cap, values, negate: op.starts_with("not-") })
                    }
                    _ => {
                        errors.push((
                            seg.rule,
                            err_at(
                                seg,
                                local,
                                format!("`#{op}` names `{name}`, which is not a list setting of `{}`", rule.rule.id),
                            ),
                        ));
                        continue;
                    }
                },
                _ => {
                    let msg = match shape {
                        Some(shape) => format!("`#{op}` takes {shape}"),
                        None => format!("unknown predicate `#{op}`"),
                    };
                    let known: Vec<String> = PREDICATES.iter().map(|(n, _)| format!("#{n}")).collect();
                    errors.push((
                        seg.rule,
                        err_at(seg, local, msg).with_help(format!(
                            "tree-sitter evaluates #eq?, #not-eq?, #any-eq?, #match?, #not-match?, #any-of?, #not-any-of?; Lever adds {}",
                            known.join(", ")
                        )),
                    ));
                    continue;
                }
            };
            match parsed {
                Ok(Predicate::OnlyUsedAs { .. } | Predicate::CountAbove { .. }) if helper.is_some() => {
                    errors.push((
                        seg.rule,
                        err_at(seg, local, format!("`#{op}` cannot be used in a helper pattern")).with_help(
                            "#only-used-as? and #count-above? belong to report patterns; helpers may use tree-sitter's predicates, #any-of-setting?, #preceded-by?, #extract?, #named-children-above?, #parent-kind?, #has?, #has-before? and their negations",
                        ),
                    ));
                    continue;
                }
                Ok(pred) => predicates.push(pred),
                Err(h) => {
                    errors.push((
                        seg.rule,
                        err_at(seg, local, format!("no helper pattern named `{h}` in this file"))
                            .with_help(format!("mark a pattern with `(#set! helper \"{h}\")`")),
                    ));
                    continue;
                }
            }
            referenced.entry(seg.rule).or_default().extend(caps_and_strings.iter().filter_map(|a| a.ok()));
        }
        // `#extract?` first, since the others join on what it extracts; then the predicates
        // that look at the match only; the ones that search a scope last.
        predicates.sort_by_key(|p| match p {
            Predicate::Extract { .. } => 0,
            _ if !p.is_scoped() => 1,
            _ => 2,
        });
        // Words the match must contain: from `#any-of-setting?`, and from `#eq?`/`#any-of?`
        // on a capture the pattern always has (tree-sitter lets those pass when it is absent).
        let mut required: Vec<Vec<String>> = predicates
            .iter()
            .filter_map(|pred| match pred {
                Predicate::AnyOfSetting { values, negate: false, .. } => Some(values.clone()),
                _ => None,
            })
            .collect();
        for (name, values) in text_requirements(seg.text.get(local..end).unwrap_or("")) {
            let always = query.capture_index_for_name(name).is_some_and(|c| {
                matches!(query.quantifier(p, c), CaptureQuantifier::One | CaptureQuantifier::OneOrMore)
            });
            if always {
                required.push(values);
            }
        }
        // A keyword child of the root (`(export_statement "export" …)`) is a word of every match.
        required.extend(root_tokens(seg.text.get(local..end).unwrap_or("")).into_iter().map(|t| vec![t]));
        let mut requires: Vec<u32> = required.into_iter().filter_map(|w| words.intern(w)).collect();
        requires.sort_unstable();
        requires.dedup();
        let prechecks = precheck::prechecks(
            seg.text.get(local..end).unwrap_or(""),
            lang,
            &single_fields,
            |name| query.capture_index_for_name(name).map(|c| (c, query.quantifier(p, c))),
            &predicates,
        );
        let at_root = root_captures(seg.text.get(local..end).unwrap_or(""));
        let root_parents = predicates.iter().find_map(|pred| match pred {
            Predicate::ParentKind { capture, kinds, negate: false }
                if at_root.iter().any(|name| query.capture_index_for_name(name) == Some(*capture)) =>
            {
                Some(kinds.clone())
            }
            _ => None,
        });
        patterns.push(PatternInfo {
            rule: seg.rule,
            helper: *helper,
            predicates,
            message: message_of[p].take(),
            raise: raise_of[p],
            requires,
            requires_nearby: Vec::new(),
            root_parents,
            prechecks,
        });
    }

    // A helper pattern whose `#has?`/`#has-before?` searches for another helper joins with it
    // on the capture names they share: those are join keys too.
    for (p, info) in patterns.iter().enumerate().filter(|(_, info)| info.helper.is_some()) {
        for pred in &info.predicates {
            let searched = match pred {
                Predicate::Has { helper, .. } => vec![*helper],
                Predicate::HasBefore { helper, last, .. } => [Some(*helper), *last].into_iter().flatten().collect(),
                _ => continue,
            };
            for (q, other) in patterns.iter().enumerate() {
                if other.helper.is_some_and(|h| searched.contains(&h)) {
                    referenced.entry(info.rule).or_default().extend(pattern_caps[p].intersection(&pattern_caps[q]));
                }
            }
        }
    }

    // A report pattern that needs a helper match inside its own match (`#count-above?` with
    // a limit of 0 or more, a positive `#has?` on a capture) needs that helper's words too:
    // a word of some helper pattern's first set. Structural patterns (a function with more
    // than one write) then run only where the words of their helpers occur.
    // The words of a helper: for each of its patterns, the words of its first set; `None`
    // when one of them needs none.
    let helper_words = |helper: usize| -> Option<Vec<String>> {
        let mut all = Vec::new();
        for hp in patterns.iter().filter(|q| q.helper == Some(helper)) {
            all.extend_from_slice(words.words(*hp.requires.first()?));
        }
        (!all.is_empty()).then_some(all)
    };
    // A helper match needed around the match (`#has-before?`, `#has?` in an enclosing
    // scope) needs the helper's words somewhere in the file.
    type WordLists = Vec<Vec<String>>;
    let derived: Vec<(WordLists, WordLists)> = patterns
        .iter()
        .map(|p| {
            let (mut inside, mut nearby) = (Vec::new(), Vec::new());
            if p.helper.is_some() {
                return (inside, nearby);
            }
            for pred in &p.predicates {
                match pred {
                    Predicate::CountAbove { helper, limit, negate: false, .. } if *limit >= 0 => {
                        inside.extend(helper_words(*helper))
                    }
                    Predicate::Has { helper, scope_kinds, negate: false, .. } if scope_kinds.is_empty() => {
                        inside.extend(helper_words(*helper))
                    }
                    Predicate::Has { helper, negate: false, .. }
                    | Predicate::HasBefore { helper, negate: false, .. } => nearby.extend(helper_words(*helper)),
                    _ => {}
                }
            }
            (inside, nearby)
        })
        .collect();
    for (p, (inside, nearby)) in patterns.iter_mut().zip(derived) {
        p.requires.extend(inside.into_iter().filter_map(|w| words.intern(w)));
        p.requires.sort_unstable();
        p.requires.dedup();
        p.requires_nearby = nearby.into_iter().filter_map(|w| words.intern(w)).collect();
    }

    // Captures must be used: quoted in a message or fix, a predicate argument, a join key
    // between a report and a helper pattern, `@match`, or private (`@_name`).
    // Once per rule: the checks look at all of its files for this language.
    let first_segments = segments.iter().enumerate().filter(|(i, s)| *i == 0 || segments[i - 1].rule != s.rule);
    for (_, seg) in first_segments {
        let rule = &rules[seg.rule];
        let rule_segments: Vec<&Segment> = segments.iter().filter(|s| s.rule == seg.rule).collect();
        let report = report_caps.get(&seg.rule).cloned().unwrap_or_default();
        let helper = helper_caps.get(&seg.rule).cloned().unwrap_or_default();
        let mut used = referenced.get(&seg.rule).cloned().unwrap_or_default();
        let id_of = |n: &str| query.capture_index_for_name(n);
        let fix = rule.rule.fixes.get(&lang);
        let message = rule.rule.messages.get(&lang).unwrap_or(&rule.rule.message);
        let mut template_vars: Vec<&str> = message.vars().collect();
        let rule_patterns = || patterns.iter().filter(|p: &&PatternInfo| p.rule == seg.rule);
        for key in rule_patterns().filter_map(|p| p.message.as_deref()) {
            template_vars.extend(rule.rule.variants[key].vars());
        }
        for (name, template) in &rule.rule.related {
            if helpers.iter().any(|h| h.rule == seg.rule && h.name == *name) {
                template_vars.extend(template.vars());
            } else {
                errors.push((
                    seg.rule,
                    SourceError::file(
                        format!("{}/rule.toml", rule.rule.dir),
                        format!("[related] `{name}` names no helper pattern of the {lang} query"),
                    )
                    .with_help(format!("mark a pattern with `(#set! helper \"{name}\")` in {}", seg.file)),
                ));
            }
        }
        let counts = rule_patterns().flat_map(|p| &p.predicates).any(|p| matches!(p, Predicate::CountAbove { .. }));
        if let Some((a, b)) = &rule.rule.range {
            template_vars.extend([a.as_str(), b.as_str()]);
        }
        if let Some(fix) = fix {
            template_vars.extend(fix.title.vars());
            for e in &fix.edits {
                template_vars.extend(e.with.vars());
                match &e.target {
                    EditTarget::Span(a, b) | EditTarget::Each(a, b) => template_vars.extend([a.as_str(), b.as_str()]),
                }
            }
            template_vars.extend(fix.fresh.values().filter_map(|f| f.singular_of.as_deref()));
        }
        for var in template_vars {
            if fix.is_some_and(|f| f.fresh.contains_key(var)) {
                continue;
            }
            if counts && matches!(var, "count" | "limit") && id_of(var).is_none() {
                continue;
            }
            match id_of(var).filter(|c| report.contains(c) || helper.contains(c)) {
                Some(c) => {
                    used.insert(c);
                }
                None => errors.push((
                    seg.rule,
                    SourceError::file(
                        format!("{}/rule.toml", rule.rule.dir),
                        format!("`{{{var}}}` names no capture of the {lang} query"),
                    )
                    .with_help(format!("capture it as `@{var}` in {}", seg.file)),
                )),
            }
        }
        for &c in report.union(&helper) {
            let name = names[c as usize].as_str();
            let joined = report.contains(&c) && helper.contains(&c);
            if name == "match" || name.starts_with('_') || joined || used.contains(&c) {
                continue;
            }
            let (at_seg, local) =
                rule_segments.iter().find_map(|s| find_capture(s.text, name).map(|at| (*s, at))).unwrap_or((seg, 0));
            errors.push((
                seg.rule,
                err_at(at_seg, local, format!("capture `@{name}` is not used")).with_help(format!(
                    "quote it in the message as {{{name}}}, use it in a predicate, or rename it `@_{name}`"
                )),
            ));
        }
    }

    if !errors.is_empty() {
        return Err(errors);
    }

    let mut rule_ids: Vec<usize> = segments.iter().map(|s| s.rule).collect();
    rule_ids.dedup(); // Segments of one rule are adjacent.
    let prefilter = rule_ids
        .iter()
        .map(|&r| rules[r].rule.prefilter.get(&lang).cloned())
        .collect::<Option<Vec<Vec<String>>>>()
        .map(|lists| lists.concat());
    let private: Vec<bool> = names.iter().map(|n| n.starts_with('_')).collect();

    // Split the patterns four ways. Report and helper patterns rooted at named node kinds
    // run anchored at each node of those kinds, found by one cursor walk (cheaper than the
    // query engine's own traversal) and skipped where the words they need do not occur.
    // The rest run over the whole tree (report) or the whole scope (helper).
    let kinds = grammar.node_kind_count();
    let mut report_roots: Vec<Vec<u32>> = vec![Vec::new(); kinds];
    let mut helper_roots: Vec<Vec<u32>> = vec![Vec::new(); kinds];
    let mut role: Vec<Role> = Vec::with_capacity(patterns.len());
    for (i, p) in patterns.iter().enumerate() {
        let (seg, local, end) = seg_of(i);
        let ids: Vec<usize> = match root_kinds(seg.text.get(local..end).unwrap_or("")) {
            Some(names) if dispatch_on && query.is_rooted_locally(i) => (0..kinds)
                .filter(|&id| {
                    grammar.node_kind_is_named(id as u16)
                        && grammar.node_kind_for_id(id as u16).is_some_and(|k| names.contains(&k))
                })
                .collect(),
            _ => Vec::new(),
        };
        let (anchored, full, roots) = match p.helper {
            Some(_) => (Role::Helper, Role::HelperFull, &mut helper_roots),
            None => (Role::Anchored, Role::Full, &mut report_roots),
        };
        if ids.is_empty() {
            role.push(full);
            continue;
        }
        for id in ids {
            roots[id].push(i as u32);
        }
        role.push(anchored);
    }
    words.finish();
    for (h, info) in helpers.iter_mut().enumerate() {
        let mut joins: Option<Vec<u32>> = None;
        for p in (0..patterns.len()).filter(|&p| patterns[p].helper == Some(h)) {
            let once = |c: &u32| {
                Some(*c) != match_capture && !private[*c as usize] && query.quantifier(p, *c) == CaptureQuantifier::One
            };
            joins = Some(match joins {
                None => (0..names.len() as u32).filter(once).collect(),
                Some(j) => j.into_iter().filter(once).collect(),
            });
        }
        info.joins = joins.unwrap_or_default();
    }
    let capture_names = names.to_vec();
    let (mut report, mut anchored) = (Vec::new(), Vec::new());
    let mut anchored_query = vec![u32::MAX; patterns.len()];
    for ((r, helper), q) in query.into_queries(|p| Some((role[p], patterns[p].helper))) {
        match (r, helper) {
            (Role::Full, None) => report.push(q),
            (Role::Anchored, None) => {
                for p in (0..patterns.len()).filter(|&p| role[p] == Role::Anchored && q.holds(p)) {
                    anchored_query[p] = anchored.len() as u32;
                }
                anchored.push(q);
            }
            (Role::Helper, Some(h)) => helpers[h].anchored = Some(q),
            (Role::HelperFull, Some(h)) => helpers[h].full = Some(q),
            _ => unreachable!("helper roles are given to helper patterns only"),
        }
    }
    let dispatch: Vec<bool> = report_roots.iter().map(|ps| !ps.is_empty()).collect();
    let mut whole_tree_rules = vec![false; rules.len()];
    for (p, r) in role.iter().enumerate() {
        if *r == Role::Full {
            whole_tree_rules[patterns[p].rule] = true;
        }
    }
    let reach = (!anchored.is_empty()).then(|| Reach::new(lang));
    let relint_context = relint_context(lang, rules, &rule_ids, &patterns, &dispatch, role.contains(&Role::Full));
    Ok(CompiledLanguage {
        relint_context,
        language: lang,
        match_capture: match_capture.unwrap_or(0),
        report,
        anchored,
        anchored_query,
        report_roots,
        helper_roots,
        reach,
        whole_tree_rules,
        capture_names,
        words,
        patterns,
        helpers,
        rules: rule_ids,
        private,
        prefilter,
    })
}

/// See [`CompiledLanguage::relint_context`].
fn relint_context(
    lang: Language,
    rules: &[ActiveRule],
    rule_ids: &[usize],
    patterns: &[PatternInfo],
    dispatch: &[bool],
    whole_tree_patterns: bool,
) -> Option<RelintContext> {
    if whole_tree_patterns {
        return None;
    }
    let grammar = lang.grammar();
    let mut context = dispatch.to_vec();
    let mut scopes = vec![false; dispatch.len()];
    for pred in patterns.iter().flat_map(|p| &p.predicates) {
        if let Predicate::HasBefore { scope_kinds, .. } | Predicate::Has { scope_kinds, .. } = pred {
            for &id in scope_kinds {
                context[id as usize] = true;
                scopes[id as usize] = true;
            }
        }
    }
    for fix in rule_ids.iter().filter_map(|&r| rules[r].rule.fixes.get(&lang)) {
        for fresh in fix.fresh.values() {
            match fresh.unique_in.as_str() {
                "match" => {}
                "file" => return None,
                kind => {
                    for (id, slot) in context.iter_mut().enumerate() {
                        if grammar.node_kind_for_id(id as u16) == Some(kind) {
                            *slot = true;
                        }
                    }
                }
            }
        }
    }
    Some(RelintContext { kinds: context, scopes })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Helper,
    HelperFull,
    Anchored,
    Full,
}

/// The node kinds a pattern's text starts with (`((for_statement …) @match …)` →
/// `for_statement`; `[(a …) (b …)] @x` → `a`, `b`); `None` for a wildcard, an anonymous
/// node, a sibling sequence or anything else that has no single named root.
fn root_kinds(pattern: &str) -> Option<Vec<&str>> {
    let rest = skip_trivia(pattern);
    let mut rest = rest.strip_prefix('(')?;
    rest = skip_trivia(rest);
    if let Some(inner) = rest.strip_prefix('[') {
        // A top-level alternation: each alternative must be one named node.
        let mut kinds = Vec::new();
        let mut rest = skip_trivia(inner);
        while !rest.starts_with(']') {
            let item = rest.strip_prefix('(')?;
            let kind = node_name(item)?;
            kinds.push(kind);
            // Captures and quantifiers after the alternative.
            rest = skip_captures(after_group(rest)?);
            if rest.starts_with(['*', '+', '?']) {
                return None;
            }
        }
        return (!kinds.is_empty()).then_some(kinds);
    }
    if let Some(inner) = rest.strip_prefix('(') {
        // `((kind …) @cap (#pred …))`: the grouping around one node and its predicates.
        let kind = node_name(inner)?;
        // A second node in the group would make a sibling sequence.
        let tail = skip_captures(after_group(rest)?);
        let tail = skip_trivia(tail.trim_start_matches(['.', '*', '+', '?']));
        if tail.starts_with(['[', '"', '_']) || (tail.starts_with('(') && !tail.starts_with("(#")) {
            return None;
        }
        return Some(vec![kind]);
    }
    node_name(rest).map(|k| vec![k])
}

/// The captures that every match of a pattern puts on the node it starts at:
/// `((kind …) @a @b (#…))`, `(kind …) @a`, and `[(a …) (b …)] @a` (captures inside the
/// alternatives are left out). Empty when the pattern has no single root node.
fn root_captures(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let Some(rest) = skip_trivia(pattern).strip_prefix('(') else { return out };
    let rest = skip_trivia(rest);
    // The grouping around a root node and its predicates, or the root node itself.
    let (group, outer) = if rest.starts_with(['(', '[']) { (rest, false) } else { (skip_trivia(pattern), true) };
    let Some(mut after) = after_group(group) else { return out };
    loop {
        after = skip_trivia(after);
        let Some(r) = after.strip_prefix('@') else { break };
        let name = capture_name(r);
        out.push(name);
        after = &r[name.len()..];
    }
    // `(kind …) @a` is a root node only when nothing but predicates follows.
    if outer && !skip_trivia(after).is_empty() && !skip_trivia(after).starts_with("(#") {
        out.clear();
    }
    out
}

/// The identifier-like anonymous nodes that are children of a pattern's root node, without a
/// quantifier (`"export"` in `((export_statement "export" declaration: (_)) @match)`): every
/// match contains them as words. Empty when the pattern has no single root node.
fn root_tokens(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(mut rest) = skip_trivia(pattern).strip_prefix('(') else { return out };
    rest = skip_trivia(rest);
    if let Some(inner) = rest.strip_prefix('(') {
        rest = skip_trivia(inner);
    }
    let Some(kind) = node_name(rest) else { return out };
    rest = &skip_trivia(rest)[kind.len()..];
    loop {
        rest = skip_trivia(rest);
        let (token, after) = match rest.as_bytes().first() {
            None | Some(b')') => return out,
            Some(b'"') => match read_string(&rest[1..]) {
                Some((value, after)) => (Some(value), after),
                None => return out,
            },
            Some(b'(' | b'[') => match after_group(rest) {
                Some(after) => (None, after),
                None => return out,
            },
            Some(b'@') => (None, &rest[1 + capture_name(&rest[1..]).len()..]),
            Some(_) => {
                // A field name (`name:`), a negated field (`!name`), an anchor or a wildcard.
                let n = rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(rest.len(), |n| n + 1);
                let after = &rest[n..];
                (None, after.strip_prefix(':').unwrap_or(after))
            }
        };
        rest = skip_captures(after);
        let optional = rest.starts_with(['?', '*']);
        rest = rest.trim_start_matches(['?', '*', '+']);
        if let Some(t) =
            token.filter(|t| !optional && !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_'))
        {
            out.push(t);
        }
    }
}

/// The named node kind at the start of `text` (just after its `(`).
fn node_name(text: &str) -> Option<&str> {
    let text = skip_trivia(text);
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    let kind = &text[..end];
    (!kind.is_empty() && kind != "_").then_some(kind)
}

/// The capture name at the start of `text` (just after its `@`).
pub(crate) fn capture_name(text: &str) -> &str {
    let len = text.find(|c: char| !(c.is_alphanumeric() || "_-.".contains(c))).unwrap_or(text.len());
    &text[..len]
}

/// `text` after white space, comments and any `@capture` names.
fn skip_captures(text: &str) -> &str {
    let mut rest = skip_trivia(text);
    while let Some(r) = rest.strip_prefix('@') {
        rest = skip_trivia(&r[capture_name(r).len()..]);
    }
    rest
}

/// `text` after white space and `;` comments.
pub(crate) fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if text.starts_with(';') {
            text = text.split_once('\n').map_or("", |(_, r)| r);
        } else {
            return text;
        }
    }
}

/// The text after the parenthesized group that `text` starts with, skipping strings,
/// comments and nested groups.
pub(crate) fn after_group(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[i + 1..]);
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b';' => i = text[i..].find('\n').map_or(bytes.len(), |n| i + n),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `(#eq? @cap "word")` and `(#any-of? @cap "a" "b" …)` predicates of a pattern's text:
/// the capture's name and the strings one of which its text must be.
fn text_requirements(pattern: &str) -> Vec<(&str, Vec<String>)> {
    text_predicates(pattern)
        .into_iter()
        .filter(|(op, _, values)| *op == "any-of?" || (*op == "eq?" && values.len() == 1))
        .map(|(_, name, values)| (name, values))
        .collect()
}

/// The predicates of a pattern's text that test one capture against strings
/// (`(#eq? @cap "a")`, `(#not-match? @cap "re")`, `(#any-of? @cap "a" "b" …)`): operator
/// (without `#`), capture name, strings. `(#eq? @a @b)` compares two captures: left out.
pub(crate) fn text_predicates(pattern: &str) -> Vec<(&str, &str, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(at) = rest.find("(#") {
        // Skip comments and strings before the predicate.
        let before = &rest[..at];
        if before.rfind('\n').map_or(before, |n| &before[n..]).contains(';') || before.matches('"').count() % 2 == 1 {
            rest = &rest[at + 2..];
            continue;
        }
        let body = &rest[at + 2..];
        let op_end = body.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(body.len());
        let op = &body[..op_end];
        let mut args = skip_trivia(&body[op_end..]);
        rest = body;
        let Some(cap) = args.strip_prefix('@') else { continue };
        let name = capture_name(cap);
        args = skip_trivia(&cap[name.len()..]);
        let mut values = Vec::new();
        let mut ok = true;
        while let Some(s) = args.strip_prefix('"') {
            let Some((value, rest)) = read_string(s) else {
                ok = false;
                break;
            };
            values.push(value);
            args = skip_trivia(rest);
        }
        if ok && args.starts_with(')') && !values.is_empty() {
            out.push((op, name, values));
        }
    }
    out
}

/// A query string's value and the text after it, from just after its opening `"`; `None`
/// when it does not end.
pub(crate) fn read_string(s: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &s[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'r' => value.push('\r'),
                '0' => value.push('\0'),
                c => value.push(c),
            },
            c => value.push(c),
        }
    }
    None
}

/// Every `@name` in query text, with its byte offset, skipping comments and strings.
fn captures_in(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => i = text[i..].find('\n').map_or(bytes.len(), |n| i + n),
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'@' => {
                let rest = &text[i + 1..];
                let name = capture_name(rest);
                out.push((i, name));
                i += 1 + name.len();
            }
            _ => i += 1,
        }
    }
    out
}

/// The byte offset of `@name` in a query file.
fn find_capture(text: &str, name: &str) -> Option<usize> {
    captures_in(text).into_iter().find(|(_, n)| *n == name).map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_kinds_of_patterns() {
        assert_eq!(root_kinds("((for_statement) @match (#eq? @match \"x\"))"), Some(vec!["for_statement"]));
        assert_eq!(root_kinds("; note\n(call function: (identifier)) @match"), Some(vec!["call"]));
        assert_eq!(
            root_kinds(
                "([(assignment right: (call) @match) ; c\n (return_statement (call) @match)] (#eq? @match \"a\"))"
            ),
            Some(vec!["assignment", "return_statement"])
        );
        assert_eq!(root_kinds("((_) @match)"), None);
        assert_eq!(root_kinds("((comment) @a . (call) @match)"), None, "a sibling sequence has no single root");
        assert_eq!(root_kinds("([(call) \"if\"] @match)"), None);
        assert_eq!(root_kinds("([(call)* (list)] @match)"), None);
    }

    /// `multi-transaction`'s report patterns name no word themselves; they count `write`
    /// helper matches in the function, so they need the write helper's words.
    #[test]
    fn words_derived_from_counted_helpers() {
        let (pack, errors) = crate::load::builtin_pack();
        assert!(errors.is_empty(), "{errors:?}");
        let config = crate::Config::parse("lever.toml", "[rules]\nmulti-transaction = \"on\"\n", ".".into()).unwrap();
        let (set, _) = crate::RuleSet::new(&[pack.unwrap()], &config);
        for lang in [Language::Python, Language::Rust, Language::JavaScript] {
            let compiled = set.compiled(lang);
            let report: Vec<&PatternInfo> = compiled.patterns.iter().filter(|p| p.helper.is_none()).collect();
            let counted = report.iter().filter(|p| {
                p.predicates
                    .iter()
                    .any(|q| matches!(q, Predicate::CountAbove { negate: false, limit, .. } if *limit >= 0))
            });
            let mut n = 0;
            for p in counted {
                n += 1;
                let words: Vec<&String> = p.requires.iter().flat_map(|&s| compiled.words.words(s)).collect();
                assert!(!words.is_empty(), "{lang}: a counting pattern requires no word");
            }
            assert!(n > 0, "{lang}: no counting report pattern");
        }
    }

    #[test]
    fn a_file_without_the_words_of_any_report_pattern_cannot_report() {
        // `multi-transaction` has no `[prefilter]`: the words its patterns require decide.
        let (pack, errors) = crate::load::builtin_pack();
        assert!(errors.is_empty(), "{errors:?}");
        let config = crate::Config::parse(
            "lever.toml",
            "[rules]\nmulti-transaction = \"on\"\nindex-loop = \"off\"\n",
            ".".into(),
        )
        .unwrap();
        let (set, _) = crate::RuleSet::new(&[pack.unwrap()], &config);
        let lang = Language::Python;
        let words = |text: &str| set.compiled(lang).words.index(text, 0..usize::MAX);
        let plain = "def area(w, h):\n    return w * h\n";
        assert!(set.may_match(lang, plain), "no text prefilter rules it out");
        assert!(!set.may_report(lang, &words(plain)));
        let writes = "def move(a, b):\n    a.save()\n    b.save()\n";
        assert!(set.may_report(lang, &words(writes)));
        assert_eq!(crate::Linter::new().lint_text(&set, lang, writes).findings.len(), 1);
        let plain_words = words(plain);
        assert!(set.without_prefilter().may_report(lang, &plain_words), "the benchmark's prefilter-off mode");
    }

    #[test]
    fn keyword_children_of_the_root_are_words() {
        assert_eq!(root_tokens("((export_statement \"export\" declaration: (_) @d) @match)"), ["export"]);
        assert_eq!(root_tokens("(export_statement \"export\" @kw \"default\"? value: \"x\") @match"), ["export", "x"]);
        assert_eq!(root_tokens("(for_statement (call \"for\") \"+=\" [\"a\" \"b\"] !body) @m"), Vec::<String>::new());
        assert_eq!(root_tokens("([(a \"x\") (b)] @m)"), Vec::<String>::new());
        assert_eq!(root_tokens("((_ \"x\") @m)"), Vec::<String>::new());
    }

    #[test]
    fn words_of_text_predicates() {
        let pattern = r#"((call function: (identifier) @f) @match
 (#eq? @f "select") ; (#eq? @x "commented")
 (#any-of? @g "a\"b" "c")
 (#not-eq? @h "no")
 (#eq? @f @g)
 (#match? @f "^x"))"#;
        assert_eq!(
            text_requirements(pattern),
            vec![("f", vec!["select".to_string()]), ("g", vec!["a\"b".to_string(), "c".to_string()])]
        );
    }
}
