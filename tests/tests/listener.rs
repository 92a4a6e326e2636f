//! The outgoing-connection set-up: a websocat-like bridge connects our `Listener` to MockZeek;
//! we play the client side of the protocol on the accepted socket.

mod common;

use common::{WAIT, app_zeek};
use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Listener, Value};

/// websocat in a few lines: connect to both ends and copy frames both ways.
async fn bridge(api: String, zeek: String) {
    let (a, _) = tokio_tungstenite::connect_async(api.as_str())
        .await
        .unwrap();
    let (z, _) = tokio_tungstenite::connect_async(zeek.as_str())
        .await
        .unwrap();
    let (mut a_tx, mut a_rx) = a.split();
    let (mut z_tx, mut z_rx) = z.split();
    let up = async {
        while let Some(Ok(m)) = a_rx.next().await {
            if (m.is_text() || m.is_binary()) && z_tx.send(m).await.is_err() {
                break;
            }
        }
    };
    let down = async {
        while let Some(Ok(m)) = z_rx.next().await {
            if (m.is_text() || m.is_binary()) && a_tx.send(m).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(up, down);
}

#[tokio::test]
async fn listener_speaks_the_client_side_over_an_accepted_socket() {
    let zeek = app_zeek().start().await.unwrap();
    let listener = Listener::builder("127.0.0.1:0".parse().unwrap())
        .subscribe(["zeek.test", "/test/pongs"])
        .bind()
        .await
        .unwrap();
    let api = format!("ws://{}", listener.local_addr().unwrap());
    let relay = tokio::spawn(bridge(api, zeek.url()));
    let (mut client, peer) = timeout(WAIT, listener.accept()).await.unwrap().unwrap();
    assert!(peer.ip().is_loopback());
    assert!(client.ack().endpoint.contains("-websocket-"));
    timeout(WAIT, zeek.wait_for_clients(1)).await.unwrap();
    assert_eq!(
        zeek.clients()[0].subscriptions,
        ["/test/pongs", "zeek.test"]
    );

    zeek.publish("zeek.test", &Event::new("App::hello", [Value::Count(30)]))
        .await;
    let hello: Event = timeout(WAIT, client.recv_event()).await.unwrap().unwrap();
    assert_eq!(hello.args, [Value::Count(30)]);
    client
        .publish(
            "/test/pings",
            &Event::new("App::ping", [Value::from("bridged"), Value::Count(1)]),
        )
        .await
        .unwrap();
    let pong: Event = timeout(WAIT, client.recv_event()).await.unwrap().unwrap();
    assert_eq!(pong.args, [Value::from("bridged"), Value::Count(2)]);
    client.close().await.unwrap();
    relay.abort();
}
