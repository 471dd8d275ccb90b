//! The file-system primitives of a transaction: the cross-process lock and the atomic,
//! durable write.

pub mod atomic;
pub mod fs_kind;
pub mod lock;
