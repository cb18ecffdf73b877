//! What an operator sees of a running server: a request id and W3C trace context on every
//! request and log line ([`request`]), and Prometheus metrics ([`metrics`]).
//!
//! Logs go to stderr, as text or, with `FGR_LOG_FORMAT=json`, one JSON object a line; every line
//! logged while a request is answered carries its span (`request_id`, `trace_id`, method, path).

pub mod metrics;
pub mod request;

pub use request::{ClientAddr, RequestId, TraceContext};
