//! Generates Rust from Zeek scripts for the end-to-end codegen tests, with the same
//! `zeekws_codegen::Config::compile` a user's build.rs calls:
//!
//! - `live_app.rs` from `shared/vectors/live/app.zeek`, the script a real Zeek 8.2.2 ran
//!   for the captured transcript (tests/codegen_live.rs). `shared/` sits beside the
//!   repository; `ZEEKWS_SHARED` overrides. When it is missing, only that test fails to
//!   compile, with a `compile_error!` saying so; the rest of this crate still builds.
//! - `inventory.rs` from the example's `examples/zeek/inventory.zeek` and
//!   `inventory_reordered.rs` from `zeek/inventory_reordered.zeek`, a copy with the fields
//!   in another order (tests/codegen_order.rs).

use std::path::{Path, PathBuf};

fn compile(file: &Path, out: &str) {
    if let Err(e) = zeekws_codegen::Config::new()
        .file_name(out)
        .compile(&[file])
    {
        eprintln!("{}: {e}", file.display());
        std::process::exit(1);
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("run by cargo"));

    // tests/real_zeek.rs runs against a real Zeek only when ZEEKWS_ZEEK names one;
    // otherwise it is reported as ignored, by name, with the reason.
    println!("cargo:rerun-if-env-changed=ZEEKWS_ZEEK");
    println!("cargo::rustc-check-cfg=cfg(zeekws_no_real_zeek)");
    if std::env::var_os("ZEEKWS_ZEEK").is_none_or(|v| v.is_empty()) {
        println!("cargo:rustc-cfg=zeekws_no_real_zeek");
    }
    println!("cargo:rerun-if-env-changed=ZEEKWS_SHARED");
    let shared = std::env::var_os("ZEEKWS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared"));
    let app = shared.join("vectors/live/app.zeek");
    println!("cargo:rustc-env=ZEEKWS_SHARED_DIR={}", shared.display());
    if app.is_file() {
        compile(&app, "live_app.rs");
    } else {
        // Watch for it to appear.
        println!("cargo:rerun-if-changed={}", app.display());
        let msg = format!(
            "{} not found: the shared/ folder (live Zeek captures) must sit beside the repository, or set ZEEKWS_SHARED to it",
            app.display()
        );
        let stub = format!("::core::compile_error!({msg:?});\n");
        std::fs::write(out_dir.join("live_app.rs"), stub).expect("write OUT_DIR/live_app.rs");
    }

    compile(
        &manifest.join("../examples/zeek/inventory.zeek"),
        "inventory.rs",
    );
    compile(
        &manifest.join("zeek/inventory_reordered.zeek"),
        "inventory_reordered.rs",
    );
}
