//! Build-time generator: Rust types from Zeek scripts.
//!
//! From `build.rs`:
//!
//! ```no_run
//! # fn main() -> Result<(), zeekws_codegen::Error> {
//! zeekws_codegen::Config::new()
//!     .zeek_path("zeek")                          // where @load looks, like ZEEKPATH
//!     .extern_type("conn_id", "crate::ConnId")    // use your own type for a Zeek type
//!     .compile(&["zeek/app.zeek"])?;              // writes $OUT_DIR/zeek_types.rs
//! # Ok(())
//! # }
//! ```
//!
//! and in the crate, `zeekws_runtime::include_zeek!();` (or `include_zeek!("name.rs")` after
//! [`Config::file_name`]) includes it; `examples/typed_codegen.rs` in the repository shows
//! the whole round trip.
//!
//! The generated file has one Rust module per Zeek module (`App::Alert` becomes
//! `app::Alert`; global types stay at the top), records as structs deriving `ZeekRecord`,
//! enums deriving `ZeekEnum` with a catch-all variant, and events as structs deriving
//! `ZeekEvent` plus one `Events` enum per module.
//!
//! The front end (parser and resolver) is usable without the emitter (`default-features =
//! false`), for compile-time schema checks:
//!
//! ```no_run
//! # fn main() -> Result<(), zeekws_codegen::Error> {
//! let schema = zeekws_codegen::Schema::load("zeek/app.zeek", &["zeek"])?;
//! if let Some(alert) = schema.record("App::Alert") {
//!     for f in &alert.fields {
//!         println!("{}: {} optional={} ({})", f.name, f.ty, f.optional, f.location);
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Only the declarations of the given files, and the types they use, are emitted: a missing
//! `@load` is a warning unless an emitted item needs a type from it.
//!
//! # How scripts are loaded
//!
//! - `@load` follows Zeek: `./x` and `../x` relative to the loading file, anything else through
//!   the search directories (`zeek_path`, `-I`) in order; a file, the same with `.zeek`, or a
//!   directory's `__load__.zeek`. A file is read once, at its first load, which fixes where its
//!   `redef`s apply; a loaded file starts in the module of the file that loaded it.
//! - When a search directory holds Zeek's scripts (`base/init-bare.zeek`), Zeek's start-up
//!   scripts load first (`init-bare`, then `init-frameworks-and-bifs` and `init-default` unless
//!   [`Config::bare_mode`]). Without one, a built-in prelude written after Zeek 8.2's layouts
//!   declares `conn_id`, `conn_id_ctx`, `transport_proto` and the `*_set` / `*_vec` aliases.
//!   Enums Zeek creates at run time (`Analyzer::Tag`, `Log::Writer`, ...) are always declared,
//!   empty.
//! - `@if` cannot be evaluated at build time. A condition pinned with [`Config::condition`] or
//!   [`Config::defined`] is used as given; `@ifdef`/`@ifndef` of a name a loaded script declares
//!   is decided; what depends on how Zeek was built (`have_spicy()`, analyzer tags such as
//!   `Analyzer::ANALYZER_QUIC`) is asked of the installation's `bin/zeek`
//!   ([`Config::ask_zeek`], automatic with [`Config::zeek_installation`]); any other condition
//!   takes its first branch, with a warning. A record or event whose layout rests on such a
//!   guess (fields in the branch, or in a file `@load`ed from it) is not emitted: that is an
//!   error naming the directive and how to pin it.
//!
//! # Zeek's own events from an installed Zeek
//!
//! ```no_run
//! # fn main() -> Result<(), zeekws_codegen::Error> {
//! zeekws_codegen::Config::new()
//!     .zeek_installation("/usr/local/zeek")          // share/zeek, policy, site; bin/zeek asked
//!     .events(["Conn::log_conn", "connection_state_remove"])
//!     .compile(&["site/local"])?;                   // what this site loads, policy scripts included
//! # Ok(())
//! # }
//! ```
//!
//! Without an installation, the built-in prelude stands in for Zeek's global types (Zeek 8.2
//! layouts; [`Schema::prelude_version`] and the generated file's header say so).

use __private::ast;
pub mod compat;
mod config;
mod descriptor;
#[cfg(feature = "emit")]
mod emit;
mod error;
mod lexer;
mod model;
mod parser;
mod resolve;
mod source;

pub use ast::FuncKind;
pub use config::Config;
pub use descriptor::TypeDesc;
pub use error::{Diagnostic, Error, Severity};
pub use model::{Alias, Enum, EnumValue, Event, Field, Param, Record, Schema, Type};
pub use source::{FileId, Location, SourceFile, SourceMap, Span};

/// Parser internals for this crate's own tests (the whole-tree counts, the robustness corpus):
/// not part of the API, and may change in any release.
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
