//! The `LanguageServer` implementation: lifecycle, document sync, diagnostics (pushed or
//! pulled, never both), code actions, hover and configuration reloads.
//!
//! Every handler body runs inside [`guard`], so a panic is logged and answered with an error
//! while the server keeps serving. Map guards are never held across an `.await`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Duration;

use dashmap::DashMap;
use futures::FutureExt;
use lever_core::incremental::Incremental;
use lever_core::{Applicability, Finding, Language, Linter, RuleSet, Severity, suppress};
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tree_sitter::Tree;

use crate::document::Document;
use crate::position::Encoding;
use crate::{RuleSource, Settings};

/// Documents larger than this are not parsed or linted (the CLI's default limit).
const MAX_DOCUMENT: usize = lever_core::config::DEFAULT_MAX_FILE_SIZE as usize;
/// How long to wait after an edit before linting, so a burst of keystrokes costs one lint.
const DEBOUNCE: Duration = Duration::from_millis(30);
const FIX_ALL: &str = "source.fixAll.lever";

thread_local! {
    /// Parsers and cursors of the thread (a tokio worker or a blocking-pool thread).
    static LINTER: RefCell<Linter> = RefCell::new(Linter::new());
}

/// What the client can do, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
struct ClientCaps {
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`); otherwise the server pushes.
    pull: bool,
    watch_files: bool,
    configuration: bool,
    /// The client accepts `workspace/diagnostic/refresh` (pull clients re-ask after a reload).
    refresh: bool,
}

pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    source: Arc<dyn RuleSource>,
    docs: DashMap<Uri, Document>,
    rule_sets: DashMap<Option<PathBuf>, Arc<RuleSet>>,
    settings: RwLock<Settings>,
    caps: OnceLock<ClientCaps>,
    /// Load errors already logged, so that each is reported once per configuration.
    logged: Mutex<HashSet<String>>,
    /// Bumped by every reload: a rule set built before one is not cached.
    epoch: std::sync::atomic::AtomicU64,
}

impl Backend {
    pub fn new(client: Client, source: Arc<dyn RuleSource>) -> Backend {
        Backend {
            inner: Arc::new(Inner {
                client,
                source,
                docs: DashMap::new(),
                rule_sets: DashMap::new(),
                settings: RwLock::new(Settings::default()),
                caps: OnceLock::new(),
                logged: Mutex::new(HashSet::new()),
                epoch: std::sync::atomic::AtomicU64::new(0),
            }),
        }
    }
}

/// Runs a handler body, turning a panic into a logged internal error.
async fn guard<T>(client: &Client, what: &str, body: impl Future<Output = Result<T>>) -> Result<T> {
    match AssertUnwindSafe(body).catch_unwind().await {
        Ok(result) => result,
        Err(panic) => {
            let msg = lever_core::lint::panic_message(panic.as_ref());
            client.log_message(MessageType::ERROR, format!("lever: internal error in {what}: {msg}")).await;
            Err(Error::internal_error())
        }
    }
}

impl Backend {
    /// A frame that was not valid JSON-RPC (see `transport`): logged, and the session goes on.
    pub async fn malformed(&self, params: Value) {
        let reason = params.get("reason").and_then(Value::as_str).unwrap_or("unknown").to_string();
        self.inner
            .client
            .log_message(MessageType::ERROR, format!("lever: ignored a malformed message: {reason}"))
            .await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let inner = &self.inner;
        guard(&inner.client, "initialize", async {
            let caps = &params.capabilities;
            let client_caps = ClientCaps {
                encoding: Encoding::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref())),
                pull: caps.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some()),
                watch_files: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false),
                configuration: caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false),
                refresh: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
            };
            let _ = inner.caps.set(client_caps);
            if let Some((s, problems)) = params.initialization_options.as_ref().and_then(Settings::from_json_reporting)
            {
                *inner.settings.write().unwrap_or_else(|e| e.into_inner()) = s;
                inner.log_problems(problems).await;
            }
            let diagnostic_provider = client_caps.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("lever".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            });
            Ok(InitializeResult {
                capabilities: ServerCapabilities {
                    position_encoding: Some(client_caps.encoding.kind()),
                    text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    })),
                    diagnostic_provider,
                    code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
                        ..CodeActionOptions::default()
                    })),
                    hover_provider: Some(HoverProviderCapability::Simple(true)),
                    execute_command_provider: Some(ExecuteCommandOptions {
                        commands: vec!["lever.debugPanic".into()],
                        ..ExecuteCommandOptions::default()
                    }),
                    ..ServerCapabilities::default()
                },
                server_info: Some(ServerInfo { name: "lever".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
                ..InitializeResult::default()
            })
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let inner = self.inner.clone();
        let caps = inner.caps();
        // Requests to the client run in their own tasks: an unanswered one must not block us.
        if caps.watch_files {
            let client = inner.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/lever.toml", "**/pack.toml", "**/rule.toml", "**/*.scm", "**/docs.md"]
                    .iter()
                    .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
                    .collect();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let registration = Registration {
                    id: "lever-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
        if caps.configuration {
            tokio::spawn(async move { inner.fetch_configuration().await });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let inner = self.inner.clone();
        let _ = guard(&inner.client.clone(), "didOpen", async move {
            let doc = params.text_document;
            let document = Document::new(language_of(&doc.uri), doc.version, doc.text);
            inner.docs.insert(doc.uri.clone(), document);
            inner.schedule(doc.uri);
            Ok(())
        })
        .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let inner = self.inner.clone();
        let _ = guard(&inner.client.clone(), "didChange", async move {
            let uri = params.text_document.uri;
            let encoding = inner.caps().encoding;
            {
                let Some(mut doc) = inner.docs.get_mut(&uri) else {
                    let msg = format!("lever: change to unopened {}", uri.as_str());
                    inner.client.log_message(MessageType::WARNING, msg).await;
                    return Ok(());
                };
                doc.apply(params.content_changes, encoding);
                doc.version = params.text_document.version;
            }
            inner.schedule(uri);
            Ok(())
        })
        .await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.inner.docs.remove(&uri);
        if !self.inner.caps().pull {
            self.inner.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let inner = self.inner.clone();
        guard(&inner.client.clone(), "textDocument/diagnostic", async move {
            let uri = params.text_document.uri;
            // If the document changes (or the configuration reloads) while we lint, lint the
            // new state: clients such as Neovim 0.11 will not ask again until the next edit.
            let mut items = Vec::new();
            for _ in 0..8 {
                let Some(generation) = inner.docs.get(&uri).map(|d| d.generation) else { break };
                if let Some((_, diags)) = inner.diagnostics(&uri, generation).await {
                    items = diags;
                    break;
                }
            }
            Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
                },
            )))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let inner = self.inner.clone();
        guard(&inner.client.clone(), "textDocument/codeAction", async move { Ok(Some(inner.code_actions(params))) })
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let inner = self.inner.clone();
        guard(&inner.client.clone(), "textDocument/hover", async move { Ok(inner.hover(params)) }).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let inner = self.inner.clone();
        match Settings::from_json_reporting(&params.settings) {
            Some((s, problems)) => {
                *inner.settings.write().unwrap_or_else(|e| e.into_inner()) = s;
                inner.log_problems(problems).await;
                inner.reload();
            }
            None if inner.caps().configuration => {
                tokio::spawn(async move { inner.fetch_configuration().await });
            }
            None => inner.reload(),
        }
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.inner.reload();
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let inner = self.inner.clone();
        guard(&inner.client.clone(), "workspace/executeCommand", async move {
            // A test hook: proves that a panicking handler is caught. Only with the variable set.
            if params.command == "lever.debugPanic" && std::env::var_os("LEVER_LSP_TEST_HOOKS").is_some() {
                panic!("lever.debugPanic");
            }
            Err(Error::method_not_found())
        })
        .await
    }
}

impl Inner {
    fn caps(&self) -> ClientCaps {
        self.caps.get().copied().unwrap_or_default()
    }

    fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Asks the client for the `lever` section, and reloads if the settings changed.
    async fn fetch_configuration(self: Arc<Self>) {
        let item = ConfigurationItem { scope_uri: None, section: Some("lever".into()) };
        let Ok(values) = self.client.configuration(vec![item]).await else { return };
        let Some((s, problems)) = values.first().and_then(Settings::from_json_reporting) else { return };
        self.log_problems(problems).await;
        {
            let mut current = self.settings.write().unwrap_or_else(|e| e.into_inner());
            if *current == s {
                return; // Nothing changed: keep the lints we have.
            }
            *current = s;
        }
        self.reload();
    }

    /// Drops every cached rule set and re-lints the open documents.
    fn reload(self: &Arc<Self>) {
        self.epoch.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.rule_sets.clear();
        self.logged.lock().unwrap_or_else(|e| e.into_inner()).clear();
        let uris: Vec<Uri> = self.docs.iter().map(|d| d.key().clone()).collect();
        for uri in uris {
            if let Some(mut doc) = self.docs.get_mut(&uri) {
                doc.reset();
            }
            self.schedule(uri);
        }
        if self.caps().pull && self.caps().refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    /// Lints the document after a short pause, unless it changes meanwhile, and pushes the
    /// result to clients that do not pull.
    fn schedule(self: &Arc<Self>, uri: Uri) {
        let Some(generation) = self.docs.get(&uri).map(|d| d.generation) else { return };
        if self.caps().pull {
            // The client asks when it wants them; a refresh request would only add traffic.
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            if this.docs.get(&uri).map(|d| d.generation) != Some(generation) {
                return; // A newer edit has its own lint scheduled.
            }
            if let Some((version, diags)) = this.diagnostics(&uri, generation).await {
                this.client.publish_diagnostics(uri, diags, Some(version)).await;
            }
        });
    }

    /// The rule set for a document, building (and caching) it on first use.
    async fn rules_for(&self, uri: &Uri) -> Arc<RuleSet> {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let key = path.as_deref().and_then(|p| self.source.config_for(p));
        if let Some(set) = self.rule_sets.get(&key) {
            return set.clone();
        }
        let epoch = self.epoch.load(std::sync::atomic::Ordering::SeqCst);
        let (set, errors) = self.source.rules(key.as_deref(), &self.settings());
        let set = Arc::new(set);
        // A reload meanwhile may have changed the settings this set was built with.
        if self.epoch.load(std::sync::atomic::Ordering::SeqCst) == epoch {
            self.rule_sets.insert(key, set.clone());
        }
        self.log_errors(errors.iter().map(|e| e.to_string()).collect()).await;
        set
    }

    async fn log_errors(&self, errors: Vec<String>) {
        for e in errors {
            let fresh = self.logged.lock().unwrap_or_else(|p| p.into_inner()).insert(e.clone());
            if fresh {
                self.client.log_message(MessageType::ERROR, format!("lever: {e}")).await;
            }
        }
    }

    /// Lints the document as of `generation` (reusing the last lint when it is that one) and
    /// converts the findings. `None` when the document changed or closed meanwhile.
    /// Tells the user about settings that were ignored.
    async fn log_problems(&self, problems: Vec<String>) {
        for p in problems {
            self.client.log_message(MessageType::WARNING, format!("lever: {p}")).await;
        }
    }

    async fn diagnostics(self: &Arc<Self>, uri: &Uri, generation: u64) -> Option<(i32, Vec<Diagnostic>)> {
        let (rules, findings) = self.findings(uri, generation).await?;
        let doc = self.docs.get(uri)?;
        (doc.generation == generation).then(|| (doc.version, self.to_diagnostics(uri, &doc, &rules, &findings)))
    }

    fn to_diagnostics(&self, uri: &Uri, doc: &Document, rules: &RuleSet, findings: &[Finding]) -> Vec<Diagnostic> {
        let enc = self.caps().encoding;
        findings.iter().map(|f| to_diagnostic(uri, doc, rules, f, enc)).collect()
    }

    /// The document's findings at `generation`, as soon as they can be had.
    ///
    /// After an edit, a preview (the edited item parsed alone, `Incremental::preview`)
    /// comes back at once when the engine can give one, and either the client can be told
    /// about a correction (it takes pushes, or pulls and accepts refresh requests) or the
    /// file had no syntax errors. The reparse and the settled lint then run in the
    /// background, and a settled result that differs is pushed, or announced with
    /// `workspace/diagnostic/refresh`. Otherwise this waits for the settled lint.
    async fn findings(self: &Arc<Self>, uri: &Uri, generation: u64) -> Option<(Arc<RuleSet>, Arc<Vec<Finding>>)> {
        let snapshot = {
            let doc = self.docs.get(uri)?;
            if doc.generation != generation {
                return None;
            }
            if let Some((_, rules, findings)) = doc.current() {
                return Some((rules.clone(), findings.clone()));
            }
            Snapshot {
                text: Arc::from(doc.text.as_str()),
                tree: doc.tree.clone(),
                stale: doc.stale,
                language: doc.language,
                incremental: doc.incremental.clone(),
            }
        };
        let rules = self.rules_for(uri).await;
        let enabled = self.settings().enable != Some(false);
        let caps = self.caps();
        // A client that can be told about a correction gets every preview; one that pulls
        // without refresh support only those of files without syntax errors, where a
        // preview equals the settled result (`tests/integration/preview.rs`).
        let can_correct = !caps.pull || caps.refresh;
        let clean = snapshot.tree.as_ref().is_some_and(|t| !t.root_node().has_error());
        if let (true, true, Some(lang), Some(tree)) =
            (enabled && snapshot.stale, can_correct || clean, snapshot.language, &snapshot.tree)
        {
            let (rules2, text, tree, state) =
                (rules.clone(), snapshot.text.clone(), tree.clone(), snapshot.incremental.clone());
            let path = file_path(uri);
            let job = tokio::task::spawn_blocking(move || {
                on_this_thread(|| {
                    let mut findings = LINTER.with_borrow_mut(|l| state.preview(l, &rules2, lang, &text, &tree))?;
                    drop_excluded(&rules2, path.as_deref(), &mut findings);
                    Some(findings)
                })
            });
            if let Ok(Some(Some(findings))) = job.await {
                let findings = Arc::new(findings);
                {
                    let mut doc = self.docs.get_mut(uri)?;
                    if doc.generation != generation {
                        return None;
                    }
                    doc.preview = Some((generation, rules.clone(), findings.clone()));
                }
                let (this, uri, previewed, used) = (self.clone(), uri.clone(), findings.clone(), rules.clone());
                tokio::spawn(async move {
                    let settled = this.settle(&uri, generation, used.clone(), snapshot, enabled).await;
                    let Some(settled) = settled.filter(|s| *s != previewed) else { return };
                    if caps.pull {
                        if caps.refresh {
                            let _ = this.client.workspace_diagnostic_refresh().await;
                        }
                        return;
                    }
                    let published = this
                        .docs
                        .get(&uri)
                        .filter(|d| d.generation == generation)
                        .map(|doc| (doc.version, this.to_diagnostics(&uri, &doc, &used, &settled)));
                    if let Some((version, diags)) = published {
                        this.client.publish_diagnostics(uri, diags, Some(version)).await;
                    }
                });
                return Some((rules, findings));
            }
        }
        let findings = self.settle(uri, generation, rules.clone(), snapshot, enabled).await?;
        Some((rules, findings))
    }

    /// Reparses the snapshot's text (incrementally when it has an edited tree), lints it,
    /// and records the result in the document.
    async fn settle(
        &self,
        uri: &Uri,
        generation: u64,
        rules: Arc<RuleSet>,
        snapshot: Snapshot,
        enabled: bool,
    ) -> Option<Arc<Vec<Finding>>> {
        let Snapshot { text, tree, stale, language, incremental } = snapshot;
        let (mut tree, mut state, mut parsed) = (tree, incremental, !stale);
        let findings = match language {
            Some(lang) if enabled => {
                let rules = rules.clone();
                let path = file_path(uri);
                let job = tokio::task::spawn_blocking(move || {
                    on_this_thread(|| {
                        if stale || tree.is_none() {
                            tree = parse(lang, &text, tree.take(), &mut state);
                        }
                        let mut found = match &tree {
                            Some(t) => LINTER.with_borrow_mut(|l| state.relint(l, &rules, lang, &text, t).findings),
                            None => Vec::new(),
                        };
                        drop_excluded(&rules, path.as_deref(), &mut found);
                        (found, tree, state)
                    })
                });
                match job.await {
                    Ok(Some((findings, new_tree, new_state))) => {
                        (tree, state, parsed) = (new_tree, new_state, true);
                        findings
                    }
                    _ => {
                        self.client.log_message(MessageType::ERROR, "lever: internal error while linting").await;
                        (tree, state) = (None, Default::default());
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        };
        self.log_errors(rules.take_errors().iter().map(|e| e.to_string()).collect()).await;
        let findings = Arc::new(findings);
        let mut doc = self.docs.get_mut(uri)?;
        doc.settle(generation, tree, parsed, state);
        if doc.generation != generation {
            return None;
        }
        doc.lint = Some((generation, rules, findings.clone()));
        Some(findings)
    }

    fn code_actions(&self, params: CodeActionParams) -> CodeActionResponse {
        let uri = params.text_document.uri;
        let enc = self.caps().encoding;
        let Some(doc) = self.docs.get(&uri) else { return Vec::new() };
        let only = params.context.only.as_ref();
        let wants = |kind: &str| only.is_none_or(|o| o.iter().any(|k| kind.starts_with(k.as_str())));
        let mut actions = Vec::new();
        if wants("quickfix") {
            for d in params.context.diagnostics.iter().filter(|d| d.source.as_deref() == Some("lever")) {
                let Some(NumberOrString::String(rule)) = &d.code else { continue };
                if let Some(fix) = d.data.as_ref().and_then(|v| v.get("fix"))
                    && let Ok(edits) = serde_json::from_value::<Vec<TextEdit>>(fix["edits"].clone())
                {
                    let safe = fix["applicability"] == "safe";
                    let title = fix["title"].as_str().unwrap_or("Fix").to_string();
                    let title = if safe { title } else { format!("{title} (review the change)") };
                    actions.push(action(title, CodeActionKind::QUICKFIX, &uri, edits, Some(d.clone()), safe));
                }
                if rule == suppress::UNUSED_SUPPRESSION {
                    continue;
                }
                let comment = doc.language.map_or("//", Language::line_comment);
                let line = d.range.start.line;
                let (line_start, _) = line_bounds(&doc, line, enc);
                let indent: String = doc.text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                let at = Position { line, character: 0 };
                actions.push(action(
                    format!("Suppress `{rule}` on this line"),
                    CodeActionKind::QUICKFIX,
                    &uri,
                    vec![TextEdit {
                        range: Range { start: at, end: at },
                        new_text: format!("{indent}{comment} lever-ignore: {rule} -- <reason>\n"),
                    }],
                    Some(d.clone()),
                    false,
                ));
                let top = Position { line: u32::from(doc.text.starts_with("#!")), character: 0 };
                actions.push(action(
                    format!("Suppress `{rule}` in this file"),
                    CodeActionKind::QUICKFIX,
                    &uri,
                    vec![TextEdit {
                        range: Range { start: top, end: top },
                        new_text: format!("{comment} lever-ignore-file: {rule} -- <reason>\n"),
                    }],
                    Some(d.clone()),
                    false,
                ));
            }
        }
        if wants(FIX_ALL)
            && let Some((_, _, findings)) = doc.current()
        {
            let safe =
                findings.iter().filter_map(|f| f.fix.as_ref()).filter(|f| f.applicability == Applicability::Safe);
            let edits: Vec<TextEdit> = lever_core::fixture::select_fixes(&doc.text, safe)
                .into_iter()
                .flat_map(|f| f.edits.iter())
                .map(|e| TextEdit { range: doc.lines.range(&doc.text, e.range.clone(), enc), new_text: e.text.clone() })
                .collect();
            if !edits.is_empty() {
                actions.push(action("Lever: fix all".into(), CodeActionKind::new(FIX_ALL), &uri, edits, None, false));
            }
        }
        actions
    }

    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let uri = params.text_document_position_params.text_document.uri;
        let doc = self.docs.get(&uri)?;
        let (_, rules, findings) = doc.current()?;
        let enc = self.caps().encoding;
        let at = doc.lines.offset(&doc.text, params.text_document_position_params.position, enc);
        let f = findings.iter().find(|f| f.range.start <= at && at <= f.range.end)?;
        let docs = match rules.find(&f.rule) {
            // The docs' own sections are `##`: the title must not be smaller than them.
            Some(rule) => format!("# `{}`: {}\n\n{}", rule.id, rule.summary, rule.docs),
            None if f.rule == suppress::UNUSED_SUPPRESSION => {
                format!("# `{}`\n\n{}", f.rule, suppress::UNUSED_SUPPRESSION_DOCS)
            }
            None => return None,
        };
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: docs }),
            range: Some(doc.lines.range(&doc.text, f.range.clone(), enc)),
        })
    }
}

/// The tree of `text`, parsed incrementally from `old` (the previous tree with the edits
/// applied) when there is one; regions whose syntax changed away from the edits are
/// recorded in `state`. `None` for documents too large to parse.
fn parse(lang: Language, text: &str, old: Option<Tree>, state: &mut Incremental) -> Option<Tree> {
    if text.len() > MAX_DOCUMENT {
        return None;
    }
    let new = LINTER.with_borrow_mut(|l| l.parse(lang, text, old.as_ref(), Duration::from_secs(2)));
    // Syntax that changed away from the edits (error recovery can restructure far off).
    if let (Some(old), Some(new)) = (&old, &new) {
        for r in old.changed_ranges(new) {
            state.touch(r.start_byte..r.end_byte);
        }
    }
    new
}

/// Runs engine work on a blocking-pool thread; after a panic, that thread's parsers and
/// cursors are replaced (they may be mid-parse) and `None` is returned.
fn on_this_thread<T>(work: impl FnOnce() -> T) -> Option<T> {
    let result = std::panic::catch_unwind(AssertUnwindSafe(work)).ok();
    if result.is_none() {
        LINTER.with_borrow_mut(|l| *l = Linter::new());
    }
    result
}

/// What a lint needs of a document, taken without holding its map entry.
struct Snapshot {
    /// Shared by the preview and the settled lint: one copy of the text per lint.
    text: Arc<str>,
    tree: Option<Tree>,
    stale: bool,
    language: Option<Language>,
    incremental: Incremental,
}

fn language_of(uri: &Uri) -> Option<Language> {
    let path = uri.path().as_str();
    let ext = path.rsplit('/').next()?.rsplit_once('.')?.1;
    Language::from_extension(ext)
}

fn line_bounds(doc: &Document, line: u32, enc: Encoding) -> (usize, usize) {
    let start = doc.lines.offset(&doc.text, Position { line, character: 0 }, enc);
    let end = doc.lines.offset(&doc.text, Position { line, character: u32::MAX }, enc);
    (start, end)
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostic: Option<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some([(uri.clone(), edits)].into_iter().collect()),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// A finding as an LSP diagnostic. The fix travels in `data`, so code actions need no state.
/// The document's path, when it is a file.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

/// Drops the findings of rules whose `[rules.<id>] exclude` globs match the document's path
/// (relative to the config's directory, which is absolute and canonical).
fn drop_excluded(rules: &RuleSet, path: Option<&Path>, findings: &mut Vec<Finding>) {
    let Some(path) = path.filter(|_| rules.has_excludes()) else { return };
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    rules.drop_excluded(&abs, findings);
}

fn to_diagnostic(uri: &Uri, doc: &Document, rules: &RuleSet, f: &Finding, enc: Encoding) -> Diagnostic {
    let range = doc.lines.range(&doc.text, f.range.clone(), enc);
    let href = rules.find(&f.rule).and_then(|r| r.docs_url.as_deref()).and_then(|u| Uri::from_str(u).ok());
    let fix = f.fix.as_ref().map(|fix| {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({"range": doc.lines.range(&doc.text, e.range.clone(), enc), "newText": e.text}))
            .collect();
        json!({"title": fix.title, "applicability": fix.applicability, "edits": edits})
    });
    Diagnostic {
        range,
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
            Severity::Hint => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(f.rule.clone())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("lever".into()),
        message: f.message.clone(),
        related_information: (!f.related.is_empty()).then(|| {
            f.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: doc.lines.range(&doc.text, r.range.clone(), enc) },
                    message: r.message.clone(),
                })
                .collect()
        }),
        tags: None,
        data: Some(json!({"rule": f.rule, "fix": fix})),
    }
}
