//! `zeekws ping URL`: the handshake, the ack's endpoint and version, and the round-trip time.

use std::process::ExitCode;
use std::time::Instant;

use crate::Outcome;
use crate::args::PingArgs;

pub async fn run(args: PingArgs) -> Outcome {
    let start = Instant::now();
    // No subscriptions: the ack alone answers whether a Zeek is there.
    let client = crate::connect::builder(&args.url, &args.connect)?
        .connect()
        .await?;
    let rtt = start.elapsed();
    let ack = client.ack();
    println!(
        "ack from {} (Zeek {}) in {:.1} ms",
        ack.endpoint,
        ack.version,
        rtt.as_secs_f64() * 1e3
    );
    let _ = client.close().await;
    Ok(ExitCode::SUCCESS)
}
