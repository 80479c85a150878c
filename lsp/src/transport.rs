//! A guard in front of the JSON-RPC framing. tower-lsp's reader stops for good after one
//! message it cannot decode (the framed stream ends on its first error), so malformed input
//! would end the session. Every frame passes through here first: a body that is not a JSON
//! object becomes a `lever/malformedMessage` notification, which the server logs; a broken
//! header is skipped up to the next `Content-Length`.

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// The method the server receives in place of a message that was not valid JSON-RPC.
pub const MALFORMED: &str = "lever/malformedMessage";

fn malformed(reason: &str) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "method": MALFORMED, "params": {"reason": reason}}).to_string().into_bytes()
}

/// Whether a message has the shape tower-lsp accepts: version 2.0, an id that is a number, a
/// string or null, and a method (request, notification) or a result or error (response).
fn is_jsonrpc(v: &Value) -> bool {
    let id_ok = v.get("id").is_none_or(|id| id.is_number() || id.is_string() || id.is_null());
    let kind_ok = match v.get("method") {
        Some(m) => m.is_string(),
        None => v.get("id").is_some() && (v.get("result").is_some() || v.get("error").is_some_and(Value::is_object)),
    };
    v.get("jsonrpc") == Some(&Value::String("2.0".into())) && id_ok && kind_ok
}

/// Frames larger than this are read and dropped (the largest real document is far smaller).
const MAX_FRAME: usize = 512 * 1024 * 1024;

/// Copies frames from `input` to `output`, repairing what tower-lsp would choke on.
pub async fn sanitize<I: AsyncRead + Unpin>(input: I, mut output: DuplexStream) {
    let mut reader = BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut line = String::new();
        // Headers up to the blank line; garbage lines are ignored.
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = line.trim_end();
            if l.is_empty() {
                if length.is_some() {
                    break;
                }
                continue;
            }
            if let Some((name, value)) = l.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        let Some(length) = length else { continue };
        let message = if length > MAX_FRAME {
            // Drain the body without keeping it.
            let mut body = (&mut reader).take(length as u64);
            if tokio::io::copy(&mut body, &mut tokio::io::sink()).await.is_err() {
                return;
            }
            malformed("message too large")
        } else {
            let mut body = Vec::new();
            if (&mut reader).take(length as u64).read_to_end(&mut body).await.is_err() || body.len() < length {
                return;
            }
            match serde_json::from_slice::<Value>(&body) {
                Ok(v) if is_jsonrpc(&v) => body,
                Ok(_) => malformed("not a JSON-RPC 2.0 message"),
                Err(e) => malformed(&e.to_string()),
            }
        };
        let header = format!("Content-Length: {}\r\n\r\n", message.len());
        if output.write_all(header.as_bytes()).await.is_err() || output.write_all(&message).await.is_err() {
            return;
        }
    }
}
