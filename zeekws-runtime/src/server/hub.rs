//! The imitation's shared state: connected clients, the fan-out of publications, the
//! record of what clients published, and the responders.

use super::*;

pub(super) type Responder = Arc<dyn Fn(&str, &Event) -> Vec<(String, Event)> + Send + Sync>;

pub(super) struct Slot {
    pub(super) info: ClientInfo,
    pub(super) tx: mpsc::Sender<Out>,
    pub(super) dropped: Arc<AtomicU64>,
}

pub(crate) struct Server {
    pub(super) node_id: String,
    pub(super) version: String,
    pub(super) schema: schema::Schema,
    pub(super) responders: Vec<Responder>,
    pub(super) network_timestamps: bool,
    pub(super) clients: Mutex<BTreeMap<u64, Slot>>,
    pub(super) client_count: watch::Sender<usize>,
    pub(super) history: Mutex<VecDeque<Published>>,
    pub(super) history_cap: usize,
    pub(super) published_tx: mpsc::Sender<Published>,
    pub(super) published_rx: tokio::sync::Mutex<mpsc::Receiver<Published>>,
    pub(super) ping_interval: Option<Duration>,
    pub(super) client_queue: usize,
    pub(super) policy: QueuePolicy,
    pub(super) max_message_size: usize,
    pub(super) max_subscriptions: usize,
    pub(super) max_topic_length: usize,
    pub(super) shutdown: watch::Receiver<bool>,
    /// Serializes publications (see [`Server::fan_out`]).
    pub(super) main_loop: tokio::sync::Mutex<()>,
}

impl Server {
    pub(super) fn add_client(
        &self,
        id: u64,
        info: ClientInfo,
        tx: mpsc::Sender<Out>,
        dropped: Arc<AtomicU64>,
    ) {
        let n = {
            let mut clients = lock(&self.clients);
            clients.insert(id, Slot { info, tx, dropped });
            clients.len()
        };
        self.client_count.send_replace(n);
    }

    pub(super) fn remove_client(&self, id: u64) {
        let n = {
            let mut clients = lock(&self.clients);
            clients.remove(&id);
            clients.len()
        };
        self.client_count.send_replace(n);
    }

    /// Queues `frame` for every client with a matching subscription except `except`.
    /// One publication at a time, like Zeek's main loop: every client sees the same order.
    pub(super) async fn fan_out(
        &self,
        topic: &str,
        frame: Utf8Bytes,
        except: Option<u64>,
    ) -> usize {
        let _main_loop = self.main_loop.lock().await;
        // Queued at once where there is room, without collecting the targets; with
        // QueuePolicy::Block, the clients whose queues are full are waited for afterwards
        // (outside the lock). Holding the main loop meanwhile keeps every client's order.
        let mut queued = 0;
        let mut full: Vec<mpsc::Sender<Out>> = Vec::new();
        {
            let clients = lock(&self.clients);
            let targets = clients.iter().filter(|(id, s)| {
                Some(**id) != except
                    && s.info
                        .subscriptions
                        .iter()
                        .any(|p| protocol::topic_matches(p, topic))
            });
            for (_, s) in targets {
                match s.tx.try_send(Out::Frame(frame.clone())) {
                    Ok(()) => queued += 1,
                    Err(mpsc::error::TrySendError::Full(_)) => match self.policy {
                        QueuePolicy::DropNewest => {
                            s.dropped.fetch_add(1, Ordering::Relaxed);
                        }
                        QueuePolicy::Block => full.push(s.tx.clone()),
                    },
                    Err(mpsc::error::TrySendError::Closed(_)) => {}
                }
            }
        }
        for tx in full {
            queued += usize::from(tx.send(Out::Frame(frame.clone())).await.is_ok());
        }
        queued
    }

    pub(super) async fn on_published(&self, p: Published) {
        let network_time = p.event.network_timestamp();
        let replies: Vec<(String, Event)> = self
            .responders
            .iter()
            .flat_map(|r| r(&p.topic, &p.event))
            .collect();
        if self.history_cap > 0 {
            {
                let mut h = lock(&self.history);
                if h.len() >= self.history_cap {
                    h.pop_front();
                }
                h.push_back(p.clone());
            }
            let _ = self.published_tx.try_send(p);
        }
        for (topic, event) in replies {
            let frame = if self.network_timestamps && !has_network_timestamp(&event) {
                protocol::encode_event(&topic, &Stamped::new(&event, network_time))
            } else {
                protocol::encode_event(&topic, &event)
            };
            self.fan_out(&topic, frame.into(), None).await;
        }
    }
}
