//! Helpers shared by the integration tests: finding `../shared/`, the vectors' value
//! notation, and comparisons that allow zeekws' documented output differences.
#![allow(dead_code)]

pub mod conn;

use std::path::PathBuf;

use serde_json::Value as J;
use zeekws_runtime::{Port, Protocol, Timespan, Timestamp, Value};

/// `../shared` next to the repository (ZEEKWS_SHARED overrides). Panics with one line
/// naming the directory and the variable when the vectors are not there: the vector tests
/// must never pass vacuously.
pub fn shared_dir() -> PathBuf {
    let (dir, from_env) = match std::env::var_os("ZEEKWS_SHARED") {
        Some(dir) => (PathBuf::from(dir), true),
        None => (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
            false,
        ),
    };
    if !dir.join("vectors").is_dir() {
        panic!(
            "the shared test vectors are missing: no {}/vectors ({}); these tests read the \
             captures of a real Zeek in the shared/ folder beside the repository; set \
             ZEEKWS_SHARED=/path/to/shared",
            dir.display(),
            if from_env {
                "from ZEEKWS_SHARED"
            } else {
                "the default, ../shared beside the repository"
            }
        );
    }
    dir
}

pub fn load_json(rel: &str) -> J {
    let path = shared_dir().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every vector of every `vectors/*.json` file, with its file name.
pub fn all_vectors() -> Vec<(String, J)> {
    let dir = shared_dir().join("vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 9,
        "expected the shared vector files in {}",
        dir.display()
    );
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let doc: J = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for v in doc["vectors"].as_array().expect("vectors array") {
            out.push((name.clone(), v.clone()));
        }
    }
    out
}

fn int_str(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        J::Number(n) => n.to_string(),
        other => panic!("not an integer: {other}"),
    }
}

/// Converts the vectors' typed notation (`{"t": "count", "v": "1"}`) into a [`Value`].
pub fn notation(v: &J) -> Value {
    let t = v["t"].as_str().unwrap_or_else(|| panic!("no t in {v}"));
    let x = &v["v"];
    match t {
        "none" => Value::None,
        "boolean" => Value::Boolean(x.as_bool().unwrap()),
        "count" => Value::Count(int_str(x).parse().unwrap()),
        "integer" => Value::Integer(int_str(x).parse().unwrap()),
        "real" => Value::Real(match x {
            J::String(s) if s == "NaN" => f64::NAN,
            J::String(s) if s == "Infinity" => f64::INFINITY,
            J::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
            J::Number(n) => n.as_f64().unwrap(),
            other => panic!("real {other}"),
        }),
        "string" => Value::String(x.as_str().unwrap().to_owned()),
        "enum-value" => Value::EnumValue(x.as_str().unwrap().to_owned()),
        "address" => {
            let s = x.as_str().unwrap();
            let s = s.split(" == ").next().unwrap();
            Value::Address(s.parse::<std::net::IpAddr>().unwrap().to_canonical())
        }
        "subnet" => Value::Subnet(x.as_str().unwrap().parse().unwrap()),
        "port" => Value::Port(match x {
            J::String(s) => s.parse().unwrap(),
            J::Array(a) => {
                let n = a[0].as_u64().unwrap() as u16;
                let p = match a[1].as_str().unwrap() {
                    "tcp" => Protocol::Tcp,
                    "udp" => Protocol::Udp,
                    "icmp" => Protocol::Icmp,
                    _ => Protocol::Unknown,
                };
                Port::new(n, p)
            }
            other => panic!("port {other}"),
        }),
        "timestamp" => {
            let ns = v
                .get("ns_since_epoch_if_utc")
                .or_else(|| v.get("ns"))
                .expect("timestamp ns");
            Value::Timestamp(Timestamp::from_nanos(int_str(ns).parse().unwrap()))
        }
        "timespan" => Value::Timespan(Timespan::from_nanos(int_str(&v["ns"]).parse().unwrap())),
        "vector" => Value::Vector(x.as_array().unwrap().iter().map(notation).collect()),
        "set" => Value::set(x.as_array().unwrap().iter().map(notation)),
        "table" => Value::table(
            x.as_array()
                .unwrap()
                .iter()
                .map(|kv| (notation(&kv[0]), notation(&kv[1]))),
        ),
        other => panic!("unknown notation type {other}"),
    }
}

/// Equality that allows exactly the rounding Zeek's writers do: reals printed with `%f`
/// (6 decimals), timestamps truncated to milliseconds toward zero, and the old writer's
/// fractional timespans (6 significant decimals).
pub fn zeek_rounded_eq(decoded: &Value, expected: &Value) -> bool {
    match (decoded, expected) {
        (Value::Real(a), Value::Real(b)) => {
            (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 5e-7 * b.abs().max(1.0)
        }
        (Value::Timestamp(a), Value::Timestamp(b)) => {
            let b = b.as_nanos();
            a.as_nanos() == b
                || a.as_nanos() == (b / 1_000_000) * 1_000_000
                || (b < 0 && a.as_nanos() == (b / 1_000_000_000) * 1_000_000_000)
        }
        (Value::Timespan(a), Value::Timespan(b)) => {
            let (a, b) = (a.as_nanos() as f64, b.as_nanos() as f64);
            a == b || (a - b).abs() <= 1e-6 * b.abs()
        }
        (Value::Vector(a), Value::Vector(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| zeek_rounded_eq(x, y))
        }
        (Value::Set(a), Value::Set(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| zeek_rounded_eq(x, y))
        }
        (Value::Table(a), Value::Table(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((k1, v1), (k2, v2))| zeek_rounded_eq(k1, k2) && zeek_rounded_eq(v1, v2))
        }
        (a, b) => a == b,
    }
}

/// Rewrites a text Zeek produced into the form zeekws writes for the same values: reals as
/// shortest round-trip text, `\v` as `\u000b`, raw control bytes as `\u00XX`. After this, a
/// byte-exact Zeek text must equal zeekws' re-encoding byte for byte.
pub fn zeekws_form(text: &str) -> String {
    const REAL: &str = "\"@data-type\":\"real\",\"data\":";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            match c {
                b'\\' if bytes.get(i + 1) == Some(&b'v') => {
                    out.push_str("\\u000b");
                    i += 2;
                    continue;
                }
                b'\\' => {
                    out.push('\\');
                    out.push(bytes[i + 1] as char);
                    i += 2;
                    continue;
                }
                b'"' => in_string = false,
                0x00..=0x1f => {
                    out.push_str(&format!("\\u{:04x}", c));
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // copy one UTF-8 char
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        if c == b'"' {
            in_string = true;
        }
        out.push(c as char);
        i += 1;
        if out.ends_with(REAL) {
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'}' | b',' | b']') {
                i += 1;
            }
            let num = &text[start..i];
            let v = match num {
                "nan" | "-nan" => f64::NAN,
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                n => n.parse::<f64>().unwrap_or_else(|_| panic!("bad real {n}")),
            };
            let mut w = zeekws_runtime::json::Writer::new();
            w.real(v);
            let s = w.into_string();
            out.push_str(&s[REAL.len() + 1..s.len() - 1]);
        }
    }
    out
}

/// True when the text is compact (no whitespace outside strings): the current writer's style.
pub fn is_compact(text: &str) -> bool {
    let mut in_string = false;
    let mut esc = false;
    for c in text.bytes() {
        if in_string {
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_string = false;
            }
        } else if c == b'"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            return false;
        }
    }
    true
}
