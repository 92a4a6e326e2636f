//! `zeekws gen FILE... [-I DIR] [-o OUT]`: the Rust that `zeekws-codegen` generates.

use std::process::ExitCode;

use crate::Outcome;
use crate::args::GenArgs;

pub fn run(args: GenArgs) -> Outcome {
    let mut config = zeekws_codegen::Config::new();
    if let Some(zeek) = &args.zeek {
        config.zeek_installation(zeek);
    }
    for dir in &args.include {
        config.zeek_path(dir);
    }
    if !args.types.is_empty() {
        config.types(args.types.iter().cloned());
    }
    if !args.events.is_empty() {
        config.events(args.events.iter().cloned());
    }
    if args.all {
        config.emit_all(true);
    }
    let mut files = args.files.clone();
    files.extend(args.load.iter().map(std::path::PathBuf::from));
    for e in &args.externs {
        let Some((zeek, rust)) = e.split_once('=') else {
            return Err(format!("--extern expects ZEEK_NAME=RUST_PATH, got `{e}`").into());
        };
        config.extern_type(zeek.trim(), rust.trim());
    }
    for c in &args.conditions {
        let parsed = c
            .rsplit_once('=')
            .and_then(|(expr, v)| v.trim().parse::<bool>().ok().map(|v| (expr, v)));
        let Some((expr, value)) = parsed else {
            return Err(format!("--condition expects EXPR=true|false, got `{c}`").into());
        };
        config.condition(expr, value);
    }
    for d in &args.defined {
        let parsed = d
            .rsplit_once('=')
            .and_then(|(name, v)| v.trim().parse::<bool>().ok().map(|v| (name, v)));
        let Some((name, value)) = parsed else {
            return Err(format!("--defined expects NAME=true|false, got `{d}`").into());
        };
        config.defined(name.trim(), value);
    }
    config.bare_mode(args.bare);
    let schema = config.load(&files)?;
    let warnings: Vec<_> = if args.all_warnings {
        schema.warnings().iter().collect()
    } else {
        schema.entry_warnings().collect()
    };
    for w in warnings {
        eprintln!("{w}\n");
    }
    let code = config.generate(&files)?;
    match &args.output {
        Some(path) => std::fs::write(path, code)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => print!("{code}"),
    }
    Ok(ExitCode::SUCCESS)
}
