//! The `zeekws-codegen` binary.

#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

fn fixture(case: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

#[test]
fn prints_code_to_stdout_and_warnings_to_stderr() {
    let dir = fixture("app");
    let out = Command::new(env!("CARGO_BIN_EXE_zeekws-codegen"))
        .arg(dir.join("input.zeek"))
        .arg("-I")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(dir.join("expected.rs")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot find `@load base/frameworks/cluster`"),
        "{stderr}"
    );
}

#[test]
fn exits_1_on_errors() {
    let dir = std::env::temp_dir().join(format!("zeekws-codegen-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.zeek");
    std::fs::write(&f, "type R: record { x: Missing; };\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zeekws-codegen"))
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown type `Missing`"), "{stderr}");
    assert!(stderr.contains("bad.zeek:1:21"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
