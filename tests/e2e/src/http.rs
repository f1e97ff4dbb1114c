use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::failure::truncate;

/// A minimal blocking HTTP/1.1 client for talking to chromedriver directly
/// (readiness and browser logs). Returns the response body.
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
    timeout: Duration,
) -> Result<String, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    // chromedriver announces `Connection: close` but may keep the socket open,
    // so read by Content-Length instead of to the end.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let text = loop {
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).into_owned();
        if n == 0 {
            break text;
        }
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end].lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                if name.trim().eq_ignore_ascii_case("content-length") {
                    value.trim().parse::<usize>().ok()
                } else {
                    None
                }
            });
            if let Some(len) = length {
                if raw.len() >= head_end + 4 + len {
                    break text;
                }
            }
        }
    };
    match text.split_once("\r\n\r\n") {
        Some((_, body)) => {
            // Tolerate chunked encoding: keep only the JSON object.
            match (body.find('{'), body.rfind('}')) {
                (Some(a), Some(b)) if b >= a => Ok(body[a..=b].to_string()),
                _ => Ok(body.to_string()),
            }
        }
        None => Err(format!("malformed answer: {}", truncate(&text, 200))),
    }
}
