//! Parsing and checking shared by the three derives: [`ast`] (the input tree), [`attr`]
//! (`#[zeek(..)]`), [`check`] (rules across attributes), [`ctxt`] (error collection) and
//! [`symbol`] (attribute keys).

pub mod ast;
pub mod attr;
pub mod check;
pub mod ctxt;
pub mod symbol;

pub use ctxt::Ctxt;

/// Parses and checks the input for `derive`: the tree, or every error found, combined.
pub fn parse(input: &syn::DeriveInput, derive: ast::Derive) -> syn::Result<ast::Container<'_>> {
    let cx = Ctxt::new();
    let cont = ast::Container::from_ast(&cx, input, derive);
    if let Some(cont) = &cont {
        check::check(&cx, cont, derive);
    }
    cx.check()?;
    cont.ok_or_else(|| syn::Error::new_spanned(input, "unsupported input"))
}
