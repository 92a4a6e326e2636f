//! The contract with the running Zeek, checked at connect: the records, enums and events a
//! client was compiled with, compared with the layouts that Zeek itself reports.
//!
//! Sites load policy scripts that append fields to Zeek's own records, and versions move
//! layouts; a client built against other scripts than the production Zeek runs would
//! otherwise connect happily and misread the first event. With
//! [`ClientBuilder::verify_contract`](crate::client::ClientBuilder::verify_contract) the
//! client asks, right after the ack, for the layout of every record, enum and event its
//! types reach, and `connect()` fails with every difference listed (or warns, by
//! [`ContractPolicy`]).
//!
//! Zeek answers through [`SCRIPT`], a Zeek script that the site loads on the node serving
//! WebSocket clients: asked with `Zeekws::describe(reply_topic, records, enums, events)` on
//! [`TOPIC`], it publishes `Zeekws::described(zeek_version, layouts)` on `reply_topic`.
//! MockZeek answers the same request from what it was built with.
//!
//! ```
//! use zeekws_runtime::{Client, ZeekEvent, ZeekRecord, server::MockZeek};
//!
//! #[derive(ZeekRecord)]
//! #[zeek(name = "App::Inner")]
//! struct Inner { a: u64, b: Option<String> }
//!
//! #[derive(ZeekEvent)]
//! #[zeek(name = "App::seen")]
//! struct Seen { i: Inner, n: u64 }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::env::temp_dir().join(format!("zeekws-contract-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! # let script = dir.join("app.zeek");
//! // A Zeek whose scripts append a field to App::Inner.
//! std::fs::write(&script, "module App;\nexport {\n type Inner: record { a: count; b: string &optional; };\n global seen: event(i: Inner, n: count);\n}\nredef record Inner += { c: addr &optional; };\n")?;
//! let zeek = MockZeek::builder().script(&script)?.start().await?;
//! let err = Client::builder(zeek.url()).verify_contract::<Seen>().connect().await.unwrap_err();
//! assert!(err.to_string().contains(
//!     "App::Inner field 2: the running Zeek has `c: addr &optional`, this build has none; the record is not extensible"
//! ), "{err}");
//! # Ok(()) }
//! ```

mod compare;
pub mod type_name;

use std::fmt;
use std::time::Duration;

pub use compare::{Difference, Report, compare};

use crate::codec::{Layout, Layouts};

/// The Zeek script that answers contract requests; load it on the node that serves
/// WebSocket clients (`@load zeekws-contract.zeek` in `site/local.zeek`). Zeek 6.0 or newer.
pub const SCRIPT: &str = include_str!("zeekws-contract.zeek");

/// The topic the script listens on (`Zeekws::topic`, `&redef`).
pub const TOPIC: &str = "zeekws/contract";

/// The request event.
pub const DESCRIBE: &str = "Zeekws::describe";

/// The answer event.
pub const DESCRIBED: &str = "Zeekws::described";

/// How long `connect()` waits for the answer by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// What a failed or unanswered contract check does to `connect()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ContractPolicy {
    /// A difference fails `connect()`, and so does no answer (the script not loaded).
    #[default]
    Require,
    /// A difference fails `connect()`; no answer is logged as a warning and the connection
    /// goes on (for Zeeks that may not have the script yet).
    RequireIfAnswered,
    /// Differences and no answer are logged as warnings; `connect()` succeeds.
    Warn,
}

/// One record field as the running Zeek reports it (`Zeekws::Field`).
#[derive(zeekws_derive::ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(crate = "crate", name = "Zeekws::Field")]
pub struct FieldInfo {
    /// The field name.
    pub name: String,
    /// Its type as Zeek names it (`record conn_id`, `set[string]`).
    pub type_name: String,
    /// `&optional`.
    pub optional: bool,
}

/// One layout as the running Zeek reports it (`Zeekws::Layout`).
#[derive(zeekws_derive::ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(crate = "crate", name = "Zeekws::Layout")]
pub struct LayoutInfo {
    /// The name asked for.
    pub name: String,
    /// `record`, `enum`, `event` or `missing`.
    pub kind: String,
    /// A record's fields in order.
    pub fields: Vec<FieldInfo>,
    /// An enum's value names.
    pub values: Vec<String>,
    /// An event's type name, `event(rec:Conn::Info)`.
    pub signature: String,
}

/// `Zeekws::describe(reply_topic, records, enums, events)`.
#[derive(zeekws_derive::ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(crate = "crate", name = "Zeekws::describe")]
pub struct Describe {
    /// Where to publish the answer.
    pub reply_topic: String,
    /// Record type names.
    pub records: Vec<String>,
    /// Enum type names.
    pub enums: Vec<String>,
    /// Event names.
    pub events: Vec<String>,
}

impl Describe {
    /// The request for every record, enum and event in `layouts`.
    pub fn for_layouts(reply_topic: impl Into<String>, layouts: &Layouts) -> Describe {
        let mut d = Describe {
            reply_topic: reply_topic.into(),
            records: Vec::new(),
            enums: Vec::new(),
            events: Vec::new(),
        };
        for (name, layout) in layouts.iter() {
            let list = match layout {
                Layout::Record { .. } => &mut d.records,
                Layout::Enum { .. } => &mut d.enums,
                Layout::Event { .. } => &mut d.events,
            };
            list.push(name.to_owned());
        }
        d
    }
}

/// `Zeekws::described(zeek_version, layouts)`.
#[derive(zeekws_derive::ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(crate = "crate", name = "Zeekws::described")]
pub struct Described {
    /// The answering Zeek's version (`8.2.2`).
    pub zeek_version: String,
    /// One layout per name asked for.
    pub layouts: Vec<LayoutInfo>,
}

/// Why a contract check failed `connect()`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ContractError {
    /// The running Zeek lays out what this build uses differently.
    #[error("the running Zeek ({zeek_version}) does not match the types this client was built with:{}", list(.differences))]
    Mismatch {
        /// The Zeek's version.
        zeek_version: String,
        /// Every difference.
        differences: Vec<Difference>,
    },
    /// No answer: the contract script is not loaded on that Zeek.
    #[error(
        "no answer to the contract check within {after:?}: load the contract script on the Zeek node that serves WebSocket clients (write it with `zeekws contract-script > zeekws-contract.zeek`, or from zeekws_runtime::contract::SCRIPT, and add `@load /path/to/zeekws-contract.zeek` to site/local.zeek), or connect with ContractPolicy::RequireIfAnswered"
    )]
    NoAnswer {
        /// How long the client waited.
        after: Duration,
    },
}

fn list(differences: &[Difference]) -> String {
    let mut out = String::new();
    for d in differences {
        out.push_str("\n  ");
        out.push_str(&d.to_string());
    }
    out
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.differences {
            writeln!(f, "difference: {d}")?;
        }
        for c in &self.compatible {
            writeln!(f, "compatible: {c}")?;
        }
        Ok(())
    }
}
