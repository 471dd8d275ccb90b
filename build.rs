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
//! else.
//!
//! Not every linker takes such a script (gold and mold do not), and which one links is
//! up to the toolchain and its configuration. So the script is given only on Linux, and
//! only when an empty program linked the same way with it (same compiler, target,
//! linker and flags) links, and runs where it can be run. Otherwise the layout is the
//! default one: the script is a speed-up, never a reason for a build to fail.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=startup.ld");
    // scripts/startup-order.sh profiles the default layout: with the code in two output
    // sections, valgrind names only the functions of `.text` by their object.
    println!("cargo:rerun-if-env-changed=INKWELL_DEFAULT_LAYOUT");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let script =
        Path::new(&env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("startup.ld");
    let arg = format!("-Wl,-T,{}", script.display());
    let wanted = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var_os("INKWELL_DEFAULT_LAYOUT").is_none()
        // `-Wl,` splits its argument at commas: such a path cannot be passed whole.
        && script.to_str().is_some_and(|s| !s.contains(','))
        && script.is_file();
    if wanted && links_with(&arg) {
        println!("cargo:rustc-link-arg-bin=inkwell={arg}");
    }
}

/// Whether an empty program links with `link_arg` as the binary will be linked, and,
/// when it is built for this machine, runs.
fn links_with(link_arg: &str) -> bool {
    let (Some(rustc), Some(out)) = (env::var_os("RUSTC"), env::var_os("OUT_DIR")) else {
        return false;
    };
    let out = PathBuf::from(out);
    let source = out.join("layout_probe.rs");
    let probe = out.join("layout_probe");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let mut cmd = Command::new(rustc);
    cmd.arg(&source).arg("-o").arg(&probe).arg("--edition=2021");
    if let Ok(target) = env::var("TARGET") {
        cmd.arg("--target").arg(target);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let mut flag = OsString::from("linker=");
        flag.push(linker);
        cmd.arg("-C").arg(flag);
    }
    if let Ok(flags) = env::var("CARGO_ENCODED_RUSTFLAGS") {
        cmd.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    }
    cmd.arg("-C").arg(format!("link-arg={link_arg}"));
    let linked = cmd.output().is_ok_and(|o| o.status.success());
    let native = env::var("HOST").ok() == env::var("TARGET").ok();
    linked && (!native || Command::new(&probe).status().is_ok_and(|s| s.success()))
}
