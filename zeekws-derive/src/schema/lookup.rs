//! Finding the declaration a derive names, with a suggestion when the name is close.

use super::*;

/// The record or event `name` as the derive (`derive`) expects it, or a message saying what
/// the schema declares under that name instead, with close names suggested.
pub(super) fn lookup(
    schema: &Schema,
    name: &str,
    derive: Derive,
    base: &Path,
    file: &str,
) -> Result<Target, String> {
    let kind_of = |n: &str| -> Option<&'static str> {
        if schema.record(n).is_some() {
            Some("a record")
        } else if schema.enum_(n).is_some() {
            Some("an enum")
        } else if schema.event(n).is_some() {
            Some("an event")
        } else if schema.alias(n).is_some() {
            Some("a type alias")
        } else {
            None
        }
    };
    match derive {
        Derive::Record => {
            if let Some(r) = schema.record(name) {
                return Ok(Target {
                    name: r.name.clone(),
                    what: "field",
                    at: short(&r.location, base),
                    decls: r
                        .fields
                        .iter()
                        .map(|f| Decl {
                            name: f.name.clone(),
                            ty: f.ty.clone(),
                            optional: f.optional,
                            at: short(&f.location, base),
                        })
                        .collect(),
                });
            }
        }
        _ => {
            if let Some(e) = schema.event(name) {
                return Ok(Target {
                    name: e.name.clone(),
                    what: "argument",
                    at: short(&e.location, base),
                    decls: e
                        .params
                        .iter()
                        .map(|p| Decl {
                            name: p.name.clone(),
                            ty: p.ty.clone(),
                            optional: false,
                            at: short(&p.location, base),
                        })
                        .collect(),
                });
            }
        }
    }
    let wanted = if derive == Derive::Record {
        "a record"
    } else {
        "an event"
    };
    if let Some(kind) = kind_of(name) {
        return Err(format!(
            "{name} is {kind} in {file:?}, not {wanted}; #[derive({})] checks {wanted}",
            derive.name()
        ));
    }
    let declared: Vec<&str> = if derive == Derive::Record {
        schema
            .records()
            .iter()
            .filter(|r| schema.is_entry(r.span))
            .map(|r| r.name.as_str())
            .collect()
    } else {
        schema
            .events()
            .iter()
            .filter(|e| schema.is_entry(e.span))
            .map(|e| e.name.as_str())
            .collect()
    };
    let last = name.rsplit("::").next().unwrap_or(name);
    let similar: Vec<&str> = declared
        .iter()
        .copied()
        .filter(|d| {
            d.eq_ignore_ascii_case(name) || d.rsplit("::").next().is_some_and(|l| l == last)
        })
        .collect();
    let mut msg = format!("{name} is not declared in {file:?} or the files it loads");
    if !similar.is_empty() {
        msg.push_str(&format!("; did you mean {}?", quoted(&similar)));
    } else if declared.is_empty() {
        msg.push_str(&format!(
            "; it declares no {}",
            if derive == Derive::Record {
                "records"
            } else {
                "events"
            }
        ));
    } else {
        let shown: Vec<&str> = declared.iter().copied().take(8).collect();
        let more = if declared.len() > shown.len() {
            ", ..."
        } else {
            ""
        };
        msg.push_str(&format!(
            "; it declares {}{more} (write the qualified name, like \"Module::Type\")",
            quoted(&shown)
        ));
    }
    Err(msg)
}
