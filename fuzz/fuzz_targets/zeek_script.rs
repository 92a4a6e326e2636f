//! Fuzz target `zeek_script`: see `props::zeek_script` in fuzz/props.rs for the property it checks.
#![no_main]

#[path = "../props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::zeek_script(data));
