//! [`Frames`]: the text frames the socket task hands to the receiver in one channel slot.
//!
//! The frames are copied out of tungstenite's messages into one string. That copy is what
//! keeps reading fast: a message tungstenite hands out shares its read buffer, and while
//! any such message is alive the buffer cannot be reused in place. tungstenite then
//! allocates a new buffer sized for the next frame alone (a `BytesMut` made from the
//! handshake's leftover bytes remembers no larger capacity), so a receiver that holds
//! frames in a queue costs one allocation and one `recv` system call per frame. With the
//! copy, the buffer is free again as soon as a frame is parsed, and one system call reads
//! as many frames as the socket holds (up to the 128 KiB read buffer).

/// Text frames that were ready together, in order, in one allocation.
#[derive(Debug, Default)]
pub(crate) struct Frames {
    text: String,
    /// Where each frame ends in `text`.
    ends: Vec<usize>,
    /// How many frames [`next`](Frames::next) has handed out.
    taken: usize,
}

impl Frames {
    /// Room for `frames` frames of about `each` bytes, so that a batch of similar frames
    /// is copied without growing.
    pub(crate) fn with_capacity(frames: usize, each: usize) -> Self {
        Frames {
            text: String::with_capacity(frames.saturating_mul(each).min(MAX_RESERVE)),
            ends: Vec::with_capacity(frames),
            taken: 0,
        }
    }

    /// One frame.
    pub(crate) fn one(frame: &str) -> Self {
        let mut frames = Frames::with_capacity(1, frame.len());
        frames.push(frame);
        frames
    }

    /// Appends a copy of `frame`.
    pub(crate) fn push(&mut self, frame: &str) {
        self.text.push_str(frame);
        self.ends.push(self.text.len());
    }

    /// How many frames are left.
    pub(crate) fn len(&self) -> usize {
        self.ends.len() - self.taken
    }

    /// True once every frame was handed out.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The next frame, in the order pushed.
    pub(crate) fn next(&mut self) -> Option<&str> {
        let end = *self.ends.get(self.taken)?;
        let start = match self.taken.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        self.taken += 1;
        self.text.get(start..end)
    }
}

/// The most [`Frames::with_capacity`] reserves up front; larger batches grow as they fill.
const MAX_RESERVE: usize = 256 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_come_out_in_order_and_whole() {
        let mut frames = Frames::with_capacity(4, 3);
        for f in ["[1]", "", "{\"é\":\"ü\"}", "x"] {
            frames.push(f);
        }
        assert_eq!(frames.len(), 4);
        let mut out = Vec::new();
        while let Some(f) = frames.next() {
            out.push(f.to_owned());
        }
        assert_eq!(out, ["[1]", "", "{\"é\":\"ü\"}", "x"]);
        assert!(frames.is_empty());
        assert_eq!(frames.next(), None);
        assert_eq!(frames.next(), None);
    }

    #[test]
    fn one_frame_and_pushes_after_taking() {
        let mut frames = Frames::one("first");
        assert_eq!(frames.next(), Some("first"));
        assert!(frames.is_empty());
        frames.push("second");
        assert_eq!(frames.len(), 1);
        assert_eq!(frames.next(), Some("second"));
        assert_eq!(Frames::default().next(), None);
    }

    #[test]
    fn a_huge_estimate_reserves_a_bounded_amount() {
        let frames = Frames::with_capacity(16, usize::MAX);
        assert!(frames.text.capacity() <= MAX_RESERVE);
        assert_eq!(frames.len(), 0);
    }
}
