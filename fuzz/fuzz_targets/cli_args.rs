//! The command line's argument layer: any argument vector (the input split
//! at NUL bytes, as the kernel hands `argv` over) run in-process against the
//! prepared files of a scratch folder never panics, ends with a documented
//! exit status, and reports bad input as one error with a hint.
//!
//! Kept harmless: an argument is made a plain name in the scratch folder
//! (`/` becomes `_`, `..` becomes `._`), `-` (standard input) becomes `_`,
//! and a vector with `serve` not followed by `token` (which would start the
//! server) is skipped. Every file a run writes is removed after it.

#![no_main]

#[path = "common/cli.rs"]
#[allow(dead_code, reason = "each target uses part of it")]
mod cli;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt as _;

use libfuzzer_sys::fuzz_target;

/// At most this many arguments are run (the rest ignored).
const MAX_ARGS: usize = 24;

/// One argument made harmless.
fn harmless(mut arg: Vec<u8>) -> OsString {
    for i in 0..arg.len() {
        if arg[i] == b'/' || (arg[i] == b'.' && i > 0 && arg[i - 1] == b'.') {
            arg[i] = b'_';
        }
    }
    if arg == b"-" || arg.ends_with(b"=-") {
        arg.pop();
        arg.push(b'_');
    }
    OsString::from_vec(arg)
}

fuzz_target!(|data: &[u8]| {
    let args: Vec<OsString> =
        data.split(|&b| b == 0).take(MAX_ARGS).map(|a| harmless(a.to_vec())).collect();
    let serves = args
        .iter()
        .enumerate()
        .any(|(i, a)| a == "serve" && args.get(i + 1).is_none_or(|next| next != "token"));
    if serves {
        return;
    }
    cli::begin();
    cli::run(&args);
});
