//! Development aid: deserializes a policy document into the typed model and
//! reports the first error with its path. (The full loader is `privacy-policy validate`.)
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/matrix.org/3.1.0.json".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let de = &mut serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, matrix_privacy_policy::Policy>(de) {
        Ok(p) => println!("{path}: ok, version {}", p.version),
        Err(e) => {
            eprintln!("{path}: at {}: {}", e.path(), e.inner());
            std::process::exit(1);
        }
    }
}
