//! `lever check`: resolve configs and packs, walk, lint in parallel, print, pick the exit code.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use lever_core::{Config, FileResult, Linter, RuleSet, Severity, Skipped, SourceError, load};
use rayon::prelude::*;

use crate::printer::{self, FileReport, Report};
use crate::walk;
use crate::{CheckArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn};

/// What a check produced, for callers that want data rather than output.
pub struct CheckOutcome {
    pub report: Report,
    pub errors: Vec<SourceError>,
}

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let start = Instant::now();
    let print_errors = |err: &mut dyn Write, errors: &[SourceError]| -> io::Result<()> {
        errors.iter().try_for_each(|e| writeln!(err, "error: {e}"))
    };
    if args.fix {
        match apply_fixes(args) {
            Ok(0) => {}
            Ok(n) if !args.quiet => writeln!(err, "Fixed {n} file{}", if n == 1 { "" } else { "s" })?,
            Ok(_) => {}
            Err(errors) => {
                print_errors(err, &errors)?;
                return Ok(EXIT_ERROR);
            }
        }
    }
    let outcome = match collect(args) {
        Ok(o) => o,
        Err(errors) => {
            print_errors(err, &errors)?;
            return Ok(EXIT_ERROR);
        }
    };
    print_errors(err, &outcome.errors)?;
    let report = &outcome.report;
    let color = match args.color {
        crate::ColorChoice::Always => true,
        crate::ColorChoice::Never => false,
        crate::ColorChoice::Auto => {
            args.output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && io::IsTerminal::is_terminal(&io::stdout())
        }
    };
    match &args.output {
        Some(path) => {
            let mut file = io::BufWriter::new(std::fs::File::create(path)?);
            printer::print(args.format, report, &mut file, false)?;
            file.flush()?;
        }
        None => {
            let mut buf = io::BufWriter::new(out);
            printer::print(args.format, report, &mut buf, color)?;
            buf.flush()?;
        }
    }
    for f in &report.files {
        if let Some(s) = &f.result.skipped {
            writeln!(err, "note: {}: {s}", f.display)?;
        }
    }
    if !args.quiet {
        writeln!(err, "{}", printer::summary(report, start.elapsed()))?;
    }
    if !outcome.errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Hint => Some(Severity::Hint),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| report.findings().any(|(_, f)| f.severity >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// Lints `args.paths`. `Err` only when nothing can run (a config that does not parse).
pub fn collect(args: &CheckArgs) -> Result<CheckOutcome, Vec<SourceError>> {
    let cwd = std::env::current_dir().unwrap_or_default();
    // One rule set per distinct config; most runs have one.
    let mut sets: BTreeMap<Option<PathBuf>, Arc<RuleSet>> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut jobs: Vec<(walk::Target, Arc<RuleSet>)> = Vec::new();
    let mut nearest = NearestConfig::default();
    // Configs found below a path argument, by file; `None` when one did not load.
    let mut nested: BTreeMap<PathBuf, Option<(Config, Arc<RuleSet>)>> = BTreeMap::new();
    for path in &args.paths {
        if !path.exists() {
            return Err(vec![SourceError::file(path.display().to_string(), "no such file or directory")]);
        }
        let config_path = match &args.config {
            Some(c) => Some(c.clone()),
            None => load::find_config(path),
        };
        let config = match &config_path {
            Some(c) => load::load_config(c).map_err(|e| vec![e])?,
            None => load::config_for(path).map_err(|e| vec![e])?,
        };
        let set = match sets.get(&config_path) {
            Some(s) => s.clone(),
            None => {
                let (set, mut errs) = rule_set(&config);
                errors.append(&mut errs);
                let set = Arc::new(set);
                sets.insert(config_path.clone(), set.clone());
                set
            }
        };
        for target in walk::files(path, &config) {
            // A `lever.toml` below the path argument governs the files under it, as it does
            // in the editor; `--config` governs every file.
            let own = match &args.config {
                Some(_) => config_path.clone(),
                None => nearest.find(&target.path),
            };
            let Some(own_path) = own.filter(|o| Some(o) != config_path.as_ref()) else {
                jobs.push((target, set.clone()));
                continue;
            };
            let nested = nested.entry(own_path.clone()).or_insert_with(|| match load::load_config(&own_path) {
                Ok(c) => {
                    let (set, mut errs) = rule_set(&c);
                    errors.append(&mut errs);
                    let set = Arc::new(set);
                    sets.insert(Some(own_path.clone()), set.clone());
                    Some((c, set))
                }
                Err(e) => {
                    // Its files are linted with the enclosing config; the error fails the run.
                    errors.push(e);
                    None
                }
            });
            match nested {
                Some((c, set)) if walk::selected(&target.path, c) => jobs.push((target, set.clone())),
                Some(_) => {}
                None => jobs.push((target, set.clone())),
            }
        }
    }
    // The same file reached through two path arguments is linted once.
    jobs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    jobs.dedup_by(|a, b| a.0.path == b.0.path);
    // Largest first, so that no big file is left to the end while other threads idle; the
    // report is sorted by path afterwards.
    jobs.sort_by_key(|(t, _)| std::cmp::Reverse(t.size));

    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build();
    // One file per task, so that work stealing can balance the largest-first order; the
    // `Linter` (parsers, cursors) lives per thread, not per task.
    let lint_all = || -> Vec<FileReport> {
        jobs.par_iter()
            .with_max_len(1)
            .map(|(target, set)| LINTER.with_borrow_mut(|linter| lint_file(linter, set, target, &cwd)))
            .collect()
    };
    let mut files = match pool {
        Ok(pool) => pool.install(lint_all),
        Err(_) => lint_all(),
    };
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for set in sets.values() {
        errors.extend(set.take_errors());
    }
    let rules = sets.into_values().collect();
    Ok(CheckOutcome { report: Report { files, rules, cwd }, errors })
}

/// The nearest `lever.toml` of each file, looked up once per directory.
#[derive(Default)]
struct NearestConfig {
    by_dir: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl NearestConfig {
    fn find(&mut self, file: &Path) -> Option<PathBuf> {
        let dir = file.parent()?;
        self.by_dir.entry(dir.to_path_buf()).or_insert_with(|| load::find_config(dir)).clone()
    }
}

/// Applies the fixes `args` allows to every file, re-linting between passes so that a fix
/// nested in another is recomputed on the rewritten text. Returns how many files changed.
fn apply_fixes(args: &CheckArgs) -> Result<usize, Vec<SourceError>> {
    let mut changed = std::collections::BTreeSet::new();
    for _pass in 0..10 {
        let outcome = collect(args)?;
        let mut applied = 0;
        for file in &outcome.report.files {
            let Some(text) = &file.text else { continue };
            let fixes = file
                .result
                .findings
                .iter()
                .filter_map(|f| f.fix.as_ref())
                .filter(|f| f.applicability == lever_core::Applicability::Safe || args.unsafe_fixes);
            let (new, n) = lever_core::fixture::apply_fixes(text, fixes);
            if n > 0 && new != *text {
                std::fs::write(&file.path, new).map_err(|e| vec![SourceError::file(&file.display, e.to_string())])?;
                changed.insert(file.path.clone());
                applied += n;
            }
        }
        if applied == 0 {
            break;
        }
    }
    Ok(changed.len())
}

thread_local! {
    static LINTER: std::cell::RefCell<Linter> = std::cell::RefCell::new(Linter::new());
}

/// Packs and rules for a config. Errors are returned alongside a usable rule set.
pub fn rule_set(config: &Config) -> (RuleSet, Vec<SourceError>) {
    let (packs, mut errors) = load::packs_for(config);
    let (set, mut errs) = RuleSet::new(&packs, config);
    errors.append(&mut errs);
    (set, errors)
}

fn lint_file(linter: &mut Linter, set: &RuleSet, target: &walk::Target, cwd: &Path) -> FileReport {
    let display = display_path(&target.path, cwd);
    // Do not even read a file over the limit.
    if target.size > set.max_file_size {
        let skip = Skipped::TooLarge { size: target.size, limit: set.max_file_size };
        return FileReport {
            path: target.path.clone(),
            display,
            language: target.language,
            text: None,
            result: skipped(skip),
        };
    }
    let (result, text) = match std::fs::read(&target.path) {
        Ok(bytes) => {
            // Catch a panic in one file so it cannot stop the run; report it as a skip.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                linter.lint_bytes(set, target.language, &bytes)
            }));
            match result {
                Ok(mut r) => {
                    if set.has_excludes() {
                        // `[rules.<id>] exclude` globs are relative to the config's directory.
                        let abs = target.path.canonicalize().unwrap_or_else(|_| target.path.clone());
                        set.drop_excluded(&abs, &mut r.findings);
                    }
                    let text = if r.findings.is_empty() { None } else { String::from_utf8(bytes).ok() };
                    (r, text)
                }
                Err(panic) => {
                    *linter = Linter::new();
                    let what = lever_core::lint::panic_message(panic.as_ref());
                    (skipped(Skipped::InternalError(what)), None)
                }
            }
        }
        Err(e) => (skipped(Skipped::Unreadable(e.to_string())), None),
    };
    FileReport { path: target.path.clone(), display, language: target.language, text, result }
}

fn skipped(s: Skipped) -> FileResult {
    FileResult { skipped: Some(s), ..FileResult::default() }
}

/// A path as the user should see it: relative to the working directory when below it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let abs = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let rel = abs.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(abs);
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
