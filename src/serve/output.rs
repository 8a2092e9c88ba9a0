//! The output folder (`--out`) brought up to date off the rebuild's thread:
//! each good build is handed over as it is published, and written (by
//! [`super::disk::Disk`], only the files that changed) once the saves stop
//! for [`QUIET`], or at once when the preview stops. A save never waits for
//! the disk, and a burst of saves is written once.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::disk::Disk;
use super::files::Files;

/// How long the saves must stop before the output folder is written.
pub const QUIET: Duration = Duration::from_millis(1000);

/// Where good builds are handed over to be written.
pub struct Writer {
    latest: watch::Sender<Option<Arc<Files>>>,
}

impl Writer {
    /// Starts the task that writes through `disk` into `out`; it ends,
    /// after writing the last build handed over, when the writer is
    /// dropped.
    pub fn start(disk: Disk, out: PathBuf) -> (Writer, JoinHandle<()>) {
        let (latest, rx) = watch::channel(None);
        (Writer { latest }, tokio::spawn(run(disk, out, rx)))
    }

    /// The build to write next, in place of any not yet written.
    pub fn hand_over(&self, files: Arc<Files>) {
        self.latest.send_replace(Some(files));
    }
}

async fn run(mut disk: Disk, out: PathBuf, mut rx: watch::Receiver<Option<Arc<Files>>>) {
    loop {
        let mut open = rx.changed().await.is_ok();
        // Wait for the saves to stop (or the preview to).
        while open {
            tokio::select! {
                changed = rx.changed() => open = changed.is_ok(),
                () = tokio::time::sleep(QUIET) => break,
            }
        }
        let files = rx.borrow_and_update().clone();
        if let Some(files) = files {
            let out = out.clone();
            let done = tokio::task::spawn_blocking(move || {
                if let Err(e) = disk.sync(&files) {
                    crate::tell!(
                        "error: {e}; the preview goes on, but `{}` is not up to date",
                        out.display()
                    );
                }
                disk
            })
            .await;
            match done {
                Ok(d) => disk = d,
                Err(e) => {
                    crate::tell!("error: writing the output folder stopped: {e}");
                    return;
                }
            }
        }
        if !open {
            return;
        }
    }
}
