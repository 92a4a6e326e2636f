//! Rust types generated from a Zeek script, next to a hand-written struct the compiler checks
//! against the same script.
//!
//! `cargo run -p examples --example typed_codegen`
//!
//! - `build.rs` runs `zeekws_codegen::Config::new().compile(&["zeek/inventory.zeek"])`, which
//!   writes `$OUT_DIR/zeek_types.rs`; `zeekws_runtime::include_zeek!()` includes it below. The
//!   Zeek module `Inventory` becomes the Rust module `inventory`: records are structs in wire
//!   order (`&optional` fields are `Option`s), the enum has a catch-all variant, each event is
//!   a struct, and `Events` receives any of them.
//! - `Shelf` is written by hand with `#[zeek(schema = "zeek/inventory.zeek", name =
//!   "Inventory::Location")]`: if someone reorders, renames, retypes or removes a field of
//!   `Inventory::Location` in the script, this example stops compiling with an error at the
//!   field that no longer matches.

#[path = "common/report.rs"]
mod report;

use std::collections::{BTreeMap, BTreeSet};

use zeekws_runtime::{Timestamp, Value, ZeekRecord, json};

/// The generated types (see `build.rs`).
mod zeek {
    zeekws_runtime::include_zeek!();
}

use zeek::inventory::{Events, Item, ItemUpdated, Location, LowStock, Status};

/// A hand-written record checked against the script at compile time: same names, order,
/// types and optionality as `Inventory::Location`. `u32` is fine for a `count` (it is
/// range-checked when decoding).
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(schema = "zeek/inventory.zeek", name = "Inventory::Location")]
struct Shelf {
    site: String,
    shelf: u32,
}

fn main() -> std::process::ExitCode {
    report::exit(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let item = Item {
        sku: "A-100".into(),
        status: Status::Low,
        location: Location {
            site: "north".into(),
            shelf: 12,
        },
        price: None,
        tags: BTreeSet::from(["fragile".to_string(), "red".to_string()]),
        stock: BTreeMap::from([("north".to_string(), 3), ("south".to_string(), 0)]),
        updated: Timestamp::from_nanos(1_764_150_284_886_000_000),
    };

    // A record is a positional vector: one element per field, in the script's order; the
    // unset `&optional` price travels as `none`.
    println!(
        "Inventory::Item as Broker JSON:\n  {}\n",
        json::to_string(&item)
    );

    // Events: encode a whole data-message for a topic, then decode it back through the
    // generated `Events` enum, which dispatches on the event name.
    let frames = [
        json::encode_event("inventory", &ItemUpdated { item: item.clone() }),
        json::encode_event(
            "inventory",
            &LowStock {
                site: "north".into(),
                below: 5,
            },
        ),
    ];
    for frame in &frames {
        println!("sent:    {frame}");
        let (topic, event): (String, Events) = json::decode_event(frame)?.into_parts()?;
        match event {
            Events::ItemUpdated(ItemUpdated { item: got }) => {
                println!(
                    "decoded: Inventory::item_updated on {topic:?}: {} is {:?} at {}/{}, price {:?}",
                    got.sku, got.status, got.location.site, got.location.shelf, got.price
                );
                assert_eq!(got, item);
            }
            Events::LowStock(q) => {
                println!(
                    "decoded: Inventory::low_stock on {topic:?}: site {} below {}",
                    q.site, q.below
                );
            }
            Events::Other(ev) => println!("decoded: some other event {}", ev.name),
        }
        println!();
    }

    // An event this code does not know still decodes, dynamically.
    let unknown = json::encode_event(
        "inventory",
        &zeekws_runtime::protocol::Event::new("Inventory::audit", [Value::Count(1)]),
    );
    if let (_, Events::Other(ev)) = json::decode_event::<Events>(&unknown)?.into_parts()? {
        println!(
            "an unknown event arrives as Events::Other: {}({:?})\n",
            ev.name, ev.args
        );
    }

    // The checked hand-written struct and the generated one share the wire form.
    let shelf = Shelf {
        site: "north".into(),
        shelf: 12,
    };
    let text = json::to_string(&shelf);
    let as_generated: Location = json::from_str(&text)?;
    println!("Shelf (hand-written, schema-checked) as Broker JSON:\n  {text}");
    println!("decoded as the generated inventory::Location: {as_generated:?}");
    assert_eq!(as_generated, item.location);
    Ok(())
}
