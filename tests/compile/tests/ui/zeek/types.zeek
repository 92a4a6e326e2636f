##! Loaded by alert.zeek: @load follows the schema's directory.
module App;

export {
	type Level: enum { LOW, HIGH };
}
