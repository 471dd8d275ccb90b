//! The file-system primitives of a transaction: the cross-process lock, the snapshot of
//! a file as read, and the atomic, durable replace.

pub mod atomic;
pub mod fs_kind;
pub mod lock;
pub mod snapshot;
