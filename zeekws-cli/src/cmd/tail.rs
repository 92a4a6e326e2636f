//! `zeekws tail URL -t TOPIC...`: one line per event, with the declared names when a schema
//! is given; reconnects unless told not to, saying so on stderr.

use std::io::Write;
use std::process::ExitCode;

use zeekws_runtime::client::{Received, ReconnectPolicy};
use zeekws_runtime::protocol::Event;

use crate::Outcome;
use crate::args::{Format, TailArgs};
use crate::render::Renderer;

pub async fn run(args: TailArgs) -> Outcome {
    let schema = crate::schema::load(&args.schema)?;
    let mut builder =
        crate::connect::builder(&args.url, &args.connect)?.subscribe(args.topics.clone());
    if !args.no_reconnect {
        builder = builder.reconnect(ReconnectPolicy::exponential());
    }
    let mut client = builder.connect().await?;
    tracing::info!(
        "subscribed to {} as {} (Zeek {})",
        args.topics.join(", "),
        client.ack().endpoint,
        client.ack().version
    );
    let renderer = Renderer {
        schema: schema.as_ref(),
    };
    let mut out = std::io::stdout().lock();
    let mut seen = 0u64;
    loop {
        if args.count.is_some_and(|n| seen >= n) {
            break;
        }
        let next = async {
            if args.raw {
                client.recv_frame().await.map(Some)
            } else {
                match client.recv::<Event>().await {
                    Ok(Received::Event { topic, event }) => {
                        Ok(Some(line(&renderer, &args, &topic, &event)))
                    }
                    Ok(Received::Reconnected { ack, cause }) => {
                        tracing::warn!(
                            "connection lost ({cause}); reconnected as {}",
                            ack.endpoint
                        );
                        Ok(None)
                    }
                    Ok(_) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        };
        let idle = async {
            match args.idle {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending().await,
            }
        };
        let got = tokio::select! {
            got = next => got,
            _ = idle => {
                tracing::info!("nothing for {:?}: stopping", args.idle.unwrap_or_default());
                break;
            }
            _ = tokio::signal::ctrl_c() => break,
        };
        match got {
            Ok(Some(text)) => {
                seen += 1;
                if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
                    // `zeekws tail ... | head` closed the pipe: a normal end.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        break;
                    }
                    return Err(format!("cannot write to stdout: {e}").into());
                }
            }
            Ok(None) => {}
            // A frame that is no event, or a server error: say so and go on.
            Err(e) if !e.is_fatal() => tracing::warn!("{e}"),
            Err(e) => return Err(e.into()),
        }
    }
    tracing::info!("{seen} event(s)");
    let _ = client.close().await;
    Ok(ExitCode::SUCCESS)
}

fn line(renderer: &Renderer<'_>, args: &TailArgs, topic: &str, event: &Event) -> String {
    match args.format {
        Format::Zeek => renderer.event_zeek(event),
        Format::Json | Format::Pretty => {
            let (json, warnings) = renderer.event_json(topic, event);
            for w in warnings {
                tracing::warn!("{w}");
            }
            if args.format == Format::Pretty {
                serde_json::to_string_pretty(&json).unwrap_or_default()
            } else {
                json.to_string()
            }
        }
    }
}
