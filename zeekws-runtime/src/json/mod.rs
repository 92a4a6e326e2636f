//! Broker's JSON v1 encoding: exact on output, lenient on input.
//!
//! ```
//! use zeekws_runtime::{json, Value};
//! let v: Value = json::from_str(r#"{"@data-type":"count","data":1}"#)?;
//! assert_eq!(v, Value::Count(1));
//! assert_eq!(json::to_string(&v), r#"{"@data-type":"count","data":1}"#);
//! # Ok::<(), zeekws_runtime::json::DecodeError>(())
//! ```
//!
//! Output is compact and byte-for-byte what Zeek 8 writes, with the deliberate differences
//! listed in [`Writer`]'s module (shortest round-trip reals, escaped control characters,
//! sub-millisecond timestamps kept). Input may be anything Zeek 5.0 to 8.x writes: both
//! whitespace styles, any member order, integral reals, fractional and `min`/`h` timespans,
//! timestamps with 1 to 9 fraction digits and a zone, `\v` and raw control characters, bare
//! `nan`/`inf`. Every failure is a [`DecodeError`] with the JSON path; nothing panics, and
//! [`DecodeOptions`] bounds nesting and size.

mod error;
mod message;
mod read;
mod write;

pub use error::{Context, DecodeError, ErrorKind};
pub use message::{Incoming, decode_event, decode_event_with, decode_message, decode_message_with};
pub(crate) use read::StringArrayError;
pub use read::{DecodeOptions, Entry, Reader, Seq, ValueFrame};
pub use write::Writer;

use crate::codec::{ZeekDecode, ZeekEvent, ZeekType};
use crate::value::Value;

/// Decodes one value object from text.
pub fn from_str(text: &str) -> Result<Value, DecodeError> {
    from_slice(text.as_bytes())
}

/// Decodes one value object from bytes (which may hold Zeek's invalid UTF-8).
pub fn from_slice(bytes: &[u8]) -> Result<Value, DecodeError> {
    from_slice_as_with(bytes, DecodeOptions::new())
}

/// Decodes one value object with the given limits.
pub fn from_slice_with(bytes: &[u8], opts: DecodeOptions) -> Result<Value, DecodeError> {
    from_slice_as_with(bytes, opts)
}

/// Decodes one value object straight into `T`, without building a [`Value`].
pub fn from_str_as<T: ZeekDecode>(text: &str) -> Result<T, DecodeError> {
    from_slice_as_with(text.as_bytes(), DecodeOptions::new())
}

/// Decodes one value object from bytes straight into `T`.
pub fn from_slice_as<T: ZeekDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    from_slice_as_with(bytes, DecodeOptions::new())
}

/// Decodes one value object into `T` with the given limits.
pub fn from_slice_as_with<T: ZeekDecode>(
    bytes: &[u8],
    opts: DecodeOptions,
) -> Result<T, DecodeError> {
    let mut r = Reader::with_options(bytes, opts);
    r.check_size()?;
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// Encodes a value (a [`Value`] or any [`ZeekType`]) as one compact value object.
pub fn to_string<T: ZeekType + ?Sized>(value: &T) -> String {
    let mut w = Writer::new();
    value.encode(&mut w);
    w.into_string()
}

/// Encodes a value into bytes.
pub fn to_vec<T: ZeekType + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = Writer::new();
    value.encode(&mut w);
    w.into_vec()
}

/// Encodes a value into an [`io::Write`](std::io::Write).
pub fn to_writer<W: std::io::Write, T: ZeekType + ?Sized>(
    mut out: W,
    value: &T,
) -> std::io::Result<()> {
    out.write_all(&to_vec(value))
}

/// A whole data message: `{"type":"data-message","topic":..,"@data-type":..,"data":..}`.
pub fn encode_data_message<T: ZeekType + ?Sized>(topic: &str, value: &T) -> String {
    let mut w = Writer::new();
    write_data_message(&mut w, topic, |w| value.encode(w));
    w.into_string()
}

/// A whole data message carrying the Zeek event `event`: `[1, 1, [name, args, metadata?]]`.
/// `event` is a derived event type or a [`protocol::Event`](crate::protocol::Event).
pub fn encode_event<E: ZeekEvent>(topic: &str, event: &E) -> String {
    let mut w = Writer::new();
    write_event_message(&mut w, topic, event);
    w.into_string()
}

/// Appends the data message for `event` to a writer (reuse one writer for many messages).
pub fn write_event_message<E: ZeekEvent>(w: &mut Writer, topic: &str, event: &E) {
    write_data_message(w, topic, |w| crate::protocol::write_event(w, event));
}

fn write_data_message(w: &mut Writer, topic: &str, value: impl FnOnce(&mut Writer)) {
    w.raw(b"{\"type\":\"data-message\",\"topic\":");
    w.quoted(topic);
    // The value object's members are inlined: write it whole, then turn its `{` into `,`.
    let at = w.len();
    value(w);
    if let Some(b) = w.buf_mut().get_mut(at) {
        *b = b',';
    }
}
