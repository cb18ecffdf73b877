//! A PostgreSQL cluster of a test's own (Debian's `pg_createcluster` on a spare port, trust
//! authentication), which the test may stop and start; dropped with the value. The machine's
//! main cluster is never touched.

use std::process::Command;

/// The installed PostgreSQL major version: the one folder under `/usr/lib/postgresql`.
fn major_version() -> String {
    let mut versions: Vec<String> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server is installed (/usr/lib/postgresql)")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("a PostgreSQL version under /usr/lib/postgresql")
}

fn spare_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a spare port");
    listener.local_addr().expect("its address").port()
}

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} runs ({e}); it comes with Debian's postgresql-common")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A running cluster of this test's own.
pub struct Cluster {
    version: String,
    name: String,
    /// Where it listens (127.0.0.1).
    pub port: u16,
}

impl Cluster {
    /// Creates and starts a cluster, and a database `fgr` in it.
    pub fn start() -> Self {
        let version = major_version();
        let name = format!("fgr_test_{}_{}", std::process::id(), spare_port());
        let port = spare_port();
        run(
            "pg_createcluster",
            &[
                &version,
                &name,
                "-p",
                &port.to_string(),
                "--start",
                "--",
                "--auth=trust",
            ],
        );
        let cluster = Self {
            version,
            name,
            port,
        };
        run(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "postgres",
                "-qc",
                "CREATE DATABASE fgr",
            ],
        );
        cluster
    }

    /// The URL of its database `fgr`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/fgr", self.port)
    }

    /// Stops the server (fast: open connections are ended, as in a crash or a failover).
    pub fn stop(&self) {
        self.ctl("stop");
    }

    /// Starts it again.
    pub fn resume(&self) {
        self.ctl("start");
    }

    fn ctl(&self, action: &str) {
        let mut args = vec![
            "--skip-systemctl-redirect",
            &self.version,
            &self.name,
            action,
        ];
        if action == "stop" {
            args.extend(["-m", "fast"]);
        }
        run("pg_ctlcluster", &args);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("pg_dropcluster")
            .args(["--stop", &self.version, &self.name])
            .output();
    }
}
