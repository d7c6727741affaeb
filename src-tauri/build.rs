//! Registers the app's commands with Tauri's permission system, so each one
//! gets an `allow-<command>` permission and the capability can grant them.

fn main() {
    let commands: Vec<&str> = include_str!("commands.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(commands.into_boxed_slice()));
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build step failed: {e:#}");
    }
}
