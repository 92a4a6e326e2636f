//! The contract check `connect()` runs after the ack (see [`crate::contract`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Client, Error};
use crate::codec::Layouts;
use crate::contract::{self, ContractError, ContractPolicy, Describe};

/// A reply topic no other client uses: `zeekws/contract/reply/<pid>-<nanos>-<n>`.
pub(super) fn reply_topic() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}/reply/{}-{nanos:x}-{}",
        contract::TOPIC,
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Asks the running Zeek for the layouts `layouts` names and compares; the policy decides
/// what a difference or no answer does.
pub(super) async fn verify(
    client: &mut Client,
    layouts: &Layouts,
    reply_topic: String,
    policy: ContractPolicy,
    timeout: Duration,
) -> Result<(), Error> {
    let request = Describe::for_layouts(&reply_topic, layouts);
    client.publish(contract::TOPIC, &request).await?;
    let Some(answer) = client
        .receiver
        .await_contract(&reply_topic, timeout)
        .await?
    else {
        let err = ContractError::NoAnswer { after: timeout };
        return match policy {
            ContractPolicy::Require => Err(err.into()),
            _ => {
                tracing::warn!("{err}");
                Ok(())
            }
        };
    };
    let report = contract::compare(layouts, &answer);
    for c in &report.compatible {
        tracing::info!("contract: {c}");
    }
    if report.differences.is_empty() {
        tracing::debug!(
            "contract: {} layouts match Zeek {}",
            layouts.len(),
            answer.zeek_version
        );
        return Ok(());
    }
    let err = ContractError::Mismatch {
        zeek_version: answer.zeek_version,
        differences: report.differences,
    };
    if policy == ContractPolicy::Warn {
        tracing::warn!("{err}");
        return Ok(());
    }
    Err(err.into())
}
