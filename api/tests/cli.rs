//! The `fgr` command: failures are one clear line and a non-zero exit.

use std::process::{Command, Output};

fn fgr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fgr"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("FGR_LOG", "error")
        .output()
        .expect("fgr runs")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn temp_sqlite(name: &str) -> (String, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("fgr-cli-{}-{name}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    (format!("sqlite://{}?mode=rwc", path.display()), path)
}

#[test]
fn a_malformed_database_url_is_one_clear_line() {
    let out = fgr(&["--database-url", "nonsense://x", "migrate"]);
    assert!(!out.status.success());
    assert_eq!(stderr_lines(&out), ["fgr: invalid database URL 'nonsense://x': expected a sqlite:, postgres: or mysql:/mariadb: URL"]);
}

#[test]
fn an_unreachable_database_is_one_clear_line_without_the_password() {
    let out = fgr(&[
        "--database-url",
        "postgres://app:geheim@127.0.0.1:1/fgr",
        "migrate",
    ]);
    assert!(!out.status.success());
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "fgr: cannot connect to the database at 'postgres://app:***@127.0.0.1:1/fgr'"
        ),
        "{lines:?}"
    );
    assert!(!lines[0].contains("geheim"));
}

#[test]
fn a_port_in_use_is_one_clear_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let (url, path) = temp_sqlite("port");
    let out = fgr(&["--database-url", &url, "serve", "--bind", &addr]);
    assert!(!out.status.success());
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!("fgr: cannot listen on {addr}:")),
        "{lines:?}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn seeding_a_file_database_twice_is_harmless() {
    let (url, path) = temp_sqlite("seed");
    let first = fgr(&["--database-url", &url, "seed"]);
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stderr).contains("families: 8"));
    let second = fgr(&["--database-url", &url, "seed"]);
    assert!(second.status.success(), "{second:?}");
    assert!(String::from_utf8_lossy(&second.stderr).contains("families: 0, groups: 0"));
    let down = fgr(&["--database-url", &url, "migrate", "--down"]);
    assert!(down.status.success(), "{down:?}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_schema_command_prints_the_checked_in_sdl() {
    let out = fgr(&["schema"]);
    assert!(out.status.success());
    let checked_in =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql"))
            .expect("schema.graphql");
    assert_eq!(String::from_utf8_lossy(&out.stdout), checked_in);
}
