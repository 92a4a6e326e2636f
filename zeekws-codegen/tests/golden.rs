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

/// The project's live example script generates without any Zeek tree (it `@load`s cluster
/// scripts that are not there). It lives in the shared folder beside the repository
/// (`ZEEKWS_SHARED` overrides).
#[test]
fn shared_live_example_generates_without_a_zeek_tree() {
    let shared = std::env::var_os("ZEEKWS_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let path = shared.join("vectors/live/app.zeek");
    assert!(
        path.is_file(),
        "the shared test vectors are missing: no {}; set ZEEKWS_SHARED=/path/to/shared",
        path.display()
    );
    let code = zeekws_codegen::Config::new()
        .generate(&[&path])
        .unwrap_or_else(|e| panic!("{e}"));
    for needle in [
        "#[zeek(name = \"App::Everything\")]",
        "pub tp: super::TransportProto,",
        "pub opt_unset: ::core::option::Option<u64>,",
        "pub def: u64,",
        "#[zeek(name = \"App::ping\")]",
        "pub enum Events {",
    ] {
        assert!(code.contains(needle), "missing {needle}\n{code}");
    }
}

#[test]
fn compile_writes_only_when_the_content_changes() {
    let dir = fixtures().join("app");
    let out = std::env::temp_dir().join(format!("zeekws-codegen-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut config = zeekws_codegen::Config::new();
    config
        .zeek_path(&dir)
        .out_dir(&out)
        .emit_rerun_if_changed(false);
    config.compile(&[dir.join("input.zeek")]).unwrap();
    let file = out.join("zeek_types.rs");
    let expected = config.generate(&[dir.join("input.zeek")]).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    config.compile(&[dir.join("input.zeek")]).unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn extern_types_replace_generated_ones() {
    let dir = fixtures().join("app");
    let code = zeekws_codegen::Config::new()
        .zeek_path(&dir)
        .extern_type("conn_id", "crate::ConnId")
        .extern_type("App", "crate::app_types")
        .generate(&[dir.join("input.zeek")])
        .unwrap();
    assert!(
        !code.contains("ZeekRecord"),
        "no record is generated:\n{code}"
    );
    assert!(!code.contains("ZeekEnum"), "no enum is generated:\n{code}");
    assert!(code.contains("pub a: crate::app_types::Alert"), "{code}");
    assert!(
        !code.contains("conn_id_ctx"),
        "only what is used is emitted:\n{code}"
    );
}
