//! The keys of `#[zeek(..)]`, as constants compared against paths.

use std::fmt;

use syn::{Ident, Path};

/// One attribute key.
#[derive(Debug, Copy, Clone)]
pub struct Symbol(&'static str);

/// The attribute namespace: `#[zeek(..)]`.
pub const ZEEK: Symbol = Symbol("zeek");
/// `name = "Mod::Type"` on a container or an event variant.
pub const NAME: Symbol = Symbol("name");
/// `extensible` on a record.
pub const EXTENSIBLE: Symbol = Symbol("extensible");
pub const OPTIONAL_TAIL: Symbol = Symbol("optional_tail");
/// `crate = "path"`: where zeekws-runtime is.
pub const CRATE: Symbol = Symbol("crate");
/// `schema = "file.zeek"`: compile-time schema check.
pub const SCHEMA: Symbol = Symbol("schema");
/// `rename = "VALUE"` on an enum variant.
pub const RENAME: Symbol = Symbol("rename");
/// `other` on the catch-all variant.
pub const OTHER: Symbol = Symbol("other");
/// `metadata` on an event field.
pub const METADATA: Symbol = Symbol("metadata");

impl Symbol {
    /// The key as written.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
