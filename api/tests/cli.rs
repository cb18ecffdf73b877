//! The `fgr` command: failures are one clear line and a non-zero exit.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn fgr(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_fgr"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("FGR_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fgr runs");
    let pid = child.id();
    // Output is read while the command runs (an export is larger than a pipe holds); a command
    // that should fail must not hang the suite by serving instead.
    let (done, outcome) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match outcome.recv_timeout(Duration::from_secs(30)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("fgr {args:?} did not finish within 30 s");
        }
    }
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
    assert!(
        !path.exists(),
        "nothing is migrated or seeded before the port is known to be free"
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
    assert!(String::from_utf8_lossy(&second.stderr).contains("decisions: 0"));
    let down = fgr(&["--database-url", &url, "migrate", "--down"]);
    assert!(down.status.success(), "{down:?}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_catalogue_exports_as_json_and_csv() {
    let (url, path) = temp_sqlite("export");
    assert!(fgr(&["--database-url", &url, "seed"]).status.success());
    let json = fgr(&["--database-url", &url, "catalogue", "export"]);
    assert!(json.status.success(), "{json:?}");
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["format"], "fgr-catalogue/1");
    assert!(doc["groups"].as_array().unwrap().len() >= 35);
    let again = fgr(&["--database-url", &url, "catalogue", "export"]);
    assert_eq!(
        json.stdout, again.stdout,
        "the same register exports the same bytes"
    );
    let csv = fgr(&[
        "--database-url",
        &url,
        "catalogue",
        "export",
        "--format",
        "csv",
        "--as-of",
        "2026-01-01",
    ]);
    assert!(csv.status.success(), "{csv:?}");
    assert!(
        String::from_utf8_lossy(&csv.stdout).starts_with("family,group_code,group_name,version")
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_catalogue_file_imports_into_an_empty_database_and_a_bad_one_names_its_place() {
    let (from, from_path) = temp_sqlite("import-from");
    let (into, into_path) = temp_sqlite("import-into");
    assert!(fgr(&["--database-url", &from, "seed"]).status.success());
    let exported = fgr(&["--database-url", &from, "catalogue", "export"]);
    let file = std::env::temp_dir().join(format!("fgr-cli-{}-catalogue.json", std::process::id()));
    std::fs::write(&file, &exported.stdout).unwrap();
    let file_arg = file.to_str().unwrap();

    // Into the register it came from: nothing changes.
    let same = fgr(&["--database-url", &from, "catalogue", "import", file_arg]);
    assert!(same.status.success(), "{same:?}");
    let report = String::from_utf8_lossy(&same.stdout);
    assert!(
        report.contains("MANAGER (Manager): ongewijzigd"),
        "{report}"
    );
    assert!(
        report.trim_end().ends_with("er verandert niets"),
        "{report}"
    );

    // Into an empty database: a dry run first, then for real; it exports the same file.
    assert!(fgr(&["--database-url", &into, "migrate"]).status.success());
    let dry = fgr(&[
        "--database-url",
        &into,
        "catalogue",
        "import",
        file_arg,
        "--dry-run",
    ]);
    assert!(dry.status.success(), "{dry:?}");
    assert!(String::from_utf8_lossy(&dry.stdout).contains("MANAGER (Manager): toegevoegd met"));
    let empty = fgr(&["--database-url", &into, "catalogue", "export"]);
    let empty: serde_json::Value = serde_json::from_slice(&empty.stdout).unwrap();
    assert_eq!(
        empty["groups"].as_array().unwrap().len(),
        0,
        "a dry run writes nothing"
    );
    let done = fgr(&["--database-url", &into, "catalogue", "import", file_arg]);
    assert!(done.status.success(), "{done:?}");
    assert!(String::from_utf8_lossy(&done.stdout)
        .trim_end()
        .ends_with("geïmporteerd"));
    let again = fgr(&["--database-url", &into, "catalogue", "export"]);
    assert_eq!(
        again.stdout, exported.stdout,
        "export → import → export is the same file"
    );

    // A bad value: exit 1, the place on standard error, nothing written.
    let mut doc: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    doc["groups"][0]["scaleMin"] = serde_json::json!(0);
    std::fs::write(&file, doc.to_string()).unwrap();
    let bad = fgr(&["--database-url", &from, "catalogue", "import", file_arg]);
    assert!(!bad.status.success());
    let lines = stderr_lines(&bad);
    let code = doc["groups"][0]["code"].as_str().unwrap();
    assert!(
        lines[0].ends_with(&format!(
            "groups[0] {code}.scaleMin: schaal 0 bestaat niet in het FGR (toegestaan: 1–19)"
        )),
        "{lines:?}"
    );
    assert_eq!(
        lines.last().unwrap(),
        "fgr: 1 fout(en) in het bestand; er is niets gewijzigd"
    );

    // A control character (here an escaped NUL, valid JSON) is refused with its place, as it is
    // over GraphQL.
    let mut doc: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    doc["groups"][1]["name"] = serde_json::json!("Man\u{0}ager");
    std::fs::write(&file, doc.to_string()).unwrap();
    assert!(String::from_utf8_lossy(&std::fs::read(&file).unwrap()).contains("\\u0000"));
    let nul = fgr(&["--database-url", &from, "catalogue", "import", file_arg]);
    assert!(!nul.status.success());
    let lines = stderr_lines(&nul);
    assert!(
        lines[0].ends_with("groups[1].name: bevat een stuurteken (zoals NUL); dat kan geen tekst in het register zijn"),
        "{lines:?}"
    );
    let unchanged = fgr(&["--database-url", &from, "catalogue", "export"]);
    assert_eq!(unchanged.stdout, exported.stdout, "nothing was written");
    for path in [from_path, into_path, file] {
        let _ = std::fs::remove_file(path);
    }
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

#[test]
fn api_tokens_are_printed_once_listed_without_secrets_and_revocable() {
    let (url, path) = temp_sqlite("clients");
    let bad = fgr(&[
        "--database-url",
        &url,
        "clients",
        "create",
        "--name",
        "Tool",
        "--scopes",
        "admin",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown scope 'admin'"));

    let created = fgr(&[
        "--database-url",
        &url,
        "clients",
        "create",
        "--name",
        "Beoordelingstool",
        "--scopes",
        "criteria:read,clauses:read",
        "--expires",
        "2099-12-31",
    ]);
    assert!(created.status.success(), "{created:?}");
    let token = String::from_utf8_lossy(&created.stdout).trim().to_owned();
    assert!(token.starts_with("fgr_") && token.len() > 50, "{token}");
    let id = &token[4..16];

    let listed = fgr(&["--database-url", &url, "clients", "list"]);
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listing.contains(id)
            && listing.contains("Beoordelingstool")
            && listing.contains("criteria:read,clauses:read")
    );
    assert!(
        listing.contains("2100-01-01 00:00"),
        "expires at the end of the last day: {listing}"
    );
    assert!(
        !listing.contains(&token[17..]),
        "the secret must never be listed"
    );

    let revoked = fgr(&["--database-url", &url, "clients", "revoke", id]);
    assert!(revoked.status.success(), "{revoked:?}");
    let verified = fgr(&["--database-url", &url, "audit", "verify"]);
    assert!(verified.status.success(), "{verified:?}");
    assert_eq!(
        String::from_utf8_lossy(&verified.stdout).trim(),
        "audit trail intact: 2 entries"
    );
    assert!(
        String::from_utf8_lossy(&fgr(&["--database-url", &url, "clients", "list"]).stdout)
            .contains("revoked")
    );
    let unknown = fgr(&["--database-url", &url, "clients", "revoke", "nope"]);
    assert!(!unknown.status.success());
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_dev_sign_in_refuses_a_non_loopback_address() {
    let (url, path) = temp_sqlite("devlogin");
    let out = fgr(&[
        "--database-url",
        &url,
        "serve",
        "--dev-login",
        "--bind",
        "0.0.0.0:0",
    ]);
    assert!(!out.status.success());
    assert_eq!(
        stderr_lines(&out),
        ["fgr: --dev-login is for local use only and refuses to listen on 0.0.0.0:0; bind to 127.0.0.1"]
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_coverage_report_prints_as_csv() {
    let (url, path) = temp_sqlite("coverage");
    assert!(fgr(&["--database-url", &url, "seed"]).status.success());
    let out = fgr(&[
        "--database-url",
        &url,
        "coverage",
        "--format",
        "csv",
        "--families",
        "LIJNMANAGEMENT",
        "--as-of",
        "2026-01-01",
    ]);
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("as_of,family,group_code"));
    assert_eq!(lines.len(), 1 + 16);
    assert!(lines[1..].iter().all(|l| l.contains(",MISSING,")));
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_clause_library_exports_as_json_and_csv() {
    let (url, path) = temp_sqlite("clauses");
    assert!(fgr(&["--database-url", &url, "seed"]).status.success());
    let json = fgr(&[
        "--database-url",
        &url,
        "clauses",
        "export",
        "--format",
        "json",
    ]);
    assert!(json.status.success(), "{:?}", stderr_lines(&json));
    let library: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let clauses = library["clauses"].as_array().expect("clauses");
    let abd = clauses
        .iter()
        .find(|c| c["code"] == "ABD_SOCIALE_VEILIGHEID")
        .expect("the ABD sentence");
    assert_eq!(abd["versions"][0]["effectiveFrom"], "2025-02-01");
    assert!(abd["versions"][0]["textNl"].as_str().unwrap().starts_with(
        "Als leidinggevende heb je een cruciale rol in het waarborgen van sociale veiligheid"
    ));

    let csv = fgr(&[
        "--database-url",
        &url,
        "clauses",
        "export",
        "--format",
        "csv",
    ]);
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("code,version,effective_from,effective_to,title"));
    // One line per version: the seed holds one version of each clause.
    assert_eq!(lines.len(), 1 + clauses.len(), "{text}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("ABD_SOCIALE_VEILIGHEID,1,2025-02-01,,")));
    let _ = std::fs::remove_file(path);
}

#[test]
fn audit_checkpoints_are_signed_lines_that_verify_checks() {
    let (url, path) = temp_sqlite("checkpoints");
    assert!(fgr(&["--database-url", &url, "seed"]).status.success());
    let dir = std::env::temp_dir().join(format!("fgr-cli-{}-keys", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("audit.key");
    std::fs::write(&key, "6f1c2e9a4b7d3f08e5a1c6b9d2f4e7a0c3b8d5e2f9a6c1b4\n").unwrap();
    let short = dir.join("short.key");
    std::fs::write(&short, "kort").unwrap();
    let key_arg = key.to_str().unwrap();

    let taken = fgr(&[
        "--database-url",
        &url,
        "audit",
        "checkpoint",
        "--key-file",
        key_arg,
    ]);
    assert!(taken.status.success(), "{taken:?}");
    let line = String::from_utf8_lossy(&taken.stdout).trim().to_owned();
    let checkpoint: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(checkpoint["seq"].as_i64().unwrap() >= 1);
    assert_eq!(checkpoint["mac"].as_str().unwrap().len(), 64);
    let file = dir.join("checkpoints.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let file_arg = file.to_str().unwrap();

    let ok = fgr(&[
        "--database-url",
        &url,
        "audit",
        "verify",
        "--checkpoints",
        file_arg,
        "--key-file",
        key_arg,
    ]);
    assert!(ok.status.success(), "{ok:?}");
    assert!(String::from_utf8_lossy(&ok.stdout).contains("1 checkpoint(s) hold"));

    let weak = fgr(&[
        "--database-url",
        &url,
        "audit",
        "checkpoint",
        "--key-file",
        short.to_str().unwrap(),
    ]);
    assert!(!weak.status.success());
    assert!(
        stderr_lines(&weak)[0].contains("use at least 32 random"),
        "{weak:?}"
    );
    let keyless = fgr(&[
        "--database-url",
        &url,
        "audit",
        "verify",
        "--checkpoints",
        file_arg,
    ]);
    assert!(!keyless.status.success());
    assert!(stderr_lines(&keyless)[0].contains("--checkpoints needs the key"));
    // A checkpoint file edited by hand is refused as not signed.
    let tampered = serde_json::to_string(&serde_json::json!({
        "seq": checkpoint["seq"], "hash": "0".repeat(64), "takenAt": checkpoint["takenAt"], "mac": checkpoint["mac"],
    })).unwrap();
    std::fs::write(&file, tampered).unwrap();
    let refused = fgr(&[
        "--database-url",
        &url,
        "audit",
        "verify",
        "--checkpoints",
        file_arg,
        "--key-file",
        key_arg,
    ]);
    assert!(!refused.status.success());
    assert!(
        stderr_lines(&refused)[0].contains("not signed with this key"),
        "{refused:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_file(path);
}

/// A raw HTTP/1.1 GET of `path`; the status line, or `None` when the server closed first.
fn raw_get(addr: &str, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.lines().next().map(str::to_owned)
}

#[test]
fn a_connection_that_trickles_its_headers_is_closed_after_the_read_timeout() {
    use std::io::{Read, Write};
    let (url, path) = temp_sqlite("slowloris");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_fgr"))
        .args([
            "--database-url",
            &url,
            "serve",
            "--bind",
            &addr,
            "--header-read-timeout-seconds",
            "1",
        ])
        .env("FGR_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("fgr serves");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while raw_get(&addr, "/healthz").is_none_or(|l| !l.contains("200")) {
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not come up"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // Half a request, then nothing: the server closes the connection (with 408 or without a word).
    let mut slow = std::net::TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let read = slow.read_to_end(&mut answer);
    let waited = started.elapsed();
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_file(path);
    assert!(read.is_ok(), "the server closed the connection: {read:?}");
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );
    assert!(
        waited < Duration::from_secs(8),
        "closed after the 1 s read timeout, not left open ({waited:?})"
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `fgr catalogue export | head -c 100`: the reader goes away after the first bytes; the
    // export is larger than a pipe holds, so the command meets the closed pipe mid-write.
    let (url, path) = temp_sqlite("pipe");
    assert!(fgr(&["--database-url", &url, "seed"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_fgr"))
        .args(["--database-url", &url, "catalogue", "export"])
        .env("FGR_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fgr runs");
    let mut head = [0_u8; 100];
    std::io::Read::read_exact(&mut child.stdout.take().expect("stdout"), &mut head)
        .expect("the first bytes");
    let output = child.wait_with_output().expect("fgr ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "", "nothing on stderr");
    assert_eq!(output.status.code(), Some(141));
    let _ = std::fs::remove_file(path);
}

#[test]
fn an_operation_file_is_registered_once_under_its_sha256() {
    let (url, path) = temp_sqlite("operations");
    let file =
        std::env::temp_dir().join(format!("fgr-cli-{}-criteria.graphql", std::process::id()));
    let document = "query C { appraisalCriteria(groupCode: \"MANAGER\", scale: 13) { formats } }\n";
    std::fs::write(&file, document).unwrap();
    let file_arg = file.to_str().unwrap();
    let added = fgr(&["--database-url", &url, "operations", "add", file_arg]);
    assert!(added.status.success(), "{added:?}");
    let id = String::from_utf8_lossy(&added.stdout).trim().to_owned();
    assert_eq!(id, fgr_api::domain::operations::document_id(document));
    let again = fgr(&["--database-url", &url, "operations", "add", file_arg]);
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), id);
    assert!(
        stderr_lines(&again)[0].ends_with("was registered before"),
        "{:?}",
        stderr_lines(&again)
    );
    let listed = fgr(&["--database-url", &url, "operations", "list"]);
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(
        listed.starts_with(&id) && listed.trim_end().ends_with("criteria.graphql"),
        "{listed}"
    );
    std::fs::write(&file, "not { graphql").unwrap();
    let bad = fgr(&["--database-url", &url, "operations", "add", file_arg]);
    assert!(!bad.status.success());
    assert!(
        stderr_lines(&bad)[0].contains("not a GraphQL document"),
        "{:?}",
        stderr_lines(&bad)
    );
    for p in [path, file] {
        let _ = std::fs::remove_file(p);
    }
}
