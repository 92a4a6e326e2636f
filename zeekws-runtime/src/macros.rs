//! [`include_zeek!`](crate::include_zeek): the Rust that `zeekws-codegen` generated in
//! `build.rs`.

/// Includes the Rust types `zeekws_codegen::Config::compile` wrote to `OUT_DIR`, like
/// tonic's `include_proto!`.
///
/// Without an argument it includes `$OUT_DIR/zeek_types.rs` (the default file name); with a
/// file name it includes that file, for a build script that compiled several schemas with
/// `Config::file_name`.
///
/// ```ignore
/// // build.rs
/// fn main() {
///     zeekws_codegen::Config::new()
///         .compile(&["zeek/app.zeek"])
///         .unwrap_or_else(|e| panic!("{e}"));
/// }
///
/// // src/lib.rs
/// mod zeek {
///     zeekws_runtime::include_zeek!();
/// }
/// use zeek::app::Alert;
/// ```
#[macro_export]
macro_rules! include_zeek {
    () => {
        include!(concat!(env!("OUT_DIR"), "/zeek_types.rs"));
    };
    ($file:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $file));
    };
}
