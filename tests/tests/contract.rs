//! The contract checked at connect (`ClientBuilder::verify_contract`), against MockZeek
//! built from scripts and types, and against a hand-rolled server that answers, delays or
//! stays silent. Everything on 127.0.0.1.

// Zeek enum values are upper case.
#![allow(clippy::upper_case_acronyms)]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::app::{Color, Inner, Seen};
use common::{WAIT, accept_ws, fake_server};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use zeekws_runtime::client::Error;
use zeekws_runtime::contract::{
    self, ContractError, ContractPolicy, Describe, Described, FieldInfo, LayoutInfo,
};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value, ZeekEvent, ZeekRecord, json};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner", extensible)]
struct OpenInner {
    a: u64,
    b: Option<String>,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
struct SeenOpen {
    i: OpenInner,
    c: Color,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
struct Ping {
    msg: String,
    c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum AppEvents {
    Seen(Seen),
    Ping(Ping),
}

const APP: &str = "module App;\nexport {\n\ttype Color: enum { RED, GREEN, BLUE };\n\ttype Inner: record { a: count; b: string &optional; };\n\tglobal seen: event(i: Inner, c: Color);\n\tglobal ping: event(msg: string, c: count);\n}\n";

fn script(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zeekws-contract-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.zeek");
    std::fs::write(&path, text).unwrap();
    path
}

async fn zeek_from(name: &str, text: &str) -> MockZeek {
    MockZeek::builder()
        .script(script(name, text))
        .unwrap()
        .start()
        .await
        .unwrap()
}

fn contract_err(e: Error) -> ContractError {
    match e {
        Error::Contract(c) => c,
        other => panic!("expected a contract error, got {other}"),
    }
}

#[tokio::test]
async fn matching_layouts_connect_and_the_client_works_after() {
    let _ = (Color::RED, Color::BLUE);
    let zeek = zeek_from("match", APP).await;
    let mut client = Client::builder(zeek.url())
        .subscribe(["zeek.test"])
        .verify_contract::<AppEvents>()
        .connect()
        .await
        .expect("the contract holds");
    let seen = Seen {
        i: Inner { a: 1, b: None },
        c: Color::GREEN,
    };
    zeek.publish("zeek.test", &seen).await;
    let got: AppEvents = tokio::time::timeout(WAIT, client.recv_event())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, AppEvents::Seen(seen));
    // The private reply topic is one extra subscription.
    let info = &zeek.clients()[0];
    assert_eq!(info.subscriptions.len(), 2);
    assert!(
        info.subscriptions
            .iter()
            .any(|t| t.starts_with("zeekws/contract/reply/"))
    );
}

/// A policy script appends a field: a non-extensible record fails connect() naming it;
/// an extensible one is compatible.
#[tokio::test]
async fn an_appended_field_fails_unless_the_record_is_extensible() {
    let text = format!("{APP}redef record App::Inner += {{ c: addr &optional; }};\n");
    let zeek = zeek_from("appended", &text).await;
    let err = Client::builder(zeek.url())
        .verify_contract::<Seen>()
        .connect()
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with(
            "the running Zeek (8.2.2) does not match the types this client was built with:"
        ),
        "{msg}"
    );
    assert!(
        msg.contains("\n  App::Inner field 2: the running Zeek has `c: addr &optional`, this build has none; the record is not extensible"),
        "{msg}"
    );
    let ContractError::Mismatch { differences, .. } = contract_err(err) else {
        panic!("a mismatch")
    };
    assert_eq!(differences.len(), 1);
    Client::builder(zeek.url())
        .verify_contract::<SeenOpen>()
        .connect()
        .await
        .expect("extensible: compatible");
    // Only warned about under ContractPolicy::Warn.
    Client::builder(zeek.url())
        .verify_contract::<Seen>()
        .contract_policy(ContractPolicy::Warn)
        .connect()
        .await
        .expect("warn only");
}

#[tokio::test]
async fn every_difference_is_listed() {
    let text = "module App;\nexport {\n\ttype Color: enum { RED, GREEN, PURPLE };\n\ttype Inner: record { b: string &optional; a: count; };\n\tglobal seen: event(i: Inner, c: Color);\n\tglobal ping: event(msg: string, c: int);\n}\n";
    let zeek = zeek_from("every", text).await;
    let err = Client::builder(zeek.url())
        .verify_contract::<AppEvents>()
        .connect()
        .await
        .unwrap_err();
    let ContractError::Mismatch { differences, .. } = contract_err(err) else {
        panic!("a mismatch")
    };
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    for expected in [
        "App::Color value App::BLUE: the running Zeek does not declare it",
        "App::Color value App::PURPLE: the running Zeek declares it, this build does not know it; the enum is not open (no #[zeek(other)] variant)",
        "App::Inner field 0: the running Zeek has `b: string &optional`, this build has `a: count`",
        "App::Inner field 1: the running Zeek has `a: count`, this build has `b: string &optional`",
        "App::ping arg 1: the running Zeek has `c: int`, this build has `c: count`",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "missing {expected:?} in {lines:#?}"
        );
    }
    assert_eq!(lines.len(), 5, "{lines:#?}");
}

#[tokio::test]
async fn a_zeek_without_the_types_says_so() {
    let zeek = MockZeek::start().await.unwrap();
    let err = Client::builder(zeek.url())
        .verify_contract::<Seen>()
        .connect()
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(
            "App::Inner is not declared by the running Zeek (this build expects a record)"
        ),
        "{msg}"
    );
    assert!(
        msg.contains("App::seen is not declared by the running Zeek (this build expects a event)")
            || msg.contains("App::seen is not declared"),
        "{msg}"
    );
}

/// MockZeek built from Rust types answers from what the derives recorded.
#[tokio::test]
async fn mockzeek_built_from_types_answers_too() {
    let zeek = MockZeek::builder().event::<Seen>().start().await.unwrap();
    Client::builder(zeek.url())
        .verify_contract::<Seen>()
        .connect()
        .await
        .expect("same types on both sides");
}

/// A server that acks, publishes something first, then answers: the frame that came
/// before the answer is still delivered, and the check cost one request.
#[tokio::test]
async fn frames_before_the_answer_are_kept_and_silence_follows_the_policy() {
    let (tcp, url) = fake_server().await;
    let server = tokio::spawn(async move {
        // 1: answers after publishing an event.
        let mut ws = accept_ws(&tcp).await;
        let subs = ws.next().await.unwrap().unwrap().into_text().unwrap();
        assert!(subs.contains("zeekws/contract/reply/"), "{subs}");
        ws.send(WsMessage::text(
            r#"{"type":"ack","endpoint":"e","version":"8.2.2"}"#,
        ))
        .await
        .unwrap();
        let early = json::encode_event("zeek.test", &Event::new("App::hello", [Value::Count(7)]));
        ws.send(WsMessage::text(early)).await.unwrap();
        let request = ws.next().await.unwrap().unwrap().into_text().unwrap();
        let (topic, ask) = json::decode_event::<Describe>(request.as_str())
            .unwrap()
            .into_parts()
            .unwrap();
        assert_eq!(topic, contract::TOPIC);
        assert_eq!(ask.records, ["App::Inner"]);
        assert_eq!(ask.enums, ["App::Color"]);
        assert_eq!(ask.events, ["App::seen"]);
        let layout = |name: &str, kind: &str| LayoutInfo {
            name: name.into(),
            kind: kind.into(),
            fields: Vec::new(),
            values: Vec::new(),
            signature: String::new(),
        };
        let answer = Described {
            zeek_version: "8.2.2".into(),
            layouts: vec![
                LayoutInfo {
                    fields: vec![
                        FieldInfo {
                            name: "a".into(),
                            type_name: "count".into(),
                            optional: false,
                        },
                        FieldInfo {
                            name: "b".into(),
                            type_name: "string".into(),
                            optional: true,
                        },
                    ],
                    ..layout("App::Inner", "record")
                },
                LayoutInfo {
                    values: vec!["App::GREEN".into(), "App::BLUE".into(), "App::RED".into()],
                    ..layout("App::Color", "enum")
                },
                LayoutInfo {
                    signature: "event(i:App::Inner, c:App::Color)".into(),
                    ..layout("App::seen", "event")
                },
            ],
        };
        ws.send(WsMessage::text(json::encode_event(
            &ask.reply_topic,
            &answer,
        )))
        .await
        .unwrap();
        let _ = ws.next().await;
        // 2 and 3: ack, then silence.
        for _ in 0..2 {
            let mut ws = accept_ws(&tcp).await;
            let _ = ws.next().await;
            ws.send(WsMessage::text(
                r#"{"type":"ack","endpoint":"e","version":"8.2.2"}"#,
            ))
            .await
            .unwrap();
            // Reads the request and everything else, answers nothing.
            while let Ok(Some(Ok(_))) =
                tokio::time::timeout(Duration::from_secs(2), ws.next()).await
            {}
        }
    });
    let mut client = Client::builder(url.as_str())
        .subscribe(["zeek.test"])
        .verify_contract::<Seen>()
        .connect()
        .await
        .expect("answered and matching");
    let hello: Event = tokio::time::timeout(WAIT, client.recv_event())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hello.args, [Value::Count(7)]);
    drop(client);

    let err = Client::builder(url.as_str())
        .verify_contract::<Seen>()
        .contract_timeout(Duration::from_millis(200))
        .connect()
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("no answer to the contract check within 200ms: load the contract script"),
        "{msg}"
    );
    assert!(msg.contains("@load /path/to/zeekws-contract.zeek"), "{msg}");
    Client::builder(url.as_str())
        .verify_contract::<Seen>()
        .contract_timeout(Duration::from_millis(200))
        .contract_policy(ContractPolicy::RequireIfAnswered)
        .connect()
        .await
        .expect("no answer tolerated");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap();
}

/// The shipped script declares what the client asks and answers with.
#[test]
fn the_script_declares_the_events_the_client_uses() {
    let text = contract::SCRIPT;
    assert!(text.contains("module Zeekws;"));
    assert!(
        text.contains("global describe: event(reply_topic: string, records: vector of string,")
    );
    assert!(
        text.contains("global described: event(zeek_version: string, layouts: vector of Layout);")
    );
    assert!(text.contains("const topic = \"zeekws/contract\" &redef;"));
    // zeekws' own parser reads it, and it declares the records the client decodes.
    let path = script("script", text);
    let schema =
        zeekws_codegen::Schema::load(&path, &[] as &[&str]).unwrap_or_else(|e| panic!("{e}"));
    let layout = schema.record("Zeekws::Layout").expect("Zeekws::Layout");
    let names: Vec<&str> = layout.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "kind", "fields", "values", "signature"]);
    let field = schema.record("Zeekws::Field").expect("Zeekws::Field");
    let names: Vec<&str> = field.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "type_name", "optional"]);
    assert_eq!(schema.event("Zeekws::describe").unwrap().params.len(), 4);
    assert_eq!(schema.event("Zeekws::described").unwrap().params.len(), 2);
}
