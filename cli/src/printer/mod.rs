//! Printers: one module per output format, all reading the same [`Report`].

mod json;
mod sarif;
mod text;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lever_core::text::{LineMap, Position};
use lever_core::{FileResult, Finding, Language, RuleSet, Severity};

use crate::Format;

/// One linted file.
pub struct FileReport {
    pub path: PathBuf,
    /// The path as printed: relative to the working directory, `/`-separated.
    pub display: String,
    pub language: Language,
    /// The file's text, kept only when it has findings (for snippets and positions).
    pub text: Option<String>,
    pub result: FileResult,
}

impl FileReport {
    /// Start and end positions of a byte range.
    pub fn positions(&self, map: &LineMap, range: &std::ops::Range<usize>) -> (Position, Position) {
        (map.position(range.start), map.position(range.end))
    }

    pub fn line_map(&self) -> LineMap<'_> {
        LineMap::new(self.text.as_deref().unwrap_or(""))
    }
}

/// Everything a printer needs.
pub struct Report {
    /// Sorted by path; findings within a file sorted by position.
    pub files: Vec<FileReport>,
    /// Every rule set the run used (one per distinct config), for rule metadata.
    pub rules: Vec<Arc<RuleSet>>,
    pub cwd: PathBuf,
}

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = (&FileReport, &Finding)> {
        self.files.iter().flat_map(|f| f.result.findings.iter().map(move |x| (f, x)))
    }
}

pub fn print(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Text => text::print(report, out, color),
        Format::Json => json::print(report, out),
        Format::Sarif => sarif::print(report, out),
    }
}

/// The one-line summary printed on standard error.
pub fn summary(report: &Report, elapsed: Duration) -> String {
    let mut counts = [0usize; 4];
    for (_, f) in report.findings() {
        counts[f.severity as usize] += 1;
    }
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter(|s| counts[**s as usize] > 0)
        .map(|s| {
            let n = counts[*s as usize];
            let noun = match s {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
                Severity::Hint => "hint",
            };
            if n == 1 || matches!(s, Severity::Info) { format!("{n} {noun}") } else { format!("{n} {noun}s") }
        })
        .collect();
    let skipped = report.files.iter().filter(|f| f.result.skipped.is_some()).count();
    let files = report.files.len();
    let found = if parts.is_empty() { "no findings".to_string() } else { parts.join(", ") };
    let skipped = if skipped > 0 { format!(" ({skipped} skipped)") } else { String::new() };
    format!(
        "Checked {files} file{}{skipped}: {found} in {:.2}s",
        if files == 1 { "" } else { "s" },
        elapsed.as_secs_f64()
    )
}
