//! The `zeekws` binary end to end, over 127.0.0.1: against an in-process MockZeek, a
//! hand-rolled remote API, and the captures of a real Zeek 8.2.2 in the shared folder.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value as J;
use zeekws_runtime::server::MockZeek;
use zeekws_runtime::{Value, ZeekEnum, ZeekEvent, ZeekRecord, json};

fn zeekws() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zeekws"))
}

fn run(args: &[&str]) -> Output {
    zeekws().args(args).output().expect("run zeekws")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `../shared` beside the repository; ZEEKWS_SHARED overrides.
fn shared() -> PathBuf {
    let dir = std::env::var_os("ZEEKWS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    assert!(
        dir.join("vectors/live/app.zeek").is_file(),
        "the shared test vectors are missing: no {}/vectors/live/app.zeek; set ZEEKWS_SHARED=/path/to/shared",
        dir.display()
    );
    dir
}

fn app_zeek() -> String {
    shared().join("vectors/live/app.zeek").display().to_string()
}

/// The frames Zeek 8.2.2 published in the transcript's `zeek-published` scenario.
fn zeek_published() -> Vec<String> {
    let path = shared().join("vectors/live/transcript-zeek-8.2.2.json");
    let t: J = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let sc = t
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scenario"] == "zeek-published")
        .unwrap();
    sc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["received"].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r["frame"].as_str().map(str::to_owned))
        .filter(|f| f.contains("data-message"))
        .collect()
}

/// Kills the child when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in [
        "ping",
        "tail",
        "publish",
        "bridge",
        "serve",
        "gen",
        "check",
        "completions",
    ] {
        let out = run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}");
        let help = text(&out.stdout);
        assert!(
            help.contains("Example"),
            "{sub} --help has no example:\n{help}"
        );
    }
    let top = text(&run(&["--help"]).stdout);
    assert!(
        top.contains("Exit status: 0 success, 1 error, 2 usage error, 3"),
        "{top}"
    );
    let out = run(&["completions", "bash"]);
    assert!(out.status.success() && text(&out.stdout).contains("_zeekws()"));
    // Usage errors exit 2.
    assert_eq!(run(&["tail"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_prints_the_ack_or_one_clear_line() {
    let zeek = MockZeek::start().await.unwrap();
    let out = tokio::task::spawn_blocking({
        let url = zeek.url();
        move || run(&["ping", &url])
    })
    .await
    .unwrap();
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.starts_with("ack from ") && stdout.contains("(Zeek 8.2.2) in "),
        "{stdout}"
    );

    let out = run(&["ping", "ws://127.0.0.1:1/v1/messages/json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).lines().count(),
        1,
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).starts_with("error: connecting to 127.0.0.1:1: "));

    // Not a Zeek: an HTTP server that answers the upgrade with 404.
    let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = tcp.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = tcp.accept() {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = std::io::Write::write_all(
                &mut s,
                b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            );
        }
    });
    let out = run(&[
        "ping",
        &format!("ws://{addr}/v1/messages/json"),
        "--timeout",
        "2s",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: WebSocket handshake with ") && stderr.contains("404"),
        "{stderr}"
    );

    let out = run(&["ping", "http://127.0.0.1:1/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: invalid URL"),
        "{}",
        text(&out.stderr)
    );
    zeek.shutdown().await;
}

/// `tail --schema app.zeek` prints what the real Zeek published with names: arguments by
/// their declared names, records as objects with field names.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tail_names_arguments_and_fields_from_the_schema() {
    let zeek = MockZeek::start().await.unwrap();
    let frames = zeek_published();
    let mut child = Running(
        zeekws()
            .args([
                "tail",
                &zeek.url(),
                "-t",
                "zeek.test",
                "--schema",
                &app_zeek(),
            ])
            .args(["-n", &frames.len().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    tokio::time::timeout(Duration::from_secs(10), zeek.wait_for_clients(1))
        .await
        .expect("tail connected");
    for f in &frames {
        assert_eq!(zeek.publish_frame("zeek.test", f.clone()).await, 1);
    }
    let stdout = child.0.stdout.take().unwrap();
    let lines = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    let status = child.0.wait().unwrap();
    let mut stderr = String::new();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert_eq!(lines.len(), frames.len(), "{lines:?}");
    assert!(stderr.is_empty(), "no warnings expected: {stderr}");
    let parsed: Vec<J> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        parsed[0],
        serde_json::json!({"topic":"zeek.test","event":"App::hello","args":{"n":30}})
    );
    let every = &parsed[1]["args"];
    assert_eq!(every["n"], 30);
    let e = &every["e"];
    assert_eq!(e["b"], true);
    assert_eq!(e["c"], 18446744073709551615u64);
    assert_eq!(e["s"], "tab\there \"q\" é \u{1} end");
    assert_eq!(e["ad6"], "2001:db8::1");
    assert_eq!(e["p"], "53/udp");
    assert_eq!(e["e"], "App::BLUE");
    assert_eq!(e["st2"], serde_json::json!([["10.0.0.1", "80/tcp"]]));
    assert_eq!(e["tb"], serde_json::json!({"k": 1}));
    assert_eq!(
        e["tb2"],
        serde_json::json!([[[1, "one"], {"a": 1, "b": null}]])
    );
    assert_eq!(e["inner"], serde_json::json!({"a": 5, "b": "five"}));
    assert_eq!(e["opt_unset"], J::Null);
    assert_eq!(e["pat"], "/ab+c/");
    assert_eq!(e["iv"], 1.5);
    assert_eq!(e["lvl"], "App::HIGH");
    assert!(
        e["t"]
            .as_str()
            .unwrap()
            .starts_with("2014-07-09T10:16:44.123"),
        "{}",
        e["t"]
    );
    // The two fields app.zeek appends with `redef record`, by name too.
    assert_eq!(e["appended_def"], 7);
    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
    assert_eq!(keys[..3], ["b", "c", "i"], "declaration order");
    assert_eq!(
        parsed[2]["args"]["i"],
        serde_json::json!({"a": 30, "b": null})
    );
    assert_eq!(parsed[2]["args"]["c"], "App::GREEN");
    zeek.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tail_without_a_schema_and_as_zeek_literals_and_warns_on_a_mismatch() {
    let zeek = MockZeek::start().await.unwrap();
    let seen = zeek_published()
        .into_iter()
        .find(|f| f.contains("App::seen"))
        .unwrap();
    let spawn = |extra: &[&str]| {
        Running(
            zeekws()
                .args(["tail", &zeek.url(), "-t", "zeek.", "-n", "1"])
                .args(extra)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        )
    };
    let out = |mut c: Running| {
        let mut o = String::new();
        let mut e = String::new();
        c.0.stdout.take().unwrap().read_to_string(&mut o).unwrap();
        c.0.stderr.take().unwrap().read_to_string(&mut e).unwrap();
        (o, e, c.0.wait().unwrap())
    };
    for (extra, expected) in [
        (
            vec![],
            r#"{"topic":"zeek.test","event":"App::seen","args":[[30,null],"App::GREEN"]}"#
                .to_owned(),
        ),
        (
            vec!["--format", "zeek", "--schema", &app_zeek()],
            "App::seen([$a=30], App::GREEN)".to_owned(),
        ),
        (vec!["--raw"], seen.clone()),
    ] {
        let child = spawn(&extra);
        tokio::time::timeout(Duration::from_secs(10), zeek.wait_for_clients(1))
            .await
            .unwrap();
        assert_eq!(zeek.publish_frame("zeek.test", seen.clone()).await, 1);
        let (o, e, status) = tokio::task::spawn_blocking(move || out(child))
            .await
            .unwrap();
        assert!(status.success(), "{e}");
        assert_eq!(o.trim_end(), expected, "{extra:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A schema that declares App::seen differently: printed as it came, with a warning that
    // names the event, argument, field and JSON path; tailing goes on.
    let dir = std::env::temp_dir().join(format!("zeekws-cli-tail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let other = dir.join("other.zeek");
    std::fs::write(&other, "module App;\nexport {\n type Color: enum { RED, GREEN, BLUE };\n type Inner: record { a: string; b: string &optional; };\n global seen: event(i: Inner, c: Color);\n}\n").unwrap();
    let child = spawn(&["--schema", other.to_str().unwrap()]);
    tokio::time::timeout(Duration::from_secs(10), zeek.wait_for_clients(1))
        .await
        .unwrap();
    zeek.publish_frame("zeek.test", seen.clone()).await;
    let (o, e, status) = tokio::task::spawn_blocking(move || out(child))
        .await
        .unwrap();
    assert!(status.success(), "{e}");
    assert_eq!(
        o.trim_end(),
        r#"{"topic":"zeek.test","event":"App::seen","args":{"i":{"a":30,"b":null},"c":"App::GREEN"}}"#
    );
    assert!(
        e.contains("event App::seen arg 0 'i' field 'a': expected string, got count at data[2].data[1].data[0].data[0]"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    zeek.shutdown().await;
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner")]
struct Inner {
    a: u64,
    b: Option<String>,
}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq)]
#[zeek(name = "App::Color")]
#[allow(clippy::upper_case_acronyms)]
enum Color {
    RED,
    GREEN,
    BLUE,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
struct Seen {
    i: Inner,
    c: Color,
}

/// With a schema, literals become exactly what the typed encoder writes; a mismatch is
/// refused before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_with_a_schema_sends_the_typed_encoders_bytes() {
    let _ = (Color::RED, Color::BLUE);
    let zeek = MockZeek::builder()
        .script(app_zeek())
        .unwrap()
        .start()
        .await
        .unwrap();
    let url = zeek.url();
    let args = [
        "publish",
        &url,
        "/test/seen",
        "App::seen",
        "[$a=8]",
        "GREEN",
        "--schema",
        &app_zeek(),
    ];
    let owned: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || zeekws().args(&owned).output().unwrap())
        .await
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let published = tokio::time::timeout(Duration::from_secs(5), zeek.next_published())
        .await
        .unwrap();
    let typed = Seen {
        i: Inner { a: 8, b: None },
        c: Color::GREEN,
    };
    assert_eq!(published.frame, json::encode_event("/test/seen", &typed));
    assert_eq!(published.decode::<Seen>().unwrap(), typed);

    // Wrong types: one line naming the argument, field and both types; nothing sent.
    let out = run(&[
        "publish",
        &url,
        "/t",
        "App::seen",
        "[$a=\"x\"]",
        "GREEN",
        "--schema",
        &app_zeek(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: event App::seen arg 0 'i': field 'a' (App::Inner): expected count, got the string \"x\"\n"
    );
    let out = run(&[
        "publish",
        &url,
        "/t",
        "App::ping",
        "vector(1",
        "--schema",
        &app_zeek(),
    ]);
    assert_eq!(
        text(&out.stderr),
        "error: event App::ping arg 0 'msg': expected `,` or `)`, found the end of the text (at byte 8)\n"
    );
    // Without a schema the server refuses what does not convert, and publish says so.
    let out = tokio::task::spawn_blocking({
        let url = url.clone();
        move || run(&["publish", &url, "/t", "App::seen", "[8]", "GREEN"])
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("error: Zeek refused an event: "),
        "{}",
        text(&out.stderr)
    );
    // --json: Broker JSON arguments.
    let out = tokio::task::spawn_blocking({
        let url = url.clone();
        move || {
            run(&[
                "publish",
                &url,
                "/t",
                "App::hello",
                "--json",
                r#"{"@data-type":"count","data":7}"#,
            ])
        }
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let p = tokio::time::timeout(Duration::from_secs(5), zeek.next_published())
        .await
        .unwrap();
    assert_eq!(p.event.args, [Value::Count(7)]);
    zeek.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_reads_calls_from_stdin() {
    let zeek = MockZeek::builder()
        .ping_pong("App::ping", "App::pong", "/p")
        .start()
        .await
        .unwrap();
    let url = zeek.url();
    let out = tokio::task::spawn_blocking(move || {
        let mut child = zeekws()
            .args(["publish", &url, "/test/pings", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(
            child.stdin.as_mut().unwrap(),
            b"# pings\nApp::ping(\"a\", 1)\n\nApp::ping(\"b\", 2)\n",
        )
        .unwrap();
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (msg, c) in [("a", 1), ("b", 2)] {
        let p = tokio::time::timeout(Duration::from_secs(5), zeek.next_published())
            .await
            .unwrap();
        assert_eq!(p.event.args, [Value::from(msg), Value::Count(c)]);
    }
    zeek.shutdown().await;
}

const OLD: &str = "module App;\n\nexport {\n\ttype Color: enum { RED, GREEN };\n\ttype Alert: record {\n\t\tsrc: addr;\n\t\treason: string;\n\t\ttags: set[string] &optional;\n\t\tscore: double &optional;\n\t};\n\tglobal seen: event(a: Alert, c: Color);\n}\n";

/// `check` over a table of edits: each breaking kind exits 3 naming the change with
/// file:line on both sides; each compatible kind exits 0.
#[test]
fn check_reports_breaking_and_compatible_changes() {
    let dir = std::env::temp_dir().join(format!("zeekws-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old.zeek");
    std::fs::write(&old, OLD).unwrap();
    let edit = |from: &str, to: &str| {
        assert!(OLD.contains(from), "{from}");
        OLD.replacen(from, to, 1)
    };
    let cases: Vec<(&str, String, Option<&str>)> = vec![
        (
            "swapped",
            edit(
                "\t\treason: string;\n\t\ttags: set[string] &optional;\n",
                "\t\ttags: set[string] &optional;\n\t\treason: string;\n",
            ),
            Some("breaking: App::Alert: field 'reason' moved from index 1 to 2"),
        ),
        (
            "type",
            edit("reason: string;", "reason: count;"),
            Some("breaking: App::Alert: field 'reason' changed type from string to count"),
        ),
        (
            "nested",
            edit("tags: set[string]", "tags: set[count]"),
            Some("breaking: App::Alert: field 'tags' changed type from set[string] to set[count]"),
        ),
        (
            "removed",
            edit("\t\tscore: double &optional;\n", ""),
            Some("breaking: App::Alert: field 'score' (index 3) removed"),
        ),
        (
            "inserted",
            edit(
                "\t\treason: string;\n",
                "\t\textra: count &optional;\n\t\treason: string;\n",
            ),
            Some("breaking: App::Alert: field 'extra' inserted at index 1, before the end"),
        ),
        (
            "optional-dropped",
            edit("score: double &optional;", "score: double;"),
            Some("breaking: App::Alert: field 'score' is no longer &optional"),
        ),
        (
            "optional-added",
            edit("reason: string;", "reason: string &optional;"),
            Some("breaking: App::Alert: field 'reason' became &optional"),
        ),
        (
            "appended-required",
            edit(
                "\t\tscore: double &optional;\n",
                "\t\tscore: double &optional;\n\t\tn: count;\n",
            ),
            Some("breaking: App::Alert: field 'n' (count) appended without &optional"),
        ),
        (
            "enum-removed",
            edit("enum { RED, GREEN }", "enum { RED }"),
            Some("breaking: App::Color: value App::GREEN removed"),
        ),
        (
            "arg-added",
            edit(
                "event(a: Alert, c: Color)",
                "event(a: Alert, c: Color, n: count)",
            ),
            Some("breaking: App::seen: takes 3 arguments, was 2"),
        ),
        (
            "arg-type",
            edit("c: Color)", "c: count)"),
            Some("breaking: App::seen: argument 1 'c' changed type from App::Color to count"),
        ),
        (
            "appended",
            edit(
                "\t\tscore: double &optional;\n",
                "\t\tscore: double &optional;\n\t\tnote: string &optional;\n",
            ),
            None,
        ),
        (
            "redef-appended",
            format!("{OLD}\nredef record App::Alert += {{ note: string &optional; }};\n"),
            None,
        ),
        (
            "enum-added",
            edit("enum { RED, GREEN }", "enum { RED, GREEN, BLUE }"),
            None,
        ),
        (
            "new-type",
            edit(
                "\tglobal seen",
                "\ttype Extra: record { x: count; };\n\tglobal seen",
            ),
            None,
        ),
        (
            "reformatted",
            OLD.replace("\n\t\t", "\n        ")
                .replace("{ RED, GREEN }", "{\n\t\tRED, # red\n\t\tGREEN,\n\t}"),
            None,
        ),
    ];
    for (name, text, breaking) in cases {
        let new = dir.join(format!("{name}.zeek"));
        std::fs::write(&new, text).unwrap();
        let out = run(&["check", old.to_str().unwrap(), new.to_str().unwrap()]);
        let stdout = text_of(&out);
        match breaking {
            Some(line) => {
                assert_eq!(out.status.code(), Some(3), "{name}: {stdout}");
                let found = stdout.lines().find(|l| l.starts_with(line));
                let found = found
                    .unwrap_or_else(|| panic!("{name}: no line starting {line:?} in\n{stdout}"));
                // file:line on both sides (or the side that has it).
                assert!(
                    found.contains("old.zeek:") || found.contains(&format!("{name}.zeek:")),
                    "{name}: {found}"
                );
            }
            None => {
                assert_eq!(out.status.code(), Some(0), "{name}: {stdout}");
                assert!(!stdout.contains("breaking:"), "{name}: {stdout}");
                if name == "reformatted" {
                    assert_eq!(stdout, "no changes\n");
                } else {
                    assert!(stdout.contains("compatible: "), "{name}: {stdout}");
                }
            }
        }
    }
    // JSON output, and --type to look at one item.
    let new = dir.join("type.zeek");
    let out = run(&[
        "check",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
        "--type",
        "App::seen",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    assert_eq!(
        serde_json::from_str::<J>(&text_of(&out)).unwrap(),
        serde_json::json!([])
    );
    let out = run(&[
        "check",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let items: J = serde_json::from_str(&text_of(&out)).unwrap();
    assert_eq!(items[0]["breaking"], true);
    assert_eq!(items[0]["item"], "App::Alert");
    // A file that does not parse: one rendered diagnostic, exit 1.
    let broken = dir.join("broken.zeek");
    std::fs::write(&broken, "module App;\ntype R: record { x count; };\n").unwrap();
    let out = run(&["check", old.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("broken.zeek:2:"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn text_of(out: &Output) -> String {
    text(&out.stdout)
}

#[test]
fn gen_prints_or_writes_the_rust_of_a_script() {
    let out = run(&["gen", &app_zeek()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("pub struct Everything {"));
    let dir = std::env::temp_dir().join(format!("zeekws-cli-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.rs");
    let out = run(&["gen", &app_zeek(), "-o", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("pub enum Events {")
    );
    let out = run(&["gen", "no/such.zeek"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("error: cannot access no/such.zeek"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The bridge: the remote's topic array subscribes to Zeek, Zeek's ack goes back, frames
/// are relayed both ways, and a restart of either side is survived.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bridge_relays_both_ways_and_survives_restarts() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use zeekws_runtime::protocol::Event;

    async fn next_text(
        ws: &mut tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    ) -> String {
        let fut = async {
            loop {
                match ws.next().await {
                    Some(Ok(Message::Text(t))) => return t.as_str().to_owned(),
                    Some(Ok(_)) => continue,
                    other => panic!("remote got {other:?}"),
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(10), fut)
            .await
            .expect("a frame")
    }

    let wait = Duration::from_secs(10);
    let zeek = MockZeek::builder()
        .ping_pong("App::ping", "App::pong", "/test/pongs")
        .start()
        .await
        .unwrap();
    let zeek_addr = zeek.addr();
    let remote = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let remote_url = format!("ws://{}/zeek", remote.local_addr().unwrap());
    let child = Running(
        zeekws()
            .args(["bridge", &zeek.url(), &remote_url, "--sessions", "2", "-v"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let accept = || async {
        let (s, _) = tokio::time::timeout(wait, remote.accept())
            .await
            .expect("bridge connects")
            .unwrap();
        tokio_tungstenite::accept_async(s).await.unwrap()
    };
    let mut ws = accept().await;
    ws.send(Message::text(r#"["/test/pongs"]"#)).await.unwrap();
    assert!(next_text(&mut ws).await.starts_with(r#"{"type":"ack""#));
    // remote -> Zeek -> (ping_pong) -> remote
    let ping = json::encode_event(
        "/test/pings",
        &Event::new("App::ping", [Value::from("hi"), Value::Count(1)]),
    );
    ws.send(Message::text(ping)).await.unwrap();
    let pong = next_text(&mut ws).await;
    assert!(
        pong.contains("App::pong") && pong.contains(r#""data":2"#),
        "{pong}"
    );

    // Zeek restarts on the same port: the bridge reconnects and replays the topics.
    zeek.shutdown().await;
    let zeek = MockZeek::builder().bind(zeek_addr).start().await.unwrap();
    tokio::time::timeout(wait, zeek.wait_for_clients(1))
        .await
        .expect("bridge reconnected to Zeek");
    assert_eq!(zeek.clients()[0].subscriptions, ["/test/pongs"]);
    zeek.publish(
        "/test/pongs",
        &Event::new("App::pong", [Value::from("again"), Value::Count(3)]),
    )
    .await;
    assert!(next_text(&mut ws).await.contains("again"));

    // The remote drops: the bridge connects out again and takes the new topic array.
    ws.close(None).await.unwrap();
    drop(ws);
    let mut ws = accept().await;
    ws.send(Message::text(r#"["zeek.test"]"#)).await.unwrap();
    assert!(next_text(&mut ws).await.starts_with(r#"{"type":"ack""#));
    tokio::time::timeout(wait, async {
        while !zeek
            .clients()
            .iter()
            .any(|c| c.subscriptions == ["zeek.test"])
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("subscribed with the new topics");
    ws.close(None).await.unwrap();
    drop(ws);

    // Two sessions done: the bridge exits and reports its counts.
    let mut child = child;
    let status = tokio::task::spawn_blocking(move || {
        let s = child.0.wait().unwrap();
        let mut e = String::new();
        child
            .0
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut e)
            .unwrap();
        (s, e)
    });
    let (status, stderr) = tokio::time::timeout(wait, status)
        .await
        .expect("bridge exits")
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("bridge: 1 frame(s) to Zeek, 2 to the remote, 2 remote session(s)"),
        "{stderr}"
    );
    zeek.shutdown().await;
}

/// `zeekws gen` prints what the generator's golden fixture expects, warnings on stderr.
#[test]
fn gen_matches_the_generators_golden_fixture() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../zeekws-codegen/tests/fixtures/app");
    let out = zeekws()
        .arg("gen")
        .arg(dir.join("input.zeek"))
        .arg("-I")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = std::fs::read_to_string(dir.join("expected.rs")).unwrap();
    assert_eq!(text(&out.stdout), expected);
    assert!(
        text(&out.stderr).contains("cannot find `@load base/frameworks/cluster`"),
        "{}",
        text(&out.stderr)
    );

    let tmp = std::env::temp_dir().join(format!("zeekws-cli-gen-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let bad = tmp.join("bad.zeek");
    std::fs::write(&bad, "type R: record { x: Missing; };\n").unwrap();
    let out = run(&["gen", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("unknown type `Missing`") && stderr.contains("bad.zeek:1:21"),
        "{stderr}"
    );
    assert!(!stderr.contains("Diagnostic {"), "{stderr}");
    let out = run(&["gen", bad.to_str().unwrap(), "--extern", "nonsense"]);
    assert_eq!(
        text(&out.stderr),
        "error: --extern expects ZEEK_NAME=RUST_PATH, got `nonsense`\n"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// `contract` checks a running Zeek against a script's declarations; `contract-script`
/// prints the script that answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contract_checks_a_running_zeek_against_a_schema() {
    let out = run(&["contract-script"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), zeekws_runtime::contract::SCRIPT);

    let zeek = MockZeek::builder()
        .script(app_zeek())
        .unwrap()
        .start()
        .await
        .unwrap();
    let url = zeek.url();
    let same = tokio::task::spawn_blocking({
        let url = url.clone();
        move || run(&["contract", &url, "--schema", &app_zeek()])
    })
    .await
    .unwrap();
    assert!(
        same.status.success(),
        "{}{}",
        text(&same.stdout),
        text(&same.stderr)
    );
    assert!(
        text(&same.stdout).starts_with("contract holds: "),
        "{}",
        text(&same.stdout)
    );

    let dir = std::env::temp_dir().join(format!("zeekws-cli-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let other = dir.join("other.zeek");
    std::fs::write(&other, "module App;\nexport {\n type Inner: record { a: count; };\n global seen: event(i: Inner, c: count);\n}\n").unwrap();
    let differs = tokio::task::spawn_blocking({
        let url = url.clone();
        let other = other.clone();
        move || {
            run(&[
                "contract",
                &url,
                "--schema",
                other.to_str().unwrap(),
                "--type",
                "App::seen",
            ])
        }
    })
    .await
    .unwrap();
    let stdout = text(&differs.stdout);
    assert_eq!(
        differs.status.code(),
        Some(3),
        "{stdout}{}",
        text(&differs.stderr)
    );
    assert!(stdout.contains("App::Inner field 1: the running Zeek has `b: string &optional`, this build has none; the record is not extensible"), "{stdout}");
    assert!(
        stdout.contains(
            "App::seen arg 1: the running Zeek has `c: App::Color`, this build has `c: count`"
        ),
        "{stdout}"
    );
    let unknown = run(&[
        "contract",
        &url,
        "--schema",
        other.to_str().unwrap(),
        "--type",
        "App::nope",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        text(&unknown.stderr),
        "error: not declared in the --schema files: App::nope\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
    zeek.shutdown().await;
}

/// `gen --zeek DIR --load SCRIPT --event NAME`: Zeek's own event from an installation, in
/// the layout its scripts yield.
#[test]
fn gen_from_an_installation() {
    let prefix = std::env::temp_dir().join(format!("zeekws-cli-install-{}", std::process::id()));
    let share = prefix.join("share/zeek");
    for (path, body) in [
        (
            "base/init-bare.zeek",
            "type conn_id: record { orig_h: addr; orig_p: port; resp_h: addr; resp_p: port; };\n",
        ),
        ("base/init-default.zeek", "@load base/protocols/conn\n"),
        (
            "base/protocols/conn/__load__.zeek",
            "module Conn;\nexport {\n\ttype Info: record { ts: time; id: conn_id; };\n\tglobal log_conn: event(rec: Info);\n}\n",
        ),
        (
            "policy/protocols/conn/community-id-logging.zeek",
            "module Conn;\nredef record Info += { community_id: string &optional; };\n",
        ),
    ] {
        let p = share.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    let out = run(&[
        "gen",
        "--zeek",
        prefix.to_str().unwrap(),
        "--load",
        "protocols/conn/community-id-logging",
        "--event",
        "Conn::log_conn",
    ]);
    let code = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        code.contains("pub community_id: ::core::option::Option<::std::string::String>"),
        "{code}"
    );
    assert!(
        code.contains("#[zeek(name = \"Conn::log_conn\")]"),
        "{code}"
    );
    assert!(
        !code.contains("built-in prelude"),
        "an installation's own types are used"
    );
    let out = run(&[
        "gen",
        "--zeek",
        prefix.to_str().unwrap(),
        "--event",
        "HTTP::log_http",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not declared by the loaded scripts: HTTP::log_http"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&prefix);
}
