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
    roots: Roots,
}

/// What the emitter starts from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Roots {
    /// What the entry files declare.
    #[default]
    Entry,
    /// The named types and events.
    Named {
        types: Vec<String>,
        events: Vec<String>,
    },
    /// Every record, enum, alias and event the load yields.
    All,
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
            roots: Roots::default(),
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

    /// Searches an installed Zeek as Zeek itself does: `<prefix>/share/zeek` with its
    /// `policy`, `site` and `builtin-plugins` directories (those that exist). `prefix` is the
    /// installation prefix (`/usr/local/zeek`) or its `share/zeek`. Zeek's start-up scripts
    /// then load first, and entry files may be named as `@load` names them
    /// (`policy/protocols/conn/community-id-logging`, `site/local`).
    pub fn zeek_installation(&mut self, prefix: impl AsRef<Path>) -> &mut Self {
        let prefix = prefix.as_ref();
        let share = if prefix.join("base/init-bare.zeek").is_file() {
            prefix.to_path_buf()
        } else {
            prefix.join("share/zeek")
        };
        self.zeek_path.push(share.clone());
        for sub in ["policy", "site", "builtin-plugins"] {
            let dir = share.join(sub);
            if dir.is_dir() {
                self.zeek_path.push(dir);
            }
        }
        // `<prefix>/share/zeek` → `<prefix>/bin/zeek`: let the installation's own Zeek
        // decide what depends on its build. Where it does not run, those conditions stay
        // open, and a layout resting on one is an error that says how to pin it.
        if let Some(bin) = share
            .parent()
            .and_then(Path::parent)
            .map(|p| p.join("bin/zeek"))
            && bin.is_file()
            && let Err(e) = self.ask_zeek(&bin)
        {
            eprintln!("warning: {e}");
        }
        self
    }

    /// Asks a Zeek binary what its build decides and no script declares: whether it has
    /// Spicy (`have_spicy()`, `have_spicy_analyzers()`) and which analyzer tags it compiled
    /// in (`Analyzer::ANALYZER_QUIC`, `Files::ANALYZER_PE`, `PacketAnalyzer::ANALYZER_IP`).
    /// Those `@if`s and `@ifdef`s are then decided as that Zeek decides them; a tag it does
    /// not have counts as undefined. [`zeek_installation`](Self::zeek_installation) does
    /// this by itself when the installation's `bin/zeek` runs.
    pub fn ask_zeek(&mut self, zeek: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let zeek = zeek.as_ref();
        let script = "event zeek_init() &priority=-100 { \
            print fmt(\"have_spicy=%s\", have_spicy()); \
            print fmt(\"have_spicy_analyzers=%s\", have_spicy_analyzers()); \
            for ( n in enum_names(\"Analyzer::Tag\") ) print fmt(\"tag=%s\", n); \
            for ( n in enum_names(\"Files::Tag\") ) print fmt(\"tag=%s\", n); \
            for ( n in enum_names(\"PacketAnalyzer::Tag\") ) print fmt(\"tag=%s\", n); }";
        let out = std::process::Command::new(zeek)
            .args(["-b", "-e", script])
            .output()
            .map_err(|source| Error::Io {
                path: zeek.to_path_buf(),
                source,
            })?;
        if !out.status.success() {
            return Err(Error::Io {
                path: zeek.to_path_buf(),
                source: std::io::Error::other(format!(
                    "asking it for its build's conditions failed ({}): {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr).trim()
                )),
            });
        }
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines() {
            if let Some(v) = line.strip_prefix("have_spicy=") {
                self.condition("have_spicy()", v.trim() == "T");
            } else if let Some(v) = line.strip_prefix("have_spicy_analyzers=") {
                self.condition("have_spicy_analyzers()", v.trim() == "T");
            } else if let Some(tag) = line.strip_prefix("tag=") {
                self.defined(tag.trim(), true);
            }
        }
        for prefix in [
            "Analyzer::ANALYZER_",
            "Files::ANALYZER_",
            "PacketAnalyzer::ANALYZER_",
        ] {
            let prefix = prefix.to_owned();
            if !self.opts.assumptions.complete_prefixes.contains(&prefix) {
                self.opts.assumptions.complete_prefixes.push(prefix);
            }
        }
        Ok(self)
    }

    /// The search path of the Zeek on this machine, as `ZEEKPATH` gives it or, without
    /// that, `zeek-config --zeekpath` prints it; false when neither answers.
    pub fn zeek_path_from_environment(&mut self) -> bool {
        let path = std::env::var("ZEEKPATH")
            .ok()
            .filter(|p| !p.is_empty())
            .or_else(|| {
                let out = std::process::Command::new("zeek-config")
                    .arg("--zeekpath")
                    .output()
                    .ok()?;
                out.status
                    .success()
                    .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
            });
        let Some(path) = path else { return false };
        let before = self.zeek_path.len();
        self.zeek_path_list(&path);
        self.zeek_path.len() > before
    }

    /// Adds every directory of a `ZEEKPATH`-style list (`dir:dir:...`) to the search path.
    pub fn zeek_path_list(&mut self, list: &str) -> &mut Self {
        for dir in list.split(':').filter(|d| !d.is_empty()) {
            self.zeek_path.push(PathBuf::from(dir));
        }
        self
    }

    /// Emits only these records, enums and aliases, and what they use, instead of what the
    /// entry files declare (repeatable; combine with [`events`](Self::events)): Zeek's own
    /// `Conn::Info` from an installation, say, in the layout the load yields.
    pub fn types<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.named().0.extend(names.into_iter().map(Into::into));
        self
    }

    /// Emits only these events (and the types their arguments use), instead of what the
    /// entry files declare: `Conn::log_conn`, `connection_state_remove`.
    pub fn events<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.named().1.extend(names.into_iter().map(Into::into));
        self
    }

    /// Emits every record, enum, alias and event the load yields, Zeek's own included
    /// (`false` goes back to what the entry files declare, dropping `types`/`events`).
    pub fn emit_all(&mut self, all: bool) -> &mut Self {
        self.roots = if all { Roots::All } else { Roots::Entry };
        self
    }

    fn named(&mut self) -> (&mut Vec<String>, &mut Vec<String>) {
        if !matches!(self.roots, Roots::Named { .. }) {
            self.roots = Roots::Named {
                types: Vec::new(),
                events: Vec::new(),
            };
        }
        match &mut self.roots {
            Roots::Named { types, events } => (types, events),
            _ => unreachable!("set just above"),
        }
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
        crate::emit::generate(&schema, &self.extern_types, &self.roots)
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
        let code = crate::emit::generate(&schema, &self.extern_types, &self.roots)?;
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
