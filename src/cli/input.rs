//! Reading the CLI's inputs: a path, `-` for stdin, or `REV:PATH` from git.
//!
//! Every input is hostile, and so is the working tree: a pull request can
//! commit a file literally named `origin/main:data/policy.json`. So a
//! `REV:PATH` whose REV is a git revision is always read from git, never
//! from the working tree; when a file of that name exists too, the input is
//! refused as ambiguous (write `./NAME` for the file). Names that start with
//! `./`, `../` or `/` are always files. A name with a colon whose part
//! before the colon is not a revision is a file.
//!
//! Every read is bounded by [`READ_LIMIT`]: files and stdin are read
//! through a limit, git blobs have their size asked before they are read.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use matrix_privacy_policy::render::escape::visible;

/// An input read into memory, with the name to show in messages.
#[derive(Debug)]
pub struct Input {
    /// How the user named it (`-` is shown as `<stdin>`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Whether it was read from git (`REV:PATH`).
    pub from_git: bool,
}

/// Why an input could not be read. Names and git's words are shown escaped
/// (see [`visible`]): they may come from a hostile pull request.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Reading a file or stdin failed.
    #[error("{}: {source}", visible(.name))]
    Io {
        /// The input's name.
        name: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Git could not read `REV:PATH`.
    #[error("{}: git could not read it: {}", visible(.name), visible(.message))]
    Git {
        /// The input's name.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// The input is larger than the reader accepts.
    #[error("{}: larger than {limit} bytes", visible(.name))]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size, when the file system or git knows it.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// The name is a directory, not a document.
    #[error(
        "{}: is a directory, not a policy document; name the documents in it, e.g. `{}/*.json`",
        visible(.name), visible(.name.trim_end_matches('/'))
    )]
    Directory {
        /// The input's name.
        name: String,
    },
    /// The name is both a file of the working tree and a path in a git revision.
    #[error(
        "{}: both a file in the working tree and a path in git revision `{}`; refusing to guess: write `./{}` for the file, or remove or rename the file to read the revision",
        visible(.name), visible(.rev), visible(.name)
    )]
    Ambiguous {
        /// The input's name.
        name: String,
        /// The revision part.
        rev: String,
    },
}

/// The most the CLI reads of one input: a little over the loader's default
/// limit, so that the loader, not the reader, reports oversize documents.
pub const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads `spec`: `-` is stdin; `REV:PATH` where REV is a git revision is
/// read from git (refused when a file of that name exists too); anything
/// else is a file.
pub fn read(spec: &str) -> Result<Input, InputError> {
    if spec == "-" {
        let name = "<stdin>".to_owned();
        let bytes = read_bounded(std::io::stdin().lock(), &name)?;
        return Ok(Input {
            name,
            bytes,
            from_git: false,
        });
    }
    if let Some((rev, path)) = split_rev(spec)
        && is_revision(rev)
    {
        if Path::new(spec).symlink_metadata().is_ok() {
            return Err(InputError::Ambiguous {
                name: spec.to_owned(),
                rev: rev.to_owned(),
            });
        }
        return read_git(spec, rev, path);
    }
    if let Some((rev, _)) = split_rev(spec)
        && Path::new(spec).symlink_metadata().is_err()
    {
        return Err(InputError::Git {
            name: spec.to_owned(),
            message: format!(
                "the revision `{rev}` does not exist here (no such commit, branch or tag; fetch it first?), and no file has this name"
            ),
        });
    }
    read_file(Path::new(spec), spec)
}

/// Reads all of `reader` up to [`READ_LIMIT`]; more is [`InputError::TooLarge`].
fn read_bounded(reader: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(READ_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            name: name.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > READ_LIMIT {
        return Err(InputError::TooLarge {
            name: name.to_owned(),
            size: None,
            limit: READ_LIMIT,
        });
    }
    Ok(bytes)
}

/// Reads a file of the working tree (or a device, a FIFO) through the limit.
pub fn read_file(path: &Path, name: &str) -> Result<Input, InputError> {
    // Opening a directory succeeds on Unix; reading it then fails with a bare OS error.
    if path.is_dir() {
        return Err(InputError::Directory {
            name: name.to_owned(),
        });
    }
    let file = std::fs::File::open(path).map_err(|source| InputError::Io {
        name: name.to_owned(),
        source,
    })?;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > READ_LIMIT
    {
        return Err(InputError::TooLarge {
            name: name.to_owned(),
            size: Some(meta.len()),
            limit: READ_LIMIT,
        });
    }
    let bytes = read_bounded(file, name)?;
    Ok(Input {
        name: name.to_owned(),
        bytes,
        from_git: false,
    })
}

/// `(REV, PATH)` when `spec` has a non-empty part before its first `:` that
/// does not start with `-` and is not a path (`./`, `../`, `/`).
fn split_rev(spec: &str) -> Option<(&str, &str)> {
    if spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/') {
        return None;
    }
    let (rev, path) = spec.split_once(':')?;
    if rev.is_empty()
        || path.is_empty()
        || rev.starts_with('-')
        || (rev.len() == 1 && cfg!(windows))
    {
        return None;
    }
    Some((rev, path))
}

fn git() -> Command {
    let mut cmd = Command::new("git");
    // Never ask for credentials or open a pager.
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .stdin(Stdio::null());
    cmd
}

/// Whether `rev` names a tree-ish in the repository around the working directory.
pub fn is_revision(rev: &str) -> bool {
    if rev.starts_with('-') {
        return false;
    }
    git()
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{rev}^{{tree}}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The type of the object `spec` names (`blob`, `tree`, `commit`), if any.
/// `REV:PATH^{tree}` would read `^{tree}` as part of PATH, so the type is
/// asked apart.
pub fn object_type(spec: &str) -> Option<String> {
    if spec.starts_with('-') {
        return None;
    }
    let resolved = git()
        .args(["rev-parse", "--verify", "--quiet", spec])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let oid = String::from_utf8_lossy(&resolved.stdout).trim().to_owned();
    if !resolved.status.success() || oid.is_empty() || !oid.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let kind = git()
        .args(["cat-file", "-t", &oid])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    kind.status
        .success()
        .then(|| String::from_utf8_lossy(&kind.stdout).trim().to_owned())
}

/// A short line of what git wrote on stderr.
fn git_message(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().next().unwrap_or("").trim();
    line.chars().take(300).collect()
}

/// Reads the blob at `rev:path` (its size asked first) through the limit.
pub fn read_git(spec: &str, rev: &str, path: &str) -> Result<Input, InputError> {
    let name = spec.to_owned();
    let git_error = |message: String| InputError::Git {
        name: name.clone(),
        message,
    };
    let io_error = |source| InputError::Io {
        name: name.clone(),
        source,
    };
    if rev.starts_with('-') {
        return Err(git_error("a revision cannot start with `-`".into()));
    }
    let object = format!("{rev}:{path}");
    // `REV:PATH^{blob}` would read `^{blob}` as part of PATH: ask the type apart.
    let resolved = git()
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(&object)
        .output()
        .map_err(io_error)?;
    if !resolved.status.success() {
        // Say which half is missing: the revision, or the path in it.
        return Err(git_error(if is_revision(rev) {
            format!(
                "the revision `{rev}` exists, but the path `{path}` does not exist in it (paths are from the repository's root; `./PATH` is from the current directory)"
            )
        } else {
            format!(
                "the revision `{rev}` does not exist here (no such commit, branch or tag; fetch it first?)"
            )
        }));
    }
    let oid = String::from_utf8_lossy(&resolved.stdout).trim().to_owned();
    if oid.is_empty() || !oid.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(git_error("git printed no object id".into()));
    }
    let kind = git()
        .args(["cat-file", "-t", &oid])
        .output()
        .map_err(io_error)?;
    if String::from_utf8_lossy(&kind.stdout).trim() != "blob" {
        return Err(git_error(format!(
            "`{path}` in revision `{rev}` is not a file"
        )));
    }
    let size = git()
        .args(["cat-file", "-s", &oid])
        .output()
        .map_err(io_error)?;
    if !size.status.success() {
        return Err(git_error(git_message(&size.stderr)));
    }
    let size: u64 = String::from_utf8_lossy(&size.stdout)
        .trim()
        .parse()
        .map_err(|_| git_error("git printed no object size".into()))?;
    if size > READ_LIMIT {
        return Err(InputError::TooLarge {
            name,
            size: Some(size),
            limit: READ_LIMIT,
        });
    }
    let mut child = git()
        .args(["cat-file", "blob", &oid])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io_error)?;
    let read = match child.stdout.take() {
        Some(stdout) => read_bounded(stdout, &name),
        None => Err(git_error("no output from git".into())),
    };
    if read.is_err() {
        let _ = child.kill();
    }
    let status = child.wait().map_err(io_error)?;
    let bytes = read?;
    if !status.success() {
        let mut err = Vec::new();
        if let Some(stderr) = child.stderr.take() {
            let _ = stderr.take(4096).read_to_end(&mut err);
        }
        return Err(git_error(git_message(&err)));
    }
    Ok(Input {
        name,
        bytes,
        from_git: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_never_revisions() {
        assert_eq!(split_rev("./a:b.json"), None);
        assert_eq!(split_rev("/tmp/a:b"), None);
        assert_eq!(split_rev("-x:y"), None);
        assert_eq!(split_rev(":y"), None);
        assert_eq!(
            split_rev("origin/main:a.json"),
            Some(("origin/main", "a.json"))
        );
    }
}
