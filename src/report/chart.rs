//! The geometry of the HTML report's SVG charts: value axes (linear, or
//! logarithmic when the values span more than a factor of 10) with their
//! ticks, and the shapes that tell certainty labels apart without colour.
//! The templates draw what this module computes; nothing here writes text
//! from the articles.

use crate::claims::figures::format_value;
use crate::claims::Label;

/// Values spanning more than this factor get a logarithmic axis.
pub const LOG_SPAN: f64 = 10.0;

/// A value axis mapped onto `[x0, x1]` pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Logarithmic (base 10).
    pub log: bool,
    /// Smallest value shown (the left end).
    pub lo: f64,
    /// Largest value shown (the right end).
    pub hi: f64,
    /// Left end in pixels.
    pub x0: f64,
    /// Right end in pixels.
    pub x1: f64,
}

/// A tick on an axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position in pixels.
    pub x: f64,
    /// Its value, written for people.
    pub label: String,
}

impl Axis {
    /// An axis for `values` (finite ones; none gives 0 to 1) over `[x0, x1]`:
    /// logarithmic when every value is positive and the largest is more than
    /// [`LOG_SPAN`] times the smallest; the ends are widened to round
    /// numbers around the values.
    pub fn for_values(values: &[f64], x0: f64, x1: f64) -> Axis {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
        let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if finite.is_empty() {
            return Axis {
                log: false,
                lo: 0.0,
                hi: 1.0,
                x0,
                x1,
            };
        }
        if min > 0.0 && max / min > LOG_SPAN {
            return Axis {
                log: true,
                lo: 10f64.powf(min.log10().floor()),
                hi: 10f64.powf(max.log10().ceil()),
                x0,
                x1,
            };
        }
        // Linear: from 0 when every value is positive (a count reads from
        // nothing), else around the values; a single value sits mid-axis.
        let (lo, hi) = if min >= 0.0 {
            (0.0, if max > 0.0 { max } else { 1.0 })
        } else if min == max {
            (min - min.abs(), max + min.abs())
        } else {
            (min, max.max(0.0))
        };
        let step = nice_step(hi - lo);
        Axis {
            log: false,
            lo: (lo / step).floor() * step,
            hi: ((hi / step).ceil() * step).max(lo + step),
            x0,
            x1,
        }
    }

    /// Pixel position of `v`, clamped to the axis.
    pub fn x(&self, v: f64) -> f64 {
        let t = if self.log {
            let v = v.max(self.lo);
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.x0 + t * (self.x1 - self.x0)
    }

    /// Ticks: each power of 10 on a logarithmic axis (with 2 and 5 times
    /// each when it spans at most two decades), else about five round steps.
    pub fn ticks(&self) -> Vec<Tick> {
        let mut values = Vec::new();
        if self.log {
            let (a, b) = (
                self.lo.log10().round() as i32,
                self.hi.log10().round() as i32,
            );
            for e in a..=b {
                let p = 10f64.powi(e);
                values.push(p);
                if b - a <= 2 && e < b {
                    values.extend([2.0 * p, 5.0 * p]);
                }
            }
        } else {
            let step = nice_step(self.hi - self.lo);
            let mut k = (self.lo / step).round() as i64;
            loop {
                let v = k as f64 * step;
                if v > self.hi + step * 1e-9 {
                    break;
                }
                values.push(v);
                k += 1;
            }
        }
        values
            .into_iter()
            .map(|v| Tick {
                x: self.x(v),
                label: group_digits(&format_value(round_to_step(v))),
            })
            .collect()
    }
}

/// A round step (1, 2 or 5 times a power of 10) that cuts `span` into
/// about five parts.
pub fn nice_step(span: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / 5.0;
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * p
}

/// Drop the floating-point noise of `k × step` (0.30000000000000004).
fn round_to_step(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// Digits grouped by three with a thin space: "12 000", "1 320 000", "2.5".
pub fn group_digits(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.len() <= 4 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return number.to_string();
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value written for people: grouped digits, `+` after a vague amount.
pub fn value_text(v: f64, vague: bool) -> String {
    let s = group_digits(&format_value(v));
    if vague {
        s + "+"
    } else {
        s
    }
}

/// The SVG path of the mark of a certainty label centred on (x, y) with
/// radius r: a filled disc (certain), a square (probable), a triangle
/// (possible), a diamond (unconfirmed), so that labels differ in shape as
/// well as colour.
pub fn mark_path(label: Label, x: f64, y: f64, r: f64) -> String {
    match label {
        Label::Certain => format!(
            "M{:.1} {y:.1}a{r:.1} {r:.1} 0 1 0 {:.1} 0a{r:.1} {r:.1} 0 1 0 {:.1} 0Z",
            x - r,
            2.0 * r,
            -2.0 * r
        ),
        Label::Probable => {
            let s = r * 0.9;
            format!(
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}Z",
                x - s,
                y - s,
                2.0 * s,
                2.0 * s,
                -2.0 * s
            )
        }
        Label::Possible => {
            let h = r * 1.15;
            format!(
                "M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                y - h,
                x + h,
                y + h * 0.8,
                x - h,
                y + h * 0.8
            )
        }
        Label::Unconfirmed => {
            let h = r * 1.2;
            format!(
                "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z",
                y - h,
                x + h,
                y + h,
                x - h
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_span_gets_a_log_axis_with_decade_ticks() {
        let a = Axis::for_values(&[1000.0, 1500.0, 12000.0, 3000.0], 100.0, 600.0);
        assert!(a.log);
        assert_eq!((a.lo, a.hi), (1000.0, 100000.0));
        assert_eq!(a.x(1000.0), 100.0);
        assert_eq!(a.x(100000.0), 600.0);
        assert!((a.x(10000.0) - 350.0).abs() < 1e-9);
        let labels: Vec<String> = a.ticks().into_iter().map(|t| t.label).collect();
        assert_eq!(
            labels,
            [
                "1000",
                "2000",
                "5000",
                "10\u{2009}000",
                "20\u{2009}000",
                "50\u{2009}000",
                "100\u{2009}000"
            ]
        );
    }

    #[test]
    fn a_narrow_span_gets_a_linear_axis_from_zero() {
        let a = Axis::for_values(&[3000.0, 10000.0, 12000.0], 0.0, 500.0);
        assert!(!a.log);
        assert_eq!((a.lo, a.hi), (0.0, 15000.0));
        let labels: Vec<String> = a.ticks().into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["0", "5000", "10\u{2009}000", "15\u{2009}000"]);
        assert_eq!(a.x(7500.0), 250.0);
    }

    #[test]
    fn exactly_ten_times_stays_linear_and_zero_forbids_log() {
        assert!(!Axis::for_values(&[10.0, 100.0], 0.0, 1.0).log);
        assert!(Axis::for_values(&[10.0, 101.0], 0.0, 1.0).log);
        assert!(!Axis::for_values(&[0.0, 1e6], 0.0, 1.0).log);
    }

    #[test]
    fn degenerate_axes_are_finite() {
        for values in [
            vec![],
            vec![5.0],
            vec![0.0],
            vec![-2.0],
            vec![f64::NAN, 7.0],
            vec![-3.0, 4.0],
        ] {
            let a = Axis::for_values(&values, 10.0, 110.0);
            assert!(a.hi > a.lo, "{values:?}: {a:?}");
            for v in &values {
                let x = a.x(*v);
                assert!((10.0..=110.0).contains(&x) || v.is_nan(), "{values:?}");
            }
            let ticks = a.ticks();
            assert!(!ticks.is_empty() && ticks.len() < 20, "{values:?}");
            assert!(ticks.iter().all(|t| t.x.is_finite()));
        }
        // A single value sits inside the axis, not on its left end.
        let one = Axis::for_values(&[5.0], 0.0, 100.0);
        assert!(one.x(5.0) > 0.0);
    }

    #[test]
    fn digits_are_grouped_for_reading() {
        assert_eq!(group_digits("1320000"), "1\u{2009}320\u{2009}000");
        assert_eq!(group_digits("1500"), "1500");
        assert_eq!(group_digits("-25000.5"), "-25\u{2009}000.5");
        assert_eq!(value_text(1000.0, true), "1000+");
        assert_eq!(value_text(2.5, false), "2.5");
    }

    #[test]
    fn each_label_has_its_own_closed_shape() {
        let paths: Vec<String> = [
            Label::Certain,
            Label::Probable,
            Label::Possible,
            Label::Unconfirmed,
        ]
        .into_iter()
        .map(|l| mark_path(l, 10.0, 20.0, 5.0))
        .collect();
        for p in &paths {
            assert!(p.starts_with('M') && p.ends_with('Z'), "{p}");
        }
        let distinct: std::collections::BTreeSet<&String> = paths.iter().collect();
        assert_eq!(distinct.len(), 4);
    }
}
