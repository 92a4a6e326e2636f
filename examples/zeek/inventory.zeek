##! A small inventory service's events, for the typed_codegen example: build.rs generates
##! Rust types from this file with zeekws-codegen, and the example also checks a hand-written
##! struct against it with #[zeek(schema = "zeek/inventory.zeek")].

module Inventory;

export {
	## Where an item is kept.
	type Location: record {
		site: string;	##< Warehouse name.
		shelf: count;	##< Shelf number.
	};

	## How much of an item is left.
	type Status: enum { IN_STOCK, LOW, SOLD_OUT };

	## One stock item.
	type Item: record {
		sku: string;
		status: Status;
		location: Location;	##< A nested record travels as a nested vector.
		price: double &optional;	##< Unset when the item has no list price.
		tags: set[string];
		stock: table[string] of count;	##< Units per warehouse.
		updated: time;
	};

	## An item was added or changed.
	global item_updated: event(item: Item);
	## Asks for the items at `site` with fewer than `below` units.
	global low_stock: event(site: string, below: count);
}
