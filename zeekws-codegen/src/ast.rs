//! Syntax tree of the declarations in one `.zeek` file. Bodies and initialisers are skipped;
//! every node keeps its source span.

use crate::source::Span;

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The text (`Info`, `Conn::Info`, `::x`).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// One parsed file.
#[derive(Debug, Clone, Default)]
pub struct File {
    /// `##!` lines.
    pub doc: Vec<String>,
    /// Declarations and directives in source order.
    pub decls: Vec<Decl>,
}

/// A declaration or directive.
#[derive(Debug, Clone)]
pub struct Decl {
    /// What it is.
    pub kind: DeclKind,
    /// From its first to its last token.
    pub span: Span,
    /// `##` before it and `##<` after it.
    pub doc: Vec<String>,
}

/// Variable declaration keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// `global`
    Global,
    /// `const`
    Const,
    /// `option`
    Option,
    /// `redef` (of a variable)
    Redef,
}

/// `function`, `event` or `hook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FuncKind {
    /// `function`
    Function,
    /// `event`
    Event,
    /// `hook`
    Hook,
}

/// `@load` family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// `@load`
    Load,
    /// `@load-sigs`
    LoadSigs,
    /// `@load-plugin`
    LoadPlugin,
    /// `@unload`
    Unload,
}

/// `@if`-family markers; nesting is rebuilt by whoever walks the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    /// `@if ( expr )` with the expression text.
    If(String),
    /// `@ifdef ( id )`.
    Ifdef(String),
    /// `@ifndef ( id )`.
    Ifndef(String),
    /// `@else`
    Else,
    /// `@endif`
    Endif,
}

/// `+=` or `-=` in `redef record X$f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrOp {
    /// `+=`
    Add,
    /// `-=`
    Remove,
}

/// The kinds of declaration kept.
#[derive(Debug, Clone)]
pub enum DeclKind {
    /// `module X;`
    Module(Name),
    /// `export { ... }`
    Export(Vec<Decl>),
    /// `@load path` and friends.
    Load {
        /// Which directive.
        kind: LoadKind,
        /// The argument.
        path: String,
    },
    /// `@prefixes`, `@pragma`, `@deprecated`, `@DEBUG`: kept for completeness only.
    Directive(String),
    /// `@if` family marker.
    Cond(Cond),
    /// `type N: T attrs;`
    Type {
        /// The declared name.
        name: Name,
        /// The type.
        ty: Type,
        /// Attributes after the type.
        attrs: Vec<Attr>,
    },
    /// `redef record N += { fields } attrs;`
    RedefRecord {
        /// The record.
        name: Name,
        /// Added fields (and `@if` markers).
        fields: Vec<FieldItem>,
        /// Attributes after `}` (apply to every added field).
        attrs: Vec<Attr>,
    },
    /// `redef record N$f +=/-= { attrs };`
    RedefField {
        /// The record.
        name: Name,
        /// The field.
        field: Name,
        /// Add or remove.
        op: AttrOp,
        /// The attributes.
        attrs: Vec<Attr>,
    },
    /// `redef enum N += { values };`
    RedefEnum {
        /// The enum.
        name: Name,
        /// Added values.
        values: Vec<EnumItem>,
        /// Attributes after `}`.
        attrs: Vec<Attr>,
    },
    /// `global`/`const`/`option`/`redef` variable (initialiser skipped).
    Var {
        /// The keyword.
        kind: VarKind,
        /// The variable.
        name: Name,
        /// Its declared type, if written.
        ty: Option<Type>,
        /// Whether there is an initialiser.
        init: bool,
        /// Attributes.
        attrs: Vec<Attr>,
    },
    /// A function, event or hook with a body (skipped), or a prototype.
    Func {
        /// Which kind.
        kind: FuncKind,
        /// Its name.
        name: Name,
        /// `redef event`.
        redef: bool,
    },
    /// A statement at the top level (allowed by Zeek after the declarations); skipped.
    Stmt,
}

/// An attribute: `&log`, `&default = expr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Name without `&`.
    pub name: String,
    /// The source text of the value expression, if any.
    pub value: Option<String>,
    /// Span of the whole attribute.
    pub span: Span,
}

/// A record field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Field name.
    pub name: Name,
    /// Its type.
    pub ty: Type,
    /// Its attributes.
    pub attrs: Vec<Attr>,
    /// Doc comments.
    pub doc: Vec<String>,
    /// The whole field.
    pub span: Span,
}

/// A field or an `@if` marker between fields.
#[derive(Debug, Clone)]
pub enum FieldItem {
    /// A field.
    Field(Field),
    /// A conditional marker.
    Cond(Cond, Span),
}

/// An enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The name as written (maybe qualified).
    pub name: Name,
    /// `= N`
    pub value: Option<u64>,
    /// `&deprecated` (with message when given).
    pub deprecated: Option<String>,
    /// Doc comments.
    pub doc: Vec<String>,
}

/// An enum value or an `@if` marker between values.
#[derive(Debug, Clone)]
pub enum EnumItem {
    /// A value.
    Value(EnumValue),
    /// A conditional marker.
    Cond(Cond, Span),
}

/// A parameter of a function, event or hook type.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name.
    pub name: Name,
    /// Type.
    pub ty: Type,
    /// Attributes (`&default`).
    pub attrs: Vec<Attr>,
}

/// A type expression.
#[derive(Debug, Clone)]
pub struct Type {
    /// The shape.
    pub kind: TypeKind,
    /// Where it is written.
    pub span: Span,
}

/// Type shapes.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A basic type or a named type (resolved later).
    Named(Name),
    /// `vector of T`
    Vector(Box<Type>),
    /// `set[T, ...]`
    Set(Vec<Type>),
    /// `table[K, ...] of V`
    Table(Vec<Type>, Box<Type>),
    /// `record { ... }`
    Record(Vec<FieldItem>),
    /// `enum { ... }`
    Enum(Vec<EnumItem>),
    /// `function(...)`, `event(...)`, `hook(...)`.
    Func {
        /// Which.
        kind: FuncKind,
        /// Parameters.
        params: Vec<Param>,
        /// Return type.
        ret: Option<Box<Type>>,
    },
    /// `opaque of X`
    Opaque(Name),
    /// `file` or `file of T`
    File(Option<Box<Type>>),
}
