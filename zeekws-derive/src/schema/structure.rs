//! Structure: field count, names and order, compared in the macro with spanned errors.

use super::*;

pub(super) fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Field count, names and order: every difference as a spanned error.
pub(super) fn structure(
    cont: &Container<'_>,
    target: &Target,
    fields: &[&Field<'_>],
    style: Style,
) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    let what = target.what;
    let zn = target.decls.len();
    let sn = fields.len();
    let header = format!(
        "{} declares {}, the struct has {sn}",
        target.name,
        plural(zn, what)
    );
    let missing_at = |idx: &[usize]| -> String {
        idx.iter()
            .map(|&j| {
                let d = &target.decls[j];
                format!("'{}' ({})", d.name, d.at)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };

    if style != Style::Struct {
        // Tuple (or unit) structs: positions only.
        if zn > sn {
            let idx: Vec<usize> = (sn..zn).collect();
            errors.push(syn::Error::new(
                cont.ident.span(),
                format!("{header}: missing {}", missing_at(&idx)),
            ));
        }
        for f in fields.iter().skip(zn) {
            errors.push(syn::Error::new(
                f.ty.span(),
                format!(
                    "{what} {} is not in {} ({}): {header}",
                    f.name, target.name, target.at
                ),
            ));
        }
        return errors;
    }

    let s: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let z: Vec<&str> = target.decls.iter().map(|d| d.name.as_str()).collect();
    if s == z {
        return errors;
    }
    let missing: Vec<usize> = (0..zn).filter(|&j| !s.contains(&z[j])).collect();
    let extra: Vec<usize> = (0..sn).filter(|&i| !z.contains(&s[i])).collect();

    if missing.is_empty() && extra.is_empty() {
        // The same names in another order. One field moved (the others keep their order):
        // one error at that field, not one per shifted field.
        let differing = (0..sn).filter(|&i| s[i] != z[i]).count();
        if differing > 2
            && let Some(i) = (0..sn).find(|&i| {
                let without = |names: &[&str]| -> Vec<String> {
                    names
                        .iter()
                        .filter(|n| **n != s[i])
                        .map(|n| n.to_string())
                        .collect()
                };
                without(&s) == without(&z)
            })
        {
            let j = z.iter().position(|n| *n == s[i]).unwrap_or(i);
            errors.push(syn::Error::new(
                fields[i].member.span(),
                format!(
                    "{what} '{}' moved from index {j} to {i}: {} declares it at index {j} ({}), and the other {what}s keep their declared order; Zeek sends {what}s in declaration order, so move it back",
                    s[i], target.name, target.decls[j].at
                ),
            ));
            return errors;
        }
        let mut reported = vec![false; sn];
        for i in 0..sn {
            if s[i] == z[i] || reported[i] {
                continue;
            }
            let Some(j) = z.iter().position(|n| *n == s[i]) else {
                continue;
            };
            let field = fields[i];
            if s.get(j) == Some(&z[i]) {
                reported[i] = true;
                reported[j] = true;
                errors.push(syn::Error::new(
                    field.member.span(),
                    format!(
                        "{what}s '{}' (index {i}) and '{}' (index {j}) are swapped: {} declares '{}' at index {i} ({}) and '{}' at index {j} ({}); Zeek sends {what}s in declaration order",
                        s[i], s[j], target.name, z[i], target.decls[i].at, z[j], target.decls[j].at
                    ),
                ));
            } else {
                reported[i] = true;
                errors.push(syn::Error::new(
                    field.member.span(),
                    format!(
                        "{what} '{}' is at index {i} in the struct but at index {j} in {} ({}); Zeek sends {what}s in declaration order",
                        s[i], target.name, target.decls[j].at
                    ),
                ));
            }
        }
        return errors;
    }

    if zn == sn && missing == extra {
        // Same positions, different names: renamed fields.
        for &i in &extra {
            let d = &target.decls[i];
            errors.push(syn::Error::new(
                fields[i].member.span(),
                format!(
                    "{what} '{}' (index {i}) is named '{}' in {} ({}); rename it to match",
                    s[i], d.name, target.name, d.at
                ),
            ));
        }
        return errors;
    }

    for &i in &extra {
        errors.push(syn::Error::new(
            fields[i].member.span(),
            format!(
                "{what} '{}' (index {i}) is not in {} ({}): {header}; remove it, or declare it in the Zeek script",
                s[i], target.name, target.at
            ),
        ));
    }
    if !missing.is_empty() {
        errors.push(syn::Error::new(
            cont.ident.span(),
            format!("{header}: missing {}", missing_at(&missing)),
        ));
    }
    errors
}
