//! Parser internals reachable from this crate's own integration tests only (hidden).

pub mod ast;
pub use crate::parser::parse_str;
