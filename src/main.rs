//! The `xuexi` command line: parse the arguments (`cli`), run the command (`cmd`), exit.
//! Exit codes: 0 done (warnings allowed), 1 invalid input or a failed step, 2 usage error.

mod cli;
mod cmd;

use std::process::ExitCode;

/// Generating a national campaign allocates millions of small strings, which is what
/// mimalloc is made for; `cargo bench --bench scale` times the stages it speeds up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    xuexi::i18n::set(cli::language());
    // A file size limit (a full quota) must fail the write, which is then cleaned up,
    // not end the process and leave the half-written file.
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = cli::parse();
    let code = cmd::run(&cli);
    xuexi::timing_peak();
    code
}
