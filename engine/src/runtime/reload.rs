//! Hot reload: a file watcher on the game folder (notify), the record of which Lua files
//! the game loaded (and as which module), and the per-frame step that hands changed
//! files to `reload.lua`, which patches the running state in place.

use notify::{RecursiveMode, Watcher as _};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Lua files the game has loaded: path in the game → module name (None for main.lua and
/// files run through love.filesystem.load).
#[derive(Default)]
pub struct LoadedFiles(pub HashMap<String, Option<String>>);

/// Set by `engine.reload()`: reload every loaded file at the next frame.
#[derive(Default)]
pub struct ReloadRequest(pub bool);

/// Editors write a file several times (write, then rename): a change counts once it has
/// been quiet this long.
const QUIET: Duration = Duration::from_millis(30);

pub struct Watcher {
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<(PathBuf, Instant)>,
    root: PathBuf,
    /// File → (first change, last change).
    pending: HashMap<String, (Instant, Instant)>,
}

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| format!("cannot watch '{}': {e}", root.display()))?;
        let (tx, rx) = channel();
        let mut w = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev
                && !matches!(ev.kind, notify::EventKind::Access(_))
            {
                let now = Instant::now();
                for p in ev.paths {
                    let _ = tx.send((p, now));
                }
            }
        })
        .map_err(|e| format!("cannot start the file watcher: {e}"))?;
        w.watch(&root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch '{}': {e}", root.display()))?;
        Ok(Watcher {
            _watcher: w,
            rx,
            root,
            pending: HashMap::new(),
        })
    }

    /// Files (relative to the game, `/`-separated) whose changes have settled, with the
    /// time of their first change.
    pub fn poll(&mut self) -> Vec<(String, Instant)> {
        while let Ok((p, t)) = self.rx.try_recv() {
            let Ok(rel) = p.strip_prefix(&self.root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let e = self.pending.entry(rel).or_insert((t, t));
            e.1 = t;
        }
        let now = Instant::now();
        let ready: Vec<(String, Instant)> = self
            .pending
            .iter()
            .filter(|(_, (_, last))| now.duration_since(*last) >= QUIET)
            .map(|(f, (first, _))| (f.clone(), *first))
            .collect();
        for (f, _) in &ready {
            self.pending.remove(f);
        }
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_watcher_reports_settled_changes_once() {
        let dir = std::env::temp_dir().join(format!("engine-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut w = Watcher::new(&dir).expect("watcher");
        std::fs::write(dir.join("a.lua"), "x = 1").expect("write");
        std::fs::write(dir.join("a.lua"), "x = 2").expect("write");
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut got = Vec::new();
        while got.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            got = w.poll();
        }
        assert_eq!(
            got.iter().filter(|(f, _)| f == "a.lua").count(),
            1,
            "{got:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
        assert!(w.poll().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
