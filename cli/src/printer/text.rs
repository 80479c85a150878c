//! Human output: one annotated source snippet per finding, as rustc and ruff print them.

use std::io::{self, Write};

use lever_core::{Applicability, Severity};

use super::Report;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn severity(&self, sev: Severity) -> &'static str {
        match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        }
    }
}

pub fn print(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let style = Style { on: color };
    for file in &report.files {
        if file.result.findings.is_empty() {
            continue;
        }
        let map = file.line_map();
        let text = file.text.as_deref().unwrap_or("");
        for f in &file.result.findings {
            let (start, end) = file.positions(&map, &f.range);
            let sev = style.paint(style.severity(f.severity), &format!("{}[{}]", f.severity, f.rule));
            writeln!(out, "{sev}{} {}", style.paint("1", ":"), style.paint("1", &f.message))?;
            let gutter = start.line.to_string().len().max(2);
            let pad = " ".repeat(gutter);
            let blue = |s: &str| style.paint("1;34", s);
            writeln!(out, "{pad}{} {}:{}:{}", blue("-->"), file.display, start.line, start.column)?;
            writeln!(out, "{pad} {}", blue("|"))?;
            let line_range = map.line_range(start.line - 1).unwrap_or(0..0);
            let line = text.get(line_range.clone()).unwrap_or("");
            writeln!(
                out,
                "{} {} {}",
                blue(&format!("{:>gutter$}", start.line)),
                blue("|"),
                line.replace('\t', "    ")
            )?;
            // Carets under the finding's part of its first line.
            let col0 = line.get(..f.range.start.saturating_sub(line_range.start).min(line.len())).unwrap_or("");
            let lead: usize = col0.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
            let width = if end.line == start.line {
                (end.column.saturating_sub(start.column) as usize).max(1)
            } else {
                line.chars().count().saturating_sub(lead).max(1)
            };
            let carets = style.paint(style.severity(f.severity), &"^".repeat(width));
            writeln!(out, "{pad} {} {}{carets}", blue("|"), " ".repeat(lead))?;
            for r in &f.related {
                let (at, _) = file.positions(&map, &r.range);
                writeln!(out, "{pad} {} note: {}:{}:{}: {}", blue("="), file.display, at.line, at.column, r.message)?;
            }
            if let Some(fix) = &f.fix {
                let kind = match fix.applicability {
                    Applicability::Safe => "fix",
                    Applicability::Unsafe => "suggested fix (review it)",
                };
                writeln!(out, "{pad} {} {kind}: {}", blue("="), fix.title)?;
            }
            writeln!(out, "{pad} {} help: run `lever rule {}` for details", blue("="), f.rule)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
