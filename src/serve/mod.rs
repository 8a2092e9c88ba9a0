//! `briefing serve`: the live preview. Builds the site, serves it from
//! memory on a loopback address, watches the content and theme folders,
//! rebuilds on every save and tells open pages to reload. Every good build
//! is also written to the output folder once the saves stop; a failed one shows its diagnostics
//! in the browser and the terminal and leaves the output folder as it was.
//!
//! - `http`: the routes; pages served from memory, assets streamed from disk
//! - `reload`: the server-sent events stream and the script that listens to it
//! - `watch`: file events, filtered (editor leftovers, the output) and debounced
//! - `rebuild`: one build, compared with the previous one, published
//! - `output`: the output folder written off the rebuild's thread, once the saves stop
//! - `disk`: writing a good build to the output folder, changed files only
//! - `overlay`: the error page shown while the content does not build

mod disk;
mod files;
mod http;
mod output;
mod overlay;
mod rebuild;
mod reload;
mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::render::search;
use crate::site::Options;
use crate::write::WriteError;

pub use disk::Disk;
pub use files::{Content, Files, OnDisk};
pub use rebuild::Snapshot;

/// What `briefing serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: Options,
    pub bind: IpAddr,
    /// 0 picks a free port (printed at start).
    pub port: u16,
}

/// Runs the preview until Ctrl-C; returns the process exit code.
pub fn run(opts: ServeOptions) -> ExitCode {
    if let Err(e) = crate::site::check_out(&opts.site) {
        crate::tell!("error: {e}");
        return ExitCode::from(1);
    }
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            crate::tell!("error: cannot start the preview server: {e}");
            return ExitCode::from(1);
        }
    };
    let code = rt.block_on(serve(opts));
    // Everything has stopped by now (a build still running after the
    // wait in `serve` is not waited for any longer).
    rt.shutdown_background();
    code
}

async fn serve(opts: ServeOptions) -> ExitCode {
    // Listen on the signals first: a Ctrl-C from here on stops cleanly.
    let stop_signal = match crate::signals::interrupted() {
        Ok(s) => s,
        Err(e) => {
            crate::tell!("error: cannot listen for Ctrl-C: {e}");
            return ExitCode::from(1);
        }
    };
    let listener = match TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).await {
        Ok(l) => l,
        Err(e) => {
            crate::tell!(
                "error: cannot listen on {}: {e} (another program may use port {}; choose another with --port)",
                SocketAddr::new(opts.bind, opts.port),
                opts.port
            );
            return ExitCode::from(1);
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            crate::tell!("error: cannot read the listening address: {e}");
            return ExitCode::from(1);
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let shared: Arc<RwLock<Arc<Snapshot>>> = Arc::new(RwLock::new(Arc::new(Snapshot::default())));
    let (generation_tx, generation_rx) = tokio::sync::watch::channel(0);
    let mut site = rebuild::Rebuilder::new(opts.site.clone(), shared.clone(), generation_tx, color);
    let first = tokio::task::spawn_blocking(move || {
        let r = site.step_guarded(true);
        (site, r)
    })
    .await;
    let mut site = match first {
        Ok((site, Err(WriteError::NotOurs(p)))) => {
            drop(site);
            crate::tell!("error: {}; the preview did not start", WriteError::NotOurs(p));
            return ExitCode::from(1);
        }
        Ok((site, Err(e))) => {
            crate::tell!(
                "error: {e}; the preview goes on, but `{}` is not up to date",
                opts.site.out.display()
            );
            site
        }
        Ok((site, Ok(_))) => site,
        Err(e) => {
            crate::tell!("error: the first build stopped: {e}");
            return ExitCode::from(1);
        }
    };
    let writing = site.write_in_background();
    let theme_root = watch_theme_root(&opts.site);
    let watcher = match watch::Watcher::start(&opts.site.content, theme_root.as_deref(), &opts.site.out) {
        Ok(w) => w,
        Err(e) => {
            crate::tell!("error: cannot watch `{}` for changes: {e}", opts.site.content.display());
            return ExitCode::from(1);
        }
    };
    if !opts.bind.is_loopback() {
        crate::tell!(
            "warning: listening on {}: the preview is visible to the network, to anyone who can reach this machine",
            opts.bind
        );
    }
    crate::tell!("serving {} at http://{addr}/ (Ctrl-C to stop)", opts.site.content.display());

    let app = http::router(http::AppState {
        site: shared,
        generation: generation_rx,
        local_only: opts.bind.is_loopback(),
        streams: Arc::default(),
    });
    let (stop_server, server_stopped) = oneshot::channel::<()>();
    let mut server = tokio::spawn(accept(listener, app, server_stopped));
    let (stop_loop, loop_stopped) = oneshot::channel::<()>();
    let rebuilding = tokio::spawn(rebuild_loop(site, watcher, loop_stopped));

    let code = tokio::select! {
        () = stop_signal => ExitCode::SUCCESS,
        r = &mut server => {
            match r {
                Ok(Err(e)) => crate::tell!("error: the preview server stopped: {e}"),
                _ => crate::tell!("error: the preview server stopped"),
            }
            ExitCode::from(1)
        }
    };
    // Let a build in progress finish (and write), then end the event
    // streams (the sender goes with the rebuilder) and the server.
    let _ = stop_loop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), rebuilding).await;
    // The last good build is written before the preview stops.
    if let Some(writing) = writing {
        let _ = tokio::time::timeout(Duration::from_secs(10), writing).await;
    }
    let _ = stop_server.send(());
    let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
    crate::tell!("stopped");
    code
}

/// How long a connection may take to send a request's headers (and how
/// long an idle one stays open between requests).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections served at once; more wait to be accepted. At most
/// [`reload::MAX_STREAMS`] of them are live-reload streams, so pages always
/// have a connection.
pub const MAX_CONNECTIONS: usize = 256;

/// Serves HTTP/1.1 connections until `stop`, then lets the open ones finish.
/// A connection that does not send a whole request head within
/// [`HEADER_TIMEOUT`] is closed, so unfinished requests cannot hold
/// connections (and memory) for ever; at most [`MAX_CONNECTIONS`] are open.
async fn accept(
    listener: TcpListener,
    app: axum::Router,
    stop: oneshot::Receiver<()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let service = hyper_util::service::TowerToHyperService::new(app);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(stop);
    loop {
        let slot = tokio::select! {
            _ = &mut stop => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    stream
                }
                // Out of file descriptors and the like: wait and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Rebuilds after each burst of changes until told to stop.
async fn rebuild_loop(
    mut site: rebuild::Rebuilder,
    mut watcher: watch::Watcher,
    mut stop: oneshot::Receiver<()>,
) {
    // The search index is made again once the saves stop for SEARCH_QUIET,
    // off the rebuild's thread; a save meanwhile rebuilds at once.
    let mut search: Option<oneshot::Receiver<(search::Done, Duration)>> = None;
    let mut quiet_until: Option<tokio::time::Instant> = None;
    loop {
        enum Next {
            Batch(watch::Batch),
            Quiet,
            Indexed(Result<(search::Done, Duration), oneshot::error::RecvError>),
        }
        let next = tokio::select! {
            _ = &mut stop => return,
            b = watcher.next() => match b {
                Some(b) => Next::Batch(b),
                None => return,
            },
            () = sleep_until_some(quiet_until), if quiet_until.is_some() && search.is_none() => Next::Quiet,
            done = async { search.as_mut().expect("polled only when running").await }, if search.is_some() => {
                search = None;
                Next::Indexed(done)
            }
        };
        let done = match next {
            Next::Quiet => {
                quiet_until = None;
                if let Some(job) = site.search_job() {
                    search = Some(index_in_background(job));
                }
                continue;
            }
            Next::Batch(batch) => {
                tokio::task::spawn_blocking(move || {
                    let _ = site.rebuild(&batch);
                    site
                })
                .await
            }
            Next::Indexed(Ok((done, took))) => {
                tokio::task::spawn_blocking(move || {
                    site.search_done(done, took);
                    site
                })
                .await
            }
            Next::Indexed(Err(e)) => {
                crate::tell!("error: making the search index stopped: {e}; the next rebuild makes it afresh");
                site.search_lost();
                continue;
            }
        };
        match done {
            Ok(s) => site = s,
            Err(e) => {
                crate::tell!("error: a rebuild stopped: {e}");
                return;
            }
        }
        if site.search_waiting() {
            quiet_until = Some(tokio::time::Instant::now() + SEARCH_QUIET);
        }
    }
}

/// Runs a search job on a thread of its own, at a lower priority than the
/// rebuilds (which run on the runtime's blocking threads): a save that comes
/// while the index is being made is rebuilt first.
fn index_in_background(job: search::Job) -> oneshot::Receiver<(search::Done, Duration)> {
    let (tx, rx) = oneshot::channel();
    let spawned = std::thread::Builder::new().name("search index".into()).spawn(move || {
        lower_this_thread();
        let start = std::time::Instant::now();
        // Pagefind works in parallel through rayon: in a pool of its own
        // (one a language when a site has several: see
        // `search::Indexer::index`), whose threads start here and so share
        // this thread's lower priority, not in the global pool, where a
        // rebuild's work would queue behind the index's.
        let pool = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("search index {i}")).build();
        let done = match pool {
            Ok(pool) => pool.install(|| job.run()),
            Err(_) => job.run(),
        };
        let _ = tx.send((done, start.elapsed()));
    });
    // A thread that cannot start drops the sender: the loop reports it and
    // the next rebuild makes the index afresh.
    drop(spawned);
    rx
}

/// Lowers the calling thread's scheduling priority: its nice value becomes
/// 10 (Linux keeps it per thread, and the threads it starts inherit it);
/// elsewhere this does nothing. Failing changes nothing: the index is only slower to
/// give way.
fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory of
    // ours; who = 0 is the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// How long the saves must stop before the search index is made again.
pub const SEARCH_QUIET: Duration = Duration::from_millis(1500);

async fn sleep_until_some(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

fn watch_theme_root(opts: &Options) -> Option<PathBuf> {
    match &opts.theme {
        Some(t) => Some(t.clone()),
        None => {
            let parent = opts.content.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(".".as_ref());
            Some(parent.join("themes")).filter(|p| p.is_dir())
        }
    }
}
