//! Against a real Zeek, when `ZEEKWS_ZEEK=/path/to/bin/zeek` names one (otherwise this test
//! is reported as ignored, with that reason). It starts that Zeek on 127.0.0.1 on a free
//! port with the contract script and a copy of `shared/vectors/live/app.zeek` (only the
//! port changed), then checks `verify_contract` with matching and with deliberately wrong
//! types, and that Zeek and a MockZeek built from the same script answer the contract
//! request and a ping alike.
//!
//! ```text
//! ZEEKWS_ZEEK=/usr/local/zeek/bin/zeek cargo test -p tests --test real_zeek
//! ```

#![allow(clippy::upper_case_acronyms)]

mod common;

use common::app::{Color, Seen};

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use zeekws_runtime::contract::{self, Describe, Described};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Client, Value, ZeekEvent, ZeekRecord};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner")]
struct WrongInner {
    a: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
struct WrongSeen {
    i: WrongInner,
    c: Color,
}

struct Zeek(Child);

impl Drop for Zeek {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn shared() -> PathBuf {
    PathBuf::from(env!("ZEEKWS_SHARED_DIR"))
}

/// Starts the real Zeek with the contract script and app.zeek on a free loopback port.
async fn start_zeek(bin: &str) -> (Zeek, String, PathBuf) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("zeekws-real-zeek-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let app = std::fs::read_to_string(shared().join("vectors/live/app.zeek")).unwrap();
    assert!(app.contains("27759/tcp"), "app.zeek listens on 27759");
    std::fs::write(
        dir.join("app.zeek"),
        app.replace("27759/tcp", &format!("{port}/tcp")),
    )
    .unwrap();
    std::fs::write(dir.join("zeekws-contract.zeek"), contract::SCRIPT).unwrap();
    let zeek = Zeek(
        Command::new(bin)
            .current_dir(&dir)
            .args(["app.zeek", "zeekws-contract.zeek"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run ZEEKWS_ZEEK={bin}: {e}")),
    );
    let url = format!("ws://127.0.0.1:{port}/v1/messages/json");
    // Zeek takes a few seconds to load its scripts.
    for _ in 0..200 {
        if Client::builder(url.as_str()).connect().await.is_ok() {
            return (zeek, url, dir);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("Zeek did not listen on {url} within 20 s");
}

/// The contract answer, asked by hand on one connection.
async fn ask(url: &str, request_names: &Describe) -> Described {
    let reply = format!("zeekws/contract/reply/test-{}", std::process::id());
    let mut client = Client::builder(url)
        .subscribe([reply.clone()])
        .connect()
        .await
        .unwrap();
    let request = Describe {
        reply_topic: reply.clone(),
        ..request_names.clone()
    };
    client.publish(contract::TOPIC, &request).await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), client.recv_event::<Described>())
        .await
        .expect("an answer within 10 s")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    zeekws_no_real_zeek,
    ignore = "needs a real Zeek: set ZEEKWS_ZEEK=/path/to/bin/zeek"
)]
async fn real_zeek_answers_the_contract_as_mockzeek_does() {
    let _ = (Color::RED, Color::BLUE);
    let bin = std::env::var("ZEEKWS_ZEEK").expect("ZEEKWS_ZEEK");
    let (_zeek, url, dir) = start_zeek(&bin).await;

    // Matching types connect; a record one field short fails, naming the field.
    Client::builder(url.as_str())
        .verify_contract::<Seen>()
        .contract_timeout(Duration::from_secs(10))
        .connect()
        .await
        .expect("the contract holds against the real Zeek");
    let err = Client::builder(url.as_str())
        .verify_contract::<WrongSeen>()
        .contract_timeout(Duration::from_secs(10))
        .connect()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("App::Inner field 1: the running Zeek has `b: string &optional`, this build has none; the record is not extensible"),
        "{err}"
    );

    // The same request to the real Zeek and to MockZeek built from the same script.
    let request = Describe {
        reply_topic: String::new(),
        records: vec![
            "App::Inner".into(),
            "App::Everything".into(),
            "conn_id".into(),
        ],
        enums: vec![
            "App::Color".into(),
            "App::Level".into(),
            "transport_proto".into(),
        ],
        events: vec![
            "App::seen".into(),
            "App::everything".into(),
            "App::nope".into(),
        ],
    };
    let mock = MockZeek::builder()
        .script(dir.join("app.zeek"))
        .unwrap()
        .start()
        .await
        .unwrap();
    let real = ask(&url, &request).await;
    let imitation = ask(&mock.url(), &request).await;
    assert_eq!(real.layouts.len(), imitation.layouts.len());
    for (r, m) in real.layouts.iter().zip(&imitation.layouts) {
        assert_eq!((&r.name, &r.kind), (&m.name, &m.kind));
        // Compared as types, not as text: spacing is Zeek's business.
        let fields = |l: &contract::LayoutInfo| {
            l.fields
                .iter()
                .map(|f| {
                    (
                        f.name.clone(),
                        contract::type_name::parse(&f.type_name),
                        f.optional,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(r), fields(m), "{}", r.name);
        let (mut rv, mut mv) = (r.values.clone(), m.values.clone());
        rv.sort();
        mv.sort();
        assert_eq!(rv, mv, "{}", r.name);
        if r.kind == "event" {
            assert_eq!(
                contract::type_name::parse_event(&r.signature),
                contract::type_name::parse_event(&m.signature),
                "{}",
                r.name
            );
        }
    }

    // A ping is answered alike.
    let mut a = Client::builder(url.as_str())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    let ping = Event::new("App::ping", [Value::from("hi"), Value::Count(41)]);
    a.publish("/test/pings", &ping).await.unwrap();
    let pong: Event = tokio::time::timeout(Duration::from_secs(10), a.recv_event())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pong.args, [Value::from("hi"), Value::Count(42)]);
    mock.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
