//! The preview's routes. Files are served from the build only: pages from
//! memory, assets from the content files the build checked (streamed, never
//! held whole in memory, and only while each is still the file the build
//! saw), so no request can reach a file outside the site (the map holds
//! bytes and checked files, not paths to resolve). Paths with
//! `..`, `.`, empty segments, backslashes, encoded slashes or drive letters
//! are refused with 400 all the same. A folder serves its `index.html`; an
//! unknown path serves `404.html` with status 404. While the content does
//! not build, pages are replaced by the error page.

use std::net::IpAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use tokio_util::io::ReaderStream;

use super::files::{Content, OnDisk};
use super::rebuild::Snapshot;
use super::reload;
use crate::core::url::content_type;

#[derive(Clone)]
pub struct AppState {
    pub site: Arc<RwLock<Arc<Snapshot>>>,
    pub generation: tokio::sync::watch::Receiver<u64>,
    /// Bound to a loopback address: answer only requests addressed to this
    /// machine by name or number (no DNS rebinding from a web page).
    pub local_only: bool,
    /// The live-reload streams open, capped apart from the connections.
    pub streams: Arc<reload::Streams>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(reload::EVENTS, get(reload::events))
        .route(reload::SCRIPT, get(reload::script))
        .fallback(file)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// What a page of the preview may load and run: files of the preview only,
/// scripts from files only (the reload script and the theme's search, with
/// the search index's WebAssembly; no inline script, no `javascript:` URL,
/// no event attribute runs), images from the site or the web (as the
/// published site shows them), inline styles (the book's page style, the
/// error page's), forms sent to the preview only (the search box).
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: http: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/// What an asset or a chart opened alone may do: draw, and nothing else
/// (sandboxed: no script runs, whatever the file holds).
pub const FILE_POLICY: &str =
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'; sandbox";

/// Refuses requests whose `Host` is a name other than `localhost`; gives
/// every response a content security policy (pages' unless set).
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut r = if state.local_only && !host_is_local(req.headers()) {
        text(StatusCode::FORBIDDEN, "the preview answers only at localhost or an IP address\n")
    } else {
        next.run(req).await
    };
    r.headers_mut().entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(PAGE_POLICY));
    r
}

/// The policy for the file at `path`: assets and SVG images run nothing.
fn policy(path: &str) -> &'static str {
    let svg = path.rsplit_once('.').is_some_and(|(_, e)| e.eq_ignore_ascii_case("svg"));
    if path.starts_with("assets/") || svg { FILE_POLICY } else { PAGE_POLICY }
}

fn host_is_local(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else { return true };
    let Ok(host) = host.to_str() else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => return v6.split(']').next().is_some_and(|a| a.parse::<IpAddr>().is_ok()),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

/// Every path that is not one of the preview's own.
async fn file(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "the preview only answers GET and HEAD\n");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let rel = match safe_path(uri.path()) {
        Ok(p) => p,
        Err(why) => return text(StatusCode::BAD_REQUEST, &format!("bad path: {why}\n")),
    };
    let snap = state.site.read().unwrap_or_else(|e| e.into_inner()).clone();
    let found = snap.files.get(&rel);
    if let Some(error) = &snap.error
        && (rel.ends_with(".html") || found.is_none())
    {
        return send(StatusCode::INTERNAL_SERVER_ERROR, "error.html", error, snap.generation);
    }
    match found {
        Some(Content::Bytes(bytes)) => return send(StatusCode::OK, &rel, bytes, snap.generation),
        Some(Content::File(f)) => return stream(&rel, f).await,
        None => {}
    }
    if snap.files.contains_key(&format!("{rel}/index.html")) {
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(to) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            r.headers_mut().insert(header::LOCATION, to);
        }
        return r;
    }
    // The language folder's own 404 page when there is one.
    let lang_404 = rel.split_once('/').map(|(first, _)| format!("{first}/404.html"));
    let bytes_of = |p: &str| snap.files.get(p).and_then(Content::bytes);
    let page = lang_404.and_then(|p| bytes_of(&p)).or_else(|| bytes_of("404.html"));
    match page {
        Some(bytes) => send(StatusCode::NOT_FOUND, "404.html", bytes, snap.generation),
        None => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// The path below the site's root that a request path names, with
/// `index.html` added for a folder; `Err` for any path that is not a plain
/// relative path once decoded.
pub fn safe_path(raw: &str) -> Result<String, &'static str> {
    let Some(rest) = raw.strip_prefix('/') else { return Err("it must start with /") };
    let lower = rest.to_ascii_lowercase();
    if rest.contains('\\') || lower.contains("%5c") {
        return Err("backslashes are not allowed");
    }
    if lower.contains("%2f") {
        return Err("encoded slashes are not allowed");
    }
    let decoded = crate::core::url::percent_decode(rest)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or("it is not valid percent-encoded UTF-8")?;
    if decoded.contains(['\\', '\0']) {
        return Err("backslashes and NUL are not allowed");
    }
    if decoded.is_empty() {
        return Ok("index.html".into());
    }
    let (body, folder) = match decoded.strip_suffix('/') {
        Some(b) => (b, true),
        None => (decoded.as_str(), false),
    };
    for seg in body.split('/') {
        if seg.is_empty() || seg == "." || seg == ".." || seg.contains(':') {
            return Err("`..`, `.`, empty segments, absolute paths and drive letters are not allowed");
        }
    }
    Ok(if folder { format!("{body}/index.html") } else { body.to_string() })
}

/// A file's bytes with its content type; HTML gets the reload script.
fn send(status: StatusCode, path: &str, bytes: &Bytes, generation: u64) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(reload::inject(bytes, generation))
    } else {
        Body::from(bytes.clone())
    };
    let mut r = with_headers(status, kind, body);
    r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy(path)));
    r
}

/// An asset, read from its content file in pieces as it is sent; refused
/// when the file is no longer the one the build checked (a rebuild follows).
async fn stream(path: &str, f: &OnDisk) -> Response {
    let opened = async {
        let file = tokio::fs::File::open(&f.path).await?;
        let meta = file.metadata().await?;
        f.check(&meta)?;
        Ok::<_, std::io::Error>((file, meta.len()))
    };
    let Ok((file, len)) = opened.await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "this file changed since the last build; the preview is rebuilding, reload in a moment\n",
        );
    };
    let body = Body::from_stream(ReaderStream::with_capacity(file, 64 * 1024));
    let mut r = with_headers(StatusCode::OK, content_type(path), body);
    r.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy(path)));
    r
}

fn text(status: StatusCode, message: &str) -> Response {
    with_headers(status, "text/plain; charset=utf-8", Body::from(message.to_string()))
}

fn with_headers(status: StatusCode, kind: &'static str, body: Body) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, kind),
            // A preview is always fresh.
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_mapped_and_folders_get_their_index() {
        assert_eq!(safe_path("/").unwrap(), "index.html");
        assert_eq!(safe_path("/groups/").unwrap(), "groups/index.html");
        assert_eq!(safe_path("/groups/health/index.html").unwrap(), "groups/health/index.html");
        assert_eq!(safe_path("/static/style.css").unwrap(), "static/style.css");
        assert_eq!(safe_path("/pages/caf%C3%A9/").unwrap(), "pages/café/index.html");
        assert_eq!(safe_path("/meetings").unwrap(), "meetings");
    }

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/static/..%2f..%2fsite.yaml",
            "/static/../../site.yaml",
            "/static/%2e%2e/%2e%2e/site.yaml",
            "/..\\Cargo.toml",
            "/..%5cCargo.toml",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/c%3a/x",
            "/./index.html",
            "/a//b",
            "/%00",
            "/%zz",
            "/%ff",
            "relative",
            "",
        ] {
            assert!(safe_path(bad).is_err(), "{bad} was accepted as {:?}", safe_path(bad));
        }
    }

    #[test]
    fn assets_and_images_run_nothing_and_pages_only_script_files() {
        for file in ["assets/map.svg", "assets/notes.pdf", "charts/health-progress.svg", "assets/x.SVG"] {
            assert_eq!(policy(file), FILE_POLICY, "{file}");
        }
        for page in ["index.html", "error.html", "static/style.css", "404.html"] {
            assert_eq!(policy(page), PAGE_POLICY, "{page}");
        }
        assert!(FILE_POLICY.contains("sandbox") && FILE_POLICY.starts_with("default-src 'none'"));
        let scripts = PAGE_POLICY.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert_eq!(scripts.trim(), "script-src 'self' 'wasm-unsafe-eval'");
        assert!(HeaderValue::from_str(PAGE_POLICY).is_ok() && HeaderValue::from_str(FILE_POLICY).is_ok());
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("charts/a.svg"), "image/svg+xml");
        assert_eq!(content_type("assets/map.PNG"), "image/png");
        assert_eq!(content_type("briefing.pdf"), "application/pdf");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("static/fonts/NotoSans-Regular.ttf"), "font/ttf");
        assert_eq!(content_type("static/fonts/x.woff2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }

    #[test]
    fn only_local_host_names_are_answered() {
        let host = |h: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            host_is_local(&m)
        };
        for ok in
            ["127.0.0.1:1111", "localhost:1111", "localhost", "app.localhost:80", "[::1]:1111", "192.168.1.4"]
        {
            assert!(host(ok), "{ok}");
        }
        for bad in ["evil.example:1111", "evil.example", "localhost.evil.example", "[evil]:1"] {
            assert!(!host(bad), "{bad}");
        }
        assert!(host_is_local(&HeaderMap::new()));
    }
}
