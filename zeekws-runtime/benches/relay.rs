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
//!
//! A full run then measures the same paths interleaved (every path in turn over the same
//! number of events, rounds repeated) and prints each path's median ratio to the raw relay
//! of its round, so that a machine whose speed drifts moves both sides alike.
//!
//! `relay --once PATH N` runs one path over `N` events, without criterion, and prints
//! events/s (for `perf stat`, `strace -c` and alternating runs of two builds). PATH is one
//! of [`ONCE`].

mod common;

use std::time::{Duration, Instant};

use common::{conn_event, record};
use criterion::{Criterion, Throughput};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
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
        a.set_nodelay(true).unwrap();
        let a = tokio_tungstenite::accept_async(a).await.unwrap();
        let (b, _) = tcp.accept().await.unwrap();
        b.set_nodelay(true).unwrap();
        let b = tokio_tungstenite::accept_async(b).await.unwrap();
        let (b_sink, _b_stream) = b.split();
        let (_a_sink, a_stream) = a.split();
        let _ = a_stream
            .filter_map(|m| async move { m.ok().filter(Message::is_text).map(Ok) })
            .forward(b_sink)
            .await;
    });
    let sender = common::connect_bare(&url).await;
    let receiver = common::connect_bare(&url).await;
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

/// Publishes `iters` events with `publisher` (the frame as is, or `event` encoded) while
/// `subscriber` takes as many (as frames, or decoded into `Event`s); how long that took.
async fn client_pump(
    publisher: &Client,
    subscriber: &mut Client,
    typed: Option<&Event>,
    frame: &str,
    iters: u64,
) -> Duration {
    let start = Instant::now();
    let send = async {
        for _ in 0..iters {
            match typed {
                Some(event) => publisher.publish(TOPIC, event).await.unwrap(),
                None => publisher.publish_raw(frame).await.unwrap(),
            }
        }
    };
    let recv = async {
        for _ in 0..iters {
            if typed.is_some() {
                let _: Event = subscriber.recv_event().await.unwrap();
            } else {
                subscriber.recv_frame().await.unwrap();
            }
        }
    };
    tokio::join!(send, recv);
    start.elapsed()
}

/// Everything a run measures: the raw relay's two sockets, MockZeek with two bare sockets
/// and with a publishing and a subscribed client.
struct Setup {
    _zeeks: [MockZeek; 2],
    raw: (Socket, Socket),
    bare: (Socket, Socket),
    publisher: Client,
    subscriber: Client,
}

/// A MockZeek that relays: checks and re-encodes every event (or forwards it as it came,
/// where Zeek's output would be the same bytes).
async fn mock_zeek() -> MockZeek {
    MockZeek::builder()
        .accept_unknown_events(true)
        .queue_policy(QueuePolicy::Block)
        .history(0)
        .ping_interval(None)
        .start()
        .await
        .unwrap()
}

/// Each pair of ends gets its own server, so that no end receives frames meant for another
/// pair (and stalls the server when it does not read them).
async fn setup() -> Setup {
    let raw = raw_relay().await;
    let for_bare = mock_zeek().await;
    let open = |topics: &'static str| {
        let url = for_bare.url();
        async move {
            let mut ws = common::connect_bare(&url).await;
            ws.send(Message::text(topics)).await.unwrap();
            let _ack = ws.next().await.unwrap().unwrap();
            ws
        }
    };
    let bare = (open("[]").await, open(r#"["zeek.logs.conn"]"#).await);
    let for_clients = mock_zeek().await;
    let publisher = Client::builder(for_clients.url()).connect().await.unwrap();
    let subscriber = Client::builder(for_clients.url())
        .subscribe([TOPIC])
        .connect()
        .await
        .unwrap();
    Setup {
        _zeeks: [for_bare, for_clients],
        raw,
        bare,
        publisher,
        subscriber,
    }
}

fn benches(c: &mut Criterion, rt: &Runtime, set: &mut Setup, event: &Event, frame: &str) {
    let mut g = c.benchmark_group("relay");
    g.throughput(Throughput::Elements(1));
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));

    // The ceiling: raw frames through a plain tokio-tungstenite relay.
    g.bench_function("raw_relay (ceiling)", |b| {
        b.iter_custom(|iters| {
            let (sender, receiver) = &mut set.raw;
            let took = rt.block_on(pump(sender, receiver, frame, iters));
            record("raw_relay (ceiling)", iters, took);
            took
        })
    });
    // MockZeek alone: the same bare tokio-tungstenite sockets as the raw relay at both ends.
    g.bench_function("mockzeek/bare sockets", |b| {
        b.iter_custom(|iters| {
            let (sender, receiver) = &mut set.bare;
            let took = rt.block_on(pump(sender, receiver, frame, iters));
            record("mockzeek/bare sockets", iters, took);
            took
        })
    });
    for (name, typed) in [("mockzeek/frames", None), ("mockzeek/typed", Some(event))] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let took = rt.block_on(client_pump(
                    &set.publisher,
                    &mut set.subscriber,
                    typed,
                    frame,
                    iters,
                ));
                record(name, iters, took);
                took
            })
        });
    }
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

/// Events per round of the interleaved table, and rounds.
const ROUND: u64 = 20_000;
const ROUNDS: usize = 9;

/// Every path in turn over [`ROUND`] events, [`ROUNDS`] times; the median of each path's
/// ratio to the raw relay in the same round.
fn interleaved(rt: &Runtime, set: &mut Setup, event: &Event, frame: &str) {
    // `cargo bench -- <filter>` runs a part; the interleaved table is for full runs only.
    if std::env::args().skip(1).any(|a| !a.starts_with('-')) {
        return;
    }
    let rate = |took: Duration| ROUND as f64 / took.as_secs_f64();
    let rows: Vec<[f64; 4]> = rt.block_on(async {
        let mut rounds = Vec::new();
        for _ in 0..ROUNDS {
            let (s, r) = &mut set.raw;
            let raw = rate(pump(s, r, frame, ROUND).await);
            let (s, r) = &mut set.bare;
            let bare = rate(pump(s, r, frame, ROUND).await);
            let (p, s) = (&set.publisher, &mut set.subscriber);
            let frames = rate(client_pump(p, s, None, frame, ROUND).await);
            let typed = rate(client_pump(p, s, Some(event), frame, ROUND).await);
            rounds.push([raw, bare, frames, typed]);
        }
        rounds
    });
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "\ninterleaved (median of {ROUNDS} rounds of {ROUND} events per path, higher is faster):"
    );
    for (i, name) in [
        "raw_relay (ceiling)",
        "mockzeek/bare sockets",
        "mockzeek/frames",
        "mockzeek/typed",
    ]
    .into_iter()
    .enumerate()
    {
        let rates = rows.iter().map(|r| r[i]).collect();
        let ratios = rows.iter().map(|r| r[i] / r[0]).collect();
        println!(
            "  {name:<22} {:>10.0} events/s  {:>5.2}x of the raw relay",
            median(rates),
            median(ratios)
        );
    }
}

/// The paths `--once` runs, in the order of the tables.
const ONCE: [&str; 4] = ["raw", "bare", "frames", "typed"];

/// `--once PATH N`: one path over `n` events; events/s.
fn once(
    rt: &Runtime,
    set: &mut Setup,
    event: &Event,
    frame: &str,
    path: &str,
    n: u64,
) -> Option<f64> {
    let took = rt.block_on(async {
        Some(match path {
            "raw" => pump(&mut set.raw.0, &mut set.raw.1, frame, n).await,
            "bare" => pump(&mut set.bare.0, &mut set.bare.1, frame, n).await,
            "frames" => client_pump(&set.publisher, &mut set.subscriber, None, frame, n).await,
            "typed" => {
                client_pump(&set.publisher, &mut set.subscriber, Some(event), frame, n).await
            }
            _ => return None,
        })
    })?;
    Some(n as f64 / took.as_secs_f64())
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let event = conn_event();
    let frame = json::encode_event(TOPIC, &event);
    let mut set = rt.block_on(setup());
    if common::run_once("relay", &ONCE, |path, n| {
        once(&rt, &mut set, &event, &frame, path, n)
    }) {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &rt, &mut set, &event, &frame);
    c.final_summary();
    summary();
    interleaved(&rt, &mut set, &event, &frame);
}
