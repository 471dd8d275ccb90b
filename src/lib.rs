//! inkwell: a concurrency-safe manager for podcast/RSS feed subscriptions.

pub mod document;
pub mod error;
pub mod feed;
