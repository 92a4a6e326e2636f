//! The generated types follow the Zeek declaration order, which is the wire order: build.rs
//! generates `inventory.rs` from examples/zeek/inventory.zeek and `inventory_reordered.rs`
//! from tests/zeek/inventory_reordered.zeek (the same fields, reordered), and the same
//! logical record encodes to positional vectors permuted accordingly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use zeekws_runtime::{Timestamp, Value, ZeekRecord, json};

// Only the records are used here; the events are exercised by the example.
#[allow(dead_code)]
mod original {
    zeekws_runtime::include_zeek!("inventory.rs");
}

#[allow(dead_code)]
mod reordered {
    zeekws_runtime::include_zeek!("inventory_reordered.rs");
}

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

const ORIGINAL: &str = "../examples/zeek/inventory.zeek";
const REORDERED: &str = "zeek/inventory_reordered.zeek";

/// The field names of `pub struct <name> {..}` in generated code, in order.
fn struct_fields(code: &str, name: &str) -> Vec<String> {
    let start = code
        .find(&format!("pub struct {name} {{"))
        .unwrap_or_else(|| panic!("no struct {name} in the generated code"));
    let body = &code[start..];
    let body = &body[..body.find("\n    }").expect("end of struct")];
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim().to_owned()))
        .filter(|n| !n.starts_with("struct"))
        .collect()
}

#[test]
fn the_copy_only_reorders() {
    let a = zeekws_codegen::Schema::load(manifest(ORIGINAL), &[] as &[&Path]).unwrap();
    let b = zeekws_codegen::Schema::load(manifest(REORDERED), &[] as &[&Path]).unwrap();
    for name in ["Inventory::Item", "Inventory::Location"] {
        let fields = |s: &zeekws_codegen::Schema| {
            let mut f: Vec<(String, String, bool)> = s
                .record(name)
                .unwrap()
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.ty.to_string(), f.optional))
                .collect();
            let order: Vec<String> = f.iter().map(|x| x.0.clone()).collect();
            f.sort();
            (order, f)
        };
        let ((order_a, set_a), (order_b, set_b)) = (fields(&a), fields(&b));
        assert_eq!(set_a, set_b, "{name}: the copy must hold the same fields");
        assert_ne!(order_a, order_b, "{name}: the copy must reorder them");
    }
}

#[test]
fn generated_structs_follow_the_declaration_order() {
    let gen_code = |rel: &str| {
        zeekws_codegen::Config::new()
            .generate(&[manifest(rel)])
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let (a, b) = (gen_code(ORIGINAL), gen_code(REORDERED));
    assert_eq!(
        struct_fields(&a, "Item"),
        [
            "sku", "status", "location", "price", "tags", "stock", "updated"
        ]
    );
    assert_eq!(
        struct_fields(&b, "Item"),
        [
            "updated", "sku", "price", "status", "stock", "location", "tags"
        ]
    );
    assert_eq!(struct_fields(&a, "Location"), ["site", "shelf"]);
    assert_eq!(struct_fields(&b, "Location"), ["shelf", "site"]);

    // The build.rs output is the same code.
    let names = |fields: &[(&str, zeekws_runtime::ZeekTypeName, bool)]| -> Vec<String> {
        fields.iter().map(|f| f.0.to_owned()).collect()
    };
    assert_eq!(
        names(<original::inventory::Item as ZeekRecord>::FIELDS),
        struct_fields(&a, "Item")
    );
    assert_eq!(
        names(<reordered::inventory::Item as ZeekRecord>::FIELDS),
        struct_fields(&b, "Item")
    );
}

fn items() -> (original::inventory::Item, reordered::inventory::Item) {
    let tags = BTreeSet::from(["fragile".to_owned()]);
    let stock = BTreeMap::from([("north".to_owned(), 3), ("south".to_owned(), 0)]);
    let updated = Timestamp::from_nanos(1_764_150_284_886_000_000);
    let a = original::inventory::Item {
        sku: "A-100".into(),
        status: original::inventory::Status::Low,
        location: original::inventory::Location {
            site: "north".into(),
            shelf: 12,
        },
        price: Some(9.5),
        tags: tags.clone(),
        stock: stock.clone(),
        updated,
    };
    let b = reordered::inventory::Item {
        sku: "A-100".into(),
        status: reordered::inventory::Status::Low,
        location: reordered::inventory::Location {
            site: "north".into(),
            shelf: 12,
        },
        price: Some(9.5),
        tags,
        stock,
        updated,
    };
    (a, b)
}

fn elements(v: &Value) -> &[Value] {
    match v {
        Value::Vector(items) => items,
        other => panic!("expected a vector, got {other}"),
    }
}

#[test]
fn the_same_record_is_a_permuted_vector_on_the_wire() {
    let (a, b) = items();
    let (ta, tb) = (json::to_string(&a), json::to_string(&b));
    assert_ne!(ta, tb, "the field order must show on the wire");
    let (va, vb) = (json::from_str(&ta).unwrap(), json::from_str(&tb).unwrap());
    let (ea, eb) = (elements(&va), elements(&vb));
    let fa = <original::inventory::Item as ZeekRecord>::FIELDS;
    let fb = <reordered::inventory::Item as ZeekRecord>::FIELDS;
    assert_eq!((ea.len(), eb.len()), (fa.len(), fb.len()));
    for (i, (name, _, _)) in fa.iter().enumerate() {
        let j = fb.iter().position(|f| f.0 == *name).unwrap();
        if *name == "location" {
            // The nested record is reordered too: [site, shelf] against [shelf, site].
            let (la, lb) = (elements(&ea[i]), elements(&eb[j]));
            assert_eq!((&la[0], &la[1]), (&lb[1], &lb[0]));
            assert_ne!(la, lb);
        } else {
            assert_eq!(
                ea[i], eb[j],
                "field {name}: index {i} in one, {j} in the other"
            );
        }
        println!("{name}: index {i} -> {j}");
    }
    // Positions that moved hold different values.
    assert_ne!(ea[0], eb[0]);

    // Each decodes its own form back.
    assert_eq!(json::from_str::<original::inventory::Item>(&ta).unwrap(), a);
    assert_eq!(
        json::from_str::<reordered::inventory::Item>(&tb).unwrap(),
        b
    );
}

#[test]
fn a_peer_with_the_other_order_is_refused_with_the_field_named() {
    let (a, _) = items();
    let text = json::to_string(&a);
    let err = json::from_str::<reordered::inventory::Item>(&text).unwrap_err();
    let msg = err.to_string();
    // Element 0 is `sku` (a string) where the reordered type expects `updated` (a time).
    assert!(msg.contains("updated"), "{msg}");
    assert!(msg.contains("time"), "{msg}");
}
