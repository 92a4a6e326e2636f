//! `zeekws publish URL TOPIC EVENT ARG...`: arguments in Zeek's literal syntax (checked
//! against the declared types with `--schema`), Broker JSON with `--json`, or one call per
//! line from stdin; then a short wait for Zeek to refuse what it cannot take.

use std::io::BufRead;
use std::process::ExitCode;

use zeekws_codegen::Schema;
use zeekws_runtime::protocol::{Event, Message};
use zeekws_runtime::{Value, json, literal};

use crate::Outcome;
use crate::args::PublishArgs;

pub async fn run(args: PublishArgs) -> Outcome {
    let schema = crate::schema::load(&args.schema)?;
    // Everything given on the command line is parsed before anything is sent.
    let single = match &args.event {
        Some(name) if !args.stdin => Some(event(name, &args.args, args.json, schema.as_ref())?),
        _ => None,
    };
    let mut client = crate::connect::builder(&args.url, &args.connect)?
        .connect()
        .await?;
    let mut sent = 0u64;
    if let Some(ev) = single {
        client.publish(&args.topic, &ev).await?;
        sent += 1;
    } else {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().lines().enumerate() {
            let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
            let text = line.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            let parsed = match &schema {
                Some(s) => literal::parse_call_as(text, s),
                None => literal::parse_call(text),
            };
            let (name, values) = parsed.map_err(|e| format!("stdin line {}: {e}", n + 1))?;
            client
                .publish(&args.topic, &Event::new(name, values))
                .await?;
            sent += 1;
        }
    }
    // Zeek answers an event it cannot convert with an error message; nothing else arrives
    // on a connection without subscriptions.
    let mut refused = 0;
    let deadline = tokio::time::Instant::now() + args.wait;
    while let Ok(got) = tokio::time::timeout_at(deadline, client.recv_message()).await {
        match got {
            Ok(Message::Error(e)) => {
                refused += 1;
                eprintln!("error: Zeek refused an event: {e}");
            }
            Ok(_) => {}
            Err(e) if !e.is_fatal() => eprintln!("error: {e}"),
            Err(e) => return Err(e.into()),
        }
    }
    client.close().await?;
    tracing::info!(
        "published {sent} event(s) on {}, {refused} refused",
        args.topic
    );
    Ok(if refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The event from its name and argument texts.
fn event(
    name: &str,
    texts: &[String],
    as_json: bool,
    schema: Option<&Schema>,
) -> Result<Event, Box<dyn std::error::Error + Send + Sync>> {
    if as_json {
        let args = texts
            .iter()
            .enumerate()
            .map(|(i, t)| json::from_str::<Value>(t).map_err(|e| format!("arg {i}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Event::new(name, args));
    }
    let args = match schema {
        Some(s) => {
            let Some(decl) = s.event(name) else {
                let known: Vec<&str> = s.events().iter().map(|e| e.name.as_str()).collect();
                return Err(format!(
                    "event {name} is not declared in the schema (it declares {})",
                    if known.is_empty() {
                        "no events".to_owned()
                    } else {
                        known.join(", ")
                    }
                )
                .into());
            };
            literal::parse_args_as(texts, decl, s)?
        }
        None => texts
            .iter()
            .enumerate()
            .map(|(i, t)| literal::parse(t).map_err(|e| format!("arg {i}: {e}")))
            .collect::<Result<Vec<_>, _>>()?,
    };
    Ok(Event::new(name, args))
}
