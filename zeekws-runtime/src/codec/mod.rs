//! How Rust types travel as Broker data: [`ZeekType`] (Zeek type name and direct encoding),
//! [`ZeekDecode`] (direct decoding from the JSON reader) and [`ZeekEvent`] (a whole event).
//!
//! The derives implement these for records, enums and events; this module implements them
//! for every Rust type of the mapping table in the crate docs. Encoding writes straight into
//! the output buffer and decoding reads straight from the parser: no [`Value`](crate::Value)
//! is built on the way, except where the type holds one (a `Value` field, or event metadata
//! for a type with [`ZeekEvent::WANTS_METADATA`]).

mod derived;
mod event;
mod impls;
mod layout;
mod pattern;
mod type_name;

pub use derived::{ZeekEnum, ZeekRecord};
pub use event::ZeekEvent;
pub use layout::{FieldLayout, Layout, Layouts};
pub use pattern::Pattern;
pub use type_name::ZeekTypeName;

use crate::value::DataType;
use crate::wire::{DecodeError, Reader, Writer};

/// A Rust type with a Zeek type that can be written as Broker JSON.
///
/// Implemented for unsized types too (`str`, `[T]`), which can be sent but not received.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no Zeek type",
    label = "not a ZeekType",
    note = "derive ZeekRecord or ZeekEnum for it, implement ZeekType by hand, or use zeekws_runtime::Value for dynamic data"
)]
pub trait ZeekType {
    /// The Zeek type, e.g. `count`, `vector of string`, `set[addr,port]`, `Conn::Info`.
    /// Its [`Display`](std::fmt::Display) is Zeek's notation; derives compare it at compile
    /// time with [`ZeekTypeName::same`].
    const ZEEK_TYPE: ZeekTypeName;

    /// True for `Option<T>`: the field is `&optional` in Zeek and may travel as `none`.
    #[doc(hidden)]
    const OPTIONAL: bool = false;

    /// Appends this value as one Broker value object.
    fn encode(&self, w: &mut Writer);

    /// Adds the layout of the record or enum this type is, and of everything it reaches, to
    /// `out` (for [`Layouts`]). Derived records and enums record themselves; containers,
    /// `Option` and pointers pass their element types on; other types have nothing to add.
    #[doc(hidden)]
    fn describe(_out: &mut Layouts) {}
}

/// A [`ZeekType`] that can be read back from Broker JSON.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be decoded from Broker JSON",
    label = "not a ZeekDecode",
    note = "references and unsized types can be sent but not received: use an owned type, derive ZeekRecord or ZeekEnum, or use zeekws_runtime::Value"
)]
pub trait ZeekDecode: ZeekType + Sized {
    /// Reads the payload of a value object whose `@data-type` is `tag` (the reader stands at
    /// the payload). Report a wrong tag with [`Reader::mismatch`] and `&Self::ZEEK_TYPE`.
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self, DecodeError>;

    /// The `@data-type` this type is normally sent as, if there is one: its compact opening
    /// is then matched in one step. Only a speed hint; other tags still reach `decode_payload`.
    #[doc(hidden)]
    const WIRE_TAG: Option<DataType> = None;

    /// Reads one whole value object.
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let frame = match Self::WIRE_TAG {
            Some(tag) => r.begin_value_expecting(tag)?,
            None => r.begin_value()?,
        };
        // The result is returned as it came, not unpacked and packed again: for a large
        // record each of those is a copy of it.
        let result = Self::decode_payload(r, frame.tag());
        if result.is_ok() {
            r.end_value(frame)?;
        }
        result
    }

    /// The value of a trailing record field that the sender left out (`Some(None)` for
    /// `Option<T>`); `None` makes a short vector an error.
    #[doc(hidden)]
    fn absent() -> Option<Self> {
        None
    }
}
