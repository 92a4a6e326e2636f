//! Generic, tuple, unit and nested records compile and round-trip.
use zeekws_runtime::{Port, ZeekRecord, ZeekType, json};

#[derive(ZeekRecord, Debug, PartialEq)]
#[zeek(name = "App::Pair")]
struct Pair<K, V> {
    key: K,
    value: Option<V>,
}

#[derive(ZeekRecord, Debug, PartialEq)]
struct Endpoint(std::net::IpAddr, Port);

#[derive(ZeekRecord, Debug, PartialEq)]
#[zeek(name = "conn_id_ctx", extensible)]
struct Ctx;

fn main() {
    let p = Pair {
        key: "a".to_owned(),
        value: Some(Endpoint([127, 0, 0, 1].into(), Port::tcp(80))),
    };
    let back: Pair<String, Endpoint> = json::from_str(&json::to_string(&p)).unwrap();
    assert_eq!(back, p);
    assert_eq!(<Pair<String, u64>>::ZEEK_TYPE.to_string(), "App::Pair");
    assert_eq!(
        json::from_str::<Ctx>(&json::to_string(&Ctx)).unwrap(),
        Ctx
    );
}
