//! The HTTP side of the upgrade as IXWebSocket checks it: a failed check gets
//! `HTTP/1.1 400 <reason>` and no WebSocket (tungstenite alone would just drop the socket).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};

/// The largest request head read before giving up.
const MAX_HEAD: usize = 16 * 1024;

/// A stream that first yields bytes already read from it.
pub(crate) struct Prefixed<S> {
    prefix: Vec<u8>,
    at: usize,
    inner: S,
}

impl<S: AsyncRead + Unpin> AsyncRead for Prefixed<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.at < self.prefix.len() {
            let n = (self.prefix.len() - self.at).min(buf.remaining());
            let at = self.at;
            buf.put_slice(&self.prefix[at..at + n]);
            self.at += n;
            if self.at == self.prefix.len() {
                self.prefix = Vec::new();
                self.at = 0;
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Prefixed<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Why IX refuses a request head, if it does.
pub(super) fn refusal(head: &str) -> Option<String> {
    let mut lines = head.split("\r\n");
    let request = lines.next().unwrap_or("");
    let mut parts = request.split(' ');
    if parts.next() != Some("GET") {
        return Some("Invalid HTTP method, need GET".into());
    }
    if parts.nth(1) != Some("HTTP/1.1") {
        return Some("Invalid HTTP version, need HTTP/1.1".into());
    }
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    };
    if header("Sec-WebSocket-Key").is_none() {
        return Some("Missing Sec-WebSocket-Key value".into());
    }
    if !header("Upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket")) {
        return Some("Missing or invalid Upgrade header".into());
    }
    match header("Sec-WebSocket-Version") {
        Some("13") => None,
        Some(v) => Some(format!(
            "Invalid Sec-WebSocket-Version, need 13, got {}",
            printable(v)
        )),
        None => Some("Missing Sec-WebSocket-Version value".into()),
    }
}

/// A peer's header value as it may appear in our status line: printable ASCII only (other
/// bytes become `?`, so no bare `\n` or control byte splits the response), at most 32
/// characters.
fn printable(v: &str) -> String {
    let mut out: String = v
        .chars()
        .take(32)
        .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
        .collect();
    if v.chars().count() > 32 {
        out.push_str("...");
    }
    out
}

/// Reads the request head; answers 400 and returns `None` when IX would, else returns the
/// stream with the head put back for the WebSocket library.
pub(crate) async fn check<S: AsyncRead + AsyncWrite + Unpin>(mut io: S) -> Option<Prefixed<S>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return None;
        }
        let n = io.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    if let Some(reason) = refusal(&String::from_utf8_lossy(&head)) {
        let answer =
            format!("HTTP/1.1 400 {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let _ = io.write_all(answer.as_bytes()).await;
        let _ = io.shutdown().await;
        return None;
    }
    Some(Prefixed {
        prefix: head,
        at: 0,
        inner: io,
    })
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn refuses_what_ix_refuses() {
        let good = "GET /v1/messages/json HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nSec-WebSocket-Key: k\r\nSec-WebSocket-Version: 13\r\n\r\n";
        assert_eq!(refusal(good), None);
        assert_eq!(
            refusal(&good.replace("Version: 13", "Version: 12")).as_deref(),
            Some("Invalid Sec-WebSocket-Version, need 13, got 12")
        );
        assert_eq!(
            refusal(&good.replace("Sec-WebSocket-Key: k\r\n", "")).as_deref(),
            Some("Missing Sec-WebSocket-Key value")
        );
        assert!(refusal(&good.replace("GET", "POST")).is_some());
    }

    /// A peer's bytes never reach the status line raw: no bare newline or control byte
    /// can split the response or forge a header.
    #[test]
    fn echoed_header_values_are_printable_and_short() {
        let good = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: k\r\n";
        let forged = format!("{good}Sec-WebSocket-Version: 12\nX-Forged: 1\x07\r\n\r\n");
        let reason = refusal(&forged).unwrap();
        assert_eq!(
            reason,
            "Invalid Sec-WebSocket-Version, need 13, got 12?X-Forged: 1?"
        );
        assert!(reason.chars().all(|c| (' '..='~').contains(&c)));
        let long = format!("{good}Sec-WebSocket-Version: {}\r\n\r\n", "9".repeat(100));
        assert!(
            refusal(&long)
                .unwrap()
                .ends_with(&format!("{}...", "9".repeat(32)))
        );
    }
}
