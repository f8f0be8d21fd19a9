//! Durations as the command line writes them: `500ms`, `20s`, `10m`, `12h`, `7d`, `0`.

use std::time::Duration;

/// Parses `text`, or says how to write it.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let wrong = || {
        format!(
            "`{text}` is not a duration: write a number and a unit, e.g. 500ms, 20s, 10m, 12h or 7d"
        )
    };
    let number: u64 = number.parse().map_err(|_| wrong())?;
    let seconds = |factor: u64| Duration::from_secs(number.saturating_mul(factor));
    match unit {
        "ms" => Ok(Duration::from_millis(number)),
        "s" => Ok(seconds(1)),
        "m" => Ok(seconds(60)),
        "h" => Ok(seconds(3600)),
        "d" => Ok(seconds(86_400)),
        _ => Err(wrong()),
    }
}

/// `duration` as [`parse`] reads it, in the largest unit that keeps it whole.
pub fn format(duration: Duration) -> String {
    let ms = duration.as_millis();
    if !ms.is_multiple_of(1000) {
        return format!("{ms}ms");
    }
    let s = duration.as_secs();
    for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] {
        if s >= size && s.is_multiple_of(size) {
            return format!("{}{unit}", s / size);
        }
    }
    format!("{s}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_and_write_alike() {
        for (text, duration) in [
            ("0", Duration::ZERO),
            ("250ms", Duration::from_millis(250)),
            ("20s", Duration::from_secs(20)),
            ("10m", Duration::from_secs(600)),
            ("12h", Duration::from_secs(43_200)),
            ("7d", Duration::from_secs(604_800)),
        ] {
            assert_eq!(parse(text), Ok(duration), "{text}");
        }
        assert_eq!(format(Duration::from_secs(604_800)), "7d");
        assert_eq!(format(Duration::from_secs(90)), "90s");
        assert_eq!(format(Duration::from_millis(1500)), "1500ms");
        assert!(parse("7 days").is_err());
        assert!(parse("d").is_err());
        assert!(parse("-1s").is_err());
    }
}
