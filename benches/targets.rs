//! The performance targets (README, "Performance"), measured as ratios within one run.
//!
//! `cargo bench --bench targets` prints a Markdown table: each target, the
//! two timings it compares (medians), their ratio and whether it is met.
//! Ratios are taken round by round with the two sides interleaved (A, B, A,
//! B, …), and the median round is reported, so that a noisy machine moves
//! both sides of a ratio together.
//!
//! - `cargo bench --bench targets -- --quick`: fewer rounds, no 100k size.
//! - `cargo bench --bench targets -- --write-synthetic DIR`: writes the
//!   synthetic documents (`synthetic-1000.json`, …) for the command-line
//!   comparison with `jq` (`benches/cli.sh`) and exits.
//! - `cargo bench --bench targets -- --profile STAGE [RUNS] [ENTITIES]`:
//!   runs one stage `RUNS` times (default 1000) on the canonical document
//!   (or a synthetic one of `ENTITIES` per collection), for profilers:
//!   `valgrind --tool=callgrind --collect-atstart=no
//!   --toggle-collect='*profile_runs*' target/release/deps/targets-… --profile load`.
//!   Stages: `typed-parse`, `parse-strict`, `validate-schema`, `check-text`,
//!   `to-policy`, `check-semantics`, `load`, `diff`.
//! - `cargo test --bench targets`: a smoke run (debug build, tiny sizes, one
//!   round): proves the harness runs; its figures mean nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use matrix_privacy_policy::{Policy, diff, load};

mod common;
use common::{PREVIOUS_JSON, canonical_json, document, modified_canonical, unlimited, versions};

struct Config {
    /// Rounds of interleaved measurement per comparison.
    rounds: usize,
    /// The least time one side of a round measures (it repeats the work
    /// until then).
    batch: Duration,
    /// Entities per collection of the synthetic documents.
    sizes: Vec<usize>,
    /// A smoke run: the figures mean nothing, so no verdicts.
    smoke: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--write-synthetic") {
        let dir = args.get(i + 1).map_or("target/synthetic", String::as_str);
        write_synthetic(dir);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let stage = args.get(i + 1).map_or("load", String::as_str);
        let runs = args.get(i + 2).and_then(|r| r.parse().ok()).unwrap_or(1000);
        let entities = args.get(i + 3).and_then(|r| r.parse().ok());
        profile(stage, runs, entities);
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a == "--quick");
    let config = if !bench || cfg!(debug_assertions) {
        // `cargo test --bench targets`: prove it runs.
        Config {
            rounds: 1,
            batch: Duration::ZERO,
            sizes: vec![100, 1_000],
            smoke: true,
        }
    } else if quick {
        Config {
            rounds: 5,
            batch: Duration::from_millis(20),
            sizes: vec![1_000, 10_000],
            smoke: false,
        }
    } else {
        Config {
            rounds: 15,
            batch: Duration::from_millis(50),
            sizes: vec![1_000, 10_000, 100_000],
            smoke: false,
        }
    };
    run(&config);
}

/// Runs `f` at least once and until `batch` has passed; the time per run.
fn time_batch<T>(batch: Duration, f: &mut impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut runs = 0u32;
    loop {
        drop(black_box(f()));
        runs += 1;
        let elapsed = start.elapsed();
        if elapsed >= batch {
            return elapsed / runs;
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Like [`time_batch`], but evicts the CPU caches before each run and
/// times the runs alone: the cost when the document is not in cache.
fn time_batch_cold<T>(batch: Duration, f: &mut impl FnMut() -> T) -> Duration {
    // Larger than the last-level cache of any machine this runs on.
    static SWEEP: std::sync::OnceLock<std::sync::Mutex<Vec<u64>>> = std::sync::OnceLock::new();
    let sweep = SWEEP.get_or_init(|| std::sync::Mutex::new(vec![0; 8 << 20])); // 64 MiB
    let mut sweep = sweep.lock().unwrap_or_else(|e| e.into_inner());
    let (mut spent, mut runs) = (Duration::ZERO, 0u32);
    loop {
        for word in sweep.iter_mut().step_by(8) {
            *word = word.wrapping_add(1); // one write per 64-byte line
        }
        black_box(&mut *sweep);
        let start = Instant::now();
        drop(black_box(f()));
        spent += start.elapsed();
        runs += 1;
        if spent >= batch {
            return spent / runs;
        }
    }
}

/// The medians of `a` and `b` and the median of the per-round ratios `b / a`.
fn compare<A, B>(c: &Config, a: impl FnMut() -> A, b: impl FnMut() -> B) -> (f64, f64, f64) {
    compare_in(c, false, a, b)
}

/// [`compare`], with the caches evicted before each run when `cold`.
fn compare_in<A, B>(
    c: &Config,
    cold: bool,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> (f64, f64, f64) {
    // Warm up both (caches, the compiled schema, page faults).
    time_batch(Duration::ZERO, &mut a);
    time_batch(Duration::ZERO, &mut b);
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..c.rounds {
        let (x, y) = if cold {
            (
                time_batch_cold(c.batch, &mut a),
                time_batch_cold(c.batch, &mut b),
            )
        } else {
            (time_batch(c.batch, &mut a), time_batch(c.batch, &mut b))
        };
        let (x, y) = (x.as_secs_f64(), y.as_secs_f64());
        ta.push(x);
        tb.push(y);
        ratios.push(y / x);
    }
    (median(&mut ta), median(&mut tb), median(&mut ratios))
}

fn show(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", seconds * 1e6)
    }
}

fn row(c: &Config, target: &str, what: &str, a: f64, b: f64, ratio: f64, limit: f64) {
    let verdict = if c.smoke {
        "smoke"
    } else if ratio <= limit {
        "met"
    } else {
        "**missed**"
    };
    println!(
        "| {target} | {what} | {} | {} | {ratio:.2}× | ≤ {limit}× | {verdict} |",
        show(a),
        show(b)
    );
}

fn run(c: &Config) {
    if c.smoke {
        println!(
            "Smoke run (no `--bench`, or a debug build): one round, small sizes; the figures mean nothing."
        );
        println!("Measure with `cargo bench --bench targets`.\n");
    }
    println!("| target | measured | A | B | B / A | limit | |");
    println!("|---|---|---|---|---|---|---|");

    // Load ≤ 2× a bare typed parse, on the canonical document.
    let text = canonical_json();
    let (typed, loaded, r) = compare(
        c,
        || serde_json::from_str::<Policy>(black_box(text)).map(|p| p.version.major),
        || load::load(black_box(text.as_bytes())).map(|p| p.version.major),
    );
    row(
        c,
        "load ≤ 2× parse",
        "canonical: bare typed parse (A), full load (B)",
        typed,
        loaded,
        r,
        2.0,
    );

    // Diff ≤ load of one document.
    let previous: Policy = serde_json::from_str(PREVIOUS_JSON).unwrap_or_else(|e| panic!("{e}"));
    let canonical = Policy::canonical();
    let (load_t, diff_t, r) = compare(
        c,
        || load::load(black_box(text.as_bytes())).map(|p| p.version.major),
        || diff::diff(black_box(&previous), black_box(canonical)).len(),
    );
    row(
        c,
        "diff ≤ load",
        "canonical: load (A), diff 3.0.1 → 3.1.0 (B)",
        load_t,
        diff_t,
        r,
        1.0,
    );
    let modified = modified_canonical();
    let (load_t, diff_t, r) = compare(
        c,
        || load::load(black_box(text.as_bytes())).map(|p| p.version.major),
        || diff::diff(black_box(canonical), black_box(&modified)).len(),
    );
    row(
        c,
        "diff ≤ load",
        "canonical: load (A), diff against a modified copy (B)",
        load_t,
        diff_t,
        r,
        1.0,
    );

    // Synthetic documents: load and diff at each size, and how they scale.
    let opts = unlimited();
    let rounds = |n: usize| {
        if n >= 100_000 {
            c.rounds.min(5)
        } else {
            c.rounds
        }
    };
    for &n in &c.sizes {
        let (json, _) = document(n);
        let (old, new) = versions(n);
        let c = &Config {
            rounds: rounds(n),
            batch: c.batch,
            sizes: Vec::new(),
            smoke: c.smoke,
        };
        let (typed, loaded, r) = compare(
            c,
            || serde_json::from_str::<Policy>(black_box(json)).map(|p| p.version.major),
            || load::load_with(black_box(json.as_bytes()), &opts).map(|p| p.version.major),
        );
        row(
            c,
            "load ≤ 2× parse",
            &format!("synthetic {n}: bare typed parse (A), full load (B)"),
            typed,
            loaded,
            r,
            2.0,
        );
        let (load_t, diff_t, r) = compare(
            c,
            || load::load_with(black_box(json.as_bytes()), &opts).map(|p| p.version.major),
            || diff::diff(black_box(old), black_box(new)).len(),
        );
        row(
            c,
            "diff ≤ load",
            &format!("synthetic {n}: load (A), diff of two versions (B)"),
            load_t,
            diff_t,
            r,
            1.0,
        );
    }
    // Scaling: the two sizes interleaved, like every other ratio.
    for w in c.sizes.windows(2) {
        let (n, m) = (w[0], w[1]);
        let c = &Config {
            rounds: rounds(m),
            batch: c.batch,
            sizes: Vec::new(),
            smoke: c.smoke,
        };
        let limit = 1.2 * m as f64 / n as f64;
        let ((a_old, a_new), (b_old, b_new)) = (versions(n), versions(m));
        let (a, b, r) = compare(
            c,
            || diff::diff(black_box(a_old), black_box(a_new)).len(),
            || diff::diff(black_box(b_old), black_box(b_new)).len(),
        );
        row(
            c,
            "10× entities ≤ 12× diff time",
            &format!("diff: {n} (A), {m} (B) entities"),
            a,
            b,
            r,
            limit,
        );
        let (a, b, r) = compare_in(
            c,
            true,
            || diff::diff(black_box(a_old), black_box(a_new)).len(),
            || diff::diff(black_box(b_old), black_box(b_new)).len(),
        );
        row(
            c,
            "10× entities ≤ 12× diff time",
            &format!("diff, caches evicted before each run: {n} (A), {m} (B) entities"),
            a,
            b,
            r,
            limit,
        );
        let (a_json, b_json) = (&document(n).0, &document(m).0);
        let (a, b, r) = compare(
            c,
            || load::load_with(black_box(a_json.as_bytes()), &opts).map(|p| p.version.major),
            || load::load_with(black_box(b_json.as_bytes()), &opts).map(|p| p.version.major),
        );
        row(
            c,
            "(load scales too)",
            &format!("load: {n} (A), {m} (B) entities"),
            a,
            b,
            r,
            limit,
        );
        let (a, b, r) = compare(
            c,
            || serde_json::from_str::<Policy>(black_box(a_json)).map(|p| p.version.major),
            || serde_json::from_str::<Policy>(black_box(b_json)).map(|p| p.version.major),
        );
        row(
            c,
            "(so does the bare parse)",
            &format!("bare typed parse: {n} (A), {m} (B) entities"),
            a,
            b,
            r,
            limit,
        );
    }
}

/// Writes the synthetic documents used by the benchmarks, pretty-printed,
/// for `benches/cli.sh`.
fn write_synthetic(dir: &str) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    for n in [1_000, 3_000] {
        let (json, _) = document(n);
        let path = format!("{dir}/synthetic-{n}.json");
        std::fs::write(&path, json).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}: {} bytes", json.len());
    }
}

/// Runs one stage of loading or diffing `runs` times, for profilers.
fn profile(stage: &str, runs: usize, entities: Option<usize>) {
    let text: &str = match entities {
        Some(n) => &document(n).0,
        None => canonical_json(),
    };
    let opts = unlimited();
    let doc = load::parse_strict(text.as_bytes(), &opts).unwrap_or_else(|e| panic!("{e}"));
    let policy = doc.to_policy().unwrap_or_else(|e| panic!("{e}"));
    let (old, new) = match entities {
        Some(n) => versions(n).clone(),
        None => {
            let previous: Policy =
                serde_json::from_str(PREVIOUS_JSON).unwrap_or_else(|e| panic!("{e}"));
            (previous, Policy::canonical().clone())
        }
    };
    load::validate_schema(&doc); // compile the schema first
    let start = Instant::now();
    let done = match stage {
        "typed-parse" => profile_runs(runs, || serde_json::from_str::<Policy>(text).is_ok()),
        "parse-strict" => profile_runs(runs, || load::parse_strict(text.as_bytes(), &opts).is_ok()),
        "validate-schema" => profile_runs(runs, || load::validate_schema(&doc).is_empty()),
        "check-text" => profile_runs(runs, || load::check_text(&doc).is_empty()),
        "to-policy" => profile_runs(runs, || doc.to_policy().is_ok()),
        "check-semantics" => profile_runs(runs, || load::check_semantics(&policy).is_empty()),
        "load" => profile_runs(runs, || load::load_with(text.as_bytes(), &opts).is_ok()),
        "diff" => profile_runs(runs, || diff::diff(&old, &new).is_empty()),
        other => panic!("unknown stage `{other}`"),
    };
    println!(
        "{stage}: {runs} runs ({done} true) in {}, {} each",
        show(start.elapsed().as_secs_f64()),
        show(start.elapsed().as_secs_f64() / runs as f64)
    );
}

/// The loop profilers look at (`--toggle-collect='*profile_runs*'`).
#[inline(never)]
fn profile_runs(runs: usize, mut f: impl FnMut() -> bool) -> usize {
    (0..runs).filter(|_| black_box(f())).count()
}
