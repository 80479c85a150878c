//! Lever's language server. It will be the only crate that knows LSP; it receives its rule
//! set from the CLI and never decides where packs come from.
//!
//! Not built yet: the language-server issue fills this crate.
