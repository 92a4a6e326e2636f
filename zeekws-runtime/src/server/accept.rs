//! The accept loop: TCP (and TLS) connections up to the connection limit, each handed to
//! its own connection task.

use super::*;

pub(super) struct AcceptLoop {
    pub(super) server: Arc<Server>,
    pub(super) listener: TcpListener,
    pub(super) max_connections: usize,
    pub(super) live: Arc<watch::Sender<usize>>,
    #[cfg(feature = "tls")]
    pub(super) acceptor: Option<tokio_rustls::TlsAcceptor>,
}

impl AcceptLoop {
    pub(super) async fn run(self) {
        let mut shutdown = self.server.shutdown.clone();
        let mut n = 0u64;
        loop {
            let (tcp, peer) = tokio::select! {
                r = self.listener.accept() => match r {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::debug!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                },
                _ = stopped(&mut shutdown) => return,
            };
            let id = n;
            n += 1;
            if *self.live.borrow() >= self.max_connections {
                drop(tcp);
                continue;
            }
            let _ = tcp.set_nodelay(true);
            self.live.send_modify(|c| *c += 1);
            let server = self.server.clone();
            let live = self.live.clone();
            #[cfg(feature = "tls")]
            let acceptor = self.acceptor.clone();
            tokio::spawn(async move {
                let io: Option<transport::BoxedIo> = {
                    #[cfg(feature = "tls")]
                    {
                        match acceptor {
                            Some(a) => {
                                match tokio::time::timeout(Duration::from_secs(3), a.accept(tcp))
                                    .await
                                {
                                    Ok(Ok(s)) => Some(Box::pin(s)),
                                    _ => None,
                                }
                            }
                            None => Some(Box::pin(tcp)),
                        }
                    }
                    #[cfg(not(feature = "tls"))]
                    {
                        Some(Box::pin(tcp))
                    }
                };
                if let Some(io) = io {
                    conn::handle(server, io, peer, id).await;
                }
                live.send_modify(|c| *c -= 1);
            });
        }
    }
}
