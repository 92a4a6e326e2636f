//! [`ReconnectPolicy`]: when and how often a lost connection is re-established.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// Exponential backoff with jitter for [`ClientBuilder::reconnect`](super::ClientBuilder::reconnect).
///
/// The n-th attempt waits `min(initial_delay * multiplier^(n-1), max_delay)`, then a random
/// `±jitter` fraction of that is added, so that many clients of one restarted Zeek do not
/// reconnect in lockstep. The first attempt waits `initial_delay` too.
#[derive(Debug, Clone, PartialEq)]
pub struct ReconnectPolicy {
    /// Delay before the first attempt (default 100 ms).
    pub initial_delay: Duration,
    /// Largest delay between attempts (default 10 s).
    pub max_delay: Duration,
    /// Growth factor per attempt (default 2.0).
    pub multiplier: f64,
    /// Random spread as a fraction of the delay, 0.0 to 1.0 (default 0.2).
    pub jitter: f64,
    /// Give up after this many failed attempts in a row (default: never).
    pub max_attempts: Option<u32>,
}

impl Default for ReconnectPolicy {
    fn default() -> Self {
        ReconnectPolicy {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
            multiplier: 2.0,
            jitter: 0.2,
            max_attempts: None,
        }
    }
}

impl ReconnectPolicy {
    /// The defaults: 100 ms doubling up to 10 s, ±20 % jitter, unlimited attempts.
    pub fn exponential() -> Self {
        Self::default()
    }

    /// Sets [`ReconnectPolicy::initial_delay`].
    pub fn initial_delay(mut self, d: Duration) -> Self {
        self.initial_delay = d;
        self
    }

    /// Sets [`ReconnectPolicy::max_delay`].
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// Sets [`ReconnectPolicy::multiplier`] (values below 1.0 are taken as 1.0).
    pub fn multiplier(mut self, m: f64) -> Self {
        self.multiplier = m;
        self
    }

    /// Sets [`ReconnectPolicy::jitter`] (clamped to 0.0..=1.0).
    pub fn jitter(mut self, j: f64) -> Self {
        self.jitter = j;
        self
    }

    /// Sets [`ReconnectPolicy::max_attempts`].
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = Some(n);
        self
    }

    /// The delay before attempt `n` (1-based) without jitter.
    pub fn base_delay(&self, n: u32) -> Duration {
        let m = if self.multiplier.is_finite() {
            self.multiplier.max(1.0)
        } else {
            1.0
        };
        let exp = m.powi(n.saturating_sub(1).min(64) as i32);
        let secs = self.initial_delay.as_secs_f64() * exp;
        let max = self.max_delay.as_secs_f64();
        Duration::from_secs_f64(if secs.is_finite() { secs.min(max) } else { max })
    }
}

/// Iterates delays of a policy.
pub(crate) struct Backoff<'a> {
    policy: &'a ReconnectPolicy,
    attempt: u32,
    rng: u64,
}

impl<'a> Backoff<'a> {
    pub(crate) fn new(policy: &'a ReconnectPolicy) -> Self {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x9e37_79b9_7f4a_7c15);
        Backoff {
            policy,
            attempt: 0,
            rng: h.finish() | 1,
        }
    }

    /// The next delay; `None` once `max_attempts` delays were handed out.
    pub(crate) fn next_delay(&mut self) -> Option<Duration> {
        if self.policy.max_attempts.is_some_and(|m| self.attempt >= m) {
            return None;
        }
        self.attempt += 1;
        let base = self.policy.base_delay(self.attempt).as_secs_f64();
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let r = (self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64;
        let j = self.policy.jitter.clamp(0.0, 1.0);
        let factor = 1.0 + j * (2.0 * r - 1.0);
        Some(Duration::from_secs_f64((base * factor).max(0.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_cap_with_bounded_jitter() {
        let p = ReconnectPolicy::default()
            .initial_delay(Duration::from_millis(100))
            .max_delay(Duration::from_secs(1))
            .jitter(0.2)
            .max_attempts(6);
        assert_eq!(p.base_delay(1), Duration::from_millis(100));
        assert_eq!(p.base_delay(3), Duration::from_millis(400));
        assert_eq!(p.base_delay(10), Duration::from_secs(1));
        let mut b = Backoff::new(&p);
        for n in 1..=6 {
            let d = b.next_delay().unwrap().as_secs_f64();
            let base = p.base_delay(n).as_secs_f64();
            assert!(
                d >= base * 0.8 - 1e-9 && d <= base * 1.2 + 1e-9,
                "{d} vs {base}"
            );
        }
        assert_eq!(b.next_delay(), None);
    }
}
