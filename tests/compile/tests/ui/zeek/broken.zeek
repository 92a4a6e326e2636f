##! A malformed script for tests/ui/schema_parse_error.rs.
module App;
export {
	type Alert: record {
		src: addr
		reason: string;
	};
}
