//! `briefing`: parse the command line and run it.

use clap::Parser;

fn main() -> std::process::ExitCode {
    briefing::cli::run(briefing::cli::Cli::parse())
}
