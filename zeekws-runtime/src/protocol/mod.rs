//! The WebSocket protocol of Zeek's `/v1/messages/json` endpoint, without I/O: the
//! subscription handshake, the ack, server errors, data messages and Zeek's event layout.
//!
//! Decode incoming text with [`decode_message`] (or [`decode_event`] for a typed event in
//! one pass); encode with [`encode_event`] and the `to_json` methods. The
//! [`json`](crate::json) façade re-exports these functions.

#[cfg(feature = "mock")]
mod canonical;
mod envelope;
mod event;
mod handshake;
mod message;

#[cfg(feature = "mock")]
pub(crate) use canonical::canonical_event;
#[cfg(feature = "mock")]
pub(crate) use envelope::decode_published;
pub use envelope::{
    decode_event, decode_event_with, decode_message, decode_message_with, encode_data_message,
    encode_event, write_event_message,
};
#[cfg(feature = "mock")]
pub(crate) use event::read_event;
pub use event::{Event, NETWORK_TIMESTAMP};
pub use handshake::{SubscriptionError, parse_subscriptions, subscription_message};
pub use message::{Ack, DataMessage, ErrorCode, Message, ServerError};

/// The URL path of Zeek's JSON WebSocket API.
pub const PATH: &str = "/v1/messages/json";

/// The header that names a client application (Zeek >= 8.0).
pub const APPLICATION_NAME_HEADER: &str = "X-Application-Name";

/// True when `name` is a valid `X-Application-Name`: Zeek's pattern `[-/_.=:*@a-zA-Z0-9]+`.
pub fn is_valid_application_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'/' | b'_' | b'.' | b'=' | b':' | b'*' | b'@')
        })
}

/// True when a message on `topic` is delivered to a subscription `prefix`: a plain string
/// prefix match as in Broker (`"/foo"` matches `"/foobar"`, `""` matches everything).
pub fn topic_matches(prefix: &str, topic: &str) -> bool {
    topic.as_bytes().starts_with(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_names_follow_zeeks_pattern() {
        assert!(is_valid_application_name("super-duper_app/1.0:x=y@z*"));
        assert!(!is_valid_application_name("!!invalid~~"));
        assert!(!is_valid_application_name(""));
        assert!(!is_valid_application_name("has space"));
    }

    #[test]
    fn topics_match_by_plain_prefix() {
        assert!(topic_matches("", "anything"));
        assert!(topic_matches("/foo", "/foobar"));
        assert!(topic_matches("zeek.test", "zeek.test"));
        assert!(!topic_matches("zeek.test.x", "zeek.test"));
    }
}
