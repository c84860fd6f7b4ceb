//! Semver-aware diffing of two policies (work in progress).
