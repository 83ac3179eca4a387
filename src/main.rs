//! The `credence` binary: parse flags, run, turn failures into exit codes.

use clap::Parser;
use credence::cli::{run, Cli};

/// The analysis allocates many small, short-lived strings and vectors per
/// unit, which mimalloc serves faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(f) if f.message.contains("Broken pipe") => 0,
        Err(f) => {
            eprintln!("credence: {}", f.message);
            f.code
        }
    };
    std::process::exit(code);
}
