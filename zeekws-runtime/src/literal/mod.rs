//! Zeek's literal syntax, read and written: `10.0.0.1`, `80/tcp`, `10.0.0.0/8`, `1.5 secs`,
//! `T`, `"text"`, `+3`, `4.0`, `[$a=1, $b="x"]`, `set(1, 2)`, `table(["k"] = 1)`,
//! `vector(1, 2)`, `App::RED`, `/ab+c/`: what a person types to publish an event from a
//! command line (`zeekws publish`), and how `zeekws tail --format zeek` prints one.
//!
//! Without a declared type a literal means what it says (`1` is a count, `+1` an int,
//! `1.0` a double, a name an enum value). With one ([`parse_as`]), it is converted as Zeek
//! converts a constant: `1` where a `double` is declared becomes a real, a record literal
//! fills the record's fields by name in declaration order, an unset `&optional` field
//! becomes none and an unset field with a literal `&default` takes it; a mismatch is an
//! error naming the argument, the field and both types.
//!
//! ```
//! use zeekws_runtime::{Value, literal};
//!
//! assert_eq!(literal::parse("80/tcp")?, Value::Port(zeekws_runtime::Port::tcp(80)));
//! assert_eq!(literal::parse("vector(1, +2)")?, Value::vector([Value::Count(1), Value::Integer(2)]));
//! let (name, args) = literal::parse_call(r#"App::ping("hi", 41)"#)?;
//! assert_eq!((name.as_str(), args), ("App::ping", vec![Value::from("hi"), Value::Count(41)]));
//! assert_eq!(literal::to_string(&Value::from("a\"b")), r#""a\"b""#);
//! # Ok::<(), literal::LiteralError>(())
//! ```
//!
//! Typed, against a script's declarations:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::env::temp_dir().join(format!("zeekws-literal-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! # let path = dir.join("app.zeek");
//! # std::fs::write(&path, "module App;\nexport {\n type Inner: record { a: count; b: string &optional; };\n global seen: event(i: Inner, score: double);\n}\n")?;
//! use zeekws_runtime::{Value, literal};
//!
//! let schema = zeekws_codegen::Schema::load(&path, &[] as &[&str])?;
//! let seen = schema.event("App::seen").unwrap();
//! let args = literal::parse_args_as(&["[$a=1]", "2"], seen, &schema)?;
//! assert_eq!(args, [Value::vector([Value::Count(1), Value::None]), Value::Real(2.0)]);
//! let err = literal::parse_args_as(&["[$a=\"x\"]", "2"], seen, &schema).unwrap_err();
//! assert_eq!(err.to_string(), "event App::seen arg 0 'i': field 'a' (App::Inner): expected count, got the string \"x\"");
//! # Ok(()) }
//! ```

mod parse;
mod render;
mod typed;

use std::fmt;

use zeekws_codegen::{Schema, TypeDesc};

use crate::value::Value;

/// A literal that does not parse or does not fit its declared type: where (a byte offset
/// into the text, or the argument and field) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    offset: Option<usize>,
    message: String,
}

impl LiteralError {
    fn at(offset: usize, message: impl Into<String>) -> Self {
        LiteralError {
            offset: Some(offset),
            message: message.into(),
        }
    }

    fn new(message: impl Into<String>) -> Self {
        LiteralError {
            offset: None,
            message: message.into(),
        }
    }

    /// Prefixes the place (`arg 0 'rec': `) to the message.
    fn within(mut self, path: &str) -> Self {
        self.message = format!("{path}{}", self.message);
        self
    }

    /// The byte offset into the literal's text where the syntax error is, if it is one.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// The message without the offset.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(at) => write!(f, "{} (at byte {at})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for LiteralError {}

/// Parses a literal as written, without a declared type.
pub fn parse(text: &str) -> Result<Value, LiteralError> {
    typed::untyped(&parse::parse(text)?)
}

/// Parses a literal as a value of the Zeek type `ty`; `schema` describes the records and
/// enums it names (without one, named types are taken as written).
pub fn parse_as(text: &str, ty: &TypeDesc, schema: Option<&Schema>) -> Result<Value, LiteralError> {
    let lit = parse::parse(text)?;
    typed::Typer { schema }.convert(&lit, ty, "")
}

/// Parses `name(arg, ...)`, an event call on one line, without declared types.
pub fn parse_call(text: &str) -> Result<(String, Vec<Value>), LiteralError> {
    let (name, args) = parse::parse_call(text)?;
    let args = args
        .iter()
        .enumerate()
        .map(|(i, a)| typed::untyped(a).map_err(|e| e.within(&format!("arg {i}: "))))
        .collect::<Result<_, _>>()?;
    Ok((name, args))
}

/// Parses an event call `name(arg, ...)` against the event's declaration in `schema`.
pub fn parse_call_as(text: &str, schema: &Schema) -> Result<(String, Vec<Value>), LiteralError> {
    let (name, lits) = parse::parse_call(text)?;
    let Some(event) = schema.event(&name) else {
        return Err(LiteralError::new(format!(
            "event {name} is not declared in the schema"
        )));
    };
    let args = convert_args(&lits, event, schema)?;
    Ok((name, args))
}

/// Parses one literal per argument of `event`, each against its declared type.
pub fn parse_args_as<S: AsRef<str>>(
    texts: &[S],
    event: &zeekws_codegen::Event,
    schema: &Schema,
) -> Result<Vec<Value>, LiteralError> {
    let mut lits = Vec::with_capacity(texts.len());
    for (i, t) in texts.iter().enumerate() {
        let lit = parse::parse(t.as_ref()).map_err(|e| {
            let place = match event.params.get(i) {
                Some(p) => format!("event {} arg {i} '{}': ", event.name, p.name),
                None => format!("event {} arg {i}: ", event.name),
            };
            e.within(&place)
        })?;
        lits.push(lit);
    }
    convert_args(&lits, event, schema)
}

fn convert_args(
    lits: &[parse::Lit],
    event: &zeekws_codegen::Event,
    schema: &Schema,
) -> Result<Vec<Value>, LiteralError> {
    if lits.len() != event.params.len() {
        let names: Vec<String> = event
            .params
            .iter()
            .map(|p| format!("{}: {}", p.name, p.ty))
            .collect();
        return Err(LiteralError::new(format!(
            "event {} takes {} argument{} ({}), got {}",
            event.name,
            event.params.len(),
            if event.params.len() == 1 { "" } else { "s" },
            names.join(", "),
            lits.len()
        )));
    }
    let typer = typed::Typer {
        schema: Some(schema),
    };
    lits.iter()
        .zip(&event.params)
        .enumerate()
        .map(|(i, (lit, p))| {
            let path = format!("event {} arg {i} '{}': ", event.name, p.name);
            typer.convert(lit, &p.ty.descriptor(), &path)
        })
        .collect()
}

/// A value in Zeek's literal syntax, as written without a declared type.
pub fn to_string(v: &Value) -> String {
    let mut out = String::new();
    render::Renderer { schema: None }.render(&mut out, v, None);
    out
}

/// A value in Zeek's literal syntax as a value of `ty`: records as `[$field=value, ...]`
/// with the names `schema` declares (unset fields left out), patterns as `/re/`.
pub fn to_string_as(v: &Value, ty: &TypeDesc, schema: Option<&Schema>) -> String {
    let mut out = String::new();
    render::Renderer { schema }.render(&mut out, v, Some(ty));
    out
}

#[cfg(test)]
mod tests;
