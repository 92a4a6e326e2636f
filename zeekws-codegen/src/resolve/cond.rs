//! The `@if` policy: pinned conditions, decidable `@ifdef`s, assumed first branches.

use super::*;

impl<'o> Walker<'o> {
    /// Evaluates a condition marker and updates the stack.
    pub(super) fn cond(&mut self, c: &Cond, span: Span, conds: &mut CondStack) {
        match c {
            Cond::Else => {
                if !conds.else_() {
                    self.errors
                        .push(Diag::error("`@else` without `@if`", span).label("no open `@if`"));
                }
            }
            Cond::Endif => {
                if !conds.pop() {
                    self.errors
                        .push(Diag::error("`@endif` without `@if`", span).label("no open `@if`"));
                }
            }
            _ if !conds.active() => conds.push(false),
            Cond::If(text) => {
                let key = normalize_condition(text);
                let value = match key.as_str() {
                    "T" => Some(true),
                    "F" => Some(false),
                    _ => self.opts.assumptions.conditions.get(&key).copied(),
                };
                let guess = value.is_none().then(|| format!("@if ( {} )", text.trim()));
                let value = value.unwrap_or_else(|| {
                    self.warnings.push(
                        Diag::warning(
                            format!("cannot evaluate `@if ( {text} )`; taking its first branch"),
                            span,
                        )
                        .label("assumed true")
                        .note(format!(
                            "pin it with `Config::condition(\"{text}\", true/false)`"
                        )),
                    );
                    true
                });
                conds.push_guess(value, guess);
            }
            Cond::Ifdef(name) | Cond::Ifndef(name) => {
                let mut guess = None;
                let complete = self
                    .opts
                    .assumptions
                    .complete_prefixes
                    .iter()
                    .any(|p| name.trim().starts_with(p.as_str()));
                let defined = match self.opts.assumptions.defined.get(name.trim()) {
                    Some(&v) => v,
                    None if complete => false,
                    None => {
                        let known = scope::candidates(name.trim(), &self.module)
                            .iter()
                            .any(|n| self.names.contains(n) || self.types.contains_key(n));
                        if !known && matches!(c, Cond::Ifdef(_)) {
                            self.warnings.push(
                                Diag::warning(
                                    format!(
                                        "`{name}` is not declared by any loaded script; \
                                         taking the first branch of `@ifdef`"
                                    ),
                                    span,
                                )
                                .label("assumed defined")
                                .note(format!(
                                    "pin it with `Config::defined(\"{name}\", true/false)`"
                                )),
                            );
                            guess = Some(format!("@ifdef ( {} )", name.trim()));
                            true
                        } else {
                            known
                        }
                    }
                };
                conds.push_guess(
                    if matches!(c, Cond::Ifdef(_)) {
                        defined
                    } else {
                        !defined
                    },
                    guess,
                );
            }
        }
    }
}
