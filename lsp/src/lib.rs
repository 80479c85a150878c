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
use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use position::{Encoding, LineMap};

/// What the client's settings (`initializationOptions`, `workspace/configuration` section
/// `lever`, `workspace/didChangeConfiguration`) say. Unknown keys are ignored.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
        let v = value.get("lever").unwrap_or(value);
        if v.is_null() {
            return None;
        }
        serde_json::from_value(v.clone()).ok()
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
