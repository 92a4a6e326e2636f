//! Dialing: TCP (and TLS), the WebSocket upgrade and the subscription handshake, and how
//! a broken connection is described as an [`Error`].

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Bytes, Message as WsMessage, Utf8Bytes};

use super::Error;
use super::link::ReconnectBuffer;
use crate::protocol::{self, Ack, Message};
use crate::transport::{BoxedIo, Ws};
use crate::wire::DecodeOptions;

/// Everything needed to (re)establish a client connection.
#[derive(Clone)]
pub(crate) struct Transport {
    pub(crate) url: String,
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    #[cfg(feature = "tls")]
    pub(crate) tls: Option<(
        tokio_rustls::TlsConnector,
        rustls_pki_types::ServerName<'static>,
    )>,
    pub(crate) connect_timeout: Duration,
    pub(crate) ws_config: WebSocketConfig,
}

/// Settings of a session, shared by the client and the listener.
#[derive(Clone, Debug)]
pub(crate) struct SessionConfig {
    pub(crate) subscriptions: Vec<String>,
    pub(crate) ack_timeout: Duration,
    pub(crate) ping_interval: Option<Duration>,
    pub(crate) ping_timeout: Duration,
    pub(crate) queue_capacity: usize,
    pub(crate) close_timeout: Duration,
    pub(crate) decode: DecodeOptions,
    pub(crate) reconnect_buffer: Option<ReconnectBuffer>,
}

impl Transport {
    fn addr(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// TCP (+ TLS) + WebSocket upgrade, within the connect timeout.
    pub(crate) async fn open(&self) -> Result<Ws, Error> {
        let addr = self.addr();
        let work = async {
            let tcp = TcpStream::connect((self.host.as_str(), self.port))
                .await
                .map_err(|source| Error::Connect {
                    addr: addr.clone(),
                    source,
                })?;
            let _ = tcp.set_nodelay(true);
            let io: BoxedIo = {
                #[cfg(feature = "tls")]
                {
                    match &self.tls {
                        Some((connector, name)) => {
                            Box::pin(connector.connect(name.clone(), tcp).await.map_err(
                                |source| Error::Connect {
                                    addr: addr.clone(),
                                    source,
                                },
                            )?)
                        }
                        None => Box::pin(tcp),
                    }
                }
                #[cfg(not(feature = "tls"))]
                {
                    Box::pin(tcp)
                }
            };
            let mut request =
                self.url
                    .as_str()
                    .into_client_request()
                    .map_err(|e| Error::InvalidUrl {
                        url: self.url.clone(),
                        reason: e.to_string(),
                    })?;
            for (k, v) in &self.headers {
                request.headers_mut().insert(k.clone(), v.clone());
            }
            let (ws, _response) =
                tokio_tungstenite::client_async_with_config(request, io, Some(self.ws_config))
                    .await
                    .map_err(|e| Error::Handshake {
                        url: self.url.clone(),
                        source: Box::new(e),
                    })?;
            Ok(ws)
        };
        match timeout(self.connect_timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(Error::ConnectTimeout {
                addr,
                after: self.connect_timeout,
            }),
        }
    }

    /// Opens and subscribes.
    pub(crate) async fn connect(&self, cfg: &SessionConfig) -> Result<(Ws, Ack), Error> {
        let mut ws = self.open().await?;
        let ack = subscribe(&mut ws, &cfg.subscriptions, cfg.ack_timeout).await?;
        Ok((ws, ack))
    }
}

/// Sends the subscription list and waits for the ack, answering pings meanwhile.
pub(crate) async fn subscribe(
    ws: &mut Ws,
    subscriptions: &[String],
    ack_timeout: Duration,
) -> Result<Ack, Error> {
    ws.send(WsMessage::text(protocol::subscription_message(
        subscriptions,
    )))
    .await
    .map_err(lost)?;
    let wait = async {
        loop {
            let msg = match ws.next().await {
                Some(Ok(m)) => m,
                Some(Err(e)) => return Err(lost(e)),
                None => {
                    return Err(Error::ConnectionLost(
                        "the server closed the socket before the ack".into(),
                    ));
                }
            };
            let bytes = match msg {
                WsMessage::Text(t) => Bytes::from(t),
                WsMessage::Binary(b) => b,
                // tungstenite queues the pong and sends it on the next read.
                WsMessage::Ping(_) | WsMessage::Pong(_) | WsMessage::Frame(_) => continue,
                WsMessage::Close(frame) => return Err(closed(frame)),
            };
            return match protocol::decode_message(&bytes) {
                Ok(Message::Ack(ack)) => Ok(ack),
                Ok(Message::Error(e)) => Err(Error::Rejected(e)),
                Ok(Message::Data(d)) => Err(Error::UnexpectedBeforeAck(format!(
                    "a data message on {:?}",
                    d.topic
                ))),
                Err(e) => Err(Error::UnexpectedBeforeAck(format!(
                    "{e}: {}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
                ))),
            };
        }
    };
    match timeout(ack_timeout, wait).await {
        Ok(r) => r,
        Err(_) => Err(Error::AckTimeout { after: ack_timeout }),
    }
}

/// A binary frame as text: Zeek sends text frames (which tungstenite has validated), and a
/// binary one is read as the same JSON, with invalid UTF-8 replaced as the decoder would.
pub(super) fn text_of(b: Bytes) -> Utf8Bytes {
    Utf8Bytes::try_from(b.clone())
        .unwrap_or_else(|_| Utf8Bytes::from(String::from_utf8_lossy(&b).into_owned()))
}

pub(crate) fn lost(e: tungstenite::Error) -> Error {
    match e {
        tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => {
            Error::ConnectionLost("the connection was closed".into())
        }
        other => Error::ConnectionLost(other.to_string()),
    }
}

pub(crate) fn closed(frame: Option<CloseFrame>) -> Error {
    match frame {
        Some(f) => Error::Closed {
            code: u16::from(f.code),
            reason: f.reason.as_str().to_owned(),
        },
        None => Error::Closed {
            code: 1005,
            reason: String::new(),
        },
    }
}
