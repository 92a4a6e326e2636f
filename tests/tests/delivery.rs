//! The delivery contract across a reconnect: MockZeek is shut down in the middle of a
//! stream of 100,000 publishes and a new one started on the same port; every publish is
//! accounted for as sent or failed, and what the two servers received is a subset of what
//! was sent, each event once, in order.

use std::time::Duration;

use zeekws_runtime::client::ReconnectPolicy;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value};

const EVENTS: u64 = 100_000;

fn seq(ev: &Event) -> u64 {
    ev.args
        .first()
        .and_then(Value::as_count)
        .expect("a sequence number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_publish_is_accounted_for_across_a_server_restart() {
    let start = || {
        MockZeek::builder()
            .accept_unknown_events(true)
            .history(EVENTS as usize)
    };
    let first = start().start().await.unwrap();
    let addr = first.addr();
    let client = Client::builder(first.url())
        .reconnect(ReconnectPolicy::exponential().initial_delay(Duration::from_millis(20)))
        .connect()
        .await
        .unwrap();
    let publisher = client.publisher();
    let watcher = client.publisher();
    let sender = tokio::spawn(async move {
        let mut errors = 0u64;
        for n in 0..EVENTS {
            let ev = Event::new("Test::seq", [Value::Count(n), Value::from("payload")]);
            if publisher.publish("/test/seq", &ev).await.is_err() {
                errors += 1;
            }
        }
        errors
    });

    // Kill the server once a fifth of the stream has arrived, then bring up a new one.
    tokio::time::timeout(Duration::from_secs(60), async {
        while first.published().len() < (EVENTS / 5) as usize {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the stream started");
    let before: Vec<u64> = first.published().iter().map(|p| seq(&p.event)).collect();
    first.shutdown().await;
    let second = start().bind(addr).start().await.unwrap();

    let errors = tokio::time::timeout(Duration::from_secs(120), sender)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        errors, 0,
        "publish waits while reconnecting; it does not fail"
    );
    client.close().await.unwrap();
    // close() flushed everything queued: let the second server read it all.
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let stats = client_stats_after_close(&second).await;
            if stats {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .unwrap();
    let stats = watcher.stats();
    let after: Vec<u64> = second.published().iter().map(|p| seq(&p.event)).collect();

    // Every publish is accounted for.
    assert_eq!(stats.queued, 0);
    assert_eq!(stats.sent + stats.failed, EVENTS, "{stats:?}");
    assert_eq!(stats.reconnects, 1, "{stats:?}");
    // What arrived is a subset of what was sent, each once, in order across both servers.
    let all: Vec<u64> = before.iter().chain(&after).copied().collect();
    assert!(
        all.windows(2).all(|w| w[0] < w[1]),
        "out of order or duplicated"
    );
    assert!(
        all.len() as u64 <= stats.sent,
        "{} received, {stats:?}",
        all.len()
    );
    // After the reconnect nothing is lost: the second server has every event from its first
    // one to the last.
    let first_after = *after.first().expect("events after the restart");
    assert_eq!(
        after.len() as u64,
        EVENTS - first_after,
        "a gap after the reconnect"
    );
    assert_eq!(*after.last().unwrap(), EVENTS - 1);
    // The only loss is at the break: sent to the dying server but not read by it, or failed.
    let lost = EVENTS - all.len() as u64;
    eprintln!(
        "{} before the restart, {} after, {lost} lost at the break ({} counted failed), {stats:?}",
        before.len(),
        after.len(),
        stats.failed
    );
}

/// True once the second server has seen the stream's last event.
async fn client_stats_after_close(second: &MockZeek) -> bool {
    second
        .published()
        .last()
        .is_some_and(|p| seq(&p.event) == EVENTS - 1)
}

/// While the connection is down the queue fills; try_publish then fails where the caller
/// sees it, and what was queued goes out after the reconnect.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_publish_fails_visibly_when_the_queue_is_full() {
    let first = MockZeek::builder()
        .accept_unknown_events(true)
        .start()
        .await
        .unwrap();
    let addr = first.addr();
    let client = Client::builder(first.url())
        .queue_capacity(4)
        .reconnect(ReconnectPolicy::exponential().initial_delay(Duration::from_millis(300)))
        .connect()
        .await
        .unwrap();
    first.shutdown().await;
    // Give the client time to notice the close; then the queue holds 4 and refuses more.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let ev = |n| Event::new("Test::seq", [Value::Count(n)]);
    let mut accepted = Vec::new();
    let mut refused = 0;
    for n in 0..20 {
        match client.try_publish("/test/seq", &ev(n)) {
            Ok(()) => accepted.push(n),
            Err(e) => {
                assert!(
                    matches!(e, zeekws_runtime::client::Error::QueueFull { capacity: 4 }),
                    "{e}"
                );
                assert!(!e.is_fatal());
                refused += 1;
            }
        }
    }
    assert!(refused > 0 && accepted.len() <= 5, "{accepted:?}");
    let second = MockZeek::builder()
        .accept_unknown_events(true)
        .bind(addr)
        .start()
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(20), async {
        while second.published().len() < accepted.len() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the queued events went out after the reconnect");
    let got: Vec<u64> = second.published().iter().map(|p| seq(&p.event)).collect();
    assert_eq!(got, accepted);
    let stats = client.stats();
    assert_eq!(
        stats.sent + stats.failed + stats.queued,
        accepted.len() as u64,
        "{stats:?}"
    );
}
