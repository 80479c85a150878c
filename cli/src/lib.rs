//! The `lever` command line: argument parsing, file walking, printers and exit codes.
//!
//! [`main_with_args`] is the whole program; `main.rs` only calls it, so the test suite runs
//! the CLI in-process with [`run`].

mod check;
pub mod commands;
mod printer;
mod walk;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use check::CheckOutcome;
pub use commands::CliRules;

/// Exit code: no finding reached `--fail-on`.
pub const EXIT_OK: u8 = 0;
/// Exit code: a finding reached `--fail-on` (or a fixture failed).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage, config or pack.
pub const EXIT_ERROR: u8 = 2;

/// Lever: quality leverage-point hazards, in your editor and in CI.
#[derive(Parser, Debug)]
#[command(name = "lever", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Check(CheckArgs),
    /// List the rules with their languages and default severities.
    Rules,
    /// Print a rule's documentation.
    Rule {
        /// The rule id, for example `index-loop`.
        id: String,
    },
    /// Check rule fixtures: the built-in pack, or the given pack directories.
    Test {
        /// Pack directories (each holds a pack.toml).
        packs: Vec<PathBuf>,
    },
    /// Print the syntax tree of a file, with field names, as queries see it.
    Parse { file: PathBuf },
    /// Run the language server on stdio.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at least this severe; `never` always exits 0 after a clean run.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Use this config file instead of the nearest lever.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Threads to lint with (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Apply safe fixes to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply fixes that need review (they may not compile or may change types).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Do not print the summary line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs the program with process arguments and real standard streams.
pub fn main_with_args(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> u8 {
    // Not locked for the whole run: `lever lsp` writes to stdout from another thread.
    run(args, &mut io::stdout(), &mut io::stderr())
}

/// Runs the program, writing the report to `out` and diagnostics to `err`.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let text = e.render().to_string();
            let _ = if e.use_stderr() { err.write_all(text.as_bytes()) } else { out.write_all(text.as_bytes()) };
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args, out, err),
        Command::Rules => commands::rules(out, err),
        Command::Rule { id } => commands::rule(&id, out, err),
        Command::Test { packs } => commands::test(&packs, out, err),
        Command::Parse { file } => commands::parse(&file, out, err),
        Command::Lsp { .. } => commands::lsp(err),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`lever check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_ERROR
        }
    }
}
