//! Project tasks, so that a fresh machine needs one command for each job:
//!
//! - `cargo xtask serve [FGR ARGS]`: build the hydrated console, then run `fgr serve --dev-login`
//!   on SQLite with the seed data (extra arguments go to `fgr serve`);
//! - `cargo xtask test`: install what the tests need, build the console, and run the whole suite
//!   (Rust tests on SQLite, PostgreSQL and MariaDB, then the browser tests in headless Chromium);
//! - `cargo xtask console`: only build the console's browser code and publish it (`fgr-site`:
//!   wasm-bindgen, gzip) with the house style and GraphiQL from npm into `target/site`;
//! - `cargo xtask bench [--scale N]...`: the hot reads under load on SQLite and PostgreSQL, with
//!   every answer checked (see `bench.rs`).
//!
//! No dependencies: it runs other programs, and the benchmark's load generator is plain `std`.

mod bench;

use std::env;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The console crate and the name its browser build is published under.
const CONSOLE_CRATE: &str = "fgr-console";
const CONSOLE_OUTPUT: &str = "fgr_console";
/// The tool that publishes the browser build (wasm-bindgen, gzip): a workspace of its own.
const SITE_MANIFEST: &str = "site/Cargo.toml";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("console") => build_console(),
        Some("serve") => serve(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [fgr serve args] | test [nextest filters] | console | bench [--scale N]...>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Says which step runs and how long the run has taken so far, so a long first build shows
/// where it is.
fn step(what: &str) {
    let started = STARTED.get_or_init(std::time::Instant::now);
    eprintln!("\n==> [{:>4} s] {what}", started.elapsed().as_secs());
}

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    cmd.current_dir(root())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The version of `package` in the lockfile at `lockfile` (relative to the root).
fn locked_version(lockfile: &str, package: &str) -> Result<String> {
    let lock = fs::read_to_string(root().join(lockfile)).map_err(|e| format!("{lockfile}: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in {lockfile}"))
}

/// Builds the console for the browser and publishes it in target/site: the wasm through
/// wasm-bindgen (by `fgr-site`, which links wasm-bindgen's own library at the console's version),
/// the house style and GraphiQL from npm, and a gzip copy of each.
fn build_console() -> Result {
    step("building the console for the browser (wasm32, hydrate; a first build takes about 2 minutes on 2 cores)");
    if let Some(rustup) = output(Command::new("rustup").args(["target", "list", "--installed"])) {
        if !rustup.lines().any(|l| l == "wasm32-unknown-unknown") {
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
        }
    }
    run(cargo().args([
        "build",
        "-p",
        CONSOLE_CRATE,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "hydrate",
    ]))?;
    publish_style()?;
    publish_graphiql()?;
    step("publishing the browser build (wasm-bindgen and gzip; a first build of fgr-site takes about a minute)");
    let (linked, bindgen) = (
        locked_version("Cargo.lock", "wasm-bindgen")?,
        locked_version("site/Cargo.lock", "wasm-bindgen-cli-support")?,
    );
    if linked != bindgen {
        return Err(format!(
            "the console links wasm-bindgen {linked} but site/Cargo.lock has \
             wasm-bindgen-cli-support {bindgen}: give site/Cargo.toml the same version"
        ));
    }
    run(cargo()
        .args(["build", "--manifest-path", SITE_MANIFEST, "--target-dir"])
        .arg(root().join("target")))?;
    run(Command::new(root().join("target/debug/fgr-site"))
        .arg(root().join(format!(
            "target/wasm32-unknown-unknown/debug/{CONSOLE_OUTPUT}.wasm"
        )))
        .arg(root().join("target/site")))
}

/// GraphiQL's files, from npm (versions pinned in api/graphiql/package-lock.json), published in
/// target/site/graphiql, where `fgr serve` serves them: GET /graphql loads nothing from elsewhere.
fn publish_graphiql() -> Result {
    publish_npm_files(
        "api/graphiql",
        &[
            ("graphiql/graphiql.min.js", "graphiql.min.js"),
            ("graphiql/graphiql.min.css", "graphiql.min.css"),
            (
                "react/umd/react.production.min.js",
                "react.production.min.js",
            ),
            (
                "react-dom/umd/react-dom.production.min.js",
                "react-dom.production.min.js",
            ),
            ("../start.js", "start.js"),
        ],
        "target/site/graphiql",
    )
}

/// The house style, from npm (versions pinned in console/style/package-lock.json): NL Design
/// System's Rijkshuisstijl design tokens and component CSS, published in target/site/style under
/// the names the console's pages link (`fgr_console::THEME_STYLESHEETS`).
fn publish_style() -> Result {
    publish_npm_files(
        "console/style",
        &[
            (
                "@rijkshuisstijl-community/design-tokens/dist/index.css",
                "design-tokens.css",
            ),
            (
                "@rijkshuisstijl-community/components-css/dist/index.css",
                "components.css",
            ),
        ],
        "target/site/style",
    )
}

/// Copies `files` (paths under `folder`/node_modules, to names in `out`) after `npm ci` in
/// `folder` when any is missing: the registry is asked at build time, never at run time.
fn publish_npm_files(folder: &str, files: &[(&str, &str)], out: &str) -> Result {
    let dir = root().join(folder);
    let modules = dir.join("node_modules");
    if !files.iter().all(|(from, _)| modules.join(from).exists()) {
        step(&format!(
            "installing the npm packages of {folder} (seconds)"
        ));
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir))?;
    }
    let out_dir = root().join(out);
    fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    for (from, to) in files {
        fs::copy(modules.join(from), out_dir.join(to)).map_err(|e| format!("{from}: {e}"))?;
    }
    Ok(())
}

fn serve(extra: &[String]) -> Result {
    step("building the server, fgr (a first build takes about 5 minutes on 2 cores)");
    run(cargo().args(["build", "-p", "fgr-api", "--bin", "fgr"]))?;
    build_console()?;
    step(
        "starting fgr serve --dev-login (SQLite file fgr.db, seeded on first start); the log \
         prints the address and the dev sign-in URL",
    );
    run(cargo()
        .args([
            "run",
            "-p",
            "fgr-api",
            "--bin",
            "fgr",
            "--",
            "serve",
            "--dev-login",
        ])
        .args(extra))
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// Chromium and ChromeDriver from Debian, when missing.
fn ensure_chromium() -> Result {
    if have("chromium") {
        return Ok(());
    }
    if !(is_root() && have("apt-get")) {
        return Err("the browser tests need Chromium: install Debian's `chromium` package".into());
    }
    step("installing Chromium (Debian package) for the browser tests");
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The tests' npm packages: playwright-core (drives the system Chromium; never downloads a
/// browser), graphql-http (the GraphQL-over-HTTP conformance audit), axe-core (the
/// accessibility rules the pages are checked against) and oidc-provider (the real OpenID Provider
/// the sign-in tests run against).
fn ensure_npm_packages() -> Result {
    for (folder, packages) in [
        (
            "tests/browser",
            &["playwright-core", "graphql-http", "graphql", "axe-core"][..],
        ),
        ("tests/oidc", &["oidc-provider"][..]),
    ] {
        let dir = root().join(folder);
        if packages
            .iter()
            .all(|p| dir.join("node_modules").join(p).exists())
        {
            continue;
        }
        step(&format!("installing the npm packages of {folder}"));
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    }
    Ok(())
}

fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// A server process that is stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_until_ready(url: &str, server: &mut Server) -> Result {
    let deadline = Instant::now() + Duration::from_secs(60);
    let host_port = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    while Instant::now() < deadline {
        if let Ok(Some(status)) = server.0.try_wait() {
            return Err(format!("the server exited early ({status})"));
        }
        if let Ok(mut stream) = std::net::TcpStream::connect(&host_port) {
            use std::io::{Read, Write};
            let _ = write!(stream, "GET /readyz HTTP/1.0\r\nHost: {host_port}\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
                return Ok(());
            }
        }
        thread::sleep(Duration::from_millis(200));
    }
    Err("the server did not become ready within 60 s".into())
}

fn test(filters: &[String]) -> Result {
    let started = Instant::now();
    ensure_chromium()?;
    ensure_npm_packages()?;
    build_console()?;

    step("Rust test suite on SQLite, PostgreSQL and MariaDB");
    let mut nextest = cargo();
    if have("cargo-nextest") {
        nextest.args(["nextest", "run", "--workspace", "--no-fail-fast"]);
    } else {
        nextest.args(["test", "--workspace", "--no-fail-fast"]);
    }
    run(nextest.args(filters))?;

    step("browser tests (headless Chromium) against a freshly seeded server");
    // The suite built `fgr` (the process tests run it); building it again with `-p fgr-api`
    // alone would resolve other features and compile it a second time.
    if !root().join("target/debug/fgr").exists() {
        run(cargo().args(["build", "-p", "fgr-api", "--bin", "fgr"]))?;
    }
    let port = free_port()?;
    let url = format!("http://127.0.0.1:{port}");
    let db_dir = env::temp_dir().join(format!("fgr-browser-{}", std::process::id()));
    fs::create_dir_all(&db_dir).map_err(|e| e.to_string())?;
    let db_url = format!("sqlite://{}?mode=rwc", db_dir.join("fgr.db").display());
    let log = fs::File::create(db_dir.join("server.log")).map_err(|e| e.to_string())?;
    let mut server = Server(
        Command::new(root().join("target/debug/fgr"))
            .current_dir(root())
            // The journey test signs in three people with the local dev login.
            .args([
                "serve",
                "--dev-login",
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .env("DATABASE_URL", &db_url)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start fgr: {e}"))?,
    );
    wait_until_ready(&url, &mut server)?;
    let result = run(Command::new("node")
        .args(["--test", "--test-reporter=spec", "tests/browser/"])
        .env("FGR_URL", &url)
        .env(
            "CHROMIUM",
            which("chromium").unwrap_or_else(|| "/usr/bin/chromium".into()),
        ));
    drop(server);
    if result.is_err() {
        if let Ok(log) = fs::read_to_string(db_dir.join("server.log")) {
            eprintln!("--- server log ---\n{log}");
        }
    }
    let _ = fs::remove_dir_all(&db_dir);
    result?;
    eprintln!(
        "\nall tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn which(program: &str) -> Option<String> {
    output(Command::new("sh").args(["-c", &format!("command -v {program}")]))
}
