//! The "remote API server" of Zeek's WebSocket docs: Zeek (through a bridge such as
//! `websocat`) connects *to* this program, which then speaks the client side of the protocol
//! on the accepted socket, with [`Listener`].
//!
//! `cargo run -p examples --example bridge_api` runs everything in one process: a MockZeek,
//! a tiny websocat-like bridge that connects our listener to it, and the API server.
//! `cargo run -p examples --example bridge_api -- --listen 127.0.0.1:8080` only serves, for
//! a real bridge: `websocat ws-l:... ws://127.0.0.1:27759/v1/messages/json`-style set-ups.

#[path = "common/report.rs"]
mod report;

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Listener, Value, ZeekTypeName};

#[derive(Parser, Debug)]
struct Args {
    /// Serve only, on this address (otherwise: a self-contained demo).
    #[arg(long)]
    listen: Option<SocketAddr>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let addr = args.listen.unwrap_or(([127, 0, 0, 1], 0).into());
    let listener = Listener::builder(addr)
        .subscribe(["zeek.test", "/test/pongs"])
        .bind()
        .await?;
    let local = listener.local_addr()?;
    println!("API server listening on ws://{local}");

    let zeek = if args.listen.is_none() {
        let zeek = MockZeek::builder()
            .event_types("hello", [ZeekTypeName::Count])
            .ping_pong("App::ping", "App::pong", "/test/pongs")
            .start()
            .await?;
        tokio::spawn(bridge(format!("ws://{local}"), zeek.url()));
        Some(zeek)
    } else {
        None
    };

    let (mut client, peer) = listener.accept().await?;
    println!(
        "bridged Zeek connected from {peer}; ack {}",
        client.ack().to_json()
    );
    if let Some(zeek) = &zeek {
        zeek.wait_for_clients(1).await;
        zeek.publish("zeek.test", &Event::new("hello", [Value::Count(7)]))
            .await;
    }
    let mut pongs = 0;
    while pongs < 1 || args.listen.is_some() {
        let event: Event =
            tokio::time::timeout(Duration::from_secs(30), client.recv_event()).await??;
        println!("got {}{:?}", event.name, event.args);
        if let ("hello", [Value::Count(n)]) = (event.name.as_str(), event.args.as_slice()) {
            let ping = Event::new(
                "App::ping",
                [Value::from("from the API server"), Value::Count(*n)],
            );
            client.publish("/test/pings", &ping).await?;
        } else if event.name == "App::pong" {
            pongs += 1;
        }
    }
    client.close().await?;
    println!("done");
    Ok(())
}

/// websocat in a few lines: connect to both ends and copy frames both ways.
async fn bridge(api: String, zeek: String) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (a, _) = tokio_tungstenite::connect_async(api.as_str()).await?;
    let (z, _) = tokio_tungstenite::connect_async(zeek.as_str()).await?;
    let (mut a_tx, mut a_rx) = a.split();
    let (mut z_tx, mut z_rx) = z.split();
    let up = async {
        while let Some(Ok(m)) = a_rx.next().await {
            if m.is_text() || m.is_binary() {
                z_tx.send(m).await?;
            }
        }
        Ok::<_, tokio_tungstenite::tungstenite::Error>(())
    };
    let down = async {
        while let Some(Ok(m)) = z_rx.next().await {
            if m.is_text() || m.is_binary() {
                a_tx.send(m).await?;
            }
        }
        Ok::<_, tokio_tungstenite::tungstenite::Error>(())
    };
    let _ = tokio::join!(up, down);
    Ok(())
}
