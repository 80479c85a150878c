//! The `lever` binary: everything lives in the library so tests can run it in-process.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(lever_cli::main_with_args(std::env::args_os()))
}
