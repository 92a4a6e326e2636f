//! One MockZeek connection: upgrade, path and name checks, subscription, data messages.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::{mpsc, watch};
use tokio::time::timeout;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Bytes, Message as WsMessage, Utf8Bytes};

use super::{ClientInfo, Published, Server};
use crate::codec::ZeekDecode;
use crate::protocol::{self, Ack, ErrorCode, Event, ServerError};
use crate::transport::{self, BoxedIo as Io, stopped};
use crate::value::Value;
use crate::wire::{DecodeOptions, ErrorKind};

type Sink = SplitSink<WebSocketStream<super::upgrade::Prefixed<Io>>, WsMessage>;

/// What the writer task sends, in order.
pub(crate) enum Out {
    Frame(Utf8Bytes),
    Close(u16, &'static str),
}

const INVALID_URI: &str = "Invalid URI - use /v1/messages/json";
const INVALID_APP: &str = "Invalid X-Application-Name";

pub(crate) async fn handle(server: Arc<Server>, io: Io, peer: SocketAddr, n: u64) {
    let mut path: Option<String> = None;
    let mut app: Option<Vec<u8>> = None;
    // The error type is tungstenite's.
    #[allow(clippy::result_large_err)]
    let callback = |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
        path = Some(
            req.uri()
                .path_and_query()
                .map_or_else(|| req.uri().to_string(), |p| p.as_str().to_owned()),
        );
        app = req
            .headers()
            .get(protocol::APPLICATION_NAME_HEADER)
            .map(|v| v.as_bytes().to_vec());
        Ok(resp)
    };
    // IX's checks of the HTTP request come first (400 without a WebSocket).
    let Some(io) = timeout(Duration::from_secs(3), super::upgrade::check(io))
        .await
        .ok()
        .flatten()
    else {
        return;
    };
    let cfg = transport::ws_config(server.max_message_size);
    // IXWebSocket's handshake timeout is 3 s.
    let ws = match timeout(
        Duration::from_secs(3),
        tokio_tungstenite::accept_hdr_async_with_config(io, callback, Some(cfg)),
    )
    .await
    {
        Ok(Ok(ws)) => ws,
        Ok(Err(e)) => {
            tracing::debug!(%peer, error = %e, "upgrade failed");
            return;
        }
        Err(_) => return,
    };
    let (sink, mut stream) = ws.split();
    let (tx, rx) = mpsc::channel::<Out>(server.client_queue.max(2));
    let pong_seen = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn(write_loop(
        sink,
        rx,
        server.shutdown.clone(),
        server.ping_interval,
        pong_seen.clone(),
    ));

    let app_name = app.map(|b| String::from_utf8(b).map_err(|e| e.into_bytes()));
    let rejected = if path.as_deref() != Some(protocol::PATH) {
        Some((ErrorCode::InvalidUri, INVALID_URI))
    } else {
        match &app_name {
            // Zeek's all-characters test accepts an empty name.
            Some(Ok(name)) if name.is_empty() || protocol::is_valid_application_name(name) => None,
            Some(_) => Some((ErrorCode::InvalidApplicationName, INVALID_APP)),
            None => None,
        }
    };
    let mut conn = Conn {
        server: server.clone(),
        id: n,
        endpoint: format!("{}-websocket-{n}", server.node_id),
        peer,
        app: app_name.and_then(Result::ok),
        tx,
        state: if rejected.is_some() {
            State::Dead
        } else {
            State::Subscribing
        },
        dropped: Arc::new(AtomicU64::new(0)),
    };
    if let Some((code, text)) = rejected {
        conn.send_error(code, text).await;
        let _ = conn.tx.send(Out::Close(1008, text)).await;
    }
    let mut shutdown = server.shutdown.clone();
    // After shutdown (the writer sends 1001), read on until the peer's close reply so that
    // unread input does not turn the close into a TCP reset; bounded by a deadline.
    let mut draining: Option<tokio::time::Instant> = None;
    loop {
        let msg = match draining {
            Some(deadline) => match tokio::time::timeout_at(deadline, stream.next()).await {
                Ok(Some(Ok(WsMessage::Close(_)) | Err(_)) | None) | Err(_) => break,
                Ok(Some(Ok(_))) => continue,
            },
            // Biased: a frame already read is taken without polling the shutdown signal,
            // whose every poll locks the watch channel and registers a waiter.
            None => tokio::select! {
                biased;
                m = stream.next() => m,
                _ = stopped(&mut shutdown) => {
                    draining = Some(tokio::time::Instant::now() + Duration::from_secs(2));
                    continue;
                }
            },
        };
        let (bytes, text) = match msg {
            Some(Ok(WsMessage::Text(t))) => (Bytes::from(t.clone()), Some(t)),
            Some(Ok(WsMessage::Binary(b))) => (b, None),
            Some(Ok(WsMessage::Pong(_))) => {
                pong_seen.store(true, Ordering::Relaxed);
                continue;
            }
            Some(Ok(WsMessage::Ping(_) | WsMessage::Frame(_))) => continue,
            Some(Ok(WsMessage::Close(_))) | None => break,
            Some(Err(tungstenite::Error::Utf8(_))) => {
                let _ = conn
                    .tx
                    .send(Out::Close(1007, "Invalid frame payload data"))
                    .await;
                break;
            }
            Some(Err(e)) => {
                tracing::debug!(%peer, error = %e, "read failed");
                break;
            }
        };
        tokio::select! {
            biased;
            _ = conn.process(&bytes, text.as_ref()) => {}
            _ = stopped(&mut shutdown) => {
                draining = Some(tokio::time::Instant::now() + Duration::from_secs(2));
            }
        }
    }
    conn.unregister();
    // The writer ends once it has sent what is queued (or on shutdown).
    drop(conn);
    let _ = timeout(Duration::from_secs(5), writer).await;
}

#[derive(PartialEq)]
enum State {
    Subscribing,
    Acked,
    /// Refused (path, name) or stuck after a bad subscription: later messages are dropped.
    Dead,
}

struct Conn {
    server: Arc<Server>,
    id: u64,
    endpoint: String,
    peer: SocketAddr,
    app: Option<String>,
    tx: mpsc::Sender<Out>,
    state: State,
    dropped: Arc<AtomicU64>,
}

impl Conn {
    async fn send_error(&self, code: ErrorCode, context: &str) {
        let text = ServerError::new(code, context).to_json();
        let _ = self.tx.send(Out::Frame(text.into())).await;
    }

    /// Why `topics` (sorted, distinct) exceed this server's subscription limits, if they do.
    fn over_limits(&self, topics: &[String]) -> Option<String> {
        let (most, longest) = (self.server.max_subscriptions, self.server.max_topic_length);
        if topics.len() > most {
            return Some(format!(
                "too many subscriptions: {} topics (at most {most})",
                topics.len()
            ));
        }
        let long = topics.iter().find(|t| t.len() > longest)?;
        let shown: String = long.chars().take(40).collect();
        let more = if shown.len() < long.len() { "..." } else { "" };
        Some(format!(
            "subscription topic too long: {} bytes (at most {longest}): {shown:?}{more}",
            long.len()
        ))
    }

    fn unregister(&self) {
        if self.state == State::Acked {
            self.server.remove_client(self.id);
        }
    }

    /// One message from the client; `text` is the same bytes when they came as a text frame.
    async fn process(&mut self, bytes: &[u8], text: Option<&Utf8Bytes>) {
        match self.state {
            State::Dead => {}
            State::Subscribing => match protocol::parse_subscriptions(bytes) {
                Ok(mut topics) => {
                    topics.sort();
                    topics.dedup();
                    if let Some(refusal) = self.over_limits(&topics) {
                        self.send_error(ErrorCode::DeserializationFailed, &refusal)
                            .await;
                        self.state = State::Dead;
                        return;
                    }
                    let ack = Ack {
                        endpoint: self.endpoint.clone(),
                        version: self.server.version.clone(),
                    };
                    // The ack goes first: events published from now on follow it.
                    let _ = self.tx.send(Out::Frame(ack.to_json().into())).await;
                    self.server.add_client(
                        self.id,
                        ClientInfo {
                            endpoint: self.endpoint.clone(),
                            application_name: self.app.clone(),
                            subscriptions: topics,
                            peer: self.peer,
                            dropped: 0,
                        },
                        self.tx.clone(),
                        self.dropped.clone(),
                    );
                    self.state = State::Acked;
                }
                Err(e) => {
                    self.send_error(ErrorCode::DeserializationFailed, &e.to_string())
                        .await;
                    self.state = State::Dead;
                }
            },
            State::Acked => {
                if let Some(text) = text
                    && self.relay_as_is(text).await
                {
                    return;
                }
                self.data(bytes, text.map(Utf8Bytes::as_str)).await
            }
        }
    }

    /// Forwards a published event as it came, without decoding and encoding it, when that
    /// is what the full path would send: the frame is exactly what zeekws's writer writes for
    /// the event it holds (see `protocol::canonical_event`), nothing checks the event against
    /// a declaration, and nothing records or answers it.
    async fn relay_as_is(&self, text: &Utf8Bytes) -> bool {
        let server = &self.server;
        if server.history_cap != 0 || !server.responders.is_empty() {
            return false;
        }
        let Some(c) = protocol::canonical_event(text.as_str(), server.max_message_size) else {
            return false;
        };
        if c.topic == "<$>" || !server.schema.admits_unchecked(c.name) {
            return false;
        }
        server.fan_out(c.topic, text.clone(), Some(self.id)).await;
        true
    }

    async fn data(&mut self, bytes: &[u8], text: Option<&str>) {
        const FAILED_DECODE: &str = "failed to decode JSON object";
        const NO_TOPIC: &str = "no topic in top-level JSON object";
        const FAILED_CREATE: &str = "failed to create Zeek event";
        let opts = DecodeOptions::new()
            .zeek_server_rules(true)
            .max_size(self.server.max_message_size);
        // One pass for the common case; classify failures like Zeek (JSON, topic, event).
        // Like Zeek, `type` is not looked at.
        let (topic, mut event) = match protocol::decode_published(
            bytes,
            text,
            opts,
            crate::protocol::read_event::<Event>,
        ) {
            Ok(ok) => ok,
            Err(first) => {
                let context =
                    match protocol::decode_published(bytes, text, opts, Value::decode_payload) {
                        Ok(_) => FAILED_CREATE,
                        Err(e) => match e.kind() {
                            ErrorKind::InvalidMessage(m) if m.contains("no topic") => NO_TOPIC,
                            _ => FAILED_DECODE,
                        },
                    };
                return self.refuse(context, &first.to_string()).await;
            }
        };
        if topic == "<$>" {
            return self.refuse(NO_TOPIC, "topic <$>").await;
        }
        if let Err(why) = self.server.schema.check(bytes, &event) {
            return self.refuse(FAILED_CREATE, &why.to_string()).await;
        }
        if event.metadata.as_ref().is_some_and(Vec::is_empty) {
            event.metadata = None;
        }
        if event.name == crate::contract::DESCRIBE && topic == crate::contract::TOPIC {
            self.answer_contract(bytes).await;
        }
        // Zeek re-serializes what it forwards.
        let frame = protocol::encode_event(&topic, &event);
        let published = Published {
            from: self.endpoint.clone(),
            topic,
            frame,
            event,
        };
        if self.server.history_cap == 0 && self.server.responders.is_empty() {
            // Nothing looks at it afterwards: hand the frame over without a copy.
            self.server
                .fan_out(
                    &published.topic,
                    Utf8Bytes::from(published.frame),
                    Some(self.id),
                )
                .await;
            return;
        }
        self.server
            .fan_out(
                &published.topic,
                Utf8Bytes::from(published.frame.clone()),
                Some(self.id),
            )
            .await;
        self.server.on_published(published).await;
    }

    /// What the contract script does on Zeek: publish the layouts asked for on the reply
    /// topic (the request was checked already).
    async fn answer_contract(&self, bytes: &[u8]) {
        let Ok((_, request)) =
            protocol::decode_event::<crate::contract::Describe>(bytes).and_then(|m| m.into_parts())
        else {
            return;
        };
        let answer = self.server.schema.describe(&request, &self.server.version);
        let frame = protocol::encode_event(&request.reply_topic, &answer);
        self.server
            .fan_out(&request.reply_topic, Utf8Bytes::from(frame), None)
            .await;
    }

    async fn refuse(&self, context: &str, detail: &str) {
        tracing::debug!(endpoint = %self.endpoint, %detail, "{context}");
        self.send_error(ErrorCode::DeserializationFailed, context)
            .await;
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let n = self.dropped.load(Ordering::Relaxed);
        if n > 0 {
            tracing::warn!(endpoint = %self.endpoint, dropped = n, "slow client lost messages");
        }
    }
}

async fn write_loop(
    mut sink: Sink,
    mut rx: mpsc::Receiver<Out>,
    mut shutdown: watch::Receiver<bool>,
    ping_interval: Option<Duration>,
    pong_seen: Arc<AtomicBool>,
) {
    let period = ping_interval.unwrap_or(Duration::from_secs(3600));
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    // After a long write, do not fire missed ticks back to back (a false ping timeout).
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut outstanding = false;
    let mut pings = 0u64;
    let close = |code: u16, reason: &str| {
        WsMessage::Close(Some(CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        }))
    };
    loop {
        tokio::select! {
            biased;
            _ = stopped(&mut shutdown) => {
                let _ = timeout(Duration::from_secs(1), sink.send(close(1001, "Terminating"))).await;
                break;
            }
            out = rx.recv() => match out {
                None => break,
                Some(Out::Close(code, reason)) => {
                    let _ = timeout(Duration::from_secs(1), sink.send(close(code, reason))).await;
                    break;
                }
                Some(Out::Frame(f)) => {
                    if sink.feed(WsMessage::Text(f)).await.is_err() { break; }
                    let mut end = None;
                    for _ in 0..256 {
                        match rx.try_recv() {
                            Ok(Out::Frame(f)) => {
                                if sink.feed(WsMessage::Text(f)).await.is_err() { return; }
                            }
                            Ok(Out::Close(code, reason)) => { end = Some((code, reason)); break; }
                            Err(_) => break,
                        }
                    }
                    if sink.flush().await.is_err() { break; }
                    if let Some((code, reason)) = end {
                        let _ = timeout(Duration::from_secs(1), sink.send(close(code, reason))).await;
                        break;
                    }
                }
            },
            _ = tick.tick(), if ping_interval.is_some() => {
                if outstanding && !pong_seen.swap(false, Ordering::Relaxed) {
                    let _ = timeout(Duration::from_secs(1), sink.send(close(1011, "Ping timeout"))).await;
                    break;
                }
                pong_seen.store(false, Ordering::Relaxed);
                let secs = period.as_secs();
                let payload = format!("ixwebsocket::heartbeat::{secs}s::{pings}");
                pings += 1;
                if sink.send(WsMessage::Ping(Bytes::from(payload))).await.is_err() { break; }
                outstanding = true;
            }
        }
    }
    // Give the peer a moment to answer the close, then drop the socket.
    let _ = timeout(Duration::from_secs(1), sink.close()).await;
}
