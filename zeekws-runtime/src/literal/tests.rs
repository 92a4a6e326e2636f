use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use proptest::prelude::*;

use super::*;
use crate::net::{Port, Subnet};
use crate::time::Timespan;

fn ok(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn err(text: &str) -> String {
    match parse(text) {
        Ok(v) => panic!("{text:?} parsed as {v:?}"),
        Err(e) => e.to_string(),
    }
}

fn addr(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn scalars_as_zeek_writes_them() {
    assert_eq!(ok("42"), Value::Count(42));
    assert_eq!(ok("+3"), Value::Integer(3));
    assert_eq!(ok("-3"), Value::Integer(-3));
    assert_eq!(ok("4.0"), Value::Real(4.0));
    assert_eq!(ok("1e-7"), Value::Real(1e-7));
    assert_eq!(ok("T"), Value::Boolean(true));
    assert_eq!(ok("F"), Value::Boolean(false));
    assert_eq!(ok(r#""a\"b\n\x41""#), Value::from("a\"b\nA"));
    assert_eq!(ok("10.0.0.1"), Value::Address(addr("10.0.0.1")));
    assert_eq!(ok("[2001:db8::1]"), Value::Address(addr("2001:db8::1")));
    assert_eq!(ok("2001:db8::1"), Value::Address(addr("2001:db8::1")));
    assert_eq!(
        ok("10.0.0.0/8"),
        Value::Subnet(Subnet::parse("10.0.0.0/8").unwrap())
    );
    assert_eq!(
        ok("[2001:db8::]/32"),
        Value::Subnet(Subnet::parse("2001:db8::/32").unwrap())
    );
    assert_eq!(ok("80/tcp"), Value::Port(Port::tcp(80)));
    assert_eq!(ok("53/udp"), Value::Port(Port::udp(53)));
    assert_eq!(ok("App::RED"), Value::enum_value("App::RED"));
    assert_eq!(ok("tcp"), Value::enum_value("tcp"));
    let secs = |s: f64| Value::Timespan(Timespan::from_secs_f64(s).unwrap());
    assert_eq!(ok("1.5 secs"), secs(1.5));
    assert_eq!(ok("1.5secs"), secs(1.5));
    assert_eq!(ok("3 mins"), secs(180.0));
    assert_eq!(ok("2hrs"), secs(7200.0));
    assert_eq!(ok("1 day"), secs(86_400.0));
    assert_eq!(ok("100 msec"), secs(0.1));
    assert_eq!(
        ok("-2 usecs"),
        Value::Timespan(Timespan::from_nanos(-2_000))
    );
}

#[test]
fn containers() {
    assert_eq!(
        ok("vector(1, 2)"),
        Value::vector([Value::Count(1), Value::Count(2)])
    );
    assert_eq!(ok("vector()"), Value::vector([]));
    assert_eq!(
        ok("set(2, 1, 2)"),
        Value::Set(BTreeSet::from([Value::Count(1), Value::Count(2)]))
    );
    assert_eq!(
        ok(r#"table(["k"] = 1, ["j"] = 2)"#),
        Value::Table(BTreeMap::from([
            (Value::from("k"), Value::Count(1)),
            (Value::from("j"), Value::Count(2)),
        ]))
    );
    assert_eq!(
        ok("table([1, \"a\"] = T)"),
        Value::Table(BTreeMap::from([(
            Value::vector([Value::Count(1), Value::from("a")]),
            Value::Boolean(true)
        )]))
    );
    assert_eq!(
        ok(r#"[1, "x", [T]]"#),
        Value::vector([
            Value::Count(1),
            Value::from("x"),
            Value::vector([Value::Boolean(true)])
        ])
    );
}

#[test]
fn errors_say_where_and_what() {
    assert_eq!(
        err(""),
        "expected a value, found the end of the text (at byte 0)"
    );
    assert_eq!(
        err("\"abc"),
        "unterminated string: a `\"` is missing (at byte 0)"
    );
    assert_eq!(
        err("vector(1 2)"),
        "expected `,` or `)`, found `2` (at byte 9)"
    );
    assert_eq!(
        err("1 fortnight"),
        "unexpected text after the literal (at byte 2)"
    );
    assert_eq!(
        err("3 lightyears"),
        "unexpected text after the literal (at byte 2)"
    );
    assert_eq!(
        err("3lightyears"),
        "unknown interval unit `lightyears`: use usec(s), msec(s), sec(s), min(s), hr(s) or day(s) (at byte 0)"
    );
    assert_eq!(
        err("99999999999999999999"),
        "invalid number `99999999999999999999`: beyond the 64-bit count range (at byte 0)"
    );
    assert_eq!(err("70000/tcp"), err("70000/tcp"));
    assert!(
        err("70000/tcp").starts_with("invalid port `70000/tcp`"),
        "{}",
        err("70000/tcp")
    );
    assert_eq!(
        err("bag(1)"),
        "unknown constructor `bag(`: use set(..), table(..) or vector(..) (at byte 0)"
    );
    assert_eq!(err("@"), "`@` is not a Zeek literal (at byte 0)");
    assert!(err("[$a=1]").starts_with("a record literal with `$name=` fields needs"));
    let deep = "[".repeat(100) + &"]".repeat(100);
    assert_eq!(err(&deep), "nested deeper than 64 levels (at byte 64)");
}

#[test]
fn event_calls() {
    let (name, args) = parse_call(r#"App::ping("hi", 41)"#).unwrap();
    assert_eq!(name, "App::ping");
    assert_eq!(args, [Value::from("hi"), Value::Count(41)]);
    assert_eq!(parse_call("tick()").unwrap(), ("tick".to_owned(), vec![]));
    assert_eq!(
        parse_call("1(2)").unwrap_err().to_string(),
        "expected an event name, as in App::ping(\"hi\", 1) (at byte 0)"
    );
    assert_eq!(
        parse_call("App::ping").unwrap_err().to_string(),
        "expected `(` after the event name, found the end of the text (at byte 9)"
    );
}

#[test]
fn typed_conversion_as_zeek_converts_constants() {
    let t = |text: &str, ty: TypeDesc| parse_as(text, &ty, None);
    assert_eq!(t("1", TypeDesc::Double), Ok(Value::Real(1.0)));
    assert_eq!(t("1", TypeDesc::Int), Ok(Value::Integer(1)));
    assert_eq!(t("-1", TypeDesc::Double), Ok(Value::Real(-1.0)));
    assert_eq!(
        t("1404901004.5", TypeDesc::Time),
        Ok(Value::Timestamp(crate::time::Timestamp::from_nanos(
            1_404_901_004_500_000_000
        )))
    );
    assert_eq!(
        t("vector(1, 2)", TypeDesc::Vector(Box::new(TypeDesc::Double))),
        Ok(Value::vector([Value::Real(1.0), Value::Real(2.0)]))
    );
    assert_eq!(
        t(
            "set([10.0.0.1, 80/tcp])",
            TypeDesc::set([TypeDesc::Addr, TypeDesc::Port])
        ),
        Ok(Value::Set(BTreeSet::from([Value::vector([
            Value::Address(addr("10.0.0.1")),
            Value::Port(Port::tcp(80))
        ])])))
    );
    assert_eq!(
        t("-1", TypeDesc::Count).unwrap_err().to_string(),
        "expected count, got the int -1"
    );
    assert_eq!(
        t("3", TypeDesc::Interval).unwrap_err().to_string(),
        "expected interval, got the count 3: an interval needs a unit, as in `1.5 secs`"
    );
    assert_eq!(
        t(
            "vector(1, \"x\")",
            TypeDesc::Vector(Box::new(TypeDesc::Count))
        )
        .unwrap_err()
        .to_string(),
        "element 1: expected count, got the string \"x\""
    );
    assert_eq!(
        t("/a\\/b+/", TypeDesc::Pattern),
        Ok(Value::vector([
            Value::from("^?(a/b+)$?"),
            Value::from("^?(.|\\n)*(a/b+)")
        ]))
    );
}

fn schema(text: &str) -> Schema {
    let dir = std::env::temp_dir().join(format!(
        "zeekws-literal-{}-{}",
        std::process::id(),
        text.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.zeek");
    std::fs::write(&path, text).unwrap();
    let s = Schema::load(&path, &[] as &[&str]).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    s
}

const APP: &str = "module App;\nexport {\n type Color: enum { RED, GREEN };\n type Inner: record { a: count; b: string &optional; c: double &default = 1.5; };\n global seen: event(i: Inner, c: Color, n: count);\n}\n";

#[test]
fn records_by_name_and_enums_against_a_schema() {
    let s = schema(APP);
    let seen = s.event("App::seen").unwrap();
    let args = parse_args_as(&["[$b=\"x\", $a=1]", "GREEN", "3"], seen, &s).unwrap();
    assert_eq!(
        args,
        [
            Value::vector([Value::Count(1), Value::from("x"), Value::Real(1.5)]),
            Value::enum_value("App::GREEN"),
            Value::Count(3)
        ]
    );
    let e = |args: &[&str]| parse_args_as(args, seen, &s).unwrap_err().to_string();
    assert_eq!(
        e(&["[$b=\"x\"]", "RED", "1"]),
        "event App::seen arg 0 'i': field 'a' (App::Inner): required (not &optional, no &default) but not given"
    );
    assert_eq!(
        e(&["[$z=1]", "RED", "1"]),
        "event App::seen arg 0 'i': App::Inner has no field 'z' (it has a, b, c)"
    );
    assert_eq!(
        e(&["[$a=1]", "PURPLE", "1"]),
        "event App::seen arg 1 'c': PURPLE is not a value of App::Color (its values: App::RED, App::GREEN)"
    );
    assert_eq!(
        e(&["[$a=1]", "RED"]),
        "event App::seen takes 3 arguments (i: App::Inner, c: App::Color, n: count), got 2"
    );
    assert_eq!(
        e(&["[$a=1", "RED", "1"]),
        "event App::seen arg 0 'i': expected `,` or `]`, found the end of the text (at byte 5)"
    );
    let (name, args) = parse_call_as("App::seen([1], App::RED, 2)", &s).unwrap();
    assert_eq!(name, "App::seen");
    assert_eq!(
        args[0],
        Value::vector([Value::Count(1), Value::None, Value::Real(1.5)])
    );
    // Named fields back out, unset ones left out.
    let inner = TypeDesc::Named("App::Inner".into());
    assert_eq!(to_string_as(&args[0], &inner, Some(&s)), "[$a=1, $c=1.5]");
    assert_eq!(
        parse_call_as("App::nope()", &s).unwrap_err().to_string(),
        "event App::nope is not declared in the schema"
    );
}

#[test]
fn renders_literals_that_read_back() {
    assert_eq!(to_string(&Value::Integer(3)), "+3");
    assert_eq!(to_string(&Value::Real(4.0)), "4.0");
    assert_eq!(
        to_string(&Value::Address(addr("2001:db8::1"))),
        "[2001:db8::1]"
    );
    assert_eq!(
        to_string(&Value::Timespan(Timespan::from_nanos(3_512_345_000))),
        "3.512345 secs"
    );
    assert_eq!(to_string(&Value::from("tab\there")), "\"tab\\there\"");
    assert_eq!(
        to_string(&ok("table([1, \"a\"] = T)")),
        "table([[1, \"a\"]] = T)"
    );
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Boolean),
        any::<u64>().prop_map(Value::Count),
        any::<i64>().prop_map(Value::Integer),
        (-1e15f64..1e15).prop_map(Value::Real),
        "[ -~\\n\\t\u{e9}\u{4e2d}]{0,12}".prop_map(Value::String),
        any::<[u8; 4]>().prop_map(|b| Value::Address(IpAddr::from(b))),
        any::<[u8; 16]>().prop_map(|b| Value::Address(IpAddr::from(b))),
        (any::<u16>(), 0usize..3).prop_map(|(n, p)| Value::Port(match p {
            0 => Port::tcp(n),
            1 => Port::udp(n),
            _ => Port::icmp(n % 256),
        })),
        (any::<[u8; 4]>(), 0u8..=32)
            .prop_map(|(b, len)| Value::Subnet(Subnet::new(IpAddr::from(b), len).unwrap())),
        (-(1i64 << 62)..(1i64 << 62)).prop_map(|n| Value::Timespan(Timespan::from_nanos(n))),
        "[A-Z][a-z_]{0,5}(::[A-Za-z_]{1,5})?"
            .prop_filter("not T/F", |s| s != "T" && s != "F")
            .prop_map(Value::EnumValue),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Vector),
            prop::collection::btree_set(inner.clone(), 0..4).prop_map(Value::Set),
            prop::collection::btree_map(inner.clone(), inner, 0..3).prop_map(Value::Table),
        ]
    })
}

proptest! {
    /// What the renderer writes, the parser reads back as the same value.
    #[test]
    fn render_then_parse_is_the_identity(v in value()) {
        let text = to_string(&v);
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(back, v, "{}", text);
    }

    /// Any text: an error or a value, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse(&text);
        let _ = parse_call(&text);
        let _ = parse_as(&text, &TypeDesc::table([TypeDesc::Addr, TypeDesc::Count], TypeDesc::Vector(Box::new(TypeDesc::Double))), None);
    }

    /// Text built from the literal alphabet: an error or a value, never a panic.
    #[test]
    fn literal_alphabet_never_panics(text in "[\\[\\]()$=,\" 0-9a-fA-F.:/+xe-]{0,40}") {
        let _ = parse(&text);
        let _ = parse_call(&text);
    }
}
