//! The parser and resolver never panic or hang: random bytes, random token soups and
//! truncations of valid files all end in `Ok` or `Err`.

use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "module",
    "export",
    "type",
    "record",
    "enum",
    "redef",
    "global",
    "const",
    "option",
    "event",
    "hook",
    "function",
    "vector",
    "of",
    "set",
    "table",
    "opaque",
    "file",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ":",
    ",",
    "=",
    "+=",
    "-=",
    "$",
    "&log",
    "&optional",
    "&default",
    "&redef",
    "&",
    "/",
    "/x{2}/",
    "\"s\"",
    "\"unterminated",
    "80/tcp",
    "1.5",
    "0x1f",
    "[::1]",
    "::x",
    "A::B",
    "x",
    "count",
    "string",
    "@load foo\n",
    "@if ( T )\n",
    "@ifdef ( X )\n",
    "@else\n",
    "@endif\n",
    "## doc\n",
    "##< post\n",
    "# c\n",
    "\n",
    "@DIR",
    "@",
    "\\",
    "'",
];

fn parse(text: &str) {
    let _ = zeekws_codegen::__private::parse_str("fuzz.zeek", text);
}

/// Also runs the resolver and emitter over the text as an entry file.
fn generate(text: &str) {
    #[cfg(feature = "emit")]
    generate_files(text);
    #[cfg(not(feature = "emit"))]
    parse(text);
}

#[cfg(feature = "emit")]
fn generate_files(text: &str) {
    let dir = std::env::temp_dir().join(format!("zeekws-codegen-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("fuzz.zeek");
    if std::fs::write(&path, text).is_ok() {
        let _ = zeekws_codegen::Config::new().generate(&[&path]);
    }
}

fn fixtures() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for case in std::fs::read_dir(dir).unwrap().flatten() {
        for f in std::fs::read_dir(case.path()).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "zeek") {
                out.push(std::fs::read_to_string(f.path()).unwrap());
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        parse(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn token_soup(idx in proptest::collection::vec(0..TOKENS.len(), 0..200)) {
        let text: Vec<&str> = idx.iter().map(|&i| TOKENS[i]).collect();
        parse(&text.join(" "));
    }

    #[test]
    fn token_soup_through_the_generator(idx in proptest::collection::vec(0..TOKENS.len(), 0..80)) {
        let text: Vec<&str> = idx.iter().map(|&i| TOKENS[i]).collect();
        generate(&text.join(" "));
    }

    #[test]
    fn deep_nesting(n in 0usize..5000, which in 0usize..4) {
        let open = ["vector of ", "{", "(", "export { "][which];
        parse(&format!("type x: {}count;", open.repeat(n)));
    }
}

#[test]
fn truncations_of_valid_files() {
    for text in fixtures() {
        for cut in 0..=text.len() {
            if text.is_char_boundary(cut) {
                parse(&text[..cut]);
            }
        }
    }
}

#[test]
fn alias_cycles_and_exponential_aliases_end() {
    let mut text = String::from("type a: table[b] of b;\ntype b: table[a] of a;\n");
    text.push_str("type t0: count;\n");
    for i in 1..60 {
        text.push_str(&format!("type t{i}: table[t{p}] of t{p};\n", p = i - 1));
    }
    text.push_str("type R: record { x: a; y: t59; };\n");
    let t = std::time::Instant::now();
    generate(&text);
    assert!(t.elapsed() < std::time::Duration::from_secs(20));
}
