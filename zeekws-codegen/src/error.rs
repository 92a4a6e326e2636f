//! Errors and diagnostics (file:line:column, the source line and a caret).

use std::fmt;
use std::path::PathBuf;

use crate::source::{Location, SourceMap, Span};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Loading failed.
    Error,
    /// Loading went on, but something may be missing or guessed.
    Warning,
}

/// One message about a `.zeek` file, rendered with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The message, lowercase, no final period.
    pub message: String,
    /// Where it happened, when known.
    pub location: Option<Location>,
    /// Extra lines (`note: ...`).
    pub notes: Vec<String>,
    rendered: String,
}

impl Diagnostic {
    /// An error without a source location.
    #[cfg(feature = "emit")]
    pub(crate) fn plain(message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rendered: format!("error: {message}"),
            message,
            location: None,
            notes: Vec::new(),
        }
    }

    /// The full text: message, `file:line:col`, source line, caret and notes.
    pub fn rendered(&self) -> &str {
        &self.rendered
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered)
    }
}

/// A diagnostic before rendering (spans not yet turned into lines).
#[derive(Debug, Clone)]
pub(crate) struct Diag {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    pub label: String,
    pub notes: Vec<String>,
}

impl Diag {
    pub fn error(message: impl Into<String>, span: Span) -> Self {
        Diag {
            severity: Severity::Error,
            message: message.into(),
            span: Some(span),
            label: String::new(),
            notes: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>, span: Span) -> Self {
        Diag {
            severity: Severity::Warning,
            ..Diag::error(message, span)
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn render(&self, sources: &SourceMap) -> Diagnostic {
        use annotate_snippets::{Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let location = self.span.map(|s| sources.location(s));
        let mut message = level.title(&self.message);
        let line_text;
        let origin;
        let file = self.span.and_then(|s| sources.get(s.file));
        if let (Some(span), Some(loc), Some(file)) = (self.span, &location, file) {
            {
                let text = file.text();
                let start = (span.start as usize).min(text.len());
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                let raw = text[line_start..line_end].trim_end_matches('\r');
                let a0 = (start - line_start).min(raw.len());
                let b0 = (span.end as usize)
                    .min(line_end)
                    .saturating_sub(line_start)
                    .clamp(a0, raw.len());
                // A tab becomes one space: the caret lines up and the column the renderer
                // prints counts a tab as one, like `Location` and editors do.
                let expand = |s: &str| s.replace('\t', " ");
                let mut a = raw.get(..a0).map_or(a0, |p| expand(p).len());
                let mut b = raw.get(..b0).map_or(b0, |p| expand(p).len());
                line_text = expand(raw);
                a = a.min(line_text.len());
                b = b.clamp(a, line_text.len());
                if a == b {
                    // Widen an empty span to one character where there is one.
                    if let Some(c) = line_text[a..].chars().next() {
                        b = a + c.len_utf8();
                    }
                }
                origin = loc.path.display().to_string();
                let snippet = Snippet::source(&line_text)
                    .line_start(loc.line)
                    .origin(&origin)
                    .annotation(level.span(a..b).label(&self.label));
                message = message.snippet(snippet);
            }
        }
        for note in &self.notes {
            message = message.footer(Level::Note.title(note));
        }
        let rendered = Renderer::plain().render(message).to_string();
        Diagnostic {
            severity: self.severity,
            message: self.message.clone(),
            location,
            notes: self.notes.clone(),
            rendered,
        }
    }
}

/// Everything that can go wrong while loading Zeek scripts or generating code.
///
/// `Debug` prints the same text as `Display` (the rendered diagnostics with their source
/// lines and carets; an I/O error with the file and its cause), as `anyhow::Error` does: a `build.rs` or a
/// `main` that returns this error with `?` shows the diagnostics, not a struct dump.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The scripts have errors; each diagnostic says where.
    #[error("{}", DisplayAll(.0))]
    Diagnostics(Vec<Diagnostic>),
    /// A file could not be read or written.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// No output directory: neither `Config::out_dir` nor `OUT_DIR` is set.
    #[error("no output directory: set `Config::out_dir` or run from a build script (OUT_DIR)")]
    NoOutDir,
    /// The generated code could not be parsed back for formatting (a generator bug).
    #[error("generated code does not parse (a zeekws-codegen bug): {0}")]
    Format(String),
}

impl Error {
    /// The diagnostics, if this error carries any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Diagnostics(d) => d,
            _ => &[],
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every variant's `Display` already ends with its cause (`cannot access x: <io error>`).
        fmt::Display::fmt(self, f)
    }
}

struct DisplayAll<'a>(&'a [Diagnostic]);

impl fmt::Display for DisplayAll<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            writeln!(f, "{}", d.rendered)?;
        }
        write!(
            f,
            "{errors} error{} in zeek scripts",
            if errors == 1 { "" } else { "s" }
        )
    }
}
