//! websocat-like: connect to a Zeek WebSocket URL, print the ack and every message decoded.
//!
//! `cargo run -p examples --example subscribe -- ws://127.0.0.1:27759/v1/messages/json -t zeek.test`
//! `cargo run -p examples --example subscribe -- --mock` (talks to a MockZeek that publishes a few events)

#[path = "common/report.rs"]
mod report;

use std::time::Duration;

use clap::Parser;
use zeekws_runtime::protocol::{Event, Message};
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value};

#[derive(Parser, Debug)]
#[command(about = "Print what a Zeek WebSocket endpoint publishes")]
struct Args {
    /// ws:// or wss:// URL of the endpoint (ignored with --mock).
    url: Option<String>,
    /// Topic prefixes to subscribe to (repeatable; default: everything).
    #[arg(short, long = "topic")]
    topics: Vec<String>,
    /// X-Application-Name to send.
    #[arg(long, default_value = "zeekws-subscribe")]
    app: String,
    /// Trust the CA certificate(s) in this PEM file (for wss:// with a private CA).
    #[arg(long)]
    ca: Option<std::path::PathBuf>,
    /// Accept any TLS certificate (tests only).
    #[arg(long)]
    insecure: bool,
    /// Start a MockZeek that publishes a few events, and talk to it.
    #[arg(long)]
    mock: bool,
    /// Stop after this many messages.
    #[arg(short = 'n', long)]
    count: Option<usize>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let mock = if args.mock {
        Some(MockZeek::start().await?)
    } else {
        None
    };
    let url = match (&mock, &args.url) {
        (Some(z), _) => z.url(),
        (None, Some(u)) => u.clone(),
        (None, None) => return Err("give a URL or --mock".into()),
    };
    let topics = if args.topics.is_empty() {
        vec![String::new()]
    } else {
        args.topics.clone()
    };
    let mut builder = Client::builder(&url)
        .subscribe(topics)
        .application_name(&args.app);
    if let Some(path) = &args.ca {
        builder = builder.ca_pem(std::fs::read(path)?);
    }
    if args.insecure {
        builder = builder.danger_accept_invalid_certs(true);
    }
    let mut client = builder.connect().await?;
    let ack = client.ack();
    println!("{}", ack.to_json());

    let limit = args.count.or(mock.as_ref().map(|_| 3));
    if let Some(zeek) = &mock {
        for n in 1..=3u64 {
            zeek.publish("zeek.test", &Event::new("hello", [Value::Count(n)]))
                .await;
        }
    }
    let mut seen = 0;
    loop {
        if limit.is_some_and(|l| seen >= l) {
            break;
        }
        let msg = tokio::select! {
            m = client.recv_message() => m,
            _ = tokio::signal::ctrl_c() => break,
            _ = tokio::time::sleep(Duration::from_secs(5)), if mock.is_some() => break,
        };
        match msg {
            Ok(Message::Data(d)) => {
                seen += 1;
                match d.to_event::<Event>() {
                    Ok(ev) => println!("{}: {}{}", d.topic, ev.name, args_text(&ev.args)),
                    Err(_) => println!("{}: {}", d.topic, d.value),
                }
            }
            Ok(Message::Error(e)) => println!("server error: {e}"),
            Ok(Message::Ack(a)) => println!("unexpected ack: {a:?}"),
            Err(e) if e.is_fatal() => {
                println!("connection ended: {e}");
                break;
            }
            Err(e) => println!("error: {e}"),
        }
    }
    client.close().await?;
    Ok(())
}

fn args_text(args: &[Value]) -> String {
    // Zeek script notation: `hello(1)`, `App::seen([8, -], App::GREEN)`.
    let parts: Vec<String> = args.iter().map(Value::to_string).collect();
    format!("({})", parts.join(", "))
}
