//! The `hitprep` command: validate, import and study question banks from a terminal.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
