//! app.zeek's `App::Inner`, `App::Color` and `App::seen`, derived once for the tests that
//! check them against a Zeek (contract.rs, real_zeek.rs).
#![allow(clippy::upper_case_acronyms)]

use zeekws_runtime::{ZeekEnum, ZeekEvent, ZeekRecord};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner")]
pub struct Inner {
    pub a: u64,
    pub b: Option<String>,
}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq)]
#[zeek(name = "App::Color")]
pub enum Color {
    RED,
    GREEN,
    BLUE,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
pub struct Seen {
    pub i: Inner,
    pub c: Color,
}
