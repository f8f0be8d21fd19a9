//! A tiny HTTP server on 127.0.0.1 standing in for a published site: tests never reach
//! outside the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

/// Serves `body` at `path` (every other path is a 404) for `requests` requests, one
/// connection each; returns `http://127.0.0.1:<port>`.
pub fn serve(path: &str, body: String, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let wanted = format!("GET {path} ");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // The headers, to their end, before answering.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let (status, text) = if request_line.starts_with(&wanted) {
                ("200 OK", body.as_str())
            } else {
                ("404 Not Found", "not found")
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}
