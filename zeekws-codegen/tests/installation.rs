//! Generating Zeek's own events from an installed Zeek: the search path Zeek uses, entry
//! scripts named as `@load` names them, `.types`/`.events`/`.emit_all` choosing what is
//! emitted, and the layout the load yields (policy scripts appending fields). Runs over a
//! small installation written to a temporary directory, shaped like `<prefix>/share/zeek`.

#![cfg(feature = "emit")]

use std::path::PathBuf;

struct Install(PathBuf);

impl Drop for Install {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn install(name: &str) -> Install {
    let prefix = std::env::temp_dir().join(format!("zeekws-install-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&prefix);
    let share = prefix.join("share/zeek");
    let files = [
        (
            "base/init-bare.zeek",
            "@load base/bif/event.bif\ntype transport_proto: enum { unknown_transport, tcp, udp, icmp };\ntype conn_id_ctx: record { };\ntype conn_id: record { orig_h: addr; orig_p: port; resp_h: addr; resp_p: port; proto: count &default = 65535; ctx: conn_id_ctx &default = conn_id_ctx(); };\ntype connection: record { id: conn_id; uid: string; };\n",
        ),
        (
            "base/bif/event.bif.zeek",
            "global connection_state_remove: event(c: connection);\n",
        ),
        ("base/init-frameworks-and-bifs.zeek", ""),
        ("base/init-default.zeek", "@load base/protocols/conn\n"),
        (
            "base/protocols/conn/__load__.zeek",
            "module Conn;\nexport {\n\ttype Info: record { ts: time; uid: string; id: conn_id; proto: transport_proto; service: string &optional; };\n\tglobal log_conn: event(rec: Info);\n}\nredef record connection += { conn: Info &optional; };\n",
        ),
        (
            "policy/protocols/conn/community-id-logging.zeek",
            "module Conn;\nredef record Info += { community_id: string &optional; };\n",
        ),
        (
            "site/local.zeek",
            "@load protocols/conn/community-id-logging\n",
        ),
    ];
    for (path, text) in files {
        let p = share.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    Install(prefix)
}

#[test]
fn zeeks_own_events_in_the_layout_the_site_loads() {
    let zeek = install("events");
    let code = zeekws_codegen::Config::new()
        .zeek_installation(&zeek.0)
        .events(["Conn::log_conn", "connection_state_remove"])
        .generate(&["site/local"])
        .unwrap_or_else(|e| panic!("{e}"));
    // The policy script's appended field is in Conn::Info, after the base fields.
    let info = &code[code.find("pub struct Info {").expect("Conn::Info")..];
    let info = &info[..info.find('}').unwrap()];
    let fields: Vec<&str> = info
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub ")
                .and_then(|l| l.split(':').next())
        })
        .collect();
    assert_eq!(
        fields,
        ["ts", "uid", "id", "proto", "service", "community_id"],
        "{info}"
    );
    // connection_state_remove with its full connection record (conn appended by base).
    assert!(
        code.contains("#[zeek(name = \"connection_state_remove\")]"),
        "{code}"
    );
    assert!(code.contains("pub struct Connection {"), "{code}");
    assert!(
        code.contains("pub conn: ::core::option::Option<conn::Info>"),
        "{code}"
    );
    // Only what was asked for and what it reaches: not every event of the tree.
    assert!(!code.contains("pub enum TransportProtoX"));
}

#[test]
fn types_emit_all_and_unknown_names() {
    let zeek = install("types");
    let code = zeekws_codegen::Config::new()
        .zeek_installation(zeek.0.join("share/zeek"))
        .types(["conn_id"])
        .generate(&["site/local"])
        .unwrap();
    assert!(
        code.contains("pub struct ConnId {") && code.contains("pub struct ConnIdCtx {}"),
        "{code}"
    );
    assert!(!code.contains("pub struct Info {"), "{code}");

    let all = zeekws_codegen::Config::new()
        .zeek_installation(&zeek.0)
        .emit_all(true)
        .generate(&["site/local"])
        .unwrap();
    for item in [
        "pub struct Info {",
        "pub struct Connection {",
        "pub enum TransportProto {",
        "connection_state_remove",
    ] {
        assert!(all.contains(item), "{item}");
    }

    let err = zeekws_codegen::Config::new()
        .zeek_installation(&zeek.0)
        .events(["HTTP::log_http"])
        .generate(&["site/local"])
        .unwrap_err();
    assert_eq!(
        err.to_string().lines().next().unwrap(),
        "error: not declared by the loaded scripts: HTTP::log_http (is the script that declares it loaded?)"
    );
}

#[test]
fn a_zeekpath_list() {
    let zeek = install("list");
    let share = zeek.0.join("share/zeek");
    let list = format!(
        "{}:{}:{}",
        share.display(),
        share.join("policy").display(),
        share.join("site").display()
    );
    let mut config = zeekws_codegen::Config::new();
    config.zeek_path_list(&list);
    // `local` is found through the list's site directory, as Zeek finds it.
    let schema = config.load(&["local"]).unwrap();
    assert_eq!(schema.record("Conn::Info").unwrap().fields.len(), 6);
}

/// What depends on how Zeek was built (Spicy, compiled-in analyzers) is asked of the
/// installation's own `bin/zeek`; without one, a layout resting on it is an error.
#[cfg(unix)]
#[test]
fn build_dependent_conditions_come_from_the_installations_zeek() {
    use std::os::unix::fs::PermissionsExt;
    let zeek = install("ask");
    let share = zeek.0.join("share/zeek");
    std::fs::write(
        share.join("base/init-default.zeek"),
        "@load base/protocols/conn\n@ifdef ( Analyzer::ANALYZER_QUIC )\n@load base/protocols/quic\n@endif\n@if ( have_spicy() )\nredef record connection += { spicy: count &optional; };\n@endif\n",
    )
    .unwrap();
    std::fs::create_dir_all(share.join("base/protocols/quic")).unwrap();
    std::fs::write(
        share.join("base/protocols/quic/__load__.zeek"),
        "redef record connection += { quic: string &optional; };\n",
    )
    .unwrap();
    let generate = || {
        zeekws_codegen::Config::new()
            .zeek_installation(&zeek.0)
            .events(["connection_state_remove"])
            .generate(&["site/local"])
    };
    // No bin/zeek: both guesses change `connection`, so generation stops and says so.
    let err = generate().unwrap_err().to_string();
    assert!(
        err.contains("rests on `@ifdef ( Analyzer::ANALYZER_QUIC )`"),
        "{err}"
    );

    // A zeek that was built without Spicy and without the QUIC analyzer.
    let bin = zeek.0.join("bin/zeek");
    std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
    std::fs::write(
        &bin,
        "#!/bin/sh\necho have_spicy=F\necho have_spicy_analyzers=F\necho tag=Analyzer::ANALYZER_HTTP\n",
    )
    .unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let code = generate().unwrap_or_else(|e| panic!("{e}"));
    let conn = &code[code.find("pub struct Connection {").unwrap()..];
    let conn = &conn[..conn.find('}').unwrap()];
    assert!(!conn.contains("quic") && !conn.contains("spicy"), "{conn}");
}
