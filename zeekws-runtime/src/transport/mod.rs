//! What the client and the Zeek imitation both stand on, and nothing either of them owns: the
//! byte stream a WebSocket runs on, the WebSocket settings, PEM and TLS provider plumbing, and
//! the shutdown signal their tasks watch.
//!
//! The [`client`](crate::client) (with its listener) and the [`server`](crate::server) use this
//! module and never each other, so that the imitation stays an independent implementation of
//! Zeek's side rather than the client's mirror.

#[cfg(feature = "tls")]
pub(crate) mod tls;

use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::watch;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// Any byte stream a WebSocket can run on (TCP, TLS over TCP).
pub(crate) trait Io: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

/// A boxed [`Io`], so that plain and TLS connections share one type.
pub(crate) type BoxedIo = Pin<Box<dyn Io>>;

/// A WebSocket over a [`BoxedIo`].
pub(crate) type Ws = WebSocketStream<BoxedIo>;

/// The WebSocket settings both sides use: messages and frames up to `max_message_size`, and a
/// 64 KiB write buffer so that small frames are coalesced into few writes.
pub(crate) fn ws_config(max_message_size: usize) -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(max_message_size))
        .max_frame_size(Some(max_message_size))
        .write_buffer_size(64 * 1024)
}

/// Locks a mutex, taking the data even if a panicking thread poisoned it (the state guarded
/// here stays consistent across a panic: counters, queues and snapshots).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Resolves once the shutdown flag turns true (or its sender is gone).
pub(crate) async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}
