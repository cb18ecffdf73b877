//! `fgr-site WASM SITE_ROOT`: publishes the console's browser build into `SITE_ROOT/pkg` and
//! gzips what the server serves statically.
//!
//! 1. runs wasm-bindgen over `WASM` (the console compiled for `wasm32-unknown-unknown` with the
//!    `hydrate` feature), writing `fgr_console.js` and `fgr_console_bg.wasm` for the browser's
//!    ES module loader (`--target web`);
//! 2. writes `NAME.gz` beside every `.js`, `.wasm` and `.css` file under `SITE_ROOT` that has none
//!    or an older one, which `fgr serve` sends to browsers that accept gzip.
//!
//! `cargo xtask console` (and so `serve` and `test`) runs it; it is not part of the server.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flate2::write::GzEncoder;
use flate2::Compression;

/// The name the console's browser build is published under.
const OUTPUT_NAME: &str = "fgr_console";
/// The file types worth compressing; images and fonts are data: URLs inside the stylesheets.
const COMPRESSED: [&str; 3] = ["js", "wasm", "css"];

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wasm, site_root] = args.as_slice() else {
        eprintln!("usage: fgr-site WASM SITE_ROOT");
        return ExitCode::from(2);
    };
    match publish(Path::new(wasm), Path::new(site_root)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fgr-site: {e}");
            ExitCode::FAILURE
        }
    }
}

fn publish(wasm: &Path, site_root: &Path) -> Result {
    let pkg = site_root.join("pkg");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(OUTPUT_NAME)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .generate(&pkg)
        .map_err(|e| format!("wasm-bindgen over {}: {e:#}", wasm.display()))?;
    let mut written = 0;
    for file in files_under(site_root)? {
        if compress_if_stale(&file)? {
            written += 1;
        }
    }
    eprintln!(
        "browser build published in {} ({written} files compressed)",
        pkg.display()
    );
    Ok(())
}

/// Every file under `dir` whose extension is one of [`COMPRESSED`].
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSED.contains(&e))
            {
                found.push(path);
            }
        }
    }
    Ok(found)
}

/// Writes `file.gz` unless one at least as new exists; says whether it wrote.
fn compress_if_stale(file: &Path) -> Result<bool> {
    let mut gz = file.as_os_str().to_owned();
    gz.push(".gz");
    let gz = PathBuf::from(gz);
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(source), Some(copy)) = (modified(file), modified(&gz)) {
        if copy >= source {
            return Ok(false);
        }
    }
    let bytes = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    // Level 6: nearly the size of level 9 at a fraction of the time on a 20 MB debug wasm.
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(6));
    encoder
        .write_all(&bytes)
        .and_then(|()| encoder.finish())
        .and_then(|compressed| fs::write(&gz, compressed))
        .map_err(|e| format!("{}: {e}", gz.display()))?;
    Ok(true)
}
