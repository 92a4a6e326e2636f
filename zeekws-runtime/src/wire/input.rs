//! [`Input`]: what a frame decoder reads. Text is read as it is; bytes have their UTF-8
//! checked once, up front, so that plain strings can be borrowed from them.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

use super::options::DecodeOptions;
use super::read::Reader;

mod sealed {
    pub trait Sealed {}
}

/// A frame to decode: text (`&str`, `String`, ...) or bytes (`&[u8]`, `Vec<u8>`,
/// [`bytes::Bytes`], ...), also behind a reference.
///
/// Text is known to be UTF-8, so decoding it skips the check that bytes need (a WebSocket
/// text frame was checked when it arrived). Bytes may hold Zeek's invalid UTF-8: strings
/// that contain it are decoded with U+FFFD in its place.
///
/// ```
/// use zeekws_runtime::json;
/// let frame = r#"{"type":"ack","endpoint":"e","version":"8.2.2"}"#;
/// assert!(json::decode_message(frame).is_ok());            // text: no UTF-8 check
/// assert!(json::decode_message(frame.as_bytes()).is_ok()); // bytes: checked once
/// ```
///
/// The trait is sealed; it is implemented for the types above and nothing else.
pub trait Input: sealed::Sealed {
    /// A reader over this input.
    #[doc(hidden)]
    fn reader(&self, opts: DecodeOptions) -> Reader<'_>;
}

macro_rules! text {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}
        impl Input for $ty {
            #[inline]
            fn reader(&self, opts: DecodeOptions) -> Reader<'_> {
                Reader::with_text(self, opts)
            }
        }
    )*};
}

macro_rules! bytes {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}
        impl Input for $ty {
            #[inline]
            fn reader(&self, opts: DecodeOptions) -> Reader<'_> {
                Reader::with_options(self, opts)
            }
        }
    )*};
}

text!(str, String, Box<str>, Rc<str>, Arc<str>, Cow<'_, str>);
bytes!(
    [u8],
    Vec<u8>,
    Box<[u8]>,
    Rc<[u8]>,
    Arc<[u8]>,
    Cow<'_, [u8]>,
    bytes::Bytes,
    bytes::BytesMut
);

impl<const N: usize> sealed::Sealed for [u8; N] {}
impl<const N: usize> Input for [u8; N] {
    #[inline]
    fn reader(&self, opts: DecodeOptions) -> Reader<'_> {
        Reader::with_options(self, opts)
    }
}

impl<T: Input + ?Sized> sealed::Sealed for &T {}
impl<T: Input + ?Sized> Input for &T {
    #[inline]
    fn reader(&self, opts: DecodeOptions) -> Reader<'_> {
        (**self).reader(opts)
    }
}

impl<T: Input + ?Sized> sealed::Sealed for &mut T {}
impl<T: Input + ?Sized> Input for &mut T {
    #[inline]
    fn reader(&self, opts: DecodeOptions) -> Reader<'_> {
        (**self).reader(opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<I: Input + ?Sized>(input: &I) -> bool {
        input.reader(DecodeOptions::new()).is_text()
    }

    #[test]
    fn text_is_taken_as_text_and_bytes_are_checked() {
        let s = "{}";
        assert!(text_of(s));
        assert!(text_of(&s));
        assert!(text_of(&String::from(s)));
        assert!(text_of(&Arc::<str>::from(s)));
        assert!(text_of(&Cow::Borrowed(s)));
        // Valid bytes become text after the one check; invalid ones stay bytes.
        assert!(text_of(s.as_bytes()));
        assert!(text_of(&bytes::Bytes::from_static(b"{}")));
        assert!(text_of(b"{}"));
        assert!(!text_of(&[b'"', 0xff, b'"'][..]));
        assert!(!text_of(&vec![0xc3_u8]));
    }
}
