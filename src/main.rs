//! The `xuexi` command line: parse the arguments (`cli`), run the command (`cmd`), exit.
//! Exit codes: 0 done (warnings allowed), 1 invalid input or a failed step, 2 usage error.

mod cli;
mod cmd;

use std::process::ExitCode;

/// Generating a national campaign allocates millions of small strings, which is what
/// mimalloc is made for; `cargo bench --bench scale` times the stages it speeds up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the bindings name only some options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory goes back to the system after 10 ms, not mimalloc's default second:
    // a national build frees hundreds of megabytes of rendered pages as it writes them,
    // and its peak is then about what it holds, not what it held lately (140 MB instead
    // of 175-190 MB; no change in time; at 0 ms, 3% slower for 5 MB less). Unless
    // MIMALLOC_PURGE_DELAY says otherwise.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a global option of the allocator, which reads it atomically.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
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
