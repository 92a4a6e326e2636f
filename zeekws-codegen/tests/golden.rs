//! Golden tests: `tests/fixtures/<case>/input.zeek` generates `expected.rs`.
//! Run with `ZEEKWS_BLESS=1` to rewrite the expected files after an intended change.

#![cfg(feature = "emit")]

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn check(case: &str) {
    let dir = fixtures().join(case);
    let code = zeekws_codegen::Config::new()
        .zeek_path(&dir)
        .generate(&[dir.join("input.zeek")])
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    // The generated code must be valid Rust.
    syn::parse_file(&code).unwrap_or_else(|e| panic!("{case}: generated code does not parse: {e}"));
    let expected_path = dir.join("expected.rs");
    if std::env::var_os("ZEEKWS_BLESS").is_some() {
        std::fs::write(&expected_path, &code).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with ZEEKWS_BLESS=1)", expected_path.display()));
    if expected != code {
        let first = expected
            .lines()
            .zip(code.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(code.lines().count()));
        panic!(
            "{case}: generated code differs from expected.rs at line {}\n--- expected\n{}\n--- generated\n{}\n\
             (run with ZEEKWS_BLESS=1 to accept)",
            first + 1,
            expected
                .lines()
                .skip(first)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
            code.lines()
                .skip(first)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

#[test]
fn app() {
    check("app");
}

#[test]
fn modules_and_redefs() {
    check("modules_and_redefs");
}

#[test]
fn mapping_edge_cases() {
    check("mapping_edge_cases");
}

#[test]
fn bif_shape() {
    check("bif_shape");
}

#[test]
fn conditionals() {
    check("conditionals");
}
