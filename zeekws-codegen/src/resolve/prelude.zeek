##! The global types that user scripts commonly use, for generating code where no Zeek script
##! tree is available (no `-I` / `zeek_path` holding `base/init-bare.zeek`). Field layouts follow
##! Zeek 8.2. Written for zeekws-codegen; when a Zeek tree is given, its own declarations are
##! used instead.

## Transport-layer protocol of a port.
type transport_proto: enum { unknown_transport, tcp, udp, icmp };

## Context of a connection identifier; empty in Zeek itself, extended by policy scripts (e.g.
## VLAN-aware connection keys).
type conn_id_ctx: record { };

## A connection's 5-tuple plus context, as Zeek 8.2 sends it.
type conn_id: record {
	orig_h: addr &log;	##< Originator's address.
	orig_p: port &log;	##< Originator's port.
	resp_h: addr &log;	##< Responder's address.
	resp_p: port &log;	##< Responder's port.
	proto: count &default=65535;	##< Transport protocol number; 65535 when unknown.
	ctx: conn_id_ctx &log &default=conn_id_ctx();	##< Context the connection exists in.
};

type string_array: table[count] of string;
type string_any_table: table[string] of any;
type string_set: set[string];
type subnet_set: set[subnet];
type addr_set: set[addr];
type count_set: set[count];
type index_vec: vector of count;
type int_vec: vector of int;
type double_vec: vector of double;
type subnet_vec: vector of subnet;
type any_vec: vector of any;
type string_vec: vector of string;
type addr_vec: vector of addr;
type table_string_of_string: table[string] of string;
type table_string_of_count: table[string] of count;
type interval_set: set[interval];
