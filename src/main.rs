//! The `inkwell` binary: parse, run, exit with the code the error maps to.

fn main() {
    std::process::exit(inkwell::run(std::env::args_os()));
}
