//! Generates Rust types from `zeek/inventory.zeek` for the `typed_codegen` example (included
//! there with `zeekws_runtime::include_zeek!()`). `Config::compile` prints
//! `cargo:rerun-if-changed` for every script it reads, so editing the script regenerates.

fn main() {
    if let Err(e) = zeekws_codegen::Config::new().compile(&["zeek/inventory.zeek"]) {
        // The diagnostics carry file:line:col and the source line.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
