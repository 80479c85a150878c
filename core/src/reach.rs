//! Which node kinds can occur inside which, read from the grammar's `node-types.json`.
//!
//! The report walk ([`crate::lint`]) looks for the nodes where live patterns can start. A
//! subtree that cannot contain any of the kinds it looks for (an expression, when only
//! statements are wanted) is skipped. The relation comes from the grammar, so it is a
//! necessary condition for trees without errors: a node with an error below it may hold
//! anything, and the walk descends into it.

use crate::Language;

/// A set of node kind ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KindSet(Vec<u64>);

impl KindSet {
    pub fn with_capacity(kinds: usize) -> KindSet {
        KindSet(vec![0; kinds.div_ceil(64)])
    }

    pub fn insert(&mut self, kind: u16) {
        let (w, b) = (kind as usize / 64, kind as usize % 64);
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    pub fn contains(&self, kind: u16) -> bool {
        let (w, b) = (kind as usize / 64, kind as usize % 64);
        self.0.get(w).is_some_and(|x| x & (1 << b) != 0)
    }

    fn union_with(&mut self, other: &KindSet) -> bool {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let n = *a | b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }
}

/// Per node kind: the kinds that may occur anywhere below a node of that kind.
pub struct Reach {
    below: Vec<KindSet>,
    /// Per kind: whether more than half of the named kinds may hold it (an expression kind,
    /// in a grammar where statements cannot sit inside expressions). A walk that looks for
    /// such a kind cannot skip much.
    pervasive: Vec<bool>,
    /// Per kind: the kinds that may hold it, and the kinds the grammar does not describe.
    holders: Vec<KindSet>,
    /// Kinds `node-types.json` does not describe (`ERROR`, and anything it omits): they may
    /// hold anything.
    unknown: Vec<bool>,
}

#[derive(serde::Deserialize)]
struct NodeType {
    #[serde(rename = "type")]
    kind: String,
    named: bool,
    #[serde(default)]
    subtypes: Vec<TypeRef>,
    #[serde(default)]
    fields: std::collections::BTreeMap<String, Children>,
    children: Option<Children>,
}

#[derive(serde::Deserialize)]
struct Children {
    types: Vec<TypeRef>,
}

#[derive(serde::Deserialize)]
struct TypeRef {
    #[serde(rename = "type")]
    kind: String,
    named: bool,
}

impl Reach {
    /// The relation for `lang`. The kinds that no other kind lists as a child, apart from
    /// the root, are extras (comments): they may occur below any node.
    pub fn new(lang: Language) -> Reach {
        let grammar = lang.grammar();
        let count = grammar.node_kind_count();
        let types: Vec<NodeType> = serde_json::from_str(lang.node_types()).unwrap_or_default();
        // Every id of a (name, named) pair: aliases and hidden duplicates share names.
        let ids = |r: &TypeRef| -> Vec<u16> {
            (0..count as u16)
                .filter(|&id| {
                    grammar.node_kind_is_named(id) == r.named && grammar.node_kind_for_id(id) == Some(r.kind.as_str())
                })
                .collect()
        };
        let mut described = vec![false; count];
        let mut children = vec![KindSet::with_capacity(count); count];
        let mut listed = vec![false; count];
        // Supertypes stand for their subtypes, transitively, by name: a supertype's own
        // symbol may be hidden under another name.
        let mut subtypes: std::collections::HashMap<(&str, bool), Vec<(&str, bool)>> = Default::default();
        for t in &types {
            if !t.subtypes.is_empty() {
                subtypes.insert((&t.kind, t.named), t.subtypes.iter().map(|r| (r.kind.as_str(), r.named)).collect());
            }
        }
        let expand = |r: &TypeRef| -> Vec<u16> {
            let mut out = Vec::new();
            let mut todo = vec![(r.kind.as_str(), r.named)];
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = todo.pop() {
                if !seen.insert(key) {
                    continue;
                }
                out.extend(ids(&TypeRef { kind: key.0.to_string(), named: key.1 }));
                if let Some(subs) = subtypes.get(&key) {
                    todo.extend(subs.iter().copied());
                }
            }
            out
        };
        for t in &types {
            let own = ids(&TypeRef { kind: t.kind.clone(), named: t.named });
            let mut set = KindSet::with_capacity(count);
            for r in t.fields.values().chain(&t.children).flat_map(|c| &c.types) {
                for id in expand(r) {
                    set.insert(id);
                    listed[id as usize] = true;
                }
            }
            for &id in &own {
                described[id as usize] = true;
                children[id as usize].union_with(&set);
            }
        }
        // Extras: described, never listed as anyone's child, not the root.
        let root = grammar.id_for_node_kind(lang.root_kind(), true);
        let mut extras = KindSet::with_capacity(count);
        for id in 0..count {
            // Anonymous kinds (keywords, punctuation) count as extras too: `node-types.json`
            // lists them only in fields, and no pattern of ours starts at one.
            let anonymous = !grammar.node_kind_is_named(id as u16);
            if anonymous || (described[id] && !listed[id] && id as u16 != root) {
                extras.insert(id as u16);
            }
        }
        for set in &mut children {
            set.union_with(&extras);
        }
        // Transitive closure: iterate to a fixed point (a few rounds: grammars are shallow
        // in kinds, deep only in trees).
        let mut below = children.clone();
        loop {
            let mut changed = false;
            for set in below.iter_mut() {
                let mut acc = set.clone();
                for (c, grand) in children.iter().enumerate() {
                    if set.contains(c as u16) {
                        changed |= acc.union_with(grand);
                    }
                }
                *set = acc;
            }
            if !changed {
                break;
            }
        }
        let unknown: Vec<bool> = described.iter().map(|d| !d).collect();
        let named: Vec<usize> = (0..count)
            .filter(|&k| grammar.node_kind_is_named(k as u16) && grammar.node_kind_is_visible(k as u16))
            .collect();
        let pervasive = (0..count)
            .map(|k| {
                let holders = named.iter().filter(|&&h| unknown[h] || below[h].contains(k as u16)).count();
                holders * 2 > named.len()
            })
            .collect();
        let mut holders = vec![KindSet::with_capacity(count); count];
        for (k, set) in below.iter().enumerate() {
            for (w, h) in holders.iter_mut().enumerate() {
                if unknown[k] || set.contains(w as u16) {
                    h.insert(k as u16);
                }
            }
        }
        Reach { below, pervasive, holders, unknown }
    }

    /// The kinds that may hold a node of one of `kinds` below them (and those the grammar
    /// does not describe): where a walk looking for `kinds` must descend.
    pub fn holders_of(&self, kinds: &KindSet) -> KindSet {
        let mut out = KindSet::with_capacity(self.below.len());
        for (k, u) in self.unknown.iter().enumerate() {
            if *u {
                out.insert(k as u16);
            }
        }
        for (w, h) in self.holders.iter().enumerate() {
            if kinds.contains(w as u16) {
                out.union_with(h);
            }
        }
        out
    }

    /// Whether most kinds may hold `kind`: see [`Reach::pervasive`].
    pub fn is_pervasive(&self, kind: u16) -> bool {
        self.pervasive.get(kind as usize).is_none_or(|&p| p)
    }

    /// The kinds that may occur below `kind`; `None` when the grammar does not say.
    pub fn below(&self, kind: u16) -> Option<&KindSet> {
        if self.unknown.get(kind as usize).is_none_or(|&u| u) { None } else { self.below.get(kind as usize) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(lang: Language, name: &str) -> u16 {
        lang.grammar().id_for_node_kind(name, true)
    }

    #[test]
    fn statements_are_not_below_expressions() {
        let lang = Language::Python;
        let reach = Reach::new(lang);
        let mut wanted = KindSet::default();
        wanted.insert(kind(lang, "function_definition"));
        let holders = reach.holders_of(&wanted);
        assert!(holders.contains(kind(lang, "module")));
        assert!(holders.contains(kind(lang, "if_statement")));
        assert!(!holders.contains(kind(lang, "call")));
        assert!(!holders.contains(kind(lang, "string")));
        let mut comment = KindSet::default();
        comment.insert(kind(lang, "comment"));
        assert!(reach.holders_of(&comment).contains(kind(lang, "call")), "extras may occur anywhere");
        let mut call = KindSet::default();
        call.insert(kind(lang, "call"));
        assert!(reach.holders_of(&call).contains(kind(lang, "binary_operator")), "through the `expression` supertype");
        assert!(reach.is_pervasive(kind(lang, "call")));
        assert!(reach.below(kind(lang, "ERROR")).is_none(), "the grammar does not describe errors");
        assert!(!reach.is_pervasive(kind(lang, "if_statement")));
    }

    /// The relation holds on real trees: every child of a node without errors is of a kind
    /// the grammar allows there (and so, by the closure, every descendant). Checked on the
    /// rule fixtures of every language.
    #[test]
    fn holds_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../queries");
        let mut files = Vec::new();
        let mut todo = vec![root];
        while let Some(dir) = todo.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    todo.push(p);
                } else if let Some(lang) = Language::from_path(&p) {
                    files.push((lang, p));
                }
            }
        }
        assert!(files.len() > 20, "fixtures found: {}", files.len());
        let reach: Vec<Reach> = Language::ALL.iter().map(|&l| Reach::new(l)).collect();
        let mut checked = 0;
        for (lang, path) in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&lang.grammar()).unwrap();
            let tree = parser.parse(&text, None).unwrap();
            checked += check_tree(&reach[lang.index()], tree.root_node(), &path.display().to_string());
        }
        assert!(checked > 10_000, "nodes checked: {checked}");
    }

    /// Checks every parent-child edge below `node` against the relation; returns the number
    /// of edges checked.
    pub(crate) fn check_tree(reach: &Reach, root: tree_sitter::Node, file: &str) -> usize {
        let mut n = 0;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            let below = if node.has_error() { None } else { reach.below(node.kind_id()) };
            for i in 0..node.child_count() {
                let Some(child) = node.child(i) else { continue };
                if let Some(below) = below {
                    assert!(
                        below.contains(child.kind_id()),
                        "{file}:{}: `{}` below `{}` is not in node-types.json",
                        child.start_position().row + 1,
                        child.kind(),
                        node.kind()
                    );
                    n += 1;
                }
                stack.push(child);
            }
        }
        n
    }
}
