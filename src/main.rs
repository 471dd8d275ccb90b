//! The `inkwell` binary: run, then exit with the code the outcome maps to.

#![forbid(unsafe_code)]

fn main() {
    std::process::exit(inkwell::run(std::env::args_os()));
}
