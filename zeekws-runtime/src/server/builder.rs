//! [`MockZeekBuilder`]: how a [`MockZeek`] is configured and started.

use super::*;

/// Configures a [`MockZeek`]; made by [`MockZeek::builder`].
pub struct MockZeekBuilder {
    pub(super) addr: SocketAddr,
    pub(super) version: String,
    pub(super) node_id: Option<String>,
    pub(super) schema: schema::Schema,
    pub(super) responders: Vec<Responder>,
    pub(super) network_timestamps: bool,
    pub(super) ping_interval: Option<Duration>,
    pub(super) max_connections: usize,
    pub(super) client_queue: usize,
    pub(super) policy: QueuePolicy,
    pub(super) max_message_size: usize,
    pub(super) max_subscriptions: usize,
    pub(super) max_topic_length: usize,
    pub(super) history: usize,
    pub(super) tls: Option<(Vec<u8>, Vec<u8>)>,
    #[cfg(feature = "tls")]
    pub(super) tls_client_ca: Option<Vec<u8>>,
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
            max_subscriptions: 10_000,
            max_topic_length: 4096,
            history: 10_000,
            tls: None,
            #[cfg(feature = "tls")]
            tls_client_ca: None,
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
    ///
    /// ```
    /// use zeekws_runtime::{Client, Value, ZeekEvent, protocol::Event, server::MockZeek};
    ///
    /// #[derive(ZeekEvent)]
    /// #[zeek(name = "App::ping")]
    /// struct Ping { msg: String, c: u64 }
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = MockZeek::builder().event::<Ping>().start().await?;
    /// let mut client = Client::builder(zeek.url()).connect().await?;
    /// // A count where Zeek's App::ping wants a string: refused as Zeek refuses it.
    /// let bad = Event::new("App::ping", [Value::Count(1), Value::Count(2)]);
    /// client.publish("/test/pings", &bad).await?;
    /// let refused = client.recv_message().await?;
    /// assert!(matches!(refused, zeekws_runtime::protocol::Message::Error(_)));
    /// # Ok(()) }
    /// ```
    pub fn event<E: ZeekEvent + 'static>(mut self) -> Self {
        self.schema.add_typed::<E>();
        self
    }

    /// Declares an event by name and argument types, given as [`TypeDesc`]s or as the
    /// [`ZeekTypeName`]s of Rust types. Named types are checked when described with
    /// [`record_type`](Self::record_type) or [`enum_type`](Self::enum_type) (or loaded with
    /// [`script`](Self::script)), and accepted as anything but `none` otherwise.
    pub fn event_types<I>(mut self, name: impl Into<String>, args: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<TypeDesc>,
    {
        self.schema.add_dynamic(
            name.into(),
            args.into_iter().map(Into::into).collect(),
            Vec::new(),
        );
        self
    }

    /// Loads the events, records and enums a `.zeek` script declares (with what it `@load`s,
    /// Zeek's base types from the built-in prelude): clients may then publish those events,
    /// checked against the declared types as Zeek 8 checks them.
    ///
    /// To search an installed Zeek's `share/zeek` or to pin `@if` conditions, load the schema
    /// with [`zeekws_codegen::Config`] and pass it to [`schema`](Self::schema).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = zeekws_runtime::server::MockZeek::builder()
    ///     .script("zeek/app.zeek")?
    ///     .start()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn script(self, path: impl AsRef<Path>) -> Result<Self, zeekws_codegen::Error> {
        let schema = zeekws_codegen::Schema::load(path, &[] as &[&Path])?;
        Ok(self.schema(&schema))
    }

    /// Declares every event, record and enum of a loaded schema, each type by its
    /// [`TypeDesc`] (what [`script`](Self::script) does after loading).
    pub fn schema(mut self, schema: &zeekws_codegen::Schema) -> Self {
        for record in schema.records() {
            let fields = record.fields.iter().map(|f| Field {
                ty: f.ty.descriptor(),
                optional: f.optional,
            });
            let names = record.fields.iter().map(|f| f.name.clone());
            self.schema
                .add_record(record.name.clone(), fields.collect(), names.collect());
        }
        for e in schema.enums() {
            let values = e.values.iter().map(|v| v.name.clone());
            self.schema.add_enum(e.name.clone(), values.collect());
        }
        for ev in schema.events() {
            let args = ev.params.iter().map(|p| p.ty.descriptor());
            let names = ev.params.iter().map(|p| p.name.clone());
            self.schema
                .add_dynamic(ev.name.clone(), args.collect(), names.collect());
        }
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
            .add_record(name.into(), fields.into_iter().collect(), Vec::new());
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
    ///
    /// ```
    /// use zeekws_runtime::{Client, Value, ZeekTypeName, protocol::Event, server::MockZeek};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Like a Zeek handler: `event App::add(a: count, b: count)` answers `App::sum(a + b)`.
    /// let zeek = MockZeek::builder()
    ///     .event_types("App::add", [ZeekTypeName::Count, ZeekTypeName::Count])
    ///     .respond(|_topic, ev| match ev.args.as_slice() {
    ///         [Value::Count(a), Value::Count(b)] => {
    ///             Some(("/test/sums".to_owned(), Event::new("App::sum", [Value::Count(a + b)])))
    ///         }
    ///         _ => None,
    ///     })
    ///     .start()
    ///     .await?;
    /// let mut client = Client::builder(zeek.url()).subscribe(["/test/sums"]).connect().await?;
    /// client.publish("/test/add", &Event::new("App::add", [Value::Count(2), Value::Count(3)])).await?;
    /// let sum: Event = client.recv_event().await?;
    /// assert_eq!(sum.args, [Value::Count(5)]);
    /// # Ok(()) }
    /// ```
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

    /// Most topics one client may subscribe to (default 10,000; Zeek has no limit). A
    /// subscription message with more distinct topics is refused with a
    /// `deserialization_failed` error, as a malformed one is, and the connection then
    /// gets nothing.
    pub fn max_subscriptions(mut self, topics: usize) -> Self {
        self.max_subscriptions = topics;
        self
    }

    /// Longest topic, in bytes, that a client may subscribe to (default 4096; Zeek has no
    /// limit). Refused as [`max_subscriptions`](Self::max_subscriptions) refuses. Topics of
    /// published events are bounded by [`max_message_size`](Self::max_message_size) only.
    pub fn max_topic_length(mut self, bytes: usize) -> Self {
        self.max_topic_length = bytes;
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

    /// With [`tls_pem`](Self::tls_pem): every client must present a certificate that
    /// chains to one of these PEM CA certificates (mutual TLS); others fail the TLS
    /// handshake.
    #[cfg(feature = "tls")]
    pub fn tls_client_ca_pem(mut self, ca: impl Into<Vec<u8>>) -> Self {
        self.tls_client_ca = Some(ca.into());
        self
    }

    /// Binds and starts serving.
    pub async fn start(self) -> Result<MockZeek, Error> {
        #[cfg(feature = "tls")]
        let acceptor = match &self.tls {
            Some((cert, key)) => Some(tokio_rustls::TlsAcceptor::from(
                tls::server_config(cert, key, self.tls_client_ca.as_deref())
                    .map_err(|e| Error::Tls(e.to_string()))?,
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
            max_subscriptions: self.max_subscriptions,
            max_topic_length: self.max_topic_length,
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

pub(super) fn random_node_id() -> String {
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
