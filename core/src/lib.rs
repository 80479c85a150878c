//! Lever's engine: languages, query packs, rule compilation, matching, findings and
//! suppressions.
//!
//! The engine knows nothing about terminals or LSP, and it reads no files except packs and
//! configs, all of which goes through [`load`]. Offsets are bytes throughout; [`text`]
//! converts them to lines and columns for printers.

pub mod compile;
pub mod config;
pub mod error;
pub mod finding;
pub mod fixture;
pub mod groups;
pub mod incremental;
pub mod language;
pub mod lint;
pub mod load;
pub mod pack;
pub mod precheck;
pub mod reach;
pub mod rules;
pub mod suppress;
pub mod template;
pub mod text;
pub mod words;

pub use config::Config;
pub use error::SourceError;
pub use finding::{Applicability, Edit, Finding, Fix, Severity};
pub use language::Language;
pub use lint::{FileResult, Linter, Skipped};
pub use pack::Pack;
pub use rules::RuleSet;
