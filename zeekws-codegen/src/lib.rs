//! Build-time generator: Rust types from Zeek scripts.

pub mod ast;
mod error;
mod lexer;
mod model;
mod parser;
mod resolve;
mod source;

pub use ast::FuncKind;
pub use error::{Diagnostic, Error, Severity};
pub use model::{Alias, Enum, EnumValue, Event, Field, Param, Record, Schema, Type};
pub use source::{FileId, Location, SourceFile, SourceMap, Span};

/// Parses one file's declarations (no `@load` following, no name resolution).
pub fn parse_str(path: impl Into<std::path::PathBuf>, text: &str) -> Result<ast::File, Error> {
    let mut sources = SourceMap::new();
    let id = sources.add(path.into(), text.to_string());
    parser::parse(id, text).map_err(|d| Error::Diagnostics(vec![d.render(&sources)]))
}
