//! Payloads that travel as strings and parse into a type: timestamp, timespan, port,
//! address, subnet.

use std::fmt;
use std::net::IpAddr;

use super::{Reader, Result};
use crate::net::{Port, Subnet, parse_addr};
use crate::time::{Timespan, Timestamp};

impl<'a> Reader<'a> {
    /// Reads a string payload and parses it as `what`; a parse failure is reported at the
    /// payload with the parser's reason.
    pub(super) fn read_parsed<T, E: fmt::Display>(
        &mut self,
        what: &'static str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        let start = self.pos;
        let s = self.read_str()?;
        parse(&s).map_err(|e| {
            self.pos = start;
            self.invalid(what, e)
        })
    }

    /// Reads a `timestamp` payload (`2014-07-09T10:16:44.123`, 1 to 9 fraction digits,
    /// optional `Z` or offset; no zone means UTC).
    pub fn read_timestamp(&mut self) -> Result<Timestamp> {
        self.read_parsed("timestamp", Timestamp::parse)
    }

    /// Reads a `timespan` payload (`1500ms`; also the old `1.5s` and `2min`/`h` forms;
    /// strict decoding refuses leading zeros as Zeek does).
    pub fn read_timespan(&mut self) -> Result<Timespan> {
        if self.opts.zeek_server_rules {
            self.read_parsed("timespan", Timespan::parse_strict)
        } else {
            self.read_parsed("timespan", Timespan::parse)
        }
    }

    /// Reads a `port` payload (`80/tcp`, `0/?`; a bare number is TCP; strict decoding wraps
    /// numbers above 65535 as Zeek does, lenient decoding refuses them).
    pub fn read_port(&mut self) -> Result<Port> {
        if self.opts.zeek_server_rules {
            self.read_parsed("port", Port::parse_wrapping)
        } else {
            self.read_parsed("port", Port::parse)
        }
    }

    /// Reads an `address` payload; IPv4-mapped IPv6 comes back as IPv4.
    pub fn read_address(&mut self) -> Result<IpAddr> {
        self.read_parsed("address", parse_addr)
    }

    /// Reads a `subnet` payload (`10.0.0.0/8`; host bits are masked).
    pub fn read_subnet(&mut self) -> Result<Subnet> {
        self.read_parsed("subnet", Subnet::parse)
    }
}
