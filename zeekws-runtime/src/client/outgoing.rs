//! [`Outgoing`]: a frame on its way from a publisher to the socket.
//!
//! Publishers encode on their own threads and the socket task writes on its own, so a
//! frame in its own allocation is allocated on one thread and freed on another. glibc's
//! malloc serves allocations of a frame's size (over 1 KiB) from the allocating thread's
//! arena, under that arena's lock; the socket task freeing into it contends with the
//! publisher allocating from it, which showed as futex calls on every few frames.
//!
//! So each thread encodes into a reused [`Writer`] and copies the frame into a shared
//! chunk of [`CHUNK`] bytes; the frame is a [`Bytes`] view of its part of the chunk. A
//! chunk is freed once, when its last frame is written, and reused in place when every
//! frame of it was written before the thread needs room again. Frames larger than a
//! quarter of a chunk keep the allocation they were encoded into.

use std::cell::RefCell;

use bytes::{Bytes, BytesMut};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};

use crate::wire::Writer;

/// A whole text frame, valid UTF-8 by construction (it was written as a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outgoing(Bytes);

/// The size of the chunks frames are copied into.
const CHUNK: usize = 64 * 1024;

struct Encoder {
    writer: Writer,
    chunk: BytesMut,
}

thread_local! {
    static ENCODER: RefCell<Encoder> = RefCell::new(Encoder {
        writer: Writer::new(),
        chunk: BytesMut::with_capacity(CHUNK),
    });
}

impl Outgoing {
    /// The frame `write` writes (one whole message) into an empty writer.
    pub(crate) fn encode(write: impl FnOnce(&mut Writer)) -> Outgoing {
        let mut write = Some(write);
        let shared = ENCODER.try_with(|e| {
            let mut e = e.try_borrow_mut().ok()?;
            Some(e.encode(write.take()?))
        });
        if let Ok(Some(frame)) = shared {
            return frame;
        }
        // Published from inside another event's encoding, or while the thread is being torn
        // down: a buffer of its own.
        let mut w = Writer::new();
        if let Some(write) = write {
            write(&mut w);
        }
        Outgoing(Bytes::from(w.into_vec()))
    }

    /// The frame's text (lossy: for tests and messages).
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }

    /// The tungstenite message for this frame: a final text frame with these bytes, as
    /// `Message::Text` makes one, without checking the UTF-8 again.
    pub(crate) fn into_message(self) -> WsMessage {
        WsMessage::Frame(Frame::message(self.0, OpCode::Data(Data::Text), true))
    }
}

impl From<String> for Outgoing {
    fn from(text: String) -> Self {
        Outgoing(Bytes::from(text))
    }
}

impl PartialEq<str> for Outgoing {
    fn eq(&self, other: &str) -> bool {
        self.0 == other.as_bytes()
    }
}

impl Encoder {
    fn encode(&mut self, write: impl FnOnce(&mut Writer)) -> Outgoing {
        self.writer.clear();
        write(&mut self.writer);
        let len = self.writer.len();
        if len > CHUNK / 4 {
            // Large: hand over the writer's own allocation (so the writer a thread keeps
            // never grows past a quarter of a chunk).
            let buf = std::mem::take(&mut self.writer).into_vec();
            return Outgoing(Bytes::from(buf));
        }
        if self.chunk.capacity() - self.chunk.len() < len {
            // In place when every frame of the chunk is gone, else a fresh chunk.
            self.chunk.reserve(CHUNK);
        }
        self.chunk.extend_from_slice(self.writer.as_bytes());
        Outgoing(self.chunk.split().freeze())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize, len: usize) -> String {
        format!("{n:06}{}", "x".repeat(len))
    }

    #[test]
    fn frames_sharing_chunks_stay_whole() {
        // More than two chunks' worth, all alive at once, then freed and encoded again
        // (the chunk is reused in place).
        for _round in 0..2 {
            let frames: Vec<(String, Outgoing)> = (0..200)
                .map(|n| {
                    let t = text(n, 1397);
                    let f = Outgoing::encode(|w| w.raw(t.as_bytes()));
                    (t, f)
                })
                .collect();
            for (t, f) in &frames {
                assert!(*f == *t.as_str());
            }
        }
    }

    #[test]
    fn large_and_empty_frames() {
        let big = text(1, CHUNK);
        assert!(Outgoing::encode(|w| w.raw(big.as_bytes())) == *big.as_str());
        assert!(Outgoing::encode(|_| {}) == *"");
        let small = text(2, 10);
        assert!(Outgoing::encode(|w| w.raw(small.as_bytes())) == *small.as_str());
    }

    #[test]
    fn an_encode_inside_an_encode_gets_its_own_buffer() {
        let mut inner = None;
        let outer = Outgoing::encode(|w| {
            inner = Some(Outgoing::encode(|w| w.raw(b"inner")));
            w.raw(b"outer");
        });
        assert!(outer == *"outer");
        assert!(inner.is_some_and(|i| i == *"inner"));
    }

    #[test]
    fn the_message_is_a_final_text_frame() {
        let WsMessage::Frame(frame) = Outgoing::from("[1]".to_owned()).into_message() else {
            panic!("not a frame");
        };
        assert_eq!(frame.header().opcode, OpCode::Data(Data::Text));
        assert!(frame.header().is_final);
        assert_eq!(frame.payload(), b"[1]");
    }
}
