//! The writable side of love.filesystem: the save directory, mounted archives and
//! folders, and the search order for reads (LÖVE's PhysFS model).
//!
//! Reads search: archives mounted with `appendToPath = false`, the save directory, the
//! game source, then archives mounted with `appendToPath = true`. Writes go only to the
//! save directory (`$XDG_DATA_HOME/love/<identity>` on Linux, as LÖVE 11), atomically:
//! the data goes to a temporary file that is renamed over the target, so a crash mid-write
//! never leaves a truncated save. Paths are normalised, so `..` cannot leave the root.

use super::{Game, normalize};
use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

enum MountSource {
    Dir(PathBuf),
    Zip(Box<zip::ZipArchive<Cursor<Vec<u8>>>>),
}

struct Mount {
    /// The name it was mounted by (unmount takes it).
    name: String,
    point: String,
    source: MountSource,
    append: bool,
}

pub struct SaveFs {
    pub identity: String,
    base: PathBuf,
    mounts: Vec<Mount>,
    pub require_path: String,
    pub c_require_path: String,
    pub symlinks: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    File,
    Directory,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Info {
    pub kind: Kind,
    pub size: Option<u64>,
    pub modtime: Option<i64>,
}

/// `$XDG_DATA_HOME/love`, or `~/.local/share/love`.
pub fn default_base() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("love");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".local/share/love")
}

fn illegal(name: &str) -> String {
    format!("Could not open file {name} (filename is illegal or insecure)")
}

fn info_of(meta: &fs::Metadata) -> Info {
    let modtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64);
    if meta.is_dir() {
        Info {
            kind: Kind::Directory,
            size: None,
            modtime,
        }
    } else {
        Info {
            kind: Kind::File,
            size: Some(meta.len()),
            modtime,
        }
    }
}

impl SaveFs {
    /// The same save directory and paths, without mounts (for a thread's Lua state).
    pub fn share(&self) -> SaveFs {
        SaveFs {
            identity: self.identity.clone(),
            base: self.base.clone(),
            mounts: Vec::new(),
            require_path: self.require_path.clone(),
            c_require_path: self.c_require_path.clone(),
            symlinks: self.symlinks,
        }
    }

    pub fn new(identity: &str, base: PathBuf) -> SaveFs {
        SaveFs {
            identity: identity.to_string(),
            base,
            mounts: Vec::new(),
            require_path: "?.lua;?/init.lua".into(),
            c_require_path: "??".into(),
            symlinks: true,
        }
    }

    pub fn save_dir(&self) -> PathBuf {
        self.base.join(&self.identity)
    }

    /// The real path of `name` inside the save directory.
    fn save_path(&self, name: &str) -> Result<PathBuf, String> {
        let rel = normalize(name)
            .filter(|r| !r.is_empty())
            .ok_or_else(|| illegal(name))?;
        if name.split(['/', '\\']).any(|c| c == "..") {
            return Err(illegal(name));
        }
        Ok(self.save_dir().join(rel))
    }

    /// Writes (or appends) atomically. Creates the save directory on first write.
    pub fn write(&self, name: &str, data: &[u8], append: bool) -> Result<(), String> {
        let path = self.save_path(name)?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.save_dir());
        if !dir.starts_with(self.save_dir()) {
            return Err(illegal(name));
        }
        // Only the save directory itself is created implicitly, as LÖVE does.
        if dir == self.save_dir() {
            fs::create_dir_all(&dir).map_err(|e| format!("Could not set write directory: {e}"))?;
        }
        let mut content = if append {
            fs::read(&path).unwrap_or_default()
        } else {
            Vec::new()
        };
        content.extend_from_slice(data);
        let tmp = dir.join(format!(
            ".{}.tmp-{}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id()
        ));
        fs::write(&tmp, &content).map_err(|e| format!("Could not open file {name}: {e}"))?;
        fs::rename(&tmp, &path).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            format!("Could not write file {name}: {e}")
        })
    }

    pub fn create_directory(&self, name: &str) -> bool {
        match self.save_path(name) {
            Ok(p) => fs::create_dir_all(p).is_ok(),
            Err(_) => false,
        }
    }

    /// Removes a file or an empty directory in the save directory.
    pub fn remove(&self, name: &str) -> bool {
        let Ok(p) = self.save_path(name) else {
            return false;
        };
        match fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => fs::remove_dir(&p).is_ok(),
            Ok(_) => fs::remove_file(&p).is_ok(),
            Err(_) => false,
        }
    }

    pub fn mount(&mut self, archive: &str, point: &str, append: bool) -> Result<(), String> {
        let real = self.save_path(archive).ok().filter(|p| p.exists());
        let path = real.unwrap_or_else(|| PathBuf::from(archive));
        let source = if path.is_dir() {
            MountSource::Dir(path)
        } else {
            let bytes = fs::read(&path).map_err(|e| format!("{archive}: {e}"))?;
            let z =
                zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("{archive}: {e}"))?;
            MountSource::Zip(Box::new(z))
        };
        self.unmount(archive);
        self.mounts.push(Mount {
            name: archive.to_string(),
            point: normalize(point).unwrap_or_default(),
            source,
            append,
        });
        Ok(())
    }

    /// Mounts a zip archive held in memory (`mount(Data, archivename, mountpoint)`).
    pub fn mount_bytes(
        &mut self,
        bytes: Vec<u8>,
        name: &str,
        point: &str,
        append: bool,
    ) -> Result<(), String> {
        let z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("{name}: {e}"))?;
        self.unmount(name);
        self.mounts.push(Mount {
            name: name.to_string(),
            point: normalize(point).unwrap_or_default(),
            source: MountSource::Zip(Box::new(z)),
            append,
        });
        Ok(())
    }

    pub fn unmount(&mut self, archive: &str) -> bool {
        let before = self.mounts.len();
        self.mounts.retain(|m| m.name != archive);
        self.mounts.len() != before
    }

    fn mounted(&mut self, append: bool) -> impl Iterator<Item = &mut Mount> {
        self.mounts.iter_mut().filter(move |m| m.append == append)
    }
}

impl Mount {
    fn rel(&self, name: &str) -> Option<String> {
        let n = normalize(name)?;
        if self.point.is_empty() {
            return Some(n);
        }
        if n == self.point {
            return Some(String::new());
        }
        n.strip_prefix(&format!("{}/", self.point))
            .map(str::to_string)
    }

    fn read(&mut self, name: &str) -> Option<Vec<u8>> {
        let rel = self.rel(name)?;
        match &mut self.source {
            MountSource::Dir(d) => fs::read(d.join(rel)).ok(),
            MountSource::Zip(z) => {
                let mut f = z.by_name(&rel).ok()?;
                let mut out = Vec::new();
                f.read_to_end(&mut out).ok()?;
                Some(out)
            }
        }
    }

    fn info(&mut self, name: &str) -> Option<Info> {
        let rel = self.rel(name)?;
        match &mut self.source {
            MountSource::Dir(d) => fs::metadata(d.join(rel)).ok().map(|m| info_of(&m)),
            MountSource::Zip(z) => {
                if rel.is_empty() {
                    return Some(Info {
                        kind: Kind::Directory,
                        size: None,
                        modtime: None,
                    });
                }
                if let Ok(f) = z.by_name(&rel) {
                    return Some(Info {
                        kind: Kind::File,
                        size: Some(f.size()),
                        modtime: None,
                    });
                }
                let prefix = format!("{rel}/");
                z.file_names()
                    .any(|n| n.is_ok_and(|n| n.starts_with(&prefix)))
                    .then_some(Info {
                        kind: Kind::Directory,
                        size: None,
                        modtime: None,
                    })
            }
        }
    }

    fn list(&mut self, name: &str, out: &mut Vec<String>) {
        let Some(rel) = self.rel(name) else { return };
        match &mut self.source {
            MountSource::Dir(d) => list_dir(&d.join(rel), out),
            MountSource::Zip(z) => {
                let names: Vec<String> = z
                    .file_names()
                    .filter_map(|n| n.ok().map(|s| s.to_string()))
                    .collect();
                list_zip(names.iter().map(String::as_str), &rel, out)
            }
        }
    }
}

fn list_dir(dir: &Path, out: &mut Vec<String>) {
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if !n.starts_with(".") || !n.contains(".tmp-") {
                out.push(n);
            }
        }
    }
}

fn list_zip<'a>(names: impl Iterator<Item = &'a str>, rel: &str, out: &mut Vec<String>) {
    let prefix = if rel.is_empty() {
        String::new()
    } else {
        format!("{rel}/")
    };
    for n in names {
        if let Some(rest) = n.strip_prefix(&prefix) {
            let first = rest.split('/').next().unwrap_or("");
            if !first.is_empty() {
                out.push(first.to_string());
            }
        }
    }
}

/// Where a read of `name` finds it: mounts, the save directory, the game, late mounts.
pub fn read(game: &mut Game, save: &mut SaveFs, name: &str) -> Result<Vec<u8>, String> {
    let missing = || format!("Could not open file {name}. Does not exist.");
    if normalize(name).is_none() {
        return Err(missing());
    }
    for m in save.mounted(false) {
        if let Some(b) = m.read(name) {
            return Ok(b);
        }
    }
    if let Ok(p) = save.save_path(name)
        && p.is_file()
    {
        return fs::read(&p).map_err(|e| format!("Could not read file {name}: {e}"));
    }
    if let Ok(b) = game.read(name) {
        return Ok(b);
    }
    for m in save.mounted(true) {
        if let Some(b) = m.read(name) {
            return Ok(b);
        }
    }
    Err(missing())
}

pub fn info(game: &mut Game, save: &mut SaveFs, name: &str) -> Option<Info> {
    normalize(name)?;
    for m in save.mounted(false) {
        if let Some(i) = m.info(name) {
            return Some(i);
        }
    }
    if let Ok(p) = save.save_path(name)
        && let Ok(meta) = fs::metadata(&p)
    {
        return Some(info_of(&meta));
    }
    if game.is_file(name) {
        let size = game.read(name).ok().map(|b| b.len() as u64);
        return Some(Info {
            kind: Kind::File,
            size,
            modtime: game.modtime(name),
        });
    }
    if game.is_dir(name) {
        return Some(Info {
            kind: Kind::Directory,
            size: None,
            modtime: game.modtime(name),
        });
    }
    save.mounted(true).find_map(|m| m.info(name))
}

/// The names in a directory, merged across the search path, without duplicates.
pub fn list(game: &mut Game, save: &mut SaveFs, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(rel) = normalize(name) else {
        return out;
    };
    for m in save.mounted(false) {
        m.list(name, &mut out);
    }
    list_dir(&save.save_dir().join(&rel), &mut out);
    match &mut game.source {
        super::Source::Dir(d) => list_dir(&d.join(&rel), &mut out),
        super::Source::Zip { archive, .. } => {
            let names: Vec<String> = archive
                .file_names()
                .filter_map(|n| n.ok().map(|s| s.to_string()))
                .collect();
            list_zip(names.iter().map(String::as_str), &rel, &mut out)
        }
    }
    for m in save.mounted(true) {
        m.list(name, &mut out);
    }
    // LOVE: PhysFS lists a folder sorted (byte order, so "C.txt" before "a.txt"), without
    // duplicates across the save directory, the game and mounts.
    out.sort();
    out.dedup();
    out
}

/// The real folder or archive that holds `name`, for getRealDirectory.
pub fn real_directory(game: &mut Game, save: &mut SaveFs, name: &str) -> Option<String> {
    for m in save.mounted(false) {
        if m.info(name).is_some() {
            return Some(m.name.clone());
        }
    }
    if save.save_path(name).is_ok_and(|p| p.exists()) {
        return Some(save.save_dir().to_string_lossy().into_owned());
    }
    if game.is_file(name) || game.is_dir(name) {
        return Some(game.source_path().to_string_lossy().into_owned());
    }
    for m in save.mounted(true) {
        if m.info(name).is_some() {
            return Some(m.name.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(tag: &str) -> (Game, SaveFs, PathBuf) {
        let root = std::env::temp_dir().join(format!("engine-save-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let game_dir = root.join("game");
        fs::create_dir_all(&game_dir).expect("mkdir");
        fs::write(game_dir.join("main.lua"), "-- game").expect("write");
        let game = Game::open(&game_dir).expect("game");
        (game, SaveFs::new("test", root.join("save")), root)
    }

    #[test]
    fn filesystem_write_read_append_save_first() {
        let (mut g, mut s, root) = setup("rw");
        s.write("a.txt", b"hello", false).expect("write");
        s.write("a.txt", b" world", true).expect("append");
        assert_eq!(read(&mut g, &mut s, "a.txt").expect("read"), b"hello world");
        // The save directory shadows the game's own file.
        s.write("main.lua", b"-- saved", false).expect("write");
        assert_eq!(read(&mut g, &mut s, "main.lua").expect("read"), b"-- saved");
        assert!(s.write("../escape.txt", b"x", false).is_err());
        assert!(!root.join("save/escape.txt").exists() && !root.join("escape.txt").exists());
        let items = list(&mut g, &mut s, "");
        assert!(items.contains(&"a.txt".to_string()) && items.contains(&"main.lua".to_string()));
        assert_eq!(items.iter().filter(|n| *n == "main.lua").count(), 1);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn filesystem_directories_and_remove() {
        let (mut g, mut s, root) = setup("dirs");
        assert!(s.create_directory("dir/sub"));
        assert_eq!(
            info(&mut g, &mut s, "dir").map(|i| i.kind),
            Some(Kind::Directory)
        );
        assert!(!s.remove("dir"), "non-empty directory");
        assert!(s.remove("dir/sub") && s.remove("dir"));
        assert!(!s.remove("nope"));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn filesystem_mount_zip() {
        let (mut g, mut s, root) = setup("mount");
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            w.start_file("data/x.txt", zip::write::SimpleFileOptions::default())
                .expect("entry");
            std::io::Write::write_all(&mut w, b"zipped").expect("write");
            w.finish().expect("finish");
        }
        s.write("pack.zip", buf.get_ref(), false)
            .expect("write zip");
        s.mount("pack.zip", "mods", false).expect("mount");
        assert_eq!(
            read(&mut g, &mut s, "mods/data/x.txt").expect("read"),
            b"zipped"
        );
        assert_eq!(list(&mut g, &mut s, "mods"), vec!["data".to_string()]);
        assert!(s.unmount("pack.zip"));
        assert!(read(&mut g, &mut s, "mods/data/x.txt").is_err());
        let _ = fs::remove_dir_all(root);
    }
}
