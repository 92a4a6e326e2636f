//! `zeekws check OLD NEW`: breaking and compatible changes between two versions of a
//! schema; exit status 3 when anything breaks.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zeekws_codegen::{Schema, compat};

use crate::args::{CheckArgs, CheckFormat};
use crate::{MISMATCH, Outcome};

pub fn run(args: CheckArgs) -> Outcome {
    let old = load(&args.old, &args.include)?;
    let new = load(&args.new, &args.include)?;
    let mut changes = compat::compare(&old, &new, &args.types);
    // Breaking changes first, each group in declaration order.
    changes.sort_by_key(|c| !c.breaking);
    let breaking = changes.iter().filter(|c| c.breaking).count();
    match args.format {
        CheckFormat::Text => {
            for c in &changes {
                println!("{c}");
            }
            if changes.is_empty() {
                println!("no changes");
            } else {
                println!(
                    "{breaking} breaking, {} compatible change(s)",
                    changes.len() - breaking
                );
            }
        }
        CheckFormat::Json => {
            let items: Vec<serde_json::Value> = changes
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "breaking": c.breaking,
                        "item": c.item,
                        "message": c.message,
                        "old": c.old.as_ref().map(ToString::to_string),
                        "new": c.new.as_ref().map(ToString::to_string),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
    }
    Ok(if breaking > 0 {
        ExitCode::from(MISMATCH)
    } else {
        ExitCode::SUCCESS
    })
}

/// A `.zeek` file, or every `.zeek` file under a directory, fully resolved.
fn load(
    path: &Path,
    include: &[PathBuf],
) -> Result<Schema, Box<dyn std::error::Error + Send + Sync>> {
    let mut config = zeekws_codegen::Config::new();
    for dir in include {
        config.zeek_path(dir);
    }
    let files = if path.is_dir() {
        config.zeek_path(path);
        let mut files = Vec::new();
        collect(path, &mut files)?;
        if files.is_empty() {
            return Err(format!("{}: no .zeek files in this directory", path.display()).into());
        }
        files
    } else {
        vec![path.to_path_buf()]
    };
    Ok(config.load(&files)?)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "zeek") {
            out.push(p);
        }
    }
    Ok(())
}
