//! The synthetic corpus generator shared by `examples/synth.rs` and the
//! benchmarks: the sample articles' sentences recombined across documents,
//! with figures, months and outlets varied, deterministically from a seed.

use rand_chacha::rand_core::Rng;
use rand_chacha::ChaCha8Rng;

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
pub const OUTLETS: [&str; 12] = [
    "Le Quotidien",
    "La Gazette",
    "Info Direct",
    "Le Matin",
    "L'Observateur",
    "Dépêche Express",
    "Le Courrier",
    "Radio Monde",
    "Le Journal",
    "Actu24",
    "L'Écho",
    "Le Réveil",
];

/// Sentences of the bundled sample corpus (one per line, titles included).
pub fn pool() -> Vec<String> {
    let loaded = credence::load::sample_corpus();
    let analyzers = credence::claims::Analyzers::new(None).expect("bundled rules");
    let mut out = Vec::new();
    for d in &loaded.docs {
        for u in analyzers.get(d.lang).analyze_text(&d.text) {
            out.push(d.text[u.start..u.end].replace('\n', " "));
        }
    }
    out
}

/// Vary numbers (scaled) and month names in a sentence.
fn vary(s: &str, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut ChaCha8Rng| {
        if digits.is_empty() {
            return;
        }
        if digits.len() == 3 && rng.next_u32().is_multiple_of(2) {
            let v: u32 = digits.parse().unwrap_or(0);
            let scaled = v.saturating_mul(1 + rng.next_u32() % 3) % 1000;
            out.push_str(&format!("{scaled:03}"));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out, rng);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out, rng);
    for m in MONTHS {
        if out.contains(m) && rng.next_u32().is_multiple_of(3) {
            let other = MONTHS[(rng.next_u32() % 12) as usize];
            out = out.replacen(m, other, 1);
            break;
        }
    }
    out
}

pub fn document(pool: &[String], rng: &mut ChaCha8Rng) -> String {
    let n = 6 + (rng.next_u32() % 24) as usize;
    let mut text = String::new();
    let mut para = 0;
    for _ in 0..n {
        let s = &pool[(rng.next_u32() as usize) % pool.len()];
        text.push_str(&vary(s, rng));
        para += 1;
        if para > (rng.next_u32() % 4) as usize {
            text.push('\n');
            para = 0;
        } else {
            text.push(' ');
        }
    }
    text.trim_end().to_string() + "\n"
}

/// The next document: its text and its outlet.
pub fn next_document(pool: &[String], rng: &mut ChaCha8Rng) -> (String, &'static str) {
    let text = document(pool, rng);
    let outlet = OUTLETS[(rng.next_u32() as usize) % OUTLETS.len()];
    (text, outlet)
}
