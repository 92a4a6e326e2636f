//! Derive macros for [zeekws](https://docs.rs/zeekws-runtime): `ZeekRecord`, `ZeekEvent` and
//! `ZeekEnum`. Use them through `zeekws_runtime`, which re-exports them next to the traits
//! they implement; generated code refers only to `::zeekws_runtime::__private`.
//!
//! ```ignore
//! use zeekws_runtime::{Port, ZeekEnum, ZeekEvent, ZeekRecord};
//! use std::net::IpAddr;
//!
//! // A record is a positional vector, fields in declaration order.
//! #[derive(ZeekRecord, Debug, Clone, PartialEq)]
//! #[zeek(name = "conn_id")]
//! struct ConnId { orig_h: IpAddr, orig_p: Port, resp_h: IpAddr, resp_p: Port, proto: u64, ctx: ConnIdCtx }
//!
//! #[derive(ZeekRecord, Debug, Clone, PartialEq)]
//! #[zeek(name = "conn_id_ctx", extensible)]   // accepts fields other scripts append
//! struct ConnIdCtx {}
//!
//! #[derive(ZeekEnum, Debug, Clone, PartialEq)]
//! #[zeek(name = "Notice::Action")]
//! enum Action {
//!     ACTION_LOG,                            // travels as "Notice::ACTION_LOG"
//!     #[zeek(rename = "ACTION_EMAIL")]
//!     Email,                                 // "Notice::ACTION_EMAIL"
//!     #[zeek(other)]
//!     Other(String),                         // values appended with `redef enum`
//! }
//!
//! // One event: the fields are the arguments in order.
//! #[derive(ZeekEvent, Debug, Clone, PartialEq)]
//! #[zeek(name = "App::ping")]
//! struct Ping { msg: String, c: u64 }
//!
//! // Several events, dispatched on the name.
//! #[derive(ZeekEvent, Debug, Clone, PartialEq)]
//! enum Events {
//!     Ping(Ping),                            // a wrapped #[derive(ZeekEvent)] struct
//!     #[zeek(name = "App::pong")]
//!     Pong { msg: String, c: u64 },          // or the arguments inline
//!     #[zeek(other)]
//!     Other(zeekws_runtime::protocol::Event), // any other name, dynamically
//! }
//! ```
//!
//! # Attributes
//!
//! On the type:
//! - `#[zeek(name = "Mod::Type")]`: the Zeek type (records: optional, default the struct's
//!   name; enums: required, a name without `::` is a global enum whose values are
//!   unqualified) or the event name (event structs: required).
//! - `#[zeek(extensible)]` (records): accept and ignore trailing fields a sender appended with
//!   `redef record`; without it a longer vector is an error naming both lengths.
//! - `#[zeek(optional_tail)]` (records): accept a vector that ends before trailing `Option`
//!   fields (they become `None`). Without it a shorter vector is an error, as in Zeek, which
//!   always sends every field (unset ones as none) and refuses a record one element short:
//!   a short record means the sender has another layout.
//! - `#[zeek(crate = "path")]`: where `zeekws_runtime` is, for crates that re-export it.
//! - `#[zeek(schema = "zeek/app.zeek")]` (record and event structs): check the struct against
//!   the record (or event) `name` declared in that Zeek script at compile time: field count,
//!   names, order, types and `&optional`. The path is relative to `CARGO_MANIFEST_DIR` (or,
//!   when nothing is there, to the source file's directory), `@load` searches the script's
//!   directory, and editing the script rebuilds the crate. Differences are errors at the
//!   field, naming both sides: ``field 'reason' is 'String' (Zeek type string) in Rust but
//!   'count' in App::Alert (app.zeek:9)``; one moved field is one error (``field 'tags'
//!   moved from index 4 to 0``). A `Value` field accepts any declared type; a
//!   declared `any`, `opaque`, `file` or function type needs a `Value`.
//!
//!   What the macro sees in the syntax (an `Option<..>` for a field that is not
//!   `&optional`, a primitive, `String` or `IpAddr` of the wrong Zeek type or without the
//!   `Option` an `&optional` field needs) is an ordinary error. A user type, an alias or a
//!   container is only known to the compiler, so the derive checks it with a constant that
//!   the compiler evaluates, and a mismatch arrives as
//!   ``error[E0080]: evaluation panicked: field 'tags' is 'Option<BTreeSet<u64>>' (Zeek type
//!   set[count]) in Rust but 'string_set (set[string])' in App::Alert (app.zeek:14)``,
//!   spanned at the field's type: read it as the same kind of error, not a compiler fault
//!   (the text after `evaluation panicked:` is the whole message). On a `ZeekEnum` it
//!   checks the values: every variant must be declared (by the script or a `redef enum` it
//!   loads), and a closed enum (no `other` variant) needs a variant for every declared value.
//!
//! On variants:
//! - `#[zeek(name = "Mod::event")]` (enums of events): a variant holding one event's
//!   arguments inline (named or tuple fields). A variant without it wraps one
//!   `#[derive(ZeekEvent)]` type and dispatches on that type's `EVENT_NAMES`.
//! - `#[zeek(rename = "VALUE")]` (`ZeekEnum`): the value's name; with `::` it is taken as
//!   fully qualified, otherwise it is qualified with the enum's module.
//! - `#[zeek(other)]`: the catch-all: `Other(String)` makes a `ZeekEnum` open (unknown
//!   values are kept instead of refused); `Other(zeekws_runtime::protocol::Event)` receives
//!   events no other variant handles.
//!
//! On fields:
//! - `#[zeek(metadata)]` (event arguments): an `Option<Vec<(u64, zeekws_runtime::Value)>>`
//!   field that is not an argument but receives (and sends) the event's metadata.
//!
//! Decoding never panics: type mismatches, wrong lengths, unknown names and values are
//! `DecodeError`s naming the event, argument, record field and JSON path.

mod dummy;
mod enum_;
mod event;
mod internals;
mod record;
mod schema;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use internals::ast::Derive;

/// Implements `ZeekType`, `ZeekDecode` and `ZeekRecord` for a struct: a Zeek record.
#[proc_macro_derive(ZeekRecord, attributes(zeek))]
pub fn derive_zeek_record(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    record::expand_derive_zeek_record(&input)
        .unwrap_or_else(|e| dummy::fallback(&input, Derive::Record, e))
        .into()
}

/// Implements `ZeekEvent` for a struct (one event) or an enum (several events).
#[proc_macro_derive(ZeekEvent, attributes(zeek))]
pub fn derive_zeek_event(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    event::expand_derive_zeek_event(&input)
        .unwrap_or_else(|e| dummy::fallback(&input, Derive::Event, e))
        .into()
}

/// Implements `ZeekType`, `ZeekDecode` and `ZeekEnum` for a fieldless enum: a Zeek enum.
#[proc_macro_derive(ZeekEnum, attributes(zeek))]
pub fn derive_zeek_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    enum_::expand_derive_zeek_enum(&input)
        .unwrap_or_else(|e| dummy::fallback(&input, Derive::Enum, e))
        .into()
}
