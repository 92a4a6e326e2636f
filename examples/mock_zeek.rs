//! A stand-alone Zeek imitation: MockZeek on a port of your choice, knowing the events and
//! types declared in your `.zeek` scripts, so any WebSocket client (in any language) can be
//! tested without a Zeek.
//!
//! ```text
//! cargo run -p examples --example mock_zeek -- \
//!     --script ../shared/vectors/live/app.zeek --listen 127.0.0.1:27759 \
//!     --ping-pong App::ping,App::pong,/test/pongs --tick zeek.test,App::hello
//! ```
//!
//! Clients may publish every event the scripts declare, with arguments of the declared types
//! (checked as Zeek 8 checks them: errors are `failed to create Zeek event` and friends); with
//! `--ping-pong` a `ping(msg: string, c: count)` is answered by `pong(msg, c + 1)`; with
//! `--tick` an event with one `count` argument is published every `--interval`. Stop with
//! Ctrl-C: every client is closed with 1001 `Terminating`, as Zeek does.

#[path = "common/report.rs"]
mod report;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use zeekws_runtime::Value;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;

#[derive(Parser, Debug)]
#[command(about = "A Zeek WebSocket API imitation serving the events of .zeek scripts")]
struct Args {
    /// Where to listen (loopback by default).
    #[arg(long, default_value = "127.0.0.1:27759")]
    listen: SocketAddr,
    /// Zeek scripts whose events and types clients may use (repeatable).
    #[arg(long = "script")]
    scripts: Vec<PathBuf>,
    /// Where `@load` looks, like ZEEKPATH (repeatable; e.g. an installed share/zeek).
    #[arg(short = 'I', long = "include")]
    include: Vec<PathBuf>,
    /// PING,PONG,TOPIC: answer ping(msg, c) with pong(msg, c + 1) on TOPIC.
    #[arg(long = "ping-pong", value_name = "PING,PONG,TOPIC")]
    ping_pong: Option<String>,
    /// TOPIC,EVENT: publish EVENT(n) with n = 1, 2, ... on TOPIC every interval.
    #[arg(long, value_name = "TOPIC,EVENT")]
    tick: Option<String>,
    /// Interval of --tick, in milliseconds.
    #[arg(long, default_value_t = 500)]
    interval: u64,
    /// Add network-timestamp metadata to the events MockZeek publishes.
    #[arg(long)]
    network_timestamps: bool,
    /// Accept events no script declares.
    #[arg(long)]
    accept_unknown: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report::exit(run().await)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let mut zeek = MockZeek::builder()
        .bind(args.listen)
        .network_timestamps(args.network_timestamps)
        .accept_unknown_events(args.accept_unknown);

    if !args.scripts.is_empty() {
        let mut config = zeekws_codegen::Config::new();
        for dir in &args.include {
            config.zeek_path(dir);
        }
        let schema = config.load(&args.scripts)?;
        for warning in schema.warnings() {
            eprintln!("{warning}");
        }
        for ev in schema.events() {
            eprintln!("declared event {}({})", ev.name, ev.params.len());
        }
        zeek = zeek.schema(&schema);
    }
    if let Some(spec) = &args.ping_pong {
        let parts: Vec<&str> = spec.split(',').collect();
        let [ping, pong, topic] = parts[..] else {
            return Err(format!("--ping-pong wants PING,PONG,TOPIC, got {spec:?}").into());
        };
        zeek = zeek.ping_pong(ping, pong, topic);
    }

    let zeek = zeek.start().await?;
    println!(
        "MockZeek (Zeek {}) listening on {}",
        zeekws_runtime::server::VERSION,
        zeek.url()
    );

    let tick = match &args.tick {
        Some(spec) => match spec.split_once(',') {
            Some((topic, event)) => Some((topic.to_owned(), event.to_owned())),
            None => return Err(format!("--tick wants TOPIC,EVENT, got {spec:?}").into()),
        },
        None => None,
    };
    let mut interval = tokio::time::interval(Duration::from_millis(args.interval.max(1)));
    let mut n = 0u64;
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = interval.tick(), if tick.is_some() => {
                if let Some((topic, event)) = &tick {
                    n += 1;
                    zeek.publish(topic, &Event::new(event.clone(), [Value::Count(n)])).await;
                }
            }
        }
    }
    println!("shutting down: clients are closed with 1001 Terminating");
    zeek.shutdown().await;
    Ok(())
}
