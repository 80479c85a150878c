//! Lever's language server: diagnostics as you type, quick fixes, suppressions and rule docs
//! on hover, over LSP on stdio.
//!
//! This is the only crate that knows LSP. It receives its rules through [`RuleSource`], which
//! the CLI implements: the server never decides where packs and configs come from.

mod document;
mod position;
mod server;
mod transport;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lever_core::{RuleSet, SourceError};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use position::{Encoding, LineMap};

/// What the client's settings (`initializationOptions`, `workspace/configuration` section
/// `lever`, `workspace/didChangeConfiguration`) say. Unknown keys are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// `false` turns every diagnostic off.
    pub enable: Option<bool>,
    /// Rule id to `"off"`, `"on"` or a severity.
    pub rules: BTreeMap<String, String>,
    /// Extra pack directories.
    pub packs: Vec<PathBuf>,
}

impl Settings {
    /// Reads settings from a JSON value: either the settings object itself or an object with
    /// a `lever` key holding it.
    pub fn from_json(value: &serde_json::Value) -> Option<Settings> {
        Settings::from_json_reporting(value).map(|(s, _)| s)
    }

    /// As [`Settings::from_json`], keeping every key that is valid and describing the others:
    /// one bad value must not throw away the rest.
    pub fn from_json_reporting(value: &serde_json::Value) -> Option<(Settings, Vec<String>)> {
        let v = value.get("lever").unwrap_or(value);
        let serde_json::Value::Object(map) = v else {
            return None;
        };
        let mut settings = Settings::default();
        let mut problems = Vec::new();
        let mut bad = |key: &str, want: &str, got: &serde_json::Value| {
            problems.push(format!("setting `lever.{key}` must be {want}, not `{got}`; it is ignored"))
        };
        match map.get("enable") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Bool(b)) => settings.enable = Some(*b),
            Some(other) => bad("enable", "true or false", other),
        }
        match map.get("rules") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Object(rules)) => {
                for (id, level) in rules {
                    match level {
                        serde_json::Value::String(s) => {
                            settings.rules.insert(id.clone(), s.clone());
                        }
                        serde_json::Value::Bool(on) => {
                            settings.rules.insert(id.clone(), if *on { "on" } else { "off" }.to_string());
                        }
                        other => bad(&format!("rules.{id}"), "\"off\", \"on\" or a severity", other),
                    }
                }
            }
            Some(other) => bad("rules", "an object of rule ids", other),
        }
        match map.get("packs") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::Array(packs)) => {
                for p in packs {
                    match p.as_str() {
                        Some(path) => settings.packs.push(PathBuf::from(path)),
                        None => bad("packs", "a list of directory paths", p),
                    }
                }
            }
            Some(other) => bad("packs", "a list of directory paths", other),
        }
        Some((settings, problems))
    }
}

/// Where the server gets its rules. The CLI implements it with the same packs and configs
/// as `lever check`.
pub trait RuleSource: Send + Sync + 'static {
    /// The config file that governs `file` (`None`: the defaults). Used as a cache key.
    fn config_for(&self, file: &Path) -> Option<PathBuf>;
    /// The rule set for a config with the client's settings applied, and any problems with
    /// packs or configs (the rule set still holds every rule that loaded).
    fn rules(&self, config: Option<&Path>, settings: &Settings) -> (RuleSet, Vec<SourceError>);
}

/// Serves LSP on the given streams until the client sends `exit` or closes them.
pub async fn serve<I, O>(input: I, output: O, source: Arc<dyn RuleSource>)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(|client| server::Backend::new(client, source))
        .custom_method(transport::MALFORMED, server::Backend::malformed)
        .finish();
    // Malformed input must not end the session: frames pass through a guard first.
    let (repaired, to_server) = tokio::io::duplex(1 << 16);
    let guard = tokio::spawn(transport::sanitize(input, to_server));
    Server::new(repaired, output, socket).serve(service).await;
    guard.abort();
}

/// Serves LSP on standard input and output, on a runtime of its own.
pub fn run_stdio(source: Arc<dyn RuleSource>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), source));
    // After `exit`, a blocking read of stdin may still be pending: do not wait for it.
    runtime.shutdown_background();
    Ok(())
}
