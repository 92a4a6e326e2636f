//! How the examples end: an error is printed as its `Display` text with the chain of causes
//! (`error: connecting to 127.0.0.1:27759: Connection refused (os error 111)`), never as a
//! `Debug` struct dump, and the process exits with status 1.

use std::error::Error;
use std::process::ExitCode;

/// Prints `error: <message>` and each cause the message does not already contain, one per
/// line (`  caused by: ...`), then returns status 1; `Ok` is status 0.
pub fn exit(result: Result<(), Box<dyn Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", render(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

/// The text `exit` prints.
pub fn render(e: &dyn Error) -> String {
    let mut text = format!("error: {e}");
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
