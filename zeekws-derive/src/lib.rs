//! Derive macros for zeekws (see `zeekws_runtime`).
