//! The game's source: a folder, a `.love` (zip) archive, or a single Lua file.
//!
//! Owns reading the game's own files (main.lua, conf.lua, modules for `require`).
//! Knows nothing of Lua; `lua.rs` exposes the `love.filesystem` functions built on it.
//! Archive entries are looked up by normalised relative path, so a zip with `../` or
//! absolute names cannot reach outside the archive.

pub mod lua;
mod lua_deprecated;
mod lua_file;
pub mod save;

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Component, Path, PathBuf};

/// Where the game's files come from.
#[derive(Clone)]
pub enum Source {
    Dir(PathBuf),
    Zip {
        path: PathBuf,
        archive: Box<zip::ZipArchive<Cursor<Vec<u8>>>>,
    },
}

/// A game to run: its source and the file that holds its main code.
#[derive(Clone)]
pub struct Game {
    pub source: Source,
    /// Path of the main file inside the source ("main.lua" unless a single file was given).
    pub main: String,
}

impl Game {
    /// Opens PATH as `engine run` takes it: a folder with main.lua, a .love/zip file, or a Lua file.
    pub fn open(path: &Path) -> Result<Game, String> {
        let shown = path.display();
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("no game at '{shown}': no such file or folder"),
            _ => format!("cannot open '{shown}': {e}"),
        })?;
        if meta.is_dir() {
            if !path.join("main.lua").is_file() {
                return Err(format!("no game in '{shown}': the folder has no main.lua"));
            }
            return Ok(Game {
                source: Source::Dir(path.to_path_buf()),
                main: "main.lua".into(),
            });
        }
        let is_lua = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("lua"));
        if is_lua {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let main = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "main.lua".into());
            return Ok(Game {
                source: Source::Dir(dir),
                main,
            });
        }
        let bytes = fs::read(path).map_err(|e| format!("cannot read '{shown}': {e}"))?;
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            format!("'{shown}' is not a valid .love file (a zip archive with main.lua): {e}")
        })?;
        let mut game = Game {
            source: Source::Zip {
                path: path.to_path_buf(),
                archive: Box::new(archive),
            },
            main: "main.lua".into(),
        };
        if !game.is_file("main.lua") {
            return Err(format!(
                "no game in '{shown}': the archive has no main.lua at its top level"
            ));
        }
        // Read it once now so a truncated or corrupt archive fails here, clearly.
        game.read("main.lua")
            .map_err(|e| format!("'{shown}' is a damaged .love file: {e}"))?;
        Ok(game)
    }

    /// A short name for messages and `love.filesystem.getSource`.
    pub fn source_path(&self) -> PathBuf {
        match &self.source {
            Source::Dir(d) => d.clone(),
            Source::Zip { path, .. } => path.clone(),
        }
    }

    /// Reads a file of the game. `name` is relative to the game's root, with `/` separators.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let rel = normalize(name)
            .ok_or_else(|| format!("Could not open file {name}. Does not exist."))?;
        match &mut self.source {
            Source::Dir(d) => fs::read(d.join(&rel))
                .map_err(|_| format!("Could not open file {name}. Does not exist.")),
            Source::Zip { archive, .. } => {
                let mut f = archive
                    .by_name(&rel)
                    .map_err(|_| format!("Could not open file {name}. Does not exist."))?;
                let mut out = Vec::with_capacity(f.size() as usize);
                f.read_to_end(&mut out)
                    .map_err(|e| format!("Could not read file {name}: {e}"))?;
                Ok(out)
            }
        }
    }

    /// Modification time (seconds since the epoch) of a file or folder of a folder game.
    pub fn modtime(&self, name: &str) -> Option<i64> {
        let rel = normalize(name)?;
        match &self.source {
            Source::Dir(d) => fs::metadata(d.join(&rel))
                .ok()?
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .map(|t| t.as_secs() as i64),
            Source::Zip { .. } => None,
        }
    }

    pub fn is_file(&self, name: &str) -> bool {
        let Some(rel) = normalize(name) else {
            return false;
        };
        match &self.source {
            Source::Dir(d) => d.join(&rel).is_file(),
            Source::Zip { archive, .. } => archive.index_for_name(&rel).is_some(),
        }
    }

    pub fn is_dir(&self, name: &str) -> bool {
        let Some(rel) = normalize(name) else {
            return false;
        };
        match &self.source {
            Source::Dir(d) => d.join(&rel).is_dir(),
            Source::Zip { archive, .. } => {
                let prefix = if rel.is_empty() {
                    String::new()
                } else {
                    format!("{rel}/")
                };
                rel.is_empty()
                    || archive
                        .file_names()
                        .any(|n| n.is_ok_and(|n| n.starts_with(&prefix)))
            }
        }
    }
}

/// `a/./b/../c` → `a/c`; `None` for paths that climb out of the root.
pub fn normalize(name: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir | Component::RootDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filesystem_normalize_stays_inside() {
        assert_eq!(normalize("a/./b/../c.lua").as_deref(), Some("a/c.lua"));
        assert_eq!(normalize("/main.lua").as_deref(), Some("main.lua"));
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn filesystem_open_reports_missing_and_empty() {
        let err = Game::open(Path::new("/nonexistent/game"))
            .err()
            .unwrap_or_default();
        assert!(err.contains("no such file or folder"), "{err}");
        let dir = std::env::temp_dir().join(format!("engine-fs-test-{}", std::process::id()));
        let _ = fs::create_dir_all(&dir);
        let err = Game::open(&dir).err().unwrap_or_default();
        assert!(err.contains("has no main.lua"), "{err}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn filesystem_zip_source_reads_main() {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file("main.lua", opts).expect("start");
            std::io::Write::write_all(&mut w, b"x = 1").expect("write");
            w.finish().expect("finish");
        }
        let path = std::env::temp_dir().join(format!("engine-fs-{}.love", std::process::id()));
        fs::write(&path, buf.into_inner()).expect("write zip");
        let mut g = Game::open(&path).expect("open");
        assert_eq!(g.read("main.lua").expect("read"), b"x = 1");
        assert!(g.is_dir(""));
        let _ = fs::remove_file(&path);
        let bad = std::env::temp_dir().join(format!("engine-fs-bad-{}.love", std::process::id()));
        fs::write(&bad, b"PK\x03\x04garbage").expect("write");
        let err = Game::open(&bad).err().unwrap_or_default();
        assert!(err.contains("not a valid .love file"), "{err}");
        let _ = fs::remove_file(&bad);
    }
}
