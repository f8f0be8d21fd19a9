//! A fixed number of worker threads taking items in turn; results come back in the items'
//! order. Items are ordered so that neighbours are on different hosts ([`interleave`]):
//! workers then wait on the per-host gate as little as possible.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `work(item)` for every item, on at most `workers` threads.
pub fn run<T: Sync, R: Send>(items: &[T], workers: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(n) else { break };
                    let result = work(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[n] = Some(result);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.into_iter().flatten().collect()
}

/// `items` reordered round-robin by `host`: one of each host, then the next of each.
pub fn interleave<T>(items: Vec<T>, host: impl Fn(&T) -> String) -> Vec<T> {
    let mut by_host: BTreeMap<String, std::collections::VecDeque<T>> = BTreeMap::new();
    for item in items {
        by_host.entry(host(&item)).or_default().push_back(item);
    }
    let mut out = Vec::new();
    while !by_host.is_empty() {
        by_host.retain(|_, queue| {
            if let Some(item) = queue.pop_front() {
                out.push(item);
            }
            !queue.is_empty()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..50).collect();
        assert_eq!(
            run(&items, 4, |n| n * 2),
            (0..50).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(run(&Vec::<u32>::new(), 4, |n| *n).is_empty());
    }

    #[test]
    fn neighbours_are_on_different_hosts() {
        let items = vec!["a/1", "a/2", "a/3", "b/1", "c/1", "c/2"];
        let host = |s: &&str| s.split('/').next().unwrap().to_string();
        assert_eq!(
            interleave(items, host),
            ["a/1", "b/1", "c/1", "a/2", "c/2", "a/3"]
        );
    }
}
