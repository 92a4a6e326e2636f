//! `zeekws`: Zeek's WebSocket API from the command line. See `zeekws --help`.
//!
//! Each subcommand lives in `cmd/`; `args.rs` holds the command line, `render.rs` turns
//! events into JSON with the declared names, `schema.rs` loads `--schema` scripts.

mod args;
mod cmd;
mod connect;
mod render;
mod schema;

use std::error::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// What a subcommand returns: an exit status, or an error printed as `error: ...`.
pub type Outcome = Result<ExitCode, Box<dyn Error + Send + Sync>>;

/// Exit status 3: a breaking change (check) or a contract mismatch was found.
pub const MISMATCH: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose, cli.quiet);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(run(cli.command));
    // Background tasks (a reconnecting client) must not keep the process alive.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", report(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Outcome {
    match command {
        Command::Ping(a) => cmd::ping::run(a).await,
        Command::Tail(a) => cmd::tail::run(a).await,
        Command::Publish(a) => cmd::publish::run(a).await,
        Command::Bridge(a) => cmd::bridge::run(a).await,
        Command::Serve(a) => cmd::serve::run(a).await,
        Command::Gen(a) => cmd::generate::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Contract(a) => cmd::contract::run(a).await,
        Command::ContractScript => {
            print!("{}", zeekws_runtime::contract::SCRIPT);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "zeekws", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `error: <message>`, then each cause the message does not already contain.
fn report(e: &(dyn Error + 'static)) -> String {
    let message = e.to_string();
    // Rendered script diagnostics already start with their own `error: `.
    let mut text = if message.starts_with("error: ") {
        message
    } else {
        format!("error: {message}")
    };
    let mut cause = e.source();
    while let Some(c) = cause {
        let line = c.to_string();
        if !text.contains(&line) {
            text.push_str("\n  caused by: ");
            text.push_str(&line);
        }
        cause = c.source();
    }
    text
}

/// Logs to stderr: warnings by default, `-v` info, `-vv` debug, `-q` errors only; colour
/// only on a terminal.
fn init_tracing(verbose: u8, quiet: bool) {
    use tracing_subscriber::filter::LevelFilter;
    let level = match (quiet, verbose) {
        (true, _) => LevelFilter::ERROR,
        (false, 0) => LevelFilter::WARN,
        (false, 1) => LevelFilter::INFO,
        (false, 2) => LevelFilter::DEBUG,
        (false, _) => LevelFilter::TRACE,
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .without_time()
        .init();
}
