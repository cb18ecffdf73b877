//! Push to integrations: the change feed as it grows, without polling. [`watch`] keeps the
//! feed's head current in every replica (PostgreSQL `LISTEN/NOTIFY`, polling elsewhere);
//! [`subscriptions`] serves the GraphQL subscription `changeEvents` over WebSocket
//! (`graphql-transport-ws`), replaying from a cursor and then streaming each new event;
//! [`webhooks`] POSTs each event, signed and in order, to integrations that cannot hold a socket.

pub mod subscriptions;
pub mod watch;
pub mod webhooks;

pub use subscriptions::{Push, SubscriptionLimits};
