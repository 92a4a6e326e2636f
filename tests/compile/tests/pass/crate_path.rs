//! `#[zeek(crate = "..")]` for crates that re-export zeekws_runtime under another name.
mod reexport {
    pub use zeekws_runtime as zw;
}

use reexport::zw;

#[derive(zw::ZeekRecord, Debug, PartialEq)]
#[zeek(crate = "reexport::zw", name = "App::Inner")]
struct Inner {
    a: u64,
}

#[derive(zw::ZeekEnum, Debug, PartialEq)]
#[zeek(crate = "reexport::zw", name = "transport_proto")]
#[allow(non_camel_case_types)]
enum Proto {
    tcp,
    udp,
}

#[derive(zw::ZeekEvent, Debug, PartialEq)]
#[zeek(crate = "reexport::zw", name = "App::seen")]
struct Seen {
    i: Inner,
    p: Proto,
}

fn main() {
    let frame = zw::json::encode_event(
        "t",
        &Seen {
            i: Inner { a: 1 },
            p: Proto::udp,
        },
    );
    let (_, back) = zw::json::decode_event::<Seen>(&frame).unwrap().into_parts().unwrap();
    assert_eq!(
        back,
        Seen {
            i: Inner { a: 1 },
            p: Proto::udp
        }
    );
}
