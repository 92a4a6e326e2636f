//! `--schema FILE... -I DIR`: the declarations that name event arguments and record fields.

use std::error::Error;

use zeekws_codegen::Schema;

use crate::args::SchemaArgs;

/// The loaded schema, or `None` without `--schema`. Warnings about the given files (a
/// missing `@load`, a guessed `@if`) go to the log.
pub fn load(args: &SchemaArgs) -> Result<Option<Schema>, Box<dyn Error + Send + Sync>> {
    if args.schema.is_empty() {
        return Ok(None);
    }
    let mut config = zeekws_codegen::Config::new();
    for dir in &args.include {
        config.zeek_path(dir);
    }
    let schema = config.load(&args.schema)?;
    for w in schema.entry_warnings() {
        tracing::info!("{w}");
    }
    Ok(Some(schema))
}
