//! TypeScript bindings for everything that crosses to the window, generated
//! with ts-rs into `ui/src/bindings/` and committed. A test regenerates them
//! into a temporary folder and fails when the committed ones are stale;
//! `UPDATE_BINDINGS=1 cargo test -p hitprep-desktop bindings` rewrites them.

use std::path::Path;

use ts_rs::{Config, ExportError, TS};

/// Write every binding (and what each depends on) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    // Row ids and durations fit in a JavaScript number; serde_json sends numbers.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    crate::error::CommandError::export_all(&cfg)?;
    crate::state::Startup::export_all(&cfg)?;
    crate::commands::home::Home::export_all(&cfg)?;
    crate::commands::browse::Outline::export_all(&cfg)?;
    crate::commands::banks::LoadOutcome::export_all(&cfg)?;
    hitprep::study::Shown::export_all(&cfg)?;
    hitprep::study::Outcome::export_all(&cfg)?;
    hitprep::study::QuestionDetail::export_all(&cfg)?;
    hitprep::study::Mode::export_all(&cfg)?;
    hitprep::sched::Rating::export_all(&cfg)?;
    hitprep::store::Search::export_all(&cfg)?;
    hitprep::store::QuestionSummary::export_all(&cfg)?;
    hitprep::store::BankInfo::export_all(&cfg)?;
    hitprep::store::Settings::export_all(&cfg)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| {
                        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                        (e.file_name().to_string_lossy().into_owned(), text)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn bindings_are_current() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            super::export_all(&committed).expect("export bindings");
        }
        let fresh = tempfile::tempdir().expect("temp dir");
        super::export_all(fresh.path()).expect("export bindings");
        let want = read_dir(fresh.path());
        let have = read_dir(&committed);
        assert!(
            want.len() > 10,
            "expected the bindings to be generated: {want:?}"
        );
        let stale: Vec<&String> = want
            .keys()
            .chain(have.keys())
            .filter(|name| want.get(*name) != have.get(*name))
            .collect();
        assert!(
            stale.is_empty(),
            "ui/src/bindings is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p hitprep-desktop bindings` and commit the result"
        );
    }
}
