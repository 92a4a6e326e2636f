##! A copy of examples/zeek/inventory.zeek with the fields of `Location` and `Item` in another
##! order (same names, types and attributes). tests/tests/codegen_order.rs shows that the
##! generated types follow the declaration order on the wire.

module Inventory;

export {
	## Where an item is kept.
	type Location: record {
		shelf: count;	##< Shelf number.
		site: string;	##< Warehouse name.
	};

	## How much of an item is left.
	type Status: enum { IN_STOCK, LOW, SOLD_OUT };

	## One stock item.
	type Item: record {
		updated: time;
		sku: string;
		price: double &optional;	##< Unset when the item has no list price.
		status: Status;
		stock: table[string] of count;	##< Units per warehouse.
		location: Location;	##< A nested record travels as a nested vector.
		tags: set[string];
	};

	## An item was added or changed.
	global item_updated: event(item: Item);
	## Asks for the items at `site` with fewer than `below` units.
	global low_stock: event(site: string, below: count);
}
