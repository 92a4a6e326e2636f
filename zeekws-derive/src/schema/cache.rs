//! Parsed schemas, kept for the life of the compiler process (or rust-analyzer's proc-macro
//! server) and re-read when a file's modification time changes.

use super::*;

struct Entry {
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
    schema: Arc<Schema>,
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// A load error in one line per problem (rustc shows the Rust side's span already):
/// `broken.zeek:6:3: expected `;`, found `reason``.
fn describe(e: &zeekws_codegen::Error, base: &Path) -> String {
    let diags: Vec<String> = e
        .diagnostics()
        .iter()
        .filter(|d| d.severity == zeekws_codegen::Severity::Error)
        .map(|d| match &d.location {
            Some(loc) => {
                let path = loc.path.strip_prefix(base).unwrap_or(&loc.path);
                format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    loc.line,
                    loc.column,
                    d.message
                )
            }
            None => d.message.clone(),
        })
        .collect();
    if diags.is_empty() {
        e.to_string()
    } else {
        diags.join("; ")
    }
}

fn cache() -> &'static Mutex<HashMap<PathBuf, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Entry>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The schema of `path` (with `@load` searching its directory), parsed at most once per
/// version of its files. Load errors are returned as text (not cached).
pub fn load(path: &Path) -> Result<Arc<Schema>, String> {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    {
        let map = cache().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = map.get(&key)
            && e.stamps.iter().all(|(p, t)| mtime(p) == *t)
        {
            return Ok(Arc::clone(&e.schema));
        }
    }
    let dir = key.parent().map(Path::to_path_buf).unwrap_or_default();
    let schema = Schema::load(&key, &[&dir]).map_err(|e| describe(&e, &dir))?;
    let schema = Arc::new(schema);
    let stamps = schema
        .files()
        .into_iter()
        .map(|p| (p.to_path_buf(), mtime(p)))
        .collect();
    let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
    map.insert(
        key,
        Entry {
            stamps,
            schema: Arc::clone(&schema),
        },
    );
    Ok(schema)
}
