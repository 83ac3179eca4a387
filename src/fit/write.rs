//! Write fitted values back into a rules file, changing only the numbers.
//!
//! The file is parsed with `toml_edit`, which keeps the byte span of every
//! value; each number whose value changes is replaced in the original text
//! at its span, so comments, order, layout and every other character stay
//! as they were. The result is parsed back and checked to hold exactly the
//! fitted values.

use std::ops::Range;

use super::{FitError, Values};
use crate::rules::RuleSet;

/// A number as TOML writes it and reads it back to the same value.
pub fn number_text(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'E', 'n', 'i']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// The text of `rules` with `values` in place of its base, thresholds and
/// weights. Numbers whose value does not change keep their text.
pub fn rewrite(rules: &RuleSet, values: &Values) -> Result<String, FitError> {
    let text = &rules.source_text;
    let err = |m: String| FitError::Write(format!("{}: {m}", rules.name));
    let doc = toml_edit::Document::parse(text.as_str())
        .map_err(|e| err(format!("cannot parse the rules file to edit it: {e}")))?;
    let old = Values::of(rules);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut edit = |item: Option<&toml_edit::Item>, what: &str, old: f64, new: f64| {
        if old == new {
            return Ok(());
        }
        let span = item
            .and_then(|i| i.span())
            .ok_or_else(|| err(format!("no `{what}` value to update")))?;
        edits.push((span, number_text(new)));
        Ok::<(), FitError>(())
    };
    let model = doc.get("model");
    edit(
        model.and_then(|m| m.get("base")),
        "[model] base",
        old.base,
        values.base,
    )?;
    let labels = model.and_then(|m| m.get("labels"));
    for (key, o, n) in [
        ("certain", old.certain, values.certain),
        ("probable", old.probable, values.probable),
        ("possible", old.possible, values.possible),
    ] {
        edit(
            labels.and_then(|l| l.get(key)),
            &format!("[model] labels.{key}"),
            o,
            n,
        )?;
    }
    let tables: Vec<&toml_edit::Table> = doc
        .get("rule")
        .and_then(|r| r.as_array_of_tables())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    if tables.len() != rules.rules.len() {
        return Err(err(format!(
            "found {} [[rule]] tables for {} rules",
            tables.len(),
            rules.rules.len()
        )));
    }
    for ((table, rule), (o, n)) in tables
        .iter()
        .zip(&rules.rules)
        .zip(old.weights.iter().zip(&values.weights))
    {
        let id = table.get("id").and_then(|i| i.as_str()).map(str::trim);
        if id != Some(rule.id.as_str()) {
            return Err(err(format!(
                "the [[rule]] tables are not in the order of the rules (expected `{}`)",
                rule.id
            )));
        }
        edit(
            table.get("weight"),
            &format!("weight of rule `{}`", rule.id),
            *o,
            *n,
        )?;
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, new) in &edits {
        out.push_str(&text[at..range.start]);
        out.push_str(new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    // The new text must hold exactly the fitted values.
    let back = RuleSet::parse(&out, &rules.name)
        .map_err(|e| err(format!("the edited rules do not load: {e}")))?;
    if Values::of(&back) != *values {
        return Err(err(
            "the edited rules do not hold the fitted values; the file was not written".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Lang;

    #[test]
    fn only_changed_numbers_change() {
        let rules = RuleSet::bundled(Lang::Fr);
        let mut values = Values::of(&rules);
        let pouvoir = rules.index_of("fr.hedge.pouvoir_conditionnel").unwrap();
        let booster = rules.index_of("fr.booster.certitude").unwrap();
        values.weights[pouvoir] = -3.42;
        values.weights[booster] = 2.0;
        values.base = 4.31;
        values.certain = 0.961;
        let out = rewrite(&rules, &values).unwrap();
        let back = RuleSet::parse(&out, "t").unwrap();
        assert_eq!(Values::of(&back), values);
        // Line by line, only those four lines differ, and only in a number.
        let before: Vec<&str> = rules.source_text.lines().collect();
        let after: Vec<&str> = out.lines().collect();
        assert_eq!(before.len(), after.len());
        let changed: Vec<(&str, &str)> = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| (*a, *b))
            .collect();
        assert_eq!(
            changed,
            vec![
                ("base = 4.0", "base = 4.31"),
                (
                    "labels = { certain = 0.95, probable = 0.80, possible = 0.10 }",
                    "labels = { certain = 0.961, probable = 0.80, possible = 0.10 }"
                ),
                ("weight = -3.0", "weight = -3.42"),
                ("weight = 0.1", "weight = 2.0"),
            ]
        );
    }

    #[test]
    fn unchanged_values_give_the_same_text() {
        let rules = RuleSet::bundled(Lang::En);
        let out = rewrite(&rules, &Values::of(&rules)).unwrap();
        assert_eq!(out, rules.source_text);
    }

    #[test]
    fn numbers_read_back() {
        for x in [4.0, -3.42, 0.961, 0.0, -7.0, 0.00012] {
            let t = number_text(x);
            assert!(t.contains('.'), "{t}");
            assert_eq!(t.parse::<f64>().unwrap(), x);
        }
    }
}
