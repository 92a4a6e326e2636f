//! The shape zeekws-codegen emits: one struct per event, an enum wrapping them, and a
//! catch-all holding the dynamic event.
use zeekws_runtime::{ZeekEvent, json};

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
pub struct Ping {
    pub msg: String,
    pub c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::pong")]
pub struct Pong {
    pub msg: String,
    pub c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
pub enum Events {
    Ping(Ping),
    Pong(Pong),
    #[zeek(other)]
    Other(::zeekws_runtime::protocol::Event),
}

fn main() {
    assert_eq!(Events::EVENT_NAMES, &["App::ping", "App::pong"]);
    assert!(Events::ACCEPTS_ANY);
    let frame = json::encode_event(
        "t",
        &Pong {
            msg: "x".into(),
            c: 1,
        },
    );
    let (_, ev) = json::decode_event::<Events>(&frame).unwrap().into_parts().unwrap();
    assert_eq!(
        ev,
        Events::Pong(Pong {
            msg: "x".into(),
            c: 1
        })
    );
}
