//! `lever.toml`: which rules run, at what severity, with which settings, on which files.
//!
//! Parsed from text here; [`crate::load`] finds and reads the file. Values keep their spans so
//! that a problem found later (an unknown rule id, a setting of the wrong type) still names
//! `file:line:col`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{SourceError, from_toml};
use crate::finding::Severity;

/// The default limit on the size of a linted file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5 * 1024 * 1024;
/// The default time budget for parsing or querying one file.
pub const DEFAULT_TIMEOUT_MS: u64 = 5_000;

/// A parsed `lever.toml`. The default value is "no config": the built-in pack with its defaults.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file as named in messages; empty for the default config.
    pub file: String,
    /// The file's text, for placing errors found after parsing.
    pub text: String,
    /// The directory that relative paths (packs, globs) are resolved against.
    pub dir: PathBuf,
    pub packs: Vec<Spanned<String>>,
    pub rules: BTreeMap<String, RuleConfig>,
    /// `[settings]`: values of pack-wide settings (a pack's `pack.toml [settings]`), for every
    /// rule that shares them.
    pub settings: BTreeMap<String, Spanned<toml::Value>>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub max_file_size: u64,
    pub timeout_ms: u64,
}

/// What a config says about one rule.
#[derive(Clone, Debug, Default)]
pub struct RuleConfig {
    /// Where the rule's key is, to report an unknown id.
    pub span: std::ops::Range<usize>,
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub settings: BTreeMap<String, Spanned<toml::Value>>,
    /// `exclude`: files (globs relative to [`Config::dir`]) where the rule's findings are not
    /// reported.
    pub exclude: Option<GlobSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigToml {
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleToml>,
    #[serde(default)]
    settings: BTreeMap<String, Spanned<toml::Value>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    max_file_size: Option<u64>,
    timeout_ms: Option<u64>,
}

enum RuleToml {
    /// `rule = "off"`, `"on"` or a severity.
    Short(String),
    Full(RuleTable),
}

// By hand rather than `#[serde(untagged)]`, which buffers values and loses their spans.
impl<'de> Deserialize<'de> for RuleToml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RuleToml;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"off\", \"on\", a severity, or a table with enabled, severity, settings and exclude")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RuleToml, E> {
                Ok(RuleToml::Short(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RuleToml, A::Error> {
                RuleTable::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(RuleToml::Full)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleTable {
    enabled: Option<bool>,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    settings: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

impl Config {
    /// Parses `text`, the contents of `file`, whose relative paths resolve against `dir`.
    pub fn parse(file: &str, text: &str, dir: PathBuf) -> Result<Config, SourceError> {
        let raw: ConfigToml = toml::from_str(text).map_err(|e| from_toml(file, text, &e))?;
        let err = |span: std::ops::Range<usize>, msg: String| SourceError::at_offset(file, text, span.start, msg);
        let globs = |list: &[Spanned<String>]| -> Result<Option<GlobSet>, SourceError> {
            if list.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in list {
                let glob = Glob::new(g.get_ref()).map_err(|e| {
                    err(g.span(), format!("bad glob: {e}"))
                        .with_help("globs are relative to this file's directory, for example \"**/tests/**\"")
                })?;
                b.add(glob);
                // `dir/**` should also match `dir` itself's files: globset already does.
            }
            b.build().map(Some).map_err(|e| SourceError::file(file, e.to_string()))
        };
        let mut rules = BTreeMap::new();
        for (key, value) in raw.rules {
            let span = key.span();
            let mut rc = RuleConfig { span: span.clone(), ..RuleConfig::default() };
            match value {
                RuleToml::Short(s) => match s.as_str() {
                    "off" => rc.enabled = Some(false),
                    "on" => rc.enabled = Some(true),
                    other => {
                        rc.enabled = Some(true);
                        rc.severity = Some(other.parse().map_err(|e: String| {
                            err(span.clone(), e)
                                .with_help("write \"off\", \"on\", or a severity: error, warning, info, hint")
                        })?);
                    }
                },
                RuleToml::Full(t) => {
                    rc.enabled = t.enabled;
                    if let Some(s) = t.severity {
                        rc.severity = Some(s.get_ref().parse().map_err(|e: String| err(s.span(), e))?);
                    }
                    rc.settings = t.settings;
                    rc.exclude = globs(&t.exclude)?;
                }
            }
            rules.insert(key.into_inner(), rc);
        }
        Ok(Config {
            file: file.to_string(),
            text: text.to_string(),
            dir,
            packs: raw.packs,
            include: match &raw.include {
                Some(list) => globs(list)?,
                None => None,
            },
            exclude: globs(&raw.exclude)?,
            rules,
            settings: raw.settings,
            max_file_size: raw.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            timeout_ms: raw.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
        })
    }

    /// The built-in defaults, as when no `lever.toml` is found.
    pub fn default_in(dir: PathBuf) -> Config {
        Config { dir, max_file_size: DEFAULT_MAX_FILE_SIZE, timeout_ms: DEFAULT_TIMEOUT_MS, ..Config::default() }
    }

    /// An error at a span of this config file.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> SourceError {
        SourceError::at_offset(&self.file, &self.text, span.start, message)
    }

    /// Whether a path, relative to [`Config::dir`], is selected by `include` and `exclude`.
    pub fn selects(&self, rel: &std::path::Path) -> bool {
        if self.exclude.as_ref().is_some_and(|g| g.is_match(rel)) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, SourceError> {
        Config::parse("lever.toml", text, PathBuf::from("/p"))
    }

    #[test]
    fn rule_exclude_globs() {
        let c = parse("[rules.index-loop]\nexclude = [\"**/features/**\", \"scripts/*.py\"]\n").unwrap();
        let g = c.rules["index-loop"].exclude.as_ref().expect("exclude parsed");
        assert!(g.is_match("a/features/b/c.py"));
        assert!(g.is_match("scripts/x.py"));
        assert!(!g.is_match("src/x.py"));
        // Other rules and the top-level globs are untouched.
        assert!(c.exclude.is_none());
        let c = parse("[rules.index-loop]\nseverity = \"error\"\n").unwrap();
        assert!(c.rules["index-loop"].exclude.is_none());
    }

    #[test]
    fn rule_exclude_bad_glob_names_its_position() {
        let e = parse("[rules.index-loop]\nexclude = [\"ok/**\",\n  \"a[\"]\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line, e.column), ("lever.toml", 3, 3), "{e}");
        assert!(e.message.starts_with("bad glob"), "{e}");
        assert!(e.help.is_some(), "{e}");
    }

    #[test]
    fn rule_exclude_must_be_a_list() {
        let e = parse("[rules.index-loop]\nexclude = \"tests/**\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
