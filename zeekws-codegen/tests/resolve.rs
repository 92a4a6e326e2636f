//! Resolver semantics: load order, modules across loads, redefs, naming.

use std::path::PathBuf;

struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Tree {
        let dir = std::env::temp_dir().join(format!(
            "zeekws-codegen-resolve-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (f, text) in files {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        Tree(dir)
    }

    fn load(&self, entry: &str) -> zeekws_codegen::Schema {
        zeekws_codegen::Schema::load(self.0.join(entry), &[&self.0])
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn field_names(s: &zeekws_codegen::Schema, rec: &str) -> Vec<String> {
    s.record(rec)
        .unwrap_or_else(|| panic!("no record {rec}"))
        .fields
        .iter()
        .map(|f| f.name.clone())
        .collect()
}

#[test]
fn loaded_file_inherits_the_loaders_module_and_it_is_restored() {
    let t = Tree::new(
        "module",
        &[
            (
                "main.zeek",
                "module A;\n@load ./inc\ntype After: record { x: count; };\n",
            ),
            (
                "inc.zeek",
                "type FromInc: record { x: count; };\nmodule B;\ntype InB: record { y: count; };\n",
            ),
        ],
    );
    let s = t.load("main.zeek");
    assert!(s.record("A::FromInc").is_some());
    assert!(s.record("B::InB").is_some());
    assert!(
        s.record("A::After").is_some(),
        "module restored after the load"
    );
}

#[test]
fn first_load_wins_and_redefs_append_in_load_order() {
    let t = Tree::new(
        "order",
        &[
            (
                "main.zeek",
                "@load pkg\n@load ext/second\n@load ext/first\n@load pkg/base.zeek\n",
            ),
            ("pkg/__load__.zeek", "@load ./base\n"),
            (
                "pkg/base.zeek",
                "module P;\nexport { type Info: record { a: count; }; }\n",
            ),
            (
                "ext/first.zeek",
                "module P;\nredef record Info += { first: count &optional; };\n",
            ),
            (
                "ext/second.zeek",
                "redef record P::Info += { second: count &optional; } &log;\n",
            ),
        ],
    );
    let s = t.load("main.zeek");
    assert_eq!(field_names(&s, "P::Info"), ["a", "second", "first"]);
    let info = s.record("P::Info").unwrap();
    assert!(info.fields[1].log && !info.fields[2].log);
    // pkg/base.zeek was read once although loaded twice (by two spellings).
    assert_eq!(s.files().len(), 5);
}

#[test]
fn stubs_are_replaced_and_field_log_flags_change() {
    let t = Tree::new(
        "stub",
        &[(
            "main.zeek",
            "type Pool: record {};\ntype Holder: record { p: Pool &optional; };\n\
             ## The real one.\ntype Pool: record { n: count &log; m: count; } &log;\n\
             redef record Pool$n -= { &log };\nredef record Pool$m += { &log };\n\
             type Pool: record {};\n",
        )],
    );
    let s = t.load("main.zeek");
    let pool = s.record("Pool").unwrap();
    assert_eq!(field_names(&s, "Pool"), ["n", "m"]);
    assert_eq!(pool.doc, ["The real one."]);
    assert!(!pool.fields[0].log && pool.fields[1].log);
}

#[test]
fn enum_values_belong_to_the_module_current_at_their_declaration() {
    let t = Tree::new(
        "enums",
        &[(
            "main.zeek",
            "module Log;\nexport { type ID: enum { UNKNOWN }; }\n\
             module Conn;\nredef enum Log::ID += { LOG };\n\
             module MySQL;\nredef enum Log::ID += { mysql::LOG };\n\
             module GLOBAL;\ntype Flag: enum { ON = 2, OFF = 7 };\nredef enum Flag += { MAYBE = 9 };\n",
        )],
    );
    let s = t.load("main.zeek");
    let id = s.enum_("Log::ID").unwrap();
    let names: Vec<(&str, &str)> = id
        .values
        .iter()
        .map(|v| (v.name.as_str(), v.module.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Log::UNKNOWN", "Log"),
            ("Conn::LOG", "Conn"),
            ("mysql::LOG", "mysql")
        ]
    );
    let flag = s.enum_("Flag").unwrap();
    let values: Vec<u64> = flag.values.iter().map(|v| v.value).collect();
    assert_eq!(values, [2, 7, 9]);
}

#[test]
fn unqualified_names_look_in_the_module_then_global() {
    let t = Tree::new(
        "lookup",
        &[(
            "main.zeek",
            "type Info: record { g: count; };\ntype connection: record { c: count; };\n\
             module M;\nexport { type Info: record { m: count; };\n\
             type Uses: record { i: Info; c: connection; };\n\
             global ev: event(i: Info, c: connection);\n}\n\
             redef record connection += { extra: Info &optional; };\n",
        )],
    );
    let s = t.load("main.zeek");
    let uses = s.record("M::Uses").unwrap();
    assert_eq!(uses.fields[0].ty.to_string(), "M::Info");
    assert_eq!(uses.fields[1].ty.to_string(), "connection");
    assert_eq!(field_names(&s, "connection"), ["c", "extra"]);
    assert!(s.event("M::ev").is_some());
}

#[test]
fn conditions_can_be_pinned() {
    let t = Tree::new(
        "cond",
        &[(
            "main.zeek",
            "type R: record {\n a: count;\n@if ( Cluster::is_enabled() )\n b: count;\n@else\n c: count;\n@endif\n\
             @ifdef ( Plugin::THING )\n d: count;\n@endif\n};\n",
        )],
    );
    let s = t.load("main.zeek");
    assert_eq!(field_names(&s, "R"), ["a", "b", "d"]);
    assert_eq!(s.entry_warnings().count(), 2, "both guesses are reported");
    let s = zeekws_codegen::Config::new()
        .zeek_path(&t.0)
        .condition("Cluster::is_enabled ( )", false)
        .defined("Plugin::THING", false)
        .load(&[t.0.join("main.zeek")])
        .unwrap();
    assert_eq!(field_names(&s, "R"), ["a", "c"]);
    assert_eq!(s.entry_warnings().count(), 0);
}

#[test]
fn prelude_is_used_without_a_zeek_tree() {
    let t = Tree::new(
        "prelude",
        &[(
            "main.zeek",
            "global e: event(id: conn_id, p: transport_proto);\n",
        )],
    );
    let s = t.load("main.zeek");
    let id = s.record("conn_id").unwrap();
    assert_eq!(
        field_names(&s, "conn_id"),
        ["orig_h", "orig_p", "resp_h", "resp_p", "proto", "ctx"]
    );
    assert!(id.location.path.to_string_lossy().contains("prelude"));
    // The prelude is not a file on disk: only main.zeek is listed.
    assert_eq!(s.files().len(), 1);
}

/// Zeek accepts an enum declared again with the same values, as a script and its bif file
/// both declare `Broker::ErrorCode`; other values are still an error.
#[test]
fn an_enum_declared_again_with_the_same_values_is_accepted() {
    let t = Tree::new(
        "enum-twice",
        &[
            (
                "a.zeek",
                "@load ./b\nmodule Broker;\nexport { type ErrorCode: enum { NONE, UNSPECIFIED, }; }\n",
            ),
            (
                "b.zeek",
                "module Broker;\nexport { type ErrorCode: enum { UNSPECIFIED, NONE }; }\n",
            ),
        ],
    );
    let s = t.load("a.zeek");
    let values: Vec<&str> = s
        .enum_("Broker::ErrorCode")
        .unwrap()
        .values
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(values, ["Broker::UNSPECIFIED", "Broker::NONE"]);

    let t = Tree::new(
        "enum-twice-differs",
        &[(
            "a.zeek",
            "module M;\nexport { type E: enum { A }; type E: enum { B }; }\n",
        )],
    );
    let err = zeekws_codegen::Schema::load(t.0.join("a.zeek"), &[&t.0]).unwrap_err();
    assert!(
        err.to_string().contains("type `M::E` is declared twice"),
        "{err}"
    );
}
