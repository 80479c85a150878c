//! Parse-only against full lint over a real corpus (`bench/fetch-corpus.sh` fetches it).
//!
//! For each language directory under the corpus, files are read into memory first, then
//! each mode runs over all of them, alternating modes run by run (A B C A B C …) so that
//! noise from a shared machine hits every mode alike. Ratios are medians of per-run ratios
//! to the parse-only run of the same round, as the research in shared/research recommends.
//!
//! Usage: `cargo run --release -p lever-bench -- [CORPUS_DIR] [--runs N] [--all-rules] [--only RULE] [--quick]`
//! Editor latency: `cargo run --release -p lever-bench -- latency [CORPUS_DIR]`
//! Server memory: `cargo run --release -p lever-bench -- lsp-memory [CORPUS_DIR]` (after
//! `cargo build --release`, which builds the `lever` binary it starts)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lever_core::{Config, Language, Linter, RuleSet, load};
use rayon::prelude::*;

mod latency;

struct Corpus {
    name: String,
    files: Vec<(Language, String)>,
    bytes: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Parse,
    Lint,
    LintNoPrefilter,
    OneQuery,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Parse => "parse only",
            Mode::Lint => "lint",
            Mode::LintNoPrefilter => "lint, prefilter off",
            Mode::OneQuery => "lint, prefilter off, one whole-tree query",
        }
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let mode = args.next_if(|a| a == "latency" || a == "lsp-memory");
    let mut root = PathBuf::from("bench/corpus");
    let mut runs = 5usize;
    let mut all_rules = false;
    let mut quick = false;
    let mut only: Option<String> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().unwrap_or_default().parse()?,
            // Preview rules too, as a config that turns them all on would run.
            "--all-rules" => all_rules = true,
            // Parse only and lint: skips the slow comparison modes.
            "--quick" => quick = true,
            // One rule (preview or not) and nothing else.
            "--only" => only = args.next(),
            other => root = PathBuf::from(other),
        }
    }
    if mode.as_deref() == Some("lsp-memory") {
        let lever = std::env::current_exe()?.with_file_name("lever");
        return latency::memory(&root, &lever, 1000);
    }
    anyhow::ensure!(root.is_dir(), "{} not found: run bench/fetch-corpus.sh first", root.display());
    let (pack, errors) = load::builtin_pack();
    anyhow::ensure!(errors.is_empty(), "built-in pack errors: {errors:?}");
    let pack = pack.expect("built-in pack");
    let config = Config::default_in(".".into());
    let make = || {
        let set = RuleSet::new(std::slice::from_ref(&pack), &config).0;
        match &only {
            Some(id) => set.filtered(|r| r == id),
            None if all_rules => set.filtered(|_| true),
            None => set,
        }
    };
    // Compiling the queries is paid once per process (and per reload in the editor): the
    // first diagnostic waits for it.
    let fresh = make();
    let compile: Vec<String> = lever_core::Language::ALL
        .iter()
        .map(|&lang| {
            let t = std::time::Instant::now();
            fresh.compiled(lang);
            format!("{lang} {:.0} ms", t.elapsed().as_secs_f64() * 1e3)
        })
        .collect();
    println!("query compilation, once per process: {}\n", compile.join(", "));
    let rules = make();
    let rules_nopf = make().without_prefilter();
    let rules_one = make().without_prefilter().without_dispatch();
    for set in [&rules, &rules_nopf, &rules_one] {
        set.compile_all();
    }
    if mode.as_deref() == Some("latency") {
        println!("Prefilter off (every edit is matched), 1,000 edits per file:\n");
        latency::run(&root, &rules_nopf, 1000);
        return Ok(());
    }

    println!("corpus {} · {runs} rounds · rules: {}", root.display(), rules.active().len());
    println!();
    println!(
        "| corpus | files | MB | mode | threads | median s | files/s | MB/s | × parse (same threads) | 2 threads vs 1 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let corpus = read_corpus(&dir)?;
        let mb = corpus.bytes as f64 / 1e6;
        let modes: &[Mode] = if quick {
            &[Mode::Parse, Mode::Lint]
        } else {
            &[Mode::Parse, Mode::Lint, Mode::LintNoPrefilter, Mode::OneQuery]
        };
        const N: usize = 4;
        let mut medians = [[0f64; N]; 2];
        let mut ratios = [[0f64; N]; 2];
        for (t, threads) in [1usize, 2].into_iter().enumerate() {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
            let mut times: Vec<[f64; N]> = Vec::new();
            // One warm-up round, not recorded.
            for round in 0..=runs {
                let mut row = [0f64; N];
                for (m, mode) in modes.iter().enumerate() {
                    let set = match mode {
                        Mode::LintNoPrefilter => &rules_nopf,
                        Mode::OneQuery => &rules_one,
                        _ => &rules,
                    };
                    row[m] = pool.install(|| run(&corpus, *mode, set)).as_secs_f64();
                }
                if round > 0 {
                    times.push(row);
                }
            }
            for m in 0..N {
                medians[t][m] = median(times.iter().map(|r| r[m]).collect());
                ratios[t][m] = median(times.iter().map(|r| r[m] / r[0]).collect());
            }
        }
        for (t, threads) in [1usize, 2].into_iter().enumerate() {
            for (m, mode) in modes.iter().enumerate() {
                let s = medians[t][m];
                let speedup = if t == 1 { format!("{:.2}×", medians[0][m] / s) } else { String::new() };
                println!(
                    "| {} | {} | {:.1} | {} | {threads} | {:.3} | {:.0} | {:.2} | {:.2} | {speedup} |",
                    corpus.name,
                    corpus.files.len(),
                    mb,
                    mode.label(),
                    s,
                    corpus.files.len() as f64 / s,
                    mb / s,
                    ratios[t][m],
                );
            }
        }
        let found: usize = corpus
            .files
            .par_iter()
            .map_init(Linter::new, |l, (lang, text)| l.lint_text(&rules, *lang, text).findings.len())
            .sum();
        eprintln!("{}: {found} findings", corpus.name);
    }
    Ok(())
}

thread_local! {
    // Per thread, as in `lever check`: one task per file, largest first.
    static LINTER: std::cell::RefCell<Linter> = std::cell::RefCell::new(Linter::new());
}

fn run(corpus: &Corpus, mode: Mode, rules: &RuleSet) -> Duration {
    let start = Instant::now();
    let n: usize = corpus
        .files
        .par_iter()
        .with_max_len(1)
        .map(|(lang, text)| {
            LINTER.with_borrow_mut(|linter| match mode {
                Mode::Parse => linter
                    .parse(*lang, text, None, Duration::from_secs(60))
                    .map_or(0, |t| t.root_node().child_count() as usize),
                Mode::Lint | Mode::LintNoPrefilter | Mode::OneQuery => {
                    linter.lint_text(rules, *lang, text).findings.len()
                }
            })
        })
        .sum();
    std::hint::black_box(n);
    start.elapsed()
}

fn read_corpus(dir: &Path) -> anyhow::Result<Corpus> {
    let mut files = Vec::new();
    let mut bytes = 0;
    for entry in ignore::WalkBuilder::new(dir).standard_filters(false).build().flatten() {
        let path = entry.path();
        let Some(lang) = Language::from_path(path) else { continue };
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        bytes += text.len();
        files.push((lang, text));
    }
    // Largest first, as `lever check` schedules them: a big file left to the end would
    // keep one thread busy while the others idle.
    files.sort_by_key(|(_, text)| std::cmp::Reverse(text.len()));
    let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
    Ok(Corpus { name, files, bytes })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}
