//! Reading the CLI's inputs: a path, `-` for stdin, or `REV:PATH` from git.
