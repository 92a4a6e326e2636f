//! Network timestamps added to what MockZeek publishes, as Zeek's `add_network_timestamp`.

use super::*;

pub(super) fn has_network_timestamp<E: ZeekEvent>(event: &E) -> bool {
    event
        .metadata()
        .is_some_and(|m| m.iter().any(|(id, _)| *id == protocol::NETWORK_TIMESTAMP))
}

/// An event to publish with a network timestamp added to its metadata (the given time, or
/// now to the millisecond as Zeek's `network_time()`), encoded in one pass.
pub(super) struct Stamped<'a, E> {
    pub(super) event: &'a E,
    pub(super) metadata: Vec<(u64, Value)>,
}

impl<'a, E: ZeekEvent> Stamped<'a, E> {
    pub(super) fn new(event: &'a E, ts: Option<Timestamp>) -> Self {
        let ts = ts.unwrap_or_else(|| {
            let now = Timestamp::now().as_nanos();
            Timestamp::from_nanos(now - now.rem_euclid(1_000_000))
        });
        let mut metadata = event.metadata().map(<[_]>::to_vec).unwrap_or_default();
        metadata.push((protocol::NETWORK_TIMESTAMP, Value::Timestamp(ts)));
        Stamped { event, metadata }
    }
}

impl<E: ZeekEvent> ZeekEvent for Stamped<'_, E> {
    const EVENT_NAMES: &'static [&'static str] = E::EVENT_NAMES;

    fn event_name(&self) -> &str {
        self.event.event_name()
    }

    fn encode_args(&self, w: &mut crate::wire::Writer) {
        self.event.encode_args(w);
    }

    fn metadata(&self) -> Option<&[(u64, Value)]> {
        Some(&self.metadata)
    }

    fn decode_args(
        name: &str,
        r: &mut crate::wire::Reader<'_>,
    ) -> Result<Self, crate::wire::DecodeError> {
        Err(r.error(crate::wire::ErrorKind::UnknownEvent {
            name: name.to_owned(),
            expected: "nothing (a stamped event is only encoded)".to_owned(),
        }))
    }
}
