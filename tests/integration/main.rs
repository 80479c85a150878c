//! Lever's integration tests: one test binary, one module per area.

mod bad_input;
mod cli;
mod config;
mod fixtures;
mod hygiene;
mod lsp;
mod packs;
mod preview;
mod sarif;
mod suppress;
mod util;
