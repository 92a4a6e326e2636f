//! The delivery contract across a reconnect: MockZeek is shut down in the middle of a
//! stream of publishes and a new one started on the same port. Every publish is accounted
//! for: refused with an error the caller saw, or counted sent or failed; what the two
//! servers received is a subset of what was sent, each event once, in order, and with a
//! reconnect buffer nothing accepted after the break is missing.

use std::time::Duration;

use zeekws_runtime::client::{ClientStats, Error, ReconnectBuffer, ReconnectPolicy};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value};

fn seq(ev: &Event) -> u64 {
    ev.args
        .first()
        .and_then(Value::as_count)
        .expect("a sequence number")
}

/// What one killed stream came to.
struct Outcome {
    /// Sequence numbers whose publish returned an error, with that error's text.
    refused: Vec<(u64, Error)>,
    /// What the first and the second server received.
    before: Vec<u64>,
    after: Vec<u64>,
    stats: ClientStats,
}

/// Publishes `events` sequence-numbered events with `payload` bytes each (enough that the
/// socket buffers cannot absorb the rest of the stream at the break); kills the server once a fifth arrived,
/// starts a new one on the same port, and closes the client once the stream is done.
async fn kill_midstream(buffer: Option<ReconnectBuffer>, events: u64, payload: usize) -> Outcome {
    let start = || {
        MockZeek::builder()
            .accept_unknown_events(true)
            .history(events as usize + 1)
    };
    let first = start().start().await.unwrap();
    let addr = first.addr();
    let mut builder = Client::builder(first.url())
        .reconnect(ReconnectPolicy::exponential().initial_delay(Duration::from_millis(20)));
    if let Some(b) = buffer {
        builder = builder.reconnect_buffer(b);
    }
    let client = builder.connect().await.unwrap();
    let publisher = client.publisher();
    let watcher = client.publisher();
    let payload = "p".repeat(payload);
    let sender = tokio::spawn(async move {
        let mut refused = Vec::new();
        for n in 0..events {
            let ev = Event::new(
                "Test::seq",
                [Value::Count(n), Value::from(payload.as_str())],
            );
            if let Err(e) = publisher.publish("/test/seq", &ev).await {
                refused.push((n, e));
                // A caller that sees the link down backs off a little, as a real one would.
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        refused
    });

    tokio::time::timeout(Duration::from_secs(60), async {
        while first.published().len() < (events / 5) as usize {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the stream started");
    first.shutdown().await;
    let before: Vec<u64> = first.published().iter().map(|p| seq(&p.event)).collect();
    let second = start().bind(addr).start().await.unwrap();

    let refused = tokio::time::timeout(Duration::from_secs(120), sender)
        .await
        .unwrap()
        .unwrap();
    // Once reconnected, a marker after the stream: when it arrives, so has everything
    // before it that was going to.
    let marker = Event::new("Test::seq", [Value::Count(events), Value::from("end")]);
    tokio::time::timeout(Duration::from_secs(60), async {
        while watcher.publish("/test/seq", &marker).await.is_err() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        while second.published().last().map(|p| seq(&p.event)) != Some(events) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the marker arrived after the reconnect");
    client.close().await.unwrap();
    let mut stats = watcher.stats();
    stats.sent -= 1;
    let mut after: Vec<u64> = second.published().iter().map(|p| seq(&p.event)).collect();
    after.pop();
    Outcome {
        refused,
        before,
        after,
        stats,
    }
}

/// The invariants every configuration keeps.
fn account(out: &Outcome, events: u64) {
    let stats = &out.stats;
    assert_eq!(stats.queued + stats.buffered, 0, "{stats:?}");
    assert_eq!(
        stats.sent + stats.failed + out.refused.len() as u64,
        events,
        "every publish is sent, failed or refused: {stats:?}, {} refused",
        out.refused.len()
    );
    assert_eq!(stats.reconnects, 1, "{stats:?}");
    let all: Vec<u64> = out.before.iter().chain(&out.after).copied().collect();
    assert!(
        all.windows(2).all(|w| w[0] < w[1]),
        "out of order or duplicated"
    );
    assert!(
        all.len() as u64 <= stats.sent,
        "{} received, {stats:?}",
        all.len()
    );
    for (n, _) in &out.refused {
        assert!(
            all.binary_search(n).is_err(),
            "refused event {n} arrived anyway"
        );
    }
    eprintln!(
        "{} before the restart, {} after, {} refused, {stats:?}",
        out.before.len(),
        out.after.len(),
        out.refused.len()
    );
}

/// With a buffer big enough for the whole stream nothing is refused, and from the first
/// event the second server got to the last there is no gap: the only loss is at the break.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_reconnect_buffer_100000_publishes_are_all_accounted_for() {
    const EVENTS: u64 = 100_000;
    let out = kill_midstream(Some(ReconnectBuffer::frames(EVENTS as usize)), EVENTS, 8).await;
    account(&out, EVENTS);
    assert!(out.refused.is_empty(), "{:?}", out.refused.first());
    let first_after = *out.after.first().expect("events after the restart");
    assert_eq!(
        out.after.len() as u64,
        EVENTS - first_after,
        "a gap after the reconnect"
    );
    assert_eq!(*out.after.last().unwrap(), EVENTS - 1);
}

/// Without a buffer (the default) publishing while down fails with `Reconnecting`, every
/// refusal is seen by the caller, and what was queued at the break is counted failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_buffer_publishes_while_down_fail_visibly() {
    const EVENTS: u64 = 20_000;
    let out = kill_midstream(None, EVENTS, 1000).await;
    account(&out, EVENTS);
    assert!(!out.refused.is_empty(), "the stream outran the restart");
    for (n, e) in &out.refused {
        assert!(matches!(e, Error::Reconnecting), "event {n}: {e}");
        assert!(!e.is_fatal());
    }
    // After the reconnect, everything accepted arrived.
    let first_after = *out.after.first().expect("events after the restart");
    let accepted_after = (first_after..EVENTS)
        .filter(|n| out.refused.binary_search_by_key(n, |(r, _)| *r).is_err())
        .count();
    assert_eq!(out.after.len(), accepted_after, "a gap after the reconnect");
}

/// A small buffer holds what fits and refuses the rest with `BufferFull`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_reconnect_buffer_refuses_with_its_capacity() {
    const EVENTS: u64 = 20_000;
    let out = kill_midstream(Some(ReconnectBuffer::frames(100)), EVENTS, 1000).await;
    account(&out, EVENTS);
    assert!(!out.refused.is_empty(), "the stream outran the restart");
    for (n, e) in &out.refused {
        assert!(
            matches!(e, Error::BufferFull { capacity: 100 }),
            "event {n}: {e}"
        );
    }
}

/// While the connection is down try_publish fails where the caller sees it: `Reconnecting`
/// without a buffer, `BufferFull` once the buffer is full; what was held goes out after the
/// reconnect, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_publish_fails_visibly_while_down() {
    for buffered in [false, true] {
        let first = MockZeek::builder()
            .accept_unknown_events(true)
            .start()
            .await
            .unwrap();
        let addr = first.addr();
        let mut builder = Client::builder(first.url())
            .queue_capacity(64)
            .reconnect(ReconnectPolicy::exponential().initial_delay(Duration::from_millis(300)));
        if buffered {
            builder = builder.reconnect_buffer(ReconnectBuffer::frames(4));
        }
        let client = builder.connect().await.unwrap();
        first.shutdown().await;
        // Give the client time to notice the close.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let ev = |n| Event::new("Test::seq", [Value::Count(n)]);
        let mut accepted = Vec::new();
        for n in 0..20 {
            match client.try_publish("/test/seq", &ev(n)) {
                Ok(()) => accepted.push(n),
                Err(e) => {
                    if buffered {
                        assert!(matches!(e, Error::BufferFull { capacity: 4 }), "{e}");
                    } else {
                        assert!(matches!(e, Error::Reconnecting), "{e}");
                    }
                    assert!(!e.is_fatal());
                }
            }
        }
        let expected: Vec<u64> = if buffered { (0..4).collect() } else { vec![] };
        assert_eq!(accepted, expected);
        assert_eq!(client.stats().buffered, expected.len() as u64);
        let second = MockZeek::builder()
            .accept_unknown_events(true)
            .bind(addr)
            .start()
            .await
            .unwrap();
        // After the reconnect publishing works again; a marker follows what was held.
        tokio::time::timeout(Duration::from_secs(20), async {
            while client.try_publish("/test/seq", &ev(99)).is_err() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            while second.published().len() < expected.len() + 1 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await
        .expect("publishing resumed after the reconnect");
        let got: Vec<u64> = second.published().iter().map(|p| seq(&p.event)).collect();
        let mut want = expected.clone();
        want.push(99);
        assert_eq!(got, want);
        let stats = client.stats();
        assert_eq!(stats.sent, want.len() as u64, "{stats:?}");
        assert_eq!(stats.buffered, 0);
        client.close().await.unwrap();
    }
}

/// Closing while the connection is down gives up what the buffer holds, and says so: every
/// held frame is counted failed, and publishing afterwards fails with `Disconnected`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_while_down_counts_held_frames_failed() {
    let zeek = MockZeek::builder()
        .accept_unknown_events(true)
        .start()
        .await
        .unwrap();
    let client = Client::builder(zeek.url())
        .reconnect(ReconnectPolicy::exponential().initial_delay(Duration::from_secs(30)))
        .reconnect_buffer(ReconnectBuffer::frames(10))
        .connect()
        .await
        .unwrap();
    let watcher = client.publisher();
    zeek.shutdown().await;
    // Give the client time to notice the close; it then waits 30 s before redialing.
    tokio::time::sleep(Duration::from_millis(200)).await;
    for n in 0..3 {
        let ev = Event::new("Test::seq", [Value::Count(n)]);
        client.publish("/test/seq", &ev).await.unwrap();
    }
    assert_eq!(watcher.stats().buffered, 3);
    client.close().await.unwrap();
    let stats = watcher.stats();
    assert_eq!(
        (stats.sent, stats.failed, stats.buffered),
        (0, 3, 0),
        "{stats:?}"
    );
    let after = watcher
        .publish("/test/seq", &Event::new("Test::seq", [Value::Count(9)]))
        .await
        .unwrap_err();
    assert!(matches!(after, Error::Disconnected), "{after}");
}
