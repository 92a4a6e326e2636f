//! Compile tests for the derives: every misuse is a spanned error with a clear message
//! (`tests/ui/<derive>_<what>.rs` + `.stderr`), and the supported shapes compile
//! (`tests/pass/*.rs`). Refresh the `.stderr` files with `TRYBUILD=overwrite cargo test -p
//! tests --test ui` and read every one: the message must say what to do and the caret must
//! sit on the offending token.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
