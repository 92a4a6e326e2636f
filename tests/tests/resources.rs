//! Resource bounds: a thousand clients that connect and leave, cleanly or not, leave no
//! task and no file descriptor behind in the process that runs MockZeek and the clients;
//! and (ignored, run by hand) a soak of ten million events whose memory stays flat.

use std::time::Duration;

use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value};

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn settle(zeek: &MockZeek) {
    tokio::time::timeout(Duration::from_secs(30), async {
        while !zeek.clients().is_empty() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("every client left");
    tokio::time::sleep(Duration::from_millis(200)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_clients_leave_no_tasks_or_descriptors_behind() {
    if !std::path::Path::new("/proc/self/fd").is_dir() {
        eprintln!("skipped: no /proc/self/fd on this system");
        return;
    }
    let zeek = MockZeek::builder()
        .max_connections(2000)
        .start()
        .await
        .unwrap();
    // Warm up once so lazily created runtime resources are counted in the baseline.
    Client::builder(zeek.url())
        .connect()
        .await
        .unwrap()
        .close()
        .await
        .unwrap();
    settle(&zeek).await;
    let metrics = tokio::runtime::Handle::current().metrics();
    let (fds, tasks) = (open_fds(), metrics.num_alive_tasks());
    for round in 0..10 {
        let mut clients = Vec::new();
        for _ in 0..100 {
            clients.push(
                Client::builder(zeek.url())
                    .subscribe(["zeek.test"])
                    .connect()
                    .await
                    .unwrap(),
            );
        }
        zeek.publish(
            "zeek.test",
            &Event::new("App::hello", [Value::Count(round)]),
        )
        .await;
        // Half close politely, half are just dropped.
        for (i, c) in clients.into_iter().enumerate() {
            if i % 2 == 0 {
                c.close().await.unwrap();
            } else {
                drop(c);
            }
        }
        settle(&zeek).await;
    }
    assert_eq!(open_fds(), fds, "file descriptors left behind");
    assert_eq!(metrics.num_alive_tasks(), tasks, "tasks left behind");
}

/// Ten million `Conn::Info`-sized events (`ZEEKWS_SOAK_EVENTS` overrides) through MockZeek to
/// one client, sampling the resident memory every tenth of the way:
/// `cargo test -p tests --release --test resources -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a soak: minutes in release mode; run by hand with --ignored --nocapture"]
async fn soak_ten_million_events_with_flat_memory() {
    let total: u64 = std::env::var("ZEEKWS_SOAK_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    // Block, not drop, when the client's queue is full: every event arrives.
    let zeek = MockZeek::builder()
        .history(0)
        .queue_policy(zeekws_runtime::server::QueuePolicy::Block)
        .start()
        .await
        .unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["zeek/conn"])
        .connect()
        .await
        .unwrap();
    let event = |n: u64| {
        zeekws_runtime::json::encode_event(
            "zeek/conn",
            &Event::new(
                "Conn::log_conn",
                [Value::from("C".repeat(1200)), Value::Count(n)],
            ),
        )
    };
    let frame = event(0);
    let last = event(u64::MAX);
    let producer = async {
        for _ in 0..total {
            zeek.publish_frame("zeek/conn", frame.clone()).await;
        }
        zeek.publish_frame("zeek/conn", last.clone()).await;
    };
    let consumer = async {
        let mut samples = vec![(0, rss_kib())];
        let mut n = 0u64;
        loop {
            let f = client.recv_frame().await.unwrap();
            if f == last {
                break;
            }
            n += 1;
            if n.is_multiple_of((total / 10).max(1)) {
                samples.push((n, rss_kib()));
            }
        }
        samples.push((n, rss_kib()));
        samples
    };
    let ((), samples) = tokio::join!(producer, consumer);
    for (n, kib) in &samples {
        eprintln!("{n:>10} events: RSS {kib} KiB");
    }
    let (early, end) = (samples[1].1, samples.last().unwrap().1);
    eprintln!("RSS after a tenth: {early} KiB, at the end: {end} KiB");
    assert!(end < early * 2, "memory grew from {early} KiB to {end} KiB");
    zeek.shutdown().await;
}

/// The subscription limits: more topics than `max_subscriptions`, or one longer than
/// `max_topic_length`, are refused with Zeek's `deserialization_failed` error naming the
/// limit; the client sees the refusal and is not retried; what is within both is acked.
#[tokio::test]
async fn subscription_limits_refuse_with_the_limit_named() {
    use zeekws_runtime::client::Error;
    let zeek = MockZeek::builder()
        .max_subscriptions(3)
        .max_topic_length(16)
        .start()
        .await
        .unwrap();
    let connect = |topics: Vec<String>| Client::builder(zeek.url()).subscribe(topics).connect();
    let refusal = |r: Result<Client, Error>| match r {
        Err(Error::Rejected(e)) => {
            assert_eq!(e.code.as_str(), "deserialization_failed");
            e.context
        }
        other => panic!("expected a refusal, got {other:?}"),
    };
    let many: Vec<String> = (0..4).map(|n| format!("/t/{n}")).collect();
    assert_eq!(
        refusal(connect(many).await),
        "too many subscriptions: 4 topics (at most 3)"
    );
    let long = vec!["/t/a".to_owned(), "/".repeat(17)];
    assert_eq!(
        refusal(connect(long).await),
        format!(
            "subscription topic too long: 17 bytes (at most 16): {:?}",
            "/".repeat(17)
        )
    );
    // Duplicates count once, as Zeek reports them de-duplicated; 16 bytes is within.
    let fine = vec![
        "/t/a".to_owned(),
        "/t/a".to_owned(),
        "/t/b".to_owned(),
        "/".repeat(16),
    ];
    let client = connect(fine).await.expect("within both limits");
    assert_eq!(zeek.clients()[0].subscriptions.len(), 3);
    client.close().await.unwrap();
}
