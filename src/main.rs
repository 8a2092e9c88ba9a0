//! `briefing`: parse the command line and run it.

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates many short
/// strings from every thread. At 10,000 notes it cut the build's CPU time by
/// about a third (user 3.9-5.3 s -> 2.6-3.1 s) for 45 MiB more peak memory.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    briefing::cli::run(briefing::cli::Cli::parse())
}
