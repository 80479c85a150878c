//! Query packs: the on-disk format (`pack.toml`, `rules/<id>/…`) parsed into plain data.
//!
//! This module reads from a [`PackFiles`] map, never from the file system: [`crate::load`]
//! fills the map from a directory, and the built-in pack is embedded at compile time.
//! The format is documented for pack authors in `queries/README.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{SourceError, from_toml};
use crate::finding::{Applicability, Severity};
use crate::language::Language;
use crate::template::Template;

/// The files of one pack, keyed by path relative to the pack root, with `/` separators.
#[derive(Clone, Debug, Default)]
pub struct PackFiles {
    /// How to name the pack root in messages (a directory path, or `<built-in>`).
    pub root: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl PackFiles {
    /// How a file of this pack is named in messages.
    pub fn display(&self, rel: &str) -> String {
        if self.root.is_empty() { rel.to_string() } else { format!("{}/{rel}", self.root.trim_end_matches('/')) }
    }

    fn text(&self, rel: &str) -> Result<Option<&str>, SourceError> {
        match self.files.get(rel) {
            None => Ok(None),
            Some(bytes) => std::str::from_utf8(bytes).map(Some).map_err(|e| {
                SourceError::file(self.display(rel), format!("not valid UTF-8 (byte {})", e.valid_up_to()))
            }),
        }
    }
}

/// A parsed pack.
#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    pub version: String,
    pub description: String,
    /// `{id}` is replaced by the rule id; used for SARIF `helpUri` and LSP `codeDescription`.
    pub docs_url: Option<String>,
    pub root: String,
    pub rules: Vec<Rule>,
}

/// One rule of a pack, before compilation.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub pack: String,
    pub severity: Severity,
    pub summary: String,
    pub message: Template,
    /// The finding's range: from the start of the first capture to the end of the second.
    /// `None` reports the whole `@match`.
    pub range: Option<(String, String)>,
    /// Per-language messages that replace `message` (TypeScript's also serves TSX).
    pub messages: BTreeMap<Language, Template>,
    /// Messages that patterns choose with `(#set! message "key")`, by key.
    pub variants: BTreeMap<String, Template>,
    /// By helper name: the message of a related location at each helper match joined to a
    /// finding (the write a read follows, the transactions a function opens).
    pub related: BTreeMap<String, Template>,
    /// Markdown: what it flags, why it is bad, an example, how to fix.
    pub docs: String,
    pub docs_url: Option<String>,
    pub settings: BTreeMap<String, Setting>,
    /// The names in `settings` that come from the pack's `[settings]`, shared by its rules
    /// and set for all of them by `lever.toml`'s `[settings]`.
    pub shared_settings: Vec<String>,
    pub queries: Vec<RuleQuery>,
    pub fixes: BTreeMap<Language, FixSpec>,
    /// Per language: the rule can only match files that contain one of these strings.
    pub prefilter: BTreeMap<Language, Vec<String>>,
    /// Fixture files, relative to the pack root.
    pub fixtures: Vec<String>,
    /// The rule's directory, relative to the pack root.
    pub dir: String,
    /// A preview rule is off unless a config turns it on (`"on"`, a severity, or
    /// `enabled = true`): for rules whose precision on real code is still being measured.
    pub preview: bool,
}

impl Rule {
    /// The languages the rule has queries for, each once.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        // `queries` is grouped by language: skip repeats of the previous one.
        self.queries
            .iter()
            .enumerate()
            .filter(|(i, q)| *i == 0 || self.queries[i - 1].language != q.language)
            .map(|(_, q)| q.language)
    }
}

/// One `.scm` file of a rule, for one language (a language may have several).
#[derive(Clone, Debug)]
pub struct RuleQuery {
    pub language: Language,
    /// The file as named in messages.
    pub file: String,
    pub text: String,
}

/// A rule setting's value. A config may override it with a value of the same type.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    Bool(bool),
    Integer(i64),
    String(String),
    List(Vec<String>),
}

impl Setting {
    fn from_toml(v: &toml::Value) -> Option<Setting> {
        Some(match v {
            toml::Value::Boolean(b) => Setting::Bool(*b),
            toml::Value::Integer(i) => Setting::Integer(*i),
            toml::Value::String(s) => Setting::String(s.clone()),
            toml::Value::Array(a) => {
                Setting::List(a.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<_>>()?)
            }
            _ => return None,
        })
    }

    /// Converts a config value, which must have the same type as `self` (the default).
    pub fn same_type(&self, v: &toml::Value) -> Option<Setting> {
        let new = Setting::from_toml(v)?;
        (std::mem::discriminant(self) == std::mem::discriminant(&new)).then_some(new)
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Setting::Bool(_) => "a boolean",
            Setting::Integer(_) => "an integer",
            Setting::String(_) => "a string",
            Setting::List(_) => "a list of strings",
        }
    }
}

/// A rewrite template for one language.
#[derive(Clone, Debug)]
pub struct FixSpec {
    pub title: Template,
    pub applicability: Applicability,
    pub fresh: BTreeMap<String, FreshName>,
    pub edits: Vec<EditSpec>,
}

/// A name the fix introduces: the singular of a capture's last word, or `fallback`, whichever
/// does not already occur (in the match, or in the file). With neither free, no fix.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FreshName {
    pub singular_of: Option<String>,
    pub fallback: String,
    /// Where the name must not occur yet: `match` (default; for bindings scoped to the
    /// match), `file`, or a node kind: the nearest enclosing node of that kind, else the file
    /// (`function_definition` for Python, whose loop variables outlive the loop).
    #[serde(default = "FreshName::default_scope")]
    pub unique_in: String,
}

impl FreshName {
    fn default_scope() -> String {
        "match".to_string()
    }
}

/// One edit of a fix.
#[derive(Clone, Debug)]
pub struct EditSpec {
    pub target: EditTarget,
    pub with: Template,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// From the start of the first capture to the end of the second (the same capture twice
    /// for one node).
    Span(String, String),
    /// In every helper match joined to the match: from the start of the first capture to
    /// the end of the second.
    Each(String, String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackToml {
    name: String,
    version: String,
    #[serde(default)]
    description: String,
    docs_url: Option<String>,
    /// Settings every rule of the pack has (a rule's own setting of the same name wins).
    #[serde(default)]
    settings: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleToml {
    id: Option<String>,
    severity: Severity,
    summary: String,
    message: String,
    #[serde(default)]
    preview: bool,
    #[serde(default)]
    messages: BTreeMap<String, String>,
    range: Option<String>,
    #[serde(default)]
    related: BTreeMap<String, String>,
    #[serde(default)]
    settings: BTreeMap<String, toml::Value>,
    #[serde(default)]
    queries: BTreeMap<String, QueryFiles>,
    #[serde(default)]
    prefilter: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    fix: BTreeMap<String, FixToml>,
}

/// `[queries] tsx = "javascript.scm"` or `tsx = ["common.scm", "jsx.scm"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum QueryFiles {
    One(String),
    Many(Vec<String>),
}

impl QueryFiles {
    fn list(&self) -> Vec<String> {
        match self {
            QueryFiles::One(f) => vec![f.clone()],
            QueryFiles::Many(fs) => fs.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FixToml {
    title: String,
    applicability: Applicability,
    #[serde(default)]
    fresh: BTreeMap<String, FreshName>,
    edits: Vec<EditToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EditToml {
    replace: Option<String>,
    replace_each: Option<String>,
    with: String,
}

/// The headings every rule's `docs.md` must have, in order.
pub const DOC_SECTIONS: [&str; 4] = ["What it flags", "Why is this bad?", "Example", "How to fix"];

/// Parses a pack. Bad rules are reported and left out; the pack itself is `None` only when
/// `pack.toml` is missing or invalid.
pub fn parse_pack(files: &PackFiles) -> (Option<Pack>, Vec<SourceError>) {
    let mut errors = Vec::new();
    let manifest = match files.text("pack.toml") {
        Ok(Some(text)) => match toml::from_str::<PackToml>(text) {
            Ok(m) => m,
            Err(e) => return (None, vec![from_toml(&files.display("pack.toml"), text, &e)]),
        },
        Ok(None) => {
            let err = SourceError::file(files.display("pack.toml"), "missing pack manifest")
                .with_help("a pack is a directory with a `pack.toml` (name, version, description) and `rules/<id>/`");
            return (None, vec![err]);
        }
        Err(e) => return (None, vec![e]),
    };
    for (name, value) in &manifest.settings {
        if Setting::from_toml(value).is_none() {
            let text = files.text("pack.toml").ok().flatten().unwrap_or("");
            let offset = text.find(name.as_str()).unwrap_or(0);
            errors.push(SourceError::at_offset(
                files.display("pack.toml"),
                text,
                offset,
                format!("setting `{name}` must be a boolean, integer, string or list of strings"),
            ));
        }
    }
    let mut rule_dirs: Vec<&str> =
        files.files.keys().filter_map(|k| k.strip_prefix("rules/")?.split_once('/').map(|(d, _)| d)).collect();
    rule_dirs.dedup();
    let mut rules = Vec::new();
    for dir in rule_dirs {
        match parse_rule(files, &manifest, dir) {
            Ok(rule) => rules.push(rule),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    let pack = Pack {
        name: manifest.name,
        version: manifest.version,
        description: manifest.description,
        docs_url: manifest.docs_url,
        root: files.root.clone(),
        rules,
    };
    (Some(pack), errors)
}

fn parse_rule(files: &PackFiles, manifest: &PackToml, dir: &str) -> Result<Rule, Vec<SourceError>> {
    let base = format!("rules/{dir}");
    let toml_path = format!("{base}/rule.toml");
    let toml_file = files.display(&toml_path);
    let text = match files.text(&toml_path).map_err(|e| vec![e])? {
        Some(t) => t,
        None => {
            return Err(vec![
                SourceError::file(&toml_file, "missing rule.toml")
                    .with_help("every directory under rules/ is a rule and needs a rule.toml"),
            ]);
        }
    };
    let raw: RuleToml = toml::from_str(text).map_err(|e| vec![from_toml(&toml_file, text, &e)])?;
    let at = |needle: &str, message: String| {
        let offset = text.find(needle).unwrap_or(0);
        SourceError::at_offset(&toml_file, text, offset, message)
    };
    let mut errors = Vec::new();
    let id = raw.id.clone().unwrap_or_else(|| dir.to_string());
    if id != dir {
        errors.push(at("id", format!("rule id `{id}` differs from its directory `{dir}`")));
    }
    if !is_rule_id(&id) {
        errors.push(at("id", format!("rule id `{id}` must be lowercase words joined by `-`")));
    }

    let docs_path = format!("{base}/docs.md");
    let docs = match files.text(&docs_path) {
        Ok(Some(d)) => {
            for section in DOC_SECTIONS {
                if !d.lines().any(|l| l.trim_start_matches('#').trim() == section && l.starts_with("## ")) {
                    errors.push(
                        SourceError::file(files.display(&docs_path), format!("missing section `## {section}`"))
                            .with_help(
                                "rule docs have four sections: What it flags, Why is this bad?, Example, How to fix",
                            ),
                    );
                }
            }
            d.to_string()
        }
        Ok(None) => {
            errors.push(SourceError::file(files.display(&docs_path), "missing rule docs"));
            String::new()
        }
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };

    let mut settings = BTreeMap::new();
    let mut shared_settings = Vec::new();
    for (name, value) in &manifest.settings {
        match Setting::from_toml(value) {
            Some(s) if !raw.settings.contains_key(name) => {
                settings.insert(name.clone(), s);
                shared_settings.push(name.clone());
            }
            // Reported once, by `parse_pack`.
            _ => {}
        }
    }
    for (name, value) in &raw.settings {
        match Setting::from_toml(value) {
            Some(s) => {
                settings.insert(name.clone(), s);
            }
            None => {
                errors.push(at(name, format!("setting `{name}` must be a boolean, integer, string or list of strings")))
            }
        }
    }

    // Query files: `<language>.scm` by convention; `typescript.scm` also serves TSX unless
    // the rule has its own `tsx.scm`; `[queries]` maps a language to any file or files (a
    // part shared by several languages, plus a part for one of them).
    let mapped: Vec<String> = raw.queries.values().flat_map(QueryFiles::list).collect();
    let mut query_files: BTreeMap<Language, Vec<String>> = BTreeMap::new();
    for key in files.files.keys() {
        let Some(name) = key.strip_prefix(&format!("{base}/")) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".scm") else {
            continue;
        };
        if name.contains('/') {
            continue;
        }
        match Language::from_name(stem) {
            Some(lang) => {
                query_files.insert(lang, vec![name.to_string()]);
            }
            None if mapped.iter().any(|f| f == name) => {}
            None => errors.push(
                SourceError::file(files.display(key), format!("`{name}` is not named after a language"))
                    .with_help("name query files rust.scm, python.scm, typescript.scm, tsx.scm or javascript.scm, or map them in rule.toml [queries]"),
            ),
        }
    }
    for (lang_name, list) in &raw.queries {
        match Language::from_name(lang_name) {
            Some(lang) => {
                query_files.insert(lang, list.list());
            }
            None => errors.push(at(lang_name, format!("unknown language `{lang_name}` in [queries]"))),
        }
    }
    // TypeScript's query also serves TSX unless the rule names one for TSX.
    if let Some(ts) = query_files.get(&Language::TypeScript).cloned() {
        query_files.entry(Language::Tsx).or_insert(ts);
    }
    let mut queries = Vec::new();
    for (language, list) in &query_files {
        for file in list {
            // `../../shared/x.scm`: a file shared by several rules of the pack.
            let Some(rel) = normalize(&format!("{base}/{file}")) else {
                errors.push(at(file, format!("query file `{file}` is outside the pack")));
                continue;
            };
            match files.text(&rel) {
                Ok(Some(text)) => {
                    queries.push(RuleQuery { language: *language, file: files.display(&rel), text: text.to_string() })
                }
                Ok(None) => errors.push(at(file, format!("query file `{file}` not found"))),
                Err(e) => errors.push(e),
            }
        }
    }
    if queries.is_empty() {
        errors.push(
            SourceError::file(&toml_file, "rule has no query file")
                .with_help("add <language>.scm beside rule.toml, for example python.scm"),
        );
    }

    let mut prefilter = BTreeMap::new();
    for (lang_name, tokens) in &raw.prefilter {
        let langs: Vec<Language> = match Language::from_name(lang_name) {
            Some(Language::TypeScript) if !raw.prefilter.contains_key("tsx") => {
                vec![Language::TypeScript, Language::Tsx]
            }
            Some(lang) => vec![lang],
            None => {
                errors.push(at(lang_name, format!("unknown language `{lang_name}` in [prefilter]")));
                continue;
            }
        };
        if tokens.is_empty() || tokens.iter().any(String::is_empty) {
            errors.push(at(lang_name, "a prefilter lists one or more non-empty strings".to_string()));
        }
        for lang in langs {
            prefilter.insert(lang, tokens.clone());
        }
    }

    let message = Template::parse(&raw.message).map_err(|e| at("message", e));
    let message = match message {
        Ok(m) => m,
        Err(e) => {
            errors.push(e);
            Template::literal("")
        }
    };

    let range = match raw.range.as_deref().map(capture_span) {
        Some(Ok(span)) => Some(span),
        Some(Err(e)) => {
            errors.push(at("range", e));
            None
        }
        None => None,
    };

    // `[messages]`: a language name replaces `message` for that language; any other key is a
    // variant that patterns choose with `(#set! message "key")`.
    let mut messages = BTreeMap::new();
    let mut variants = BTreeMap::new();
    for (key, text) in &raw.messages {
        let template = match Template::parse(text) {
            Ok(t) => t,
            Err(e) => {
                errors.push(at(key, e));
                continue;
            }
        };
        match Language::from_name(key) {
            Some(Language::TypeScript) if !raw.messages.contains_key("tsx") => {
                messages.insert(Language::TypeScript, template.clone());
                messages.insert(Language::Tsx, template);
            }
            Some(lang) => {
                messages.insert(lang, template);
            }
            None if is_rule_id(key) => {
                variants.insert(key.clone(), template);
            }
            None => errors
                .push(at(key, format!("`{key}` in [messages] is neither a language nor a lowercase-hyphenated key"))),
        }
    }
    let mut related = BTreeMap::new();
    for (helper, text) in &raw.related {
        match Template::parse(text) {
            Ok(t) => {
                related.insert(helper.clone(), t);
            }
            Err(e) => errors.push(at(helper, e)),
        }
    }

    let mut fixes = BTreeMap::new();
    for (lang_name, fix) in &raw.fix {
        let langs: Vec<Language> = match Language::from_name(lang_name) {
            Some(Language::TypeScript) if !raw.fix.contains_key("tsx") => {
                vec![Language::TypeScript, Language::Tsx]
            }
            Some(lang) => vec![lang],
            None => {
                errors.push(at(lang_name, format!("unknown language `{lang_name}` in [fix]")));
                continue;
            }
        };
        match parse_fix(fix) {
            Ok(spec) => {
                for lang in langs {
                    fixes.insert(lang, spec.clone());
                }
            }
            Err(e) => errors.push(at(&format!("fix.{lang_name}"), e)),
        }
    }

    let fixtures = files.files.keys().filter(|k| k.starts_with(&format!("{base}/fixtures/"))).cloned().collect();

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        docs_url: manifest.docs_url.as_ref().map(|u| u.replace("{id}", &id)),
        id,
        pack: manifest.name.clone(),
        severity: raw.severity,
        summary: raw.summary,
        message,
        range,
        messages,
        variants,
        related,
        docs,
        settings,
        shared_settings,
        queries,
        fixes,
        prefilter,
        fixtures,
        dir: base,
        preview: raw.preview,
    })
}

fn parse_fix(fix: &FixToml) -> Result<FixSpec, String> {
    let mut edits = Vec::new();
    for e in &fix.edits {
        let span = capture_span;
        let target = match (&e.replace, &e.replace_each) {
            (Some(r), None) => {
                let (a, b) = span(r)?;
                EditTarget::Span(a, b)
            }
            (None, Some(r)) => {
                let (a, b) = span(r)?;
                EditTarget::Each(a, b)
            }
            _ => {
                return Err("each edit has exactly one of `replace` and `replace-each`".to_string());
            }
        };
        edits.push(EditSpec { target, with: Template::parse(&e.with)? });
    }
    if edits.is_empty() {
        return Err("a fix needs at least one edit".to_string());
    }
    Ok(FixSpec {
        title: Template::parse(&fix.title)?,
        applicability: fix.applicability,
        fresh: fix.fresh.clone(),
        edits,
    })
}

/// Parses `@a..@b` (or `@a`, meaning `@a..@a`).
fn capture_span(r: &str) -> Result<(String, String), String> {
    let (a, b) = r.split_once("..").unwrap_or((r, r));
    let cap = |s: &str| {
        s.trim().strip_prefix('@').map(str::to_string).ok_or_else(|| format!("`{r}`: name captures with `@`"))
    };
    Ok((cap(a)?, cap(b)?))
}

/// Resolves `.` and `..` in a `/`-separated path inside the pack; `None` if it leaves it.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Rule ids are lowercase ASCII words joined by single hyphens.
pub fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
