//! Test-only crate: the suites live in `tests/tests/`.
