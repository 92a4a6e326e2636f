//! Fuzz target `literal`: see `props::literal` in fuzz/props.rs for the property it checks.
#![no_main]

#[path = "../props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::literal(data));
