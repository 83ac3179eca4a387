//! Write a synthetic rules file with many cues, deterministically, for
//! scale tests of `credence rules check`: RULES hedge rules sharing CUES
//! two-word cues, each rule with a pattern, an exception and examples. In
//! every tenth rule one problem of each kind `rules check` warns about is
//! planted, so the expected findings are known: a cue that repeats a cue of
//! the rule before (duplicate-cue), a cue that contains another cue of its
//! rule (shadowed-cue), an exception that cancels nothing (unused-exception),
//! a positive hedge weight (weight-sign) and a rule without examples
//! (no-examples): RULES / 10 of each.
//!
//! Usage: cargo run --release --example synth_rules -- [--cues N] [--rules R] > FILE

/// A word made of letters only, distinct for every `n`, starting with `prefix`.
fn word(prefix: char, mut n: usize) -> String {
    let mut w = String::from(prefix);
    loop {
        w.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return w;
        }
    }
}

/// The rules file: `cues` cues over `rules` rules (at least 4 cues a rule).
pub fn rules_file(cues: usize, rules: usize) -> String {
    let per_rule = (cues / rules.max(1)).max(4);
    let cue = |r: usize, j: usize| format!("{} {}", word('r', r), word('c', j));
    let mut out = String::from(
        "# Synthetic rules for scale tests (examples/synth_rules.rs).\n\
         language = \"fr\"\n\n[model]\nbase = 4.0\n\
         labels = { certain = 0.95, probable = 0.80, possible = 0.10 }\n",
    );
    for r in 0..rules {
        let kind = r % 10;
        let mut list: Vec<String> = (0..per_rule).map(|j| cue(r, j)).collect();
        if kind == 9 && r > 0 {
            list[per_rule - 1] = cue(r - 1, 0);
        }
        if kind == 8 {
            list[per_rule - 2] = format!("{} plus", cue(r, 0));
        }
        let quoted: Vec<String> = list.iter().map(|c| format!("\"{c}\"")).collect();
        let mut exceptions = vec![format!("{} zut", cue(r, 1))];
        if kind == 7 {
            exceptions.push("jamais vu".into());
        }
        let exceptions: Vec<String> = exceptions.iter().map(|c| format!("\"{c}\"")).collect();
        out.push_str(&format!(
            "\n[[rule]]\nid = \"s.hedge.r{r}\"\ncategory = \"hedge\"\nweight = {}\n\
             cues = [{}]\npatterns = ['''\\b{}\\s+\\d+\\b''']\nexceptions = [{}]\n",
            if kind == 6 { "1.0" } else { "-3.0" },
            quoted.join(", "),
            word('p', r),
            exceptions.join(", "),
        ));
        if kind != 5 {
            out.push_str(&format!(
                "examples.match = [\"Il dit {} ici.\", \"Il dit {} 12 fois.\"]\n\
                 examples.no_match = [\"Il dit {} zut.\"]\n",
                cue(r, 2),
                word('p', r),
                cue(r, 1)
            ));
        }
    }
    out
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|v| {
                v.parse().unwrap_or_else(|_| {
                    eprintln!("{flag} needs a number, not {v:?}");
                    std::process::exit(2)
                })
            })
            .unwrap_or(default)
    };
    print!(
        "{}",
        rules_file(value("--cues", 10_000), value("--rules", 100))
    );
}
