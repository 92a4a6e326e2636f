//! Diagnostics: where they point and what they say.

#![cfg(feature = "emit")]

use std::path::PathBuf;

fn write_case(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "zeekws-codegen-errors-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (f, text) in files {
        std::fs::write(dir.join(f), text).unwrap();
    }
    dir
}

fn generate_err(name: &str, files: &[(&str, &str)]) -> String {
    let dir = write_case(name, files);
    let err = zeekws_codegen::Config::new()
        .zeek_path(&dir)
        .generate(&[dir.join(files[0].0)])
        .expect_err("expected an error");
    let _ = std::fs::remove_dir_all(&dir);
    err.to_string()
}

#[test]
fn parse_error_shows_file_line_column_and_caret() {
    let msg = generate_err(
        "parse",
        &[("a.zeek", "module A;\ntype R: record {\n\tx count;\n};\n")],
    );
    assert!(msg.contains("error: expected `:`, found `count`"), "{msg}");
    assert!(msg.contains("a.zeek:3:4"), "{msg}");
    assert!(msg.contains("x count;"), "{msg}");
    assert!(msg.contains("^^^^^"), "{msg}");
}

#[test]
fn unknown_type_names_the_type_and_the_use_site() {
    let msg = generate_err(
        "unknown",
        &[(
            "a.zeek",
            "@load missing/script\nmodule A;\nexport { type R: record { x: Nope::T; }; }\n",
        )],
    );
    assert!(msg.contains("error: unknown type `Nope::T`"), "{msg}");
    assert!(msg.contains("a.zeek:3:30"), "{msg}");
    assert!(msg.contains("missing/script"), "{msg}");
}

#[test]
fn unknown_type_without_missing_loads_is_an_error_too() {
    let msg = generate_err(
        "unknown2",
        &[("a.zeek", "global e: event(x: Undeclared);\n")],
    );
    assert!(msg.contains("unknown type `Undeclared`"), "{msg}");
}

#[test]
fn redeclared_type_and_missing_field() {
    let msg = generate_err(
        "redecl",
        &[(
            "a.zeek",
            "type R: record { a: count; };\ntype R: record { b: count; };\nredef record R$c -= { &log };\n",
        )],
    );
    assert!(msg.contains("type `R` is declared twice"), "{msg}");
    assert!(msg.contains("first declared at"), "{msg}");
    assert!(msg.contains("record `R` has no field `c`"), "{msg}");
    assert!(msg.contains("2 errors"), "{msg}");
}

#[test]
fn missing_load_is_only_a_warning_when_nothing_needs_it() {
    let dir = write_case(
        "warn",
        &[(
            "a.zeek",
            "@load base/frameworks/cluster\nmodule A;\nexport { global e: event(p: transport_proto); }\n",
        )],
    );
    let schema = zeekws_codegen::Config::new()
        .load(&[dir.join("a.zeek")])
        .unwrap();
    let warnings: Vec<_> = schema.entry_warnings().collect();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .contains("cannot find `@load base/frameworks/cluster`")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_api_for_the_derive() {
    let dir = write_case(
        "schema",
        &[
            (
                "app.zeek",
                "@load ./types\nmodule App;\nexport {\n## An alert.\ntype Alert: record {\n\
                 id: conn_id;\nreason: string;\nscore: double &optional;\nst: set[addr, port] &default=set();\n};\n\
                 global ping: event(msg: string, c: count);\n}\nredef enum Kind += { EXTRA };\n",
            ),
            ("types.zeek", "type Kind: enum { A, B = 5 };\n"),
        ],
    );
    let schema = zeekws_codegen::Schema::load(dir.join("app.zeek"), &[&dir]).unwrap();
    let alert = schema.record("App::Alert").unwrap();
    let fields: Vec<String> = alert
        .fields
        .iter()
        .map(|f| format!("{}: {}{}", f.name, f.ty, if f.optional { "?" } else { "" }))
        .collect();
    assert_eq!(
        fields,
        [
            "id: conn_id",
            "reason: string",
            "score: double?",
            "st: set[addr,port]"
        ]
    );
    assert_eq!(alert.doc, ["An alert."]);
    assert_eq!(alert.fields[1].location.line, 7);
    assert!(alert.fields[1].location.path.ends_with("app.zeek"));
    assert_eq!(schema.record("conn_id").unwrap().fields.len(), 6);
    let ping = schema.event("App::ping").unwrap();
    assert_eq!(ping.params.len(), 2);
    let kind = schema.enum_("Kind").unwrap();
    let values: Vec<(&str, u64, &str)> = kind
        .values
        .iter()
        .map(|v| (v.name.as_str(), v.value, v.module.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("A", 0, "GLOBAL"),
            ("B", 5, "GLOBAL"),
            ("App::EXTRA", 6, "App")
        ]
    );
    let files = schema.files();
    assert_eq!(files.len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// What `build.rs` shows when it returns the error with `?`: Rust prints `Error: {err:?}`,
/// which must be the rendered diagnostic, not a struct dump.
#[test]
fn debug_is_the_rendered_diagnostic_for_build_rs_question_mark() {
    let dir = write_case(
        "debug",
        &[("a.zeek", "module A;\ntype R: record {\n\tx count;\n};\n")],
    );
    let err = zeekws_codegen::Config::new()
        .zeek_path(&dir)
        .generate(&[dir.join("a.zeek")])
        .expect_err("expected an error");
    let _ = std::fs::remove_dir_all(&dir);
    let debug = format!("{err:?}");
    assert_eq!(debug, err.to_string());
    assert!(
        debug.starts_with("error: expected `:`, found `count`"),
        "{debug}"
    );
    assert!(
        debug.contains("a.zeek:3:4") && debug.contains("^^^^^"),
        "{debug}"
    );
    assert!(
        !debug.contains("Diagnostic {") && !debug.contains("rendered:"),
        "{debug}"
    );

    let missing = zeekws_codegen::Config::new()
        .generate(&["/nonexistent/zeekws/x.zeek"])
        .expect_err("a missing file");
    let debug = format!("{missing:?}");
    assert!(
        debug.starts_with("cannot access /nonexistent/zeekws/x.zeek: "),
        "{debug}"
    );
    assert!(!debug.contains("Os {"), "{debug}");
}

/// A layout that rests on an `@if` the scripts cannot decide is refused, naming the
/// directive and how to pin it; pinned, it generates. The `@ifdef` reaches through `@load`,
/// as base/protocols/quic's does for the `connection` record.
#[test]
fn a_layout_resting_on_a_guessed_condition_is_an_error() {
    let files: &[(&str, &str)] = &[
        (
            "a.zeek",
            "module A;\nexport { type R: record { x: count; }; }\n@ifdef ( Analyzer::ANALYZER_QUIC )\n@load ./quic\n@endif\n@if ( have_spicy() )\nglobal e: event(r: R);\n@else\nglobal e: event(r: R, n: count);\n@endif\n",
        ),
        (
            "quic.zeek",
            "module A;\nredef record R += { quic: string &optional; };\n",
        ),
    ];
    let msg = generate_err("guessed", files);
    assert!(
        msg.contains("error: the layout of record `A::R` rests on `@ifdef ( Analyzer::ANALYZER_QUIC )`, which the scripts cannot decide (field `quic` at "),
        "{msg}"
    );
    assert!(
        msg.contains("pin it with Config::defined(\"Analyzer::ANALYZER_QUIC\", true/false)"),
        "{msg}"
    );
    assert!(
        msg.contains("error: the arguments of event `A::e` rest on `@if ( have_spicy() )`")
            && msg.contains("Config::condition(\"have_spicy()\", true/false)"),
        "{msg}"
    );

    let dir = write_case("guessed-pinned", files);
    let code = zeekws_codegen::Config::new()
        .zeek_path(&dir)
        .defined("Analyzer::ANALYZER_QUIC", false)
        .condition("have_spicy()", false)
        .generate(&[dir.join("a.zeek")])
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!code.contains("quic"), "{code}");
    assert!(code.contains("pub n: u64"), "{code}");
}
