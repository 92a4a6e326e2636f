//! The public surface DESIGN.md promises, written exactly as it shows it: these names are the
//! ones users and the acceptance checks use, so this file must keep compiling and passing.

use zeekws_runtime::{
    Port, Protocol, Subnet, Timespan, Timestamp, Value, ZeekEnum, ZeekEvent, ZeekRecord,
};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id")]
struct ConnId {
    orig_h: std::net::IpAddr,
    orig_p: Port,
    resp_h: std::net::IpAddr,
    resp_p: Port,
    proto: u64,
    ctx: ConnIdCtx,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id_ctx", extensible)]
struct ConnIdCtx {}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "hello")]
struct Hello {
    n: u64,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(schema = "zeek/app.zeek", name = "App::Alert")]
struct Alert {
    id: ConnId,
    reason: String,
    score: Option<f64>,
}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq)]
#[zeek(name = "transport_proto")]
enum TransportProto {
    #[zeek(rename = "tcp")]
    Tcp,
    #[zeek(rename = "udp")]
    Udp,
}

#[test]
fn values_and_messages() -> Result<(), Box<dyn std::error::Error>> {
    let v: Value = zeekws_runtime::json::from_str(r#"{"@data-type":"count","data":1}"#)?;
    let text: String = zeekws_runtime::json::to_string(&v);
    assert_eq!(text, r#"{"@data-type":"count","data":1}"#);

    let frame: String = zeekws_runtime::json::encode_event("zeek.test", &Hello { n: 3 });
    let msg = zeekws_runtime::json::decode_message(&frame)?;
    let hello: Hello = msg.into_event()?;
    assert_eq!(hello, Hello { n: 3 });

    let alert = Alert {
        id: ConnId {
            orig_h: "10.0.0.1".parse()?,
            orig_p: Port::new(49152, Protocol::Tcp),
            resp_h: "2001:db8::1".parse()?,
            resp_p: "443/tcp".parse()?,
            proto: 6,
            ctx: ConnIdCtx {},
        },
        reason: "scan".into(),
        score: None,
    };
    let text = zeekws_runtime::json::to_string(&alert);
    assert_eq!(zeekws_runtime::json::from_str::<Alert>(&text)?, alert);

    let _ = (
        Subnet::new("10.1.2.3".parse()?, 8)?,
        Timestamp::UNIX_EPOCH,
        Timespan::from_nanos(1),
        TransportProto::Tcp,
        TransportProto::Udp,
    );
    Ok(())
}

#[tokio::test]
async fn client_and_mock_zeek() -> Result<(), Box<dyn std::error::Error>> {
    let zeek = zeekws_runtime::server::MockZeek::start().await?;
    let mut client = zeekws_runtime::Client::builder(zeek.url())
        .subscribe(["zeek.test"])
        .application_name("my-app")
        .connect()
        .await?;
    zeek.publish("zeek.test", &Hello { n: 1 }).await;
    let ev: Hello =
        tokio::time::timeout(std::time::Duration::from_secs(10), client.recv_event()).await??;
    assert_eq!(ev, Hello { n: 1 });
    client.publish("zeek.test", &Hello { n: 2 }).await?;
    Ok(())
}
