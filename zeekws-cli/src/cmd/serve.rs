//! `zeekws serve`: MockZeek on a port, knowing the events and types of `.zeek` scripts.

use std::process::ExitCode;

use zeekws_runtime::Value;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;

use crate::Outcome;
use crate::args::ServeArgs;

pub async fn run(args: ServeArgs) -> Outcome {
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
        for w in schema.entry_warnings() {
            tracing::info!("{w}");
        }
        for ev in schema.events() {
            tracing::info!("serving event {}({} args)", ev.name, ev.params.len());
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
    let tick = match &args.tick {
        Some(spec) => match spec.split_once(',') {
            Some((topic, event)) if !topic.is_empty() && !event.is_empty() => {
                Some((topic.to_owned(), event.to_owned()))
            }
            _ => return Err(format!("--tick wants TOPIC,EVENT, got {spec:?}").into()),
        },
        None => None,
    };
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        zeek = zeek.tls_pem(crate::connect::read(cert)?, crate::connect::read(key)?);
        if let Some(ca) = &args.tls_client_ca {
            zeek = zeek.tls_client_ca_pem(crate::connect::read(ca)?);
        }
    }
    let zeek = zeek.start().await?;
    println!(
        "zeekws serve (Zeek {} imitation) listening on {}",
        zeekws_runtime::server::VERSION,
        zeek.url()
    );
    let mut interval =
        tokio::time::interval(args.interval.max(std::time::Duration::from_millis(1)));
    let mut n = 0u64;
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = interval.tick(), if tick.is_some() => {
                if let Some((topic, event)) = &tick {
                    n += 1;
                    let sent = zeek.publish(topic, &Event::new(event.clone(), [Value::Count(n)])).await;
                    tracing::debug!("published {event}({n}) on {topic} to {sent} client(s)");
                }
            }
        }
    }
    println!("shutting down: clients are closed with 1001 Terminating");
    zeek.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
