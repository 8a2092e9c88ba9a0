//! The process's stop signals, for the commands that run until stopped
//! (`serve`) or must tidy up when stopped (`pdf`). Imports only `core`
//! (and in fact nothing of the crate).

use std::future::Future;

/// Resolves on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed now,
/// not on first poll, so a signal sent right after the call is not lost.
#[cfg(unix)]
pub fn interrupted() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
pub fn interrupted() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
