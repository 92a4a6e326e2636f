//! Schema evolution: what changed between two versions of the same scripts, and whether
//! the change breaks a peer built against the old one (as buf's breaking-change check does
//! for protobuf). Records travel as positional vectors, so order, types and `&optional`
//! are the contract; names of fields and event arguments do not travel.
//!
//! ```
//! # fn main() -> Result<(), zeekws_codegen::Error> {
//! # let dir = std::env::temp_dir().join(format!("zeekws-compat-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let (old, new) = (dir.join("old.zeek"), dir.join("new.zeek"));
//! # std::fs::write(&old, "module A;\nexport { type R: record { a: count; b: string; }; }\n").unwrap();
//! # std::fs::write(&new, "module A;\nexport { type R: record { b: string; a: count; c: addr &optional; }; }\n").unwrap();
//! use zeekws_codegen::{Schema, compat};
//!
//! let changes = compat::compare(&Schema::load(&old, &[] as &[&str])?, &Schema::load(&new, &[] as &[&str])?, &[]);
//! assert!(changes.iter().any(|c| c.breaking && c.message == "field 'a' moved from index 0 to 1"));
//! assert!(changes.iter().any(|c| !c.breaking && c.message == "field 'c' (addr &optional) appended"));
//! # Ok(()) }
//! ```

use std::collections::HashSet;

use crate::model::{Field, Schema};
use crate::source::Location;

/// One difference between the old and the new schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// True when a peer built against the old schema misreads or is refused by the new one.
    pub breaking: bool,
    /// The record, enum or event (`App::Alert`).
    pub item: String,
    /// What changed (`field 'score' changed type from double to count`).
    pub message: String,
    /// Where in the old schema, when it is there.
    pub old: Option<Location>,
    /// Where in the new schema, when it is there.
    pub new: Option<Location>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.breaking {
            "breaking"
        } else {
            "compatible"
        };
        write!(f, "{kind}: {}: {}", self.item, self.message)?;
        match (&self.old, &self.new) {
            (Some(o), Some(n)) => write!(f, " ({o} -> {n})"),
            (Some(o), None) => write!(f, " ({o})"),
            (None, Some(n)) => write!(f, " ({n})"),
            (None, None) => Ok(()),
        }
    }
}

/// Compares every record, enum and event that `old`'s entry files declare (or only the
/// names in `only`, wherever declared) with `new`, and lists what `new`'s entry files add.
pub fn compare(old: &Schema, new: &Schema, only: &[String]) -> Vec<Change> {
    let mut out = Vec::new();
    let wanted = |name: &str, entry: bool| {
        if only.is_empty() {
            entry
        } else {
            only.iter().any(|n| n == name)
        }
    };
    let mut push =
        |breaking, item: &str, message: String, old: Option<Location>, new: Option<Location>| {
            out.push(Change {
                breaking,
                item: item.to_owned(),
                message,
                old,
                new,
            });
        };

    for r in old.records() {
        if !wanted(&r.name, old.is_entry(r.span)) {
            continue;
        }
        match new.record(&r.name) {
            None => push(
                true,
                &r.name,
                "record removed".into(),
                Some(r.location.clone()),
                None,
            ),
            Some(n) => {
                for (breaking, message, o, nl) in fields(&r.fields, &n.fields) {
                    push(breaking, &r.name, message, o, nl);
                }
            }
        }
    }
    for e in old.enums() {
        if !wanted(&e.name, old.is_entry(e.span)) {
            continue;
        }
        match new.enum_(&e.name) {
            None => push(
                true,
                &e.name,
                "enum removed".into(),
                Some(e.location.clone()),
                None,
            ),
            Some(n) => {
                for v in &e.values {
                    if !n.values.iter().any(|x| x.name == v.name) {
                        push(
                            true,
                            &e.name,
                            format!("value {} removed", v.name),
                            Some(v.location.clone()),
                            Some(n.location.clone()),
                        );
                    }
                }
                for v in &n.values {
                    if !e.values.iter().any(|x| x.name == v.name) {
                        push(
                            false,
                            &e.name,
                            format!("value {} added", v.name),
                            Some(e.location.clone()),
                            Some(v.location.clone()),
                        );
                    }
                }
            }
        }
    }
    for ev in old.events() {
        if !wanted(&ev.name, old.is_entry(ev.span)) {
            continue;
        }
        let Some(n) = new.event(&ev.name) else {
            push(
                true,
                &ev.name,
                "event removed".into(),
                Some(ev.location.clone()),
                None,
            );
            continue;
        };
        if ev.params.len() != n.params.len() {
            push(
                true,
                &ev.name,
                format!(
                    "takes {} arguments, was {}",
                    n.params.len(),
                    ev.params.len()
                ),
                Some(ev.location.clone()),
                Some(n.location.clone()),
            );
        }
        for (i, (a, b)) in ev.params.iter().zip(&n.params).enumerate() {
            let (ta, tb) = (a.ty.descriptor(), b.ty.descriptor());
            if ta != tb {
                push(
                    true,
                    &ev.name,
                    format!("argument {i} '{}' changed type from {ta} to {tb}", a.name),
                    Some(a.location.clone()),
                    Some(b.location.clone()),
                );
            } else if a.name != b.name {
                push(
                    false,
                    &ev.name,
                    format!("argument {i} renamed from '{}' to '{}'", a.name, b.name),
                    Some(a.location.clone()),
                    Some(b.location.clone()),
                );
            }
        }
    }

    if only.is_empty() {
        let known: HashSet<&str> = old
            .records()
            .iter()
            .map(|r| r.name.as_str())
            .chain(old.enums().iter().map(|e| e.name.as_str()))
            .chain(old.events().iter().map(|e| e.name.as_str()))
            .collect();
        for (what, name, span, loc) in new
            .records()
            .iter()
            .map(|r| ("record", &r.name, r.span, &r.location))
            .chain(
                new.enums()
                    .iter()
                    .map(|e| ("enum", &e.name, e.span, &e.location)),
            )
            .chain(
                new.events()
                    .iter()
                    .map(|e| ("event", &e.name, e.span, &e.location)),
            )
        {
            if new.is_entry(span) && !known.contains(name.as_str()) {
                push(false, name, format!("new {what}"), None, Some(loc.clone()));
            }
        }
    }
    out
}

type FieldChange = (bool, String, Option<Location>, Option<Location>);

/// The changes between two field lists of one record.
fn fields(old: &[Field], new: &[Field]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let here = |f: &Field| Some(f.location.clone());
    let in_new = |name: &str| new.iter().position(|f| f.name == name);
    let in_old = |name: &str| old.iter().position(|f| f.name == name);

    for (i, f) in old.iter().enumerate() {
        if in_new(&f.name).is_none() {
            out.push((
                true,
                format!("field '{}' (index {i}) removed", f.name),
                here(f),
                None,
            ));
        }
    }
    for (j, f) in new.iter().enumerate() {
        if in_old(&f.name).is_some() {
            continue;
        }
        let appended = new[j..].iter().all(|g| in_old(&g.name).is_none());
        let what = format!("{}{}", f.ty, if f.optional { " &optional" } else { "" });
        if appended && f.optional {
            out.push((
                false,
                format!("field '{}' ({what}) appended", f.name),
                None,
                here(f),
            ));
        } else if appended {
            out.push((
                true,
                format!("field '{}' ({what}) appended without &optional: a peer that does not send it is refused", f.name),
                None,
                here(f),
            ));
        } else {
            out.push((
                true,
                format!(
                    "field '{}' inserted at index {j}, before the end: every later field moves",
                    f.name
                ),
                None,
                here(f),
            ));
        }
    }
    // The fields both have, in each one's order: a move is reported once, at the field
    // that moved (the one whose removal leaves both orders equal), else every displaced one.
    let old_common: Vec<&str> = old
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| in_new(n).is_some())
        .collect();
    let new_common: Vec<&str> = new
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| in_old(n).is_some())
        .collect();
    if old_common != new_common {
        let single = old_common.iter().find(|moved| {
            let a = old_common.iter().filter(|n| *n != *moved);
            let b = new_common.iter().filter(|n| *n != *moved);
            a.eq(b)
        });
        let moved: Vec<&str> = match single {
            Some(m) => vec![m],
            None => old_common
                .iter()
                .zip(&new_common)
                .filter(|(a, b)| a != b)
                .map(|(a, _)| *a)
                .collect(),
        };
        for name in moved {
            let (i, j) = (in_old(name).unwrap_or(0), in_new(name).unwrap_or(0));
            out.push((
                true,
                format!("field '{name}' moved from index {i} to {j}"),
                here(&old[i]),
                here(&new[j]),
            ));
        }
    }
    for o in old {
        let Some(j) = in_new(&o.name) else { continue };
        let n = &new[j];
        let (a, b) = (o.ty.descriptor(), n.ty.descriptor());
        if a != b {
            out.push((
                true,
                format!("field '{}' changed type from {a} to {b}", o.name),
                here(o),
                here(n),
            ));
        }
        match (o.optional, n.optional) {
            (true, false) => out.push((
                true,
                format!(
                    "field '{}' is no longer &optional: a peer that leaves it unset is refused",
                    o.name
                ),
                here(o),
                here(n),
            )),
            (false, true) => out.push((
                true,
                format!(
                    "field '{}' became &optional: a reader that expects it set gets none",
                    o.name
                ),
                here(o),
                here(n),
            )),
            _ => {}
        }
    }
    out
}
