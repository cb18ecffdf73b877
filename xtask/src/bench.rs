//! `cargo xtask bench`: the register's hot reads under load, measured on this machine.
//!
//! Builds the release binary; for each backend (SQLite, PostgreSQL) and each scale (the real seed,
//! then each `--scale N`: a synthetic register with N times the groups, typings and versions) it
//! seeds a fresh database, starts `fgr serve`, and drives every hot query with a closed-loop load
//! generator (one keep-alive connection per thread) for a fixed time at 10 and 50 connections,
//! anonymously and with an API token as an appraisal tool sends them. **Every answer is checked**:
//! it must be HTTP 200 and byte for byte the reference answer, which itself was checked to carry
//! data, no errors and the expected content; a wrong answer counts as an error, never as speed.
//! It prints rps, p50, p99, SQL statements per request and rps as a fraction of `GET /healthz`
//! in the same run, the server's peak RSS, and the latency of an adoption and a clause revision.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::{cargo, free_port, root, run, step, wait_until_ready, Result, Server};

/// A hot query: what it asks and how to recognise a right answer.
struct Hot {
    name: &'static str,
    body: &'static str,
    /// Substrings a right answer contains.
    must_contain: &'static [&'static str],
}

const HOT: [Hot; 4] = [
    Hot {
        name: "functionGroups(first: 50)",
        body: r#"{"query":"{ functionGroups(first: 50) { edges { node { code name scaleRange { min max } family { code name } } } } }"}"#,
        must_contain: &[r#""edges":[{"node":{"code":""#, r#""family":{"code":""#],
    },
    Hot {
        name: "functionGroup(MANAGER) typings",
        body: r#"{"query":"{ functionGroup(code: \"MANAGER\") { code name typings { scale fuwasys { display } sections { label items { subCategory text } } } } }"}"#,
        must_contain: &[
            r#""code":"MANAGER""#,
            r#""typings":[{"scale":"#,
            r#""label":"Resultaten""#,
        ],
    },
    Hot {
        name: "appraisalCriteria(MANAGER, 13)",
        body: r#"{"query":"{ appraisalCriteria(groupCode: \"MANAGER\", scale: 13) { formats sections { code title criteria { code text mandatory ratingScale { levels { label description } } } } } }"}"#,
        must_contain: &[
            r#""formats":[""#,
            r#""ratingScale":{"levels":[{"label":"++""#,
        ],
    },
    Hot {
        name: "vacancyText(MANAGER, 15, nl)",
        body: r#"{"query":"{ vacancyText(groupCode: \"MANAGER\", scale: 15, language: \"nl\") { text } }"}"#,
        must_contain: &[r#""vacancyText":{"text":""#, "sociale veiligheid"],
    },
];

/// What the command line asked for.
struct Options {
    scales: Vec<u32>,
    backends: Vec<String>,
    duration: Duration,
    connections: Vec<usize>,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        scales: vec![1],
        backends: vec!["sqlite".into(), "postgres".into()],
        duration: Duration::from_secs(5),
        connections: vec![10, 50],
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--scale" => {
                let n: u32 = value()?.parse().map_err(|_| "--scale takes a number")?;
                if n > 1 && !o.scales.contains(&n) {
                    o.scales.push(n);
                }
            }
            "--backends" => o.backends = value()?.split(',').map(str::to_owned).collect(),
            "--duration" => {
                let s: u64 = value()?.parse().map_err(|_| "--duration takes seconds")?;
                o.duration = Duration::from_secs(s.max(1));
            }
            "--connections" => {
                o.connections = value()?
                    .split(',')
                    .map(|c| c.parse().map_err(|_| "--connections takes numbers"))
                    .collect::<std::result::Result<_, _>>()?;
            }
            other => {
                return Err(format!(
                    "unknown option {other}; usage: cargo xtask bench [--scale N]... [--backends sqlite,postgres] [--duration S] [--connections 10,50]"
                ))
            }
        }
    }
    for b in &o.backends {
        if b != "sqlite" && b != "postgres" && b != "mariadb" {
            return Err(format!("unknown backend {b}"));
        }
    }
    Ok(o)
}

/// Runs the benchmark.
pub fn bench(args: &[String]) -> Result {
    let o = options(args)?;
    step("building the release binary");
    run(cargo().args(["build", "--release", "-p", "fgr-api", "--bin", "fgr"]))?;
    let fgr = root().join("target/release/fgr");
    println!(
        "\nFGR Register benchmark — {} cores, {}; {} s per run, closed loop, connections {:?}; every answer checked",
        thread::available_parallelism().map_or(0, |n| n.get()),
        machine_memory(),
        o.duration.as_secs(),
        o.connections
    );
    for backend in &o.backends {
        for scale in &o.scales {
            one_setting(&fgr, backend, *scale, &o)?;
        }
    }
    Ok(())
}

fn machine_memory() -> String {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(
            || "memory unknown".into(),
            |kb| format!("{} GiB", kb / 1_048_576),
        )
}

/// A database made for one setting, dropped afterwards.
struct BenchDb {
    url: String,
    drop_sql: Option<(String, String)>,
    file: Option<PathBuf>,
}

impl Drop for BenchDb {
    fn drop(&mut self) {
        if let Some((admin, sql)) = &self.drop_sql {
            let _ = Command::new("psql")
                .args([admin.as_str(), "-q", "-c", sql.as_str()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

fn fresh_db(backend: &str, scale: u32) -> Result<BenchDb> {
    let name = format!("fgr_bench_{}_{scale}", std::process::id());
    match backend {
        "sqlite" => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            Ok(BenchDb {
                url: format!("sqlite://{}?mode=rwc", file.display()),
                drop_sql: None,
                file: Some(file),
            })
        }
        "postgres" => {
            let admin = std::env::var("FGR_BENCH_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            run(Command::new("psql").args([
                admin.as_str(),
                "-q",
                "-c",
                &format!("CREATE DATABASE {name}"),
            ]))?;
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            Ok(BenchDb {
                url: format!("{base}/{name}"),
                drop_sql: Some((
                    admin.clone(),
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )),
                file: None,
            })
        }
        _ => Err(format!(
            "the benchmark runs on sqlite and postgres, not {backend}"
        )),
    }
}

fn one_setting(fgr: &PathBuf, backend: &str, scale: u32, o: &Options) -> Result {
    let db = fresh_db(backend, scale)?;
    let label = if scale == 1 {
        "real seed".to_owned()
    } else {
        format!("--scale {scale} (synthetic)")
    };
    step(&format!("{backend}, {label}: seeding"));
    let started = Instant::now();
    let mut seed = Command::new(fgr);
    seed.arg("seed").env("DATABASE_URL", &db.url);
    if scale > 1 {
        seed.args(["--synthetic-scale", &scale.to_string()]);
    }
    run(&mut seed)?;
    let seeded_in = started.elapsed();
    let token = Command::new(fgr)
        .args([
            "clients",
            "create",
            "--name",
            "benchmark",
            "--scopes",
            "catalogue:read,criteria:read,clauses:read",
        ])
        .env("DATABASE_URL", &db.url)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("fgr clients create: {e}"))?;
    let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    if !token.starts_with("fgr_") {
        return Err("fgr clients create printed no token".into());
    }

    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let mut server = Server(
        Command::new(fgr)
            .args([
                "serve",
                "--no-seed",
                "--dev-login",
                "--expose-statement-count",
                "--bind",
                &addr,
            ])
            .env("DATABASE_URL", &db.url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start fgr: {e}"))?,
    );
    let pid = server.0.id();
    wait_until_ready(&format!("http://{addr}"), &mut server)?;
    let groups = count_groups(&addr)?;
    println!(
        "\n### {backend}, {label}: {groups} groups; seeded in {:.1} s\n",
        seeded_in.as_secs_f64()
    );
    println!(
        "| request | caller | conns | rps | p50 ms | p99 ms | SQL/req | of /healthz | errors |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");

    let health = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n".to_vec();
    let mut healthz_rps = Vec::new();
    for &c in &o.connections {
        let stats = drive(&addr, &health, b"ok", c, o.duration)?;
        healthz_rps.push(stats.rps());
        print_row("GET /healthz", "-", c, &stats, None, None);
    }
    for hot in &HOT {
        for (caller, auth) in [("anonymous", None), ("API token", Some(token.as_str()))] {
            let request = graphql_request(hot.body, auth, None);
            let expected = reference_answer(&addr, &request, hot, groups)?;
            for (i, &c) in o.connections.iter().enumerate() {
                let before = statements(&addr)?;
                let stats = drive(&addr, &request, &expected, c, o.duration)?;
                let after = statements(&addr)?;
                // The two reads of the counter are requests too, but run no statement.
                let per_request = (after - before) as f64 / stats.ok.max(1) as f64;
                print_row(
                    hot.name,
                    caller,
                    c,
                    &stats,
                    Some(per_request),
                    Some(healthz_rps[i]),
                );
            }
        }
    }
    let adoption = adoption_latency(&addr)?;
    let revision = revision_latency(&addr)?;
    let rss = peak_rss_mb(pid);
    println!(
        "\npeak RSS {rss:.1} MB · adoption (recordDecision) median {:.1} ms · clause revision median {:.1} ms",
        adoption.as_secs_f64() * 1e3,
        revision.as_secs_f64() * 1e3
    );
    drop(server);
    drop(db);
    Ok(())
}

fn print_row(
    name: &str,
    caller: &str,
    conns: usize,
    s: &Stats,
    statements: Option<f64>,
    healthz: Option<f64>,
) {
    let fraction = healthz.map_or_else(|| "-".into(), |h| format!("{:.0} %", 100.0 * s.rps() / h));
    let sql = statements.map_or_else(|| "-".into(), |n| format!("{n:.3}"));
    println!(
        "| {name} | {caller} | {conns} | {:.0} | {:.2} | {:.2} | {sql} | {fraction} | {} |",
        s.rps(),
        s.percentile(0.50),
        s.percentile(0.99),
        s.errors
    );
}

fn graphql_request(body: &str, bearer: Option<&str>, cookie: Option<&str>) -> Vec<u8> {
    let mut head = format!(
        "POST /graphql HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = bearer {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// One HTTP response: status, headers (lower-cased names), body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_answer(reader: &mut BufReader<TcpStream>) -> std::io::Result<Answer> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().to_owned();
            if name == "content-length" {
                length = value.parse().unwrap_or(0);
            }
            if name == "transfer-encoding" {
                return Err(std::io::Error::other("chunked answers are not expected"));
            }
            headers.push((name, value));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// One request on a new connection.
fn once(addr: &str, request: &[u8]) -> Result<Answer> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream.write_all(request).map_err(|e| e.to_string())?;
    read_answer(&mut BufReader::new(stream)).map_err(|e| e.to_string())
}

fn text(a: &Answer) -> String {
    String::from_utf8_lossy(&a.body).into_owned()
}

/// The answer every request of the run must equal, checked for content first.
fn reference_answer(addr: &str, request: &[u8], hot: &Hot, groups: u64) -> Result<Vec<u8>> {
    let a = once(addr, request)?;
    let body = text(&a);
    if a.status != 200 || !body.starts_with(r#"{"data":"#) || body.contains(r#""errors""#) {
        return Err(format!(
            "{}: not a good answer ({}): {body}",
            hot.name, a.status
        ));
    }
    for needle in hot.must_contain {
        if !body.contains(needle) {
            return Err(format!("{}: the answer lacks {needle}: {body}", hot.name));
        }
    }
    // A listing holds a full page (or every group, when fewer).
    let nodes = body.matches(r#"{"node":"#).count() as u64;
    if hot.name.starts_with("functionGroups(") && nodes != groups.min(50) {
        return Err(format!("{}: {nodes} groups listed of {groups}", hot.name));
    }
    Ok(a.body)
}

fn statements(addr: &str) -> Result<u64> {
    let a = once(
        addr,
        b"GET /_bench/statements HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n",
    )?;
    text(&a)
        .trim()
        .parse()
        .map_err(|_| "the statement counter did not answer".into())
}

fn count_groups(addr: &str) -> Result<u64> {
    let request = graphql_request(
        r#"{"query":"{ functionGroups(first: 0) { totalCount } }"}"#,
        None,
        None,
    );
    let body = text(&once(addr, &request)?);
    body.split(r#""totalCount":"#)
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no totalCount in {body}"))
}

/// What one run measured.
struct Stats {
    ok: u64,
    errors: u64,
    elapsed: Duration,
    /// Latencies of the right answers, in microseconds, sorted.
    latencies: Vec<u32>,
}

impl Stats {
    fn rps(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        f64::from(self.latencies[i]) / 1000.0
    }
}

/// `connections` threads, each sending `request` on its own keep-alive connection as fast as the
/// answers come, for `duration`; an answer that is not HTTP 200 with exactly `expected` as its
/// body is an error.
fn drive(
    addr: &str,
    request: &[u8],
    expected: &[u8],
    connections: usize,
    duration: Duration,
) -> Result<Stats> {
    let request = Arc::new(request.to_vec());
    let expected = Arc::new(expected.to_vec());
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (addr, request, expected) = (addr.to_owned(), request.clone(), expected.clone());
            thread::spawn(move || -> (u64, u64, Vec<u32>) {
                let (mut ok, mut errors, mut latencies) = (0, 0, Vec::with_capacity(1 << 16));
                let connect = || -> Option<(TcpStream, BufReader<TcpStream>)> {
                    let s = TcpStream::connect(&addr).ok()?;
                    s.set_nodelay(true).ok()?;
                    let r = BufReader::with_capacity(64 * 1024, s.try_clone().ok()?);
                    Some((s, r))
                };
                let mut conn = connect();
                while Instant::now() < deadline {
                    let Some((writer, reader)) = conn.as_mut() else {
                        errors += 1;
                        thread::sleep(Duration::from_millis(10));
                        conn = connect();
                        continue;
                    };
                    let sent = Instant::now();
                    let answer = writer
                        .write_all(&request)
                        .and_then(|()| read_answer(reader));
                    match answer {
                        Ok(a) if a.status == 200 && a.body == *expected => {
                            ok += 1;
                            latencies.push(
                                u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX),
                            );
                        }
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = connect();
                        }
                    }
                }
                (ok, errors, latencies)
            })
        })
        .collect();
    let mut stats = Stats {
        ok: 0,
        errors: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for w in workers {
        let (ok, errors, latencies) = w.join().map_err(|_| "a load thread panicked")?;
        stats.ok += ok;
        stats.errors += errors;
        stats.latencies.extend(latencies);
    }
    stats.elapsed = started.elapsed();
    stats.latencies.sort_unstable();
    Ok(stats)
}

/// Signs in with the dev login as `role`; the session cookie (`name=value`).
fn sign_in(addr: &str, role: &str) -> Result<String> {
    let form = format!("role={role}&name=Bench");
    let request = format!(
        "POST /auth/dev-login HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    let a = once(addr, request.as_bytes())?;
    a.headers
        .iter()
        .find(|(n, _)| n == "set-cookie")
        .and_then(|(_, v)| v.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("dev sign-in as {role} set no cookie ({})", a.status))
}

/// A GraphQL call as a signed-in person; the answer's text, and how long it took.
fn call(addr: &str, cookie: &str, query: &str, variables: &str) -> Result<(String, Duration)> {
    let body = format!(
        r#"{{"query":{},"variables":{variables}}}"#,
        json_string(query)
    );
    let started = Instant::now();
    let a = once(addr, &graphql_request(&body, None, Some(cookie)))?;
    let took = started.elapsed();
    let text = text(&a);
    if text.contains(r#""errors""#) || a.status != 200 {
        return Err(format!("{query}: {text}"));
    }
    Ok((text, took))
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn int_after(text: &str, key: &str) -> Option<i64> {
    text.split(&format!("\"{key}\":"))
        .nth(1)?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn today_plus(days: i64) -> String {
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm): no date crate needed.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The median latency of the owner's decision that adopts a proposal (three groups, one each).
fn adoption_latency(addr: &str) -> Result<Duration> {
    let author = sign_in(addr, "committee_member")?;
    let secretary = sign_in(addr, "committee_secretary")?;
    let owner = sign_in(addr, "maintainer")?;
    let mut took = Vec::new();
    for group in ["MANAGER", "TOPMANAGER", "PROJECT_PROGRAMMAMANAGER"] {
        let (created, _) = call(
            addr,
            &author,
            "mutation C($g: String!, $d: Date!) { createProposal(input: { groupCode: $g, title: \"Benchmark\", rationale: \"Meting van de doorlooptijd.\", requestedEffectiveFrom: $d }) { number } }",
            &format!(r#"{{"g":"{group}","d":"{}"}}"#, today_plus(30)),
        )?;
        let n = int_after(&created, "number").ok_or("no proposal number")?;
        call(
            addr,
            &author,
            "mutation S($n: Int!) { submitProposal(number: $n, expectedVersion: 1) { version } }",
            &format!(r#"{{"n":{n}}}"#),
        )?;
        call(
            addr,
            &secretary,
            "mutation A($n: Int!) { recordAdvice(input: { number: $n, expectedVersion: 2, meetingDate: \"2026-11-01\", outcome: POSITIVE, rationale: \"Benchmark.\", employerMembers: [\"a\"], unionMembers: [\"b\"] }) { version } }",
            &format!(r#"{{"n":{n}}}"#),
        )?;
        let (decided, t) = call(
            addr,
            &owner,
            "mutation D($n: Int!) { recordDecision(input: { number: $n, expectedVersion: 3, outcome: ADOPTED, reference: \"Benchmark\", decisionDate: \"2026-11-20\" }) { state } }",
            &format!(r#"{{"n":{n}}}"#),
        )?;
        if !decided.contains("ADOPTED") {
            return Err(format!("adoption failed: {decided}"));
        }
        took.push(t);
    }
    Ok(median(took))
}

/// The median latency of five revisions of one clause.
fn revision_latency(addr: &str) -> Result<Duration> {
    let owner = sign_in(addr, "maintainer")?;
    let mut took = Vec::new();
    for expected in 1..=5 {
        let (answer, t) = call(
            addr,
            &owner,
            "mutation R($v: Int!, $from: Date!) { reviseVacancyClause(input: { code: \"EED_OF_BELOFTE\", expectedVersion: $v, effectiveFrom: $from, fields: { title: \"Eed of belofte\", category: INTEGRITY_SCREENING, section: PROCEDURE, sectionOrder: 10, textNl: \"Je legt de eed of belofte af.\", mandatory: true, sourceReference: \"Benchmark\", illustrative: true } }) { version { number } } }",
            &format!(r#"{{"v":{expected},"from":"{}"}}"#, today_plus(1)),
        )?;
        if int_after(&answer, "number") != Some(expected + 1) {
            return Err(format!("revision failed: {answer}"));
        }
        took.push(t);
    }
    Ok(median(took))
}

/// The server's peak resident set (VmHWM), in MB.
fn peak_rss_mb(pid: u32) -> f64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
