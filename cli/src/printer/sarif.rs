//! SARIF 2.1.0, validated in the test suite against the official OASIS schema.
//!
//! Columns are UTF-16 code units (SARIF's default `columnKind`), paths are relative to the
//! working directory under `%SRCROOT%`, and each result carries a `partialFingerprints`
//! entry that survives unrelated edits: a hash of the rule, the path, the trimmed text of the
//! finding's first line and how many times that triple occurred before it in the file.

use std::collections::HashMap;
use std::io::{self, Write};

use lever_core::text::LineMap;
use lever_core::{Severity, suppress};
use serde_json::{Value, json};

use super::Report;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn print(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Every rule that ran under any config, plus the engine's own.
    let mut descriptors: Vec<Value> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for active in report.rules.iter().flat_map(|set| set.active()) {
        let r = &active.rule;
        if index.contains_key(&r.id) {
            continue;
        }
        index.insert(r.id.clone(), descriptors.len());
        let mut d = json!({
            "id": r.id,
            "name": camel(&r.id),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "help": {"text": r.docs, "markdown": r.docs},
            "defaultConfiguration": {"level": level(active.severity)},
            "properties": {"pack": r.pack, "languages": r.languages().map(|l| l.name()).collect::<Vec<_>>()},
        });
        if let Some(url) = &r.docs_url {
            d["helpUri"] = json!(url);
        }
        descriptors.push(d);
    }
    index.insert(suppress::UNUSED_SUPPRESSION.to_string(), descriptors.len());
    descriptors.push(json!({
        "id": suppress::UNUSED_SUPPRESSION,
        "name": camel(suppress::UNUSED_SUPPRESSION),
        "shortDescription": {"text": "A suppression comment that suppresses nothing"},
        "help": {"text": suppress::UNUSED_SUPPRESSION_DOCS, "markdown": suppress::UNUSED_SUPPRESSION_DOCS},
        "defaultConfiguration": {"level": "note"},
    }));

    let mut results = Vec::new();
    for file in &report.files {
        if file.result.findings.is_empty() {
            continue;
        }
        let map = file.line_map();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for f in &file.result.findings {
            let line_text = map.line_text(map.line_of(f.range.start)).trim().to_string();
            let n = seen.entry((f.rule.clone(), line_text.clone())).or_default();
            let fingerprint = format!("{:016x}:{}", fnv1a(&[&f.rule, &file.display, &line_text]), *n);
            *n += 1;
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&file.display), "uriBaseId": "%SRCROOT%"},
                    "region": region(&map, &f.range),
                }}],
                "partialFingerprints": {"leverFinding/v1": fingerprint},
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| {
                        json!({
                            "id": id,
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(&file.display), "uriBaseId": "%SRCROOT%"},
                                "region": region(&map, &r.range),
                            },
                            "message": {"text": r.message},
                        })
                    })
                    .collect();
            }
            if let Some(&i) = index.get(&f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &f.fix {
                result["fixes"] = json!([{
                    "description": {"text": fix.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri(&file.display), "uriBaseId": "%SRCROOT%"},
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": region(&map, &e.range),
                            "insertedContent": {"text": e.text},
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let root = format!("{}/", uri(&report.cwd.to_string_lossy().replace('\\', "/")));
    let root = if root.starts_with('/') { format!("file://{root}") } else { format!("file:///{root}") };
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "lever",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://lever.invalid/",
                "rules": descriptors,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn region(map: &LineMap, range: &std::ops::Range<usize>) -> Value {
    let (s, e) = (map.position(range.start), map.position(range.end));
    json!({"startLine": s.line, "startColumn": s.column_utf16, "endLine": e.line, "endColumn": e.column_utf16})
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// `index-loop` -> `IndexLoop`, SARIF's conventional rule name.
fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Percent-encodes a relative path for a URI reference.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a 64, stable across Rust versions (unlike `DefaultHasher`).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}
