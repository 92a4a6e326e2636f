//! The WebSocket protocol of Zeek's `/v1/messages/json` endpoint, without I/O: the
//! subscription handshake, the ack, server errors, data messages and Zeek's event layout.
//!
//! Decode incoming text with [`json::decode_message`]; encode with
//! the `to_json` methods here and [`json::encode_event`].

mod event;

pub use event::{Event, NETWORK_TIMESTAMP};
pub(crate) use event::{read_event, write_event};

use std::fmt;

use crate::codec::{ZeekDecode, ZeekEvent, ZeekType};
use crate::json::{self, DecodeError, Writer};
use crate::value::Value;

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

/// The client's first message: a JSON array of topic prefixes (`[]` to only publish).
pub fn subscription_message<I, S>(topics: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut w = Writer::new();
    w.raw(b"[");
    for (i, t) in topics.into_iter().enumerate() {
        if i > 0 {
            w.comma();
        }
        w.quoted(t.as_ref());
    }
    w.raw(b"]");
    w.into_string()
}

/// Why a subscription message was refused; the `Display` texts are Zeek 8's error contexts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionError {
    /// Not JSON, or not an array.
    #[error("subscriptions not an array")]
    NotAnArray,
    /// An element that is not a string.
    #[error("individual subscription not a string")]
    NotAString,
}

/// Parses a client's subscription message as a Zeek 8 server does.
pub fn parse_subscriptions(text: &[u8]) -> Result<Vec<String>, SubscriptionError> {
    let mut r = json::Reader::new(text);
    let topics = r.string_array().map_err(|e| match e {
        json::StringArrayError::NotAnArray => SubscriptionError::NotAnArray,
        json::StringArrayError::NotAString => SubscriptionError::NotAString,
    })?;
    Ok(topics)
}

/// The server's answer to a good subscription: `{"type":"ack","endpoint":..,"version":..}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    /// Opaque endpoint id (Zeek 8: `<node id>-websocket-<n>`; Broker: a UUID).
    pub endpoint: String,
    /// Opaque version string (Zeek 8: Zeek's version, e.g. `8.2.2`; Broker: its own).
    pub version: String,
}

impl Ack {
    /// The ack exactly as Zeek writes it.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.raw(b"{\"type\":\"ack\",\"endpoint\":");
        w.quoted(&self.endpoint);
        w.raw(b",\"version\":");
        w.quoted(&self.version);
        w.raw(b"}");
        w.into_string()
    }
}

/// An error `code`: an open set, with the codes Zeek and Broker send named.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `deserialization_failed`: bad subscription, bad JSON, or an event Zeek cannot create.
    DeserializationFailed,
    /// `serialization_failed`: Broker (<= 6.1) could not render a message.
    SerializationFailed,
    /// `invalid_uri`: wrong URL path (the server then closes with 1008).
    InvalidUri,
    /// `invalid_application_name`: bad `X-Application-Name` (then close 1008).
    InvalidApplicationName,
    /// `broker_error`: a problem in Zeek's Broker backend.
    BrokerError,
    /// Any other code.
    Other(String),
}

impl ErrorCode {
    /// The code as sent.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::DeserializationFailed => "deserialization_failed",
            ErrorCode::SerializationFailed => "serialization_failed",
            ErrorCode::InvalidUri => "invalid_uri",
            ErrorCode::InvalidApplicationName => "invalid_application_name",
            ErrorCode::BrokerError => "broker_error",
            ErrorCode::Other(s) => s,
        }
    }

    /// Classifies a received code.
    pub fn from_code(code: &str) -> ErrorCode {
        match code {
            "deserialization_failed" => ErrorCode::DeserializationFailed,
            "serialization_failed" => ErrorCode::SerializationFailed,
            "invalid_uri" => ErrorCode::InvalidUri,
            "invalid_application_name" => ErrorCode::InvalidApplicationName,
            "broker_error" => ErrorCode::BrokerError,
            other => ErrorCode::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `{"type":"error","code":..,"context":..}` from the server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {context}")]
pub struct ServerError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// The server's explanation (read from `context`, or `message` where a server uses that).
    pub context: String,
}

impl ServerError {
    /// An error with the given code and context.
    pub fn new(code: ErrorCode, context: impl Into<String>) -> Self {
        ServerError {
            code,
            context: context.into(),
        }
    }

    /// The error exactly as Zeek writes it.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.raw(b"{\"type\":\"error\",\"code\":");
        w.quoted(self.code.as_str());
        w.raw(b",\"context\":");
        w.quoted(&self.context);
        w.raw(b"}");
        w.into_string()
    }
}

/// `{"type":"data-message","topic":..,"@data-type":..,"data":..}`: a value on a topic.
#[derive(Debug, Clone, PartialEq)]
pub struct DataMessage {
    /// The topic it was published on.
    pub topic: String,
    /// The value (for Zeek events, the envelope `[1, 1, [name, args, metadata?]]`).
    pub value: Value,
}

impl DataMessage {
    /// A data message.
    pub fn new(topic: impl Into<String>, value: Value) -> Self {
        DataMessage {
            topic: topic.into(),
            value,
        }
    }

    /// The message exactly as Zeek writes it (reals aside; see [`json`]).
    pub fn to_json(&self) -> String {
        json::encode_data_message(&self.topic, &self.value)
    }

    /// Reads the value as a Zeek event of type `E` (a derived event struct or enum, or
    /// [`Event`]). Errors name the event, argument, record field and path.
    pub fn to_event<E: ZeekEvent>(&self) -> Result<E, DecodeError> {
        let mut w = Writer::new();
        self.value.encode(&mut w);
        let mut r = json::Reader::new(w.as_bytes());
        let frame = r.begin_value()?;
        let event = read_event::<E>(&mut r, frame.tag())?;
        r.end_value(frame)?;
        Ok(event)
    }

    /// Reads the value as any type (for data messages that are not events).
    pub fn to_value_of<T: ZeekDecode>(&self) -> Result<T, DecodeError> {
        let mut w = Writer::new();
        self.value.encode(&mut w);
        json::from_slice_as::<T>(w.as_bytes())
    }
}

/// One message from a Zeek WebSocket server (or, for a server, from a client after the
/// subscription).
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The subscription was accepted.
    Ack(Ack),
    /// Something failed.
    Error(ServerError),
    /// A value on a topic, usually a Zeek event.
    Data(DataMessage),
}

impl Message {
    /// The event in a data message, typed; an ack or error message is an error here.
    pub fn to_event<E: ZeekEvent>(&self) -> Result<E, DecodeError> {
        match self {
            Message::Data(d) => d.to_event(),
            Message::Ack(_) => Err(DecodeError::custom(
                "expected a data-message with an event, got an ack",
            )),
            Message::Error(e) => Err(DecodeError::custom(format_args!(
                "expected a data-message with an event, got error {e}"
            ))),
        }
    }

    /// Like [`Message::to_event`], consuming the message.
    pub fn into_event<E: ZeekEvent>(self) -> Result<E, DecodeError> {
        self.to_event()
    }

    /// The message as JSON text, as Zeek writes it.
    pub fn to_json(&self) -> String {
        match self {
            Message::Ack(a) => a.to_json(),
            Message::Error(e) => e.to_json(),
            Message::Data(d) => d.to_json(),
        }
    }
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

    #[test]
    fn subscriptions_parse_like_zeek() {
        assert_eq!(subscription_message(["a", "b\"c"]), r#"["a","b\"c"]"#);
        assert_eq!(parse_subscriptions(br#"[]"#), Ok(vec![]));
        assert_eq!(
            parse_subscriptions(br#"["/topic/good", "/duplicate", "/duplicate"]"#)
                .unwrap()
                .len(),
            3
        );
        assert_eq!(
            parse_subscriptions(br#"["broken", "brrr"#),
            Err(SubscriptionError::NotAnArray)
        );
        assert_eq!(
            parse_subscriptions(br#"{"topics": ["a"]}"#),
            Err(SubscriptionError::NotAnArray)
        );
        assert_eq!(
            parse_subscriptions(br#"[1, 2]"#),
            Err(SubscriptionError::NotAString)
        );
        assert_eq!(
            parse_subscriptions(br#"["a", 2]"#),
            Err(SubscriptionError::NotAString)
        );
        assert_eq!(
            parse_subscriptions(b"this is not json"),
            Err(SubscriptionError::NotAnArray)
        );
    }

    #[test]
    fn ack_and_error_render_as_zeek() {
        let ack = Ack {
            endpoint: "e".into(),
            version: "8.2.2".into(),
        };
        assert_eq!(
            ack.to_json(),
            r#"{"type":"ack","endpoint":"e","version":"8.2.2"}"#
        );
        let err = ServerError::new(ErrorCode::InvalidUri, "Invalid URI - use /v1/messages/json");
        assert_eq!(
            err.to_json(),
            r#"{"type":"error","code":"invalid_uri","context":"Invalid URI - use /v1/messages/json"}"#
        );
    }
}
