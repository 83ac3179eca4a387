//! The `credence` binary: parse flags, run, turn failures into exit codes.

use clap::Parser;
use credence::cli::{run, Cli};

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
