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

pub mod ast;
mod config;
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
pub use error::{Diagnostic, Error, Severity};
pub use model::{Alias, Enum, EnumValue, Event, Field, Param, Record, Schema, Type};
pub use source::{FileId, Location, SourceFile, SourceMap, Span};

/// Parses one file's declarations (no `@load` following, no name resolution).
pub fn parse_str(path: impl Into<std::path::PathBuf>, text: &str) -> Result<ast::File, Error> {
    let mut sources = SourceMap::new();
    let id = sources.add(path.into(), text.to_string());
    parser::parse(id, text).map_err(|d| Error::Diagnostics(vec![d.render(&sources)]))
}
