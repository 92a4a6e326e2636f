//! Decode errors: what went wrong, where in the JSON (`data[2].data[0]`), and in which typed
//! context (event, argument, record field).

use std::fmt;

use crate::value::DataType;

/// Why decoding failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not the JSON we expected at this point.
    #[error("expected {expected}, found {found}")]
    Syntax {
        /// What the parser was looking for.
        expected: &'static str,
        /// What it saw instead: the token there in backticks (`` `"30"` ``, `` `nan` ``,
        /// `` `}` ``), or "end of input".
        found: String,
    },
    /// A value object carries a different `@data-type` than the target type needs.
    #[error("expected {expected}, got {got}")]
    TypeMismatch {
        /// The expected Zeek or Broker type.
        expected: String,
        /// The `@data-type` received.
        got: DataType,
    },
    /// `@data-type` names no Broker type.
    #[error("unknown @data-type {0:?}")]
    UnknownDataType(String),
    /// A required object member is missing.
    #[error("missing member {0:?}")]
    MissingMember(&'static str),
    /// A number does not fit the target type.
    #[error("{what} out of range: {text}")]
    OutOfRange {
        /// The target (`count`, `integer`, `u16`, ...).
        what: &'static str,
        /// The number as written.
        text: String,
    },
    /// A string payload is not valid for its data type (timestamp, port, address...).
    #[error("invalid {what}: {reason}")]
    InvalidValue {
        /// The data type being read.
        what: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// More nested containers than the configured limit.
    #[error("nesting deeper than {0} containers")]
    DepthLimit(u32),
    /// The input is larger than the configured limit.
    #[error("input of {size} bytes exceeds the limit of {limit} bytes")]
    SizeLimit {
        /// Input size.
        size: usize,
        /// Configured limit.
        limit: usize,
    },
    /// A vector has the wrong number of elements for a record, tuple, event or array.
    #[error("expected {expected} element{}, got {got}{}", if *.expected == 1 { "" } else { "s" }, if *.extensible { " (the type accepts longer vectors but not shorter ones)" } else { "" })]
    Length {
        /// What the target needs (minimum when `extensible`).
        expected: usize,
        /// What arrived (at least; counting stops early on long input).
        got: usize,
        /// The target accepts extra trailing elements.
        extensible: bool,
    },
    /// An enum-value names no variant of the target enum.
    #[error("unknown value {value:?} for enum {enum_name}")]
    UnknownEnumValue {
        /// The Zeek enum type.
        enum_name: &'static str,
        /// The name received.
        value: String,
    },
    /// An event name that the target type does not handle.
    #[error("unexpected event {name:?} (expected {expected})")]
    UnknownEvent {
        /// The name received.
        name: String,
        /// The names the target handles.
        expected: String,
    },
    /// The message is not a Zeek event (`[1, 1, [name, args, metadata?]]`) or has the wrong shape.
    #[error("not a Zeek event: {0}")]
    NotAnEvent(String),
    /// The top-level message is malformed (no `type`, unknown `type`, no `topic`...).
    #[error("invalid message: {0}")]
    InvalidMessage(String),
    /// Something after the value.
    #[error("trailing characters after the JSON value")]
    TrailingCharacters,
    /// A custom error from a hand-written decoder.
    #[error("{0}")]
    Custom(String),
}

/// One step of typed context, outermost first when displayed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Context {
    /// Decoding event `name`.
    Event(String),
    /// Argument `index` of an event, of Zeek type `ty`.
    Arg {
        /// Position in the argument list.
        index: usize,
        /// The argument's Zeek type.
        ty: String,
    },
    /// Field `index` (`name`) of a record of Zeek type `record`.
    Field {
        /// The record's Zeek type name.
        record: &'static str,
        /// Position on the wire.
        index: usize,
        /// The field's name.
        name: &'static str,
    },
    /// A record of the given Zeek type as a whole (e.g. its length was wrong).
    Record(&'static str),
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Context::Event(name) => write!(f, "event {name}"),
            Context::Arg { index, ty } => write!(f, "arg {index} ({ty})"),
            Context::Field { index, name, .. } => write!(f, "field {index} '{name}'"),
            Context::Record(record) => write!(f, "record {record}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    path: String,
    offset: usize,
    /// False for [`DecodeError::custom`]: an error that is at no place in the input.
    placed: bool,
    /// Innermost first (pushed while the error travels up).
    context: Vec<Context>,
}

/// A decoding failure: never a panic, always this.
///
/// Its message names the typed context, the problem and the JSON path, for example
/// `event Conn::log_conn arg 0 (Conn::Info) field 4 'service': expected string, got count at data[2].data[1].data[0].data[4]`.
#[derive(Clone, PartialEq)]
pub struct DecodeError(Box<Inner>);

impl DecodeError {
    pub(crate) fn new(kind: ErrorKind, path: String, offset: usize) -> Self {
        DecodeError(Box::new(Inner {
            kind,
            path,
            offset,
            placed: true,
            context: Vec::new(),
        }))
    }

    /// An error that is not at a place in the input (it has no path and offset 0), such as
    /// asking an ack for an event. Inside a hand-written decoder use
    /// [`Reader::error`](super::Reader::error) with [`ErrorKind::Custom`] instead: it records
    /// where the reader stands.
    pub fn custom(msg: impl fmt::Display) -> Self {
        let mut e = Self::new(ErrorKind::Custom(msg.to_string()), String::new(), 0);
        e.0.placed = false;
        e
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where, as a path from the message's value object: `data[2].data[0]` (empty at the top).
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// Byte offset into the input where the problem was noticed.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The typed context, outermost first (event, argument, record fields).
    pub fn context(&self) -> impl Iterator<Item = &Context> {
        self.0.context.iter().rev()
    }

    /// Adds an outer context step (on the error path of the event and record decoders).
    pub(crate) fn with_context(mut self, ctx: Context) -> Self {
        self.0.context.push(ctx);
        self
    }

    /// Adds record-field context: `field 4 'service'`.
    pub(crate) fn in_field(self, record: &'static str, index: usize, name: &'static str) -> Self {
        self.with_context(Context::Field {
            record,
            index,
            name,
        })
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut outer: Option<&Context> = None;
        let mut any = false;
        for ctx in self.context() {
            // A whole record already named by its enclosing argument adds nothing.
            if let (Context::Record(record), Some(Context::Arg { ty, .. })) = (ctx, outer)
                && ty == record
            {
                continue;
            }
            if any {
                f.write_str(" ")?;
            }
            // A record field names its record type unless the enclosing argument already did.
            match ctx {
                Context::Field { record, .. } => {
                    match outer {
                        None => write!(f, "{record} ")?,
                        Some(Context::Arg { ty, .. }) if ty == record => {}
                        Some(_) => write!(f, "({record}) ")?,
                    }
                    write!(f, "{ctx}")?;
                }
                // A whole record: `record conn_id` alone, `(conn_id)` inside a field.
                Context::Record(record) => match outer {
                    None => write!(f, "{ctx}")?,
                    Some(_) => write!(f, "({record})")?,
                },
                _ => write!(f, "{ctx}")?,
            }
            outer = Some(ctx);
            any = true;
        }
        if any {
            f.write_str(": ")?;
        }
        write!(f, "{}", self.0.kind)?;
        if !self.0.path.is_empty() {
            write!(f, " at {}", self.0.path)?;
        } else if self.0.placed {
            // The top-level value or the message object itself: the path is empty, so say
            // where in the text.
            write!(f, " at byte {}", self.0.offset)?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.path.is_empty() {
            // `Display` already says where (`at byte N`), or the error is at no place.
            write!(f, "DecodeError({self})")
        } else {
            write!(f, "DecodeError({self} @ byte {})", self.0.offset)
        }
    }
}

impl std::error::Error for DecodeError {}
