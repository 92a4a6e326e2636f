//! The README's commands, run as a new user runs them, through the real binaries that
//! `cargo test --workspace` builds (the examples and the `zeekws` command): each
//! works as written, and a failure prints its `Display` text, never a `Debug` dump.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Client, Value};

/// `target/debug/<rel>`, found from this test's own executable (`target/debug/deps/..`).
fn built(rel: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    let path = dir.join(rel);
    assert!(
        path.is_file(),
        "{} is not built: run the README's test command, `cargo test --workspace`, which builds it",
        path.display()
    );
    path
}

fn shared() -> PathBuf {
    PathBuf::from(env!("ZEEKWS_SHARED_DIR"))
}

#[test]
fn quickstart_runs_and_exits_by_itself() {
    let out = Command::new(built("examples/quickstart"))
        .output()
        .expect("run quickstart");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("done: 3 hello(s), 3 pong(s)"), "{stdout}");
}

#[test]
fn example_errors_are_display_texts_with_exit_status_1() {
    let out = Command::new(built("examples/subscribe")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: give a URL or --mock\n"
    );

    // Port 1 on loopback: nothing listens there.
    let out = Command::new(built("examples/subscribe"))
        .arg("ws://127.0.0.1:1/v1/messages/json")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: connecting to 127.0.0.1:1: "),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Os {") && !stderr.contains("Connect {"),
        "{stderr}"
    );
}

#[test]
fn gen_command_prints_the_rust_of_the_shared_script() {
    let out = Command::new(built("zeekws"))
        .arg("gen")
        .arg(shared().join("vectors/live/app.zeek"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("pub struct Everything {"), "{stdout}");

    let out = Command::new(built("zeekws"))
        .args(["gen", "zeek/no-such-file.zeek"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("zeek/no-such-file.zeek"), "{stderr}");
    assert!(
        !stderr.contains("Io {") && !stderr.contains("Os {"),
        "{stderr}"
    );
}

/// The README's stand-alone imitation: serves the shared app.zeek's events, ticks, answers
/// pings, and shuts down cleanly on Ctrl-C (SIGINT).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mock_zeek_serves_the_script_ticks_answers_and_stops_on_ctrl_c() {
    let mut child = Command::new(built("examples/mock_zeek"))
        .arg("--script")
        .arg(shared().join("vectors/live/app.zeek"))
        .args(["--listen", "127.0.0.1:0"])
        .args(["--ping-pong", "App::ping,App::pong,/test/pongs"])
        .args(["--tick", "zeek.test,App::hello", "--interval", "50"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start mock_zeek");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("ws://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();
    assert!(
        url.starts_with("ws://127.0.0.1:") && url.ends_with("/v1/messages/json"),
        "{url}"
    );

    let run = async {
        let mut client = Client::builder(url.as_str())
            .subscribe(["zeek.test", "/test/pongs"])
            .connect()
            .await
            .expect("connect");
        let hello: Event = client.recv_event().await.unwrap();
        assert_eq!(hello.name, "App::hello");
        assert!(
            matches!(hello.args.as_slice(), [Value::Count(_)]),
            "{hello:?}"
        );
        let ping = Event::new("App::ping", [Value::from("hi"), Value::Count(41)]);
        client.publish("/test/pings", &ping).await.unwrap();
        loop {
            let ev: Event = client.recv_event().await.unwrap();
            if ev.name == "App::pong" {
                assert_eq!(ev.args, [Value::from("hi"), Value::Count(42)]);
                break;
            }
        }
    };
    let ok = tokio::time::timeout(Duration::from_secs(10), run).await;
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    ok.expect("mock_zeek answered within 10 s");
    assert!(
        status.success(),
        "mock_zeek exited with {status} after SIGINT"
    );
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(rest.contains("shutting down"), "{rest}");
}
