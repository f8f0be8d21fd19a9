//! Stage timings for profiling: with `DOSSIER_TIMINGS=1` in the environment, `build`
//! prints how long each stage took to standard error. Off by default, and cheap when off.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `DOSSIER_TIMINGS` is set (to anything but `0` or nothing).
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED
        .get_or_init(|| std::env::var("DOSSIER_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0"))
}

/// Runs `work`, printing `name` and its duration when timings are on.
pub fn stage<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let started = Instant::now();
    let result = work();
    eprintln!(
        "timing: {name:<16} {:>8.1} ms  (peak RSS so far: {} MiB)",
        started.elapsed().as_secs_f64() * 1000.0,
        peak_rss_mib().map_or("?".into(), |m| m.to_string())
    );
    result
}

/// Prints `name` and the time since `started` when timings are on (for steps inside an
/// async block, where [`stage`] cannot wrap them).
pub fn report(name: &str, started: Instant) {
    if enabled() {
        eprintln!(
            "timing: {name:<16} {:>8.1} ms  (peak RSS so far: {} MiB)",
            started.elapsed().as_secs_f64() * 1000.0,
            peak_rss_mib().map_or("?".into(), |m| m.to_string())
        );
    }
}

/// The process's peak resident memory so far (Linux: `VmHWM` in /proc/self/status).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
