//! `zeekws bridge ZEEK_URL REMOTE_URL`: Zeek's outgoing-connection set-up without a shell
//! loop. Connects out to the remote application, takes its first message as the topic
//! array, subscribes to Zeek with it, sends Zeek's ack back and relays text frames both
//! ways. A side that drops is reconnected with backoff; the topic array is replayed to Zeek.

use std::process::ExitCode;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use zeekws_runtime::Client;

use crate::Outcome;
use crate::args::BridgeArgs;

type Remote = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Frames relayed, each way.
#[derive(Default)]
struct Counts {
    to_zeek: u64,
    to_remote: u64,
}

/// Why a relay ended.
enum Ended {
    Remote(String),
    Zeek(String),
    Stop,
}

pub async fn run(args: BridgeArgs) -> Outcome {
    let mut counts = Counts::default();
    let mut sessions = 0u64;
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    'remote: loop {
        if args.sessions.is_some_and(|n| sessions >= n) {
            break;
        }
        let connected = tokio::select! {
            r = connect_remote(&args.remote_url) => Some(r),
            _ = &mut stop => None,
        };
        let Some((mut remote, topics)) = connected else {
            break;
        };
        sessions += 1;
        tracing::info!("remote {} subscribes to {topics:?}", args.remote_url);
        let mut first = true;
        loop {
            let client = tokio::select! {
                c = connect_zeek(&args, &topics) => c,
                _ = &mut stop => break 'remote,
            };
            if first {
                // The remote sent the subscription: it expects Zeek's answer to it.
                if remote
                    .send(WsMessage::text(client.ack().to_json()))
                    .await
                    .is_err()
                {
                    tracing::warn!("remote closed before the ack could be sent");
                    continue 'remote;
                }
                first = false;
            }
            match relay(client, &mut remote, &mut counts, &mut stop).await {
                Ended::Stop => break 'remote,
                Ended::Remote(why) => {
                    tracing::warn!("remote disconnected ({why}); reconnecting");
                    continue 'remote;
                }
                Ended::Zeek(why) => {
                    tracing::warn!(
                        "Zeek disconnected ({why}); reconnecting and replaying the topics"
                    );
                }
            }
        }
    }
    eprintln!(
        "bridge: {} frame(s) to Zeek, {} to the remote, {sessions} remote session(s)",
        counts.to_zeek, counts.to_remote
    );
    Ok(ExitCode::SUCCESS)
}

/// Relays until one side ends or Ctrl-C.
async fn relay(
    client: Client,
    remote: &mut Remote,
    counts: &mut Counts,
    stop: &mut std::pin::Pin<&mut impl std::future::Future<Output = std::io::Result<()>>>,
) -> Ended {
    let (publisher, mut receiver) = client.split();
    let ended = loop {
        tokio::select! {
            msg = remote.next() => match msg {
                Some(Ok(WsMessage::Text(t))) => {
                    if let Err(e) = publisher.publish_raw(t.as_str()).await {
                        break Ended::Zeek(e.to_string());
                    }
                    counts.to_zeek += 1;
                    tracing::debug!("remote -> zeek: {}", t.as_str());
                }
                Some(Ok(WsMessage::Binary(b))) => {
                    let text = String::from_utf8_lossy(&b).into_owned();
                    if let Err(e) = publisher.publish_raw(text).await {
                        break Ended::Zeek(e.to_string());
                    }
                    counts.to_zeek += 1;
                }
                Some(Ok(WsMessage::Close(frame))) => {
                    break Ended::Remote(frame.map_or("closed".to_owned(), |f| format!("closed with {} {}", u16::from(f.code), f.reason)));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => break Ended::Remote(e.to_string()),
                None => break Ended::Remote("connection ended".to_owned()),
            },
            frame = receiver.recv_frame() => match frame {
                Ok(text) => {
                    tracing::debug!("zeek -> remote: {text}");
                    if let Err(e) = remote.send(WsMessage::text(text)).await {
                        break Ended::Remote(e.to_string());
                    }
                    counts.to_remote += 1;
                }
                Err(e) => break Ended::Zeek(e.to_string()),
            },
            _ = stop.as_mut() => break Ended::Stop,
        }
    };
    let _ = publisher.close().await;
    if matches!(ended, Ended::Stop) {
        let _ = remote.close(None).await;
    }
    tracing::info!(
        "{} frame(s) to Zeek, {} to the remote so far",
        counts.to_zeek,
        counts.to_remote
    );
    ended
}

/// Connects to the remote with backoff and reads its topic array.
async fn connect_remote(url: &str) -> (Remote, Vec<String>) {
    let mut delay = Duration::from_millis(250);
    loop {
        match tokio_tungstenite::connect_async(url).await {
            Ok((mut ws, _)) => {
                tracing::info!("connected to remote {url}");
                match ws.next().await {
                    Some(Ok(WsMessage::Text(t))) => {
                        match zeekws_runtime::protocol::parse_subscriptions(t.as_bytes()) {
                            Ok(topics) => return (ws, topics),
                            Err(e) => tracing::warn!(
                                "remote {url} sent no topic array first ({e}): {}",
                                t.as_str()
                            ),
                        }
                    }
                    other => {
                        tracing::warn!("remote {url} closed before sending its topics ({other:?})")
                    }
                }
            }
            Err(e) => tracing::warn!("cannot connect to remote {url}: {e}; retrying in {delay:?}"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(30));
    }
}

/// Connects to Zeek with backoff, subscribing to `topics`.
async fn connect_zeek(args: &BridgeArgs, topics: &[String]) -> Client {
    let mut delay = Duration::from_millis(250);
    loop {
        let attempt = async {
            crate::connect::builder(&args.zeek_url, &args.connect)?
                .subscribe(topics.iter().cloned())
                .connect()
                .await
                .map_err(Box::<dyn std::error::Error + Send + Sync>::from)
        };
        match attempt.await {
            Ok(client) => {
                tracing::info!(
                    "connected to Zeek {} as {}",
                    args.zeek_url,
                    client.ack().endpoint
                );
                return client;
            }
            Err(e) => tracing::warn!(
                "cannot connect to Zeek {}: {e}; retrying in {delay:?}",
                args.zeek_url
            ),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(30));
    }
}
