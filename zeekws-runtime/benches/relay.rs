//! Events per second through MockZeek on loopback (one publishing client, one subscribed
//! client, `Conn::log_conn(Conn::Info)` events of 20 fields with a nested `conn_id`), beside a
//! raw tokio-tungstenite relay of the same frames as the ceiling, in one run.
//!
//! Run with `cargo bench -p zeekws-runtime --bench relay`. After criterion's report, a table
//! gives events/s of each path and its ratio to the raw relay.
//!
//! - `raw_relay (ceiling)`: a tokio-tungstenite server forwards text frames from one socket to
//!   another; the sender writes the pre-encoded frame, the receiver only reads frames.
//! - `mockzeek/bare sockets`: the same bytes through MockZeek, written and read by the same
//!   bare tokio-tungstenite sockets as the ceiling: what MockZeek alone costs.
//! - `mockzeek/frames`: the same bytes through MockZeek (which decodes every event and
//!   re-encodes it, as Zeek does) with `publish_raw` and `recv_frame`.
//! - `mockzeek/typed`: the full path: `publish(&Event)` encodes, MockZeek relays,
//!   `recv_event::<Event>()` decodes.

mod common;

use std::time::{Duration, Instant};

use common::{conn_event, record};
use criterion::{Criterion, Throughput};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::{MockZeek, QueuePolicy};
use zeekws_runtime::{Client, json};

const TOPIC: &str = "zeek.logs.conn";

/// A relay that forwards every frame from the first connection to the second.
async fn raw_relay() -> (Socket, Socket) {
    let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/", tcp.local_addr().unwrap());
    tokio::spawn(async move {
        let (a, _) = tcp.accept().await.unwrap();
        let a = tokio_tungstenite::accept_async(a).await.unwrap();
        let (b, _) = tcp.accept().await.unwrap();
        let b = tokio_tungstenite::accept_async(b).await.unwrap();
        let (b_sink, _b_stream) = b.split();
        let (_a_sink, a_stream) = a.split();
        let _ = a_stream
            .filter_map(|m| async move { m.ok().filter(Message::is_text).map(Ok) })
            .forward(b_sink)
            .await;
    });
    let (sender, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .unwrap();
    let (receiver, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .unwrap();
    (sender, receiver)
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Writes `iters` copies of `frame` on `sender` while reading as many frames on `receiver`;
/// how long that took.
async fn pump(sender: &mut Socket, receiver: &mut Socket, frame: &str, iters: u64) -> Duration {
    let start = Instant::now();
    let send = async {
        for _ in 0..iters {
            sender.feed(Message::text(frame)).await.unwrap();
        }
        sender.flush().await.unwrap();
    };
    let recv = async {
        for _ in 0..iters {
            receiver.next().await.unwrap().unwrap();
        }
    };
    tokio::join!(send, recv);
    start.elapsed()
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let event = conn_event();
    let frame = json::encode_event(TOPIC, &event);

    let mut g = c.benchmark_group("relay");
    g.throughput(Throughput::Elements(1));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));

    // The ceiling: raw frames through a plain tokio-tungstenite relay.
    {
        let (mut sender, mut receiver) = rt.block_on(raw_relay());
        g.bench_function("raw_relay (ceiling)", |b| {
            b.iter_custom(|iters| {
                let took = rt.block_on(pump(&mut sender, &mut receiver, &frame, iters));
                record("raw_relay (ceiling)", iters, took);
                took
            })
        });
    }

    // MockZeek: a relaying server that checks and re-encodes every event.
    let zeek = rt
        .block_on(
            MockZeek::builder()
                .accept_unknown_events(true)
                .queue_policy(QueuePolicy::Block)
                .history(0)
                .ping_interval(None)
                .start(),
        )
        .unwrap();
    // MockZeek alone: the same bare tokio-tungstenite sockets as the raw relay at both ends.
    {
        let url = zeek.url();
        let (mut sender, mut receiver) = rt.block_on(async {
            let open = |topics: &'static str| {
                let url = url.clone();
                async move {
                    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
                    ws.send(Message::text(topics)).await.unwrap();
                    let _ack = ws.next().await.unwrap().unwrap();
                    ws
                }
            };
            (open("[]").await, open(r#"["zeek.logs.conn"]"#).await)
        });
        g.bench_function("mockzeek/bare sockets", |b| {
            b.iter_custom(|iters| {
                let took = rt.block_on(pump(&mut sender, &mut receiver, &frame, iters));
                record("mockzeek/bare sockets", iters, took);
                took
            })
        });
    }
    let (publisher, mut subscriber) = rt.block_on(async {
        let p = Client::builder(zeek.url()).connect().await.unwrap();
        let s = Client::builder(zeek.url())
            .subscribe([TOPIC])
            .connect()
            .await
            .unwrap();
        (p, s)
    });
    g.bench_function("mockzeek/frames", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                let send = async {
                    for _ in 0..iters {
                        publisher.publish_raw(frame.clone()).await.unwrap();
                    }
                };
                let recv = async {
                    for _ in 0..iters {
                        subscriber.recv_frame().await.unwrap();
                    }
                };
                tokio::join!(send, recv);
                let took = start.elapsed();
                record("mockzeek/frames", iters, took);
                took
            })
        })
    });
    g.bench_function("mockzeek/typed", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                let send = async {
                    for _ in 0..iters {
                        publisher.publish(TOPIC, &event).await.unwrap();
                    }
                };
                let recv = async {
                    for _ in 0..iters {
                        let _: Event = subscriber.recv_event().await.unwrap();
                    }
                };
                tokio::join!(send, recv);
                let took = start.elapsed();
                record("mockzeek/typed", iters, took);
                took
            })
        })
    });
    g.finish();
}

fn summary() {
    let totals = common::totals();
    let rate = common::rate;
    let Some(ceiling) = rate("raw_relay (ceiling)") else {
        return;
    };
    println!("\nevents/s on loopback (Conn::Info-sized events, one publisher, one subscriber):");
    for (name, ..) in &totals {
        if let Some(r) = rate(name) {
            println!(
                "  {name:<22} {r:>10.0} events/s  {:>5.2}x of the raw relay",
                r / ceiling
            );
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
    summary();
}
