//! The application on a real loopback socket (for what needs one: WebSockets), and a
//! `graphql-transport-ws` client.

use std::net::SocketAddr;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::TestApp;

/// The application's router served on `127.0.0.1`, until [`Served::stop`] or drop.
pub struct Served {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Served {
    /// Serves `app` on a spare port.
    pub async fn start(app: &TestApp) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a spare port");
        let addr = listener.local_addr().expect("its address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = app.router.clone();
        let push = app.service.push().clone();
        let task = tokio::spawn(async move {
            fgr_api::serve::run(
                listener,
                router,
                fgr_api::serve::ConnectionLimits::default(),
                async move {
                    let _ = stopped.await;
                    push.shut_down();
                },
            )
            .await;
        });
        Self {
            addr,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Shuts down as on SIGTERM (subscriptions are told first) and waits until it has.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A GraphQL WebSocket client speaking `graphql-transport-ws`.
pub struct GqlWs {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How long a test waits for any one message.
pub const WAIT: Duration = Duration::from_secs(15);

impl GqlWs {
    /// Opens `/graphql/ws` with `headers` (e.g. `authorization`) and completes the
    /// `connection_init` handshake; the HTTP status when the upgrade is refused.
    pub async fn connect(addr: SocketAddr, headers: &[(&str, &str)]) -> Result<Self, u16> {
        let mut request = format!("ws://{addr}/graphql/ws")
            .into_client_request()
            .expect("a request");
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        for (name, value) in headers {
            let name =
                tokio_tungstenite::tungstenite::http::HeaderName::from_bytes(name.as_bytes())
                    .expect("a header name");
            request
                .headers_mut()
                .insert(name, value.parse().expect("a header value"));
        }
        let (socket, _) = match tokio_tungstenite::connect_async(request).await {
            Ok(pair) => pair,
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                return Err(response.status().as_u16())
            }
            Err(e) => panic!("connecting failed: {e}"),
        };
        let mut client = Self { socket };
        client
            .send(json!({ "type": "connection_init", "payload": {} }))
            .await;
        let ack = client.message().await;
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        Ok(client)
    }

    async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::Text(message.to_string().into()))
            .await
            .expect("send");
    }

    /// Starts subscription `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }))
            .await;
    }

    /// The next protocol message (pings answered on the way); panics after [`WAIT`].
    pub async fn message(&mut self) -> Value {
        loop {
            match self.frame().await {
                Frame::Text(message) if message["type"] == "ping" => {
                    self.send(json!({ "type": "pong" })).await;
                }
                Frame::Text(message) => return message,
                Frame::Closed(close) => panic!("the server closed the connection: {close:?}"),
            }
        }
    }

    /// The next frame: a protocol message, or the close frame the server sent.
    pub async fn frame(&mut self) -> Frame {
        loop {
            let next = tokio::time::timeout(WAIT, self.socket.next())
                .await
                .expect("a message within the wait");
            match next {
                Some(Ok(Message::Text(text))) => {
                    return Frame::Text(serde_json::from_str(&text).expect("JSON"))
                }
                Some(Ok(Message::Close(close))) => return Frame::Closed(close),
                Some(Ok(_)) => {}
                Some(Err(e)) => panic!("the connection failed: {e}"),
                None => return Frame::Closed(None),
            }
        }
    }

    /// The `next` payloads of subscription `id` until `count` arrived.
    pub async fn events(&mut self, id: &str, count: usize) -> Vec<Value> {
        let mut got = Vec::new();
        while got.len() < count {
            let message = self.message().await;
            assert_eq!(message["id"], id, "{message}");
            assert_eq!(message["type"], "next", "{message}");
            assert!(message["payload"].get("errors").is_none(), "{message}");
            got.push(message["payload"]["data"]["changeEvents"].clone());
        }
        got
    }
}

/// A frame from the server.
#[derive(Debug)]
pub enum Frame {
    /// A protocol message.
    Text(Value),
    /// The close frame (or none, when the connection just ended).
    Closed(Option<CloseFrame>),
}
