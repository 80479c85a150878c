//! `Incremental::preview` (first findings from the edited item parsed alone) against a
//! fresh lint of the same text, over random edits that often break the syntax.

use std::time::Duration;

use lever_core::incremental::Incremental;
use lever_core::text::point;
use lever_core::{Config, Language, Linter, RuleSet, load};
use tree_sitter::InputEdit;

const PIECES: &[&str] = &[
    "x",
    "ys",
    "i",
    " ",
    "\n",
    "\n    ",
    "(",
    ")",
    "{",
    "}",
    ":",
    "é😀",
    "[i]",
    "len(xs)",
    "xs[i]",
    "for i in range(len(xs)):\n    print(xs[i])\n",
    "for (let i = 0; i < a.length; i++) { f(a[i]); }\n",
    "for i in 0..v.len() { g(v[i]); }\n",
    "def g(self):\n        ",
    "class D:\n",
    "fn h() {}\n",
    "m() { return 1; }\n",
    "\"",
    "'",
    "/*",
    "*/",
];

fn start(lang: Language) -> String {
    match lang {
        Language::Python => "import os\n\nclass C:\n    def m(self, xs):\n        for i in range(len(xs)):\n            print(xs[i])\n\n    def n(self, xs):\n        return [x for x in xs]\n\n\ndef f(xs):\n    for i in range(len(xs)):\n        print(xs[i])\n".to_string(),
        Language::Rust => "impl S {\n    fn m(&self, v: &[u8]) {\n        for i in 0..v.len() {\n            g(v[i]);\n        }\n    }\n\n    fn n(&self) -> u8 { 1 }\n}\n\nfn f(v: &[u8]) {\n    for i in 0..v.len() {\n        g(v[i]);\n    }\n}\n".to_string(),
        _ => "class C {\n  m(a: number[]) {\n    for (let i = 0; i < a.length; i++) {\n      f(a[i]);\n    }\n  }\n\n  n() { return 1; }\n}\n\nfunction g(a: number[]) {\n  for (let i = 0; i < a.length; i++) {\n    f(a[i]);\n  }\n}\n".to_string(),
    }
}

#[test]
fn previews_equal_a_fresh_lint() {
    let (pack, errors) = load::builtin_pack();
    assert!(errors.is_empty(), "{errors:?}");
    let (rules, _) = RuleSet::new(&[pack.unwrap()], &Config::default_in(".".into()));
    let mut linter = Linter::new();
    let budget = Duration::from_secs(10);
    for (lang, seed) in [(Language::Python, 3u64), (Language::Rust, 5), (Language::TypeScript, 9)] {
        let mut text = start(lang);
        let mut tree = linter.parse(lang, &text, None, budget).unwrap();
        let mut state = Incremental::default();
        state.relint(&mut linter, &rules, lang, &text, &tree);
        let mut rng = seed;
        let mut next = |n: usize| {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((rng >> 33) as usize) % n.max(1)
        };
        let (mut previews, steps) = (0, 1000);
        for step in 0..steps {
            // Random edits wear the text down to noise: start again now and then.
            if step % 25 == 0 {
                text = start(lang);
                tree = linter.parse(lang, &text, None, budget).unwrap();
                state.reset();
                state.relint(&mut linter, &rules, lang, &text, &tree);
            }
            // Mostly one character typed or deleted, as in an editor; sometimes a piece.
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let k = next(chars.len());
            let a = chars[k];
            // Mostly a letter typed at the end of a name, which keeps the syntax valid;
            // sometimes a deletion or a piece that may break it.
            let mut after_letter = Vec::new();
            let mut stack = vec![tree.root_node()];
            while let Some(n) = stack.pop() {
                if n.kind().ends_with("identifier") && n.child_count() == 0 {
                    after_letter.push(n.end_byte());
                }
                let mut cursor = n.walk();
                stack.extend(n.children(&mut cursor));
            }
            after_letter.push(text.len());
            let (a, b, piece) = match next(20) {
                0 => (a, chars[(k + 1).min(chars.len() - 1)], ""),
                1 => (a, a, PIECES[next(PIECES.len())]),
                _ => {
                    let at = after_letter[next(after_letter.len())];
                    (at, at, ["x", "i", "_", "1"][next(4)])
                }
            };
            let edit = InputEdit {
                start_byte: a,
                old_end_byte: b,
                new_end_byte: a + piece.len(),
                start_position: point(&text, a),
                old_end_position: point(&text, b),
                new_end_position: {
                    let mut t = text.clone();
                    t.replace_range(a..b, piece);
                    point(&t, a + piece.len())
                },
            };
            text.replace_range(a..b, piece);
            tree.edit(&edit);
            state.edit(a, b, a + piece.len());
            let clean = !tree.root_node().has_error();
            let preview = state.preview(&mut linter, &rules, lang, &text, &tree);
            let new = linter.parse(lang, &text, Some(&tree), budget).unwrap();
            for r in tree.changed_ranges(&new) {
                state.touch(r.start_byte..r.end_byte);
            }
            tree = new;
            let settled = state.relint(&mut linter, &rules, lang, &text, &tree).findings;
            let fresh = linter.lint_text(&rules, lang, &text).findings;
            assert_eq!(settled, fresh, "{lang} step {step}: settled findings differ from a fresh lint of:\n{text}");
            // In a file that had syntax errors, error recovery can restructure code far from
            // the edit, which the preview cannot see: there the settled lint corrects it.
            if let Some(preview) = preview.filter(|_| clean) {
                previews += 1;
                assert_eq!(preview, fresh, "{lang} step {step}: preview differs from a fresh lint of:\n{text}");
            }
        }
        // The check above is only worth something if previews are given.
        assert!(previews * 4 >= steps, "{lang}: only {previews} previews of a clean file in {steps} edits");
    }
}

/// With a suppression comment in the file, an edit can open or close a comment around it
/// anywhere: no preview then.
#[test]
fn no_preview_in_a_file_with_directives() {
    let (pack, _) = load::builtin_pack();
    let (rules, _) = RuleSet::new(&[pack.unwrap()], &Config::default_in(".".into()));
    let mut linter = Linter::new();
    let budget = Duration::from_secs(10);
    for (text, want) in [
        (start(Language::Python), true),
        (format!("# lever-ignore-file: index-loop\n{}", start(Language::Python)), false),
    ] {
        let mut tree = linter.parse(Language::Python, &text, None, budget).unwrap();
        let mut state = Incremental::default();
        state.relint(&mut linter, &rules, Language::Python, &text, &tree);
        let at = text.find("print(xs").unwrap() + 5;
        let mut text = text.clone();
        text.insert(at, 'x');
        let p = point(&text, at);
        let e = tree_sitter::Point { row: p.row, column: p.column + 1 };
        tree.edit(&InputEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + 1,
            start_position: p,
            old_end_position: p,
            new_end_position: e,
        });
        state.edit(at, at, at + 1);
        assert_eq!(state.preview(&mut linter, &rules, Language::Python, &text, &tree).is_some(), want, "{text}");
    }
}
