//! Injected network faults between the client and MockZeek, through an in-process TCP proxy
//! on 127.0.0.1. The proxy delays, splits writes into single bytes, stalls, truncates a
//! frame, resets, closes without a close frame, sends a close frame in the middle of a
//! fragmented message, or answers the upgrade with garbage. For each: the client reports
//! the right error (or reconnects), never waits past its timeouts, never panics, and
//! MockZeek keeps serving its other clients. No timing assertions: every wait is bounded by
//! a generous limit that only a hang would reach.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use zeekws_runtime::client::{ClientBuilder, Error, Received, ReconnectPolicy};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value};

/// Only a hang reaches this.
const LIMIT: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    /// Every chunk, both ways, 20 ms late.
    Delay,
    /// Every byte written on its own, both ways.
    SingleBytes,
    /// After the ack, nothing more reaches the client (the socket stays open).
    Stall,
    /// After the ack, the next frame is cut in half and the connection closed.
    Truncate,
    /// After the ack, the next frame triggers a TCP reset.
    Reset,
    /// After the ack, the next frame triggers a close without a close frame.
    CloseWithoutFrame,
    /// After the ack, a first fragment of a text message, then a close frame (1000).
    CloseMidFragment,
    /// The upgrade is answered with garbage.
    GarbageUpgrade,
}

/// A proxy to `target` applying `fault` to its first connection; later connections (a
/// reconnecting client) pass untouched.
async fn proxy(target: SocketAddr, fault: Fault) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut first = true;
        while let Ok((client, _)) = listener.accept().await {
            let f = if first { Some(fault) } else { None };
            first = false;
            tokio::spawn(relay(client, target, f));
        }
    });
    format!("ws://{addr}/v1/messages/json")
}

async fn relay(mut client: TcpStream, target: SocketAddr, fault: Option<Fault>) {
    let Ok(mut server) = TcpStream::connect(target).await else {
        return;
    };
    if fault == Some(Fault::GarbageUpgrade) {
        let mut buf = [0u8; 4096];
        let _ = client.read(&mut buf).await;
        let _ = client
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello\x00\xff\xfe garbage")
            .await;
        tokio::time::sleep(Duration::from_secs(30)).await;
        return;
    }
    let delay = fault == Some(Fault::Delay);
    let single = fault == Some(Fault::SingleBytes);
    let mut pending: Vec<u8> = Vec::new();
    let mut past_http = false;
    let mut frames_passed = 0usize;
    let (mut up, mut down) = (vec![0u8; 16 * 1024], vec![0u8; 16 * 1024]);
    loop {
        tokio::select! {
            // Client to server: passes (delayed or byte by byte where asked).
            r = client.read(&mut up) => {
                let n = match r { Ok(0) | Err(_) => return, Ok(n) => n };
                if delay {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                if write(&mut server, &up[..n], single).await.is_err() {
                    return;
                }
            }
            // Server to client: the HTTP response and the ack pass; then the fault.
            r = server.read(&mut down) => {
                let n = match r { Ok(0) | Err(_) => return, Ok(n) => n };
                if delay {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                pending.extend_from_slice(&down[..n]);
                loop {
                    if !past_http {
                        let Some(end) = find(&pending, b"\r\n\r\n") else { break };
                        let head: Vec<u8> = pending.drain(..end + 4).collect();
                        if write(&mut client, &head, single).await.is_err() {
                            return;
                        }
                        past_http = true;
                        continue;
                    }
                    let Some(len) = frame_len(&pending) else { break };
                    let frame: Vec<u8> = pending.drain(..len).collect();
                    // Frame 0 is the ack; after it, the fault.
                    let now = frames_passed >= 1;
                    frames_passed += 1;
                    match fault {
                        Some(Fault::Stall) if now => {
                            // Both sockets stay open; nothing more is forwarded.
                            tokio::time::sleep(Duration::from_secs(60)).await;
                            return;
                        }
                        Some(Fault::Truncate) if now => {
                            let _ = client.write_all(&frame[..frame.len() / 2]).await;
                            let _ = client.shutdown().await;
                            return;
                        }
                        Some(Fault::Reset) if now => {
                            // SO_LINGER 0: closing sends RST instead of FIN.
                            #[allow(deprecated)]
                            let _ = client.set_linger(Some(Duration::ZERO));
                            return;
                        }
                        Some(Fault::CloseWithoutFrame) if now => {
                            let _ = client.shutdown().await;
                            return;
                        }
                        Some(Fault::CloseMidFragment) if now => {
                            // A text fragment (FIN=0), then a close frame 1000 "bye".
                            let _ = client.write_all(&[0x01, 0x03, b'{', b'"', b't']).await;
                            let _ = client.write_all(&[0x88, 0x05, 0x03, 0xE8, b'b', b'y', b'e']).await;
                            tokio::time::sleep(Duration::from_millis(200)).await;
                            let _ = client.shutdown().await;
                            return;
                        }
                        _ => {
                            if write(&mut client, &frame, single).await.is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn write(w: &mut TcpStream, bytes: &[u8], single: bool) -> std::io::Result<()> {
    if single {
        for b in bytes {
            w.write_all(std::slice::from_ref(b)).await?;
            w.flush().await?;
        }
        Ok(())
    } else {
        w.write_all(bytes).await
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length of the complete (unmasked, server-sent) WebSocket frame at the start of
/// `b`, if it is all there.
fn frame_len(b: &[u8]) -> Option<usize> {
    if b.len() < 2 {
        return None;
    }
    let (len, head) = match b[1] & 0x7f {
        126 if b.len() >= 4 => (u16::from_be_bytes([b[2], b[3]]) as usize, 4),
        127 if b.len() >= 10 => (u64::from_be_bytes(b[2..10].try_into().ok()?) as usize, 10),
        126 | 127 => return None,
        n => (n as usize, 2),
    };
    let total = head + len;
    (b.len() >= total).then_some(total)
}

async fn zeek() -> MockZeek {
    MockZeek::builder()
        .ping_pong("App::ping", "App::pong", "/test/pongs")
        .start()
        .await
        .unwrap()
}

async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, f)
        .await
        .expect("a fault made the client hang")
}

/// MockZeek still serves a direct client after the fault.
async fn still_serves(zeek: &MockZeek) {
    let mut c = within(
        Client::builder(zeek.url())
            .subscribe(["/test/pongs"])
            .connect(),
    )
    .await
    .expect("MockZeek still accepts clients");
    c.publish(
        "/test/pings",
        &Event::new("App::ping", [Value::from("direct"), Value::Count(1)]),
    )
    .await
    .unwrap();
    let pong: Event = within(c.recv_event()).await.unwrap();
    assert_eq!(pong.args[0], Value::from("direct"));
}

/// A ping through the proxy, answered by a pong.
async fn ping_pong_through(url: &str) {
    let mut c = within(Client::builder(url).subscribe(["/test/pongs"]).connect())
        .await
        .expect("connects through the proxy");
    c.publish(
        "/test/pings",
        &Event::new("App::ping", [Value::from("hi"), Value::Count(41)]),
    )
    .await
    .unwrap();
    let pong: Event = within(c.recv_event()).await.unwrap();
    assert_eq!(pong.args, [Value::from("hi"), Value::Count(42)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delayed_and_single_byte_traffic_still_works() {
    let zeek = zeek().await;
    for fault in [Fault::Delay, Fault::SingleBytes] {
        let url = proxy(zeek.addr(), fault).await;
        ping_pong_through(&url).await;
    }
    still_serves(&zeek).await;
}

/// Connects through a proxy applying `fault`, then has MockZeek publish a frame that
/// triggers it; returns what the client's next receive gave.
async fn after_fault(
    zeek: &MockZeek,
    fault: Fault,
    builder: impl FnOnce(String) -> ClientBuilder,
) -> Result<Received<Event>, Error> {
    let url = proxy(zeek.addr(), fault).await;
    let mut c = within(builder(url).subscribe(["zeek.test"]).connect())
        .await
        .expect("connects");
    within(zeek.wait_for_clients(1)).await;
    zeek.publish("zeek.test", &Event::new("App::hello", [Value::Count(1)]))
        .await;
    within(c.recv::<Event>()).await
}

/// Waits until MockZeek has no client left (the broken one was noticed).
async fn no_clients(zeek: &MockZeek) {
    within(async {
        while !zeek.clients().is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_peer_is_detected_by_the_ping_timeout() {
    let zeek = zeek().await;
    let got = after_fault(&zeek, Fault::Stall, |url| {
        Client::builder(url)
            .ping_interval(Duration::from_millis(200))
            .ping_timeout(Duration::from_millis(500))
    })
    .await;
    let err = got.expect_err("a stalled connection is an error");
    assert!(matches!(err, Error::PingTimeout { .. }), "{err}");
    assert!(err.to_string().starts_with("no pong within"), "{err}");
    still_serves(&zeek).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_truncated_frame_a_reset_and_a_silent_close_are_errors() {
    let zeek = zeek().await;
    for fault in [Fault::Truncate, Fault::Reset, Fault::CloseWithoutFrame] {
        let got = after_fault(&zeek, fault, Client::builder).await;
        let err = got.expect_err("the connection broke");
        assert!(err.is_fatal(), "{fault:?}: {err}");
        assert!(
            matches!(err, Error::ConnectionLost(_) | Error::Closed { .. }),
            "{fault:?}: {err}"
        );
        no_clients(&zeek).await;
    }
    still_serves(&zeek).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_close_frame_inside_a_fragmented_message_closes_with_its_code() {
    let zeek = zeek().await;
    let got = after_fault(&zeek, Fault::CloseMidFragment, Client::builder).await;
    match got {
        Err(Error::Closed { code, reason }) => assert_eq!((code, reason.as_str()), (1000, "bye")),
        other => panic!("expected the close frame's code, got {other:?}"),
    }
    still_serves(&zeek).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbage_upgrade_answer_fails_connect() {
    let zeek = zeek().await;
    let url = proxy(zeek.addr(), Fault::GarbageUpgrade).await;
    let err = within(
        Client::builder(url.as_str())
            .connect_timeout(Duration::from_secs(3))
            .connect(),
    )
    .await
    .expect_err("no WebSocket");
    assert!(
        err.to_string().starts_with("WebSocket handshake with "),
        "{err}"
    );
    still_serves(&zeek).await;
}

/// With a reconnect policy each broken connection is replaced: the receiver sees the
/// notice, and the new connection carries events (the proxy passes later connections).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_reconnect_policy_broken_connections_are_replaced() {
    let zeek = zeek().await;
    for fault in [
        Fault::Truncate,
        Fault::Reset,
        Fault::CloseWithoutFrame,
        Fault::CloseMidFragment,
    ] {
        let policy = ReconnectPolicy::exponential().initial_delay(Duration::from_millis(50));
        let got = after_fault(&zeek, fault, |url| Client::builder(url).reconnect(policy)).await;
        assert!(
            matches!(got, Ok(Received::Reconnected { .. })),
            "{fault:?}: {got:?}"
        );
        no_clients_but_one(&zeek).await;
    }
    still_serves(&zeek).await;
}

/// After a reconnect exactly the new connection remains.
async fn no_clients_but_one(zeek: &MockZeek) {
    within(async {
        while zeek.clients().len() > 1 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
}
