//! Every rule fixture of the built-in pack, through the same harness as `lever test`.

use lever_core::{Config, RuleSet, fixture, load};

#[test]
fn builtin_pack_fixtures_pass() {
    let files = load::builtin_files();
    let (pack, errors) = lever_core::pack::parse_pack(&files);
    assert!(errors.is_empty(), "built-in pack errors: {errors:#?}");
    let pack = pack.unwrap();
    let (set, errors) = RuleSet::new(std::slice::from_ref(&pack), &Config::default_in(".".into()));
    assert!(errors.is_empty(), "{errors:#?}");
    // Preview rules too.
    let everything = set.filtered(|_| true);
    everything.compile_all();
    let errors = everything.take_errors();
    assert!(errors.is_empty(), "query errors: {errors:#?}");
    let results = fixture::check_pack(&files, &pack.rules, &set);
    let failures: Vec<String> =
        results.iter().filter(|r| !r.passed()).map(|r| format!("{}:\n  {}", r.file, r.failures.join("\n  "))).collect();
    assert!(failures.is_empty(), "fixture failures:\n{}", failures.join("\n"));
    // Every rule has fixtures in every language it supports, with at least one expectation.
    for rule in &pack.rules {
        for lang in rule.languages() {
            let ext = lang.extensions();
            let has = results.iter().any(|r| {
                r.expected > 0 && ext.iter().any(|e| r.file.ends_with(&format!(".{e}"))) && r.file.contains(&rule.dir)
            });
            assert!(has, "rule {} has no positive fixture for {lang}", rule.id);
        }
    }
}

#[test]
fn the_harness_catches_missing_and_unexpected_findings() {
    let files = load::builtin_files();
    let (pack, _) = lever_core::pack::parse_pack(&files);
    let pack = pack.unwrap();
    let (set, _) = RuleSet::new(std::slice::from_ref(&pack), &Config::default_in(".".into()));
    let mut linter = lever_core::Linter::new();
    let lang = lever_core::Language::Python;
    // An expectation with no finding fails.
    let r = fixture::check_fixture(&mut linter, &set, lang, "x = 1  # expect: index-loop\n", None);
    assert_eq!(r.failures, ["1: expected index-loop, found none"]);
    // A finding with no expectation fails.
    let src = "for i in range(len(xs)):\n    print(xs[i])\n";
    let r = fixture::check_fixture(&mut linter, &set, lang, src, None);
    assert_eq!(r.failures.len(), 1, "{:?}", r.failures);
    assert!(r.failures[0].starts_with("1: unexpected index-loop"), "{:?}", r.failures);
    // A wrong .fixed text fails.
    let src = "for i in range(len(xs)):  # expect: index-loop\n    print(xs[i])\n";
    let r = fixture::check_fixture(&mut linter, &set, lang, src, Some("nope"));
    assert_eq!(r.failures.len(), 1);
    let r = fixture::check_fixture(
        &mut linter,
        &set,
        lang,
        src,
        Some("for x in xs:  # expect: index-loop\n    print(x)\n"),
    );
    assert!(r.passed(), "{:?}", r.failures);
}

#[test]
fn lever_test_runs_the_builtin_fixtures() {
    let run = crate::util::lever_in(&crate::util::repo(), &["test"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("positive.rs"), "{run:?}");
    assert!(run.stdout.trim_end().ends_with(" 0 failed"), "{run:?}");
}
