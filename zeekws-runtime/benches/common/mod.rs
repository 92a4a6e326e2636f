//! What the benchmarks share: the `Conn::log_conn` event they measure, built by the tests'
//! own helper, and the derived `conn_id` types.
#![allow(dead_code)]

#[path = "../../tests/common/conn.rs"]
pub mod conn;

use std::collections::BTreeSet;

use conn::{ConnId, TransportProto};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Timespan, Timestamp, Value, ZeekEvent, ZeekRecord};

/// `Conn::Info` with `ip_proto` and `community_id` loaded (20 fields), derived.
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::Info")]
pub struct ConnInfo {
    pub ts: Timestamp,
    pub uid: String,
    pub id: ConnId,
    pub proto: TransportProto,
    pub service: Option<String>,
    pub duration: Option<Timespan>,
    pub orig_bytes: Option<u64>,
    pub resp_bytes: Option<u64>,
    pub conn_state: Option<String>,
    pub local_orig: Option<bool>,
    pub local_resp: Option<bool>,
    pub missed_bytes: u64,
    pub history: Option<String>,
    pub orig_pkts: Option<u64>,
    pub orig_ip_bytes: Option<u64>,
    pub resp_pkts: Option<u64>,
    pub resp_ip_bytes: Option<u64>,
    pub tunnel_parents: Option<BTreeSet<String>>,
    pub ip_proto: Option<u64>,
    pub community_id: Option<String>,
}

/// `Conn::log_conn(rec: Conn::Info)`, derived.
#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::log_conn")]
pub struct LogConn {
    pub rec: ConnInfo,
}

/// A `Conn::log_conn(Conn::Info)` event as Zeek 8.2 sends it with `ip_proto` and
/// `community_id` loaded: 20 fields, both `local_*` flags set, the last two unset (1403 bytes
/// as a data message on topic `zeek/conn`).
pub fn conn_event() -> Event {
    conn::log_conn(
        Value::String("ssl".into()),
        Value::Boolean(true),
        Value::Boolean(false),
        [Value::None, Value::None],
    )
}

/// A bare tokio-tungstenite client socket, with Nagle's algorithm off as the zeekws client
/// and MockZeek have it: a baseline that waits for a delayed ACK at the end of a burst
/// would flatter every ratio to it.
pub async fn connect_bare(
    url: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    tokio_tungstenite::connect_async_with_config(url, None, true)
        .await
        .unwrap()
        .0
}

thread_local! {
    /// (name, events, seconds) accumulated from every measured iteration of a throughput
    /// bench (relay, client).
    static TOTALS: std::cell::RefCell<Vec<(&'static str, u64, f64)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Adds one measured iteration to the tally of `name`.
pub fn record(name: &'static str, events: u64, took: std::time::Duration) {
    TOTALS.with(|t| {
        let mut t = t.borrow_mut();
        match t.iter_mut().find(|(n, ..)| *n == name) {
            Some(e) => {
                e.1 += events;
                e.2 += took.as_secs_f64();
            }
            None => t.push((name, events, took.as_secs_f64())),
        }
    });
}

/// Every tally so far, in the order first recorded.
pub fn totals() -> Vec<(&'static str, u64, f64)> {
    TOTALS.with(|t| t.borrow().clone())
}

/// Events per second of the tally `name`, over every measured iteration.
pub fn rate(name: &str) -> Option<f64> {
    TOTALS.with(|t| {
        t.borrow()
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|(_, events, secs)| *events as f64 / secs)
    })
}

/// `BENCH --once PATH N`: when those are the arguments, runs `run(PATH, N)` (events/s, or
/// `None` for an unknown path), prints the rate and returns true; exits with status 2 on
/// bad arguments. False otherwise: the bench runs criterion.
pub fn run_once(bench: &str, paths: &[&str], run: impl FnOnce(&str, u64) -> Option<f64>) -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [flag, path, n] = args.as_slice() else {
        return false;
    };
    if flag != "--once" {
        return false;
    }
    match n.parse().ok().and_then(|n| run(path, n)) {
        Some(r) => println!("{path} {n}: {r:.0} events/s"),
        None => {
            eprintln!("error: usage: {bench} --once PATH N, with PATH one of {paths:?}");
            std::process::exit(2);
        }
    }
    true
}
