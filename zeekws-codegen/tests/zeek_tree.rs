//! Runs over a Zeek script tree when `ZEEK_SCRIPTS_DIR` points at one (e.g. `.../share/zeek`
//! or a source checkout's `scripts/`); skipped otherwise.

use std::path::{Path, PathBuf};

fn zeek_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            zeek_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "zeek") {
            out.push(p);
        }
    }
}

fn scripts_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("ZEEK_SCRIPTS_DIR")?);
    Some(dir)
}

#[test]
fn every_script_parses() {
    let Some(dir) = scripts_dir() else {
        eprintln!("ZEEK_SCRIPTS_DIR not set; skipping");
        return;
    };
    let mut files = Vec::new();
    zeek_files(&dir, &mut files);
    assert!(!files.is_empty(), "no .zeek files under {}", dir.display());
    let t = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut stmts = 0;
    let mut counts = Counts::default();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        match zeekws_codegen::__private::parse_str(f.clone(), &text) {
            Ok(ast) => {
                count(&ast.decls, &mut counts);
                stmts += ast
                    .decls
                    .iter()
                    .filter(|d| matches!(d.kind, zeekws_codegen::__private::ast::DeclKind::Stmt))
                    .count();
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    eprintln!("{counts:?}");
    eprintln!(
        "{} files read and parsed in {:?}, {} failures, {} top-level statements",
        files.len(),
        t.elapsed(),
        failures.len(),
        stmts
    );
    for f in failures.iter().take(10) {
        eprintln!("{f}");
    }
    assert!(failures.is_empty());
}

#[derive(Debug, Default)]
struct Counts {
    types: usize,
    records: usize,
    enums: usize,
    fields: usize,
    redef_records: usize,
    redef_fields: usize,
    redef_enums: usize,
    events: usize,
}

fn count(decls: &[zeekws_codegen::__private::ast::Decl], c: &mut Counts) {
    use zeekws_codegen::__private::ast::{DeclKind, FieldItem, FuncKind, TypeKind};
    for d in decls {
        match &d.kind {
            DeclKind::Export(ds) => count(ds, c),
            DeclKind::Type { ty, .. } => {
                c.types += 1;
                match &ty.kind {
                    TypeKind::Record(fs) => {
                        c.records += 1;
                        c.fields += fs
                            .iter()
                            .filter(|f| matches!(f, FieldItem::Field(_)))
                            .count();
                    }
                    TypeKind::Enum(_) => c.enums += 1,
                    _ => {}
                }
            }
            DeclKind::RedefRecord { .. } => c.redef_records += 1,
            DeclKind::RedefField { .. } => c.redef_fields += 1,
            DeclKind::RedefEnum { .. } => c.redef_enums += 1,
            DeclKind::Var { ty: Some(t), .. } => {
                if matches!(
                    t.kind,
                    TypeKind::Func {
                        kind: FuncKind::Event,
                        ..
                    }
                ) {
                    c.events += 1;
                }
            }
            _ => {}
        }
    }
}

#[test]
fn whole_tree_resolves() {
    let Some(dir) = scripts_dir() else {
        eprintln!("ZEEK_SCRIPTS_DIR not set; skipping");
        return;
    };
    let t = std::time::Instant::now();
    // init-bare, init-frameworks-and-bifs and init-default load first; then everything else.
    let entry = dir.join("test-all-policy.zeek");
    let schema = match zeekws_codegen::Schema::load(
        &entry,
        &[dir.clone(), dir.join("policy"), dir.join("site")],
    ) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    eprintln!(
        "loaded {} files in {:?}: {} records, {} enums, {} events, {} aliases, {} warnings",
        schema.files().len(),
        t.elapsed(),
        schema.records().len(),
        schema.enums().len(),
        schema.events().len(),
        schema.aliases().len(),
        schema.warnings().len()
    );
    let mut kinds = std::collections::BTreeMap::new();
    for w in schema.warnings() {
        let key: String = w.message.split('`').take(2).collect::<Vec<_>>().join("`");
        *kinds.entry(key).or_insert(0) += 1;
    }
    for (k, n) in kinds.iter().take(40) {
        eprintln!("  {n:4} {k}");
    }
    let conn = schema.record("Conn::Info").expect("Conn::Info");
    let names: Vec<&str> = conn.fields.iter().map(|f| f.name.as_str()).collect();
    eprintln!("Conn::Info: {names:?}");
    assert_eq!(&names[..3], ["ts", "uid", "id"]);
    let id = schema.record("conn_id").expect("conn_id");
    assert_eq!(id.fields.len(), 6);
    let log = schema.enum_("Log::ID").expect("Log::ID");
    assert!(log.values.iter().any(|v| v.name == "Conn::LOG"));
    assert!(log.values.iter().any(|v| v.name == "mysql::LOG"));
}

#[test]
fn init_bare_and_base_resolve() {
    let Some(dir) = scripts_dir() else {
        eprintln!("ZEEK_SCRIPTS_DIR not set; skipping");
        return;
    };
    // An empty entry file: what Zeek loads by itself, bare (`-b`: init-bare) or not (all of
    // base via init-default). The source tree lacks the generated base/bif files, so types
    // declared there stay unknown (warnings, as they are not in the entry file).
    let empty = std::env::temp_dir().join(format!("zeekws-empty-{}.zeek", std::process::id()));
    std::fs::write(&empty, "").unwrap();
    for (bare, entry) in [
        (true, "base/init-bare.zeek"),
        (false, "base/init-default.zeek"),
    ] {
        let t = std::time::Instant::now();
        let schema = zeekws_codegen::Config::new()
            .zeek_path(&dir)
            .bare_mode(bare)
            .load(&[&empty])
            .unwrap_or_else(|e| panic!("{e}"));
        eprintln!(
            "{entry}: {} files in {:?}: {} records, {} enums ({} values), {} events, {} aliases",
            schema.files().len(),
            t.elapsed(),
            schema.records().len(),
            schema.enums().len(),
            schema.enums().iter().map(|e| e.values.len()).sum::<usize>(),
            schema.events().len(),
            schema.aliases().len(),
        );
        assert!(schema.record("connection").is_some());
    }
}
