//! The `fgr` binary; see [`fgr_api::cli`].

fn main() -> std::process::ExitCode {
    fgr_api::cli::main()
}
