//! The small subcommands: `rules`, `rule`, `test`, `parse`, `lsp`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use lever_core::fixture;
use lever_core::pack::PackFiles;
use lever_core::{Config, Language, Linter, RuleSet, load, suppress};

use crate::check::rule_set;
use crate::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// The rule set for the working directory's config, printing its errors.
fn cwd_rules(err: &mut dyn Write) -> io::Result<Result<RuleSet, u8>> {
    let cwd = std::env::current_dir()?;
    let config = match load::config_for(&cwd) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(Err(EXIT_ERROR));
        }
    };
    let (set, errors) = rule_set(&config);
    for e in &errors {
        writeln!(err, "error: {e}")?;
    }
    Ok(Ok(set))
}

pub fn rules(out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let set = match cwd_rules(err)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    writeln!(out, "{:<22} {:<8} {:<9} {:<40} summary", "rule", "pack", "severity", "languages")?;
    for rule in set.all_rules() {
        let active = set.active().iter().find(|a| a.rule.id == rule.id);
        let severity = match active {
            Some(a) => a.severity.to_string(),
            None if rule.preview => "preview".to_string(),
            None => "off".to_string(),
        };
        let langs: Vec<&str> = rule.languages().map(Language::name).collect();
        writeln!(out, "{:<22} {:<8} {:<9} {:<40} {}", rule.id, rule.pack, severity, langs.join(","), rule.summary)?;
    }
    let sev = set.unused_suppression_severity().map_or("off".to_string(), |s| s.to_string());
    let (id, pack, langs, summary) =
        (suppress::UNUSED_SUPPRESSION, "engine", "all", "A suppression comment that suppresses nothing");
    writeln!(out, "{id:<22} {pack:<8} {sev:<9} {langs:<40} {summary}")?;
    Ok(EXIT_OK)
}

pub fn rule(id: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if id == suppress::UNUSED_SUPPRESSION {
        writeln!(
            out,
            "# {id}\n\nA suppression comment that suppresses nothing.\n\n{}",
            suppress::UNUSED_SUPPRESSION_DOCS
        )?;
        return Ok(EXIT_OK);
    }
    let set = match cwd_rules(err)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let Some(rule) = set.find(id) else {
        let ids: Vec<&str> = set.all_rules().iter().map(|r| r.id.as_str()).collect();
        writeln!(err, "error: unknown rule `{id}`\n  help: known rules: {}", ids.join(", "))?;
        return Ok(EXIT_ERROR);
    };
    let langs: Vec<&str> = rule.languages().map(Language::name).collect();
    writeln!(out, "# {}\n\n{}\n", rule.id, rule.summary)?;
    writeln!(out, "Pack: {} · Default severity: {} · Languages: {}\n", rule.pack, rule.severity, langs.join(", "))?;
    write!(out, "{}", rule.docs)?;
    if !rule.settings.is_empty() {
        writeln!(out, "\n## Settings\n")?;
        for (name, value) in &rule.settings {
            writeln!(out, "- `{name}` (default: `{value:?}`)")?;
        }
    }
    Ok(EXIT_OK)
}

pub fn test(packs: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let mut sources: Vec<PackFiles> = Vec::new();
    if packs.is_empty() {
        sources.push(load::builtin_files());
    }
    for dir in packs {
        match load::pack_files(dir) {
            Ok(f) => sources.push(f),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    let (mut passed, mut failed, mut errors) = (0, 0, 0);
    for files in &sources {
        let (pack, errs) = lever_core::pack::parse_pack(files);
        for e in &errs {
            writeln!(err, "error: {e}")?;
        }
        errors += errs.len();
        let Some(pack) = pack else { continue };
        let config = Config::default_in(Path::new(".").to_path_buf());
        let (set, errs) = RuleSet::new(std::slice::from_ref(&pack), &config);
        // Every rule, preview ones included, must compile.
        let everything = set.filtered(|_| true);
        everything.compile_all();
        for e in errs.iter().chain(&everything.take_errors()) {
            writeln!(err, "error: {e}")?;
            errors += 1;
        }
        for r in fixture::check_pack(files, &pack.rules, &set) {
            if r.passed() {
                passed += 1;
                writeln!(out, "ok    {} ({} expected)", r.file, r.expected)?;
            } else {
                failed += 1;
                writeln!(out, "FAIL  {}", r.file)?;
                for f in &r.failures {
                    writeln!(out, "      {}:{f}", r.file)?;
                }
            }
        }
        for rule in &pack.rules {
            if !rule.fixtures.iter().any(|f| Language::from_path(Path::new(f)).is_some()) {
                writeln!(out, "FAIL  {}: rule `{}` has no fixtures", files.display(&rule.dir), rule.id)?;
                failed += 1;
            }
        }
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if errors > 0 {
        EXIT_ERROR
    } else if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

pub fn parse(file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(lang) = Language::from_path(file) else {
        writeln!(err, "error: {}: not a file Lever lints (by extension)", file.display())?;
        return Ok(EXIT_ERROR);
    };
    let text = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            writeln!(err, "error: {}: {e}", file.display())?;
            return Ok(EXIT_ERROR);
        }
    };
    let mut linter = Linter::new();
    let Some(tree) = linter.parse(lang, &text, None, std::time::Duration::from_secs(30)) else {
        writeln!(err, "error: parsing timed out")?;
        return Ok(EXIT_ERROR);
    };
    // Iterative walk: deep trees must not overflow the stack.
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() || node.is_missing() {
            let field = cursor.field_name().map(|f| format!("{f}: ")).unwrap_or_default();
            let (s, e) = (node.start_position(), node.end_position());
            let leaf = if node.named_child_count() == 0 {
                format!(" {:?}", text.get(node.byte_range()).unwrap_or("").chars().take(40).collect::<String>())
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}{field}({}) [{}:{} - {}:{}]{leaf}",
                "  ".repeat(depth),
                node.kind(),
                s.row + 1,
                s.column + 1,
                e.row + 1,
                e.column + 1
            )?;
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return Ok(EXIT_OK);
            }
            depth -= 1;
        }
    }
}

pub fn lsp(err: &mut dyn Write) -> io::Result<u8> {
    match lever_lsp::run_stdio(std::sync::Arc::new(CliRules)) {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(EXIT_ERROR)
        }
    }
}

/// The language server's rules: the same packs and `lever.toml` as `lever check`, with the
/// editor's settings on top.
pub struct CliRules;

impl lever_lsp::RuleSource for CliRules {
    fn config_for(&self, file: &Path) -> Option<PathBuf> {
        load::find_config(file)
    }

    fn rules(&self, config: Option<&Path>, settings: &lever_lsp::Settings) -> (RuleSet, Vec<lever_core::SourceError>) {
        let mut errors = Vec::new();
        let mut cfg = match config.map(load::load_config) {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                errors.push(e);
                Config::default_in(std::env::current_dir().unwrap_or_default())
            }
            None => Config::default_in(std::env::current_dir().unwrap_or_default()),
        };
        for (id, value) in &settings.rules {
            let rc = cfg.rules.entry(id.clone()).or_default();
            match value.as_str() {
                "off" => rc.enabled = Some(false),
                "on" => rc.enabled = Some(true),
                sev => match sev.parse() {
                    Ok(s) => {
                        rc.enabled = Some(true);
                        rc.severity = Some(s);
                    }
                    Err(e) => {
                        errors.push(lever_core::SourceError::file("editor settings", format!("lever.rules.{id}: {e}")))
                    }
                },
            }
        }
        for pack in &settings.packs {
            let path = pack.to_string_lossy().into_owned();
            cfg.packs.push(toml::Spanned::new(0..0, path));
        }
        let (set, mut errs) = rule_set(&cfg);
        errors.append(&mut errs);
        (set, errors)
    }
}
