//! Push to integrations: the change feed as it grows, without polling. [`watch`] keeps the
//! feed's head current in every replica (PostgreSQL `LISTEN/NOTIFY`, polling elsewhere);
//! [`subscriptions`] serves the GraphQL subscription `changeEvents` over WebSocket
//! (`graphql-transport-ws`), replaying from a cursor and then streaming each new event.

pub mod subscriptions;
pub mod watch;

pub use subscriptions::{Push, SubscriptionLimits};
