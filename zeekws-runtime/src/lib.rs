//! # zeekws-runtime
//!
//! Zeek's WebSocket API (`/v1/messages/json`) for Rust: Broker's data model, its exact JSON v1
//! encoding, the protocol messages, and typed events whose layout the compiler checks.
//!
//! ```
//! use zeekws_runtime::{json, protocol::Event, Value};
//!
//! // The dynamic data model, exact Broker JSON v1.
//! let v: Value = json::from_str(r#"{"@data-type":"count","data":1}"#)?;
//! assert_eq!(json::to_string(&v), r#"{"@data-type":"count","data":1}"#);
//!
//! // A whole event message, and back.
//! let frame = json::encode_event("zeek.test", &Event::new("hello", [Value::Count(3)]));
//! let msg = json::decode_message(&frame)?;
//! let hello: Event = msg.into_event()?;
//! assert_eq!(hello.name, "hello");
//! assert_eq!(hello.args, [Value::Count(3)]);
//! # Ok::<(), zeekws_runtime::json::DecodeError>(())
//! ```
//!
//! ## Typed events over a connection
//!
//! Records travel as positional vectors, so the field order of a `#[derive(ZeekRecord)]`
//! struct is the contract; `#[zeek(schema = "..")]` checks it against the Zeek script at
//! compile time, and `zeekws-codegen` generates such types from the scripts. The
//! [`server::MockZeek`] imitation lets the same code run without a Zeek:
//!
//! ```
//! use zeekws_runtime::{server::MockZeek, Client, ZeekEvent, ZeekRecord};
//!
//! #[derive(ZeekRecord, Debug, Clone, PartialEq)]
//! #[zeek(name = "App::Inner")]
//! struct Inner { a: u64, b: Option<String> }        // type Inner: record { a: count; b: string &optional; };
//!
//! #[derive(ZeekEvent, Debug, Clone, PartialEq)]
//! #[zeek(name = "App::seen")]
//! struct Seen { i: Inner, note: String }            // global seen: event(i: Inner, note: string);
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let zeek = MockZeek::builder().event::<Seen>().start().await?;
//! let mut client = Client::builder(zeek.url())
//!     .subscribe(["app/"])
//!     .application_name("docs")
//!     .connect()
//!     .await?;
//! let seen = Seen { i: Inner { a: 8, b: None }, note: "hi".into() };
//! zeek.publish("app/seen", &seen).await;               // "Zeek" publishes ...
//! let got: Seen = client.recv_event().await?;          // ... the client decodes, typed
//! assert_eq!(got, seen);
//! client.publish("app/seen", &got).await?;             // and publishes back
//! assert_eq!(zeek.next_published().await.event.name, "App::seen");
//! # Ok(())
//! # }
//! ```
//!
//! ## Type mapping
//!
//! | Zeek | Broker JSON | Rust |
//! |---|---|---|
//! | bool | boolean | `bool` |
//! | count | count | `u64` (`u8`..`usize` range-checked) |
//! | int | integer | `i64` (smaller widths range-checked) |
//! | double | real | `f64` (`f32`) |
//! | time | timestamp | [`Timestamp`], `SystemTime` |
//! | interval | timespan | [`Timespan`], `Duration` (non-negative) |
//! | string | string | `String`, `&str`, `Box<str>`, `Cow<str>` |
//! | addr | address | `IpAddr`, `Ipv4Addr`, `Ipv6Addr` |
//! | subnet | subnet | [`Subnet`] |
//! | port | port | [`Port`] |
//! | vector of T | vector | `Vec<T>`, `[T]`, `[T; N]` |
//! | set\[T\] | set | `BTreeSet<T>`, `HashSet<T>` (tuples for composite keys) |
//! | table\[K\] of V | table | `BTreeMap<K, V>`, `HashMap<K, V>` |
//! | enum | enum-value (qualified name) | `#[derive(ZeekEnum)]` enum |
//! | record | vector of all fields in order | `#[derive(ZeekRecord)]` struct |
//! | `&optional` field | none when unset | `Option<T>` |
//! | pattern | vector `[exact, anywhere]` of strings | [`Pattern`] |
//! | anything | any | [`Value`] |

#![forbid(unsafe_code)]

pub mod client;
pub mod codec;
pub mod contract;
pub mod json;
pub mod literal;
mod macros;
pub mod net;
pub mod protocol;
#[cfg(feature = "mock")]
pub mod server;
pub mod time;
mod transport;
pub mod value;
pub mod wire;

pub use client::Client;
pub use client::Listener;
pub use codec::{Pattern, ZeekDecode, ZeekEnum, ZeekEvent, ZeekRecord, ZeekType, ZeekTypeName};
pub use net::{Port, Protocol, Subnet};
pub use time::{Timespan, Timestamp};
pub use value::{DataType, Value};
pub use zeekws_codegen::TypeDesc;

/// The derives: `#[derive(ZeekRecord)]`, `#[derive(ZeekEvent)]`, `#[derive(ZeekEnum)]` (see
/// the [`zeekws_derive`] crate docs for the `#[zeek(..)]` attributes). Each shares its name
/// with the trait it implements, as serde's derives do.
pub use zeekws_derive::{ZeekEnum, ZeekEvent, ZeekRecord};

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
