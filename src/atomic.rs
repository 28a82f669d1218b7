//! Writing files atomically: under temporary names beside their places,
//! renamed into place only once every one is written, so a failed write
//! leaves nothing new behind. Used by the interchange writer, the roll-up
//! report and the workbook.

use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, ErrorKind};

/// Writes the files `names` into `dir` (created if needed): `fill(i, out)`
/// writes the `i`-th. Each is written under a temporary name beside its
/// place (`.<name>.<pid>.tmp`) and the files are renamed into place only
/// once every one of them is written and flushed; on a failure the
/// temporary files are removed, so that nothing new is left behind.
pub(crate) fn write_files(
    dir: &Path,
    names: &[&str],
    mut fill: impl FnMut(usize, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let temp = |name: &str| dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let remove_temps = || {
        for name in names {
            let _ = std::fs::remove_file(temp(name));
        }
    };
    for (i, name) in names.iter().enumerate() {
        let path = temp(name);
        let written = std::fs::File::create(&path).and_then(|f| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
            fill(i, &mut out)?;
            out.flush()
        });
        if let Err(e) = written {
            remove_temps();
            return Err(write_error(&dir.join(name), e));
        }
    }
    for name in names {
        let to = dir.join(name);
        if let Err(e) = std::fs::rename(temp(name), &to) {
            remove_temps();
            return Err(write_error(&to, e));
        }
    }
    Ok(())
}

pub(crate) fn write_error(path: &Path, e: std::io::Error) -> Error {
    ErrorKind::Write {
        path: path.display().to_string(),
        source: e.into(),
    }
    .into()
}
