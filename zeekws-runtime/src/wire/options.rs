//! [`DecodeOptions`]: limits and leniency of the decoder.

/// Limits and leniency for decoding. The defaults take everything any Zeek 5.0 to 8.x sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    pub(crate) max_depth: u32,
    pub(crate) max_size: usize,
    pub(crate) zeek_server_rules: bool,
}

impl DecodeOptions {
    /// The largest `max_depth` accepted; deeper limits could exhaust a thread's stack.
    pub const MAX_DEPTH_CEILING: u32 = 1024;

    /// Defaults: 128 nested containers (CAF's JSON limit in Zeek), 256 MiB of input
    /// (Zeek itself has no limit and real deployments send 16 MiB frames), lenient (not
    /// [`zeek_server_rules`](DecodeOptions::zeek_server_rules)).
    pub const fn new() -> Self {
        DecodeOptions {
            max_depth: 128,
            max_size: 256 << 20,
            zeek_server_rules: false,
        }
    }

    /// How many containers (vector, set, table) may nest. Clamped to [`Self::MAX_DEPTH_CEILING`].
    pub const fn max_depth(mut self, depth: u32) -> Self {
        self.max_depth = if depth > Self::MAX_DEPTH_CEILING {
            Self::MAX_DEPTH_CEILING
        } else {
            depth
        };
        self
    }

    /// The largest input accepted, in bytes.
    pub const fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Read what a client publishes as a Zeek 8 server reads it, refusing what Zeek refuses
    /// and mangling what Zeek mangles: reals must contain `.` or an exponent (`42` is
    /// refused), timespans must not have leading zeros, port numbers above 65535 wrap modulo
    /// 65536 as Zeek wraps them. The Zeek imitation server decodes with this; a client
    /// should not (the default reads everything any Zeek sends, and refuses ports that
    /// cannot exist).
    pub const fn zeek_server_rules(mut self, on: bool) -> Self {
        self.zeek_server_rules = on;
        self
    }

    /// Whether [`DecodeOptions::zeek_server_rules`] is on.
    pub const fn follows_zeek_server_rules(&self) -> bool {
        self.zeek_server_rules
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::new()
    }
}
