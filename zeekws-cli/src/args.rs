//! The command line: every subcommand, its options, help text and examples.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit status: 0 success, 1 error, 2 usage error, 3 a breaking change \
(check) or a contract mismatch was found.";

/// Zeek's WebSocket API (/v1/messages/json) from the command line, with record field names.
#[derive(Parser, Debug)]
#[command(name = "zeekws", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// More output on stderr (-v: connections and counts, -vv: every frame).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Handshake with a Zeek WebSocket endpoint and print its ack and the round-trip time.
    #[command(
        after_help = "Example:\n  zeekws ping ws://127.0.0.1:27759/v1/messages/json\n  \
        ack from zeek-websocket-0 (Zeek 8.2.2) in 1.8 ms"
    )]
    Ping(PingArgs),
    /// Print every event on the given topics, one line each (JSON lines by default).
    #[command(after_help = "Examples:\n  \
        zeekws tail ws://127.0.0.1:27759/v1/messages/json -t zeek/logs --schema app.zeek\n  \
        zeekws tail URL -t zeek. --format zeek --count 10\n  \
        zeekws tail URL -t zeek/ | jq .args")]
    Tail(TailArgs),
    /// Publish one event, its arguments in Zeek's literal syntax.
    #[command(after_help = "Examples:\n  \
        zeekws publish URL /topic/test App::ping '\"hi\"' 41\n  \
        zeekws publish URL /topic/test App::seen '[$a=1, $b=\"x\"]' GREEN --schema app.zeek\n  \
        echo 'App::ping(\"hi\", 41)' | zeekws publish URL /topic/test --stdin\n\n\
        Literals: 10.0.0.1, [2001:db8::1], 80/tcp, 10.0.0.0/8, 1.5 secs, 3 mins, T, F, \"text\", \
        42 (count), +3 / -3 (int), 4.0 (double), [$a=1, $b=\"x\"] (record), set(1, 2), \
        table([\"k\"] = 1), vector(1, 2), App::RED (enum), /re/ (pattern).")]
    Publish(PublishArgs),
    /// Connect out to a remote WebSocket API and relay it to a Zeek, as Zeek's docs do with a
    /// websocat loop.
    #[command(after_help = "Example:\n  \
        zeekws bridge ws://127.0.0.1:27759/v1/messages/json ws://api.example:8080/zeek\n\n\
        The remote's first message is the topic array; it is sent to Zeek as the subscription, \
        Zeek's ack goes back, then text frames are relayed both ways. Either side that drops \
        is reconnected with backoff and the topic array is replayed to Zeek.")]
    Bridge(BridgeArgs),
    /// Run a Zeek imitation that serves the events of .zeek scripts, checking published
    /// arguments as Zeek 8 does.
    #[command(after_help = "Example:\n  \
        zeekws serve --script app.zeek --listen 127.0.0.1:27759 \\\n      \
        --ping-pong App::ping,App::pong,/test/pongs --tick zeek.test,App::hello")]
    Serve(ServeArgs),
    /// Generate Rust types from .zeek scripts (what build.rs does with zeekws-codegen).
    #[command(
        after_help = "Example:\n  zeekws gen zeek/app.zeek -I /usr/local/zeek/share/zeek -o src/zeek_types.rs"
    )]
    Gen(GenArgs),
    /// Compare two versions of a schema and report breaking and compatible changes.
    #[command(after_help = "Example (CI):\n  \
        git show main:zeek/app.zeek > old.zeek && zeekws check old.zeek zeek/app.zeek\n\n\
        Exits 3 when a change breaks readers: a field reordered, retyped, removed or inserted \
        before the end, &optional dropped or added, an enum value removed, an event's arguments \
        changed. Appended &optional fields, new enum values and new types are compatible.")]
    Check(CheckArgs),
    /// Check that a running Zeek lays out a script's records, enums and events as declared
    /// (the check `verify_contract` runs at connect).
    #[command(after_help = "Example:\n  \
        zeekws contract ws://127.0.0.1:27759/v1/messages/json --schema app.zeek --type App::seen\n\n\
        The Zeek must load the contract script (see `zeekws contract-script`). Exits 3 when \
        the running Zeek differs, listing every difference.")]
    Contract(ContractArgs),
    /// Print the Zeek script that answers contract checks; load it on the node that serves
    /// WebSocket clients.
    #[command(after_help = "Example:\n  \
        zeekws contract-script > /usr/local/zeek/share/zeek/site/zeekws-contract.zeek\n  \
        echo '@load zeekws-contract' >> /usr/local/zeek/share/zeek/site/local.zeek")]
    ContractScript,
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  zeekws completions bash > ~/.local/share/bash-completion/completions/zeekws"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Options for connecting to a WebSocket endpoint.
#[derive(Args, Debug, Clone)]
pub struct ConnectArgs {
    /// X-Application-Name to send.
    #[arg(long = "app-name", value_name = "NAME", default_value = "zeekws")]
    pub app_name: String,
    /// Give up when the connection or the ack takes longer (e.g. 5s, 500ms).
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Trust the CA certificate(s) in this PEM file (wss:// with a private CA).
    #[arg(long, value_name = "PEM")]
    pub ca: Option<PathBuf>,
    /// Present this client certificate chain (PEM; needs --key).
    #[arg(long, value_name = "PEM", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(long, value_name = "PEM", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Accept any server certificate (tests only).
    #[arg(long)]
    pub insecure: bool,
}

/// `--schema FILE... -I DIR`: declarations that name arguments and fields.
#[derive(Args, Debug, Clone, Default)]
pub struct SchemaArgs {
    /// A .zeek script whose events and types name the arguments and fields (repeatable).
    #[arg(long = "schema", value_name = "FILE")]
    pub schema: Vec<PathBuf>,
    /// Where @load looks, like ZEEKPATH (repeatable; e.g. an installed share/zeek).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PingArgs {
    /// ws:// or wss:// URL of the endpoint.
    pub url: String,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// How `tail` prints an event.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Json,
    /// Indented JSON.
    Pretty,
    /// Zeek's literal syntax: `Conn::log_conn([$ts=..., $uid="C..."])`.
    Zeek,
}

#[derive(Args, Debug)]
pub struct TailArgs {
    /// ws:// or wss:// URL of the endpoint.
    pub url: String,
    /// Topic prefix to subscribe to (repeatable, at least one; `zeek.` takes `zeek.test` too).
    #[arg(short, long = "topic", value_name = "TOPIC", required = true)]
    pub topics: Vec<String>,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Print frames as received, undecoded.
    #[arg(long, conflicts_with = "format")]
    pub raw: bool,
    /// Stop after N events.
    #[arg(short = 'n', long, value_name = "N")]
    pub count: Option<u64>,
    /// Stop when nothing arrives for this long (e.g. 10s).
    #[arg(long = "idle", value_name = "DURATION", value_parser = parse_duration)]
    pub idle: Option<Duration>,
    /// Exit when the connection drops instead of reconnecting.
    #[arg(long)]
    pub no_reconnect: bool,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Args, Debug)]
pub struct PublishArgs {
    /// ws:// or wss:// URL of the endpoint.
    pub url: String,
    /// The topic to publish on.
    pub topic: String,
    /// The event name (not with --stdin).
    #[arg(required_unless_present = "stdin")]
    pub event: Option<String>,
    /// The arguments, one Zeek literal each (with --json: one Broker JSON value each).
    #[arg(allow_negative_numbers = true)]
    pub args: Vec<String>,
    /// Arguments are Broker JSON values ({"@data-type":"count","data":1}).
    #[arg(long)]
    pub json: bool,
    /// Read events from stdin, one call per line: App::ping("hi", 41).
    #[arg(long, conflicts_with_all = ["event", "json"])]
    pub stdin: bool,
    /// How long to wait for Zeek to refuse an event after sending (e.g. 300ms).
    #[arg(long, value_name = "DURATION", default_value = "300ms", value_parser = parse_duration)]
    pub wait: Duration,
    #[command(flatten)]
    pub schema: SchemaArgs,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Args, Debug)]
pub struct BridgeArgs {
    /// The Zeek WebSocket API to connect to.
    pub zeek_url: String,
    /// The remote WebSocket application to connect out to.
    pub remote_url: String,
    /// Stop after this many connections to the remote (default: run until Ctrl-C).
    #[arg(long, value_name = "N")]
    pub sessions: Option<u64>,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:27759")]
    pub listen: SocketAddr,
    /// Zeek scripts whose events and types clients may use (repeatable).
    #[arg(long = "script", value_name = "FILE")]
    pub scripts: Vec<PathBuf>,
    /// Where @load looks, like ZEEKPATH (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// PING,PONG,TOPIC: answer ping(msg, c) with pong(msg, c + 1) on TOPIC.
    #[arg(long = "ping-pong", value_name = "PING,PONG,TOPIC")]
    pub ping_pong: Option<String>,
    /// TOPIC,EVENT: publish EVENT(n) with n = 1, 2, ... on TOPIC every --interval.
    #[arg(long, value_name = "TOPIC,EVENT")]
    pub tick: Option<String>,
    /// Interval of --tick.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub interval: Duration,
    /// Accept events no script declares.
    #[arg(long)]
    pub accept_unknown: bool,
    /// Add network-timestamp metadata to the events it publishes.
    #[arg(long)]
    pub network_timestamps: bool,
    /// Serve wss:// with this certificate chain (PEM; needs --tls-key).
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Admit only clients with a certificate from this CA (PEM; mutual TLS).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct GenArgs {
    /// The .zeek scripts to generate types for.
    #[arg(required_unless_present_any = ["load", "zeek"])]
    pub files: Vec<PathBuf>,
    /// An installed Zeek (its prefix or share/zeek): search it as Zeek does, load its
    /// start-up scripts, and take Zeek's own types from it.
    #[arg(long, value_name = "DIR")]
    pub zeek: Option<PathBuf>,
    /// Load a script as `@load` names it (`site/local`,
    /// `policy/protocols/conn/community-id-logging`), repeatable.
    #[arg(long = "load", value_name = "SCRIPT")]
    pub load: Vec<String>,
    /// Emit only this record, enum or alias and what it uses (repeatable).
    #[arg(long = "type", value_name = "NAME")]
    pub types: Vec<String>,
    /// Emit only this event and what its arguments use (repeatable).
    #[arg(long = "event", value_name = "NAME")]
    pub events: Vec<String>,
    /// Emit every record, enum, alias and event the load yields.
    #[arg(long, conflicts_with_all = ["types", "events"])]
    pub all: bool,
    /// Where @load looks, like ZEEKPATH (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Write the code to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use an existing Rust type for a Zeek type: ZEEK_NAME=RUST_PATH (repeatable).
    #[arg(long = "extern", value_name = "ZEEK=RUST")]
    pub externs: Vec<String>,
    /// Pin an @if condition: EXPR=true|false (repeatable).
    #[arg(long = "condition", value_name = "EXPR=BOOL")]
    pub conditions: Vec<String>,
    /// Pin whether a name counts as defined for @ifdef/@ifndef: NAME=true|false (repeatable).
    #[arg(long = "defined", value_name = "NAME=BOOL")]
    pub defined: Vec<String>,
    /// Of a Zeek tree, load only base/init-bare.zeek (like `zeek -b`).
    #[arg(short = 'b', long)]
    pub bare: bool,
    /// Show warnings about every script read, not only the given files.
    #[arg(long = "all-warnings")]
    pub all_warnings: bool,
}

#[derive(Args, Debug)]
pub struct ContractArgs {
    /// ws:// or wss:// URL of the Zeek endpoint.
    pub url: String,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Check only these records, enums and events, and what they reach (repeatable;
    /// default: everything the --schema files declare).
    #[arg(long = "type", value_name = "NAME")]
    pub types: Vec<String>,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// How `check` reports.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// One line per change.
    Text,
    /// One JSON object per change, in an array.
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The old schema: a .zeek file or a directory of them.
    pub old: PathBuf,
    /// The new schema: a .zeek file or a directory of them.
    pub new: PathBuf,
    /// Where @load looks, for both (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Compare only these records, enums and events (repeatable; default: all of OLD's).
    #[arg(long = "type", value_name = "NAME")]
    pub types: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// `5s`, `500ms`, `2min`, `1.5s`: a Zeek-style timespan.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = zeekws_runtime::Timespan::parse(s).map_err(|e| e.to_string())?;
    u64::try_from(t.as_nanos())
        .map(Duration::from_nanos)
        .map_err(|_| format!("{s:?} is negative"))
}
