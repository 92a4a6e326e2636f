//! What the benchmarks share: the `Conn::log_conn` event they measure, built by the tests'
//! own helper, and the derived `conn_id` types.
#![allow(dead_code)]

#[path = "../../tests/common/conn.rs"]
pub mod conn;

use zeekws_runtime::Value;
use zeekws_runtime::protocol::Event;

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
