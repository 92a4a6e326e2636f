//! [`ClientStats`]: what happened to a client's frames, for the delivery contract.

use super::*;

/// What happened to a client's frames so far, across reconnects
/// ([`Client::stats`], [`Publisher::stats`]).
///
/// Every frame [`Publisher::publish`] accepted ends up in exactly one of `sent`, `failed`,
/// `queued` or `buffered`. Zeek's WebSocket API has no application-level acknowledgement, so `sent`
/// means written and flushed to a connection that Zeek had acked, not processed by Zeek: a
/// frame in the socket's buffers when the connection breaks is lost without anybody
/// knowing. See the [client module docs](crate::client) for the whole delivery contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ClientStats {
    /// Frames written and flushed to an acked connection.
    pub sent: u64,
    /// Frames whose write broke with the connection, or that were still queued when the
    /// client ended for good (no reconnect, or reconnecting gave up).
    pub failed: u64,
    /// Frames queued now, waiting to be written on the current connection.
    pub queued: u64,
    /// Frames held now by the [`ReconnectBuffer`](super::ReconnectBuffer), waiting for
    /// the next ack.
    pub buffered: u64,
    /// Frames handed to the receiver.
    pub received: u64,
    /// Successful reconnects.
    pub reconnects: u64,
}

impl Shared {
    pub(super) fn stats(&self, queued: u64) -> ClientStats {
        use std::sync::atomic::Ordering::Relaxed;
        let c = &self.counters;
        ClientStats {
            sent: c.sent.load(Relaxed),
            failed: c.failed.load(Relaxed),
            queued,
            buffered: self.link.held(),
            received: c.received.load(Relaxed),
            reconnects: c.reconnects.load(Relaxed),
        }
    }
}
