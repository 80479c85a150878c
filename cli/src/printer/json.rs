//! Machine output for scripts.
//!
//! # Wire format (version 1)
//!
//! One JSON object:
//!
//! ```text
//! {
//!   "version": 1,
//!   "findings": [{
//!     "rule": "index-loop", "severity": "warning", "message": "…",
//!     "path": "src/lib.rs",                       // relative to the working directory, `/`-separated
//!     "start": {"line": 3, "column": 5, "offset": 41},   // 1-based line and column (Unicode
//!     "end":   {"line": 5, "column": 6, "offset": 97},   // scalar values); 0-based byte offset
//!     "fix": null | {"title": "…", "applicability": "safe" | "unsafe",
//!                    "edits": [{"start": {…}, "end": {…}, "text": "…"}]},
//!     "related": [{"start": {…}, "end": {…}, "message": "…"}]   // other places involved
//!   }],
//!   "skipped": [{"path": "…", "reason": "…"}],
//!   "summary": {"files": 12, "error": 0, "warning": 3, "info": 1, "hint": 0}
//! }
//! ```
//!
//! Findings are sorted by path, then position. Fields may be added in later versions of the
//! same `version`; none will be removed or change meaning without a new `version`.

use std::io::{self, Write};

use lever_core::text::LineMap;
use serde_json::{Value, json};

use super::Report;

pub fn print(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::new();
    let mut counts = [0usize; 4];
    for file in &report.files {
        if file.result.findings.is_empty() {
            continue;
        }
        let map = file.line_map();
        for f in &file.result.findings {
            counts[f.severity as usize] += 1;
            let fix = f.fix.as_ref().map(|fix| {
                json!({
                    "title": fix.title,
                    "applicability": fix.applicability,
                    "edits": fix.edits.iter().map(|e| json!({
                        "start": point(&map, e.range.start),
                        "end": point(&map, e.range.end),
                        "text": e.text,
                    })).collect::<Vec<_>>(),
                })
            });
            findings.push(json!({
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "path": file.display,
                "start": point(&map, f.range.start),
                "end": point(&map, f.range.end),
                "fix": fix,
                "related": f.related.iter().map(|r| json!({
                    "start": point(&map, r.range.start),
                    "end": point(&map, r.range.end),
                    "message": r.message,
                })).collect::<Vec<_>>(),
            }));
        }
    }
    let skipped: Vec<Value> = report
        .files
        .iter()
        .filter_map(|f| f.result.skipped.as_ref().map(|s| json!({"path": f.display, "reason": s.to_string()})))
        .collect();
    let doc = json!({
        "version": 1,
        "findings": findings,
        "skipped": skipped,
        "summary": {
            "files": report.files.len(),
            "error": counts[3], "warning": counts[2], "info": counts[1], "hint": counts[0],
        },
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn point(map: &LineMap, offset: usize) -> Value {
    let p = map.position(offset);
    json!({"line": p.line, "column": p.column, "offset": offset})
}
