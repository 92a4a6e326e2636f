//! Finding the file an `@load` names, as Zeek does with `ZEEKPATH`.

use std::path::{Path, PathBuf};

/// The files `base` may mean: the file itself, with `.zeek` appended, or a directory's
/// `__load__.zeek`.
fn candidates(base: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let with_ext = {
        let mut s = base.as_os_str().to_os_string();
        s.push(".zeek");
        PathBuf::from(s)
    };
    [base.to_path_buf(), with_ext, base.join("__load__.zeek")].into_iter()
}

fn first_file(base: &Path) -> Option<PathBuf> {
    candidates(&clean(base)).find(|p| p.is_file())
}

/// Drops `.` components (`a/./b` -> `a/b`) for readable paths; `..` is kept.
fn clean(p: &Path) -> PathBuf {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Resolves an `@load` argument. `./x` and `../x` are relative to the loading file's
/// directory; absolute paths are taken as they are; anything else is searched in `search`
/// in order.
pub(crate) fn find(arg: &str, from_dir: Option<&Path>, search: &[PathBuf]) -> Option<PathBuf> {
    let arg = arg.trim();
    if arg.is_empty() {
        return None;
    }
    let p = Path::new(arg);
    if arg.starts_with("./") || arg.starts_with("../") || arg == "." || arg == ".." {
        return first_file(&from_dir?.join(p));
    }
    if p.is_absolute() {
        return first_file(p);
    }
    search.iter().find_map(|dir| first_file(&dir.join(p)))
}

/// A key that identifies a file however it was reached.
pub(crate) fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A search directory that holds Zeek's own start-up scripts, if any.
pub(crate) fn zeek_tree(search: &[PathBuf]) -> Option<PathBuf> {
    search
        .iter()
        .find(|d| d.join("base/init-bare.zeek").is_file())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_suffixes_and_load_dirs() {
        let root = std::env::temp_dir().join(format!("zeekws-codegen-load-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("a/pkg")).unwrap();
        std::fs::write(root.join("a/x.zeek"), "").unwrap();
        std::fs::write(root.join("a/pkg/__load__.zeek"), "").unwrap();
        let search = vec![root.join("nope"), root.clone()];
        assert_eq!(find("a/x", None, &search), Some(root.join("a/x.zeek")));
        assert_eq!(find("a/x.zeek", None, &search), Some(root.join("a/x.zeek")));
        assert_eq!(
            find("a/pkg", None, &search),
            Some(root.join("a/pkg/__load__.zeek"))
        );
        assert_eq!(
            find("./x", Some(&root.join("a")), &[]),
            Some(root.join("a/x.zeek"))
        );
        assert_eq!(
            find("../pkg", Some(&root.join("a/pkg")), &[]),
            Some(root.join("a/pkg/../pkg/__load__.zeek"))
        );
        assert_eq!(find("a/missing", None, &search), None);
        let _ = std::fs::remove_dir_all(&root);
    }
}
