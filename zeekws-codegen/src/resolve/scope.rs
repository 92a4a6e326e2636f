//! Zeek's naming rules (Scope.cc, module_util.cc) and the `@if` policy.

use std::collections::HashMap;

/// The global module's name.
pub(crate) const GLOBAL: &str = "GLOBAL";

/// The full name of an identifier declared as `name` in `module`: qualified names are taken
/// as written, `::x` is global, and an unqualified name gets the current module (unless that
/// is `GLOBAL`), whether or not it is exported.
pub(crate) fn qualify(name: &str, module: &str) -> String {
    if let Some(rest) = name.strip_prefix("::") {
        rest.to_string()
    } else if name.contains("::") || module == GLOBAL {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// The names to try, in order, for a reference to `name` from `module`: a qualified name is
/// absolute; an unqualified one means `module::name` first, then the global `name`.
pub(crate) fn candidates(name: &str, module: &str) -> Vec<String> {
    if let Some(rest) = name.strip_prefix("::") {
        vec![rest.to_string()]
    } else if name.contains("::") || module == GLOBAL {
        vec![name.to_string()]
    } else {
        vec![format!("{module}::{name}"), name.to_string()]
    }
}

/// The module part of a qualified name (`GLOBAL` when there is none).
pub(crate) fn module_of(qualified: &str) -> &str {
    match qualified.rfind("::") {
        Some(i) => &qualified[..i],
        None => GLOBAL,
    }
}

/// Normalises an `@if` condition for lookup in the user's assumptions: whitespace removed.
pub(crate) fn normalize_condition(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One open `@if`.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// Whether the enclosing region is active.
    parent: bool,
    /// The condition's (assumed) value.
    value: bool,
    /// Whether `@else` has been seen.
    in_else: bool,
    /// The directive, when its value was guessed (`@ifdef ( Analyzer::ANALYZER_QUIC )`).
    guess: Option<String>,
}

/// The stack of open `@if`s in one file (or one record body).
#[derive(Debug, Default)]
pub(crate) struct CondStack {
    frames: Vec<Frame>,
}

impl CondStack {
    /// Whether declarations here are taken.
    pub fn active(&self) -> bool {
        match self.frames.last() {
            Some(f) => f.parent && (f.value != f.in_else),
            None => true,
        }
    }

    pub fn push(&mut self, value: bool) {
        self.push_guess(value, None);
    }

    /// Opens an `@if` whose value was guessed (`guess`: the directive) or decided (`None`).
    pub fn push_guess(&mut self, value: bool, guess: Option<String>) {
        let parent = self.active();
        self.frames.push(Frame {
            parent,
            value,
            in_else: false,
            guess,
        });
    }

    /// The guessed directive that what is declared here depends on, if any.
    pub fn guessed(&self) -> Option<String> {
        self.frames.iter().find_map(|f| f.guess.clone())
    }

    /// `@else`; false when there is no open `@if`.
    pub fn else_(&mut self) -> bool {
        match self.frames.last_mut() {
            Some(f) if !f.in_else => {
                f.in_else = true;
                true
            }
            _ => false,
        }
    }

    /// `@endif`; false when there is no open `@if`.
    pub fn pop(&mut self) -> bool {
        self.frames.pop().is_some()
    }

    pub fn depth(&self) -> usize {
        self.frames.len()
    }
}

/// User-set answers for conditions the resolver cannot evaluate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Assumptions {
    /// `@if ( expr )` by normalised expression text.
    pub conditions: HashMap<String, bool>,
    /// `@ifdef ( name )` / `@ifndef ( name )` by name.
    pub defined: HashMap<String, bool>,
    /// Name prefixes whose defined names are all in `defined` (`Analyzer::ANALYZER_` after
    /// asking a Zeek for its analyzer tags): any other name with the prefix is undefined.
    pub complete_prefixes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming() {
        assert_eq!(qualify("Info", "Conn"), "Conn::Info");
        assert_eq!(qualify("conn_id", GLOBAL), "conn_id");
        assert_eq!(qualify("Cluster::Pool", GLOBAL), "Cluster::Pool");
        assert_eq!(qualify("mysql::LOG", "MySQL"), "mysql::LOG");
        assert_eq!(qualify("::x", "M"), "x");
        assert_eq!(
            candidates("connection", "Conn"),
            ["Conn::connection", "connection"]
        );
        assert_eq!(
            module_of("Management::Agent::API::x"),
            "Management::Agent::API"
        );
        assert_eq!(module_of("tcp"), GLOBAL);
    }

    #[test]
    fn conditionals() {
        let mut s = CondStack::default();
        s.push(true);
        assert!(s.active());
        s.push(false);
        assert!(!s.active());
        assert!(s.else_());
        assert!(s.active());
        assert!(!s.else_());
        assert!(s.pop());
        assert!(s.else_());
        assert!(!s.active());
        s.push(true);
        assert!(!s.active());
    }
}
