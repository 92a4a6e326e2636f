##! The script behind the DESIGN.md example: an alert about a connection.
module App;

export {
	type Alert: record {
		id: conn_id;
		reason: string;
		score: double &optional;
	};

	global hello: event(n: count);
	global alert: event(a: Alert);
}
