//! [`Publisher`]: the sending half of a client.

use super::outgoing::Outgoing;
use super::*;

/// The sending half: cheap to clone, usable from many tasks at once.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub(super) tx: mpsc::Sender<Command>,
    pub(super) shared: Arc<Shared>,
}

impl Publisher {
    /// The server's ack of the current connection.
    pub fn ack(&self) -> Ack {
        lock(&self.shared.ack).clone()
    }

    /// What happened to this client's frames so far; see [`ClientStats`].
    pub fn stats(&self) -> ClientStats {
        let queued = self.tx.max_capacity() - self.tx.capacity();
        self.shared.stats(queued as u64)
    }

    /// Publishes the event `event` (a derived event or a [`protocol::Event`])
    /// on `topic`. Waits while the outgoing queue is full (backpressure). `Ok` means queued
    /// (or, while reconnecting, held by the [`ReconnectBuffer`](super::ReconnectBuffer));
    /// [`Client::close`] sends everything queued before closing. While the connection is
    /// down it fails at once with [`Error::Reconnecting`] or [`Error::BufferFull`]; see the
    /// [delivery contract](crate::client#delivery).
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
    /// // On the wire: Broker's JSON, as Zeek reads it.
    /// assert!(zeek.next_published().await.frame.contains(r#""data":"App::ping""#));
    /// client.close().await?;
    /// # Ok(()) }
    /// ```
    pub async fn publish<E: ZeekEvent>(&self, topic: &str, event: &E) -> Result<(), Error> {
        self.send(Outgoing::encode(|w| {
            protocol::write_event_message(w, topic, event)
        }))
        .await
    }

    /// Like [`publish`](Self::publish) without waiting: when the queue is full (the
    /// connection is slow), the event is not queued and the call fails with
    /// [`Error::QueueFull`], which the caller sees and may count or retry.
    pub fn try_publish<E: ZeekEvent>(&self, topic: &str, event: &E) -> Result<(), Error> {
        use tokio::sync::mpsc::error::TrySendError;
        match self.tx.try_reserve() {
            Ok(slot) => self.shared.link.admit(
                slot,
                Outgoing::encode(|w| protocol::write_event_message(w, topic, event)),
            ),
            Err(TrySendError::Full(())) => Err(Error::QueueFull {
                capacity: self.tx.max_capacity(),
            }),
            Err(TrySendError::Closed(())) => Err(Error::Disconnected),
        }
    }

    /// Publishes any value on `topic` (a data message whose value is not an event envelope
    /// unless `value` is one; Zeek 8 refuses non-events with `failed to create Zeek event`).
    pub async fn publish_value(&self, topic: &str, value: &Value) -> Result<(), Error> {
        self.send(protocol::encode_data_message(topic, value).into())
            .await
    }

    /// Sends a text frame exactly as given (for tests and for replaying captured frames).
    pub async fn publish_raw(&self, frame: impl Into<String>) -> Result<(), Error> {
        self.send(Outgoing::from(frame.into())).await
    }

    async fn send(&self, frame: Outgoing) -> Result<(), Error> {
        // A slot first (backpressure), then the link decides: queued, held or refused.
        let slot = self.tx.reserve().await.map_err(|_| Error::Disconnected)?;
        self.shared.link.admit(slot, frame)
    }

    /// Flushes what was published, closes the connection with code 1000 and waits (at most
    /// [`ClientBuilder::close_timeout`]) for the background task to end. Other publishers and
    /// the receiver see [`Error::Disconnected`] afterwards.
    pub async fn close(&self) -> Result<(), Error> {
        let _ = self.shared.closing.send(true);
        let (done_tx, done_rx) = oneshot::channel();
        let timeout = self.shared.close_timeout;
        let work = async {
            if self.tx.send(Command::Close(done_tx)).await.is_ok() {
                let _ = done_rx.await;
            }
        };
        tokio::time::timeout(timeout, work)
            .await
            .map_err(|_| Error::ConnectionLost(format!("close did not finish within {timeout:?}")))
    }

    /// True once the connection is over for good.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}
