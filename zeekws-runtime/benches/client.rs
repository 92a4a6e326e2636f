//! The client's receive and publish throughput on loopback, beside a bare tokio-tungstenite
//! loop over the same kind of socket as the ceiling, in one run.
//!
//! Run with `cargo bench -p zeekws-runtime --bench client`. After criterion's report, a
//! table gives events/s of each path and its ratio to the bare loop of its direction.
//!
//! - receive: a tokio-tungstenite server writes pre-encoded `Conn::log_conn` frames (1403
//!   bytes, 20 fields) as fast as it can when asked; `receive/bare (ceiling)` reads them
//!   with tokio-tungstenite, `receive/frames` with `recv_frame`, `receive/value` with
//!   `recv_event::<Event>()`, `receive/typed` with `recv_event::<LogConn>()`.
//! - publish: the server only reads; `publish/bare (ceiling)` feeds and flushes the
//!   pre-encoded frame with tokio-tungstenite, `publish/typed` calls `publish(&LogConn)`.

mod common;

use std::time::{Duration, Instant};

use common::{LogConn, conn_event, record};
use criterion::{Criterion, Throughput};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Client, json};

const TOPIC: &str = "zeek/conn";

/// A server that acks the subscription, then for every text frame `N` writes `N` copies of
/// `frame`, and for every other text frame counts it and answers `done N` after each `N`
/// frames announced by a frame `expect N`.
async fn server(frame: String) -> String {
    let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/v1/messages/json", tcp.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((s, _)) = tcp.accept().await {
            let frame = frame.clone();
            tokio::spawn(async move {
                let mut ws = tokio_tungstenite::accept_async(s).await.unwrap();
                // The first frame is the subscription (from the zeekws client) or a count.
                let mut expect = 0u64;
                let mut seen = 0u64;
                while let Some(Ok(m)) = ws.next().await {
                    let Message::Text(t) = m else { continue };
                    let t = t.as_str();
                    if t.starts_with('[') {
                        let ack = r#"{"type":"ack","endpoint":"bench","version":"8.2.2"}"#;
                        ws.send(Message::text(ack)).await.unwrap();
                    } else if let Some(n) = t.strip_prefix("send ") {
                        for _ in 0..n.parse::<u64>().unwrap() {
                            ws.feed(Message::text(frame.clone())).await.unwrap();
                        }
                        ws.flush().await.unwrap();
                    } else if let Some(n) = t.strip_prefix("expect ") {
                        expect = n.parse().unwrap();
                        seen = 0;
                    } else {
                        seen += 1;
                        if seen == expect {
                            ws.send(Message::text("done")).await.unwrap();
                        }
                    }
                }
            });
        }
    });
    url
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let event = conn_event();
    let frame = json::encode_event(TOPIC, &event);
    let (_, typed) = json::decode_event::<LogConn>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    let url = rt.block_on(server(frame.clone()));

    let mut g = c.benchmark_group("client");
    g.throughput(Throughput::Elements(1));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));

    // Receive.
    {
        let (mut bare, _) = rt
            .block_on(tokio_tungstenite::connect_async(url.as_str()))
            .unwrap();
        g.bench_function("receive/bare (ceiling)", |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    bare.send(Message::text(format!("send {iters}")))
                        .await
                        .unwrap();
                    for _ in 0..iters {
                        bare.next().await.unwrap().unwrap();
                    }
                    let took = start.elapsed();
                    record("receive/bare (ceiling)", iters, took);
                    took
                })
            })
        });
    }
    let mut client = rt
        .block_on(Client::builder(url.as_str()).subscribe([TOPIC]).connect())
        .unwrap();
    for (name, kind) in [
        ("receive/frames", 0),
        ("receive/value", 1),
        ("receive/typed", 2),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    client.publish_raw(format!("send {iters}")).await.unwrap();
                    for _ in 0..iters {
                        match kind {
                            0 => {
                                std::hint::black_box(client.recv_frame().await.unwrap());
                            }
                            1 => {
                                std::hint::black_box(client.recv_event::<Event>().await.unwrap());
                            }
                            _ => {
                                std::hint::black_box(client.recv_event::<LogConn>().await.unwrap());
                            }
                        }
                    }
                    let took = start.elapsed();
                    record(name, iters, took);
                    took
                })
            })
        });
    }

    // The same, with the receiving loop in a spawned task (where a service's receiver
    // usually runs) instead of on the thread that called block_on.
    {
        let (bare, _) = rt
            .block_on(tokio_tungstenite::connect_async(url.as_str()))
            .unwrap();
        let mut bare = Some(bare);
        g.bench_function("receive in a task/bare (ceiling)", |b| {
            b.iter_custom(|iters| {
                let mut ws = bare.take().expect("the socket is back");
                let (ws, took) = rt
                    .block_on(rt.spawn(async move {
                        let start = Instant::now();
                        ws.send(Message::text(format!("send {iters}")))
                            .await
                            .unwrap();
                        for _ in 0..iters {
                            ws.next().await.unwrap().unwrap();
                        }
                        (ws, start.elapsed())
                    }))
                    .unwrap();
                bare = Some(ws);
                record("receive in a task/bare (ceiling)", iters, took);
                took
            })
        });
    }
    let mut spawned = Some(
        rt.block_on(Client::builder(url.as_str()).subscribe([TOPIC]).connect())
            .unwrap(),
    );
    for (name, typed) in [
        ("receive in a task/frames", false),
        ("receive in a task/typed", true),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut client = spawned.take().expect("the client is back");
                let (client, took) = rt
                    .block_on(rt.spawn(async move {
                        let start = Instant::now();
                        client.publish_raw(format!("send {iters}")).await.unwrap();
                        for _ in 0..iters {
                            if typed {
                                std::hint::black_box(client.recv_event::<LogConn>().await.unwrap());
                            } else {
                                std::hint::black_box(client.recv_frame().await.unwrap());
                            }
                        }
                        (client, start.elapsed())
                    }))
                    .unwrap();
                spawned = Some(client);
                record(name, iters, took);
                took
            })
        });
    }

    // Publish.
    {
        let (mut bare, _) = rt
            .block_on(tokio_tungstenite::connect_async(url.as_str()))
            .unwrap();
        g.bench_function("publish/bare (ceiling)", |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    bare.send(Message::text(format!("expect {iters}")))
                        .await
                        .unwrap();
                    let start = Instant::now();
                    for i in 0..iters {
                        bare.feed(Message::text(frame.clone())).await.unwrap();
                        if i % 256 == 255 {
                            bare.flush().await.unwrap();
                        }
                    }
                    bare.flush().await.unwrap();
                    loop {
                        if let Some(Ok(Message::Text(t))) = bare.next().await
                            && t.as_str() == "done"
                        {
                            break;
                        }
                    }
                    let took = start.elapsed();
                    record("publish/bare (ceiling)", iters, took);
                    took
                })
            })
        });
    }
    g.bench_function("publish/typed", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                client.publish_raw(format!("expect {iters}")).await.unwrap();
                let start = Instant::now();
                for _ in 0..iters {
                    client.publish(TOPIC, &typed).await.unwrap();
                }
                while client.recv_frame().await.unwrap() != "done" {}
                let took = start.elapsed();
                record("publish/typed", iters, took);
                took
            })
        })
    });
    g.finish();
}

fn summary() {
    let totals = common::totals();
    let rate = common::rate;
    println!(
        "\nevents/s on loopback (Conn::log_conn, 1403 bytes), and the ratio to the bare loop:"
    );
    for (name, ..) in &totals {
        let ceiling = if name.starts_with("receive in a task") {
            rate("receive in a task/bare (ceiling)")
        } else if name.starts_with("receive") {
            rate("receive/bare (ceiling)")
        } else {
            rate("publish/bare (ceiling)")
        };
        if let (Some(r), Some(c)) = (rate(name), ceiling) {
            println!("  {name:<24} {r:>10.0} events/s  {:>5.2}x", r / c);
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();
    summary();
}
