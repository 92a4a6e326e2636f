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
//!
//! A full run then measures the same paths interleaved: each round runs every path over the
//! same number of events in turn, so that a machine whose speed drifts during the run moves
//! both sides of each ratio alike, and the median ratio over the rounds is printed.
//!
//! `client --once PATH N` (the binary `cargo bench --no-run` prints) runs one path over `N`
//! events, without criterion, and prints events/s: for `perf stat`, `strace -c` and
//! alternating runs of two builds (see `benches/README.md`). PATH is one of [`ONCE`].

mod common;

use std::time::{Duration, Instant};

use common::{LogConn, conn_event, record};
use criterion::{Criterion, Throughput};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio_tungstenite::tungstenite::Message;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Client, json};

const TOPIC: &str = "zeek/conn";

type Bare =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A server that acks the subscription, then for every text frame `N` writes `N` copies of
/// `frame`, and for every other text frame counts it and answers `done N` after each `N`
/// frames announced by a frame `expect N`.
async fn server(frame: String) -> String {
    let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/v1/messages/json", tcp.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((s, _)) = tcp.accept().await {
            // As MockZeek and the client do: no Nagle delay on a frame that ends a burst.
            s.set_nodelay(true).unwrap();
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

/// How a client takes each event in.
#[derive(Clone, Copy)]
enum Take {
    Frame,
    Value,
    Typed,
}

/// Asks the server for `n` frames and reads them with tokio-tungstenite alone.
async fn bare_receive(ws: &mut Bare, n: u64) -> Duration {
    let start = Instant::now();
    ws.send(Message::text(format!("send {n}"))).await.unwrap();
    for _ in 0..n {
        ws.next().await.unwrap().unwrap();
    }
    start.elapsed()
}

/// Asks the server for `n` frames and takes them with the client as `take` says.
async fn client_receive(client: &mut Client, take: Take, n: u64) -> Duration {
    let start = Instant::now();
    client.publish_raw(format!("send {n}")).await.unwrap();
    for _ in 0..n {
        match take {
            Take::Frame => {
                std::hint::black_box(client.recv_frame().await.unwrap());
            }
            Take::Value => {
                std::hint::black_box(client.recv_event::<Event>().await.unwrap());
            }
            Take::Typed => {
                std::hint::black_box(client.recv_event::<LogConn>().await.unwrap());
            }
        }
    }
    start.elapsed()
}

/// Feeds `n` copies of the pre-encoded frame, flushing every 256, until the server has
/// read them all.
async fn bare_publish(ws: &mut Bare, frame: &str, n: u64) -> Duration {
    ws.send(Message::text(format!("expect {n}"))).await.unwrap();
    let start = Instant::now();
    for i in 0..n {
        ws.feed(Message::text(frame)).await.unwrap();
        if i % 256 == 255 {
            ws.flush().await.unwrap();
        }
    }
    ws.flush().await.unwrap();
    loop {
        if let Some(Ok(Message::Text(t))) = ws.next().await
            && t.as_str() == "done"
        {
            break;
        }
    }
    start.elapsed()
}

/// Publishes `event` `n` times, until the server has read them all.
async fn client_publish(client: &mut Client, event: &LogConn, n: u64) -> Duration {
    client.publish_raw(format!("expect {n}")).await.unwrap();
    let start = Instant::now();
    for _ in 0..n {
        client.publish(TOPIC, event).await.unwrap();
    }
    while client.recv_frame().await.unwrap() != "done" {}
    start.elapsed()
}

/// A bare socket and a subscribed client, both on the server at `url`.
async fn connect(url: &str) -> (Bare, Client) {
    let bare = common::connect_bare(url).await;
    let client = Client::builder(url)
        .subscribe([TOPIC])
        .connect()
        .await
        .unwrap();
    (bare, client)
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn benches(c: &mut Criterion, rt: &Runtime, url: &str, frame: &str, typed: &LogConn) {
    let mut g = c.benchmark_group("client");
    g.throughput(Throughput::Elements(1));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));

    // Receive.
    let mut bare = rt.block_on(common::connect_bare(url));
    g.bench_function("receive/bare (ceiling)", |b| {
        b.iter_custom(|iters| {
            let took = rt.block_on(bare_receive(&mut bare, iters));
            record("receive/bare (ceiling)", iters, took);
            took
        })
    });
    let mut client = rt
        .block_on(Client::builder(url).subscribe([TOPIC]).connect())
        .unwrap();
    for (name, take) in [
        ("receive/frames", Take::Frame),
        ("receive/value", Take::Value),
        ("receive/typed", Take::Typed),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let took = rt.block_on(client_receive(&mut client, take, iters));
                record(name, iters, took);
                took
            })
        });
    }

    // The same, with the receiving loop in a spawned task (where a service's receiver
    // usually runs) instead of on the thread that called block_on.
    let mut bare_task = Some(bare);
    g.bench_function("receive in a task/bare (ceiling)", |b| {
        b.iter_custom(|iters| {
            let mut ws = bare_task.take().expect("the socket is back");
            let (ws, took) = rt
                .block_on(rt.spawn(async move {
                    let took = bare_receive(&mut ws, iters).await;
                    (ws, took)
                }))
                .unwrap();
            bare_task = Some(ws);
            record("receive in a task/bare (ceiling)", iters, took);
            took
        })
    });
    let mut spawned = Some(
        rt.block_on(Client::builder(url).subscribe([TOPIC]).connect())
            .unwrap(),
    );
    for (name, take) in [
        ("receive in a task/frames", Take::Frame),
        ("receive in a task/typed", Take::Typed),
    ] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut client = spawned.take().expect("the client is back");
                let (client, took) = rt
                    .block_on(rt.spawn(async move {
                        let took = client_receive(&mut client, take, iters).await;
                        (client, took)
                    }))
                    .unwrap();
                spawned = Some(client);
                record(name, iters, took);
                took
            })
        });
    }

    // Publish.
    let mut bare = bare_task.take().expect("the socket is back");
    g.bench_function("publish/bare (ceiling)", |b| {
        b.iter_custom(|iters| {
            let took = rt.block_on(bare_publish(&mut bare, frame, iters));
            record("publish/bare (ceiling)", iters, took);
            took
        })
    });
    g.bench_function("publish/typed", |b| {
        b.iter_custom(|iters| {
            let took = rt.block_on(client_publish(&mut client, typed, iters));
            record("publish/typed", iters, took);
            took
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

/// Events per round of the interleaved table, and rounds.
const ROUND: u64 = 20_000;
const ROUNDS: usize = 9;

/// Every path in turn over [`ROUND`] events, [`ROUNDS`] times; the median of each path's
/// ratio to the bare loop of its direction in the same round.
fn interleaved(rt: &Runtime, url: &str, frame: &str, typed: &LogConn) {
    // `cargo bench -- <filter>` runs a part; the interleaved table is for full runs only.
    if std::env::args().skip(1).any(|a| !a.starts_with('-')) {
        return;
    }
    let rate = |took: Duration| ROUND as f64 / took.as_secs_f64();
    let rows = rt.block_on(async {
        let (mut bare, mut client) = connect(url).await;
        // Rates per round: bare receive, frames, value, typed, bare publish, publish.
        let mut rounds = Vec::new();
        for _ in 0..ROUNDS {
            rounds.push([
                rate(bare_receive(&mut bare, ROUND).await),
                rate(client_receive(&mut client, Take::Frame, ROUND).await),
                rate(client_receive(&mut client, Take::Value, ROUND).await),
                rate(client_receive(&mut client, Take::Typed, ROUND).await),
                rate(bare_publish(&mut bare, frame, ROUND).await),
                rate(client_publish(&mut client, typed, ROUND).await),
            ]);
        }
        rounds
    });
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let column = |i: usize| rows.iter().map(|r| r[i]).collect::<Vec<_>>();
    let ratio = |i: usize, base: usize| rows.iter().map(|r| r[i] / r[base]).collect::<Vec<_>>();
    println!(
        "\ninterleaved (median of {ROUNDS} rounds of {ROUND} events per path, higher is faster):"
    );
    for (i, base, name) in [
        (0, 0, "receive/bare (ceiling)"),
        (1, 0, "receive/frames"),
        (2, 0, "receive/value"),
        (3, 0, "receive/typed"),
        (4, 4, "publish/bare (ceiling)"),
        (5, 4, "publish/typed"),
    ] {
        println!(
            "  {name:<24} {:>10.0} events/s  {:>5.2}x",
            median(column(i)),
            median(ratio(i, base))
        );
    }
}

/// The paths `--once` runs.
const ONCE: [&str; 6] = [
    "bare_receive",
    "frames",
    "value",
    "typed",
    "bare_publish",
    "publish",
];

/// `--once PATH N`: one path over `n` events; events/s.
fn once(rt: &Runtime, url: &str, frame: &str, typed: &LogConn, path: &str, n: u64) -> Option<f64> {
    let took = rt.block_on(async {
        let (mut bare, mut client) = connect(url).await;
        Some(match path {
            "bare_receive" => bare_receive(&mut bare, n).await,
            "frames" => client_receive(&mut client, Take::Frame, n).await,
            "value" => client_receive(&mut client, Take::Value, n).await,
            "typed" => client_receive(&mut client, Take::Typed, n).await,
            "bare_publish" => bare_publish(&mut bare, frame, n).await,
            "publish" => client_publish(&mut client, typed, n).await,
            _ => return None,
        })
    })?;
    Some(n as f64 / took.as_secs_f64())
}

fn main() {
    let rt = runtime();
    let frame = json::encode_event(TOPIC, &conn_event());
    let (_, typed) = json::decode_event::<LogConn>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    let url = rt.block_on(server(frame.clone()));
    if common::run_once("client", &ONCE, |path, n| {
        once(&rt, &url, &frame, &typed, path, n)
    }) {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &rt, &url, &frame, &typed);
    c.final_summary();
    summary();
    interleaved(&rt, &url, &frame, &typed);
}
