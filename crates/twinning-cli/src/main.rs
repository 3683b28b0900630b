//! `twinning`: the command line of the twinning crates. Everything is in
//! the library, `twinning_cli`; `docs/cli.md` is the guide.

fn main() -> std::process::ExitCode {
    twinning_cli::main()
}
