//! TLS (scenario 15) and IPv6 loopback (scenario 16), and load: 1,000 clients, a slow
//! consumer, 100,000 events in order. Loopback only.

mod common;

use std::time::Duration;

use common::{WAIT, app_zeek};
use tokio::time::timeout;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::server::{MockZeek, QueuePolicy};
use zeekws_runtime::{Client, Value};

fn pong_of(ev: &Event) -> u64 {
    ev.args[1].as_count().unwrap()
}

fn ping(c: u64) -> Event {
    Event::new("App::ping", [Value::from("p"), Value::Count(c)])
}

#[tokio::test]
async fn tls_with_a_self_signed_certificate() {
    let ck =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let cert = ck.cert.pem();
    let key = ck.signing_key.serialize_pem();
    let zeek = app_zeek().tls_pem(cert.clone(), key).start().await.unwrap();
    assert!(zeek.url().starts_with("wss://127.0.0.1:"));
    // Trusting the certificate as a CA.
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .ca_pem(cert)
        .connect()
        .await
        .unwrap();
    client.publish("/test/pings", &ping(1)).await.unwrap();
    let pong: Event = timeout(WAIT, client.recv_event()).await.unwrap().unwrap();
    assert_eq!(pong_of(&pong), 2);
    // Accepting any certificate (tests only).
    let client = Client::builder(zeek.url())
        .danger_accept_invalid_certs(true)
        .connect()
        .await
        .unwrap();
    client.close().await.unwrap();
    // Neither: refused.
    let err = Client::builder(zeek.url()).connect().await.unwrap_err();
    assert!(err.to_string().contains("connecting to"), "{err}");
}

#[tokio::test]
async fn ipv6_loopback_when_available() {
    let zeek = match app_zeek().bind("[::1]:0".parse().unwrap()).start().await {
        Ok(z) => z,
        Err(e) => {
            eprintln!("skipping: no IPv6 loopback ({e})");
            return;
        }
    };
    assert!(zeek.url().starts_with("ws://[::1]:"));
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .connect()
        .await
        .unwrap();
    client.publish("/test/pings", &ping(5)).await.unwrap();
    let pong: Event = timeout(WAIT, client.recv_event()).await.unwrap().unwrap();
    assert_eq!(pong_of(&pong), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_clients_each_receive_ten_events() {
    let zeek = MockZeek::builder()
        .max_connections(1100)
        .ping_interval(None)
        .start()
        .await
        .unwrap();
    let url = zeek.url();
    let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(64));
    let mut connects = Vec::new();
    for _ in 0..1000 {
        let url = url.clone();
        let sem = sem.clone();
        connects.push(tokio::spawn(async move {
            let _p = sem.acquire().await.unwrap();
            Client::builder(url)
                .subscribe(["zeek.fan"])
                .queue_capacity(16)
                .connect_timeout(Duration::from_secs(10))
                .connect()
                .await
                .unwrap()
        }));
    }
    let mut clients = Vec::new();
    for c in connects {
        clients.push(timeout(Duration::from_secs(30), c).await.unwrap().unwrap());
    }
    timeout(WAIT, zeek.wait_for_clients(1000)).await.unwrap();
    for n in 0..10u64 {
        assert_eq!(
            zeek.publish("zeek.fan", &Event::new("hello", [Value::Count(n)]))
                .await,
            1000
        );
    }
    let receivers: Vec<_> = clients
        .into_iter()
        .map(|mut c| {
            tokio::spawn(async move {
                for n in 0..10u64 {
                    let ev: Event = c.recv_event().await.unwrap();
                    assert_eq!(ev.args, [Value::Count(n)]);
                }
            })
        })
        .collect();
    for r in receivers {
        timeout(Duration::from_secs(30), r).await.unwrap().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_consumer_does_not_block_the_others() {
    let zeek = MockZeek::builder()
        .client_queue(500)
        .ping_interval(None)
        .start()
        .await
        .unwrap();
    // The slow one never receives.
    let slow = Client::builder(zeek.url())
        .subscribe(["zeek."])
        .queue_capacity(4)
        .connect()
        .await
        .unwrap();
    let total = 5_000u64;
    let mut readers = Vec::new();
    for _ in 0..3 {
        let mut c = Client::builder(zeek.url())
            .subscribe(["zeek."])
            .connect()
            .await
            .unwrap();
        readers.push(tokio::spawn(async move {
            for n in 0..total {
                let ev: Event = c.recv_event().await.unwrap();
                assert_eq!(ev.args[0], Value::Count(n));
            }
        }));
    }
    let pad = "x".repeat(4096);
    let publish = async {
        for n in 0..total {
            zeek.publish(
                "zeek.load",
                &Event::new("hello", [Value::Count(n), Value::from(pad.as_str())]),
            )
            .await;
            if n % 20 == 19 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
    };
    timeout(Duration::from_secs(30), publish).await.unwrap();
    for r in readers {
        timeout(Duration::from_secs(30), r).await.unwrap().unwrap();
    }
    // Only the slow client's queue overflowed (its frames were dropped, as Zeek's ZeroMQ
    // backend drops above its high-water mark); the others got everything, in order.
    let slow_endpoint = slow.ack().endpoint;
    for c in zeek.clients() {
        if c.endpoint == slow_endpoint {
            assert!(c.dropped > 0, "{c:?}");
        } else {
            assert_eq!(c.dropped, 0, "{c:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_thousand_events_arrive_in_order() {
    let zeek = MockZeek::builder()
        .accept_unknown_events(true)
        .queue_policy(QueuePolicy::Block)
        .history(0)
        .start()
        .await
        .unwrap();
    let mut sub = Client::builder(zeek.url())
        .subscribe(["bulk"])
        .connect()
        .await
        .unwrap();
    let publisher = Client::builder(zeek.url()).connect().await.unwrap();
    let total = 100_000u64;
    let send = async {
        for n in 0..total {
            publisher
                .publish("bulk", &Event::new("n", [Value::Count(n)]))
                .await
                .unwrap();
        }
    };
    let recv = async {
        for n in 0..total {
            let ev: Event = sub.recv_event().await.unwrap();
            assert_eq!(ev.args[0], Value::Count(n));
        }
    };
    timeout(Duration::from_secs(50), async { tokio::join!(send, recv) })
        .await
        .unwrap();
}

/// Mutual TLS: given a CA, MockZeek admits only clients whose certificate chains to it.
#[tokio::test]
async fn client_certificates_are_verified_when_mockzeek_has_a_ca() {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa,
        KeyPair,
    };
    let ca = |name: &str| {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.distinguished_name.push(rcgen::DnType::CommonName, name);
        CertifiedIssuer::self_signed(p, KeyPair::generate().unwrap()).unwrap()
    };
    let leaf = |issuer: &CertifiedIssuer<'_, KeyPair>, names: Vec<String>, usage| {
        let mut p = CertificateParams::new(names).unwrap();
        p.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    };
    let site = ca("site CA");
    let other = ca("another CA");
    let (server_cert, server_key) = leaf(
        &site,
        vec!["127.0.0.1".into(), "localhost".into()],
        ExtendedKeyUsagePurpose::ServerAuth,
    );
    let (client_cert, client_key) = leaf(
        &site,
        vec!["client".into()],
        ExtendedKeyUsagePurpose::ClientAuth,
    );
    let (stranger_cert, stranger_key) = leaf(
        &other,
        vec!["stranger".into()],
        ExtendedKeyUsagePurpose::ClientAuth,
    );

    let zeek = app_zeek()
        .tls_pem(server_cert, server_key)
        .tls_client_ca_pem(site.pem())
        .start()
        .await
        .unwrap();
    let mut client = Client::builder(zeek.url())
        .subscribe(["/test/pongs"])
        .ca_pem(site.pem())
        .client_cert_pem(client_cert, client_key)
        .connect()
        .await
        .expect("a client certificate from the site CA is admitted");
    client.publish("/test/pings", &ping(1)).await.unwrap();
    let pong: Event = timeout(WAIT, client.recv_event()).await.unwrap().unwrap();
    assert_eq!(pong_of(&pong), 2);
    // No certificate, or one from another CA: refused during the TLS handshake.
    for builder in [
        Client::builder(zeek.url()).ca_pem(site.pem()),
        Client::builder(zeek.url())
            .ca_pem(site.pem())
            .client_cert_pem(stranger_cert, stranger_key),
    ] {
        let err = timeout(WAIT, builder.connect()).await.unwrap();
        assert!(
            err.is_err(),
            "a client without a certificate from the site CA connected"
        );
    }
    assert_eq!(zeek.clients().len(), 1);
}
