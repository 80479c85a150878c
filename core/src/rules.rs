//! The rule set: packs plus config, resolved into the rules that run, each with its
//! effective severity and settings. Compiled queries are built lazily per language
//! ([`crate::compile`]) and shared read-only by every thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::compile::{self, CompiledLanguage};
use crate::config::Config;
use crate::error::SourceError;
use crate::finding::{Finding, Severity};
use crate::language::Language;
use crate::pack::{Pack, Rule, Setting};
use crate::suppress::UNUSED_SUPPRESSION;
use crate::words::WordIndex;
use globset::GlobSet;

/// A rule that runs, with what the config made of it.
#[derive(Clone, Debug)]
pub struct ActiveRule {
    pub rule: Rule,
    pub severity: Severity,
    pub settings: BTreeMap<String, Setting>,
}

/// Everything a lint needs: active rules and their compiled queries.
pub struct RuleSet {
    rules: Vec<ActiveRule>,
    /// Rules that exist in a pack but are disabled: suppressions naming them are not "unused".
    disabled: Vec<String>,
    all: Vec<Rule>,
    compiled: [OnceLock<CompiledLanguage>; Language::COUNT],
    errors: Mutex<Vec<SourceError>>,
    /// `None` when `unused-suppression` is off.
    unused_suppression: Option<Severity>,
    /// Whether rules' `[prefilter]` strings may rule a file out before parsing.
    prefilter: bool,
    /// Whether report patterns run anchored at candidate nodes (see `compile`).
    dispatch: bool,
    /// Per-rule `exclude` globs (`[rules.<id>] exclude`), relative to `dir`.
    excludes: Vec<(String, GlobSet)>,
    /// The config's directory.
    dir: PathBuf,
    /// Limits for one file.
    pub max_file_size: u64,
    pub timeout_ms: u64,
}

impl RuleSet {
    /// Resolves `packs` against `config`. Problems (unknown rule ids, bad settings) are
    /// returned; the set still holds every rule that could be resolved.
    pub fn new(packs: &[Pack], config: &Config) -> (RuleSet, Vec<SourceError>) {
        let mut errors = Vec::new();
        let all: Vec<Rule> = packs.iter().flat_map(|p| p.rules.iter().cloned()).collect();
        let mut seen = BTreeMap::new();
        for r in &all {
            if let Some(prev) = seen.insert(r.id.clone(), r.pack.clone()) {
                errors.push(SourceError::file(
                    format!("{}/rule.toml", r.dir),
                    format!("rule `{}` of pack `{}` is also defined by pack `{prev}`; the first wins", r.id, r.pack),
                ));
            }
        }
        for (name, value) in &config.settings {
            if !all.iter().any(|r| r.shared_settings.contains(name)) {
                let known: std::collections::BTreeSet<&str> =
                    all.iter().flat_map(|r| &r.shared_settings).map(String::as_str).collect();
                errors.push(config.error_at(value.span(), format!("no pack has a shared setting `{name}`")).with_help(
                    if known.is_empty() {
                        "rule settings go under [rules.<id>] settings = { … }".to_string()
                    } else {
                        format!("shared settings: {}", known.into_iter().collect::<Vec<_>>().join(", "))
                    },
                ));
            }
        }
        for (id, rc) in &config.rules {
            if !seen.contains_key(id) && id != UNUSED_SUPPRESSION {
                let known: Vec<&str> = seen.keys().map(String::as_str).collect();
                errors.push(
                    config
                        .error_at(rc.span.clone(), format!("unknown rule `{id}`"))
                        .with_help(format!("known rules: {}", known.join(", "))),
                );
            }
        }
        let mut rules = Vec::new();
        let mut disabled = Vec::new();
        let mut taken = std::collections::BTreeSet::new();
        // Shared settings with a bad value: reported once, not once per rule.
        let mut reported = std::collections::BTreeSet::new();
        for rule in &all {
            if !taken.insert(rule.id.clone()) {
                continue;
            }
            let rc = config.rules.get(&rule.id);
            // Preview rules run only when a config turns them on.
            let enabled = rc.and_then(|rc| rc.enabled.or(rc.severity.map(|_| true))).unwrap_or(!rule.preview);
            if !enabled {
                disabled.push(rule.id.clone());
                continue;
            }
            let mut settings = rule.settings.clone();
            for name in &rule.shared_settings {
                if let Some(value) = config.settings.get(name) {
                    match rule.settings[name].same_type(value.get_ref()) {
                        Some(v) => {
                            settings.insert(name.clone(), v);
                        }
                        None if reported.insert(name.clone()) => errors.push(config.error_at(
                            value.span(),
                            format!("setting `{name}` must be {}", rule.settings[name].type_name()),
                        )),
                        None => {}
                    }
                }
            }
            if let Some(rc) = rc {
                for (name, value) in &rc.settings {
                    match rule.settings.get(name) {
                        None => errors.push(
                            config
                                .error_at(value.span(), format!("rule `{}` has no setting `{name}`", rule.id))
                                .with_help(format!(
                                    "its settings: {}",
                                    rule.settings.keys().cloned().collect::<Vec<_>>().join(", ")
                                )),
                        ),
                        Some(default) => match default.same_type(value.get_ref()) {
                            Some(v) => {
                                settings.insert(name.clone(), v);
                            }
                            None => errors.push(config.error_at(
                                value.span(),
                                format!("setting `{name}` of `{}` must be {}", rule.id, default.type_name()),
                            )),
                        },
                    }
                }
            }
            let severity = rc.and_then(|rc| rc.severity).unwrap_or(rule.severity);
            rules.push(ActiveRule { rule: rule.clone(), severity, settings });
        }
        let unused = config.rules.get(UNUSED_SUPPRESSION);
        let unused_suppression = match unused {
            Some(rc) if rc.enabled == Some(false) => None,
            _ => Some(unused.and_then(|rc| rc.severity).unwrap_or(Severity::Info)),
        };
        let excludes = config
            .rules
            .iter()
            .filter(|(id, _)| seen.contains_key(*id) || *id == UNUSED_SUPPRESSION)
            .filter_map(|(id, rc)| Some((id.clone(), rc.exclude.clone()?)))
            .collect();
        let set = RuleSet {
            excludes,
            dir: config.dir.clone(),
            prefilter: true,
            dispatch: true,
            unused_suppression,
            rules,
            disabled,
            all,
            compiled: Default::default(),
            errors: Mutex::new(Vec::new()),
            max_file_size: config.max_file_size,
            timeout_ms: config.timeout_ms,
        };
        (set, errors)
    }

    /// The rules that run.
    pub fn active(&self) -> &[ActiveRule] {
        &self.rules
    }

    /// Every rule of every pack, enabled or not.
    pub fn all_rules(&self) -> &[Rule] {
        &self.all
    }

    pub fn find(&self, id: &str) -> Option<&Rule> {
        self.all.iter().find(|r| r.id == id)
    }

    /// Turns the text prefilter off, so every file is parsed and queried (for benchmarks).
    pub fn without_prefilter(mut self) -> RuleSet {
        self.prefilter = false;
        self
    }

    /// Runs every report pattern over the whole tree instead of dispatching by node kind
    /// (for benchmarks).
    pub fn without_dispatch(mut self) -> RuleSet {
        self.dispatch = false;
        self
    }

    /// Whether a file of `lang` with this text can produce a finding of a query rule.
    pub fn may_match(&self, lang: Language, text: &str) -> bool {
        let compiled = self.compiled(lang);
        if self.prefilter { compiled.may_match(text) } else { compiled.has_report_patterns() }
    }

    /// Whether a file whose words are `words` can produce a finding ([`CompiledLanguage::can_report`]);
    /// always with the prefilter off.
    pub fn may_report(&self, lang: Language, words: &WordIndex) -> bool {
        !self.prefilter || self.compiled(lang).can_report(words)
    }

    /// The severity of `unused-suppression` findings, `None` when the config turned it off.
    pub fn unused_suppression_severity(&self) -> Option<Severity> {
        self.unused_suppression
    }

    /// Whether some rule has `exclude` globs, so that [`RuleSet::excluded_at`] can name one.
    pub fn has_excludes(&self) -> bool {
        !self.excludes.is_empty()
    }

    /// The rules whose `exclude` globs match `path`: relative to the config's directory, or
    /// absolute below it (the caller resolves it; nothing here touches the file system).
    pub fn excluded_at(&self, path: &Path) -> Vec<&str> {
        if self.excludes.is_empty() {
            return Vec::new();
        }
        let rel = path.strip_prefix(&self.dir).unwrap_or(path);
        self.excludes.iter().filter(|(_, g)| g.is_match(rel)).map(|(id, _)| id.as_str()).collect()
    }

    /// Removes the findings of the rules excluded at `path` ([`RuleSet::excluded_at`]), and the
    /// `unused-suppression` findings about directives naming them: in such a file a
    /// suppression of the rule is neither used nor unused.
    pub fn drop_excluded(&self, path: &Path, findings: &mut Vec<Finding>) {
        let excluded = self.excluded_at(path);
        if excluded.is_empty() {
            return;
        }
        findings.retain(|f| {
            let about = if f.rule == UNUSED_SUPPRESSION { f.subject.as_deref() } else { None };
            !excluded.contains(&f.rule.as_str()) && about.is_none_or(|s| !excluded.contains(&s))
        });
    }

    pub fn is_disabled(&self, id: &str) -> bool {
        self.disabled.iter().any(|d| d == id)
    }

    /// The compiled queries for `lang`, compiling them on first use. Rules that fail to
    /// compile are left out and their errors kept for [`RuleSet::take_errors`].
    pub fn compiled(&self, lang: Language) -> &CompiledLanguage {
        self.compiled[lang.index()].get_or_init(|| {
            let (compiled, errors) = compile::compile(lang, &self.rules, self.dispatch);
            if !errors.is_empty() {
                self.errors.lock().unwrap_or_else(|e| e.into_inner()).extend(errors);
            }
            compiled
        })
    }

    /// Compiles every language now (for `lever test` and pack validation).
    pub fn compile_all(&self) {
        for lang in Language::ALL {
            self.compiled(lang);
        }
    }

    /// Errors found while compiling queries so far, each reported once.
    pub fn take_errors(&self) -> Vec<SourceError> {
        let mut errors = std::mem::take(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()));
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        errors.dedup();
        errors
    }

    /// A rule set holding only the rules `keep` accepts (used by the fixture harness).
    /// Preview rules that `keep` accepts are included with their defaults.
    pub fn filtered(&self, keep: impl Fn(&str) -> bool) -> RuleSet {
        let mut rules: Vec<ActiveRule> = self.rules.iter().filter(|r| keep(&r.rule.id)).cloned().collect();
        for rule in self.all.iter().filter(|r| r.preview && keep(&r.id)) {
            if !rules.iter().any(|a| a.rule.id == rule.id) {
                rules.push(ActiveRule { rule: rule.clone(), severity: rule.severity, settings: rule.settings.clone() });
            }
        }
        RuleSet {
            rules,
            disabled: self.disabled.clone(),
            all: self.all.clone(),
            compiled: Default::default(),
            errors: Mutex::new(Vec::new()),
            unused_suppression: self.unused_suppression,
            excludes: self.excludes.clone(),
            dir: self.dir.clone(),
            prefilter: self.prefilter,
            dispatch: self.dispatch,
            max_file_size: self.max_file_size,
            timeout_ms: self.timeout_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::{Config, Language, Linter, RuleSet};

    #[test]
    fn drop_excluded_removes_the_rule_and_unused_suppressions_of_it() {
        let (pack, errors) = crate::load::builtin_pack();
        assert!(errors.is_empty(), "{errors:?}");
        let toml = "[rules.index-loop]\nexclude = [\"gen/**\"]\n";
        let config = Config::parse("lever.toml", toml, "/p".into()).unwrap();
        let (set, errors) = RuleSet::new(&[pack.unwrap()], &config);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(set.has_excludes());
        assert_eq!(set.excluded_at(Path::new("/p/gen/a.py")), ["index-loop"]);
        assert_eq!(set.excluded_at(Path::new("gen/a.py")), ["index-loop"]);
        assert!(set.excluded_at(Path::new("/p/src/a.py")).is_empty());
        let text = "for i in range(len(xs)):\n    print(xs[i])\nx = 1  # lever-ignore: index-loop, nope\n";
        let linted = Linter::new().lint_text(&set, Language::Python, text).findings;
        let rules = |fs: &[crate::Finding]| -> Vec<(String, Option<String>)> {
            fs.iter().map(|f| (f.rule.clone(), f.subject.clone())).collect()
        };
        let (unused, nope) = ("unused-suppression".to_string(), Some("nope".to_string()));
        let all = vec![
            ("index-loop".to_string(), None),
            (unused.clone(), Some("index-loop".to_string())),
            (unused.clone(), nope.clone()),
        ];
        assert_eq!(rules(&linted), all);
        let mut kept = linted.clone();
        set.drop_excluded(Path::new("/p/src/a.py"), &mut kept);
        assert_eq!(rules(&kept), all);
        set.drop_excluded(Path::new("/p/gen/a.py"), &mut kept);
        assert_eq!(rules(&kept), [(unused, nope)]);
    }
}
