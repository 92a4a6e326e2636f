//! [`ClientBuilder`]: every client setting, checked before connecting.

use std::time::Duration;

use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

use super::connection;
use super::dial::{SessionConfig, Transport};
use super::{Client, Error, ReconnectBuffer, ReconnectPolicy};
use crate::codec::{Layouts, ZeekEvent};
use crate::contract::ContractPolicy;
use crate::protocol;
use crate::wire::DecodeOptions;

/// The default largest incoming message: 64 MiB (Zeek itself has no limit; 16 MiB events occur).
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 64 << 20;

/// Configures and connects a [`Client`]; made by [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    url: String,
    pub(crate) subscriptions: Vec<String>,
    application_name: Option<String>,
    headers: Vec<(String, String)>,
    connect_timeout: Duration,
    pub(crate) ack_timeout: Duration,
    pub(crate) ping_interval: Option<Duration>,
    pub(crate) ping_timeout: Option<Duration>,
    reconnect: Option<ReconnectPolicy>,
    pub(crate) queue_capacity: usize,
    pub(crate) reconnect_buffer: Option<ReconnectBuffer>,
    pub(crate) max_message_size: usize,
    pub(crate) close_timeout: Duration,
    #[cfg(feature = "tls")]
    tls: super::TlsOptions,
    contract: Layouts,
    contract_policy: ContractPolicy,
    contract_timeout: Duration,
}

impl ClientBuilder {
    pub(crate) fn new(url: impl Into<String>) -> Self {
        ClientBuilder {
            url: url.into(),
            subscriptions: Vec::new(),
            contract: Layouts::new(),
            contract_policy: ContractPolicy::default(),
            contract_timeout: crate::contract::DEFAULT_TIMEOUT,
            application_name: None,
            headers: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            ack_timeout: Duration::from_secs(10),
            ping_interval: None,
            ping_timeout: None,
            reconnect: None,
            queue_capacity: 1024,
            reconnect_buffer: None,
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
            close_timeout: Duration::from_secs(5),
            #[cfg(feature = "tls")]
            tls: super::TlsOptions::default(),
        }
    }

    /// Adds topic prefixes to subscribe to (plain prefixes: `"/foo"` also matches `"/foobar"`;
    /// `""` matches everything). None at all (`[]`) is valid: publish only.
    pub fn subscribe<I, S>(mut self, topics: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.subscriptions
            .extend(topics.into_iter().map(Into::into));
        self
    }

    /// Sends `X-Application-Name` (Zeek 8 reports it and uses it as a metrics label). It must
    /// match `[-/_.=:*@a-zA-Z0-9]+`; [`connect`](Self::connect) checks that first.
    pub fn application_name(mut self, name: impl Into<String>) -> Self {
        self.application_name = Some(name.into());
        self
    }

    /// Adds an HTTP header to the upgrade request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Limit for TCP connect, TLS and WebSocket handshakes together (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// How long to wait for the ack after subscribing (default 10 s).
    pub fn ack_timeout(mut self, d: Duration) -> Self {
        self.ack_timeout = d;
        self
    }

    /// Sends our own WebSocket pings at this interval to detect a dead peer (default: off;
    /// Zeek pings clients itself every 5 s and the client always answers).
    pub fn ping_interval(mut self, d: Duration) -> Self {
        self.ping_interval = Some(d);
        self
    }

    /// How long to wait for the pong to our ping before the connection counts as lost
    /// (default: the ping interval).
    pub fn ping_timeout(mut self, d: Duration) -> Self {
        self.ping_timeout = Some(d);
        self
    }

    /// Reconnects (and re-subscribes) after the connection is lost; see the module docs.
    pub fn reconnect(mut self, policy: ReconnectPolicy) -> Self {
        self.reconnect = Some(policy);
        self
    }

    /// Holds what is published while the connection is down and sends it after the next
    /// ack, in order (default: none, and publishing while down fails with
    /// [`Error::Reconnecting`]). Only used with [`reconnect`](Self::reconnect); see
    /// [`ReconnectBuffer`] and the [delivery contract](crate::client#delivery).
    pub fn reconnect_buffer(mut self, buffer: ReconnectBuffer) -> Self {
        self.reconnect_buffer = Some(buffer);
        self
    }

    /// Capacity of the outgoing and of the incoming queue, in frames (default 1024 each).
    pub fn queue_capacity(mut self, frames: usize) -> Self {
        self.queue_capacity = frames.max(1);
        self
    }

    /// Largest incoming message in bytes (default [`DEFAULT_MAX_MESSAGE_SIZE`], 64 MiB).
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.max_message_size = bytes;
        self
    }

    /// How long [`Client::close`] waits for the flush and the peer's close reply (default 5 s).
    pub fn close_timeout(mut self, d: Duration) -> Self {
        self.close_timeout = d;
        self
    }

    /// Trusts the CA certificates in `pem` (in addition to the bundled web roots).
    #[cfg(feature = "tls")]
    pub fn ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.tls.ca_pem.push(pem.into());
        self
    }

    /// Whether to trust the operating system's certificate store (default true).
    #[cfg(feature = "tls")]
    pub fn system_roots(mut self, enabled: bool) -> Self {
        self.tls.skip_system_roots = !enabled;
        self
    }

    /// Whether to trust the bundled Mozilla roots (`webpki-roots`; default true).
    #[cfg(feature = "tls")]
    pub fn webpki_roots(mut self, enabled: bool) -> Self {
        self.tls.skip_webpki_roots = !enabled;
        self
    }

    /// Presents a client certificate (PEM chain and PEM private key).
    #[cfg(feature = "tls")]
    pub fn client_cert_pem(mut self, chain: impl Into<Vec<u8>>, key: impl Into<Vec<u8>>) -> Self {
        self.tls.client_cert = Some((chain.into(), key.into()));
        self
    }

    /// Accepts any server certificate, self-signed or for another name. **Tests only**: this
    /// removes the protection TLS exists for.
    #[cfg(feature = "tls")]
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.tls.accept_invalid_certs = accept;
        self
    }

    /// Uses this rustls configuration as is (overrides the other TLS settings).
    #[cfg(feature = "tls")]
    pub fn tls_config(mut self, config: std::sync::Arc<rustls::ClientConfig>) -> Self {
        self.tls.config = Some(config);
        self
    }

    pub(crate) fn session_config(&self) -> SessionConfig {
        SessionConfig {
            subscriptions: self.subscriptions.clone(),
            ack_timeout: self.ack_timeout,
            ping_interval: self.ping_interval,
            ping_timeout: self
                .ping_timeout
                .or(self.ping_interval)
                .unwrap_or(Duration::from_secs(10)),
            queue_capacity: self.queue_capacity,
            reconnect_buffer: self.reconnect_buffer,
            close_timeout: self.close_timeout,
            decode: DecodeOptions::new().max_size(self.max_message_size),
        }
    }

    pub(crate) fn ws_config(&self) -> WebSocketConfig {
        crate::transport::ws_config(self.max_message_size)
    }

    fn transport(&self) -> Result<Transport, Error> {
        let invalid = |reason: &str| Error::InvalidUrl {
            url: self.url.clone(),
            reason: reason.to_owned(),
        };
        if let Some(name) = &self.application_name
            && !protocol::is_valid_application_name(name)
        {
            return Err(Error::InvalidApplicationName(name.clone()));
        }
        let request = self
            .url
            .as_str()
            .into_client_request()
            .map_err(|e| invalid(&e.to_string()))?;
        let uri = request.uri();
        let secure = match uri.scheme_str() {
            Some("ws") => false,
            Some("wss") => true,
            _ => return Err(invalid("the scheme must be ws:// or wss://")),
        };
        let host = uri
            .host()
            .ok_or_else(|| invalid("no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = uri.port_u16().unwrap_or(if secure { 443 } else { 80 });
        let mut headers = Vec::new();
        if let Some(name) = &self.application_name {
            headers.push((
                HeaderName::from_static("x-application-name"),
                HeaderValue::from_str(name)
                    .map_err(|_| Error::InvalidApplicationName(name.clone()))?,
            ));
        }
        for (k, v) in &self.headers {
            let bad = |reason: &str| Error::InvalidHeader {
                name: k.clone(),
                reason: reason.to_owned(),
            };
            if k.eq_ignore_ascii_case(protocol::APPLICATION_NAME_HEADER)
                && !protocol::is_valid_application_name(v)
            {
                return Err(Error::InvalidApplicationName(v.clone()));
            }
            headers.push((
                HeaderName::from_bytes(k.as_bytes()).map_err(|_| bad("not a valid header name"))?,
                HeaderValue::from_str(v).map_err(|_| bad("not a valid header value"))?,
            ));
        }
        #[cfg(feature = "tls")]
        let tls = if secure {
            let config = self.tls.client_config()?;
            let name = rustls_pki_types::ServerName::try_from(host.clone())
                .map_err(|_| invalid("the host is not a valid TLS server name"))?;
            Some((tokio_rustls::TlsConnector::from(config), name))
        } else {
            None
        };
        #[cfg(not(feature = "tls"))]
        if secure {
            return Err(invalid("wss:// needs zeekws-runtime's `tls` feature"));
        }
        Ok(Transport {
            url: self.url.clone(),
            host,
            port,
            headers,
            #[cfg(feature = "tls")]
            tls,
            connect_timeout: self.connect_timeout,
            ws_config: self.ws_config(),
        })
    }

    /// Checks at connect that the running Zeek lays out the events `E` handles, and every
    /// record and enum their arguments reach, as this build does (names, order, types,
    /// `&optional`, nested records). Repeatable; for a generated `Events` enum it covers all
    /// of its events. Needs the [contract script](crate::contract::SCRIPT) on that Zeek;
    /// MockZeek answers by itself. See [`contract`](crate::contract) for an example.
    ///
    /// The check costs one round trip after the ack: the client subscribes to a private
    /// reply topic, asks, and compares. Frames that arrive meanwhile are kept for the
    /// receiver. A difference fails [`connect`](Self::connect) with
    /// [`Error::Contract`] listing every one; fields appended to an `extensible` record and
    /// values added to an open enum are compatible (logged at info).
    pub fn verify_contract<E: ZeekEvent>(mut self) -> Self {
        self.contract.add_events::<E>();
        self
    }

    /// Like [`verify_contract`](Self::verify_contract) for layouts built by hand or from a
    /// loaded script ([`Layouts::from_schema`]), as `zeekws contract` does.
    pub fn verify_layouts(mut self, layouts: &Layouts) -> Self {
        for (name, layout) in layouts.iter() {
            self.contract.insert(name, layout.clone());
        }
        self
    }

    /// What a difference or a missing answer does (default [`ContractPolicy::Require`]).
    pub fn contract_policy(mut self, policy: ContractPolicy) -> Self {
        self.contract_policy = policy;
        self
    }

    /// How long to wait for the contract answer (default 2 s).
    pub fn contract_timeout(mut self, d: Duration) -> Self {
        self.contract_timeout = d;
        self
    }

    /// Connects, subscribes and waits for the ack (and the contract answer, with
    /// [`verify_contract`](Self::verify_contract)). Fails with [`Error::Rejected`] when the
    /// server answers with an error instead, [`Error::AckTimeout`] when it never answers,
    /// and [`Error::Contract`] when the running Zeek does not match.
    pub async fn connect(mut self) -> Result<Client, Error> {
        let reply_topic = (!self.contract.is_empty()).then(super::contract::reply_topic);
        if let Some(topic) = &reply_topic {
            self.subscriptions.push(topic.clone());
        }
        let transport = self.transport()?;
        let cfg = self.session_config();
        let (ws, ack) = transport.connect(&cfg).await?;
        let redial = self.reconnect.clone().map(|p| (transport, p));
        let mut client = connection::spawn(ws, ack, cfg, redial);
        if let Some(topic) = reply_topic {
            super::contract::verify(
                &mut client,
                &self.contract,
                topic,
                self.contract_policy,
                self.contract_timeout,
            )
            .await?;
        }
        Ok(client)
    }
}
