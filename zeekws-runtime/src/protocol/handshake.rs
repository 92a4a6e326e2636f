//! The subscription handshake: the client's topic array, read as a Zeek 8 server reads it.

use crate::wire::{Reader, Writer};

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
    // Zeek checks the syntax of the whole text first, then the kind of each element.
    let mut r = Reader::new(text);
    if r.skip_value().and_then(|()| r.finish()).is_err() {
        return Err(SubscriptionError::NotAnArray);
    }
    let mut r = Reader::new(text);
    if r.peek_token() != Some(b'[') {
        return Err(SubscriptionError::NotAnArray);
    }
    let not_array = |_| SubscriptionError::NotAnArray;
    let mut seq = r.begin_seq().map_err(not_array)?;
    let mut topics = Vec::new();
    while r.next_element(&mut seq).map_err(not_array)? {
        if r.peek_token() != Some(b'"') {
            return Err(SubscriptionError::NotAString);
        }
        topics.push(r.read_str().map_err(not_array)?.into_owned());
    }
    Ok(topics)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
