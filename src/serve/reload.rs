//! Live reload: a server-sent events stream at [`EVENTS`] and a small
//! script, added to HTML responses only (never to files on disk), that
//! listens to it. The stream sends `hello` with the current generation when
//! a page connects and `reload` whenever it changes; the page reloads when
//! the generation differs from the one it was served with, so a build that
//! lands between loading a page and connecting is not missed either. A
//! hidden tab closes its stream and checks again when it is shown.
//!
//! At most [`MAX_STREAMS`] streams are open at once, well under the
//! connections the server holds: a new stream closes the oldest (whose page,
//! if it is still open, connects again), and a stream's connection closes
//! with it, so held streams never take the connections pages are served on.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt as _};
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};

use super::http::AppState;

/// The events stream.
pub const EVENTS: &str = "/__briefing/events";
/// The script that listens to it.
pub const SCRIPT: &str = "/__briefing/reload.js";

const SCRIPT_BODY: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-generation") : null;
  var events = null;
  function check(e) {
    if (e.data !== served) { stop(); location.reload(); }
  }
  function start() {
    if (events || document.hidden) { return; }
    events = new EventSource("/__briefing/events");
    events.addEventListener("hello", check);
    events.addEventListener("reload", check);
  }
  function stop() {
    if (events) { events.close(); events = null; }
  }
  // A hidden tab lets its connection go (browsers allow only a few per
  // server) and checks again, with `hello`, when it is shown.
  document.addEventListener("visibilitychange", function () { if (document.hidden) { stop(); } else { start(); } });
  window.addEventListener("pagehide", stop);
  window.addEventListener("pageshow", start);
  start();
})();
"#;

/// The most live-reload streams open at once (a quarter of the server's
/// connections): more close the oldest.
pub const MAX_STREAMS: usize = super::MAX_CONNECTIONS / 4;

/// The open streams, oldest first, each with what closes it.
#[derive(Default)]
pub struct Streams {
    open: Mutex<VecDeque<(u64, CancellationToken)>>,
    next: std::sync::atomic::AtomicU64,
}

impl Streams {
    /// Registers a new stream, closing the oldest ones beyond [`MAX_STREAMS`].
    fn open(self: &Arc<Self>) -> Registered {
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let token = CancellationToken::new();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while open.len() >= MAX_STREAMS {
            if let Some((_, oldest)) = open.pop_front() {
                oldest.cancel();
            }
        }
        open.push_back((id, token.clone()));
        Registered { id, streams: self.clone(), closed: Box::pin(token.cancelled_owned()) }
    }
}

/// One stream's place among the open ones, given up when it is dropped.
struct Registered {
    id: u64,
    streams: Arc<Streams>,
    closed: Pin<Box<WaitForCancellationFutureOwned>>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|(id, _)| *id != self.id);
    }
}

/// `inner` until its stream is closed to make room for a newer one.
struct Closable<S> {
    inner: S,
    place: Registered,
}

impl<S: Stream + Unpin> Stream for Closable<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        if self.place.closed.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Pin::new(&mut self.inner).poll_next(cx)
    }
}

/// `GET /__briefing/events`: `hello` at once, then `reload` on each change.
/// A browser that goes away just ends its stream; the stream ends when the
/// server stops, or when [`MAX_STREAMS`] newer ones are open, and its
/// connection closes with it.
pub async fn events(State(state): State<AppState>) -> Response {
    let mut first = true;
    let inner = WatchStream::new(state.generation.clone()).map(move |generation| {
        let name = if std::mem::take(&mut first) { "hello" } else { "reload" };
        Ok::<_, Infallible>(
            Event::default().event(name).data(generation.to_string()).retry(Duration::from_millis(500)),
        )
    });
    let stream = Closable { inner, place: state.streams.open() };
    let mut r =
        Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(10))).into_response();
    r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// `GET /__briefing/reload.js`.
pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        SCRIPT_BODY,
    )
        .into_response()
}

/// `html` with the reload script before `</body>` (or at the end).
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-generation=\"{generation}\"></script>\n");
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if haystack.len() < needle.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", 7)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__briefing/reload.js\" data-generation=\"7\"></script>\n</BODY></html>"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>", 1)).unwrap();
        assert!(bare.starts_with("<p>x</p><script"), "{bare}");
    }
}
