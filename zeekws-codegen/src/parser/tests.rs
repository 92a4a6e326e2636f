use super::*;

fn p(s: &str) -> File {
    match parse(FileId(0), s) {
        Ok(f) => f,
        Err(e) => panic!("{} at {:?}", e[0].message, e[0].span),
    }
}

#[test]
fn record_with_conditionals_docs_and_attrs() {
    let f = p(
        "module App;\nexport {\n## An alert.\ntype Alert: record {\n\
         a: count &log; ##< the a\n@if ( T )\n b: set[addr, port] &optional;\n@endif\n\
         c: count &default=function(x: count): count { return x; };\n} &log;\n}\n",
    );
    let DeclKind::Export(ds) = &f.decls[1].kind else {
        panic!()
    };
    let d = &ds[0];
    assert_eq!(d.doc, vec!["An alert."]);
    let DeclKind::Type { ty, attrs, .. } = &d.kind else {
        panic!()
    };
    assert_eq!(attrs[0].name, "log");
    let TypeKind::Record(items) = &ty.kind else {
        panic!()
    };
    assert_eq!(items.len(), 5);
    let FieldItem::Field(a) = &items[0] else {
        panic!()
    };
    assert_eq!(a.doc, vec!["the a"]);
    let FieldItem::Field(c) = &items[4] else {
        panic!()
    };
    assert_eq!(
        c.attrs[0].value.as_deref(),
        Some("function(x: count): count { return x; }")
    );
}

#[test]
fn handlers_lambdas_and_redefs() {
    let f = p(
        "event foo(c: connection) &priority=5 { if ( /x{1}/ in s ) { } }\n\
         const t: table[count] of string = {} &redef &default=function(c: count): string { return \"}\"; };\n\
         redef record Conn::Info$ip_proto -= { &log };\n\
         redef enum Log::ID += { LOG, mysql::LOG };\n\
         global e: event(a: count; b: bool &default=F);\n\
         redef Foo::bar += { [1] = \"a\" };\n",
    );
    assert_eq!(f.decls.len(), 6);
    assert!(matches!(
        f.decls[2].kind,
        DeclKind::RedefField {
            op: AttrOp::Remove,
            ..
        }
    ));
}

#[test]
fn errors_have_spans() {
    let e = parse(FileId(0), "type X: record { a count; };").unwrap_err();
    assert_eq!(e[0].message, "expected `:`, found `count`");
    let e = parse(FileId(0), "type X: record { a: count &bogus; };").unwrap_err();
    assert_eq!(e[0].message, "unknown attribute `&bogus`");
}

#[test]
fn errors_of_a_file_are_reported_together() {
    let src = "module M;\nexport {\n\ttype A: record { a count; };\n\
               \ttype B: record { b: count; };\n\tglobal e: event(x: );\n}\n\
               type C: enum { X = y };\nfunction f() { }\n";
    let e = parse(FileId(0), src).unwrap_err();
    let msgs: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "expected `:`, found `count`",
            "expected a type, found `)`",
            "expected a count, found `y`"
        ]
    );
}
