//! The client against MockZeek through real sockets on 127.0.0.1: the scenarios of
//! spec/zeek-server.md section 8 that a client library sees, plus the client's own features.

mod common;

use std::time::Duration;

use common::{Seen, WAIT, app_zeek, next, raw, send};
use futures_util::StreamExt;
use tokio::time::timeout;
use zeekws_runtime::client::{Error, Received, ReconnectPolicy};
use zeekws_runtime::protocol::{ErrorCode, Event};
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Timestamp, Value, ZeekEvent};

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
struct Ping {
    msg: String,
    c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::pong")]
struct Pong {
    msg: String,
    c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::hello")]
struct Hello {
    n: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum AppEvent {
    Ping(Ping),
    Pong(Pong),
    Hello(Hello),
}

async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    timeout(WAIT, f).await.expect("timed out")
}

/// Scenario 1: ack, then five pings answered by pongs on the same topic; no self-echo.
#[tokio::test]
async fn normal_flow_five_pings_and_pongs() {
    let zeek = MockZeek::builder()
        .event::<Ping>()
        .event::<Pong>()
        .respond(|topic, ev| {
            (ev.name == "App::ping").then(|| {
                let c = ev.args[1].as_count().unwrap_or(0);
                (
                    topic.to_owned(),
                    Event::new(
                        "App::pong",
                        [Value::from("my-message"), Value::Count(c + 1)],
                    ),
                )
            })
        })
        .start()
        .await
        .unwrap();
    let mut client = within(
        Client::builder(zeek.url())
            .subscribe(["/zeek/event/my_topic"])
            .connect(),
    )
    .await
    .unwrap();
    let ack = client.ack();
    assert!(ack.endpoint.contains("-websocket-0"), "{ack:?}");
    assert_eq!(ack.version, "8.2.2");
    for i in 0..5 {
        let ping = Ping {
            msg: format!("s{i}"),
            c: i,
        };
        client.publish("/zeek/event/my_topic", &ping).await.unwrap();
        // An AppEvent::Ping here would be our own echo.
        let got: AppEvent = within(client.recv_event()).await.unwrap();
        assert_eq!(
            got,
            AppEvent::Pong(Pong {
                msg: "my-message".into(),
                c: i + 1
            })
        );
    }
    client.close().await.unwrap();
}

/// Scenarios 3 and 4: distinct endpoints; a ping from any client reaches all three pongs;
/// `clients()` lists names and sorted, de-duplicated subscriptions.
#[tokio::test]
async fn three_clients_distinct_endpoints_and_fan_out() {
    let zeek = app_zeek().start().await.unwrap();
    let mut clients = Vec::new();
    for i in 0..3 {
        let c = Client::builder(zeek.url())
            .subscribe(["/test/pongs", "/test/clients", "/test/pongs"])
            .application_name(format!("client-{i}"))
            .connect()
            .await
            .unwrap();
        clients.push(c);
    }
    let mut endpoints: Vec<String> = clients.iter().map(|c| c.ack().endpoint).collect();
    endpoints.sort();
    endpoints.dedup();
    assert_eq!(endpoints.len(), 3);
    let listed = zeek.clients();
    assert_eq!(listed.len(), 3);
    for info in &listed {
        assert_eq!(info.subscriptions, ["/test/clients", "/test/pongs"]);
        assert!(
            info.application_name
                .as_deref()
                .unwrap()
                .starts_with("client-")
        );
    }
    clients[1]
        .publish(
            "/test/pings",
            &Ping {
                msg: "x".into(),
                c: 1,
            },
        )
        .await
        .unwrap();
    for c in &mut clients {
        let pong: Pong = within(c.recv_event()).await.unwrap();
        assert_eq!(
            pong,
            Pong {
                msg: "x".into(),
                c: 2
            }
        );
    }
}

/// Scenario 7 with a typed client: server errors arrive as `Error::Server`, per message;
/// the connection survives and the next ping is answered.
#[tokio::test]
async fn server_errors_are_per_message() {
    let zeek = MockZeek::builder()
        .event::<Ping>()
        .ping_pong("App::ping", "App::pong", "/test/pongs")
        .start()
        .await
        .unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let wrong = Event::new("App::ping", [Value::Count(1), Value::from("swapped")]);
    client.publish("/test/pings", &wrong).await.unwrap();
    client
        .publish(
            "/test/pings",
            &Event::new("App::ping", [Value::from("one-arg")]),
        )
        .await
        .unwrap();
    client
        .publish_raw(r#"{"type":"data-message","topic":"/t","@data-type":"money","data":1}"#)
        .await
        .unwrap();
    client
        .publish_raw(r#"{"type":"data-message","@data-type":"count","data":1}"#)
        .await
        .unwrap();
    client
        .publish_value("/test/pings", &Value::Count(1))
        .await
        .unwrap();
    client
        .publish(
            "/test/pings",
            &Ping {
                msg: "ok".into(),
                c: 7,
            },
        )
        .await
        .unwrap();
    let contexts = [
        "failed to create Zeek event",
        "failed to create Zeek event",
        "failed to decode JSON object",
        "no topic in top-level JSON object",
        "failed to create Zeek event",
    ];
    for want in contexts {
        match within(client.recv_event::<Pong>()).await {
            Err(Error::Server(e)) => {
                assert_eq!(e.code, ErrorCode::DeserializationFailed);
                assert_eq!(e.context, want);
            }
            other => panic!("expected server error {want:?}, got {other:?}"),
        }
    }
    let pong: Pong = within(client.recv_event()).await.unwrap();
    assert_eq!(
        pong,
        Pong {
            msg: "ok".into(),
            c: 8
        }
    );
}

/// A frame that does not decode into the requested type fails that receive only.
#[tokio::test]
async fn decode_errors_are_per_message() {
    let zeek = MockZeek::start().await.unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["zeek."])
        .connect()
        .await
        .unwrap();
    zeek.publish("zeek.test", &Hello { n: 1 }).await;
    zeek.publish(
        "zeek.test",
        &Pong {
            msg: "p".into(),
            c: 2,
        },
    )
    .await;
    zeek.publish("zeek.test", &Event::new("App::pong", [Value::Count(1)]))
        .await;
    zeek.publish(
        "zeek.test",
        &Pong {
            msg: "q".into(),
            c: 3,
        },
    )
    .await;
    let err = within(client.recv_event::<Pong>()).await.unwrap_err();
    assert!(matches!(err, Error::Decode(_)) && !err.is_fatal(), "{err}");
    assert!(err.to_string().contains("App::hello"), "{err}");
    assert_eq!(within(client.recv_event::<Pong>()).await.unwrap().c, 2);
    let err = within(client.recv_event::<Pong>()).await.unwrap_err();
    assert!(err.to_string().contains("App::pong"), "{err}");
    assert_eq!(within(client.recv_event::<Pong>()).await.unwrap().c, 3);
    // The raw forms.
    zeek.publish("zeek.test", &Hello { n: 9 }).await;
    let msg = within(client.recv_message()).await.unwrap();
    assert_eq!(msg.to_event::<Hello>().unwrap(), Hello { n: 9 });
}

/// Scenario 5 and 8 from the client's side.
#[tokio::test]
async fn wrong_path_and_bad_application_name_are_refused() {
    let zeek = MockZeek::start().await.unwrap();
    let err = Client::builder(format!("{}/v0/messages/json", zeek.base_url()))
        .connect()
        .await
        .unwrap_err();
    match err {
        Error::Rejected(e) => {
            assert_eq!(e.code, ErrorCode::InvalidUri);
            assert_eq!(e.context, "Invalid URI - use /v1/messages/json");
        }
        other => panic!("{other:?}"),
    }
    let err = Client::builder(zeek.url())
        .application_name("!!invalid~~")
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidApplicationName(_)), "{err}");
    assert!(err.to_string().contains("[-/_.=:*@a-zA-Z0-9]+"), "{err}");
    // A header set by hand is checked as well; the server's own check closes with 1008.
    let err = Client::builder(zeek.url())
        .header("x-application-name", "bad name")
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidApplicationName(_)), "{err}");
    let mut ws = raw(&zeek.url(), &[("X-Application-Name", "!!invalid~~")]).await;
    assert!(
        matches!(next(&mut ws, WAIT).await, Seen::Frame(f) if f.contains("invalid_application_name"))
    );
    assert_eq!(
        next(&mut ws, WAIT).await,
        Seen::Closed(1008, "Invalid X-Application-Name".into())
    );
    // A good name is reported.
    let _c = Client::builder(zeek.url())
        .application_name("super-duper_app/1.0:x=y@z*")
        .connect()
        .await
        .unwrap();
    assert_eq!(
        zeek.clients()[0].application_name.as_deref(),
        Some("super-duper_app/1.0:x=y@z*")
    );
}

/// A server that upgrades but never acks (Zeek 8 after a bad subscription, or without a
/// cluster backend): the ack timeout says so. A PING before the ack is answered, not taken
/// for the ack.
#[tokio::test]
async fn ack_timeout_and_ping_before_ack() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let (tcp, url) = common::fake_server().await;
    let server = tokio::spawn(async move {
        // First connection: never acks.
        let mut ws = common::accept_ws(&tcp).await;
        let _subs = ws.next().await;
        let silent = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(3)).await;
            drop(ws);
        });
        // Second: ping first, then ack once the pong came back.
        let mut ws = common::accept_ws(&tcp).await;
        let subs = ws.next().await.unwrap().unwrap();
        assert_eq!(subs.to_text().unwrap(), r#"["a"]"#);
        ws.send(Message::Ping("ixwebsocket::heartbeat::5s::0".into()))
            .await
            .unwrap();
        let pong = timeout(WAIT, ws.next()).await.unwrap().unwrap().unwrap();
        assert!(matches!(pong, Message::Pong(_)), "{pong:?}");
        ws.send(Message::text(
            r#"{"type":"ack","endpoint":"e-websocket-1","version":"8.2.2"}"#,
        ))
        .await
        .unwrap();
        let _ = timeout(WAIT, ws.next()).await;
        silent.abort();
    });
    let err = Client::builder(&url)
        .subscribe(["a"])
        .ack_timeout(Duration::from_millis(300))
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AckTimeout { .. }), "{err}");
    assert!(err.to_string().contains("no ack within"), "{err}");
    let client = within(Client::builder(&url).subscribe(["a"]).connect())
        .await
        .unwrap();
    assert_eq!(client.ack().endpoint, "e-websocket-1");
    drop(client);
    within(server).await.unwrap();
}

/// Scenario 9: `[]` subscribes to nothing and may publish; 32 rounds all arrive.
#[tokio::test]
async fn empty_subscriptions_publish_only_32_rounds() {
    let zeek = app_zeek().start().await.unwrap();
    for i in 0..32u64 {
        let client = Client::builder(zeek.url()).connect().await.unwrap();
        client
            .publish(
                "/test/pings",
                &Ping {
                    msg: "empty-subs".into(),
                    c: i,
                },
            )
            .await
            .unwrap();
        client.close().await.unwrap();
        let p = within(zeek.next_published()).await;
        assert_eq!(p.event.args[1], Value::Count(i));
    }
}

/// Scenario 10: 100 events then an immediate close: all delivered, in order.
#[tokio::test]
async fn fire_and_forget_flushes_on_close() {
    let zeek = app_zeek().start().await.unwrap();
    let client = Client::builder(zeek.url()).connect().await.unwrap();
    for i in 0..100u64 {
        client
            .publish(
                "/test/pings",
                &Ping {
                    msg: "f".into(),
                    c: i,
                },
            )
            .await
            .unwrap();
    }
    client.close().await.unwrap();
    for i in 0..100u64 {
        let p = within(zeek.next_published()).await;
        assert_eq!(p.event.args[1], Value::Count(i));
    }
}

/// Scenario 11: three match-all clients each receive every event Zeek publishes.
#[tokio::test]
async fn match_all_subscription() {
    let zeek = MockZeek::start().await.unwrap();
    let mut clients = Vec::new();
    for _ in 0..3 {
        clients.push(
            Client::builder(zeek.url())
                .subscribe([""])
                .connect()
                .await
                .unwrap(),
        );
    }
    for (i, topic) in ["a", "/b/c", ""].iter().enumerate() {
        assert_eq!(zeek.publish(topic, &Hello { n: i as u64 }).await, 3);
    }
    for c in &mut clients {
        for i in 0..3u64 {
            let (_, h): (String, Hello) = within(c.recv_event_on()).await.unwrap();
            assert_eq!(h.n, i);
        }
    }
}

/// Scenario 12: a client that does not answer pings is closed with 1011; ours answers and
/// stays connected past several intervals.
#[tokio::test]
async fn ping_timeout_closes_silent_clients_only() {
    let zeek = app_zeek()
        .ping_interval(Some(Duration::from_millis(200)))
        .start()
        .await
        .unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let mut silent = raw(&zeek.url(), &[]).await;
    send(&mut silent, "[]").await;
    // Do not read (so no pongs) for several intervals.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let mut seen = Vec::new();
    loop {
        match next(&mut silent, WAIT).await {
            Seen::Closed(code, reason) => {
                assert_eq!((code, reason.as_str()), (1011, "Ping timeout"), "{seen:?}");
                break;
            }
            Seen::Nothing => panic!("no close: {seen:?}"),
            other => seen.push(other),
        }
    }
    client
        .publish(
            "/test/pings",
            &Ping {
                msg: "alive".into(),
                c: 1,
            },
        )
        .await
        .unwrap();
    let pong: Pong = within(client.recv_event()).await.unwrap();
    assert_eq!(pong.c, 2);
}

/// Scenario 13: shutdown while clients flood: every client sees 1001 `Terminating`.
#[tokio::test]
async fn shutdown_closes_everyone_with_1001() {
    let zeek = app_zeek().client_queue(4).start().await.unwrap();
    let mut receivers = Vec::new();
    let mut floods = Vec::new();
    for _ in 0..3 {
        let client = Client::builder(zeek.url())
            .subscribe(["/test/"])
            .queue_capacity(8)
            .connect()
            .await
            .unwrap();
        let (publisher, receiver) = client.split();
        floods.push(tokio::spawn(async move {
            let mut i = 0u64;
            while publisher
                .publish(
                    "/test/pings",
                    &Ping {
                        msg: "flood".into(),
                        c: i,
                    },
                )
                .await
                .is_ok()
            {
                i += 1;
            }
        }));
        receivers.push(receiver);
    }
    // Receivers read on concurrently, as an application would.
    let readers: Vec<_> = receivers
        .into_iter()
        .map(|mut r| {
            tokio::spawn(async move {
                loop {
                    if let Err(e) = r.recv_frame().await {
                        return e;
                    }
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    within(zeek.shutdown()).await;
    for r in readers {
        let end = within(r).await.unwrap();
        assert_eq!(end.close_code(), Some(1001), "{end}");
        assert!(end.to_string().contains("Terminating"), "{end}");
    }
    for f in floods {
        within(f).await.unwrap();
    }
}

/// Scenario 14: metadata sent by the client reaches Zeek; pongs carry none.
#[tokio::test]
async fn metadata_reaches_zeek() {
    let zeek = app_zeek().start().await.unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let ts = Timestamp::from_nanos(1_715_000_000_123_000_000);
    let ping =
        Event::new("App::ping", [Value::from("meta"), Value::Count(1)]).with_network_timestamp(ts);
    client.publish("/test/pings", &ping).await.unwrap();
    let p = within(zeek.next_published()).await;
    assert_eq!(p.event.network_timestamp(), Some(ts));
    let pong: Event = within(client.recv_event()).await.unwrap();
    assert_eq!(pong.metadata, None);
}

/// Scenario 14 with `add_network_timestamp = T`: pongs carry `[[count 1, timestamp]]`, the
/// client's own timestamp echoed when it sent one, else the current network time in whole
/// milliseconds; events MockZeek publishes itself are stamped too.
#[tokio::test]
async fn network_timestamps_when_enabled() {
    let zeek = app_zeek().network_timestamps(true).start().await.unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs", "zeek.test"])
        .connect()
        .await
        .unwrap();
    let ts = Timestamp::from_nanos(6_162_000_000_000);
    let ping =
        Event::new("App::ping", [Value::from("meta"), Value::Count(1)]).with_network_timestamp(ts);
    client.publish("/test/pings", &ping).await.unwrap();
    let pong: Event = within(client.recv_event()).await.unwrap();
    assert_eq!(pong.network_timestamp(), Some(ts));

    let before = Timestamp::now();
    client
        .publish(
            "/test/pings",
            &Ping {
                msg: "plain".into(),
                c: 2,
            },
        )
        .await
        .unwrap();
    let pong: Event = within(client.recv_event()).await.unwrap();
    let stamped = pong.network_timestamp().expect("network timestamp");
    assert_eq!(stamped.as_nanos() % 1_000_000, 0, "milliseconds only");
    assert!(stamped.as_nanos() >= before.as_nanos() - 1_000_000);

    zeek.publish("zeek.test", &Hello { n: 1 }).await;
    let hello: Event = within(client.recv_event()).await.unwrap();
    assert_eq!(hello.metadata.as_ref().map(Vec::len), Some(1));
}

/// Scenario 17 and split: a publisher used from another task while receiving; close leaves
/// the server's client list.
#[tokio::test]
async fn split_publisher_and_receiver_concurrently() {
    let zeek = app_zeek().start().await.unwrap();
    let client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let (publisher, mut receiver) = client.split();
    let tasks: Vec<_> = (0..4u64)
        .map(|t| {
            let p = publisher.clone();
            tokio::spawn(async move {
                for i in 0..25u64 {
                    p.publish(
                        "/test/pings",
                        &Ping {
                            msg: format!("t{t}"),
                            c: i,
                        },
                    )
                    .await
                    .unwrap();
                }
            })
        })
        .collect();
    let mut counts = [0u64; 4];
    let mut stream = Box::pin(receiver.events::<Pong>());
    for _ in 0..100 {
        let (topic, pong) = within(stream.next()).await.unwrap().unwrap();
        assert_eq!(topic, "/test/pongs");
        let t: usize = pong.msg[1..].parse().unwrap();
        // Per publisher, order is kept.
        assert_eq!(pong.c, counts[t] + 1);
        counts[t] += 1;
    }
    for t in tasks {
        t.await.unwrap();
    }
    drop(stream);
    publisher.close().await.unwrap();
    within(async {
        while !zeek.clients().is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(matches!(
        receiver.recv_frame().await,
        Err(Error::Disconnected)
    ));
    assert!(publisher.publish("/x", &Hello { n: 1 }).await.is_err());
}

/// Scenario 19: binary frames are read as text; invalid UTF-8 text gets 1007; connections
/// beyond the limit are closed at once.
#[tokio::test]
async fn binary_frames_invalid_utf8_and_connection_limit() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let zeek = app_zeek().max_connections(2).start().await.unwrap();
    let mut a = raw(&zeek.url(), &[]).await;
    a.send(Message::binary(br#"["/test/pongs"]"#.to_vec()))
        .await
        .unwrap();
    assert!(matches!(next(&mut a, WAIT).await, Seen::Frame(f) if common::is_ack(&f)));
    a.send(Message::binary(
        common::ping_frame("/test/pings", "bin", 1).into_bytes(),
    ))
    .await
    .unwrap();
    assert_eq!(
        next(&mut a, WAIT).await,
        Seen::Frame(common::pong_frame("bin", 2))
    );

    let mut b = raw(&zeek.url(), &[]).await;
    // Third connection: refused without an HTTP answer.
    let third = tokio_tungstenite::connect_async(zeek.url()).await;
    assert!(third.is_err(), "the third connection must fail");
    // Invalid UTF-8 in a text frame: a raw frame written by hand (masked, FIN, opcode 1).
    drop(a);
    let _ = &mut b;
    // Wait until the dropped connection's slot is free.
    within(async {
        while !zeek.clients().is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut tcp = tokio::net::TcpStream::connect(zeek.addr()).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let req = format!(
        "GET /v1/messages/json HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        zeek.addr()
    );
    tcp.write_all(req.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 1024];
    let n = within(tcp.read(&mut buf)).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 101"));
    let payload = [0xffu8, 0xfe, b'x'];
    let mask = [1u8, 2, 3, 4];
    let mut frame = vec![0x81, 0x80 | payload.len() as u8];
    frame.extend_from_slice(&mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    tcp.write_all(&frame).await.unwrap();
    let n = within(tcp.read(&mut buf)).await.unwrap();
    assert!(
        n >= 4 && buf[0] == 0x88,
        "expected a close frame: {:?}",
        &buf[..n]
    );
    assert_eq!(u16::from_be_bytes([buf[2], buf[3]]), 1007);
}

/// Reconnect after the server drops: the client reports it, re-subscribes, and continues.
#[tokio::test]
async fn reconnects_after_the_server_drops() {
    let first = app_zeek().start().await.unwrap();
    let addr = first.addr();
    let mut client = Client::builder(first.url())
        .subscribe(["/test/pongs"])
        .reconnect(
            ReconnectPolicy::default()
                .initial_delay(Duration::from_millis(20))
                .max_delay(Duration::from_millis(200)),
        )
        .connect()
        .await
        .unwrap();
    let old = client.ack();
    first.shutdown().await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second = app_zeek().bind(addr).start().await.unwrap();
    match within(client.recv::<Pong>()).await.unwrap() {
        Received::Reconnected { ack, cause } => {
            assert_ne!(ack.endpoint, old.endpoint);
            assert_eq!(cause.close_code(), Some(1001), "{cause}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(client.ack().endpoint, second.clients()[0].endpoint);
    client
        .publish(
            "/test/pings",
            &Ping {
                msg: "again".into(),
                c: 1,
            },
        )
        .await
        .unwrap();
    let pong: Pong = within(client.recv_event()).await.unwrap();
    assert_eq!(pong.msg, "again");
}

/// Without reconnect, the close code and reason are surfaced once, then `Disconnected`.
#[tokio::test]
async fn close_code_surfaces_without_reconnect() {
    let zeek = MockZeek::start().await.unwrap();
    let mut client = Client::builder(zeek.url()).connect().await.unwrap();
    zeek.shutdown().await;
    let err = within(client.recv_message()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Closed { code: 1001, reason } if reason == "Terminating"),
        "{err}"
    );
    assert!(err.is_fatal());
    assert!(matches!(
        client.recv_message().await,
        Err(Error::Disconnected)
    ));
}

/// Our own pings detect a peer that stopped answering.
#[tokio::test]
async fn own_pings_detect_a_dead_peer() {
    let (tcp, url) = common::fake_server().await;
    let server = tokio::spawn(async move {
        let mut ws = common::accept_ws(&tcp).await;
        let _ = ws.next().await;
        use futures_util::SinkExt;
        ws.send(tokio_tungstenite::tungstenite::Message::text(
            r#"{"type":"ack","endpoint":"e","version":"v"}"#,
        ))
        .await
        .unwrap();
        // Then never read again: our pings stay unanswered.
        tokio::time::sleep(Duration::from_secs(3)).await;
        drop(ws);
    });
    let mut client = Client::builder(&url)
        .ping_interval(Duration::from_millis(100))
        .ping_timeout(Duration::from_millis(200))
        .connect()
        .await
        .unwrap();
    let err = within(client.recv_message()).await.unwrap_err();
    assert!(matches!(err, Error::PingTimeout { .. }), "{err}");
    server.abort();
}

/// A 16 MiB event goes through with the default maximum message size.
#[tokio::test]
async fn sixteen_mib_events_fit_the_default_limit() {
    let zeek = app_zeek().start().await.unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let big = "x".repeat(16 << 20);
    client
        .publish(
            "/test/pings",
            &Ping {
                msg: big.clone(),
                c: 1,
            },
        )
        .await
        .unwrap();
    let pong: Pong = timeout(Duration::from_secs(30), client.recv_event())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pong.msg.len(), big.len());
}

/// Scenario 19: Zeek does not look at `type`; a topic that is not a string is no topic.
#[tokio::test]
async fn type_is_ignored_and_topic_required() {
    let zeek = app_zeek().start().await.unwrap();
    let mut ws = raw(&zeek.url(), &[]).await;
    send(&mut ws, r#"["/test/pongs"]"#).await;
    assert!(matches!(next(&mut ws, WAIT).await, Seen::Frame(f) if common::is_ack(&f)));
    let ping = common::ping_frame("/test/pings", "typed-foo", 1);
    send(&mut ws, &ping.replacen("data-message", "foo", 1)).await;
    assert_eq!(
        next(&mut ws, WAIT).await,
        Seen::Frame(common::pong_frame("typed-foo", 2))
    );
    let untyped = common::ping_frame("/test/pings", "untyped", 3).replacen(
        r#""type": "data-message", "#,
        "",
        1,
    );
    send(&mut ws, &untyped).await;
    assert_eq!(
        next(&mut ws, WAIT).await,
        Seen::Frame(common::pong_frame("untyped", 4))
    );
    let numeric_topic = common::ping_frame("/test/pings", "x", 1).replacen(
        r#""topic": "/test/pings""#,
        r#""topic": 5"#,
        1,
    );
    send(&mut ws, &numeric_topic).await;
    assert_eq!(
        next(&mut ws, WAIT).await,
        Seen::Frame(
            r#"{"type":"error","code":"deserialization_failed","context":"no topic in top-level JSON object"}"#
                .into()
        )
    );
}

/// Scenario 18 from the client's side: a Broker-hosted server (Zeek 5-7) acks with libbroker's
/// version, sends 3-element events (metadata) and errors under `message`.
#[tokio::test]
async fn legacy_broker_server_forms() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let (tcp, url) = common::fake_server().await;
    let server = tokio::spawn(async move {
        let mut ws = common::accept_ws(&tcp).await;
        let _subs = ws.next().await;
        for text in [
            r#"{"type": "ack", "endpoint": "925c9929-9a7e-5ba4-a0c5-5d4e4bd2f0f3", "version": "2.8.0-dev"}"#,
            r#"{"type": "data-message", "topic": "/topic/test", "@data-type": "vector", "data": [{"@data-type": "count", "data": 1}, {"@data-type": "count", "data": 1}, {"@data-type": "vector", "data": [{"@data-type": "string", "data": "App::pong"}, {"@data-type": "vector", "data": [{"@data-type": "string", "data": "old"}, {"@data-type": "count", "data": 2}]}, {"@data-type": "vector", "data": [{"@data-type": "vector", "data": [{"@data-type": "count", "data": 1}, {"@data-type": "timestamp", "data": "2023-04-18T12:13:14.000"}]}]}]}]}"#,
            r#"{"type": "error", "code": "deserialization_failed", "message": "input #1 contained invalid data"}"#,
        ] {
            ws.send(Message::text(text)).await.unwrap();
        }
        // Dropping the client closes the connection at once (code 1000).
        let closed = timeout(Duration::from_secs(1), ws.next()).await;
        assert!(
            matches!(closed, Ok(Some(Ok(Message::Close(Some(ref f))))) if u16::from(f.code) == 1000),
            "{closed:?}"
        );
    });
    let mut client = Client::builder(&url)
        .subscribe(["/topic/test"])
        .connect()
        .await
        .unwrap();
    assert_eq!(client.ack().version, "2.8.0-dev");
    let pong: Pong = within(client.recv_event()).await.unwrap();
    assert_eq!(
        pong,
        Pong {
            msg: "old".into(),
            c: 2
        }
    );
    match within(client.recv_event::<Pong>()).await {
        Err(Error::Server(e)) => assert_eq!(e.context, "input #1 contained invalid data"),
        other => panic!("{other:?}"),
    }
    drop(client);
    within(server).await.unwrap();
}

/// Scenario 3: two clients pipeline five pings each before reading; each gets its ack, then
/// all ten pongs, in the same order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_pipelining_see_the_same_order() {
    let zeek = MockZeek::builder()
        .ping_pong("App::ping", "App::pong", "/test/clients")
        .start()
        .await
        .unwrap();
    let mut a = raw(&zeek.url(), &[]).await;
    let mut b = raw(&zeek.url(), &[]).await;
    // Both subscribe (and are acked, unread) before the pings, as the btest's manager waits
    // for both clients; then both pipeline their pings at once.
    send(&mut a, r#"["/test/clients","/test/client-0"]"#).await;
    send(&mut b, r#"["/test/clients","/test/client-1"]"#).await;
    timeout(WAIT, zeek.wait_for_clients(2)).await.unwrap();
    tokio::join!(
        async {
            for i in 0..5 {
                send(&mut a, &common::ping_frame("/test/manager", "a", i)).await;
            }
        },
        async {
            for i in 0..5 {
                send(&mut b, &common::ping_frame("/test/manager", "b", i)).await;
            }
        }
    );
    let mut orders = Vec::new();
    for ws in [&mut a, &mut b] {
        assert!(matches!(next(ws, WAIT).await, Seen::Frame(f) if common::is_ack(&f)));
        let mut got = Vec::new();
        for _ in 0..10 {
            match next(ws, WAIT).await {
                Seen::Frame(f) => got.push(f),
                other => panic!("{other:?}"),
            }
        }
        orders.push(got);
    }
    assert_eq!(orders[0], orders[1]);
    for who in ["a", "b"] {
        let mine: Vec<_> = orders[0]
            .iter()
            .filter(|f| f.contains(&format!(r#""data":"{who}""#)))
            .collect();
        assert_eq!(mine.len(), 5, "{who}: {mine:?}");
    }
}

/// Scenario 19: an upgrade without `Sec-WebSocket-Version: 13` gets HTTP 400, no JSON.
#[tokio::test]
async fn upgrade_without_version_13_gets_http_400() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let zeek = MockZeek::start().await.unwrap();
    let mut tcp = tokio::net::TcpStream::connect(zeek.addr()).await.unwrap();
    let req = format!(
        "GET /v1/messages/json HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 12\r\n\r\n",
        zeek.addr()
    );
    tcp.write_all(req.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 1024];
    let n = within(tcp.read(&mut buf)).await.unwrap();
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}

/// MockZeek forwards a canonical frame as it came when nothing records published events
/// (history 0) and decodes and encodes every other one; a subscriber cannot tell the two
/// paths apart: the same event in any spelling arrives as the same bytes, and what the full
/// path refuses is still refused.
#[tokio::test]
async fn relaying_as_is_and_reencoding_send_the_same_bytes() {
    use zeekws_runtime::{Port, Subnet, Timespan};
    for history in [0, 10] {
        let zeek = MockZeek::builder()
            .accept_unknown_events(true)
            .history(history)
            .start()
            .await
            .unwrap();
        let mut publisher = raw(&zeek.url(), &[]).await;
        let mut subscriber = raw(&zeek.url(), &[]).await;
        send(&mut publisher, "[]").await;
        send(&mut subscriber, r#"["/t"]"#).await;
        for ws in [&mut publisher, &mut subscriber] {
            assert!(matches!(next(ws, WAIT).await, Seen::Frame(f) if common::is_ack(&f)));
        }
        let set = Value::set(vec![Value::from("b"), Value::from("a")]);
        let event = Event::new(
            "Test::all",
            [
                Value::Count(7),
                Value::Integer(-3),
                Value::from("plain"),
                Value::Address("2001:db8::1".parse().unwrap()),
                Value::Port(Port::parse("80/tcp").unwrap()),
                Value::Subnet(Subnet::parse("10.0.0.0/8").unwrap()),
                Value::Timestamp(Timestamp::parse("2014-07-09T10:16:44.123").unwrap()),
                Value::Timespan(Timespan::parse("1500ms").unwrap()),
                Value::Vector(vec![set, Value::None, Value::Boolean(true)]),
            ],
        );
        let canonical = zeekws_runtime::json::encode_event("/t", &event);
        let spelled = [
            canonical.clone(),
            // Whitespace and a long IPv6 form: decoded and encoded again.
            canonical
                .replace(",\"", ", \"")
                .replacen("2001:db8::1", "2001:0db8:0:0:0:0:0:1", 1),
        ];
        // The first takes the as-is path (with history 0), the second the full one.
        let recognised =
            |f: &str| zeekws_runtime::server::__fuzz::canonical_event(f.as_bytes()).is_some();
        assert!(recognised(&spelled[0]) && !recognised(&spelled[1]));
        for frame in &spelled {
            send(&mut publisher, frame).await;
            assert_eq!(
                next(&mut subscriber, WAIT).await,
                Seen::Frame(canonical.clone()),
                "history {history}, sent {frame}"
            );
        }
        // A refused event is refused either way, and nothing reaches the subscriber.
        let refused = canonical.replacen("\"data\":1}", "\"data\":2}", 1);
        send(&mut publisher, &refused).await;
        assert!(
            matches!(next(&mut publisher, WAIT).await, Seen::Frame(f) if f.contains("\"type\":\"error\"")),
            "history {history}"
        );
        assert_eq!(
            next(&mut subscriber, Duration::from_millis(200)).await,
            Seen::Nothing
        );
    }
}

/// A burst written faster than the application receives: the socket task batches what is
/// ready, and every frame still comes out whole and in order, whatever its size, with pings
/// and binary frames between them and the receiver pausing so that the queue fills.
#[tokio::test]
async fn a_burst_arrives_whole_and_in_order() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::{Bytes, Message};
    const FRAMES: usize = 3000;
    // Sizes from empty to 70 KB, so that frames straddle tungstenite's read buffer.
    let frame = |i: usize| {
        let len = match i % 7 {
            0 => 0,
            1 => 1,
            2 => 1403,
            3 => 4096,
            4 => 70_000,
            _ => i % 300,
        };
        format!(
            "{i}:{}",
            char::from(b'a' + (i % 26) as u8).to_string().repeat(len)
        )
    };
    let (tcp, url) = common::fake_server().await;
    let server = tokio::spawn(async move {
        let mut ws = common::accept_ws(&tcp).await;
        let _subscription = ws.next().await;
        ws.send(Message::text(
            r#"{"type":"ack","endpoint":"e","version":"8.2.2"}"#,
        ))
        .await
        .unwrap();
        for i in 0..FRAMES {
            let m = if i % 11 == 0 {
                Message::binary(frame(i).into_bytes())
            } else {
                Message::text(frame(i))
            };
            ws.feed(m).await.unwrap();
            if i % 97 == 0 {
                ws.feed(Message::Ping(Bytes::from_static(b"p")))
                    .await
                    .unwrap();
            }
        }
        ws.flush().await.unwrap();
        // Keep the connection open until the client is done.
        while let Some(Ok(_)) = ws.next().await {}
    });
    let mut client = Client::builder(url.as_str())
        .subscribe(["x"])
        .queue_capacity(4)
        .connect()
        .await
        .unwrap();
    for i in 0..FRAMES {
        if i % 500 == 0 {
            // Fall behind, so that the queue is full and the socket buffers fill up.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let got = within(client.recv_frame()).await.unwrap();
        assert!(got == frame(i), "frame {i} differs: {} bytes", got.len());
    }
    assert_eq!(client.stats().received, FRAMES as u64);
    client.close().await.unwrap();
    server.abort();
}
