//! Lays out the `inkwell` binary so that the code an everyday command runs sits together.
//!
//! `startup.ld` is a linker script, written by `scripts/startup-order.sh`, that names the
//! functions `add`, `list`, `show`, `rename`, `remove` and a few more run, and gathers
//! them in one output section, `.text.hot`, ahead of the rest of the code. A run then maps
//! them from the page cache in a few page faults instead of one for each 64 KiB piece of
//! the 2 MB of code they would otherwise be spread over. The script names functions by
//! patterns with their hashes left out, so it keeps matching after a change of the
//! profile, the dependencies or the compiler; a function it no longer names is simply
//! laid out as usual. `INSERT BEFORE .text` keeps the linker's own layout for everything
//! else. Only rust-lld, Rust's own linker for x86_64 Linux since 1.90, is given the
//! script: with another linker, or one chosen by hand, the layout is the default one.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=startup.ld");
    // scripts/startup-order.sh profiles the default layout: with the code in two output
    // sections, valgrind names only the functions of `.text` by their object.
    println!("cargo:rerun-if-env-changed=INKWELL_DEFAULT_LAYOUT");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // `-Wl,` splits its argument at commas, so a path with one is not passed.
    if rust_lld_links() && env::var_os("INKWELL_DEFAULT_LAYOUT").is_none() && !dir.contains(',') {
        println!("cargo:rustc-link-arg-bin=inkwell=-Wl,-T,{dir}/startup.ld");
    }
}

/// Whether the binary is linked by rust-lld: the target is x86_64 Linux with glibc, the
/// compiler is 1.90 or later, and no linker or link argument was chosen by hand.
fn rust_lld_links() -> bool {
    let chosen = env::var_os("RUSTC_LINKER").is_some()
        || env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| flags.contains("link"));
    env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu")
        && !chosen
        && rustc_minor_version().is_some_and(|minor| minor >= 90)
}

fn rustc_minor_version() -> Option<u32> {
    let rustc = env::var_os("RUSTC")?;
    let out = Command::new(rustc).arg("--version").output().ok()?;
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let text = String::from_utf8(out.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    let mut parts = version.split('.');
    (parts.next()? == "1").then_some(())?;
    parts.next()?.parse().ok()
}
