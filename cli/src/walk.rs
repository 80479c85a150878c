//! Finding the files to lint: `.gitignore`-aware, deterministic order.

use std::path::{Path, PathBuf};

use lever_core::{Config, Language};

/// A file to lint.
pub struct Target {
    pub path: PathBuf,
    pub language: Language,
    /// Bytes, for scheduling the largest files first.
    pub size: u64,
}

/// The lintable files under `root`, sorted. A file named explicitly is linted even when
/// ignored; files in walked directories honour `.gitignore`, `.ignore`, hidden-file rules and
/// the config's `include`/`exclude`.
pub fn files(root: &Path, config: &Config) -> Vec<Target> {
    let size = |p: &Path| p.metadata().map_or(0, |m| m.len());
    if root.is_file() {
        return Language::from_path(root)
            .map(|language| Target { path: root.to_path_buf(), language, size: size(root) })
            .into_iter()
            .collect();
    }
    let mut out = Vec::new();
    // A pack's fixtures hold hazards on purpose: `lever test` checks them, `check` skips them.
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .filter_entry(|e| !is_pack_fixtures(e.path()) && !is_default_excluded(e.path()))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        let Some(language) = Language::from_path(&path) else {
            continue;
        };
        if !selected(&path, config) {
            continue;
        }
        out.push(Target { size: size(&path), path, language });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Directories and files that are never the project's own source, skipped when walking
/// (as ruff and ESLint do): installed dependencies, virtual environments, minified bundles.
const EXCLUDED_DIRS: [&str; 5] = ["node_modules", ".venv", "venv", "__pycache__", "site-packages"];

fn is_default_excluded(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    EXCLUDED_DIRS.contains(&name) || name.ends_with(".min.js") || name.ends_with(".min.mjs")
}

/// Whether `dir` is `<pack>/rules/<rule>/fixtures` of a pack (a directory with pack.toml).
fn is_pack_fixtures(dir: &Path) -> bool {
    dir.file_name().is_some_and(|n| n == "fixtures")
        && dir.parent().and_then(Path::parent).is_some_and(|rules| rules.file_name().is_some_and(|n| n == "rules"))
        && dir.ancestors().nth(3).is_some_and(|pack| pack.join("pack.toml").is_file())
}

/// Whether `config`'s `include` and `exclude` globs (relative to its directory) select `path`.
pub fn selected(path: &Path, config: &Config) -> bool {
    if config.include.is_none() && config.exclude.is_none() {
        return true;
    }
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(&config.dir).unwrap_or(&abs);
    config.selects(rel)
}
