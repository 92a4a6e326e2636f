//! The generator's golden outputs (`zeekws-codegen/tests/fixtures/*/expected.rs`) compile
//! against the derives and round-trip: the two halves of the toolkit agree.

#![allow(clippy::all, dead_code, missing_debug_implementations)]

mod app {
    include!("../../zeekws-codegen/tests/fixtures/app/expected.rs");
}
mod bif_shape {
    include!("../../zeekws-codegen/tests/fixtures/bif_shape/expected.rs");
}
mod conditionals {
    include!("../../zeekws-codegen/tests/fixtures/conditionals/expected.rs");
}
mod mapping_edge_cases {
    include!("../../zeekws-codegen/tests/fixtures/mapping_edge_cases/expected.rs");
}
mod modules_and_redefs {
    include!("../../zeekws-codegen/tests/fixtures/modules_and_redefs/expected.rs");
}

use zeekws_runtime::{ZeekEnum, ZeekEvent, json};

#[test]
fn app_fixture_round_trips() {
    use app::app::*;
    let names = Events::EVENT_NAMES;
    assert!(names.contains(&"App::ping"), "{names:?}");
    let ping = Ping {
        msg: "hi".into(),
        n: 2,
    };
    let frame = json::encode_event("t", &ping);
    let (_, ev) = json::decode_event::<Events>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    assert_eq!(ev, Events::Ping(ping));
    assert_eq!(Level::High.zeek_name(), "App::HIGH");
    assert_eq!(app::TransportProto::Tcp.zeek_name(), "tcp");
}
