//! [`Error`]: what went wrong on a client connection, and where.

use super::*;

/// What went wrong, and where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The URL cannot be used.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
    /// The application name does not match Zeek's pattern; checked before connecting.
    #[error(
        "invalid X-Application-Name {0:?}: Zeek 8 accepts only [-/_.=:*@a-zA-Z0-9]+ and closes the connection otherwise"
    )]
    InvalidApplicationName(String),
    /// A header name or value cannot be sent.
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader {
        /// The header name as given.
        name: String,
        /// Why it was refused.
        reason: String,
    },
    /// The TLS settings are unusable (bad PEM, no key, ...).
    #[error("TLS configuration: {0}")]
    TlsConfig(String),
    /// The TCP connection (or the TLS handshake) failed.
    #[error("connecting to {addr}: {source}")]
    Connect {
        /// `host:port`.
        addr: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The TCP, TLS and WebSocket handshakes took longer than the connect timeout.
    #[error("connecting to {addr}: no WebSocket connection within {after:?}")]
    ConnectTimeout {
        /// `host:port`.
        addr: String,
        /// The configured connect timeout.
        after: Duration,
    },
    /// The WebSocket upgrade failed (HTTP error, protocol violation).
    #[error("WebSocket handshake with {url}: {source}")]
    Handshake {
        /// The URL.
        url: String,
        /// The WebSocket library's error.
        #[source]
        source: Box<tungstenite::Error>,
    },
    /// The server answered the subscription (or the upgrade) with an error message instead
    /// of the ack: `invalid_uri`, `invalid_application_name`, `deserialization_failed`.
    #[error("the server refused the connection: {0}")]
    Rejected(ServerError),
    /// No ack arrived in time. Zeek 8 sends no ack (and keeps the socket open) when it has
    /// no cluster backend loaded, and none after a subscription it refused.
    #[error(
        "no ack within {after:?} after subscribing (a Zeek 8 without a cluster backend never acks)"
    )]
    AckTimeout {
        /// The configured ack timeout.
        after: Duration,
    },
    /// The server sent something else where the ack belongs.
    #[error("expected the ack, got: {0}")]
    UnexpectedBeforeAck(String),
    /// A server `error` message after the ack; the connection continues.
    #[error("server error: {0}")]
    Server(ServerError),
    /// A message did not decode into the requested type; the connection continues.
    #[error("message did not decode: {0}")]
    Decode(#[from] DecodeError),
    /// A message that makes no sense at this point (a second ack); the connection continues.
    #[error("unexpected message: {0}")]
    Unexpected(String),
    /// The peer closed the connection with a close frame (Zeek: 1001 `Terminating` on
    /// shutdown, 1008 for an invalid URI or application name, 1011 `Ping timeout`).
    #[error("connection closed by the peer with code {code}{}", if reason.is_empty() { String::new() } else { format!(": {reason}") })]
    Closed {
        /// The close code (1005 when the close frame carried none).
        code: u16,
        /// The close reason (may be empty).
        reason: String,
    },
    /// Our own pings got no pong in time ([`ClientBuilder::ping_timeout`]).
    #[error("no pong within {after:?}: the peer is unresponsive")]
    PingTimeout {
        /// The configured ping timeout.
        after: Duration,
    },
    /// The connection broke without a close frame (reset, EOF, protocol error, size limit).
    #[error("connection lost: {0}")]
    ConnectionLost(String),
    /// Reconnecting failed for good (attempts exhausted or a permanent refusal).
    #[error("reconnecting failed after {attempts} attempt(s): {last}")]
    ReconnectFailed {
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's error.
        last: Box<Error>,
    },
    /// The connection is closed (by [`Client::close`], or an earlier error already reported).
    #[error("the connection is closed")]
    Disconnected,
    /// The connection is down and the client is reconnecting; without a
    /// [`ReconnectBuffer`](super::ReconnectBuffer) nothing is accepted until the next ack.
    #[error(
        "not connected: the client is reconnecting, and frames are not held meanwhile without a reconnect buffer"
    )]
    Reconnecting,
    /// The connection is down and the [`ReconnectBuffer`](super::ReconnectBuffer) is full.
    #[error(
        "not connected: the client is reconnecting, and its reconnect buffer is full ({capacity} frames)"
    )]
    BufferFull {
        /// The buffer's capacity ([`ReconnectBuffer::capacity`](super::ReconnectBuffer::capacity)).
        capacity: usize,
    },
    /// [`Publisher::try_publish`] found the publish queue full.
    #[error("the publish queue is full ({capacity} frames): the connection is slow")]
    QueueFull {
        /// The queue's capacity ([`ClientBuilder::queue_capacity`]).
        capacity: usize,
    },
    /// The running Zeek does not match the types this client was built with, or did not
    /// answer the contract check ([`ClientBuilder::verify_contract`]).
    #[error(transparent)]
    Contract(#[from] crate::contract::ContractError),
    /// An I/O error outside a connection (e.g. binding a [`Listener`]).
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// True when the connection is over after this error (no further messages will arrive);
    /// false for errors that concern one message ([`Error::Server`], [`Error::Decode`],
    /// [`Error::Unexpected`]).
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self,
            Error::Server(_)
                | Error::Decode(_)
                | Error::Unexpected(_)
                | Error::QueueFull { .. }
                | Error::Reconnecting
                | Error::BufferFull { .. }
        )
    }

    /// The close code, for [`Error::Closed`] (also inside [`Error::ReconnectFailed`]).
    pub fn close_code(&self) -> Option<u16> {
        match self {
            Error::Closed { code, .. } => Some(*code),
            Error::ReconnectFailed { last, .. } => last.close_code(),
            _ => None,
        }
    }
}
