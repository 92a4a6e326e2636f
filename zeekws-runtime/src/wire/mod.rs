//! The wire codec: Broker's JSON v1 encoding of single values, read by [`Reader`] and written
//! by [`Writer`]. It knows JSON and the `{"@data-type": .., "data": ..}` value objects, and
//! nothing of the protocol's envelopes (acks, errors, data messages), which
//! [`protocol`](crate::protocol) builds on top of it.
//!
//! Output is compact and byte-for-byte what Zeek 8 writes, with the deliberate differences
//! listed in [`Writer`]'s docs (shortest round-trip reals, escaped control characters,
//! sub-millisecond timestamps kept). Input may be anything Zeek 5.0 to 8.x writes: both
//! whitespace styles, any member order, integral reals, fractional and `min`/`h` timespans,
//! timestamps with 1 to 9 fraction digits and a zone, `\v` and raw control characters, bare
//! `nan`/`inf`. Every failure is a [`DecodeError`] with the JSON path; nothing panics, and
//! [`DecodeOptions`] bounds nesting and size.

mod error;
mod input;
mod options;
mod read;
mod write;

pub use error::{Context, DecodeError, ErrorKind};
pub use input::Input;
pub use options::DecodeOptions;
pub use read::{Entry, Reader, Seq, ValueFrame};
pub use write::Writer;
