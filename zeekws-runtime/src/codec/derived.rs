//! [`ZeekRecord`] and [`ZeekEnum`]: what the derives expose about a record or enum type
//! beyond encoding and decoding, for schema checks and for code that inspects values.

use super::{ZeekDecode, ZeekTypeName};

/// A Rust struct that is a Zeek record: implemented by `#[derive(ZeekRecord)]`.
///
/// On the wire a record is a positional `vector` of all its fields in declaration order; an
/// unset `&optional` field travels as `none`.
///
/// ```
/// use zeekws_runtime::{json, ZeekRecord, ZeekType, ZeekTypeName};
///
/// #[derive(ZeekRecord, Debug, PartialEq)]
/// #[zeek(name = "App::Inner")]
/// struct Inner {
///     a: u64,
///     b: Option<String>,
/// }
///
/// assert_eq!(<Inner as ZeekRecord>::FIELDS, &[
///     ("a", ZeekTypeName::Count, false),
///     ("b", ZeekTypeName::String, true),
/// ]);
/// assert_eq!(Inner::ZEEK_TYPE.to_string(), "App::Inner");
/// let text = json::to_string(&Inner { a: 1, b: None });
/// assert_eq!(
///     text,
///     r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"none","data":{}}]}"#
/// );
/// // A vector one element short is refused, as Zeek refuses it: Zeek always sends every
/// // field, unset ones as none, so a short record means another layout.
/// let short = r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1}]}"#;
/// assert_eq!(
///     json::from_str::<Inner>(short).unwrap_err().to_string(),
///     "App::Inner field 1 'b': expected 2 elements, got 1 at byte 63"
/// );
///
/// // A sender that leaves out trailing optional fields: opt in per record.
/// #[derive(ZeekRecord, Debug, PartialEq)]
/// #[zeek(name = "App::Inner", optional_tail)]
/// struct Lenient {
///     a: u64,
///     b: Option<String>,
/// }
/// assert_eq!(json::from_str::<Lenient>(short)?, Lenient { a: 1, b: None });
/// # Ok::<(), zeekws_runtime::json::DecodeError>(())
/// ```
pub trait ZeekRecord: ZeekDecode {
    /// The Zeek record type name (`Conn::Info`), as given by `#[zeek(name = "..")]`.
    const NAME: &'static str;

    /// The fields in wire order: `(name, Zeek type, optional)`; `optional` is true for
    /// `Option<T>` fields (`&optional` in Zeek).
    const FIELDS: &'static [(&'static str, ZeekTypeName, bool)];

    /// True with `#[zeek(extensible)]`: longer vectors (fields appended by `redef record`)
    /// are accepted and the extra elements ignored.
    const EXTENSIBLE: bool;
}

/// A Rust enum that is a Zeek enum: implemented by `#[derive(ZeekEnum)]`.
///
/// ```
/// use zeekws_runtime::{json, ZeekEnum};
///
/// #[derive(ZeekEnum, Debug, Clone, Copy, PartialEq)]
/// #[zeek(name = "Notice::Action")]
/// #[allow(non_camel_case_types)]
/// enum Action {
///     ACTION_NONE,
///     ACTION_LOG,
///     #[zeek(rename = "ACTION_EMAIL")]
///     Email,
/// }
///
/// assert_eq!(Action::ACTION_LOG.zeek_name(), "Notice::ACTION_LOG");
/// assert_eq!(Action::Email.zeek_name(), "Notice::ACTION_EMAIL");
/// assert_eq!(
///     json::to_string(&Action::ACTION_LOG),
///     r#"{"@data-type":"enum-value","data":"Notice::ACTION_LOG"}"#
/// );
/// let back: Action = json::from_str(r#"{"@data-type":"enum-value","data":"Notice::ACTION_EMAIL"}"#)?;
/// assert_eq!(back, Action::Email);
/// # Ok::<(), zeekws_runtime::json::DecodeError>(())
/// ```
pub trait ZeekEnum: ZeekDecode {
    /// The Zeek enum type name (`Notice::Action`, `transport_proto`).
    const NAME: &'static str;

    /// The value names this type knows, as sent (`Notice::ACTION_LOG`), in declaration order.
    const VALUES: &'static [&'static str];

    /// True when an `#[zeek(other)]` variant accepts values not in [`ZeekEnum::VALUES`].
    const OPEN: bool;

    /// This value's name as sent (qualified with the enum's module unless the enum is global).
    fn zeek_name(&self) -> &str;
}
