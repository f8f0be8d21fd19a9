//! Politeness per host: at most `limit` requests to one host at a time, their starts at
//! least `delay` apart, and a host that asked to be left alone (`Retry-After`) left alone
//! by every worker until then. Hosts are independent: a slow one holds up only its own
//! requests.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Hosts {
    limit: usize,
    delay: Duration,
    state: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct HostState {
    active: usize,
    /// No request starts before this.
    next: Option<Instant>,
}

/// A request in flight to a host: dropping it lets the next one start.
#[must_use]
pub struct Permit<'a> {
    hosts: &'a Hosts,
    host: String,
}

impl Hosts {
    pub fn new(limit: usize, delay: Duration) -> Self {
        Hosts {
            limit: limit.max(1),
            delay,
            state: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        }
    }

    /// Waits until a request to `host` may start, and counts it as started.
    pub fn acquire(&self, host: &str) -> Permit<'_> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = Instant::now();
            let entry = state.entry(host.to_string()).or_default();
            let wait = entry.next.filter(|next| *next > now).map(|next| next - now);
            match wait {
                None if entry.active < self.limit => {
                    entry.active += 1;
                    entry.next = Some(now + self.delay);
                    return Permit {
                        hosts: self,
                        host: host.to_string(),
                    };
                }
                // Woken when a request ends; or when the spacing has passed.
                Some(wait) => {
                    state = (self.changed.wait_timeout(state, wait))
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
                None => state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    /// No request to `host` starts for `wait` (its `Retry-After`).
    pub fn hold_off(&self, host: &str, wait: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let entry = state.entry(host.to_string()).or_default();
        let until = Instant::now() + wait;
        if entry.next.is_none_or(|next| next < until) {
            entry.next = Some(until);
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = (self.hosts.state.lock()).unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = state.get_mut(&self.host) {
            entry.active = entry.active.saturating_sub(1);
        }
        self.hosts.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn one_host_gets_one_request_at_a_time_and_spaced_out_others_run_alongside() {
        let hosts = Hosts::new(1, Duration::from_millis(30));
        let active = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let start = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    let _permit = hosts.acquire("a.test:443");
                    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(5));
                    active.fetch_sub(1, Ordering::SeqCst);
                });
            }
            // Another host does not wait for the first.
            scope.spawn(|| {
                let _permit = hosts.acquire("b.test:443");
                // (It would wait for the four others: at least 90 ms.)
                assert!(start.elapsed() < Duration::from_millis(80));
            });
        });
        assert_eq!(most.load(Ordering::SeqCst), 1);
        // Four starts, each 30 ms after the one before.
        assert!(start.elapsed() >= Duration::from_millis(90));
    }

    #[test]
    fn a_host_held_off_waits() {
        let hosts = Hosts::new(2, Duration::ZERO);
        hosts.hold_off("a.test:443", Duration::from_millis(50));
        let start = Instant::now();
        drop(hosts.acquire("a.test:443"));
        assert!(start.elapsed() >= Duration::from_millis(50));
    }
}
