//! Shared helpers for the end-to-end tests: a MockZeek serving app.zeek's events, and a raw
//! WebSocket client (tokio-tungstenite) for byte-exact checks. Everything runs on 127.0.0.1.
#![allow(dead_code)]

pub mod app;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use zeekws_runtime::ZeekTypeName as T;
use zeekws_runtime::server::{Field, MockZeekBuilder};

pub type Raw = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A bare TCP listener on 127.0.0.1 for a hand-rolled fake server, and the API URL on it.
pub async fn fake_server() -> (tokio::net::TcpListener, String) {
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/v1/messages/json", tcp.local_addr().unwrap());
    (tcp, url)
}

/// Accepts the next connection on a fake server's listener and completes the upgrade.
pub async fn accept_ws(tcp: &tokio::net::TcpListener) -> WebSocketStream<TcpStream> {
    let (s, _) = tcp.accept().await.unwrap();
    tokio_tungstenite::accept_async(s).await.unwrap()
}

/// Every wait in these tests is bounded by this.
pub const WAIT: Duration = Duration::from_secs(5);

/// A MockZeek that knows app.zeek's types and events and answers `App::ping` like app.zeek.
pub fn app_zeek() -> MockZeekBuilder {
    const INNER: T = T::Named("App::Inner");
    const COLOR: T = T::Named("App::Color");
    zeekws_runtime::server::MockZeek::builder()
        .enum_type("App::Color", ["App::RED", "App::GREEN", "App::BLUE"])
        .enum_type("App::Level", ["App::LOW", "App::HIGH"])
        .enum_type(
            "transport_proto",
            ["unknown_transport", "tcp", "udp", "icmp"],
        )
        .record_type(
            "App::Inner",
            [Field::required(T::Count), Field::optional(T::String)],
        )
        .record_type(
            "App::Everything",
            [
                Field::required(T::Bool),
                Field::required(T::Count),
                Field::required(T::Int),
                Field::required(T::Double),
                Field::required(T::Time),
                Field::required(T::Interval),
                Field::required(T::String),
                Field::required(T::Addr),
                Field::required(T::Addr),
                Field::required(T::Subnet),
                Field::required(T::Port),
                Field::required(COLOR),
                Field::required(T::Named("transport_proto")),
                Field::required(T::Vector(&T::Count)),
                Field::required(T::Set(&T::String)),
                Field::required(T::Set(&T::Tuple(&[T::Addr, T::Port]))),
                Field::required(T::Table(&T::String, &T::Count)),
                Field::required(T::Table(&T::Tuple(&[T::Count, T::String]), &INNER)),
                Field::required(INNER),
                Field::optional(T::Count),
                Field::optional(T::String),
                Field::required(T::Count),
                Field::required(T::Pattern),
                Field::required(T::Interval),
                Field::required(T::Count),
                Field::required(T::Double),
                Field::required(T::Named("App::Level")),
                Field::optional(T::String),
                Field::required(T::Count),
            ],
        )
        .event_types("App::hello", [T::Count])
        .event_types("App::seen", [INNER, COLOR])
        .event_types("App::everything", [T::Named("App::Everything"), T::Count])
        .ping_pong("App::ping", "App::pong", "/test/pongs")
}

/// Connects a raw WebSocket to `url` with extra headers.
pub async fn raw(url: &str, headers: &[(&str, &str)]) -> Raw {
    let mut req = url.into_client_request().expect("request");
    for (k, v) in headers {
        req.headers_mut().insert(
            tokio_tungstenite::tungstenite::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    let (ws, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(req))
        .await
        .expect("connect timed out")
        .expect("connect");
    ws
}

/// What a raw client saw next: a frame's text, a close (code, reason), or nothing in time.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    Frame(String),
    Closed(u16, String),
    Nothing,
}

/// The next text/binary frame or close, skipping pings; `Nothing` after `wait`.
pub async fn next(ws: &mut Raw, wait: Duration) -> Seen {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => return Seen::Nothing,
            Ok(None) => return Seen::Closed(1006, String::new()),
            Ok(Some(Err(_))) => return Seen::Closed(1006, String::new()),
            Ok(Some(Ok(m))) => match m {
                Message::Text(t) => return Seen::Frame(t.as_str().to_owned()),
                Message::Binary(b) => return Seen::Frame(String::from_utf8_lossy(&b).into_owned()),
                Message::Close(Some(f)) => {
                    return Seen::Closed(u16::from(f.code), f.reason.as_str().to_owned());
                }
                Message::Close(None) => return Seen::Closed(1005, String::new()),
                _ => continue,
            },
        }
    }
}

pub async fn send(ws: &mut Raw, text: &str) {
    tokio::time::timeout(WAIT, ws.send(Message::text(text.to_owned())))
        .await
        .expect("send timed out")
        .expect("send");
}

/// An App::ping frame as scenarios.py writes it.
pub fn ping_frame(topic: &str, msg: &str, c: u64) -> String {
    format!(
        r#"{{"type": "data-message", "topic": "{topic}", "@data-type": "vector", "data": [{{"@data-type": "count", "data": 1}}, {{"@data-type": "count", "data": 1}}, {{"@data-type": "vector", "data": [{{"@data-type": "string", "data": "App::ping"}}, {{"@data-type": "vector", "data": [{{"@data-type": "string", "data": "{msg}"}}, {{"@data-type": "count", "data": {c}}}]}}]}}]}}"#
    )
}

/// The pong frame exactly as Zeek 8.2.2 writes it.
pub fn pong_frame(msg: &str, c: u64) -> String {
    format!(
        r#"{{"type":"data-message","topic":"/test/pongs","@data-type":"vector","data":[{{"@data-type":"count","data":1}},{{"@data-type":"count","data":1}},{{"@data-type":"vector","data":[{{"@data-type":"string","data":"App::pong"}},{{"@data-type":"vector","data":[{{"@data-type":"string","data":"{msg}"}},{{"@data-type":"count","data":{c}}}]}}]}}]}}"#
    )
}

/// True when `frame` is an ack (endpoint and version not compared).
pub fn is_ack(frame: &str) -> bool {
    matches!(
        zeekws_runtime::json::decode_message(frame),
        Ok(zeekws_runtime::protocol::Message::Ack(_))
    )
}
