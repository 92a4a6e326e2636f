//! Whole WebSocket messages: ack, error, data-message (in any member order).

use std::borrow::Cow;

use super::error::{DecodeError, ErrorKind};
use super::read::{DecodeOptions, Reader};
use crate::codec::{ZeekDecode, ZeekEvent};
use crate::protocol::{Ack, DataMessage, ErrorCode, Message, ServerError, read_event};
use crate::value::{DataType, Value};

type Result<T> = std::result::Result<T, DecodeError>;

#[derive(Default)]
struct Envelope<'a, T> {
    ty: Option<Cow<'a, str>>,
    topic: Option<Cow<'a, str>>,
    endpoint: Option<Cow<'a, str>>,
    version: Option<Cow<'a, str>>,
    code: Option<Cow<'a, str>>,
    context: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    data: Option<T>,
}

fn opt_string<'a>(r: &mut Reader<'a>) -> Result<Option<Cow<'a, str>>> {
    if r.peek_non_ws() == Some(b'"') {
        r.read_any_string("a string").map(Some)
    } else {
        r.skip_any().map(|()| None)
    }
}

/// Reads the top-level object; `on_data` reads the inlined value's payload when both
/// `@data-type` and `data` are present (in place when `@data-type` comes first, as Zeek writes).
fn scan<'a, T>(
    r: &mut Reader<'a>,
    on_data: impl FnOnce(&mut Reader<'a>, DataType) -> Result<T>,
) -> Result<Envelope<'a, T>> {
    let mut on_data = Some(on_data);
    let mut env = Envelope {
        ty: None,
        topic: None,
        endpoint: None,
        version: None,
        code: None,
        context: None,
        message: None,
        data: None,
    };
    let mut tag = None;
    let mut deferred = None;
    // Zeek's own layout, `{"type":"data-message","topic":..,"@data-type":..,"data":..`, is
    // matched as literals; whatever follows (or any other layout) takes the general loop.
    let more = if r.eat_literal_pub(b"{\"type\":\"data-message\",\"topic\":") {
        env.ty = Some(Cow::Borrowed("data-message"));
        env.topic = opt_string(r)?;
        if r.eat_literal_pub(b",\"@data-type\":") {
            let t = r.read_tag_at()?;
            tag = Some(t);
            if r.eat_literal_pub(b",\"data\":")
                && let Some(f) = on_data.take()
            {
                env.data = Some(f(r, t)?);
            }
        }
        r.next_member()?
    } else {
        r.open_object("a JSON object (ack, error or data-message)")?
    };
    if more {
        loop {
            let key = r.read_member_key()?;
            match key.as_ref() {
                "type" => env.ty = opt_string(r)?,
                "topic" => env.topic = opt_string(r)?,
                "endpoint" => env.endpoint = opt_string(r)?,
                "version" => env.version = opt_string(r)?,
                "code" => env.code = opt_string(r)?,
                "context" => env.context = opt_string(r)?,
                "message" => env.message = opt_string(r)?,
                "@data-type" => tag = Some(r.read_tag_at()?),
                "data" => match (tag, on_data.take()) {
                    (Some(t), Some(f)) if deferred.is_none() => env.data = Some(f(r, t)?),
                    (_, f) => {
                        on_data = f;
                        deferred = Some(r.position());
                        r.skip_any()?;
                    }
                },
                _ => r.skip_any()?,
            }
            if !r.next_member()? {
                break;
            }
        }
    }
    let end = r.position();
    if let Some(pos) = deferred {
        let Some(t) = tag else {
            return Err(r.error(ErrorKind::MissingMember("@data-type")));
        };
        if let Some(f) = on_data.take() {
            r.seek(pos);
            env.data = Some(f(r, t)?);
            r.seek(end);
        }
    } else if tag.is_some() && env.data.is_none() {
        return Err(r.error(ErrorKind::MissingMember("data")));
    }
    r.finish()?;
    Ok(env)
}

/// What one incoming frame holds, with a data-message's event already typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming<E> {
    /// A data message carrying an event of type `E`.
    Event {
        /// The topic it came on.
        topic: String,
        /// The event.
        event: E,
    },
    /// The subscription ack.
    Ack(Ack),
    /// An error message from the server.
    Error(ServerError),
}

/// A top-level message before its data is turned into a [`Message`] or an [`Incoming`].
enum Classified<T> {
    Data(String, T),
    Ack(Ack),
    Error(ServerError),
}

fn classify<T>(r: &Reader<'_>, env: Envelope<'_, T>) -> Result<Classified<T>> {
    let invalid = |what: String| r.error(ErrorKind::InvalidMessage(what));
    match env.ty.as_deref() {
        Some("ack") => {
            let endpoint = env
                .endpoint
                .ok_or_else(|| r.error(ErrorKind::MissingMember("endpoint")))?;
            let version = env
                .version
                .ok_or_else(|| r.error(ErrorKind::MissingMember("version")))?;
            Ok(Classified::Ack(Ack {
                endpoint: endpoint.into_owned(),
                version: version.into_owned(),
            }))
        }
        Some("error") => {
            let code = env
                .code
                .ok_or_else(|| r.error(ErrorKind::MissingMember("code")))?;
            let context = env.context.or(env.message).unwrap_or_default();
            Ok(Classified::Error(ServerError {
                code: ErrorCode::from_code(&code),
                context: context.into_owned(),
            }))
        }
        // Broker does not check `type` on data messages; neither do we.
        Some("data-message") | None => {
            let Some(data) = env.data else {
                return Err(match env.ty {
                    None => invalid("no \"type\" member and no value".to_owned()),
                    Some(_) => r.error(ErrorKind::MissingMember("data")),
                });
            };
            let topic = env
                .topic
                .ok_or_else(|| invalid("no topic in top-level JSON object".to_owned()))?;
            Ok(Classified::Data(topic.into_owned(), data))
        }
        Some(other) => Err(invalid(format!("unknown message type {other:?}"))),
    }
}

/// Decodes one frame: an ack, an error or a data message.
pub fn decode_message(frame: impl AsRef<[u8]>) -> Result<Message> {
    decode_message_with(frame.as_ref(), DecodeOptions::new())
}

/// [`decode_message`] with explicit limits.
pub fn decode_message_with(frame: &[u8], opts: DecodeOptions) -> Result<Message> {
    let mut r = Reader::with_options(frame, opts);
    r.check_size()?;
    let env = scan(&mut r, Value::decode_payload)?;
    Ok(match classify(&r, env)? {
        Classified::Data(topic, value) => Message::Data(DataMessage { topic, value }),
        Classified::Ack(a) => Message::Ack(a),
        Classified::Error(e) => Message::Error(e),
    })
}

/// Decodes one frame, reading a data message's Zeek event straight into `E` (no [`Value`]
/// is built). Errors name the event, argument, record field and JSON path.
pub fn decode_event_with<E: ZeekEvent>(frame: &[u8], opts: DecodeOptions) -> Result<Incoming<E>> {
    let mut r = Reader::with_options(frame, opts);
    r.check_size()?;
    let env = scan(&mut r, read_event::<E>)?;
    Ok(match classify(&r, env)? {
        Classified::Data(topic, event) => Incoming::Event { topic, event },
        Classified::Ack(a) => Incoming::Ack(a),
        Classified::Error(e) => Incoming::Error(e),
    })
}

/// Reads a frame as a Zeek 8 server reads what a client publishes: `type` is not looked at
/// (`"foo"`, `"ack"` or none), the value must be there and the topic must be a string.
/// `on_data` reads the value's payload (for the Zeek imitation server).
pub(crate) fn decode_published<'a, T>(
    frame: &'a [u8],
    opts: DecodeOptions,
    on_data: impl FnOnce(&mut Reader<'a>, DataType) -> Result<T>,
) -> Result<(String, T)> {
    let mut r = Reader::with_options(frame, opts);
    r.check_size()?;
    let env = scan(&mut r, on_data)?;
    let Some(data) = env.data else {
        return Err(r.error(ErrorKind::MissingMember("data")));
    };
    let topic = env.topic.ok_or_else(|| {
        r.error(ErrorKind::InvalidMessage(
            "no topic in top-level JSON object".to_owned(),
        ))
    })?;
    Ok((topic.into_owned(), data))
}

/// Decodes a data-message frame carrying a Zeek event into `(topic, event)`; an ack or error
/// frame is an error here (use [`decode_event_with`] to receive those too).
pub fn decode_event<E: ZeekEvent>(frame: impl AsRef<[u8]>) -> Result<(String, E)> {
    let r = Reader::new(frame.as_ref());
    match decode_event_with::<E>(frame.as_ref(), DecodeOptions::new())? {
        Incoming::Event { topic, event } => Ok((topic, event)),
        Incoming::Ack(_) => Err(r.error(ErrorKind::InvalidMessage(
            "expected a data-message, got an ack".into(),
        ))),
        Incoming::Error(e) => Err(r.error(ErrorKind::InvalidMessage(format!(
            "expected a data-message, got error {e}"
        )))),
    }
}
