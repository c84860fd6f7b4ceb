//! Reading the CLI's inputs: a path, `-` for stdin, or `REV:PATH` from git.

use std::io::Read;
use std::path::Path;
use std::process::Command;

/// An input read into memory, with the name to show in messages.
#[derive(Debug)]
pub struct Input {
    /// How the user named it (`-` is shown as `<stdin>`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Reading a file or stdin failed.
    #[error("{name}: {source}")]
    Io {
        /// The input's name.
        name: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `git show REV:PATH` failed.
    #[error("{name}: git could not read it: {message}")]
    Git {
        /// The input's name.
        name: String,
        /// What git said.
        message: String,
    },
    /// The input is larger than the reader accepts.
    #[error("{name}: larger than {limit} bytes")]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size, when the file system knows it.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
}

/// The most the CLI reads of one input: a little over the loader's default
/// limit, so that the loader, not the reader, reports oversize documents.
const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads `spec`: `-` is stdin; an existing path is a file; otherwise
/// `REV:PATH` (with a non-empty REV) is read through `git show`.
pub fn read(spec: &str) -> Result<Input, InputError> {
    if spec == "-" {
        let name = "<stdin>".to_owned();
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(READ_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| InputError::Io {
                name: name.clone(),
                source,
            })?;
        return check_size(name, bytes);
    }
    if let Some((rev, path)) = split_rev(spec) {
        return read_git(spec, rev, path);
    }
    read_file(spec)
}

fn check_size(name: String, bytes: Vec<u8>) -> Result<Input, InputError> {
    if bytes.len() as u64 > READ_LIMIT {
        return Err(InputError::TooLarge {
            name,
            size: None,
            limit: READ_LIMIT,
        });
    }
    Ok(Input { name, bytes })
}

fn read_file(path: &str) -> Result<Input, InputError> {
    let name = path.to_owned();
    let file = std::fs::File::open(path).map_err(|source| InputError::Io {
        name: name.clone(),
        source,
    })?;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > READ_LIMIT
    {
        return Err(InputError::TooLarge {
            name,
            size: Some(meta.len()),
            limit: READ_LIMIT,
        });
    }
    let mut bytes = Vec::new();
    file.take(READ_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            name: name.clone(),
            source,
        })?;
    check_size(name, bytes)
}

/// `REV:PATH` when `spec` is not an existing file and has a non-empty part
/// before the first `:` (Windows drive letters are left to the file reader).
fn split_rev(spec: &str) -> Option<(&str, &str)> {
    if Path::new(spec).exists() {
        return None;
    }
    let (rev, path) = spec.split_once(':')?;
    if rev.is_empty() || path.is_empty() || (rev.len() == 1 && cfg!(windows)) {
        return None;
    }
    Some((rev, path))
}

fn read_git(spec: &str, rev: &str, path: &str) -> Result<Input, InputError> {
    let name = spec.to_owned();
    if rev.starts_with('-') {
        return Err(InputError::Git {
            name,
            message: "a revision cannot start with `-`".into(),
        });
    }
    let output = Command::new("git")
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .arg("--")
        .output()
        .map_err(|source| InputError::Io {
            name: name.clone(),
            source,
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(InputError::Git { name, message });
    }
    check_size(name, output.stdout)
}
