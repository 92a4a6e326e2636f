//! The envelope of every WebSocket message, `{"type": .., ...}`: read in any member order
//! (ack, error, data-message) and written exactly as Zeek writes it.

use std::borrow::Cow;
use std::cell::Cell;

use super::event::{read_event, write_event};
use super::{Ack, DataMessage, ErrorCode, Message, ServerError};
use crate::codec::{ZeekDecode, ZeekEvent, ZeekType};
use crate::value::{DataType, Value};
use crate::wire::{DecodeError, DecodeOptions, ErrorKind, Input, Reader, Writer};

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
    if r.peek_token() == Some(b'"') {
        r.read_str().map(Some)
    } else {
        r.skip_value().map(|()| None)
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
    let more = if r.eat_literal(b"{\"type\":\"data-message\",\"topic\":") {
        env.ty = Some(Cow::Borrowed("data-message"));
        env.topic = opt_string(r)?;
        if r.eat_literal(b",\"@data-type\":") {
            let t = r.read_tag()?;
            tag = Some(t);
            if r.eat_literal(b",\"data\":")
                && let Some(f) = on_data.take()
            {
                env.data = Some(f(r, t)?);
            }
        }
        r.next_member()?
    } else {
        r.begin_object("a JSON object (ack, error or data-message)")?
    };
    if more {
        loop {
            let key = r.read_key()?;
            match key.as_ref() {
                "type" => env.ty = opt_string(r)?,
                "topic" => env.topic = opt_string(r)?,
                "endpoint" => env.endpoint = opt_string(r)?,
                "version" => env.version = opt_string(r)?,
                "code" => env.code = opt_string(r)?,
                "context" => env.context = opt_string(r)?,
                "message" => env.message = opt_string(r)?,
                "@data-type" => tag = Some(r.read_tag()?),
                "data" => match (tag, on_data.take()) {
                    (Some(t), Some(f)) if deferred.is_none() => env.data = Some(f(r, t)?),
                    (_, f) => {
                        on_data = f;
                        deferred = Some(r.position());
                        r.skip_value()?;
                    }
                },
                _ => r.skip_value()?,
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

/// Turns a scanned envelope into a message; `data` turns the scanned payload into `D`.
fn classify<T, D>(
    r: &Reader<'_>,
    env: Envelope<'_, T>,
    make: impl FnOnce(String, T) -> DataMessage<D>,
) -> Result<Message<D>> {
    let invalid = |what: String| r.error(ErrorKind::InvalidMessage(what));
    match env.ty.as_deref() {
        Some("ack") => {
            let endpoint = env
                .endpoint
                .ok_or_else(|| r.error(ErrorKind::MissingMember("endpoint")))?;
            let version = env
                .version
                .ok_or_else(|| r.error(ErrorKind::MissingMember("version")))?;
            Ok(Message::Ack(Ack {
                endpoint: endpoint.into_owned(),
                version: version.into_owned(),
            }))
        }
        Some("error") => {
            let code = env
                .code
                .ok_or_else(|| r.error(ErrorKind::MissingMember("code")))?;
            let context = env.context.or(env.message).unwrap_or_default();
            Ok(Message::Error(ServerError {
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
            Ok(Message::Data(make(topic.into_owned(), data)))
        }
        Some(other) => Err(invalid(format!("unknown message type {other:?}"))),
    }
}

/// Decodes one frame: an ack, an error or a data message with a dynamic [`Value`].
///
/// The message keeps the bytes of the data's payload, so that
/// [`Message::into_event`] reads them once more instead of encoding the value again; to get a
/// typed event from a frame in one pass, use [`decode_event`].
///
/// `frame` is text (`&str`, `String`) or bytes (`&[u8]`, `Vec<u8>`, ...): see [`Input`].
pub fn decode_message(frame: impl Input) -> Result<Message> {
    decode_message_with(frame, DecodeOptions::new())
}

/// [`decode_message`] with explicit limits and leniency.
pub fn decode_message_with(frame: impl Input, opts: DecodeOptions) -> Result<Message> {
    message_from(frame.reader(opts))
}

fn message_from(mut r: Reader<'_>) -> Result<Message> {
    r.check_size()?;
    let env = scan(&mut r, |r, tag| {
        let start = r.position();
        let value = Value::decode_payload(r, tag)?;
        Ok((value, tag, start..r.position()))
    })?;
    let input = r.input();
    classify(&r, env, |topic, (value, tag, span)| {
        DataMessage::with_payload(topic, value, tag, input.get(span).unwrap_or_default())
    })
}

/// Decodes one frame, reading a data message's Zeek event straight into `E` (no [`Value`]
/// is built). Errors name the event, argument, record field and JSON path.
///
/// `frame` is text (`&str`, `String`) or bytes (`&[u8]`, `Vec<u8>`, ...): see [`Input`].
/// Text skips the UTF-8 check that bytes need.
pub fn decode_event<E: ZeekEvent>(frame: impl Input) -> Result<Message<E>> {
    decode_event_with(frame, DecodeOptions::new())
}

/// [`decode_event`] with explicit limits and leniency.
pub fn decode_event_with<E: ZeekEvent>(
    frame: impl Input,
    opts: DecodeOptions,
) -> Result<Message<E>> {
    event_from(frame.reader(opts))
}

fn event_from<E: ZeekEvent>(mut r: Reader<'_>) -> Result<Message<E>> {
    r.check_size()?;
    if let Some(message) = zeek_layout_event(&mut r)? {
        return Ok(message);
    }
    r.seek(0);
    let env = scan(&mut r, read_event::<E>)?;
    classify(&r, env, DataMessage::new)
}

/// A data message exactly in Zeek's own layout,
/// `{"type":"data-message","topic":"..","@data-type":"vector","data":[..]}`, read with the
/// event going straight into the message: every hand-over of a decoded event through
/// [`scan`]'s envelope is a copy of it, and a 20-field record is ~500 bytes. `None` when
/// the frame has another layout or more members; [`scan`] then reads it from the start
/// (an error here is the one `scan` would give at the same place).
#[inline]
fn zeek_layout_event<E: ZeekEvent>(r: &mut Reader<'_>) -> Result<Option<Message<E>>> {
    if !r.eat_literal(b"{\"type\":\"data-message\",\"topic\":") {
        return Ok(None);
    }
    let Some(topic) = opt_string(r)? else {
        return Ok(None);
    };
    if !r.eat_literal(b",\"@data-type\":") {
        return Ok(None);
    }
    let tag = r.read_tag()?;
    if !r.eat_literal(b",\"data\":") {
        return Ok(None);
    }
    let value = read_event::<E>(r, tag)?;
    if r.next_member()? {
        return Ok(None);
    }
    r.finish()?;
    Ok(Some(Message::Data(DataMessage::new(
        topic.into_owned(),
        value,
    ))))
}

#[cfg(feature = "mock")]
/// Reads a frame as a Zeek 8 server reads what a client publishes: `type` is not looked at
/// (`"foo"`, `"ack"` or none), the value must be there and the topic must be a string.
/// `on_data` reads the value's payload (for the Zeek imitation server). `text` is `frame`
/// as text when it came in a text frame.
pub(crate) fn decode_published<'a, T>(
    frame: &'a [u8],
    text: Option<&'a str>,
    opts: DecodeOptions,
    on_data: impl FnOnce(&mut Reader<'a>, DataType) -> Result<T>,
) -> Result<(String, T)> {
    // A text frame's UTF-8 was checked by the WebSocket layer already.
    let mut r = match text {
        Some(text) => Reader::with_text(text, opts),
        None => Reader::with_options(frame, opts),
    };
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

// ---- writing -------------------------------------------------------------------------------

/// A whole data message: `{"type":"data-message","topic":..,"@data-type":..,"data":..}`.
pub fn encode_data_message<T: ZeekType + ?Sized>(topic: &str, value: &T) -> String {
    let mut w = sized_writer();
    write_data_message(&mut w, topic, |w| value.encode(w));
    remember_size(&w);
    w.into_string()
}

/// A whole data message carrying the Zeek event `event`: `[1, 1, [name, args, metadata?]]`.
/// `event` is a derived event type or an [`Event`](super::Event).
pub fn encode_event<E: ZeekEvent>(topic: &str, event: &E) -> String {
    let mut w = sized_writer();
    write_event_message(&mut w, topic, event);
    remember_size(&w);
    w.into_string()
}

/// Appends the data message for `event` to a writer (reuse one writer for many messages).
pub fn write_event_message<E: ZeekEvent>(w: &mut Writer, topic: &str, event: &E) {
    write_data_message(w, topic, |w| write_event(w, event));
}

thread_local! {
    /// About the size of the last message this thread encoded, so that the next one usually
    /// allocates its buffer once instead of growing it step by step.
    static SIZE_HINT: Cell<usize> = const { Cell::new(256) };
}

/// A writer with room for a message like the previous one (at most 1 MiB up front).
fn sized_writer() -> Writer {
    let hint = SIZE_HINT.with(Cell::get);
    Writer::from_vec(Vec::with_capacity(hint.min(1 << 20)))
}

fn remember_size(w: &Writer) {
    SIZE_HINT.with(|c| c.set(w.len() + w.len() / 8 + 16));
}

fn write_data_message(w: &mut Writer, topic: &str, value: impl FnOnce(&mut Writer)) {
    w.raw(b"{\"type\":\"data-message\",\"topic\":");
    w.quoted(topic);
    // The value object's members are inlined: write it whole, then turn its `{` into `,`.
    let at = w.len();
    value(w);
    if let Some(b) = w.buf_mut().get_mut(at) {
        *b = b',';
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Event;

    const HELLO: &str = r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"hello"},{"@data-type":"vector","data":[{"@data-type":"count","data":3}]}]}]}"#;

    fn event_of(frame: &str) -> Result<(String, Event)> {
        decode_event::<Event>(frame)?.into_parts()
    }

    /// Zeek's own layout takes the direct path; every other layout the general one. Both
    /// must give the same message, and the same error at the same place.
    #[test]
    fn zeek_layout_and_general_path_agree() {
        let want = ("t".to_owned(), Event::new("hello", [Value::Count(3)]));
        let payload = &HELLO[1..HELLO.len() - 1]; // `"@data-type":..,"data":[..]`
        for frame in [
            format!(r#"{{"type":"data-message","topic":"t",{payload}}}"#),
            format!(r#"{{"type":"data-message","topic":"t",{payload} }}"#),
            // A member after `data`: the direct path gives way to the general one.
            format!(r#"{{"type":"data-message","topic":"t",{payload},"x":[1]}}"#),
            format!(r#"{{"topic":"t","type":"data-message",{payload}}}"#),
            format!(r#"{{"type":"data-message","topic":"t","x":1,{payload}}}"#),
            format!(r#"{{ "type": "data-message", "topic": "t", {payload}}}"#),
        ] {
            assert_eq!(event_of(&frame).unwrap(), want, "{frame}");
        }
        // A topic that is not a string is the general path's error.
        let frame = format!(r#"{{"type":"data-message","topic":1,{payload}}}"#);
        let err = event_of(&frame).unwrap_err();
        assert!(err.to_string().contains("no topic"), "{err}");
        // Trailing text and a broken event fail on both paths alike.
        let frame = format!(r#"{{"type":"data-message","topic":"t",{payload}}} x"#);
        assert_eq!(
            event_of(&frame).unwrap_err().kind(),
            &ErrorKind::TrailingCharacters
        );
        let broken = payload.replace(r#""data":3"#, r#""data":"3""#);
        let direct = format!(r#"{{"type":"data-message","topic":"t",{broken}}}"#);
        let general = format!(r#"{{"topic":"t","type":"data-message",{broken}}}"#);
        let (a, b) = (
            event_of(&direct).unwrap_err(),
            event_of(&general).unwrap_err(),
        );
        assert_eq!(a.kind(), b.kind());
        assert_eq!(a.path(), b.path());
    }
}
