//! [`Event`]: a Zeek event with dynamic arguments.

use crate::codec::{ZeekDecode, ZeekEvent};
use crate::time::Timestamp;
use crate::value::{DataType, Value};
use crate::wire::{Context, DecodeError, ErrorKind, Reader, Writer};

/// Metadata id of the network timestamp (`EventMetadata::NETWORK_TIMESTAMP`).
pub const NETWORK_TIMESTAMP: u64 = 1;

/// A Zeek event as it travels: `[1, 1, [name, [args...], metadata?]]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// The event name as Zeek declares it, possibly qualified (`"App::ping"`).
    pub name: String,
    /// The arguments in declaration order.
    pub args: Vec<Value>,
    /// `[id, value]` metadata entries; `None` when the content had no metadata slot (Zeek 5,
    /// Zeek >= 8.1 without metadata), `Some(vec![])` for the empty vector Zeek 8.0 sends.
    pub metadata: Option<Vec<(u64, Value)>>,
}

impl Event {
    /// An event without metadata.
    pub fn new(name: impl Into<String>, args: impl IntoIterator<Item = Value>) -> Self {
        Event {
            name: name.into(),
            args: args.into_iter().collect(),
            metadata: None,
        }
    }

    /// Adds (or replaces) the network timestamp metadata (id 1), which Zeek 6+ honours as the
    /// event's network time.
    pub fn with_network_timestamp(mut self, ts: Timestamp) -> Self {
        let meta = self.metadata.get_or_insert_with(Vec::new);
        meta.retain(|(id, _)| *id != NETWORK_TIMESTAMP);
        meta.push((NETWORK_TIMESTAMP, Value::Timestamp(ts)));
        self
    }

    /// The network timestamp from metadata id 1, if present and a timestamp.
    pub fn network_timestamp(&self) -> Option<Timestamp> {
        self.metadata
            .as_deref()?
            .iter()
            .find(|(id, _)| *id == NETWORK_TIMESTAMP)
            .and_then(|(_, v)| v.as_timestamp())
    }
}

impl ZeekEvent for Event {
    const EVENT_NAMES: &'static [&'static str] = &[];
    const ACCEPTS_ANY: bool = true;
    const WANTS_METADATA: bool = true;

    fn event_name(&self) -> &str {
        &self.name
    }

    fn encode_args(&self, w: &mut Writer) {
        crate::codec::ZeekType::encode(&self.args, w);
    }

    fn metadata(&self) -> Option<&[(u64, Value)]> {
        self.metadata.as_deref()
    }

    fn decode_args(name: &str, r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(Event {
            name: name.to_owned(),
            args: Vec::<Value>::decode(r)?,
            metadata: None,
        })
    }

    fn set_metadata(&mut self, metadata: Vec<(u64, Value)>) {
        self.metadata = Some(metadata);
    }
}

/// Writes the event envelope `[1, 1, [name, args, metadata?]]` as a vector value object.
pub(crate) fn write_event<E: ZeekEvent>(w: &mut Writer, event: &E) {
    w.raw(
        b"{\"@data-type\":\"vector\",\"data\":[{\"@data-type\":\"count\",\"data\":1},\
          {\"@data-type\":\"count\",\"data\":1},{\"@data-type\":\"vector\",\"data\":[",
    );
    w.string(event.event_name());
    w.comma();
    event.encode_args(w);
    if let Some(meta) = event.metadata() {
        w.comma();
        crate::codec::ZeekType::encode(meta, w);
    }
    w.raw(b"]}]}");
}

fn not_event(r: &Reader<'_>, what: impl Into<String>) -> DecodeError {
    r.error(ErrorKind::NotAnEvent(what.into()))
}

/// Reads a `count 1` header element.
fn header(r: &mut Reader<'_>, what: &str) -> Result<(), DecodeError> {
    let frame = r.begin_value()?;
    if frame.tag() != DataType::Count {
        return Err(not_event(
            r,
            format!("{what} must be count 1, got {}", frame.tag()),
        ));
    }
    let n = r.read_count()?;
    if n != 1 {
        return Err(not_event(r, format!("{what} must be count 1, got {n}")));
    }
    r.end_value(frame)
}

/// Reads the event envelope from the payload of a value object tagged `tag`.
#[inline]
pub(crate) fn read_event<E: ZeekEvent>(
    r: &mut Reader<'_>,
    tag: DataType,
) -> Result<E, DecodeError> {
    if tag != DataType::Vector {
        return Err(not_event(
            r,
            format!("expected vector [1, 1, [name, args, metadata?]], got {tag}"),
        ));
    }
    let mut outer = r.begin_seq()?;
    if !r.next_element(&mut outer)? {
        return Err(not_event(r, "empty vector"));
    }
    header(r, "format version")?;
    if !r.next_element(&mut outer)? {
        return Err(not_event(r, "no message type"));
    }
    header(r, "message type (1 = event)")?;
    if !r.next_element(&mut outer)? {
        return Err(not_event(r, "no event content"));
    }
    let content = r.begin_value()?;
    if content.tag() != DataType::Vector {
        return Err(not_event(
            r,
            format!("event content must be a vector, got {}", content.tag()),
        ));
    }
    let mut inner = r.begin_seq()?;
    if !r.next_element(&mut inner)? {
        return Err(not_event(r, "event content has no name"));
    }
    let name_frame = r.begin_value()?;
    if name_frame.tag() != DataType::String {
        return Err(not_event(
            r,
            format!("event name must be a string, got {}", name_frame.tag()),
        ));
    }
    let name = r.read_str()?;
    r.end_value(name_frame)?;
    if !r.next_element(&mut inner)? {
        return Err(not_event(r, format!("event {name} has no argument vector")));
    }
    // The result is kept whole and returned as it came: the event can be large (a 20-field
    // record is ~500 bytes), and every unpacking and packing of it is a copy.
    let mut result = E::decode_args(&name, r);
    if result.is_err() {
        return result.map_err(|e| e.with_context(Context::Event(name.to_string())));
    }
    if r.next_element(&mut inner)? {
        if E::WANTS_METADATA {
            let meta = Vec::<(u64, Value)>::decode(r)
                .map_err(|e| e.with_context(Context::Event(name.to_string())))?;
            if let Ok(event) = &mut result {
                event.set_metadata(meta);
            }
        } else {
            r.skip_value()?;
        }
        // Later Zeeks may add content elements: tolerate them.
        r.skip_rest(&mut inner)?;
    }
    r.end_value(content)?;
    r.skip_rest(&mut outer)?;
    result
}
