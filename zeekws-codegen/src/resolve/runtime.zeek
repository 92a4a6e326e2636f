##! Enum types that Zeek creates at start-up from its plugin components (ComponentManager), so no
##! script declares them. Their values depend on the plugins built in; generated Rust enums keep
##! unknown values in their catch-all variant. Written for zeekws-codegen.

module Analyzer;
export {
	## Protocol analyzer tags (ANALYZER_*), created at run time.
	type Tag: enum { };
}

module AllAnalyzers;
export {
	## Tags of every kind of analyzer, created at run time.
	type Tag: enum { };
}

module Files;
export {
	## File analyzer tags, created at run time.
	type Tag: enum { };
}

module PacketAnalyzer;
export {
	## Packet analyzer tags, created at run time.
	type Tag: enum { };
}

module Input;
export {
	## Input reader tags, created at run time.
	type Reader: enum { };
}

module Log;
export {
	## Log writer tags, created at run time.
	type Writer: enum { };
}

module Cluster;
export {
	## Cluster backend tags, created at run time.
	type BackendTag: enum { };
	## Cluster event serializer tags, created at run time.
	type EventSerializerTag: enum { };
	## Cluster log serializer tags, created at run time.
	type LogSerializerTag: enum { };
}

module Storage;
export {
	## Storage backend tags, created at run time.
	type Backend: enum { };
	## Storage serializer tags, created at run time.
	type Serializer: enum { };
}

module GLOBAL;
