//! Editor latency: a one-character edit in a ~5,000-line file, then incremental reparse and
//! re-lint, as the language server does per keystroke; and the server's memory with 1,000
//! open documents.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lever_core::incremental::Incremental;
use lever_core::text::point;
use lever_core::{Language, Linter, RuleSet};
use tree_sitter::{InputEdit, Point};

/// The file of `lang` under `root` whose line count is closest to 5,000.
fn pick(root: &Path, lang: Language) -> Option<(PathBuf, String)> {
    let mut best: Option<(usize, PathBuf, String)> = None;
    for e in ignore::WalkBuilder::new(root).standard_filters(false).build().flatten() {
        if Language::from_path(e.path()) != Some(lang) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let d = text.lines().count().abs_diff(5000);
        if best.as_ref().is_none_or(|b| d < b.0) {
            best = Some((d, e.path().to_path_buf(), text));
        }
    }
    best.map(|(_, p, t)| (p, t))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Prints a Markdown table of per-edit latency for each language.
pub fn run(root: &Path, rules: &RuleSet, edits: usize) {
    println!(
        "| language | file | lines | full parse ms | first diagnostics: median ms | p99 ms | max ms | previews | previews equal to settled | settled (edit + preview + reparse + lint): median ms | p99 ms | reparse: median ms | p99 ms | lint: median ms | p99 ms | bare tree-sitter reparse: median ms | p99 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut linter = Linter::new();
    for lang in [Language::Python, Language::Rust, Language::TypeScript] {
        let Some((path, mut text)) = pick(root, lang) else { continue };
        let t0 = Instant::now();
        let mut tree = linter.parse(lang, &text, None, Duration::from_secs(60)).expect("parse");
        let full = t0.elapsed().as_secs_f64() * 1e3;
        // Edit sites: the end of every identifier node. Appending a letter there keeps the
        // syntax valid, as typing a name does (the end of a keyword or a number would not).
        let mut sites = Vec::new();
        let top = tree.root_node();
        let mut walk = top.walk();
        'walk: loop {
            let node = walk.node();
            if node.kind().ends_with("identifier") && node.child_count() == 0 {
                sites.push(node.end_byte());
            }
            if walk.goto_first_child() {
                continue;
            }
            while !walk.goto_next_sibling() {
                if !walk.goto_parent() {
                    break 'walk;
                }
            }
        }
        drop(walk);
        sites.sort_unstable();
        sites.dedup();
        let mut rng: u64 = 42;
        let (mut total, mut lint, mut reparse) = (Vec::new(), Vec::new(), Vec::new());
        // First diagnostics: the preview (the edited item parsed alone) when it is given,
        // else the settled result; and how often a preview equals the settled findings.
        let (mut first, mut previews, mut equal) = (Vec::new(), 0, 0);
        // As the server does: raw findings follow the edits; re-lints cover edited items.
        // The floor: the same edits reparsed by a plain tree-sitter parser, no Lever code.
        let mut bare = tree_sitter::Parser::new();
        bare.set_language(&lang.grammar()).expect("grammar");
        let mut bare_tree = tree.clone();
        let mut floor = Vec::new();
        let mut incremental = Incremental::default();
        incremental.relint(&mut linter, rules, lang, &text, &tree);
        for _ in 0..edits {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let at = sites[(rng >> 33) as usize % sites.len()];
            for s in sites.iter_mut().filter(|s| **s >= at) {
                *s += 1;
            }
            let start = Instant::now();
            let start_position = point(&text, at);
            text.insert(at, 'x');
            let edit = InputEdit {
                start_byte: at,
                old_end_byte: at,
                new_end_byte: at + 1,
                start_position,
                old_end_position: start_position,
                new_end_position: Point { row: start_position.row, column: start_position.column + 1 },
            };
            tree.edit(&edit);
            incremental.edit(at, at, at + 1);
            let preview = incremental.preview(&mut linter, rules, lang, &text, &tree);
            let previewed = start.elapsed().as_secs_f64() * 1e3;
            let p0 = Instant::now();
            let new = linter.parse(lang, &text, Some(&tree), Duration::from_secs(60)).expect("reparse");
            for r in tree.changed_ranges(&new) {
                incremental.touch(r.start_byte..r.end_byte);
            }
            tree = new;
            reparse.push(p0.elapsed().as_secs_f64() * 1e3);
            let l0 = Instant::now();
            let found = incremental.relint(&mut linter, rules, lang, &text, &tree).findings;
            lint.push(l0.elapsed().as_secs_f64() * 1e3);
            total.push(start.elapsed().as_secs_f64() * 1e3);
            match preview {
                Some(p) => {
                    previews += 1;
                    equal += usize::from(p == found);
                    first.push(previewed);
                }
                None => first.push(total[total.len() - 1]),
            }
            bare_tree.edit(&edit);
            let b0 = Instant::now();
            bare_tree = bare.parse(&text, Some(&bare_tree)).expect("bare reparse");
            floor.push(b0.elapsed().as_secs_f64() * 1e3);
        }
        floor.sort_by(f64::total_cmp);
        first.sort_by(f64::total_cmp);
        total.sort_by(f64::total_cmp);
        lint.sort_by(f64::total_cmp);
        reparse.sort_by(f64::total_cmp);
        let name = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        println!(
            "| {lang} | `{name}` | {} | {full:.1} | {:.2} | {:.2} | {:.2} | {previews}/{edits} | {equal}/{previews} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            text.lines().count(),
            percentile(&first, 0.5),
            percentile(&first, 0.99),
            first[first.len() - 1],
            percentile(&total, 0.5),
            percentile(&total, 0.99),
            percentile(&reparse, 0.5),
            percentile(&reparse, 0.99),
            percentile(&lint, 0.5),
            percentile(&lint, 0.99),
            percentile(&floor, 0.5),
            percentile(&floor, 0.99),
        );
    }
}

/// Starts `lever lsp`, opens `count` corpus files, and reports the server's resident memory.
pub fn memory(root: &Path, lever: &Path, count: usize) -> anyhow::Result<()> {
    let mut child = Command::new(lever).arg("lsp").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |msg: serde_json::Value| -> std::io::Result<()> {
        let body = msg.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        stdin.flush()
    };
    let mut recv = || -> anyhow::Result<serde_json::Value> {
        let mut len = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse()?;
            }
        }
        let mut body = vec![0; len];
        stdout.read_exact(&mut body)?;
        Ok(serde_json::from_slice(&body)?)
    };
    // A pull client: the server lints on request, so opening costs parse and storage only,
    // then one pull per document makes it lint and keep every result.
    send(serde_json::json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {"textDocument": {"diagnostic": {}}}}}))?;
    recv()?;
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    let rss = |pid: u32| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    };
    let before = rss(child.id());
    let mut files = Vec::new();
    for e in ignore::WalkBuilder::new(root).standard_filters(false).build().flatten() {
        if files.len() == count {
            break;
        }
        if Language::from_path(e.path()).is_some()
            && let Ok(text) = std::fs::read_to_string(e.path())
        {
            files.push((e.path().to_path_buf(), text));
        }
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    for (i, (path, text)) in files.iter().enumerate() {
        let uri = format!("file://{}", path.canonicalize()?.display());
        send(serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "", "version": 1, "text": text}}}))?;
        send(serde_json::json!({"jsonrpc": "2.0", "id": i + 1, "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": uri}}}))?;
        // Read the answer before the next request, so neither pipe fills up.
        while recv()?.get("id") != Some(&serde_json::json!(i + 1)) {}
    }
    let after = rss(child.id());
    println!(
        "| {} open documents ({:.1} MB of text) | RSS before: {:.1} MiB | after: {:.1} MiB |",
        files.len(),
        bytes as f64 / 1e6,
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );
    let _ = send(serde_json::json!({"jsonrpc": "2.0", "id": 999_999, "method": "shutdown", "params": null}));
    let _ = send(serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
    Ok(())
}
