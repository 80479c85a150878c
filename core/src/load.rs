//! The only module of the engine that touches the file system: reading packs and finding
//! and reading `lever.toml`.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::error::SourceError;
use crate::pack::{Pack, PackFiles, parse_pack};

/// The built-in pack, embedded at compile time from the workspace's `queries/` directory.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../queries");

/// The name of the config file.
pub const CONFIG_FILE: &str = "lever.toml";

/// Pack files larger than this are not read (fixtures and queries are small).
const MAX_PACK_FILE: u64 = 4 * 1024 * 1024;

/// The built-in pack's files.
pub fn builtin_files() -> PackFiles {
    let mut files = PackFiles { root: "<built-in>/queries".to_string(), ..PackFiles::default() };
    fn walk(dir: &Dir<'static>, files: &mut PackFiles) {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            files.files.insert(rel, f.contents().to_vec());
        }
        for d in dir.dirs() {
            walk(d, files);
        }
    }
    walk(&BUILTIN, &mut files);
    files
}

/// The built-in pack. Its errors are bugs, caught by the test suite.
pub fn builtin_pack() -> (Option<Pack>, Vec<SourceError>) {
    parse_pack(&builtin_files())
}

/// Reads every file of a pack directory.
pub fn pack_files(dir: &Path) -> Result<PackFiles, SourceError> {
    let root = dir.display().to_string();
    if !dir.is_dir() {
        return Err(SourceError::file(&root, "pack directory not found")
            .with_help("a pack is a directory holding pack.toml and rules/"));
    }
    let mut files = PackFiles { root, ..PackFiles::default() };
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| SourceError::file(d.display().to_string(), e.to_string()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && meta.len() <= MAX_PACK_FILE {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let bytes =
                    std::fs::read(&path).map_err(|e| SourceError::file(path.display().to_string(), e.to_string()))?;
                files.files.insert(rel, bytes);
            }
        }
    }
    Ok(files)
}

/// Loads a pack from a directory.
pub fn load_pack(dir: &Path) -> (Option<Pack>, Vec<SourceError>) {
    match pack_files(dir) {
        Ok(files) => parse_pack(&files),
        Err(e) => (None, vec![e]),
    }
}

/// The nearest `lever.toml` at or above `start` (a file or a directory).
/// `start` need not exist (an editor's unsaved buffer): then its directory is used.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = match start.canonicalize() {
        Ok(p) => p,
        Err(_) => start.parent()?.canonicalize().ok()?.join(start.file_name()?),
    };
    let dir = if start.is_dir() { &start } else { start.parent()? };
    dir.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// Reads and parses a config file.
pub fn load_config(path: &Path) -> Result<Config, SourceError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| SourceError::file(&name, e.to_string()))?;
    // Globs and pack paths resolve against the config's directory, as an absolute path.
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    Config::parse(&name, &text, dir)
}

/// The config for linting `start`: the nearest `lever.toml`, or the defaults.
pub fn config_for(start: &Path) -> Result<Config, SourceError> {
    match find_config(start) {
        Some(path) => load_config(&path),
        None => {
            let abs = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
            let dir = if abs.is_file() { abs.parent().map(Path::to_path_buf).unwrap_or_default() } else { abs };
            Ok(Config::default_in(dir))
        }
    }
}

/// The packs a config asks for: the built-in pack, then each of `packs` in order.
pub fn packs_for(config: &Config) -> (Vec<Pack>, Vec<SourceError>) {
    let (builtin, mut errors) = builtin_pack();
    let mut packs: Vec<Pack> = builtin.into_iter().collect();
    for p in &config.packs {
        let dir = config.dir.join(p.get_ref());
        if !dir.is_dir() {
            errors.push(
                config
                    .error_at(p.span(), format!("pack `{}` not found at {}", p.get_ref(), dir.display()))
                    .with_help("`packs` lists pack directories, relative to this lever.toml"),
            );
            continue;
        }
        let (pack, mut errs) = load_pack(&dir);
        packs.extend(pack);
        errors.append(&mut errs);
    }
    (packs, errors)
}
