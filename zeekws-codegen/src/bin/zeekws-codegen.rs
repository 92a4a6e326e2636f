//! `zeekws-codegen FILE... -I DIR`: prints the generated Rust to stdout, diagnostics to stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generate Rust types (zeekws) from Zeek scripts.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The Zeek scripts whose declarations to generate.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// A directory `@load` searches (like ZEEKPATH); repeatable.
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    include: Vec<PathBuf>,
    /// Use an existing Rust type for a Zeek type: `ZEEK_NAME=RUST_PATH`; repeatable.
    #[arg(long = "extern", value_name = "ZEEK=RUST")]
    externs: Vec<String>,
    /// Pin an `@if` condition: `EXPR=true|false`; repeatable.
    #[arg(long = "condition", value_name = "EXPR=BOOL")]
    conditions: Vec<String>,
    /// Of a Zeek tree, load only base/init-bare.zeek (like `zeek -b`).
    #[arg(short = 'b', long)]
    bare: bool,
    /// Show warnings about every script read, not only the given files.
    #[arg(short, long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut config = zeekws_codegen::Config::new();
    for dir in &args.include {
        config.zeek_path(dir);
    }
    for e in &args.externs {
        let Some((zeek, rust)) = e.split_once('=') else {
            eprintln!("error: --extern expects ZEEK_NAME=RUST_PATH, got `{e}`");
            return ExitCode::FAILURE;
        };
        config.extern_type(zeek.trim(), rust.trim());
    }
    for c in &args.conditions {
        let parsed = c
            .rsplit_once('=')
            .and_then(|(expr, v)| v.trim().parse::<bool>().ok().map(|v| (expr, v)));
        let Some((expr, value)) = parsed else {
            eprintln!("error: --condition expects EXPR=true|false, got `{c}`");
            return ExitCode::FAILURE;
        };
        config.condition(expr, value);
    }
    config.bare_mode(args.bare);
    let schema = match config.load(&args.files) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.verbose {
        for w in schema.warnings() {
            eprintln!("{w}\n");
        }
    } else {
        for w in schema.entry_warnings() {
            eprintln!("{w}\n");
        }
    }
    match config.generate(&args.files) {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
