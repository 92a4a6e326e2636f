//! The build-script API, in the manner of prost-build.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::Schema;
use crate::resolve::{self, LoadOptions, normalize_condition};

/// Configuration for generating Rust types from Zeek scripts, usually from `build.rs`.
///
/// ```no_run
/// # fn main() -> Result<(), zeekws_codegen::Error> {
/// zeekws_codegen::Config::new()
///     .zeek_path("zeek")
///     .extern_type("conn_id", "crate::ConnId")
///     .compile(&["zeek/app.zeek"])?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    zeek_path: Vec<PathBuf>,
    extern_types: Vec<(String, String)>,
    out_dir: Option<PathBuf>,
    file_name: String,
    opts: LoadOptions,
    emit_rerun_if_changed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            zeek_path: Vec::new(),
            extern_types: Vec::new(),
            out_dir: None,
            file_name: "zeek_types.rs".to_string(),
            opts: LoadOptions::default(),
            emit_rerun_if_changed: true,
        }
    }
}

impl Config {
    /// A configuration with defaults: no search path, output `$OUT_DIR/zeek_types.rs`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a directory `@load` searches, like an entry of `ZEEKPATH` (for a Zeek install:
    /// `<prefix>/share/zeek`, `.../share/zeek/policy`, `.../share/zeek/site`). When one of them
    /// holds Zeek's own scripts (`base/init-bare.zeek`), those are used for global types;
    /// otherwise a small built-in prelude (Zeek 8.2 layouts) is.
    pub fn zeek_path(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.zeek_path.push(dir.as_ref().to_path_buf());
        self
    }

    /// Uses an existing Rust type for a Zeek type instead of generating one, like
    /// prost-build's `extern_path`. The Zeek name is fully qualified (`conn_id`,
    /// `Conn::Info`); a module name (`Cluster`) maps every type under it
    /// (`Cluster::Info` becomes `<path>::Info`).
    pub fn extern_type(
        &mut self,
        zeek_name: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> &mut Self {
        let zeek_name = zeek_name.into();
        self.opts
            .externs
            .insert(zeek_name.trim_start_matches("::").to_string());
        self.extern_types.push((zeek_name, rust_path.into()));
        self
    }

    /// Where `compile` writes (default: the `OUT_DIR` Cargo gives build scripts).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The output file name inside the output directory (default `zeek_types.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Pins the value of an `@if ( expr )` condition (matched ignoring whitespace), e.g.
    /// `.condition("Cluster::is_enabled()", true)`. Unpinned conditions take their first
    /// branch, with a warning.
    pub fn condition(&mut self, expr: &str, value: bool) -> &mut Self {
        self.opts
            .assumptions
            .conditions
            .insert(normalize_condition(expr), value);
        self
    }

    /// Pins whether `name` counts as defined for `@ifdef` / `@ifndef`.
    pub fn defined(&mut self, name: &str, value: bool) -> &mut Self {
        self.opts
            .assumptions
            .defined
            .insert(name.trim().to_string(), value);
        self
    }

    /// Like `zeek -b`: of a Zeek tree, load only `base/init-bare.zeek` before the files, not
    /// `base/init-default.zeek` (default false).
    pub fn bare_mode(&mut self, bare: bool) -> &mut Self {
        self.opts.bare = bare;
        self
    }

    /// Do not use the built-in prelude of global types when no Zeek tree is found.
    pub fn skip_prelude(&mut self) -> &mut Self {
        self.opts.prelude = false;
        self
    }

    /// Whether `compile` prints `cargo:rerun-if-changed=` lines (default true).
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.emit_rerun_if_changed = emit;
        self
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            search_dirs: self.zeek_path.clone(),
            ..self.opts.clone()
        }
    }

    /// Parses and resolves `files` (and what they load) without generating code.
    pub fn load(&self, files: &[impl AsRef<Path>]) -> Result<Schema, Error> {
        let files: Vec<PathBuf> = files.iter().map(|f| f.as_ref().to_path_buf()).collect();
        resolve::load(&self.load_options(), &files)
    }

    /// Generates the Rust code for `files`: the records, enums, events and aliases they
    /// declare, and the types those use.
    #[cfg(feature = "emit")]
    pub fn generate(&self, files: &[impl AsRef<Path>]) -> Result<String, Error> {
        let schema = self.load(files)?;
        crate::emit::generate(&schema, &self.extern_types)
    }

    /// Generates code for `files` into `<out_dir>/zeek_types.rs` (written only when its
    /// content changes) and prints `cargo:rerun-if-changed=` for every file read.
    #[cfg(feature = "emit")]
    pub fn compile(&self, files: &[impl AsRef<Path>]) -> Result<(), Error> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        if self.emit_rerun_if_changed {
            for f in files {
                println!("cargo:rerun-if-changed={}", f.as_ref().display());
            }
        }
        let schema = self.load(files)?;
        if self.emit_rerun_if_changed {
            for f in schema.files() {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        let code = crate::emit::generate(&schema, &self.extern_types)?;
        let path = out_dir.join(&self.file_name);
        write_if_changed(&path, code.as_bytes())
    }
}

/// Writes `content` unless the file already holds exactly that (keeps mtimes, avoids rebuilds).
#[cfg(feature = "emit")]
fn write_if_changed(path: &Path, content: &[u8]) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, content).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
