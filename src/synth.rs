//! Synthetic policy documents for benchmarks and tests (work in progress).
