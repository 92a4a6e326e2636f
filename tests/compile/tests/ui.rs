//! Compile tests for the derives: every misuse is a spanned error with a clear message
//! (`tests/ui/<derive>_<what>.rs` + `.stderr`), and the supported shapes compile
//! (`tests/pass/*.rs`). Refresh the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p compile-tests --test ui` and read every one: the message
//! must say what to do and the caret must sit on the offending token.
//!
//! This package exists for these cases alone: trybuild compiles them against its
//! dependencies in a target directory of its own, and a package with the runtime's default
//! features off keeps that second build small.
//!
//! `#[zeek(schema = "..")]` cases (`schema_*.rs`, `pass/schema_match.rs`) read
//! `tests/ui/zeek/*.zeek`. trybuild compiles each case in a generated crate under the target
//! directory, so `CARGO_MANIFEST_DIR` is not this crate's root there; the derive then falls
//! back to the directory of the source file, which is why the cases write
//! `"zeek/alert.zeek"` (and `pass/` writes `"../ui/zeek/alert.zeek"`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
