//! The async client for Zeek's WebSocket API (tokio + tokio-tungstenite).
//!
//! ```no_run
//! use zeekws_runtime::{Client, protocol::Event, Value};
//!
//! # async fn run() -> Result<(), zeekws_runtime::client::Error> {
//! let mut client = Client::builder("ws://127.0.0.1:27759/v1/messages/json")
//!     .subscribe(["zeek.test"])
//!     .application_name("my-app")
//!     .connect()
//!     .await?;
//! println!("connected to {}", client.ack().endpoint);
//! client.publish("zeek.test", &Event::new("hello", [Value::Count(1)])).await?;
//! let event: Event = client.recv_event().await?;
//! client.close().await?;
//! # Ok(()) }
//! ```
//!
//! # How it runs
//!
//! [`ClientBuilder::connect`] opens the socket, sends the subscriptions and waits for the ack
//! (answering the server's pings meanwhile). Then one background task owns the socket: it
//! writes what the [`Publisher`]s queued, reads frames into the [`Receiver`]'s queue, answers
//! pings, sends its own pings when [`ClientBuilder::ping_interval`] is set, and reconnects when
//! [`ClientBuilder::reconnect`] is set. The task ends when the [`Client`] (or the last
//! [`Publisher`] and the [`Receiver`]) is dropped, or on [`Client::close`].
//!
//! # Queues and backpressure
//!
//! Both queues are bounded ([`ClientBuilder::queue_capacity`], 1024 frames each way by default):
//! - **outgoing**: when full, [`Publisher::publish`] waits (backpressure, no drops, no growth);
//! - **incoming**: when full, the task stops reading the socket until the application receives
//!   again, so TCP pushes back on the server. A Zeek server then stops getting answers to its
//!   pings too: an application that does not receive for longer than Zeek's ping interval (5 s
//!   by default) is disconnected by Zeek with close code 1011 `Ping timeout`.
//!
//! # Errors per message
//!
//! A server `error` message after the ack arrives as `Err(Error::Server(..))` from the receive
//! methods, and a frame that does not decode into the requested type as `Err(Error::Decode(..))`;
//! both concern that message only, and the next receive continues with the next message. Only
//! [`Error::is_fatal`] errors end the connection.
//!
//! # Reconnecting
//!
//! With [`ClientBuilder::reconnect`], a lost connection (close by the server, I/O error, ping
//! timeout) is re-established with exponential backoff and jitter, re-sending the same
//! subscriptions. [`Receiver::recv`] reports each success as [`Received::Reconnected`] (with
//! the new ack), so the application knows that events published while it was away are lost;
//! the other receive methods skip that notice. What publishers do meanwhile is the delivery
//! contract below. A rejection by the server (e.g. `invalid_application_name`) is not retried.
//!
//! # Delivery
//!
//! Zeek's WebSocket API has no application-level acknowledgement, so the client promises
//! what it can know, and counts it ([`Client::stats`], [`ClientStats`]). Every `publish`
//! (and `try_publish`) either
//!
//! - returns an error: [`Error::Reconnecting`] while the connection is down and no
//!   [`ReconnectBuffer`] is configured, [`Error::BufferFull`] while it is down and the buffer
//!   is full, [`Error::QueueFull`] from `try_publish` when the queue is full, or
//!   [`Error::Disconnected`] once the client is over for good; or
//! - returns `Ok`, and the frame then ends up in exactly one of the counters: `sent` (written
//!   and flushed, in order, to a connection Zeek had acked), `failed` (the connection broke
//!   before it was written, and there was no room to hold it, or the client ended for good
//!   with it still queued or held), or, for now, `queued` or `buffered`.
//!
//! With [`ClientBuilder::reconnect_buffer`], frames that were queued but unwritten when the
//! connection broke, and frames published while it is down, are held (up to the buffer's
//! capacity) and written after the next ack, in order, before anything published later.
//! Without one, the first are counted `failed` and the second refused.
//!
//! A frame counted as `sent` can still be lost: Zeek may not have read it before the
//! connection broke. Events Zeek published while the client was away are lost too;
//! [`Received::Reconnected`] says when that may have happened.

mod builder;
mod connection;
mod contract;
mod dial;
mod error;
mod frames;
mod link;
mod listener;
mod outgoing;
mod publisher;
mod reconnect;
mod stats;
#[cfg(feature = "tls")]
mod tls;

use std::sync::Arc;
use std::time::Duration;

use futures_util::Stream;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite;

use crate::codec::ZeekEvent;
use crate::protocol::{self, Ack, Message, ServerError};
use crate::transport::lock;
use crate::value::Value;
use crate::wire::{DecodeError, DecodeOptions};

pub use builder::{ClientBuilder, DEFAULT_MAX_MESSAGE_SIZE};
pub(crate) use connection::{Command, Inbound, Shared};
pub use error::Error;
pub use link::ReconnectBuffer;
pub use listener::{Listener, ListenerBuilder};
pub use publisher::Publisher;
pub use reconnect::ReconnectPolicy;
pub use stats::ClientStats;
#[cfg(feature = "tls")]
pub use tls::TlsOptions;

/// One item from [`Receiver::recv`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Received<E> {
    /// An event on a topic.
    Event {
        /// The topic it was published on.
        topic: String,
        /// The event.
        event: E,
    },
    /// The connection was lost and re-established ([`ClientBuilder::reconnect`]); events
    /// published while it was down are lost. `ack` is the new ack (a new endpoint id).
    Reconnected {
        /// The new connection's ack.
        ack: Ack,
        /// Why the previous connection ended.
        cause: Error,
    },
}

/// A connected client: publish with the [`Publisher`] methods, receive with the
/// [`Receiver`] methods, or [`split`](Client::split) it to do both concurrently.
#[derive(Debug)]
pub struct Client {
    publisher: Publisher,
    receiver: Receiver,
}

impl Client {
    /// Starts configuring a client for `url` (`ws://host:port/v1/messages/json` or `wss://...`).
    pub fn builder(url: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(url)
    }

    pub(crate) fn from_parts(
        out_tx: mpsc::Sender<Command>,
        in_rx: mpsc::Receiver<Inbound>,
        shared: Arc<Shared>,
        decode: DecodeOptions,
    ) -> Client {
        Client {
            publisher: Publisher {
                tx: out_tx,
                shared: shared.clone(),
            },
            receiver: Receiver {
                rx: in_rx,
                pending: std::collections::VecDeque::new(),
                shared,
                decode,
                done: false,
            },
        }
    }

    /// The server's ack of the current connection (endpoint id and version; both opaque).
    pub fn ack(&self) -> Ack {
        self.publisher.ack()
    }

    /// What happened to this client's frames so far; see [`ClientStats`].
    pub fn stats(&self) -> ClientStats {
        self.publisher.stats()
    }

    /// Splits into a cloneable [`Publisher`] and the [`Receiver`], for concurrent use.
    ///
    /// ```
    /// use zeekws_runtime::{Client, Value, protocol::Event, server::MockZeek};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = MockZeek::builder().ping_pong("App::ping", "App::pong", "/test/pongs").start().await?;
    /// let client = Client::builder(zeek.url()).subscribe(["/test/pongs"]).connect().await?;
    /// let (publisher, mut receiver) = client.split();
    /// // One task publishes while another receives.
    /// let sender = tokio::spawn(async move {
    ///     for c in 0..3 {
    ///         let ping = Event::new("App::ping", [Value::from("hi"), Value::Count(c)]);
    ///         publisher.publish("/test/pings", &ping).await?;
    ///     }
    ///     Ok::<_, zeekws_runtime::client::Error>(())
    /// });
    /// for c in 1..=3 {
    ///     let pong: Event = receiver.recv_event().await?;
    ///     assert_eq!(pong.args[1], Value::Count(c));
    /// }
    /// sender.await??;
    /// # Ok(()) }
    /// ```
    pub fn split(self) -> (Publisher, Receiver) {
        (self.publisher, self.receiver)
    }

    /// A [`Publisher`] for this connection (the client keeps receiving).
    pub fn publisher(&self) -> Publisher {
        self.publisher.clone()
    }

    /// Publishes the event `event` on `topic`; see [`Publisher::publish`].
    pub async fn publish<E: ZeekEvent>(&self, topic: &str, event: &E) -> Result<(), Error> {
        self.publisher.publish(topic, event).await
    }

    /// Publishes without waiting; see [`Publisher::try_publish`].
    pub fn try_publish<E: ZeekEvent>(&self, topic: &str, event: &E) -> Result<(), Error> {
        self.publisher.try_publish(topic, event)
    }

    /// Publishes any value on `topic`; see [`Publisher::publish_value`].
    pub async fn publish_value(&self, topic: &str, value: &Value) -> Result<(), Error> {
        self.publisher.publish_value(topic, value).await
    }

    /// Sends a frame as is; see [`Publisher::publish_raw`].
    pub async fn publish_raw(&self, frame: impl Into<String>) -> Result<(), Error> {
        self.publisher.publish_raw(frame).await
    }

    /// The next event or connection notice; see [`Receiver::recv`].
    pub async fn recv<E: ZeekEvent>(&mut self) -> Result<Received<E>, Error> {
        self.receiver.recv().await
    }

    /// The next event of type `E`; see [`Receiver::recv_event`].
    pub async fn recv_event<E: ZeekEvent>(&mut self) -> Result<E, Error> {
        self.receiver.recv_event().await
    }

    /// The next event of type `E` with its topic; see [`Receiver::recv_event_on`].
    pub async fn recv_event_on<E: ZeekEvent>(&mut self) -> Result<(String, E), Error> {
        self.receiver.recv_event_on().await
    }

    /// The next message, untyped; see [`Receiver::recv_message`].
    pub async fn recv_message(&mut self) -> Result<Message, Error> {
        self.receiver.recv_message().await
    }

    /// The next frame's text, undecoded; see [`Receiver::recv_frame`].
    pub async fn recv_frame(&mut self) -> Result<String, Error> {
        self.receiver.recv_frame().await
    }

    /// A stream of `(topic, event)`; see [`Receiver::events`].
    pub fn events<E: ZeekEvent>(&mut self) -> impl Stream<Item = Result<(String, E), Error>> + '_ {
        self.receiver.events()
    }

    /// Sends everything published so far, then closes the connection (code 1000) and waits
    /// for the background task to finish.
    pub async fn close(self) -> Result<(), Error> {
        self.publisher.close().await
    }
}

/// The receiving half. Each receive method takes the next frame from the queue.
#[derive(Debug)]
pub struct Receiver {
    rx: mpsc::Receiver<Inbound>,
    /// Taken from the queue and not yet handed out, in order: the frames of the batch being
    /// read, and what arrived while `connect()` waited for the contract answer.
    pending: std::collections::VecDeque<Inbound>,
    shared: Arc<Shared>,
    decode: DecodeOptions,
    done: bool,
}

/// What [`Receiver::next_inbound`] hands out: a frame's text, borrowed from its batch, or a
/// reconnect notice.
enum Next<'a> {
    Frame(&'a str),
    Reconnected { ack: Ack, cause: Error },
}

impl Receiver {
    /// The next frame or reconnect notice; the end of the connection is an error.
    async fn next_inbound(&mut self) -> Result<Next<'_>, Error> {
        if self.done {
            return Err(Error::Disconnected);
        }
        // Until the front is a batch with a frame left: emptied batches are dropped, notices
        // handed out, and the queue read when nothing is pending.
        loop {
            match self.pending.front() {
                Some(Inbound::Frames(f)) if !f.is_empty() => break,
                Some(Inbound::Frames(_)) => {
                    self.pending.pop_front();
                }
                // A notice (the end never gets into `pending`: `unless_ended` keeps it out).
                Some(_) => {
                    if let Some(Inbound::Reconnected { ack, cause }) = self.pending.pop_front() {
                        return Ok(Next::Reconnected { ack, cause });
                    }
                }
                None => {
                    let inbound = self.rx.recv().await;
                    let inbound = self.unless_ended(inbound)?;
                    self.pending.push_back(inbound);
                }
            }
        }
        match self.pending.front_mut() {
            Some(Inbound::Frames(f)) => f.next().map(Next::Frame).ok_or(Error::Disconnected),
            _ => Err(Error::Disconnected),
        }
    }

    /// What the queue gave, or the end of the connection (which is final) as an error.
    fn unless_ended(&mut self, inbound: Option<Inbound>) -> Result<Inbound, Error> {
        match inbound {
            Some(Inbound::Ended(e)) => {
                self.done = true;
                Err(e)
            }
            None => {
                self.done = true;
                Err(Error::Disconnected)
            }
            Some(inbound) => Ok(inbound),
        }
    }

    /// The server's ack of the current connection.
    pub fn ack(&self) -> Ack {
        lock(&self.shared.ack).clone()
    }

    /// Waits for the contract answer on `reply_topic`, keeping everything else for later;
    /// `None` when none arrives within `timeout`.
    pub(crate) async fn await_contract(
        &mut self,
        reply_topic: &str,
        timeout: std::time::Duration,
    ) -> Result<Option<crate::contract::Described>, Error> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let Ok(next) = tokio::time::timeout_at(deadline, self.rx.recv()).await else {
                return Ok(None);
            };
            let mut frames = match self.unless_ended(next)? {
                Inbound::Frames(frames) => frames,
                other => {
                    self.pending.push_back(other);
                    continue;
                }
            };
            // The frames before the answer stay queued, in order, and so does the rest of
            // its batch.
            let mut before = frames::Frames::with_capacity(frames.len(), 0);
            while let Some(text) = frames.next() {
                if let Ok(Message::Data(d)) =
                    protocol::decode_event_with::<crate::contract::Described>(text, self.decode)
                    && d.topic == reply_topic
                {
                    self.pending.push_back(Inbound::Frames(before));
                    self.pending.push_back(Inbound::Frames(frames));
                    return Ok(Some(d.value));
                }
                before.push(text);
            }
            self.pending.push_back(Inbound::Frames(before));
        }
    }

    /// The next event of type `E` (an event struct, an events enum, or
    /// [`protocol::Event`]) or a [`Received::Reconnected`] notice.
    /// Decodes straight into `E`, without an intermediate [`Value`].
    ///
    /// ```
    /// use zeekws_runtime::client::Received;
    /// use zeekws_runtime::{Client, Value, protocol::Event, server::MockZeek};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = MockZeek::start().await?;
    /// let mut client = Client::builder(zeek.url()).subscribe(["zeek.test"]).connect().await?;
    /// zeek.publish("zeek.test", &Event::new("App::hello", [Value::Count(1)])).await;
    /// match client.recv::<Event>().await? {
    ///     Received::Event { topic, event } => assert_eq!((topic.as_str(), event.name.as_str()), ("zeek.test", "App::hello")),
    ///     Received::Reconnected { ack, cause } => println!("reconnected as {} after {cause}", ack.endpoint),
    ///     _ => {} // non-exhaustive: later versions may add notices
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn recv<E: ZeekEvent>(&mut self) -> Result<Received<E>, Error> {
        let decode = self.decode;
        match self.next_inbound().await? {
            Next::Reconnected { ack, cause } => Ok(Received::Reconnected { ack, cause }),
            Next::Frame(text) => match protocol::decode_event_with::<E>(text, decode)? {
                Message::Data(d) => Ok(Received::Event {
                    topic: d.topic,
                    event: d.value,
                }),
                Message::Error(e) => Err(Error::Server(e)),
                Message::Ack(a) => Err(Error::Unexpected(format!("a second ack {}", a.to_json()))),
            },
        }
    }

    /// The next event of type `E` with its topic, skipping reconnect notices.
    pub async fn recv_event_on<E: ZeekEvent>(&mut self) -> Result<(String, E), Error> {
        loop {
            match self.recv::<E>().await? {
                Received::Event { topic, event } => return Ok((topic, event)),
                Received::Reconnected { ack, cause } => {
                    tracing::info!(endpoint = %ack.endpoint, %cause, "reconnected");
                }
            }
        }
    }

    /// The next event of type `E`, skipping reconnect notices.
    pub async fn recv_event<E: ZeekEvent>(&mut self) -> Result<E, Error> {
        self.recv_event_on().await.map(|(_, e)| e)
    }

    /// The next message, untyped: a data message (any value), or a server error as
    /// `Ok(Message::Error(..))`. Skips reconnect notices.
    pub async fn recv_message(&mut self) -> Result<Message, Error> {
        let decode = self.decode;
        loop {
            match self.next_inbound().await? {
                Next::Frame(text) => return Ok(protocol::decode_message_with(text, decode)?),
                Next::Reconnected { ack, cause } => {
                    tracing::info!(endpoint = %ack.endpoint, %cause, "reconnected");
                }
            }
        }
    }

    /// The next frame as received (text, or binary read as UTF-8 with replacement), without
    /// decoding. Skips reconnect notices.
    pub async fn recv_frame(&mut self) -> Result<String, Error> {
        loop {
            if let Next::Frame(text) = self.next_inbound().await? {
                return Ok(text.to_owned());
            }
        }
    }

    /// A stream of `(topic, event)`. Per-message errors ([`Error::Server`], [`Error::Decode`])
    /// are items; the stream ends after the first fatal error.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use zeekws_runtime::{Client, Value, protocol::Event, server::MockZeek};
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let zeek = MockZeek::start().await?;
    /// let client = Client::builder(zeek.url()).subscribe(["zeek."]).connect().await?;
    /// for n in 1..=3 {
    ///     zeek.publish("zeek.test", &Event::new("App::hello", [Value::Count(n)])).await;
    /// }
    /// let (_, mut receiver) = client.split();
    /// let hellos: Vec<_> = receiver.events::<Event>().take(3).collect().await;
    /// assert_eq!(hellos.len(), 3);
    /// # Ok(()) }
    /// ```
    pub fn events<E: ZeekEvent>(&mut self) -> impl Stream<Item = Result<(String, E), Error>> + '_ {
        futures_util::stream::unfold((self, false), |(rx, ended)| async move {
            if ended {
                return None;
            }
            let item = rx.recv_event_on::<E>().await;
            let fatal = matches!(&item, Err(e) if e.is_fatal());
            Some((item, (rx, fatal)))
        })
    }
}
