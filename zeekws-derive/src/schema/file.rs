//! Where a schema file is: paths relative to the manifest (or the source file), and the
//! `include_bytes!` that make editing it rebuild the crate.

use super::*;

/// Resolves the attribute's path: relative to `CARGO_MANIFEST_DIR`, else to the directory of
/// the source file (see the module docs); absolute paths are refused.
pub(super) fn resolve_path(lit: &LitStr) -> syn::Result<PathBuf> {
    let value = lit.value();
    let rel = Path::new(&value);
    if value.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "#[zeek(schema = ..)] needs a path to a .zeek file, relative to the crate root",
        ));
    }
    if rel.is_absolute() || rel.has_root() {
        return Err(syn::Error::new(
            lit.span(),
            "absolute paths will only work on the current machine; write the path relative to the crate root (CARGO_MANIFEST_DIR)",
        ));
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let mut tried = Vec::new();
    if let Some(dir) = &manifest {
        let p = dir.join(rel);
        if p.is_file() {
            return Ok(p);
        }
        tried.push("CARGO_MANIFEST_DIR (the crate root)");
    }
    if let Some(dir) = source_dir() {
        let p = dir.join(rel);
        if p.is_file() {
            return Ok(p);
        }
        tried.push("the directory of this source file");
    }
    let msg = if tried.is_empty() {
        format!(
            "cannot find schema file {value:?}: CARGO_MANIFEST_DIR is not set; build with cargo"
        )
    } else {
        format!(
            "schema file {value:?} not found; looked relative to {}",
            tried.join(" and ")
        )
    };
    Err(syn::Error::new(lit.span(), msg))
}

/// The directory of the file being compiled, when the compiler knows it.
pub(super) fn source_dir() -> Option<PathBuf> {
    if !proc_macro::is_available() {
        return None;
    }
    let file = proc_macro::Span::call_site().local_file()?;
    let file = if file.is_relative() {
        std::env::current_dir().ok()?.join(file)
    } else {
        file
    };
    file.parent().map(Path::to_path_buf)
}

/// `const _: &[u8] = include_bytes!("<abs>");` for every file read: the compiler then lists
/// them as inputs, and Cargo rebuilds when one changes.
pub(super) fn track_files(schema: &Schema, entry: &Path, out: &mut TokenStream) {
    let mut files: Vec<PathBuf> = schema.files().into_iter().map(Path::to_path_buf).collect();
    if files.is_empty() {
        files.push(entry.to_path_buf());
    }
    track(&files, out);
}

pub(super) fn track(files: &[PathBuf], out: &mut TokenStream) {
    for f in files.iter().cloned() {
        let abs = if f.is_absolute() {
            f
        } else {
            match std::env::current_dir() {
                Ok(d) => d.join(f),
                Err(_) => continue,
            }
        };
        let Some(s) = abs.to_str() else { continue };
        let s = LitStr::new(s, Span::call_site());
        out.extend(quote! {
            // Tells the compiler to watch this file: editing the schema rebuilds the crate.
            const _: &[u8] = ::core::include_bytes!(#s);
        });
    }
}

/// `file:line` with the path relative to the schema's directory when it is inside it.
pub(super) fn short(loc: &Location, base: &Path) -> String {
    let path = loc
        .path
        .strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| loc.path.clone());
    format!("{}:{}", path.display(), loc.line)
}
