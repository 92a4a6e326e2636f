//! [`ZeekEvent`]: a Rust type that is one Zeek event (a struct) or a choice of events (an enum).

use crate::value::Value;
use crate::wire::{DecodeError, Reader, Writer};

/// A Zeek event: its name and its arguments, positionally.
///
/// `#[derive(ZeekEvent)]` implements this for a struct (one event; fields are the arguments
/// in order) and for an enum (several events, dispatched on the name);
/// [`protocol::Event`](crate::protocol::Event) implements it for any event, dynamically.
pub trait ZeekEvent: Sized {
    /// The event names this type handles specifically, in declaration order (empty for
    /// [`protocol::Event`](crate::protocol::Event)).
    const EVENT_NAMES: &'static [&'static str];

    /// True when names beyond [`ZeekEvent::EVENT_NAMES`] are accepted too (a dynamic event,
    /// or an enum of events with an `#[zeek(other)]` variant).
    const ACCEPTS_ANY: bool = false;

    /// True when the type keeps the event's metadata (an event struct with a
    /// `#[zeek(metadata)]` field, [`protocol::Event`](crate::protocol::Event)); otherwise the
    /// decoder skips the metadata vector without building it.
    const WANTS_METADATA: bool = false;

    /// This event's name as Zeek declares it (`"App::ping"`).
    fn event_name(&self) -> &str;

    /// Writes the argument list as one Broker `vector` value object.
    fn encode_args(&self, w: &mut Writer);

    /// Metadata entries `[id, value]` to send with the event (id 1: network timestamp).
    fn metadata(&self) -> Option<&[(u64, Value)]> {
        None
    }

    /// Reads the argument vector (one value object) of the event `name`; an unhandled name
    /// is an [`ErrorKind::UnknownEvent`](crate::json::ErrorKind::UnknownEvent) error.
    fn decode_args(name: &str, r: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Receives the metadata that came with a decoded event (only called when
    /// [`ZeekEvent::WANTS_METADATA`]).
    fn set_metadata(&mut self, metadata: Vec<(u64, Value)>) {
        let _ = metadata;
    }

    /// Adds the layouts of the events this type handles (names and argument types) and of
    /// every record and enum their arguments reach (see [`Layouts`](super::Layouts)).
    /// Derived; a dynamic event adds nothing.
    #[doc(hidden)]
    fn describe_events(out: &mut super::Layouts) {
        let _ = out;
    }
}
