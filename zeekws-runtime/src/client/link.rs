//! The state of the link that the publishers and the socket task share, and the opt-in
//! [`ReconnectBuffer`] that holds frames published while the link is down.
//!
//! Every frame a publisher offers is admitted under the link's lock: onto the outgoing queue
//! while the link is up, into the buffer (or refused) while it is down. The socket task takes
//! the same lock when the link goes down (draining the queue) and when it comes back up
//! (writing the buffer out before anything newer), so no frame can slip between the two and
//! every publisher's frames keep their order.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::{mpsc, oneshot};

use super::outgoing::Outgoing;
use super::{Command, Error};
use crate::transport::lock;

/// Holds frames published while a reconnecting client is down, and sends them, in order,
/// right after the next ack ([`ClientBuilder::reconnect_buffer`](super::ClientBuilder::reconnect_buffer)).
///
/// Without one, [`Publisher::publish`](super::Publisher::publish) fails with
/// [`Error::Reconnecting`] while the connection is down, and frames that were queued but not
/// yet written when it broke are counted `failed`. With one, those frames are held too; once
/// it holds `frames` frames, publishing fails with [`Error::BufferFull`]. Either way the
/// caller sees every frame that was not accepted.
///
/// ```
/// use zeekws_runtime::client::{ReconnectBuffer, ReconnectPolicy};
/// use zeekws_runtime::Client;
///
/// let builder = Client::builder("ws://127.0.0.1:27759/v1/messages/json")
///     .reconnect(ReconnectPolicy::exponential())
///     .reconnect_buffer(ReconnectBuffer::frames(10_000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconnectBuffer {
    frames: usize,
}

impl ReconnectBuffer {
    /// A buffer of at most `frames` frames (at least one).
    pub fn frames(frames: usize) -> Self {
        ReconnectBuffer {
            frames: frames.max(1),
        }
    }

    /// How many frames it holds at most.
    pub fn capacity(&self) -> usize {
        self.frames
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Up,
    Down,
    Ended,
}

#[derive(Debug)]
struct Inner {
    state: State,
    held: VecDeque<Outgoing>,
}

/// The shared link state; see the module docs.
#[derive(Debug)]
pub(crate) struct Link {
    inner: Mutex<Inner>,
    buffer: Option<ReconnectBuffer>,
}

/// What [`Link::go_down`] found in the outgoing queue.
pub(crate) struct Drained {
    /// Frames that neither were written nor fit in the buffer.
    pub(crate) failed: u64,
    /// A close request that was queued behind them.
    pub(crate) close: Option<oneshot::Sender<()>>,
}

impl Link {
    pub(crate) fn new(buffer: Option<ReconnectBuffer>) -> Self {
        Link {
            inner: Mutex::new(Inner {
                state: State::Up,
                held: VecDeque::new(),
            }),
            buffer,
        }
    }

    /// Admits one frame, with a queue slot already reserved: queued while up, held or
    /// refused while down.
    pub(crate) fn admit(
        &self,
        slot: mpsc::Permit<'_, Command>,
        frame: Outgoing,
    ) -> Result<(), Error> {
        let mut inner = lock(&self.inner);
        match inner.state {
            State::Up => {
                slot.send(Command::Frame(frame));
                Ok(())
            }
            State::Ended => Err(Error::Disconnected),
            State::Down => match self.buffer {
                None => Err(Error::Reconnecting),
                Some(b) if inner.held.len() >= b.frames => {
                    Err(Error::BufferFull { capacity: b.frames })
                }
                Some(_) => {
                    inner.held.push_back(frame);
                    Ok(())
                }
            },
        }
    }

    /// The connection broke: from now on frames are held or refused, and what is still queued
    /// (older than anything held later) moves into the buffer as far as it fits: first what
    /// the socket task had `taken` from the queue and not written, then the queue.
    pub(crate) fn go_down(
        &self,
        taken: &mut Vec<Command>,
        queue: &mut mpsc::Receiver<Command>,
    ) -> Drained {
        let mut inner = lock(&self.inner);
        inner.state = State::Down;
        let room = self.buffer.map_or(0, |b| b.frames);
        let mut drained = Drained {
            failed: 0,
            close: None,
        };
        let mut taken = taken.drain(..);
        while let Some(cmd) = taken.next().or_else(|| queue.try_recv().ok()) {
            match cmd {
                Command::Frame(f) if inner.held.len() < room => inner.held.push_back(f),
                Command::Frame(_) => drained.failed += 1,
                Command::Close(signal) => drained.close = Some(signal),
            }
        }
        drained
    }

    /// On a new connection: the held frames to write before the link is up again, or `None`
    /// (and the link is up) when nothing is held. Called until it returns `None`, so frames
    /// held while the previous batch was being written go out before anything newer.
    pub(crate) fn take_held(&self) -> Option<VecDeque<Outgoing>> {
        let mut inner = lock(&self.inner);
        if inner.held.is_empty() {
            inner.state = State::Up;
            return None;
        }
        Some(std::mem::take(&mut inner.held))
    }

    /// Puts back, in front, held frames that a broken write did not reach.
    pub(crate) fn put_back(&self, frames: impl DoubleEndedIterator<Item = Outgoing>) {
        let mut inner = lock(&self.inner);
        for f in frames.rev() {
            inner.held.push_front(f);
        }
    }

    /// The client is over for good: returns how many held frames are lost with it.
    pub(crate) fn end(&self) -> u64 {
        let mut inner = lock(&self.inner);
        inner.state = State::Ended;
        let lost = inner.held.len() as u64;
        inner.held.clear();
        lost
    }

    /// Frames held now.
    pub(crate) fn held(&self) -> u64 {
        lock(&self.inner).held.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(n: u32) -> Outgoing {
        Outgoing::from(format!("f{n}"))
    }

    fn texts(frames: VecDeque<Outgoing>) -> Vec<String> {
        frames.iter().map(Outgoing::text).collect()
    }

    #[tokio::test]
    async fn without_a_buffer_a_down_link_refuses_and_counts_the_queue_failed() {
        let (tx, mut rx) = mpsc::channel(8);
        let link = Link::new(None);
        link.admit(tx.try_reserve().unwrap(), frame(1)).unwrap();
        link.admit(tx.try_reserve().unwrap(), frame(2)).unwrap();
        let drained = link.go_down(&mut Vec::new(), &mut rx);
        assert_eq!(drained.failed, 2);
        let refused = link.admit(tx.try_reserve().unwrap(), frame(3)).unwrap_err();
        assert!(matches!(refused, Error::Reconnecting), "{refused}");
        assert!(!refused.is_fatal());
        assert_eq!(link.take_held(), None);
        link.admit(tx.try_reserve().unwrap(), frame(4)).unwrap();
        assert!(matches!(rx.try_recv(), Ok(Command::Frame(f)) if f == *"f4"));
    }

    #[tokio::test]
    async fn a_buffer_keeps_order_and_refuses_when_full() {
        let (tx, mut rx) = mpsc::channel(8);
        let link = Link::new(Some(ReconnectBuffer::frames(3)));
        for n in 0..2 {
            link.admit(tx.try_reserve().unwrap(), frame(n)).unwrap();
        }
        assert_eq!(link.go_down(&mut Vec::new(), &mut rx).failed, 0);
        link.admit(tx.try_reserve().unwrap(), frame(2)).unwrap();
        let full = link.admit(tx.try_reserve().unwrap(), frame(3)).unwrap_err();
        assert!(matches!(full, Error::BufferFull { capacity: 3 }), "{full}");
        assert_eq!(link.held(), 3);
        let batch = link.take_held().unwrap();
        assert_eq!(texts(batch.clone()), ["f0", "f1", "f2"]);
        // A broken write puts back what it did not reach; it goes out first next time.
        link.admit(tx.try_reserve().unwrap(), frame(4)).unwrap();
        link.put_back(batch.into_iter().skip(1));
        assert_eq!(texts(link.take_held().unwrap()), ["f1", "f2", "f4"]);
        assert_eq!(link.take_held(), None);
        assert!(rx.try_recv().is_err(), "nothing was queued while down");
    }

    #[tokio::test]
    async fn an_ended_link_refuses_and_reports_what_it_held() {
        let (tx, mut rx) = mpsc::channel(8);
        let link = Link::new(Some(ReconnectBuffer::frames(10)));
        link.go_down(&mut Vec::new(), &mut rx);
        link.admit(tx.try_reserve().unwrap(), frame(1)).unwrap();
        assert_eq!(link.end(), 1);
        let e = link.admit(tx.try_reserve().unwrap(), frame(2)).unwrap_err();
        assert!(matches!(e, Error::Disconnected), "{e}");
    }

    #[tokio::test]
    async fn a_queued_close_survives_the_drain() {
        let (tx, mut rx) = mpsc::channel(8);
        let link = Link::new(None);
        let (signal, _wait) = oneshot::channel();
        tx.try_send(Command::Close(signal)).unwrap();
        assert!(link.go_down(&mut Vec::new(), &mut rx).close.is_some());
    }
}
