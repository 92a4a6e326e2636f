//! Decodes the kinds of frames a Zeek WebSocket server sends and prints them, then builds an
//! event and shows the exact frame zeekws sends for it.
//!
//! `cargo run -p examples --example decode_frames [FILE...]` — each FILE holds one frame per
//! line; without files a few built-in sample frames (as Zeek 8 writes them) are used.

#[path = "common/report.rs"]
mod report;

use zeekws_runtime::json;
use zeekws_runtime::protocol::{Event, Message};
use zeekws_runtime::{Port, Timestamp, Value};

const SAMPLES: &[&str] = &[
    r#"{"type":"ack","endpoint":"3eece35d-9f94-568d-861c-6a16c433e090-websocket-2","version":"8.2.2"}"#,
    r#"{"type":"data-message","topic":"zeek.test","@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"App::hello"},{"@data-type":"vector","data":[{"@data-type":"count","data":30}]}]}]}"#,
    r#"{"type":"data-message","topic":"zeek.test","@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"App::seen"},{"@data-type":"vector","data":[{"@data-type":"vector","data":[{"@data-type":"count","data":8},{"@data-type":"none","data":{}}]},{"@data-type":"enum-value","data":"App::GREEN"}]},{"@data-type":"vector","data":[{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"timestamp","data":"2026-11-26T09:44:44.886"}]}]}]}]}"#,
    r#"{"type": "data-message", "topic": "/test", "@data-type": "real", "data": 42}"#,
    r#"{"type":"error","code":"deserialization_failed","context":"failed to create Zeek event"}"#,
];

fn show(frame: &str) {
    match json::decode_message(frame) {
        Ok(Message::Ack(ack)) => {
            println!("ack      endpoint={} version={}", ack.endpoint, ack.version)
        }
        Ok(Message::Error(err)) => println!("error    {err}"),
        Ok(Message::Data(data)) => match data.to_event::<Event>() {
            Ok(ev) => {
                let args: Vec<String> = ev.args.iter().map(Value::to_string).collect();
                print!(
                    "event    {} on {:?}: {}({})",
                    ev.name,
                    data.topic,
                    ev.name,
                    args.join(", ")
                );
                match ev.network_timestamp() {
                    Some(ts) => println!("  [network time {ts}]"),
                    None => println!(),
                }
            }
            Err(_) => println!("data     on {:?}: {}", data.topic, data.value),
        },
        Err(e) => println!("invalid  {e}"),
    }
}

fn main() -> std::process::ExitCode {
    report::exit(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        SAMPLES.iter().for_each(|f| show(f));
    }
    for file in files {
        for line in std::fs::read_to_string(&file)?
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            show(line);
        }
    }

    let ping = Event::new("App::ping", [Value::from("hi"), Value::Count(1)])
        .with_network_timestamp(Timestamp::from_nanos(1_404_901_004_123_000_000));
    println!("\nsending  {}", json::encode_event("/test/pings", &ping));
    println!("a port   {}", json::to_string(&Value::Port(Port::udp(53))));
    Ok(())
}
