//! [`Listener`]: the outgoing-connection set-up of the Zeek docs, where a bridge (e.g.
//! `websocat`) connects *to us* and relays Zeek's WebSocket API.
//!
//! We accept the WebSocket connection but play the *client* side of the protocol on it: send
//! the subscription list first, read the ack, then publish and receive exactly as with a
//! [`Client`] (it is one: the same type, the same task).
//!
//! ```no_run
//! use zeekws_runtime::{Listener, protocol::Event};
//! # async fn run() -> Result<(), zeekws_runtime::client::Error> {
//! let listener = Listener::builder("127.0.0.1:8080".parse().unwrap())
//!     .subscribe(["zeek.test"])
//!     .bind()
//!     .await?;
//! let (mut client, peer) = listener.accept().await?;
//! println!("bridge from {peer}: ack {:?}", client.ack());
//! let event: Event = client.recv_event().await?;
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;

use super::connection;
use super::{Client, ClientBuilder, Error};
use crate::transport::{BoxedIo, Ws};

/// Configures a [`Listener`]; made by [`Listener::builder`].
#[derive(Debug, Clone)]
pub struct ListenerBuilder {
    addr: SocketAddr,
    client: ClientBuilder,
    handshake_timeout: Duration,
}

impl ListenerBuilder {
    /// Adds topic prefixes to send as the subscription list.
    pub fn subscribe<I, S>(mut self, topics: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.client = self.client.subscribe(topics);
        self
    }

    /// How long to wait for the ack (default 10 s).
    pub fn ack_timeout(mut self, d: Duration) -> Self {
        self.client = self.client.ack_timeout(d);
        self
    }

    /// Limit for the WebSocket upgrade of an accepted connection (default 10 s).
    pub fn handshake_timeout(mut self, d: Duration) -> Self {
        self.handshake_timeout = d;
        self
    }

    /// Own pings to detect a dead bridge; see [`ClientBuilder::ping_interval`].
    pub fn ping_interval(mut self, d: Duration) -> Self {
        self.client = self.client.ping_interval(d);
        self
    }

    /// Queue capacity per direction; see [`ClientBuilder::queue_capacity`].
    pub fn queue_capacity(mut self, frames: usize) -> Self {
        self.client = self.client.queue_capacity(frames);
        self
    }

    /// Largest incoming message; see [`ClientBuilder::max_message_size`].
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.client = self.client.max_message_size(bytes);
        self
    }

    /// Binds the TCP listener.
    pub async fn bind(self) -> Result<Listener, Error> {
        let tcp = TcpListener::bind(self.addr).await?;
        Ok(Listener {
            tcp,
            client: self.client,
            handshake_timeout: self.handshake_timeout,
        })
    }
}

/// Accepts bridged Zeek connections; each becomes a [`Client`].
#[derive(Debug)]
pub struct Listener {
    tcp: TcpListener,
    client: ClientBuilder,
    handshake_timeout: Duration,
}

impl Listener {
    /// Starts configuring a listener on `addr` (port 0 for a free port).
    pub fn builder(addr: SocketAddr) -> ListenerBuilder {
        ListenerBuilder {
            addr,
            client: Client::builder("ws://listener"),
            handshake_timeout: Duration::from_secs(10),
        }
    }

    /// The bound address.
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        Ok(self.tcp.local_addr()?)
    }

    /// Waits for a connection, upgrades it, sends the subscriptions and waits for the ack.
    /// A connection that fails any of these steps is reported as the error (call again for
    /// the next one).
    pub async fn accept(&self) -> Result<(Client, SocketAddr), Error> {
        let (tcp, peer) = self.tcp.accept().await?;
        let _ = tcp.set_nodelay(true);
        let io: BoxedIo = Box::pin(tcp);
        let cfg = self.client.session_config();
        let mut ws: Ws = tokio::time::timeout(
            self.handshake_timeout,
            tokio_tungstenite::accept_async_with_config(io, Some(self.client.ws_config())),
        )
        .await
        .map_err(|_| Error::ConnectTimeout {
            addr: peer.to_string(),
            after: self.handshake_timeout,
        })?
        .map_err(|e| Error::Handshake {
            url: format!("ws://{peer}"),
            source: Box::new(e),
        })?;
        let ack = super::dial::subscribe(&mut ws, &cfg.subscriptions, cfg.ack_timeout).await?;
        Ok((connection::spawn(ws, ack, cfg, None), peer))
    }
}
