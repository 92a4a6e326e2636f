##! Fixture for the #[zeek(schema = ..)] compile tests: tests/ui/schema_*.rs and
##! tests/pass/schema_match.rs name it as "zeek/alert.zeek" (see tests/ui.rs for why that
##! path works from trybuild's generated crate).
@load ./types

module App;

export {
	type Alert: record {
		src: addr;
		reason: string;
		score: double &optional;
		level: Level &default=LOW;
		tags: string_set &optional;
	};

	type Seen: record {
		id: conn_id;
		alert: Alert;
		counts: table[count, string] of count;
		history: vector of interval;
		extra: any &optional;
		raw: vector of Alert;
	};

	global ping: event(msg: string, n: count);
}
