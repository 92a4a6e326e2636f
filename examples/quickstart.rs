//! The demo: a Zeek imitation publishes `hello(n)` on `zeek.test`; a typed client receives
//! each one and answers with `App::ping("hello n", n)`, which "Zeek" answers with
//! `App::pong("hello n", n + 1)`, as app.zeek's handler does. Exits by itself.
//!
//! Run: `cargo run -p examples --example quickstart`

use std::time::Duration;

use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value, ZeekTypeName};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Zeek's side: `global hello: event(n: count);` and the ping/pong handler of app.zeek.
    let zeek = MockZeek::builder()
        .event_types("hello", [ZeekTypeName::Count])
        .ping_pong("App::ping", "App::pong", "/test/pongs")
        .start()
        .await?;
    println!("MockZeek listening on {}", zeek.url());

    let mut client = Client::builder(zeek.url())
        .subscribe(["zeek.test", "/test/pongs"])
        .application_name("zeekws-quickstart")
        .connect_timeout(Duration::from_secs(5))
        .connect()
        .await?;
    let ack = client.ack();
    println!("ack: endpoint {} version {}", ack.endpoint, ack.version);
    println!("zeek sees clients: {:?}", zeek.clients());

    for n in 1..=3u64 {
        // Cluster::publish("zeek.test", hello, n);
        zeek.publish("zeek.test", &Event::new("hello", [Value::Count(n)]))
            .await;
    }

    let mut hellos = 0;
    let mut pongs = 0;
    while pongs < 3 {
        let (topic, event): (String, Event) =
            tokio::time::timeout(Duration::from_secs(5), client.recv_event_on()).await??;
        println!("received on {topic}: {}{:?}", event.name, event.args);
        match (event.name.as_str(), event.args.as_slice()) {
            ("hello", [Value::Count(n)]) => {
                hellos += 1;
                let ping = Event::new(
                    "App::ping",
                    [Value::String(format!("hello {n}")), Value::Count(*n)],
                );
                client.publish("/test/pings", &ping).await?;
                println!("  answered with App::ping(\"hello {n}\", {n})");
            }
            ("App::pong", _) => pongs += 1,
            _ => {}
        }
    }

    let seen = zeek.published();
    println!(
        "zeek received {} event(s) from the client: {:?}",
        seen.len(),
        seen.iter().map(|p| &p.event.args).collect::<Vec<_>>()
    );
    client.close().await?;
    zeek.shutdown().await;
    println!("done: {hellos} hello(s), {pongs} pong(s)");
    Ok(())
}
