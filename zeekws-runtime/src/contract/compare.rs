//! This build's [`Layouts`] against the layouts the running Zeek reported.

use std::fmt;

use zeekws_codegen::TypeDesc;

use super::type_name::{conforms, parse, parse_event};
use super::{Described, LayoutInfo};
use crate::codec::{Layout, Layouts};

/// One way the running Zeek differs from this build: the item and what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The record, enum or event (`Conn::Info`).
    pub item: String,
    /// What differs (`field 19: the running Zeek has ..., this build has none`).
    pub message: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.item, self.message)
    }
}

/// The outcome of a comparison: differences that break reading, and compatible changes
/// (fields appended to an extensible record, values added to an open enum).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What breaks.
    pub differences: Vec<Difference>,
    /// What this build accepts although it differs.
    pub compatible: Vec<String>,
}

/// Compares what this build expects with what the running Zeek reported.
pub fn compare(ours: &Layouts, theirs: &Described) -> Report {
    let mut report = Report::default();
    for (name, layout) in ours.iter() {
        let diff = |report: &mut Report, message: String| {
            report.differences.push(Difference {
                item: name.to_owned(),
                message,
            });
        };
        let Some(info) = theirs.layouts.iter().find(|l| l.name == name) else {
            diff(
                &mut report,
                "was not described by the running Zeek".to_owned(),
            );
            continue;
        };
        match layout {
            Layout::Record { fields, extensible } => {
                if info.kind != "record" {
                    diff(&mut report, missing(info, "record"));
                    continue;
                }
                record(&mut report, name, fields, *extensible, info);
            }
            Layout::Enum { values, open } => {
                if info.kind != "enum" {
                    diff(&mut report, missing(info, "enum"));
                    continue;
                }
                for v in values {
                    if !info.values.contains(v) {
                        diff(
                            &mut report,
                            format!("value {v}: the running Zeek does not declare it"),
                        );
                    }
                }
                for v in &info.values {
                    if !values.contains(v) {
                        if *open {
                            report.compatible.push(format!(
                                "{name}: the running Zeek declares value {v}, kept by the open enum"
                            ));
                        } else {
                            diff(
                                &mut report,
                                format!(
                                    "value {v}: the running Zeek declares it, this build does not know it; the enum is not open (no #[zeek(other)] variant)"
                                ),
                            );
                        }
                    }
                }
            }
            Layout::Event { args } => {
                if info.kind != "event" {
                    diff(&mut report, missing(info, "event"));
                    continue;
                }
                let Some(zeek_args) = parse_event(&info.signature) else {
                    diff(
                        &mut report,
                        format!("has the type `{}`, not an event", info.signature),
                    );
                    continue;
                };
                if zeek_args.len() != args.len() {
                    diff(
                        &mut report,
                        format!(
                            "takes {} argument(s) in the running Zeek ({}), {} in this build",
                            zeek_args.len(),
                            info.signature,
                            args.len()
                        ),
                    );
                    continue;
                }
                for (i, ((our_name, ty), (zeek_name, zeek_ty))) in
                    args.iter().zip(&zeek_args).enumerate()
                {
                    let ours = ty.clone();
                    if !conforms(&ours, zeek_ty) {
                        diff(
                            &mut report,
                            format!(
                                "arg {i}: the running Zeek has `{zeek_name}: {zeek_ty}`, this build has `{our_name}: {ours}`"
                            ),
                        );
                    }
                }
            }
        }
    }
    report
}

fn missing(info: &LayoutInfo, expected: &str) -> String {
    if info.kind == "missing" {
        format!("is not declared by the running Zeek (this build expects a {expected})")
    } else {
        format!(
            "is a {} in the running Zeek, this build expects a {expected}",
            info.kind
        )
    }
}

fn field_text(name: &str, ty: &TypeDesc, optional: bool) -> String {
    format!("{name}: {ty}{}", if optional { " &optional" } else { "" })
}

fn record(
    report: &mut Report,
    name: &str,
    ours: &[crate::codec::FieldLayout],
    extensible: bool,
    info: &LayoutInfo,
) {
    let mut diff = |message: String| {
        report.differences.push(Difference {
            item: name.to_owned(),
            message,
        });
    };
    for (i, f) in ours.iter().enumerate() {
        let ours_ty = f.ty.clone();
        let Some(z) = info.fields.get(i) else {
            diff(format!(
                "field {i}: this build has `{}`, the running Zeek's record ends before it ({} fields)",
                field_text(&f.name, &ours_ty, f.optional),
                info.fields.len()
            ));
            continue;
        };
        let zeek_ty = parse(&z.type_name);
        if z.name != f.name || !conforms(&ours_ty, &zeek_ty) {
            diff(format!(
                "field {i}: the running Zeek has `{}`, this build has `{}`",
                field_text(&z.name, &zeek_ty, z.optional),
                field_text(&f.name, &ours_ty, f.optional)
            ));
        } else if z.optional != f.optional {
            let why = if z.optional {
                "Zeek may send none for it, which this build cannot hold (make it an Option)"
            } else {
                "Zeek always sets it; this build would send none for it, which Zeek leaves uninitialized"
            };
            diff(format!(
                "field {i} '{}': &optional is {} in the running Zeek, {} in this build: {why}",
                f.name,
                if z.optional { "set" } else { "not set" },
                if f.optional { "set" } else { "not set" },
            ));
        }
    }
    for (i, z) in info.fields.iter().enumerate().skip(ours.len()) {
        let text = field_text(&z.name, &parse(&z.type_name), z.optional);
        if extensible {
            report.compatible.push(format!(
                "{name} field {i}: the running Zeek appends `{text}`, ignored by the extensible record"
            ));
        } else {
            report.differences.push(Difference {
                item: name.to_owned(),
                message: format!(
                    "field {i}: the running Zeek has `{text}`, this build has none; the record is not extensible"
                ),
            });
        }
    }
}
