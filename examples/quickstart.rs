//! The demo: a Zeek imitation publishes `hello(n)` on `zeek.test`; a typed client receives
//! each one and answers with `App::ping("hello n", n)`, which "Zeek" answers with
//! `App::pong("hello n", n + 1)`, as app.zeek's handler does. Exits by itself.
//!
//! Run: `cargo run -p examples --example quickstart`

#[path = "common/report.rs"]
mod report;

use std::time::Duration;

use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, ZeekEvent};

/// `global hello: event(n: count);`
#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "hello")]
struct Hello {
    n: u64,
}

/// `global App::ping: event(msg: string, c: count);`
#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
struct Ping {
    msg: String,
    c: u64,
}

/// What this client receives: one Rust enum for several Zeek events.
#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum FromZeek {
    Hello(Hello),
    #[zeek(name = "App::pong")]
    Pong {
        msg: String,
        c: u64,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Zeek's side: it knows `hello` and answers App::ping with App::pong on /test/pongs.
    let zeek = MockZeek::builder()
        .event::<Hello>()
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
    for info in zeek.clients() {
        println!(
            "zeek sees client {} ({:?}) subscribed to {:?}",
            info.endpoint, info.application_name, info.subscriptions
        );
    }

    for n in 1..=3 {
        // Cluster::publish("zeek.test", hello, n);
        zeek.publish("zeek.test", &Hello { n }).await;
    }

    let (mut hellos, mut pongs) = (0, 0);
    while pongs < 3 {
        let (topic, event): (String, FromZeek) =
            tokio::time::timeout(Duration::from_secs(5), client.recv_event_on()).await??;
        println!("received on {topic}: {event:?}");
        match event {
            FromZeek::Hello(Hello { n }) => {
                hellos += 1;
                let ping = Ping {
                    msg: format!("hello {n}"),
                    c: n,
                };
                client.publish("/test/pings", &ping).await?;
                println!("  answered with {ping:?}");
            }
            FromZeek::Pong { .. } => pongs += 1,
        }
    }

    for p in zeek.published() {
        println!(
            "zeek received from {}: {}{:?}",
            p.from, p.event.name, p.event.args
        );
    }
    client.close().await?;
    zeek.shutdown().await;
    println!("done: {hellos} hello(s), {pongs} pong(s)");
    Ok(())
}
