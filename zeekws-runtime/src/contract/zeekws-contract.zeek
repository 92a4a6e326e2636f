##! zeekws contract: tells WebSocket clients how this Zeek lays out the records, enums and
##! events they name, so that a client can compare the types it was compiled with before it
##! decodes anything (zeekws' ClientBuilder::verify_contract).
##!
##! Load it on the node that serves WebSocket clients, for example from site/local.zeek:
##!
##!     @load /path/to/zeekws-contract.zeek
##!
##! (`zeekws contract-script > zeekws-contract.zeek` writes this file.) As for any WebSocket
##! client that subscribes, a cluster backend must be loaded on Zeek 8. Zeek 6.0 or newer:
##! older versions do not say whether a record field is &optional.

@load base/misc/version
@load base/frameworks/cluster

module Zeekws;

export {
	## The topic on which this node answers describe requests.
	const topic = "zeekws/contract" &redef;

	## One record field: its name, its type as Zeek names it, and whether it is &optional.
	type Field: record {
		name: string;
		type_name: string;
		optional: bool;
	};

	## The layout of one record, enum or event.
	type Layout: record {
		## The name that was asked for.
		name: string;
		## "record", "enum", "event", or "missing" when this Zeek has no such name.
		kind: string;
		## A record's fields in declaration order (redefs included).
		fields: vector of Field;
		## An enum's value names (in no particular order).
		values: vector of string;
		## An event's type as Zeek names it, such as "event(rec:Conn::Info)".
		signature: string;
	};

	## Asks for the layouts of the named records, enums and events; the answer is one
	## described event published on reply_topic.
	global describe: event(reply_topic: string, records: vector of string,
	                       enums: vector of string, events: vector of string);

	## The answer: this Zeek's version and one layout per name asked for, in order.
	global described: event(zeek_version: string, layouts: vector of Layout);
}

function missing(name: string): Layout
	{
	local no_fields: vector of Field = vector();
	local no_values: vector of string = vector();
	return Layout($name=name, $kind="missing", $fields=no_fields, $values=no_values,
	              $signature="");
	}

# The client says which names it expects to be records and which enums, so a declared name
# is taken as that kind; record_fields and enum_names report on the rest.
function record_layout(name: string, ids: id_table): Layout
	{
	local l = missing(name);
	if ( name !in ids )
		return l;
	l$kind = "record";
	local fields = record_fields(name);
	for ( field_name in fields )
		{
		local f = fields[field_name];
		l$fields[|l$fields|] = Field($name=field_name, $type_name=f$type_name,
		                             $optional=f$optional);
		}
	return l;
	}

function enum_layout(name: string, ids: id_table): Layout
	{
	local l = missing(name);
	if ( name !in ids )
		return l;
	l$kind = "enum";
	for ( value_name in enum_names(name) )
		l$values[|l$values|] = value_name;
	return l;
	}

function event_layout(name: string, ids: id_table): Layout
	{
	local l = missing(name);
	if ( name !in ids || /^event/ !in ids[name]$type_name )
		return l;
	l$kind = "event";
	l$signature = ids[name]$type_name;
	return l;
	}

event zeek_init()
	{
@if ( Version::at_least("7.1") )
	Cluster::subscribe(topic);
@else
	Broker::subscribe(topic);
@endif
	}

event describe(reply_topic: string, records: vector of string, enums: vector of string,
               events: vector of string)
	{
	local ids = global_ids();
	local layouts: vector of Layout = vector();
	for ( i in records )
		layouts[|layouts|] = record_layout(records[i], ids);
	for ( i in enums )
		layouts[|layouts|] = enum_layout(enums[i], ids);
	for ( i in events )
		layouts[|layouts|] = event_layout(events[i], ids);
@if ( Version::at_least("7.1") )
	Cluster::publish(reply_topic, described, zeek_version(), layouts);
@else
	Broker::publish(reply_topic, described, zeek_version(), layouts);
@endif
	}
