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
//! [`MockZeekBuilder::event_types`]) with Zeek's three error contexts; plain-prefix fan-out to
//! every *other* matching client; pings every 5 s and close 1011 `Ping timeout`; close 1001
//! `Terminating` on shutdown; binary frames read as text; at most 100 connections.
//!
//! # Queues
//!
//! Each client has a bounded outgoing queue ([`MockZeekBuilder::client_queue`], 10,000
//! frames, like Zeek's ZeroMQ `onloop_queue_hwm`). [`QueuePolicy`] says what happens when a
//! client does not read and its queue is full.

mod conn;
mod schema;
#[cfg(feature = "tls")]
mod tls;
mod upgrade;

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::Utf8Bytes;

use crate::codec::{ZeekEvent, ZeekTypeName};

use crate::protocol::{self, Event};
use crate::time::Timestamp;
use crate::transport::{self, lock, stopped};
use crate::value::Value;

use conn::Out;
pub use schema::Field;

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

type Responder = Arc<dyn Fn(&str, &Event) -> Vec<(String, Event)> + Send + Sync>;

struct Slot {
    info: ClientInfo,
    tx: mpsc::Sender<Out>,
    dropped: Arc<AtomicU64>,
}

pub(crate) struct Server {
    node_id: String,
    version: String,
    schema: schema::Schema,
    responders: Vec<Responder>,
    network_timestamps: bool,
    clients: Mutex<BTreeMap<u64, Slot>>,
    client_count: watch::Sender<usize>,
    history: Mutex<VecDeque<Published>>,
    history_cap: usize,
    published_tx: mpsc::Sender<Published>,
    published_rx: tokio::sync::Mutex<mpsc::Receiver<Published>>,
    ping_interval: Option<Duration>,
    client_queue: usize,
    policy: QueuePolicy,
    max_message_size: usize,
    shutdown: watch::Receiver<bool>,
    /// Serializes publications (see [`Server::fan_out`]).
    main_loop: tokio::sync::Mutex<()>,
}

impl Server {
    fn add_client(
        &self,
        id: u64,
        info: ClientInfo,
        tx: mpsc::Sender<Out>,
        dropped: Arc<AtomicU64>,
    ) {
        let n = {
            let mut clients = lock(&self.clients);
            clients.insert(id, Slot { info, tx, dropped });
            clients.len()
        };
        self.client_count.send_replace(n);
    }

    fn remove_client(&self, id: u64) {
        let n = {
            let mut clients = lock(&self.clients);
            clients.remove(&id);
            clients.len()
        };
        self.client_count.send_replace(n);
    }

    /// Queues `frame` for every client with a matching subscription except `except`.
    /// One publication at a time, like Zeek's main loop: every client sees the same order.
    async fn fan_out(&self, topic: &str, frame: Utf8Bytes, except: Option<u64>) -> usize {
        let _main_loop = self.main_loop.lock().await;
        let targets: Vec<(mpsc::Sender<Out>, Arc<AtomicU64>)> = {
            let clients = lock(&self.clients);
            clients
                .iter()
                .filter(|(id, s)| {
                    Some(**id) != except
                        && s.info
                            .subscriptions
                            .iter()
                            .any(|p| protocol::topic_matches(p, topic))
                })
                .map(|(_, s)| (s.tx.clone(), s.dropped.clone()))
                .collect()
        };
        let mut queued = 0;
        for (tx, dropped) in targets {
            let ok = match self.policy {
                QueuePolicy::DropNewest => match tx.try_send(Out::Frame(frame.clone())) {
                    Ok(()) => true,
                    Err(mpsc::error::TrySendError::Full(_)) => {
                        dropped.fetch_add(1, Ordering::Relaxed);
                        false
                    }
                    Err(mpsc::error::TrySendError::Closed(_)) => false,
                },
                QueuePolicy::Block => tx.send(Out::Frame(frame.clone())).await.is_ok(),
            };
            queued += usize::from(ok);
        }
        queued
    }

    async fn on_published(&self, p: Published) {
        let network_time = p.event.network_timestamp();
        let replies: Vec<(String, Event)> = self
            .responders
            .iter()
            .flat_map(|r| r(&p.topic, &p.event))
            .collect();
        if self.history_cap > 0 {
            {
                let mut h = lock(&self.history);
                if h.len() >= self.history_cap {
                    h.pop_front();
                }
                h.push_back(p.clone());
            }
            let _ = self.published_tx.try_send(p);
        }
        for (topic, event) in replies {
            let frame = if self.network_timestamps && !has_network_timestamp(&event) {
                protocol::encode_event(&topic, &Stamped::new(&event, network_time))
            } else {
                protocol::encode_event(&topic, &event)
            };
            self.fan_out(&topic, frame.into(), None).await;
        }
    }
}

fn has_network_timestamp<E: ZeekEvent>(event: &E) -> bool {
    event
        .metadata()
        .is_some_and(|m| m.iter().any(|(id, _)| *id == protocol::NETWORK_TIMESTAMP))
}

/// An event to publish with a network timestamp added to its metadata (the given time, or
/// now to the millisecond as Zeek's `network_time()`), encoded in one pass.
struct Stamped<'a, E> {
    event: &'a E,
    metadata: Vec<(u64, Value)>,
}

impl<'a, E: ZeekEvent> Stamped<'a, E> {
    fn new(event: &'a E, ts: Option<Timestamp>) -> Self {
        let ts = ts.unwrap_or_else(|| {
            let now = Timestamp::now().as_nanos();
            Timestamp::from_nanos(now - now.rem_euclid(1_000_000))
        });
        let mut metadata = event.metadata().map(<[_]>::to_vec).unwrap_or_default();
        metadata.push((protocol::NETWORK_TIMESTAMP, Value::Timestamp(ts)));
        Stamped { event, metadata }
    }
}

impl<E: ZeekEvent> ZeekEvent for Stamped<'_, E> {
    const EVENT_NAMES: &'static [&'static str] = E::EVENT_NAMES;

    fn event_name(&self) -> &str {
        self.event.event_name()
    }

    fn encode_args(&self, w: &mut crate::wire::Writer) {
        self.event.encode_args(w);
    }

    fn metadata(&self) -> Option<&[(u64, Value)]> {
        Some(&self.metadata)
    }

    fn decode_args(
        name: &str,
        r: &mut crate::wire::Reader<'_>,
    ) -> Result<Self, crate::wire::DecodeError> {
        Err(r.error(crate::wire::ErrorKind::UnknownEvent {
            name: name.to_owned(),
            expected: "nothing (a stamped event is only encoded)".to_owned(),
        }))
    }
}

/// Configures a [`MockZeek`]; made by [`MockZeek::builder`].
pub struct MockZeekBuilder {
    addr: SocketAddr,
    version: String,
    node_id: Option<String>,
    schema: schema::Schema,
    responders: Vec<Responder>,
    network_timestamps: bool,
    ping_interval: Option<Duration>,
    max_connections: usize,
    client_queue: usize,
    policy: QueuePolicy,
    max_message_size: usize,
    history: usize,
    tls: Option<(Vec<u8>, Vec<u8>)>,
}

impl fmt::Debug for MockZeekBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockZeekBuilder")
            .field("addr", &self.addr)
            .field("version", &self.version)
            .field("schema", &self.schema)
            .field("responders", &self.responders.len())
            .field("ping_interval", &self.ping_interval)
            .field("tls", &self.tls.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for MockZeekBuilder {
    fn default() -> Self {
        MockZeekBuilder {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            version: VERSION.to_owned(),
            node_id: None,
            schema: schema::Schema::default(),
            responders: Vec::new(),
            network_timestamps: false,
            ping_interval: Some(Duration::from_secs(5)),
            max_connections: 100,
            client_queue: 10_000,
            policy: QueuePolicy::default(),
            max_message_size: 256 << 20,
            history: 10_000,
            tls: None,
        }
    }
}

impl MockZeekBuilder {
    /// Where to listen (default `127.0.0.1:0`, a free port; use `[::1]:0` for IPv6).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The version in the ack (default [`VERSION`]).
    pub fn version(mut self, v: impl Into<String>) -> Self {
        self.version = v.into();
        self
    }

    /// The node id before `-websocket-<n>` in endpoint ids (default: a random UUID-like id).
    pub fn node_id(mut self, id: impl Into<String>) -> Self {
        self.node_id = Some(id.into());
        self
    }

    /// Declares an event type: clients may publish the events `E` names, and their
    /// arguments must decode into `E` (strictly, as Zeek 8 converts them).
    pub fn event<E: ZeekEvent + 'static>(mut self) -> Self {
        self.schema.add_typed::<E>();
        self
    }

    /// Declares an event by name and argument types (`ZeekTypeName::Named` types are checked
    /// when described with [`record_type`](Self::record_type) or [`enum_type`](Self::enum_type),
    /// and accepted as anything but `none` otherwise).
    pub fn event_types(
        mut self,
        name: impl Into<String>,
        args: impl IntoIterator<Item = ZeekTypeName>,
    ) -> Self {
        self.schema
            .add_dynamic(name.into(), args.into_iter().collect());
        self
    }

    /// Describes a record type for [`event_types`](Self::event_types): its fields in order.
    /// As in Zeek, a shorter vector is refused, a longer one accepted, `none` unsets a field.
    pub fn record_type(
        mut self,
        name: impl Into<String>,
        fields: impl IntoIterator<Item = Field>,
    ) -> Self {
        self.schema
            .add_record(name.into(), fields.into_iter().collect());
        self
    }

    /// Describes an enum type for [`event_types`](Self::event_types) by its values as Zeek
    /// writes them (`App::RED` for module enums, `tcp` for GLOBAL ones).
    pub fn enum_type<I, S>(mut self, name: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.schema
            .add_enum(name.into(), values.into_iter().map(Into::into).collect());
        self
    }

    /// Accepts events nobody declared (any name and arguments). Off by default: like Zeek,
    /// unknown events get `failed to create Zeek event`.
    pub fn accept_unknown_events(mut self, accept: bool) -> Self {
        self.schema.accept_unknown = accept;
        self
    }

    /// Runs `f` for each accepted event (after it was forwarded to other clients); every
    /// `(topic, event)` it returns is published "by Zeek" to all matching clients.
    pub fn respond<F, R>(mut self, f: F) -> Self
    where
        F: Fn(&str, &Event) -> R + Send + Sync + 'static,
        R: IntoIterator<Item = (String, Event)>,
    {
        self.responders
            .push(Arc::new(move |t, e| f(t, e).into_iter().collect()));
        self
    }

    /// Declares `ping(msg: string, c: count)` and `pong(msg: string, c: count)` and answers
    /// every ping with `pong(msg, c + 1)` on `topic`, like app.zeek's `App::ping` handler.
    pub fn ping_pong(self, ping: &str, pong: &str, topic: &str) -> Self {
        let (ping_name, pong_name, topic) = (ping.to_owned(), pong.to_owned(), topic.to_owned());
        self.event_types(ping, [ZeekTypeName::String, ZeekTypeName::Count])
            .event_types(pong, [ZeekTypeName::String, ZeekTypeName::Count])
            .respond(
                move |_, ev| match (ev.name == ping_name, ev.args.as_slice()) {
                    (true, [Value::String(msg), Value::Count(c)]) => Some((
                        topic.clone(),
                        Event::new(
                            pong_name.clone(),
                            [Value::String(msg.clone()), Value::Count(c.wrapping_add(1))],
                        ),
                    )),
                    _ => None,
                },
            )
    }

    /// Like `redef EventMetadata::add_network_timestamp = T;` in Zeek 8: every event MockZeek
    /// publishes itself (replies and [`MockZeek::publish`]) carries the metadata
    /// `[[1, timestamp]]`, the network time in milliseconds: the triggering event's own
    /// network timestamp when a client sent one, else the current time. Off by default, as in
    /// Zeek 8.1+, whose events then have no metadata slot.
    pub fn network_timestamps(mut self, enabled: bool) -> Self {
        self.network_timestamps = enabled;
        self
    }

    /// WebSocket ping interval (default 5 s, Zeek's); a client that has not answered the
    /// previous ping by the next one is closed with 1011 `Ping timeout`. `None` disables.
    pub fn ping_interval(mut self, interval: Option<Duration>) -> Self {
        self.ping_interval = interval;
        self
    }

    /// Connections beyond this many are accepted and closed at once (default 100, IX's limit).
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = n;
        self
    }

    /// Capacity of each client's outgoing queue in frames (default 10,000).
    pub fn client_queue(mut self, frames: usize) -> Self {
        self.client_queue = frames.max(2);
        self
    }

    /// What to do when a client's queue is full (default [`QueuePolicy::DropNewest`]).
    pub fn queue_policy(mut self, policy: QueuePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Largest message accepted (default 256 MiB; Zeek has no limit).
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.max_message_size = bytes;
        self
    }

    /// How many published events [`MockZeek::published`] keeps, and [`MockZeek::next_published`]
    /// buffers (default 10,000 each; the oldest go first; 0 records nothing).
    pub fn history(mut self, events: usize) -> Self {
        self.history = events;
        self
    }

    /// Serves `wss://` with this PEM certificate chain and key.
    #[cfg(feature = "tls")]
    pub fn tls_pem(mut self, cert_chain: impl Into<Vec<u8>>, key: impl Into<Vec<u8>>) -> Self {
        self.tls = Some((cert_chain.into(), key.into()));
        self
    }

    /// Binds and starts serving.
    pub async fn start(self) -> Result<MockZeek, Error> {
        #[cfg(feature = "tls")]
        let acceptor = match &self.tls {
            Some((cert, key)) => Some(tokio_rustls::TlsAcceptor::from(
                tls::server_config(cert, key).map_err(|e| Error::Tls(e.to_string()))?,
            )),
            None => None,
        };
        let listener = TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let (shutdown_tx, shutdown) = watch::channel(false);
        let (published_tx, published_rx) = mpsc::channel(self.history.max(1));
        let server = Arc::new(Server {
            node_id: self.node_id.unwrap_or_else(random_node_id),
            version: self.version,
            schema: self.schema,
            responders: self.responders,
            network_timestamps: self.network_timestamps,
            clients: Mutex::new(BTreeMap::new()),
            client_count: watch::channel(0).0,
            history: Mutex::new(VecDeque::new()),
            history_cap: self.history,
            published_tx,
            published_rx: tokio::sync::Mutex::new(published_rx),
            ping_interval: self.ping_interval,
            client_queue: self.client_queue,
            policy: self.policy,
            max_message_size: self.max_message_size,
            shutdown: shutdown.clone(),
            main_loop: tokio::sync::Mutex::new(()),
        });
        let (live_tx, _) = watch::channel(0usize);
        let live = Arc::new(live_tx);
        let accept = AcceptLoop {
            server: server.clone(),
            listener,
            max_connections: self.max_connections,
            live: live.clone(),
            #[cfg(feature = "tls")]
            acceptor: acceptor.clone(),
        };
        tokio::spawn(accept.run());
        Ok(MockZeek {
            server,
            addr,
            secure: self.tls.is_some(),
            shutdown: shutdown_tx,
            live,
        })
    }
}

struct AcceptLoop {
    server: Arc<Server>,
    listener: TcpListener,
    max_connections: usize,
    live: Arc<watch::Sender<usize>>,
    #[cfg(feature = "tls")]
    acceptor: Option<tokio_rustls::TlsAcceptor>,
}

impl AcceptLoop {
    async fn run(self) {
        let mut shutdown = self.server.shutdown.clone();
        let mut n = 0u64;
        loop {
            let (tcp, peer) = tokio::select! {
                r = self.listener.accept() => match r {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::debug!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                },
                _ = stopped(&mut shutdown) => return,
            };
            let id = n;
            n += 1;
            if *self.live.borrow() >= self.max_connections {
                drop(tcp);
                continue;
            }
            let _ = tcp.set_nodelay(true);
            self.live.send_modify(|c| *c += 1);
            let server = self.server.clone();
            let live = self.live.clone();
            #[cfg(feature = "tls")]
            let acceptor = self.acceptor.clone();
            tokio::spawn(async move {
                let io: Option<transport::BoxedIo> = {
                    #[cfg(feature = "tls")]
                    {
                        match acceptor {
                            Some(a) => {
                                match tokio::time::timeout(Duration::from_secs(3), a.accept(tcp))
                                    .await
                                {
                                    Ok(Ok(s)) => Some(Box::pin(s)),
                                    _ => None,
                                }
                            }
                            None => Some(Box::pin(tcp)),
                        }
                    }
                    #[cfg(not(feature = "tls"))]
                    {
                        Some(Box::pin(tcp))
                    }
                };
                if let Some(io) = io {
                    conn::handle(server, io, peer, id).await;
                }
                live.send_modify(|c| *c -= 1);
            });
        }
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
    pub async fn shutdown(self) {
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

fn random_node_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut words = [0u64; 2];
    for (i, w) in words.iter_mut().enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        *w = h.finish();
    }
    let hex = format!("{:016x}{:016x}", words[0], words[1]);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
