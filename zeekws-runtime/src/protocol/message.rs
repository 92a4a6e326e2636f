//! The messages of the protocol: [`Ack`], [`ServerError`] with its [`ErrorCode`],
//! [`DataMessage`], and [`Message`], the one type for whatever arrived.

use std::fmt;

use super::envelope;
use super::event::read_event;
use crate::codec::{ZeekDecode, ZeekEvent, ZeekType};
use crate::value::{DataType, Value};
use crate::wire::{DecodeError, Reader, Writer};

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
///
/// `D` is what the value was decoded into: a dynamic [`Value`] (from
/// [`decode_message`](crate::json::decode_message)), or a typed event (from
/// [`decode_event`](crate::json::decode_event)).
#[derive(Debug, Clone, PartialEq)]
pub struct DataMessage<D = Value> {
    /// The topic it was published on.
    pub topic: String,
    /// The value (for Zeek events, the envelope `[1, 1, [name, args, metadata?]]`, or the
    /// event itself when decoded typed).
    pub value: D,
    /// The value object's bytes as received, kept by the decoder so that the typed
    /// conversions read them directly instead of encoding `value` again.
    raw: Option<RawPayload>,
}

/// The received bytes of a data message's value: its `@data-type` and the `data` payload's
/// JSON text (as serde_json's `RawValue` keeps a piece of its input).
#[derive(Debug, Clone)]
struct RawPayload {
    tag: DataType,
    payload: Box<[u8]>,
}

/// Two messages are equal when their decoded contents are; the kept bytes do not count.
impl PartialEq for RawPayload {
    fn eq(&self, _: &RawPayload) -> bool {
        true
    }
}

impl<D> DataMessage<D> {
    /// A data message.
    pub fn new(topic: impl Into<String>, value: D) -> Self {
        DataMessage {
            topic: topic.into(),
            value,
            raw: None,
        }
    }
}

impl DataMessage<Value> {
    /// A decoded message that keeps the bytes of its value's payload.
    pub(crate) fn with_payload(topic: String, value: Value, tag: DataType, payload: &[u8]) -> Self {
        DataMessage {
            topic,
            value,
            raw: Some(RawPayload {
                tag,
                payload: payload.into(),
            }),
        }
    }

    /// The message exactly as Zeek writes it (reals aside; see [`Writer`]).
    pub fn to_json(&self) -> String {
        envelope::encode_data_message(&self.topic, &self.value)
    }

    /// Runs `read` over the value's payload: the received bytes when this message was
    /// decoded, else the value encoded once.
    fn read_payload<T>(
        &self,
        read: impl FnOnce(&mut Reader<'_>, DataType) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        if let Some(raw) = &self.raw {
            let mut r = Reader::new(&raw.payload);
            let v = read(&mut r, raw.tag)?;
            r.finish()?;
            return Ok(v);
        }
        let mut w = Writer::new();
        self.value.encode(&mut w);
        let mut r = Reader::new(w.as_bytes());
        let frame = r.begin_value()?;
        let v = read(&mut r, frame.tag())?;
        r.end_value(frame)?;
        Ok(v)
    }

    /// Reads the value as a Zeek event of type `E` (a derived event struct or enum, or
    /// [`Event`](super::Event)). Errors name the event, argument, record field and path.
    pub fn to_event<E: ZeekEvent>(&self) -> Result<E, DecodeError> {
        self.read_payload(read_event::<E>)
    }

    /// Reads the value as any type (for data messages that are not events).
    pub fn decode<T: ZeekDecode>(&self) -> Result<T, DecodeError> {
        self.read_payload(T::decode_payload)
    }
}

/// One message from a Zeek WebSocket server (or, for a server, from a client after the
/// subscription). `D` is what a data message's value was decoded into (see [`DataMessage`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Message<D = Value> {
    /// The subscription was accepted.
    Ack(Ack),
    /// Something failed.
    Error(ServerError),
    /// A value on a topic, usually a Zeek event.
    Data(DataMessage<D>),
}

impl<D> Message<D> {
    /// The topic and value of a data message; an ack or error message is an error here.
    ///
    /// ```
    /// use zeekws_runtime::{json, protocol::Event, Value};
    /// let frame = json::encode_event("zeek.test", &Event::new("hello", [Value::Count(3)]));
    /// let (topic, hello) = json::decode_event::<Event>(&frame)?.into_parts()?;
    /// assert_eq!((topic.as_str(), hello.name.as_str()), ("zeek.test", "hello"));
    /// # Ok::<(), zeekws_runtime::json::DecodeError>(())
    /// ```
    pub fn into_parts(self) -> Result<(String, D), DecodeError> {
        self.into_data().map(|d| (d.topic, d.value))
    }

    /// The data message; an ack or error message is an error here.
    pub fn into_data(self) -> Result<DataMessage<D>, DecodeError> {
        match self {
            Message::Data(d) => Ok(d),
            Message::Ack(_) => Err(DecodeError::custom("expected a data-message, got an ack")),
            Message::Error(e) => Err(DecodeError::custom(format_args!(
                "expected a data-message, got error {e}"
            ))),
        }
    }
}

impl Message<Value> {
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
