//! The fuzz targets' properties (fuzz/props.rs) over seeds built from the shared vectors,
//! the repository's .zeek files and literal samples, plus deterministic mutations of each
//! (truncations, byte flips, splices), as a normal test: the targets never rot, and the
//! properties hold on every input the seed script (fuzz/seed.sh) would start from.

#[path = "../../fuzz/props.rs"]
mod props;

use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    PathBuf::from(env!("ZEEKWS_SHARED_DIR"))
}

/// Every `json_text` and live frame of the shared vectors.
fn json_seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let dir = shared().join("vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.push(dir.join("live/transcript-zeek-8.2.2.json"));
    files.push(dir.join("live/forms-zeek-8.2.2.json"));
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        collect_strings(&doc, &mut out);
    }
    assert!(out.len() > 100, "too few seeds: {}", out.len());
    out
}

/// Strings that look like Broker JSON or frames, anywhere in a document.
fn collect_strings(v: &serde_json::Value, out: &mut Vec<Vec<u8>>) {
    match v {
        serde_json::Value::String(s) if s.trim_start().starts_with(['{', '[']) => {
            out.push(s.as_bytes().to_vec())
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

fn zeek_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = vec![std::fs::read(shared().join("vectors/live/app.zeek")).unwrap()];
    let mut stack = vec![
        root.join("zeekws-codegen/tests/fixtures"),
        root.join("examples/zeek"),
        root.join("tests/compile/tests/ui/zeek"),
    ];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "zeek") {
                out.push(std::fs::read(&p).unwrap());
            }
        }
    }
    out.push(zeekws_runtime::contract::SCRIPT.as_bytes().to_vec());
    out
}

fn literal_seeds() -> Vec<Vec<u8>> {
    [
        "10.0.0.1",
        "[2001:db8::1]",
        "80/tcp",
        "10.0.0.0/8",
        "1.5 secs",
        "3mins",
        "T",
        "\"a\\tb\"",
        "+3",
        "-3",
        "4.0",
        "1e-7",
        "[$a=1, $b=\"x\"]",
        "set(1, 2)",
        "table([\"k\"] = 1)",
        "vector(1, vector(2))",
        "App::RED",
        "/ab+c/",
        "App::ping(\"hi\", 41)",
        "table([1, \"a\"] = set(10.0.0.0/8))",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

/// The seed and deterministic variations of it.
fn mutations(seed: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![seed.to_vec()];
    let n = seed.len();
    for cut in [n / 3, n / 2, n.saturating_sub(1)] {
        out.push(seed[..cut].to_vec());
    }
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    for _ in 0..8 {
        if n == 0 {
            break;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut m = seed.to_vec();
        let at = (x as usize) % n;
        m[at] =
            [b'"', b'{', b'}', b'[', b']', b',', b'\\', b'9', 0xff, b'-'][(x >> 32) as usize % 10];
        out.push(m);
    }
    // A splice: the second half doubled.
    let mut s = seed.to_vec();
    s.extend_from_slice(&seed[n / 2..]);
    out.push(s);
    out
}

fn run(name: &str, seeds: &[Vec<u8>], prop: fn(&[u8])) {
    let mut inputs = 0;
    for seed in seeds {
        for input in mutations(seed) {
            prop(&input);
            inputs += 1;
        }
    }
    eprintln!("{name}: {inputs} inputs");
}

#[test]
fn value_decoder() {
    run("value", &json_seeds(), props::value);
}

#[test]
fn messages() {
    run("message", &json_seeds(), props::message);
}

#[test]
fn typed_decoders() {
    let mut seeds = json_seeds();
    // Typed frames for both targets of the typed decoder.
    seeds.push(br#"{"type":"data-message","topic":"t","@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"Fuzz::containers"},{"@data-type":"vector","data":[{"@data-type":"vector","data":[{"@data-type":"vector","data":[{"@data-type":"none","data":{}}]},{"@data-type":"set","data":[]},{"@data-type":"table","data":[]},{"@data-type":"table","data":[]},{"@data-type":"vector","data":[]},{"@data-type":"none","data":{}},{"@data-type":"vector","data":[{"@data-type":"boolean","data":true},{"@data-type":"timespan","data":"1s"}]}]},{"@data-type":"count","data":7}]}]}]}"#.to_vec());
    run("typed", &seeds, props::typed);
}

#[test]
fn zeek_scripts() {
    run("zeek_script", &zeek_seeds(), props::zeek_script);
}

#[test]
fn literals() {
    run("literal", &literal_seeds(), props::literal);
}

#[test]
fn handshakes() {
    let mut seeds: Vec<Vec<u8>> = vec![
        b"[\"/test/pings\", \"zeek.\"]".to_vec(),
        b"[]".to_vec(),
        b"GET /v1/messages/json HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Application-Name: app\r\n\r\n".to_vec(),
    ];
    seeds.extend(json_seeds().into_iter().filter(|s| s.starts_with(b"[")));
    run("handshake", &seeds, props::handshake);
}
