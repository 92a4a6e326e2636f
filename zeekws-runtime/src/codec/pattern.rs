//! [`Pattern`]: a Zeek `pattern` as it travels.

use super::{ZeekDecode, ZeekType, ZeekTypeName};
use crate::value::DataType;
use crate::wire::{DecodeError, Reader, Writer};

/// A Zeek `pattern`, as Zeek sends it: a vector of two strings, the anchored form used for
/// exact matches and the unanchored form used for `in` searches (`/ab+c/` travels as
/// `["^?(ab+c)$?", "^?(.|\n)*(ab+c)"]`, where `\n` is a backslash and an `n` in the
/// text). zeekws does not compile or interpret them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pattern {
    /// The text used for exact matching (`^?(ab+c)$?`).
    pub exact: String,
    /// The text used for searching anywhere (`^?(.|\n)*(ab+c)`).
    pub anywhere: String,
}

impl Pattern {
    /// The pattern Zeek builds from the regular expression `re` (as written between slashes).
    pub fn new(re: &str) -> Self {
        Pattern {
            exact: format!("^?({re})$?"),
            anywhere: format!("^?(.|\\n)*({re})"),
        }
    }
}

impl ZeekType for Pattern {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Pattern;
    fn encode(&self, w: &mut Writer) {
        w.begin_vector();
        w.string(&self.exact);
        w.comma();
        w.string(&self.anywhere);
        w.end_container();
    }
}

impl ZeekDecode for Pattern {
    /// Exactly two strings, as Zeek requires.
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self, DecodeError> {
        if tag != DataType::Vector {
            return Err(r.mismatch(&Self::ZEEK_TYPE, tag));
        }
        let (exact, anywhere) = <(String, String)>::decode_payload(r, tag)?;
        Ok(Pattern { exact, anywhere })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_travels_as_two_strings() {
        let p = Pattern::new("ab+c");
        let text = crate::json::to_string(&p);
        assert_eq!(
            text,
            r#"{"@data-type":"vector","data":[{"@data-type":"string","data":"^?(ab+c)$?"},{"@data-type":"string","data":"^?(.|\\n)*(ab+c)"}]}"#
        );
        assert_eq!(crate::json::from_str::<Pattern>(&text).unwrap(), p);
        let one = r#"{"@data-type":"vector","data":[{"@data-type":"string","data":"^?(ab+c)$?"}]}"#;
        assert!(crate::json::from_str::<Pattern>(one).is_err());
    }
}
