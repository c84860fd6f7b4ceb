//! Loading and validating policy documents (work in progress).
