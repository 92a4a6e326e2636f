//! The derives' compile tests live in `tests/ui.rs`; see there.
