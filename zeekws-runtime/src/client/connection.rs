//! The task that owns a connected socket: it writes what publishers queued, reads frames
//! for the receiver, pings, and reconnects (dialing is in `dial.rs`).

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, sleep_until, timeout};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Bytes, Message as WsMessage};

use super::dial::{SessionConfig, Transport};
use super::dial::{closed, lost, text_of};
use super::frames::Frames;
use super::link::Link;
use super::outgoing::Outgoing;
use super::reconnect::{Backoff, ReconnectPolicy};
use super::{Client, Error};
use crate::protocol::Ack;
use crate::transport::{Ws, lock, stopped};

/// From the handles to the task.
pub(crate) enum Command {
    /// A text frame to send.
    Frame(Outgoing),
    /// Flush, close with 1000, then signal.
    Close(oneshot::Sender<()>),
}

/// From the task to the [`Receiver`](super::Receiver).
#[derive(Debug)]
pub(crate) enum Inbound {
    /// Frames that were ready together, in order: one channel slot, one wake-up and one
    /// allocation for all.
    Frames(Frames),
    Reconnected {
        ack: Ack,
        cause: Error,
    },
    Ended(Error),
}

/// State shared by the handles and the task.
pub(crate) struct Shared {
    pub(crate) ack: Mutex<Ack>,
    pub(crate) closing: watch::Sender<bool>,
    pub(crate) close_timeout: Duration,
    pub(crate) counters: Counters,
    pub(crate) link: Link,
}

/// What happened to the frames of one client, for [`ClientStats`](super::ClientStats).
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) sent: std::sync::atomic::AtomicU64,
    pub(crate) failed: std::sync::atomic::AtomicU64,
    pub(crate) received: std::sync::atomic::AtomicU64,
    pub(crate) reconnects: std::sync::atomic::AtomicU64,
}

impl Counters {
    fn add(counter: &std::sync::atomic::AtomicU64, n: u64) {
        counter.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("ack", &*lock(&self.ack))
            .finish_non_exhaustive()
    }
}

/// Builds the handles and spawns the task for an established, acked connection.
pub(crate) fn spawn(
    ws: Ws,
    ack: Ack,
    cfg: SessionConfig,
    redial: Option<(Transport, ReconnectPolicy)>,
) -> Client {
    let (out_tx, out_rx) = mpsc::channel(cfg.queue_capacity.max(1));
    let (in_tx, in_rx) = mpsc::channel(cfg.queue_capacity.max(1));
    let (closing, closing_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        ack: Mutex::new(ack),
        closing,
        close_timeout: cfg.close_timeout,
        counters: Counters::default(),
        link: Link::new(cfg.reconnect_buffer),
    });
    let decode = cfg.decode;
    let task = Task {
        out_rx,
        in_tx,
        shared: shared.clone(),
        closing: closing_rx,
        cfg,
        redial,
        out_buf: Vec::with_capacity(BATCH),
        out_open: true,
        in_open: true,
    };
    tokio::spawn(task.run(ws));
    Client::from_parts(out_tx, in_rx, shared, decode)
}

struct Task {
    out_rx: mpsc::Receiver<Command>,
    in_tx: mpsc::Sender<Inbound>,
    shared: Arc<Shared>,
    closing: watch::Receiver<bool>,
    cfg: SessionConfig,
    redial: Option<(Transport, ReconnectPolicy)>,
    /// Commands taken from the queue in one go and not yet carried out: empty between
    /// batches, except for what a broken write or a close request left behind.
    out_buf: Vec<Command>,
    out_open: bool,
    in_open: bool,
}

enum End {
    /// [`Command::Close`] done, or every handle dropped.
    Done(Option<oneshot::Sender<()>>),
    /// The connection ended by itself.
    Lost(Error),
}

/// How many queued frames one write batch takes before flushing. They leave the queue
/// together, so a publisher waiting for room is woken once per batch, not once per frame.
const BATCH: usize = 256;

/// How many frames that are ready at once the socket task hands over in one channel slot
/// (the incoming queue then holds at most `queue_capacity * READ_BATCH` frames).
const READ_BATCH: usize = 16;

impl Task {
    async fn run(mut self, ws: Ws) {
        self.sessions(ws).await;
        // Over for good: what is still queued or held was never written.
        // The link refuses new frames first, so the count below is final. Close requests are
        // answered (by dropping them), and the queue closed, only once the counters are, so
        // that stats() read right after close() returns is the last word.
        let mut dropped = self.shared.link.end();
        let mut closes = Vec::new();
        let mut taken = std::mem::take(&mut self.out_buf).into_iter();
        while let Some(cmd) = taken.next().or_else(|| self.out_rx.try_recv().ok()) {
            match cmd {
                Command::Frame(_) => dropped += 1,
                Command::Close(signal) => closes.push(signal),
            }
        }
        Counters::add(&self.shared.counters.failed, dropped);
        self.out_rx.close();
        while let Ok(cmd) = self.out_rx.try_recv() {
            if let Command::Close(signal) = cmd {
                closes.push(signal);
            }
        }
        drop(closes);
    }

    async fn sessions(&mut self, mut ws: Ws) {
        loop {
            let mut cause = match self.session(&mut ws).await {
                End::Done(signal) => {
                    if let Some(s) = signal {
                        let _ = s.send(());
                    }
                    return;
                }
                End::Lost(cause) => cause,
            };
            tracing::debug!(%cause, "connection ended");
            let drained = self
                .shared
                .link
                .go_down(&mut self.out_buf, &mut self.out_rx);
            Counters::add(&self.shared.counters.failed, drained.failed);
            if let Some(signal) = drained.close {
                // close() was called while the connection broke: nothing left to flush.
                let _ = signal.send(());
                return;
            }
            let Some((transport, policy)) = self.redial.clone() else {
                let _ = self.in_tx.send(Inbound::Ended(cause)).await;
                return;
            };
            // Until a new connection is acked and has taken what was held.
            loop {
                match self.reconnect(&transport, &policy).await {
                    Some(Ok((mut new_ws, ack))) => {
                        if let Err(e) = self.write_held(&mut new_ws).await {
                            tracing::debug!(error = %e, "the new connection broke at once");
                            cause = e;
                            continue;
                        }
                        ws = new_ws;
                        Counters::add(&self.shared.counters.reconnects, 1);
                        *lock(&self.shared.ack) = ack.clone();
                        if self.in_open
                            && self
                                .in_tx
                                .send(Inbound::Reconnected { ack, cause })
                                .await
                                .is_err()
                        {
                            self.in_open = false;
                        }
                        break;
                    }
                    Some(Err(e)) => {
                        let _ = self.in_tx.send(Inbound::Ended(e)).await;
                        return;
                    }
                    None => return,
                }
            }
        }
    }

    /// Writes the frames held while the link was down, in order, before the link is up again
    /// (frames held meanwhile follow in the next round). On a broken write the frames it did
    /// not reach are held again and those fed so far count as failed.
    async fn write_held(&mut self, ws: &mut Ws) -> Result<(), Error> {
        while let Some(mut held) = self.shared.link.take_held() {
            let mut fed = 0u64;
            while let Some(frame) = held.pop_front() {
                if let Err(e) = ws.feed(frame.into_message()).await {
                    Counters::add(&self.shared.counters.failed, fed + 1);
                    self.shared.link.put_back(held.into_iter());
                    return Err(lost(e));
                }
                fed += 1;
            }
            if let Err(e) = ws.flush().await {
                Counters::add(&self.shared.counters.failed, fed);
                return Err(lost(e));
            }
            Counters::add(&self.shared.counters.sent, fed);
        }
        Ok(())
    }

    /// Reconnects with backoff; `None` when the handles went away or close() began.
    async fn reconnect(
        &mut self,
        transport: &Transport,
        policy: &ReconnectPolicy,
    ) -> Option<Result<(Ws, Ack), Error>> {
        let mut backoff = Backoff::new(policy);
        let mut attempts = 0u32;
        loop {
            let delay = backoff.next_delay()?;
            attempts += 1;
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stopped(&mut self.closing) => return None,
                _ = self.in_tx.closed(), if self.out_rx.is_closed() => return None,
            }
            let attempt = tokio::select! {
                r = transport.connect(&self.cfg) => r,
                _ = stopped(&mut self.closing) => return None,
            };
            match attempt {
                Ok(ok) => return Some(Ok(ok)),
                Err(e @ (Error::Rejected(_) | Error::InvalidUrl { .. })) => {
                    return Some(Err(Error::ReconnectFailed {
                        attempts,
                        last: Box::new(e),
                    }));
                }
                Err(e) => {
                    tracing::debug!(attempt = attempts, error = %e, "reconnect attempt failed");
                    if policy.max_attempts.is_some_and(|m| attempts >= m) {
                        return Some(Err(Error::ReconnectFailed {
                            attempts,
                            last: Box::new(e),
                        }));
                    }
                }
            }
        }
    }

    async fn session(&mut self, ws: &mut Ws) -> End {
        let mut permit: Option<mpsc::OwnedPermit<Inbound>> = None;
        let ping_interval = self.cfg.ping_interval;
        let far = Instant::now() + Duration::from_secs(86400 * 365);
        let mut next_ping = ping_interval.map_or(far, |i| Instant::now() + i);
        let mut pong_deadline: Option<Instant> = None;
        // A control message or the end, read while batching data frames: handled first.
        let mut stash: Option<Option<Result<WsMessage, tungstenite::Error>>> = None;
        loop {
            match stash.take() {
                None => {}
                Some(Some(Ok(WsMessage::Pong(_)))) => pong_deadline = None,
                Some(Some(Ok(WsMessage::Close(frame)))) => {
                    let _ = timeout(Duration::from_secs(1), ws.flush()).await;
                    return End::Lost(closed(frame));
                }
                Some(Some(Err(e))) => return End::Lost(lost(e)),
                Some(None) => {
                    return End::Lost(Error::ConnectionLost(
                        "the socket closed without a close frame".into(),
                    ));
                }
                Some(Some(Ok(_))) => {}
            }
            if !self.out_open && !self.in_open {
                let _ = timeout(
                    self.cfg.close_timeout,
                    ws.close(Some(CloseFrame {
                        code: CloseCode::Normal,
                        reason: "".into(),
                    })),
                )
                .await;
                return End::Done(None);
            }
            let want_read = permit.is_some() || !self.in_open;
            tokio::select! {
                n = self.out_rx.recv_many(&mut self.out_buf, BATCH), if self.out_open => {
                    if n == 0 {
                        self.out_open = false;
                    } else if let Some(end) = self.write_batch(ws).await {
                        return end;
                    }
                },
                _ = self.in_tx.closed(), if permit.is_some() && self.in_open => {
                    // The receiver is gone: frames are read and dropped from now on.
                    permit = None;
                    self.in_open = false;
                },
                p = self.in_tx.clone().reserve_owned(), if permit.is_none() && self.in_open => match p {
                    Ok(p) => permit = Some(p),
                    Err(_) => self.in_open = false,
                },
                msg = ws.next(), if want_read => {
                    let bytes = match msg {
                        Some(Ok(WsMessage::Text(t))) => t,
                        Some(Ok(WsMessage::Binary(b))) => text_of(b),
                        Some(Ok(WsMessage::Pong(_))) => { pong_deadline = None; continue; }
                        Some(Ok(WsMessage::Ping(_) | WsMessage::Frame(_))) => continue,
                        Some(Ok(WsMessage::Close(frame))) => {
                            // Let tungstenite send its close reply.
                            let _ = timeout(Duration::from_secs(1), ws.flush()).await;
                            return End::Lost(closed(frame));
                        }
                        Some(Err(e)) => return End::Lost(lost(e)),
                        None => return End::Lost(Error::ConnectionLost(
                            "the socket closed without a close frame".into())),
                    };
                    if let Some(p) = permit.take() {
                        // Take the frames that are already there along: one slot, one wake-up.
                        // Each is copied out, so that tungstenite reuses its read buffer.
                        let mut batch = Frames::with_capacity(READ_BATCH, bytes.len());
                        batch.push(&bytes);
                        drop(bytes);
                        while batch.len() < READ_BATCH {
                            match futures_util::FutureExt::now_or_never(ws.next()) {
                                Some(Some(Ok(WsMessage::Text(t)))) => batch.push(&t),
                                Some(Some(Ok(WsMessage::Binary(b)))) => batch.push(&text_of(b)),
                                Some(Some(Ok(WsMessage::Ping(_) | WsMessage::Frame(_)))) => {}
                                Some(other) => {
                                    stash = Some(other);
                                    break;
                                }
                                None => break,
                            }
                        }
                        Counters::add(&self.shared.counters.received, batch.len() as u64);
                        p.send(Inbound::Frames(batch));
                    }
                },
                _ = sleep_until(next_ping), if ping_interval.is_some() && pong_deadline.is_none() => {
                    if let Err(e) = ws.send(WsMessage::Ping(Bytes::from_static(b"zeekws"))).await {
                        return End::Lost(lost(e));
                    }
                    pong_deadline = Some(Instant::now() + self.cfg.ping_timeout);
                    next_ping = Instant::now() + ping_interval.unwrap_or_default();
                },
                _ = sleep_until(pong_deadline.unwrap_or(far)), if pong_deadline.is_some() => {
                    if !want_read {
                        // The application is not receiving, so the pong is unread: not the peer's fault.
                        pong_deadline = Some(Instant::now() + self.cfg.ping_timeout);
                        continue;
                    }
                    let _ = timeout(Duration::from_millis(200), ws.close(Some(CloseFrame {
                        code: CloseCode::Away,
                        reason: "Ping timeout".into(),
                    }))).await;
                    return End::Lost(Error::PingTimeout { after: self.cfg.ping_timeout });
                },
            }
        }
    }

    /// Writes the frames taken from the queue, up to a close request, and flushes them once:
    /// they count as sent once flushed, as failed when a write breaks. `None` when all went
    /// out; otherwise how the session ends. What it did not reach stays in `out_buf`.
    async fn write_batch(&mut self, ws: &mut Ws) -> Option<End> {
        let mut batch = std::mem::take(&mut self.out_buf).into_iter();
        let mut fed = 0u64;
        let mut close = None;
        let mut broken = None;
        for cmd in batch.by_ref() {
            match cmd {
                Command::Frame(text) => {
                    fed += 1;
                    if let Err(e) = ws.feed(text.into_message()).await {
                        broken = Some(e);
                        break;
                    }
                }
                Command::Close(signal) => {
                    close = Some(signal);
                    break;
                }
            }
        }
        // Collecting a `vec::IntoIter` back into a `Vec` keeps its allocation.
        self.out_buf = batch.collect();
        if broken.is_none()
            && let Err(e) = ws.flush().await
        {
            broken = Some(e);
        }
        if let Some(e) = broken {
            Counters::add(&self.shared.counters.failed, fed);
            return Some(self.write_failed(ws, e).await);
        }
        Counters::add(&self.shared.counters.sent, fed);
        match close {
            Some(signal) => Some(self.finish(ws, signal).await),
            None => None,
        }
    }

    /// A write failed: the peer may have closed with a close frame that is still unread
    /// (a server shutting down while we publish). Read briefly for it, passing on the data
    /// frames before it, so that the close code is what gets reported.
    async fn write_failed(&mut self, ws: &mut Ws, e: tungstenite::Error) -> End {
        let deadline = Instant::now() + Duration::from_millis(500);
        loop {
            let bytes = match tokio::time::timeout_at(deadline, ws.next()).await {
                Ok(Some(Ok(WsMessage::Close(frame)))) => return End::Lost(closed(frame)),
                Ok(Some(Ok(WsMessage::Text(t)))) => t,
                Ok(Some(Ok(WsMessage::Binary(b)))) => text_of(b),
                Ok(Some(Ok(_))) => continue,
                _ => return End::Lost(lost(e)),
            };
            if self.in_open
                && !matches!(
                    tokio::time::timeout_at(
                        deadline,
                        self.in_tx.send(Inbound::Frames(Frames::one(&bytes)))
                    )
                    .await,
                    Ok(Ok(()))
                )
            {
                return End::Lost(lost(e));
            }
            Counters::add(&self.shared.counters.received, 1);
        }
    }

    /// Close handshake after everything queued before the close request went out.
    async fn finish(&mut self, ws: &mut Ws, signal: oneshot::Sender<()>) -> End {
        let _ = ws.flush().await;
        let _ = ws
            .send(WsMessage::Close(Some(CloseFrame {
                code: CloseCode::Normal,
                reason: "".into(),
            })))
            .await;
        // Wait for the peer's close reply (bounded), dropping anything still in flight.
        let _ = timeout(self.cfg.close_timeout, async {
            while let Some(Ok(_)) = ws.next().await {}
        })
        .await;
        End::Done(Some(signal))
    }
}
