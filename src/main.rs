//! The `inkwell` binary: run, then exit with the code the outcome maps to.

fn main() {
    std::process::exit(inkwell::run(std::env::args_os()));
}
