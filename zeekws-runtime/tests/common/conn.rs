//! Zeek's `conn_id` (8.2's six fields) and `transport_proto`, derived once for every test
//! that needs them.

use std::net::IpAddr;

use zeekws_runtime::{Port, ZeekEnum, ZeekRecord};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id")]
pub struct ConnId {
    pub orig_h: IpAddr,
    pub orig_p: Port,
    pub resp_h: IpAddr,
    pub resp_p: Port,
    pub proto: u64,
    pub ctx: ConnIdCtx,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq, Default)]
#[zeek(name = "conn_id_ctx", extensible)]
pub struct ConnIdCtx {}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[zeek(name = "transport_proto")]
#[allow(non_camel_case_types)]
pub enum TransportProto {
    unknown_transport,
    tcp,
    udp,
    icmp,
}
