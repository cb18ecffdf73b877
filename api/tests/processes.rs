//! `fgr serve` as separate processes, as an operator runs it: a subscription on one replica gets
//! a change committed through another (PostgreSQL by `LISTEN/NOTIFY`, MariaDB and SQLite by
//! polling the feed's head), and SIGTERM lets a request in flight finish and exits 0.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

/// One `fgr serve` process on a spare loopback port.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(database_url: &str, extra: &[&str]) -> Self {
        Self::start_with(database_url, extra, &[], Stdio::inherit())
    }

    fn start_with(database_url: &str, extra: &[&str], env: &[(&str, &str)], stderr: Stdio) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_fgr"))
            .args(["--database-url", database_url, "serve", "--bind", &addr])
            .args(extra)
            .env("FGR_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("fgr serves");
        let server = Self { child, addr };
        let deadline = Instant::now() + Duration::from_secs(90);
        while !server.healthy() {
            assert!(Instant::now() < deadline, "the server did not come up");
            std::thread::sleep(Duration::from_millis(200));
        }
        server
    }

    fn healthy(&self) -> bool {
        get(&self.addr, "/readyz").is_some_and(|(status, _)| status.starts_with("HTTP/1.1 200"))
    }

    /// Waits until the process has ended; its status.
    fn exited(&mut self, within: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("the process") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server exits");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database of the test's own on `backend`'s local server, dropped at the end.
struct TempDb {
    url: String,
    admin: Option<(String, String)>,
}

impl TempDb {
    async fn new(backend: &str) -> Self {
        let name = format!("fgr_proc_{}_{}", std::process::id(), backend);
        let admin = match backend {
            "postgres" => std::env::var("FGR_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
            "mariadb" => std::env::var("FGR_TEST_MARIADB_URL")
                .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into()),
            _ => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                let _ = std::fs::remove_file(&path);
                return Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    admin: None,
                };
            }
        };
        let connection = Database::connect(admin.as_str())
            .await
            .unwrap_or_else(|e| panic!("{backend} is not reachable at {admin}: {e}"));
        let _ = connection
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await;
        connection
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create the database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        Self {
            url: format!("{base}/{name}"),
            admin: Some((admin.clone(), name)),
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        match &self.admin {
            None => {
                let path = self
                    .url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            Some((admin, name)) => {
                let (admin, name) = (admin.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let connection = Database::connect(admin.as_str()).await.ok()?;
                        let force = if admin.starts_with("postgres") {
                            " WITH (FORCE)"
                        } else {
                            ""
                        };
                        connection
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}{force}"))
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}

/// The selected backends (`FGR_TEST_BACKENDS`, default all three), as the suite's.
fn selected(backend: &str) -> bool {
    let selected = std::env::var("FGR_TEST_BACKENDS")
        .map(|v| v.split(',').any(|b| b.trim() == backend))
        .unwrap_or(true);
    if !selected {
        eprintln!("NOT RUN on {backend}: FGR_TEST_BACKENDS leaves it out");
    }
    selected
}

async fn graphql(
    client: &reqwest::Client,
    server: &Server,
    cookie: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let mut request = client
        .post(server.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON")
}

/// The cursor of the feed's last event, walking `changes` to its end.
async fn last_cursor(client: &reqwest::Client, server: &Server) -> Value {
    let mut after = Value::Null;
    loop {
        let page = graphql(client, server, None, "query P($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } } }", json!({ "after": after })).await;
        let info = &page["data"]["changes"]["pageInfo"];
        if info["endCursor"].is_string() {
            after = info["endCursor"].clone();
        }
        if info["hasNextPage"] != true {
            return after;
        }
    }
}

async fn a_subscription_on_one_process_gets_what_another_commits(backend: &str) {
    if !selected(backend) {
        return;
    }
    let db = TempDb::new(backend).await;
    let a = Server::start(&db.url, &["--dev-login"]);
    // B would only poll once a minute on PostgreSQL: the event can only come by NOTIFY there.
    let poll = if backend == "postgres" {
        "60000"
    } else {
        "250"
    };
    let b = Server::start(&db.url, &["--no-seed", "--feed-poll-millis", poll]);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let after = last_cursor(&http, &b).await;

    let mut request = format!("ws://{}/graphql/ws", b.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("B accepts the WebSocket");
    socket
        .send(Message::Text(
            json!({ "type": "connection_init" }).to_string().into(),
        ))
        .await
        .unwrap();
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": {
        "query": "subscription S($after: String) { changeEvents(after: $after) { event { position entityType entityId version } } }",
        "variables": { "after": after } } });
    socket
        .send(Message::Text(subscribe.to_string().into()))
        .await
        .unwrap();

    // FGR beheer retires a clause through A.
    let cookie = sign_in(&http, &a).await;
    let on = (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string();
    let revised = graphql(&http, &a, Some(&cookie), r#"mutation R($on: Date!) { retireVacancyClause(code: "VOG", expectedVersion: 1, on: $on) { code } }"#, json!({ "on": on })).await;
    assert!(revised.get("errors").is_none(), "{revised}");

    let event = loop {
        let message = tokio::time::timeout(Duration::from_secs(20), socket.next())
            .await
            .expect("the event reaches B")
            .expect("a frame")
            .expect("a message");
        let Message::Text(text) = message else {
            continue;
        };
        let message: Value = serde_json::from_str(&text).unwrap();
        match message["type"].as_str() {
            Some("next") => break message["payload"]["data"]["changeEvents"]["event"].clone(),
            Some("connection_ack" | "ping") => continue,
            _ => panic!("{message}"),
        }
    };
    assert_eq!(event["entityType"], "VACANCY_CLAUSE", "{event}");
    assert_eq!(event["entityId"], "VOG", "{event}");
}

#[tokio::test]
async fn a_subscription_on_replica_b_gets_a_change_committed_through_a_on_postgres() {
    a_subscription_on_one_process_gets_what_another_commits("postgres").await;
}

#[tokio::test]
async fn a_subscription_on_replica_b_gets_a_change_committed_through_a_on_mariadb() {
    a_subscription_on_one_process_gets_what_another_commits("mariadb").await;
}

#[tokio::test]
async fn a_subscription_on_replica_b_gets_a_change_committed_through_a_on_sqlite() {
    a_subscription_on_one_process_gets_what_another_commits("sqlite").await;
}

#[test]
fn sigterm_lets_a_request_in_flight_finish_and_exits_0() {
    let path = std::env::temp_dir().join(format!("fgr-proc-{}-sigterm.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut server = Server::start(&url, &[]);
    // A request whose body is still arriving when the signal comes.
    let body = r#"{"query":"{ jobFamilies { code } }"}"#;
    let mut slow = std::net::TcpStream::connect(&server.addr).unwrap();
    write!(
        slow,
        "POST /graphql HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        server.addr,
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.terminate();
    std::thread::sleep(Duration::from_millis(700));
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = String::new();
    slow.read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains(r#""code":"MANAGEMENT""#) || answer.contains("jobFamilies"),
        "{answer}"
    );
    let status = server.exited(Duration::from_secs(20));
    assert_eq!(status.code(), Some(0), "a clean exit after draining");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Runs `fgr` to completion; its standard output.
fn fgr(database_url: &str, args: &[&str]) -> String {
    let (ok, stdout, stderr) = fgr_outcome(database_url, args);
    assert!(ok, "fgr {args:?}: {stderr}");
    stdout
}

async fn sign_in(http: &reqwest::Client, server: &Server) -> String {
    let signed_in = http
        .post(server.url("/auth/dev-login"))
        .header("origin", format!("http://{}", server.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&[("role", "maintainer"), ("name", "Mo"), ("return_to", "/")])
        .send()
        .await
        .expect("signed in");
    signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .find(|c| c.contains("session"))
        .expect("a session cookie")
}

#[tokio::test]
async fn webhooks_registered_at_the_command_line_are_delivered_in_order_across_a_restart() {
    use std::sync::{Arc, Mutex};
    let db = TempDb::new("sqlite").await;
    // The receiver: acknowledges everything, remembers the positions.
    let got: Arc<Mutex<Vec<i64>>> = Arc::default();
    let log = got.clone();
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap| {
            let log = log.clone();
            async move {
                let position = headers["x-fgr-event-position"]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                log.lock().unwrap().push(position);
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook_url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    fgr(&db.url, &["seed"]);
    fgr(
        &db.url,
        &[
            "clients",
            "create",
            "--name",
            "tool",
            "--scopes",
            "changes:read",
        ],
    );
    let clients = fgr(&db.url, &["clients", "list"]);
    let client = clients
        .lines()
        .find(|l| l.contains("tool"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{clients}"))
        .to_owned();
    let secret = fgr(
        &db.url,
        &["webhooks", "add", "--client", &client, "--url", &hook_url],
    );
    assert!(secret.trim().starts_with("whsec_"), "{secret}");

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let retire = r#"mutation R($code: String!, $on: Date!) { retireVacancyClause(code: $code, expectedVersion: 1, on: $on) { code } }"#;
    let on = (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string();
    let wait_for = |n: usize| {
        let got = got.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let seen = got.lock().unwrap().clone();
                if seen.len() >= n {
                    return seen;
                }
                assert!(Instant::now() < deadline, "{n} deliveries; got {seen:?}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    let mut server = Server::start(&db.url, &["--dev-login"]);
    let cookie = sign_in(&http, &server).await;
    let done = graphql(
        &http,
        &server,
        Some(&cookie),
        retire,
        json!({ "code": "VOG", "on": on }),
    )
    .await;
    assert!(done.get("errors").is_none(), "{done}");
    let first = wait_for(1).await;
    // A clean stop gives the webhook's lease back, so the next start delivers at once (after a
    // crash the lease runs out first, 30 s).
    server.terminate();
    server.exited(Duration::from_secs(20));
    drop(server);

    let server = Server::start(&db.url, &["--dev-login"]);
    let cookie = sign_in(&http, &server).await;
    let done = graphql(
        &http,
        &server,
        Some(&cookie),
        retire,
        json!({ "code": "EED_OF_BELOFTE", "on": on }),
    )
    .await;
    assert!(done.get("errors").is_none(), "{done}");
    let both = wait_for(2).await;
    assert_eq!(
        both,
        vec![first[0], first[0] + 1],
        "in feed order, each once, across the restart"
    );
    let listed = fgr(&db.url, &["webhooks", "list"]);
    let row: Vec<&str> = listed
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(row.get(2), Some(&hook_url.as_str()), "{listed}");
    assert_eq!(
        (row.get(4), row.get(5)),
        (Some(&"0"), Some(&"ok")),
        "nothing behind: {listed}"
    );
    let deliveries = fgr(&db.url, &["webhooks", "deliveries", "1"]);
    assert_eq!(
        deliveries
            .lines()
            .filter(|l| l.ends_with("delivered"))
            .count(),
        2,
        "{deliveries}"
    );
}

/// Runs `fgr` to completion: (success, stdout, stderr).
fn fgr_outcome(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fgr"))
        .args(["--database-url", database_url])
        .args(args)
        .env("FGR_LOG", "error")
        .output()
        .expect("fgr runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn backup_restore_and_copy_across_engines_at_the_command_line() {
    let source = TempDb::new("sqlite").await;
    fgr(&source.url, &["seed"]);
    let export = fgr(&source.url, &["catalogue", "export"]);
    let file = std::env::temp_dir().join(format!("fgr-proc-{}.fgrbackup", std::process::id()));
    let (ok, _, said) = fgr_outcome(&source.url, &["backup", "--out", file.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(said.contains("backup of"), "{said}");

    // Restore into another SQLite file.
    let restored = TempDb::new("sqlite-restored").await;
    let (ok, _, said) = fgr_outcome(&restored.url, &["restore", file.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(said.contains("the audit chain verifies"), "{said}");
    assert_eq!(fgr(&restored.url, &["catalogue", "export"]), export);
    // A second restore into the same database is refused.
    let (ok, _, said) = fgr_outcome(&restored.url, &["restore", file.to_str().unwrap()]);
    assert!(!ok && said.contains("not empty"), "{said}");

    // SQLite → PostgreSQL → MariaDB.
    let mut previous = source.url.clone();
    let mut targets = Vec::new();
    for backend in ["postgres", "mariadb"] {
        if !selected(backend) {
            continue;
        }
        let target = TempDb::new(backend).await;
        let (ok, _, said) = fgr_outcome(
            &target.url,
            &["db", "copy", "--from", &previous, "--to", &target.url],
        );
        assert!(ok, "copy to {backend}: {said}");
        assert_eq!(
            fgr(&target.url, &["catalogue", "export"]),
            export,
            "{backend}"
        );
        let (ok, _, said) = fgr_outcome(&target.url, &["audit", "verify"]);
        assert!(ok, "the audit chain verifies on {backend}: {said}");
        previous = target.url.clone();
        targets.push(target);
    }
    let _ = std::fs::remove_file(file);
}

/// The status line and body of `GET path` at `addr`.
fn get(addr: &str, path: &str) -> Option<(String, String)> {
    let mut stream = std::net::TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer.lines().next()?.to_owned();
    let body = answer
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    Some((status, body))
}

#[test]
fn metrics_on_their_own_address_need_no_token_and_logs_can_be_json_lines() {
    let path = std::env::temp_dir().join(format!("fgr-proc-{}-metrics.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let metrics_addr = format!("127.0.0.1:{port}");
    let mut server = Server::start_with(
        &url,
        &["--metrics-bind", &metrics_addr, "--dev-login"],
        &[("FGR_LOG_FORMAT", "json"), ("FGR_LOG", "info")],
        Stdio::piped(),
    );
    let (status, _) = get(&server.addr, "/metrics").expect("an answer");
    assert!(
        status.starts_with("HTTP/1.1 401"),
        "the public address wants a token: {status}"
    );
    let (status, body) = get(&metrics_addr, "/metrics").expect("an answer");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(
        body.contains("fgr_http_requests_total{route=\"health\",status=\"200\"}"),
        "{body}"
    );
    assert!(body.contains("fgr_register_revision"), "{body}");
    server.terminate();
    server.exited(Duration::from_secs(20));
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .unwrap();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 3, "{stderr}");
    for line in &lines {
        let entry: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        assert!(
            entry["level"].is_string() && entry["fields"].is_object(),
            "{line}"
        );
    }
    assert!(
        lines.iter().any(|l| l.contains("/auth/dev-login")),
        "the dev sign-in address is in the start-up log: {stderr}"
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
