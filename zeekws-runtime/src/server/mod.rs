//! [`MockZeek`]: a real WebSocket server on loopback that behaves like Zeek 8's
//! `Cluster::listen_websocket`, for tests and demos.
//!
//! ```
//! use zeekws_runtime::server::MockZeek;
//! use zeekws_runtime::{Client, ZeekTypeName, protocol::Event, Value};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Zeek's side, as in a Zeek script: `event App::ping(msg: string, c: count)` answered with
//! // `Cluster::publish("/test/pongs", App::pong, msg, c + 1)`.
//! let zeek = MockZeek::builder()
//!     .ping_pong("App::ping", "App::pong", "/test/pongs")
//!     .start()
//!     .await?;
//! let mut client = Client::builder(zeek.url()).subscribe(["/test/pongs"]).connect().await?;
//! client
//!     .publish("/test/pings", &Event::new("App::ping", [Value::from("hi"), Value::Count(41)]))
//!     .await?;
//! let pong: Event = client.recv_event().await?;
//! assert_eq!(pong.args, [Value::from("hi"), Value::Count(42)]);
//! # Ok(()) }
//! ```
//!
//! What it imitates (spec: Zeek 8.0-8.2): any path upgrades, then a wrong path gets
//! `invalid_uri` and close 1008; a bad `X-Application-Name` gets `invalid_application_name`
//! and close 1008; the first message is the subscription list (`deserialization_failed`
//! errors with Zeek's contexts, then no ack and no close); the ack
//! `{"type":"ack","endpoint":"<node>-websocket-<n>","version":"8.2.2"}`; data messages
//! checked against the declared events ([`MockZeekBuilder::event`],
//! [`MockZeekBuilder::event_types`], or every event of a `.zeek` file with
//! [`MockZeekBuilder::script`]) with Zeek's three error contexts; plain-prefix fan-out to
//! every *other* matching client; pings every 5 s and close 1011 `Ping timeout`; close 1001
//! `Terminating` on shutdown; binary frames read as text; at most 100 connections.
//!
//! Zeek decodes what a client publishes and encodes it again for its subscribers, and
//! MockZeek sends the same bytes. When nothing records or answers published events
//! ([`MockZeekBuilder::history`] 0, no responders) and no declaration checks the event, a
//! frame that is already exactly what that encoding would give is forwarded as it came,
//! without the decode and the encode; subscribers cannot tell the difference.
//!
//! # Queues
//!
//! Each client has a bounded outgoing queue ([`MockZeekBuilder::client_queue`], 10,000
//! frames, like Zeek's ZeroMQ `onloop_queue_hwm`). [`QueuePolicy`] says what happens when a
//! client does not read and its queue is full.

mod accept;
mod builder;
mod conn;
mod hub;
mod schema;
mod stamp;
#[cfg(feature = "tls")]
mod tls;
mod upgrade;

/// Parsing entry points for the fuzz targets (`fuzz/`); not API.
#[doc(hidden)]
pub mod __fuzz {
    /// Why MockZeek refuses an HTTP request head before the upgrade, if it does.
    pub fn upgrade_refusal(head: &str) -> Option<String> {
        super::upgrade::refusal(head)
    }

    /// The topic and event name of a frame MockZeek forwards as it came (it is exactly what
    /// zeekws's writer writes for the event it holds), or `None` when it decodes and
    /// encodes it.
    pub fn canonical_event(frame: &[u8]) -> Option<(&str, &str)> {
        let text = std::str::from_utf8(frame).ok()?;
        crate::protocol::canonical_event(text, usize::MAX).map(|c| (c.topic, c.name))
    }
}

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Utf8Bytes;

use zeekws_codegen::TypeDesc;

use crate::codec::{ZeekEvent, ZeekTypeName};

use crate::protocol::{self, Event};
use crate::time::Timestamp;
use crate::transport::{self, lock, stopped};
use crate::value::Value;

use accept::AcceptLoop;
pub use builder::MockZeekBuilder;
use conn::Out;
use hub::{Responder, Server};
pub use schema::Field;
use stamp::{Stamped, has_network_timestamp};

/// The version MockZeek reports in its ack.
pub const VERSION: &str = "8.2.2";

/// A MockZeek error (binding, TLS setup).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Binding or accepting failed.
    #[error("MockZeek: {0}")]
    Io(#[from] std::io::Error),
    /// The TLS certificate or key is unusable.
    #[error("MockZeek TLS: {0}")]
    Tls(String),
}

/// What happens when a client's outgoing queue is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueuePolicy {
    /// Drop the message for that client only and count it in [`ClientInfo::dropped`]
    /// (Zeek 8 with ZeroMQ drops above its high-water mark). Other clients are not slowed.
    #[default]
    DropNewest,
    /// The publication waits until there is room: nothing is lost, but as in Zeek 8 (whose
    /// main loop then blocks), every other publication waits too, and publishing clients are
    /// slowed down through TCP.
    Block,
}

/// A connected, acked client as [`MockZeek::clients`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The endpoint id from its ack.
    pub endpoint: String,
    /// Its `X-Application-Name`, if it sent one.
    pub application_name: Option<String>,
    /// Its subscriptions, sorted and de-duplicated (as Zeek reports them).
    pub subscriptions: Vec<String>,
    /// Its address.
    pub peer: SocketAddr,
    /// Messages dropped because its queue was full ([`QueuePolicy::DropNewest`]).
    pub dropped: u64,
}

/// An event a client published and MockZeek accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The publishing client's endpoint id.
    pub from: String,
    /// The topic.
    pub topic: String,
    /// The frame as MockZeek forwards it (re-encoded, as Zeek does).
    pub frame: String,
    /// The decoded event.
    pub event: Event,
}

impl Published {
    /// The event decoded into a typed event `E` (a derived event struct or `Events` enum),
    /// from the frame as MockZeek forwarded it: what a subscriber of `E` would decode.
    ///
    /// ```
    /// use zeekws_runtime::{Client, ZeekEvent, server::MockZeek};
    ///
    /// #[derive(ZeekEvent, Debug, PartialEq)]
    /// #[zeek(name = "App::ping")]
    /// struct Ping { msg: String, c: u64 }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = MockZeek::builder().event::<Ping>().start().await?;
    /// let client = Client::builder(zeek.url()).connect().await?;
    /// client.publish("/test/pings", &Ping { msg: "hi".into(), c: 1 }).await?;
    /// let published = zeek.next_published().await;
    /// assert_eq!(published.topic, "/test/pings");
    /// assert_eq!(published.decode::<Ping>()?, Ping { msg: "hi".into(), c: 1 });
    /// # Ok(()) }
    /// ```
    pub fn decode<E: ZeekEvent>(&self) -> Result<E, crate::wire::DecodeError> {
        protocol::decode_event::<E>(&self.frame)?
            .into_parts()
            .map(|(_, event)| event)
    }
}

/// The Zeek imitation; see the [module docs](self). Dropping it shuts it down.
pub struct MockZeek {
    server: Arc<Server>,
    addr: SocketAddr,
    secure: bool,
    shutdown: watch::Sender<bool>,
    live: Arc<watch::Sender<usize>>,
}

impl fmt::Debug for MockZeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockZeek")
            .field("addr", &self.addr)
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

impl MockZeek {
    /// Starts a MockZeek on `127.0.0.1` with a free port and the defaults.
    pub async fn start() -> Result<MockZeek, Error> {
        MockZeekBuilder::default().start().await
    }

    /// Starts configuring one.
    pub fn builder() -> MockZeekBuilder {
        MockZeekBuilder::default()
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `ws://127.0.0.1:<port>` (or `wss://`, `[::1]`), without a path.
    pub fn base_url(&self) -> String {
        let scheme = if self.secure { "wss" } else { "ws" };
        match self.addr.ip() {
            IpAddr::V4(ip) => format!("{scheme}://{ip}:{}", self.addr.port()),
            IpAddr::V6(ip) => format!("{scheme}://[{ip}]:{}", self.addr.port()),
        }
    }

    /// The API URL: [`base_url`](Self::base_url) + `/v1/messages/json`.
    pub fn url(&self) -> String {
        format!("{}{}", self.base_url(), protocol::PATH)
    }

    /// Publishes `event` on `topic` "from Zeek" to every client with a matching subscription;
    /// returns how many clients it was queued for.
    pub async fn publish<E: ZeekEvent>(&self, topic: &str, event: &E) -> usize {
        let frame = if self.server.network_timestamps && !has_network_timestamp(event) {
            protocol::encode_event(topic, &Stamped::new(event, None))
        } else {
            protocol::encode_event(topic, event)
        };
        self.publish_frame(topic, frame).await
    }

    /// Sends a prepared frame (e.g. captured from a real Zeek) to every client subscribed to
    /// a prefix of `topic`, byte for byte.
    pub async fn publish_frame(&self, topic: &str, frame: impl Into<String>) -> usize {
        self.server.fan_out(topic, frame.into().into(), None).await
    }

    /// The events clients published so far (the most recent ones, see
    /// [`MockZeekBuilder::history`]).
    pub fn published(&self) -> Vec<Published> {
        lock(&self.server.history).iter().cloned().collect()
    }

    /// Waits for the next event a client publishes (in arrival order; each returned once).
    pub async fn next_published(&self) -> Published {
        let mut rx = self.server.published_rx.lock().await;
        match rx.recv().await {
            Some(p) => p,
            // The server holds a sender for as long as `self` lives.
            None => std::future::pending().await,
        }
    }

    /// The acked clients now connected.
    pub fn clients(&self) -> Vec<ClientInfo> {
        lock(&self.server.clients)
            .values()
            .map(|s| ClientInfo {
                dropped: s.dropped.load(Ordering::Relaxed),
                ..s.info.clone()
            })
            .collect()
    }

    /// Waits until at least `n` acked clients are connected.
    pub async fn wait_for_clients(&self, n: usize) {
        let mut rx = self.server.client_count.subscribe();
        let _ = rx.wait_for(|c| *c >= n).await;
    }

    /// Closes every connection with 1001 `Terminating` (as Zeek does on shutdown), stops
    /// listening, and waits (at most 5 s) until every connection task has ended.
    pub async fn shutdown(&self) {
        self.shutdown.send_replace(true);
        let mut live = self.live.subscribe();
        let _ = tokio::time::timeout(Duration::from_secs(5), live.wait_for(|n| *n == 0)).await;
    }
}

impl Drop for MockZeek {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}
