//! Findings: what a rule reports, in byte offsets.
//!
//! Line and column numbers are computed only when a finding is printed ([`crate::text`]).

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

    /// One level more severe (`error` stays `error`): `(#set! severity "raise")`.
    pub fn raised(self) -> Severity {
        match self {
            Severity::Hint => Severity::Info,
            Severity::Info => Severity::Warning,
            Severity::Warning | Severity::Error => Severity::Error,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "hint" => Severity::Hint,
            "info" => Severity::Info,
            "warning" => Severity::Warning,
            "error" => Severity::Error,
            _ => {
                return Err(format!("unknown severity `{s}`: use error, warning, info or hint"));
            }
        })
    }
}

/// One text edit: replace `range` (bytes) with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Whether a fix keeps the program's meaning in every case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The rewrite preserves behaviour; tools may apply it without review.
    Safe,
    /// The rewrite may fail to compile or change types; a person should review it.
    Unsafe,
}

/// A rewrite that removes the hazard. Edits never overlap and are sorted by position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A secondary location a finding points at (for example, the write in read-after-write).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// One reported hazard in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// Byte range in the linted text.
    pub range: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    /// For an `unused-suppression` finding, the rule id the directive names.
    pub subject: Option<String>,
}
