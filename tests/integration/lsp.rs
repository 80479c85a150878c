//! The language server, driven in-process over an in-memory pipe by a small JSON-RPC client.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};

use crate::util::Tree;

/// A test client: frames messages, answers the server's requests, keeps notifications.
struct Client {
    write: WriteHalf<DuplexStream>,
    read: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    notifications: Vec<Value>,
    /// What to answer `workspace/configuration` with.
    configuration: Value,
}

impl Client {
    async fn start() -> Client {
        let (client, server) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server);
        tokio::spawn(lever_lsp::serve(server_read, server_write, Arc::new(lever_cli::CliRules)));
        let (read, write) = tokio::io::split(client);
        Client { write, read: BufReader::new(read), next_id: 1, notifications: Vec::new(), configuration: Value::Null }
    }

    async fn send_raw(&mut self, body: &str) {
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.write.write_all(frame.as_bytes()).await.unwrap();
    }

    async fn send(&mut self, msg: Value) {
        self.send_raw(&msg.to_string()).await;
    }

    async fn recv(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            self.read.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.read.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Reads one message; answers it if it is a request from the server.
    async fn pump(&mut self) -> Value {
        let msg = match tokio::time::timeout(Duration::from_secs(20), self.recv()).await {
            Ok(msg) => msg,
            Err(_) => panic!("no message from the server in 20 s; kept notifications: {:#?}", self.notifications),
        };
        if msg.get("method").is_some() && msg.get("id").is_some() {
            let result = match msg["method"].as_str() {
                Some("workspace/configuration") => json!([self.configuration.clone()]),
                _ => Value::Null,
            };
            self.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": result})).await;
            self.notifications.push(msg.clone());
        } else if msg.get("method").is_some() {
            self.notifications.push(msg.clone());
        }
        msg
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        loop {
            let msg = self.pump().await;
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
        }
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Waits for a notification `method` that satisfies `pred`, looking at those already kept.
    async fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.notifications.iter().position(|n| n["method"] == method && pred(&n["params"])) {
            return self.notifications.remove(i)["params"].clone();
        }
        loop {
            let msg = self.pump().await;
            if msg["method"] == method && msg.get("id").is_none() && pred(&msg["params"]) {
                self.notifications.pop();
                return msg["params"].clone();
            }
        }
    }

    async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self
            .request(
                "initialize",
                json!({"processId": null, "capabilities": capabilities, "initializationOptions": options}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        r["result"].clone()
    }

    async fn open(&mut self, uri: &str, text: &str) {
        let params = json!({"textDocument": {"uri": uri, "languageId": "x", "version": 1, "text": text}});
        self.notify("textDocument/didOpen", params).await;
    }

    async fn shutdown(&mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null).await;
    }
}

fn uri(t: &Tree, rel: &str) -> String {
    format!("file://{}", t.path().join(rel).display())
}

const LOOP_PY: &str = "for i in range(len(xs)):\n    print(xs[i])\n";

fn push_caps() -> Value {
    json!({"workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

fn pull_caps() -> Value {
    json!({"textDocument": {"diagnostic": {}}, "general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_diagnostics_fixes_suppressions_hover() {
    let t = Tree::new();
    let mut c = Client::start().await;
    let init = c.initialize(push_caps(), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    assert!(init["capabilities"].get("diagnosticProvider").is_none(), "push clients are not offered pull");
    let u = uri(&t, "a.py");
    c.open(&u, LOOP_PY).await;
    let p = c
        .wait_for("textDocument/publishDiagnostics", |p| p["diagnostics"].as_array().is_some_and(|d| !d.is_empty()))
        .await;
    assert_eq!(p["version"], 1);
    let d = &p["diagnostics"][0];
    assert_eq!(d["code"], "index-loop");
    assert_eq!(d["source"], "lever");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["range"], json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 23}}));
    assert!(d["codeDescription"]["href"].as_str().unwrap().ends_with("/index-loop"));
    assert_eq!(d["data"]["fix"]["edits"][0]["newText"], "x in xs");

    // Code actions: the rule's fix, then suppressions for the line and the file.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Iterate over `xs` (review the change)",
            "Suppress `index-loop` on this line",
            "Suppress `index-loop` in this file"
        ]
    );
    let edit = &actions[1]["edit"]["changes"][&u][0];
    assert_eq!(edit["newText"], "# lever-ignore: index-loop -- <reason>\n");

    // Hover on the finding shows the rule's docs.
    let r = c
        .request("textDocument/hover", json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 4}}))
        .await;
    let md = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("index-loop") && md.contains("## How to fix"), "{md}");

    // An incremental edit that removes the hazard clears the diagnostic for version 2.
    let change = json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 15}}, "text": "x"},
        {"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 23}}, "text": "x in xs"},
    ]});
    c.notify("textDocument/didChange", change).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 2).await;
    assert_eq!(p["diagnostics"], json!([]));
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_and_utf8_positions() {
    let t = Tree::new();
    let mut c = Client::start().await;
    let init = c.initialize(pull_caps(), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "lever");
    let u = uri(&t, "a.rs");
    c.open(&u, "fn f(v: &[u8]) {\n    let s = \"é😀\"; for i in 0..v.len() { g(v[i]); }\n}\n").await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    assert_eq!(r["result"]["kind"], "full");
    let items = r["result"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    // UTF-8: `for` follows 22 bytes on its line.
    assert_eq!(items[0]["range"]["start"], json!({"line": 1, "character": 22}));
    // A pull client never gets pushed diagnostics: a request round trip later, none arrived.
    c.request("textDocument/hover", json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 0}})).await;
    assert!(!c.notifications.iter().any(|n| n["method"] == "textDocument/publishDiagnostics"), "{:?}", c.notifications);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_and_utf32_positions_with_crlf() {
    let text = "fn f(v: &[u8]) {\r\n    let s = \"é😀\u{301}\"; for i in 0..v.len() { g(v[i]); }\r\n}\r\n";
    for (offered, expected) in [(json!(["utf-16"]), 20), (json!(["utf-32"]), 19)] {
        let t = Tree::new();
        let mut c = Client::start().await;
        c.initialize(
            json!({"textDocument": {"diagnostic": {}}, "general": {"positionEncodings": offered}}),
            Value::Null,
        )
        .await;
        let u = uri(&t, "a.rs");
        c.open(&u, text).await;
        let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
        assert_eq!(r["result"]["items"][0]["range"]["start"], json!({"line": 1, "character": expected}), "{offered}");
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_bad_input() {
    let t = Tree::new();
    let mut c = Client::start().await;
    c.initialize(pull_caps(), Value::Null).await;
    // Malformed JSON, an unknown method, a change to an unopened document.
    c.send_raw("{not json").await;
    // JSON that is not JSON-RPC (review finding: tower-lsp would end the session on these).
    c.send_raw("{\"foo\":1}").await;
    c.send_raw("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"shutdown\"}").await;
    c.send_raw("[1, 2]").await;
    let r = c.request("lever/noSuchMethod", json!({})).await;
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let u = uri(&t, "a.py");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": "x"}]}),
    )
    .await;
    // Out-of-range and inverted ranges.
    c.open(&u, LOOP_PY).await;
    let change = json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "\n"},
        {"range": {"start": {"line": 1, "character": 400}, "end": {"line": 0, "character": 2}}, "text": "z"},
    ]});
    c.notify("textDocument/didChange", change).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    assert_eq!(r["result"]["kind"], "full", "{r}");
    // A 50 MB document is kept but not linted.
    let big = uri(&t, "big.py");
    let text = LOOP_PY.repeat(50 * 1024 * 1024 / LOOP_PY.len());
    c.open(&big, &text).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": big}})).await;
    assert_eq!(r["result"]["items"], json!([]));
    // A panic inside a handler is answered with an error, and the server keeps serving.
    // SAFETY: no other test reads or writes this variable.
    unsafe { std::env::set_var("LEVER_LSP_TEST_HOOKS", "1") };
    let r = c.request("workspace/executeCommand", json!({"command": "lever.debugPanic", "arguments": []})).await;
    assert_eq!(r["error"]["code"], -32603, "{r}");
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    assert_eq!(r["result"]["kind"], "full");
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_and_settings_reload() {
    let t = Tree::new();
    let u = uri(&t, "a.py");
    let mut c = Client::start().await;
    c.initialize(push_caps(), Value::Null).await;
    c.open(&u, LOOP_PY).await;
    c.wait_for("textDocument/publishDiagnostics", |p| p["diagnostics"].as_array().is_some_and(|d| d.len() == 1)).await;
    // lever.toml turns the rule off; the watched-file event reloads it.
    t.write("lever.toml", "[rules]\nindex-loop = \"off\"\n");
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&t, "lever.toml"), "type": 1}]})).await;
    c.wait_for("textDocument/publishDiagnostics", |p| p["diagnostics"] == json!([])).await;
    // Editor settings override the file: on again, as an error.
    c.configuration = json!({"rules": {"index-loop": "error"}});
    c.notify("workspace/didChangeConfiguration", json!({"settings": null})).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["diagnostics"][0]["severity"] == 1).await;
    assert_eq!(p["diagnostics"][0]["code"], "index-loop");
    // A broken pack is logged with file:line:col, and the other rules keep working.
    t.write("team/pack.toml", "name = \"team\"\nversion = \"1\"\n");
    t.write("team/rules/bad/rule.toml", "severity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\n");
    t.write("team/rules/bad/docs.md", "## What it flags\n## Why is this bad?\n## Example\n## How to fix\n");
    t.write("team/rules/bad/python.scm", "((call function: (identifer)) @match)\n");
    let packs = json!({"lever": {"rules": {"index-loop": "warning"}, "packs": [t.path().join("team")]}});
    c.notify("workspace/didChangeConfiguration", json!({"settings": packs})).await;
    let log =
        c.wait_for("window/logMessage", |p| p["message"].as_str().is_some_and(|m| m.contains("python.scm:1:19"))).await;
    assert!(log["message"].as_str().unwrap().contains("invalid node type `identifer`"), "{log}");
    c.wait_for("textDocument/publishDiagnostics", |p| p["diagnostics"][0]["severity"] == 2).await;
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelled_pull_is_answered_and_the_server_goes_on() {
    let t = Tree::new();
    let mut c = Client::start().await;
    c.initialize(pull_caps(), Value::Null).await;
    let u = uri(&t, "a.py");
    c.open(&u, &LOOP_PY.repeat(2000)).await;
    let id = c.next_id;
    c.next_id += 1;
    c.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": u}}})).await;
    c.notify("$/cancelRequest", json!({"id": id})).await;
    let answer = loop {
        let msg = c.pump().await;
        if msg["id"] == id {
            break msg;
        }
    };
    // Either cancelled (-32800) or already finished: never left unanswered.
    assert!(answer["error"]["code"] == -32800 || answer["result"]["kind"] == "full", "{answer}");
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    assert_eq!(r["result"]["items"].as_array().unwrap().len(), 2000);
    c.shutdown().await;
}

/// Random incremental edits: after each, the server's diagnostics equal a fresh lint of the
/// same text. Every built-in rule, preview ones included: aggregation and "A, then B" rules
/// depend on more of the file than the node they report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_edits_match_a_fresh_parse() {
    differential(true, json!({"textDocument": {"diagnostic": {}}})).await;
}

/// The same with the default rules and a client that accepts refresh requests: the server
/// then answers with a preview (the edited item parsed alone) when it can, and that answer
/// must equal a fresh lint too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn previews_after_edits_match_a_fresh_parse() {
    differential(
        false,
        json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": true}}}),
    )
    .await;
}

/// A pull client without refresh support (Neovim 0.11) gets previews of files without
/// syntax errors only, and every answer must still equal a fresh lint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn previews_for_a_client_without_refresh_match_a_fresh_parse() {
    differential(false, json!({"textDocument": {"diagnostic": {}}})).await;
}

async fn differential(all_rules: bool, capabilities: Value) {
    use lever_core::{Config, Language, Linter, RuleSet, load};
    let (pack, _) = load::builtin_pack();
    let pack = pack.unwrap();
    let all_on: serde_json::Map<String, Value> = pack.rules.iter().map(|r| (r.id.clone(), json!("on"))).collect();
    let toml: String = pack.rules.iter().map(|r| format!("{} = \"on\"\n", r.id)).collect();
    let toml = if all_rules { format!("[rules]\n{toml}") } else { String::new() };
    let config = Config::parse("lever.toml", &toml, ".".into()).unwrap();
    let (rules, _) = RuleSet::new(&[pack], &config);
    let options = if all_rules { json!({"rules": all_on}) } else { json!({}) };
    let mut linter = Linter::new();
    let pieces = [
        "xs[i]",
        "for i in range(len(xs)):\n    print(xs[i])\n",
        "\n",
        "é😀",
        " ",
        "(",
        ")",
        "i",
        "x",
        "ys",
        "# lever-ignore: index-loop\n",
        "def g(xs):\n    x = 1\n",
        "\n    ",
        "{",
        "}",
        "q = f\"SELECT * FROM t WHERE id = {x}\"\n",
        "cur.execute(q)\n",
        "def h(cur, x):\n    ",
        "db.query(`SELECT * FROM t WHERE id = ${x}`);\n",
        "let q = format!(\"SELECT {x}\");\nconn.execute(&q, []);\n",
    ];
    for (lang, file, seed) in
        [(Language::Python, "a.py", 7u64), (Language::Rust, "a.rs", 11), (Language::TypeScript, "a.ts", 13)]
    {
        let t = Tree::new();
        let mut c = Client::start().await;
        c.initialize(capabilities.clone(), options.clone()).await;
        let u = uri(&t, file);
        let mut text = match lang {
            Language::Rust => "fn f(v: &[u8]) {\n    for i in 0..v.len() {\n        g(v[i]);\n    }\n}\n\
                impl S {\n    fn m(&self, v: &[u8]) {\n        for i in 0..v.len() {\n            g(v[i]);\n        }\n    }\n}\n"
                .to_string(),
            Language::TypeScript => "for (let i = 0; i < a.length; i++) {\n  f(a[i]);\n}\n\
                class C {\n  m(a: number[]) {\n    for (let i = 0; i < a.length; i++) {\n      f(a[i]);\n    }\n  }\n}\n"
                .to_string(),
            _ => format!(
                "{}def f(cur, x):\n    q = f\"SELECT {{x}}\"\n    cur.execute(q)\nclass C:\n    def m(self, xs):\n        {}\n",
                LOOP_PY.repeat(3),
                LOOP_PY.replace('\n', "\n        ")
            ),
        };
        c.open(&u, &text).await;
        let mut rng = seed;
        let mut next = |n: usize| {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((rng >> 33) as usize) % n.max(1)
        };
        for step in 0..60 {
            // A random range on character boundaries, replaced by a random piece.
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let a = chars[next(chars.len())];
            let b = chars[(chars.iter().position(|&x| x == a).unwrap() + next(4)).min(chars.len() - 1)];
            let piece = pieces[next(pieces.len())];
            let map = lever_lsp::LineMap::new(&text);
            let range = map.range(&text, a..b, lever_lsp::Encoding::Utf16);
            text.replace_range(a..b, piece);
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": step + 2}, "contentChanges": [{"range": range, "text": piece}]}),
            )
            .await;
            let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
            // Rule, range, and the fix's edits (a fix's free name depends on its context).
            let got: Vec<(String, Value, Value)> = r["result"]["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (d["code"].as_str().unwrap().to_string(), d["range"].clone(), d["data"]["fix"]["edits"].clone())
                })
                .collect();
            let map = lever_lsp::LineMap::new(&text);
            let tree = linter.parse(lang, &text, None, Duration::from_secs(10)).unwrap();
            let enc = lever_lsp::Encoding::Utf16;
            let want: Vec<(String, Value, Value)> = linter
                .lint_tree(&rules, lang, &text, &tree)
                .findings
                .iter()
                .map(|f| {
                    let edits = f.fix.as_ref().map_or(Value::Null, |fix| {
                        fix.edits
                            .iter()
                            .map(|e| json!({"range": map.range(&text, e.range.clone(), enc), "newText": e.text}))
                            .collect()
                    });
                    (f.rule.clone(), json!(map.range(&text, f.range.clone(), enc)), edits)
                })
                .collect();
            assert_eq!(got, want, "{file} step {step}: text now:\n{text}");
        }
        c.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_applies_safe_fixes_and_watchers_are_registered() {
    // A team rule with a safe fix: `print(` -> `log(`.
    let t = Tree::new();
    t.write("team/pack.toml", "name = \"team\"\nversion = \"1\"\n");
    t.write(
        "team/rules/no-print/rule.toml",
        "severity = \"warning\"\nsummary = \"s\"\nmessage = \"use log\"\n\
         [fix.python]\ntitle = \"Use log\"\napplicability = \"safe\"\nedits = [{ replace = \"@_f\", with = \"log\" }]\n",
    );
    t.write("team/rules/no-print/docs.md", "## What it flags\n## Why is this bad?\n## Example\n## How to fix\n");
    t.write("team/rules/no-print/python.scm", "((call function: (identifier) @_f) @match (#eq? @_f \"print\"))\n");
    t.write("lever.toml", "packs = [\"team\"]\n");
    let mut c = Client::start().await;
    c.initialize(json!({"textDocument": {"diagnostic": {}}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}), Value::Null).await;
    let u = uri(&t, "a.py");
    // CJK before the call: UTF-16 columns count each as one unit.
    c.open(&u, "s = \"漢字\"; print(s)\nprint(1)\n").await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    let items = r["result"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{r}");
    assert_eq!(items[0]["range"]["start"], json!({"line": 0, "character": 10}));
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": range, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["kind"], "source.fixAll.lever");
    let edits: Vec<&str> =
        actions[0]["edit"]["changes"][&u].as_array().unwrap().iter().map(|e| e["newText"].as_str().unwrap()).collect();
    assert_eq!(edits, ["log", "log"]);
    // The server asked to watch configs and packs.
    let reg = loop {
        if let Some(n) = c.notifications.iter().find(|n| n["method"] == "client/registerCapability") {
            break n.clone();
        }
        c.pump().await;
    };
    let watchers = &reg["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(watchers.as_array().unwrap().iter().any(|w| w["globPattern"] == "**/lever.toml"), "{reg}");
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_next_to_a_finding_and_reopening() {
    let t = Tree::new();
    let mut c = Client::start().await;
    c.initialize(json!({"textDocument": {"diagnostic": {}}}), Value::Null).await;
    let u = uri(&t, "a.rs");
    c.open(&u, "fn f(v: &[u8]) { for i in 0..v.len() { g(v[i]); } }\n").await;
    assert_eq!(pull(&mut c, &u).await.as_array().unwrap().len(), 1);
    // Review finding: an insertion touching the finding's start dropped it for good.
    let at = json!({"line": 0, "character": 17});
    let change = json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"range": {"start": at, "end": at}, "text": "let a = 1;"}]});
    c.notify("textDocument/didChange", change).await;
    assert_eq!(pull(&mut c, &u).await.as_array().unwrap().len(), 1);
    // Closing and reopening with other text starts afresh.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}})).await;
    c.open(&u, "fn main() {}\n").await;
    assert_eq!(pull(&mut c, &u).await, json!([]));
    c.shutdown().await;
}

async fn pull(c: &mut Client, uri: &str) -> Value {
    c.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await["result"]["items"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_setting_is_logged_and_the_others_still_apply() {
    let t = Tree::new();
    let mut c = Client::start().await;
    // `packs` has the wrong type; `rules` (with a boolean for "on") must still apply.
    c.initialize(pull_caps(), json!({"rules": {"index-loop": "error", "unused-suppression": false}, "packs": 5})).await;
    let log =
        c.wait_for("window/logMessage", |p| p["message"].as_str().is_some_and(|m| m.contains("lever.packs"))).await;
    assert!(log["message"].as_str().unwrap().contains("must be a list of directory paths"), "{log}");
    let u = uri(&t, "a.py");
    c.open(&u, LOOP_PY).await;
    let r = c.request("textDocument/diagnostic", json!({"textDocument": {"uri": u}})).await;
    assert_eq!(r["result"]["items"][0]["severity"], 1, "{r}");
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_exclude_applies_in_the_editor() {
    let t = Tree::new();
    t.write(
        "lever.toml",
        "[rules.index-loop]\nexclude = [\"features/**\"]\n\
         [rules.wide-interface]\nenabled = true\nsettings = { max-params = 2 }\n",
    );
    let both = "def f(a, b, c):\n    for i in range(len(a)):\n        print(a[i])\n";
    // On disk, as files opened in an editor are (a buffer in a directory that does not exist
    // finds no lever.toml).
    t.write("a.py", both);
    t.write("features/b.py", both);
    let (ua, ub) = (uri(&t, "a.py"), uri(&t, "features/b.py"));
    let mut c = Client::start().await;
    c.initialize(push_caps(), Value::Null).await;
    let codes = |p: &Value| -> Vec<String> {
        p["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    c.open(&ua, both).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == ua.as_str()).await;
    assert_eq!(codes(&p), ["wide-interface", "index-loop"], "{p}");
    c.open(&ub, both).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == ub.as_str()).await;
    assert_eq!(codes(&p), ["wide-interface"], "{p}");
    // After an edit (a preview, then the incremental re-lint) the rule stays excluded. Not
    // every rule can be previewed: the second one goes.
    t.write("lever.toml", "[rules.index-loop]\nexclude = [\"features/**\"]\n");
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&t, "lever.toml"), "type": 2}]})).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == ub.as_str()).await;
    assert!(codes(&p).is_empty(), "{p}");
    let change = json!({"textDocument": {"uri": ub, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 13}}, "text": "show"},
    ]});
    c.notify("textDocument/didChange", change).await;
    let p = c.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == ub.as_str() && p["version"] == 2).await;
    assert!(codes(&p).is_empty(), "{p}");
    c.shutdown().await;
}
