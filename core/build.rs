//! Rebuild when the built-in pack changes: `include_dir!` does not tell cargo what it reads.
fn main() {
    println!("cargo:rerun-if-changed=../queries");
}
