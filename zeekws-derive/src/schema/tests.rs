use super::*;

#[test]
fn the_cache_rereads_a_changed_file() {
    let dir = std::env::temp_dir().join(format!("zeekws-schema-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.zeek");
    std::fs::write(&file, "type R: record { a: count; };\n").unwrap();
    let first = cache::load(&file).unwrap();
    assert!(Arc::ptr_eq(&first, &cache::load(&file).unwrap()), "cached");
    assert_eq!(first.record("R").unwrap().fields.len(), 1);
    // A new modification time (set explicitly: the file system's clock may be coarse).
    std::fs::write(&file, "type R: record { a: count; b: string; };\n").unwrap();
    let later = SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(later))
        .unwrap();
    let second = cache::load(&file).unwrap();
    assert_eq!(second.record("R").unwrap().fields.len(), 2);
    // Parse errors are reported as text with file:line:col, relative to the directory.
    std::fs::write(&file, "type R: record { a: ; };\n").unwrap();
    let err = cache::load(&file).unwrap_err();
    assert!(err.starts_with("a.zeek:1:"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rust_text_is_compact() {
    let t: syn::Type =
        syn::parse_quote!(::std::collections::BTreeMap<(u64, String), Option<Vec<u8> > >);
    assert_eq!(
        rust_text(&t),
        "::std::collections::BTreeMap<(u64, String), Option<Vec<u8>>>"
    );
    let t: syn::Type = syn::parse_quote!(&'static str);
    assert_eq!(rust_text(&t), "&'static str");
}

#[test]
fn expected_looks_through_aliases() {
    let ty = Type::Alias {
        name: "string_set".into(),
        target: Box::new(Type::Set(vec![Type::String])),
    };
    assert_eq!(
        expected(&ty).to_string(),
        quote!(__zeek::ZeekTypeName::Set(&__zeek::ZeekTypeName::String)).to_string()
    );
    assert_eq!(zeek_text(&ty), "string_set (set[string])");
    let ty = Type::Table(
        vec![Type::Addr, Type::Port],
        Box::new(Type::Opaque("x".into())),
    );
    assert_eq!(
        expected(&ty).to_string(),
        quote!(__zeek::ZeekTypeName::Table(
            &__zeek::ZeekTypeName::Tuple(&[__zeek::ZeekTypeName::Addr, __zeek::ZeekTypeName::Port]),
            &__zeek::ZeekTypeName::Any
        ))
        .to_string()
    );
}
