//! Tests of the network types, one file per type; the helpers they share.

mod addr;
mod port;
mod subnet;

use super::*;

pub(super) fn addr_text(a: IpAddr) -> String {
    let mut v = Vec::new();
    write_addr(&a, &mut v);
    String::from_utf8(v).unwrap()
}

pub(super) fn sn(s: &str) -> Subnet {
    match Subnet::parse(s) {
        Ok(x) => x,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn ip(s: &str) -> IpAddr {
    match parse_addr(s) {
        Ok(x) => x,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn lcg(n: usize) -> impl Iterator<Item = u64> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n).map(move |_| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x
    })
}
