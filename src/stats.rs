//! Agreement statistics: Krippendorff's alpha with a bootstrap interval, Spearman, Wilson and Jeffreys intervals.
//!
//! Everything here is a pure function of its arguments. Results never hold a
//! NaN: a statistic that is not defined for the data is `None`, and a
//! proportion over zero cases is 0 with the uninformative interval [0, 1].
//!
//! Non-finite inputs (NaN, ±∞) are treated as missing by the alpha functions
//! and make [`spearman`] return `None`.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use statrs::distribution::{Beta, ContinuousCDF, Normal};
use statrs::statistics::{Data, OrderStatistics, RankTieBreaker, Statistics};

/// Two-sided confidence level of every interval in this module.
pub const CONFIDENCE: f64 = 0.95;

/// A proportion with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Rate {
    /// Cases counted.
    pub k: usize,
    /// Cases in the denominator.
    pub n: usize,
    /// `k / n`, 0 when `n = 0`.
    pub value: f64,
    /// Lower bound of the 95% interval.
    pub low: f64,
    /// Upper bound of the 95% interval.
    pub high: f64,
}

impl Rate {
    /// 0 out of 0: value 0, interval [0, 1].
    fn empty() -> Rate {
        Rate {
            k: 0,
            n: 0,
            value: 0.0,
            low: 0.0,
            high: 1.0,
        }
    }
}

/// The upper (1 + CONFIDENCE) / 2 quantile of the standard normal (1.959964...).
fn z_two_sided() -> f64 {
    Normal::standard().inverse_cdf(0.5 + CONFIDENCE / 2.0)
}

/// `k` capped at `n`: a count above its denominator is a caller's mistake
/// (caught in debug builds); release builds report `n` out of `n`.
fn capped(k: usize, n: usize) -> usize {
    debug_assert!(k <= n, "count {k} above its denominator {n}");
    k.min(n)
}

/// 95% Wilson score interval for `k` successes out of `n`.
///
/// `z` is the 0.975 quantile of the standard normal (statrs). With `n = 0`
/// the value is 0 and the interval [0, 1]. The bounds are exactly 0 when
/// `k = 0` and exactly 1 when `k = n`.
pub fn wilson(k: usize, n: usize) -> Rate {
    if n == 0 {
        return Rate::empty();
    }
    let k = capped(k, n);
    let z = z_two_sided();
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    let low = if k == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if k == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Rate {
        k,
        n,
        value: p,
        low,
        high,
    }
}

/// 95% Jeffreys interval for `k` successes out of `n`: the 0.025 and 0.975
/// quantiles of Beta(k + 1/2, n − k + 1/2) (statrs), with the usual
/// convention (Brown, Cai and DasGupta 2001) that the lower bound is 0 when
/// `k = 0` and the upper bound is 1 when `k = n`. With `n = 0` the value is 0
/// and the interval [0, 1].
pub fn jeffreys(k: usize, n: usize) -> Rate {
    if n == 0 {
        return Rate::empty();
    }
    let k = capped(k, n);
    let tail = (1.0 - CONFIDENCE) / 2.0;
    let quantile = |q: f64| match Beta::new(k as f64 + 0.5, (n - k) as f64 + 0.5) {
        Ok(beta) => beta.inverse_cdf(q).clamp(0.0, 1.0),
        // Both shapes are at least 1/2 and finite, so this is unreachable;
        // fall back to the uninformative bound rather than panic.
        Err(_) => {
            if q < 0.5 {
                0.0
            } else {
                1.0
            }
        }
    };
    let low = if k == 0 { 0.0 } else { quantile(tail) };
    let high = if k == n { 1.0 } else { quantile(1.0 - tail) };
    Rate {
        k,
        n,
        value: k as f64 / n as f64,
        low,
        high,
    }
}

/// Spearman's rank correlation of paired samples.
///
/// Ties get their average rank (statrs `RankTieBreaker::Average`) and rho is
/// the Pearson correlation of the ranks, which is exact with ties (the
/// shortcut `1 − 6 Σd² / (n (n² − 1))` is not). `None` when fewer than 2
/// pairs, when the slices differ in length, when a value is not finite, or
/// when either side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let constant = |s: &[f64]| s.iter().all(|&v| v == s[0]);
    if constant(x) || constant(y) {
        return None;
    }
    let rx = Data::new(x.to_vec()).ranks(RankTieBreaker::Average);
    let ry = Data::new(y.to_vec()).ranks(RankTieBreaker::Average);
    let cov = Statistics::covariance(&rx, &ry);
    let vx = Statistics::variance(&rx);
    let vy = Statistics::variance(&ry);
    let rho = cov / (vx * vy).sqrt();
    rho.is_finite().then(|| rho.clamp(-1.0, 1.0))
}

/// Difference function of an alpha coefficient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Metric {
    /// δ²(c, k) = 0 when c = k, else 1.
    Nominal,
    /// δ²(c, k) = (c − k)².
    Interval,
}

impl Metric {
    fn delta2(self, c: f64, k: f64) -> f64 {
        match self {
            Metric::Nominal => {
                if c == k {
                    0.0
                } else {
                    1.0
                }
            }
            Metric::Interval => (c - k) * (c - k),
        }
    }
}

/// One pairable unit: how many times each distinct value occurs in it, and
/// its share of the observed disagreement.
#[derive(Clone, Debug)]
struct PairableUnit {
    /// (index into [`Pairable::values`], number of coders who gave it).
    counts: Vec<(usize, f64)>,
    /// Σ_{c,k} o_uck δ²(c, k), where o_uck = n_uc n_uk / (m_u − 1) for
    /// c ≠ k is the unit's contribution to the coincidence matrix.
    observed: f64,
}

/// The pairable part of a reliability matrix, ready for alpha and its
/// bootstrap.
#[derive(Clone, Debug)]
struct Pairable {
    metric: Metric,
    /// Distinct pairable values, ascending.
    values: Vec<f64>,
    units: Vec<PairableUnit>,
    /// Number of pairable values (n.. in Krippendorff's notation).
    n: usize,
}

impl Pairable {
    /// Keeps the units with at least 2 finite values. −0.0 counts as 0.0.
    fn new(data: &[Vec<Option<f64>>], metric: Metric) -> Pairable {
        let rows: Vec<Vec<f64>> = data
            .iter()
            .map(|row| {
                row.iter()
                    .flatten()
                    .copied()
                    .filter(|v| v.is_finite())
                    .map(|v| if v == 0.0 { 0.0 } else { v })
                    .collect::<Vec<f64>>()
            })
            .filter(|row| row.len() >= 2)
            .collect();
        let mut values: Vec<f64> = rows.iter().flatten().copied().collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let index = |v: f64| {
            values
                .binary_search_by(|probe| probe.total_cmp(&v))
                .expect("every pairable value is in the sorted list")
        };
        let mut n = 0;
        let units = rows
            .iter()
            .map(|row| {
                n += row.len();
                let mut counts: Vec<(usize, f64)> = Vec::new();
                for &v in row {
                    let i = index(v);
                    match counts.iter_mut().find(|(j, _)| *j == i) {
                        Some((_, c)) => *c += 1.0,
                        None => counts.push((i, 1.0)),
                    }
                }
                counts.sort_by_key(|&(i, _)| i);
                let mut observed = 0.0;
                for &(i, ci) in &counts {
                    for &(j, cj) in &counts {
                        if i != j {
                            observed += ci * cj * metric.delta2(values[i], values[j]);
                        }
                    }
                }
                observed /= (row.len() - 1) as f64;
                PairableUnit { counts, observed }
            })
            .collect();
        Pairable {
            metric,
            values,
            units,
            n,
        }
    }

    /// Alpha of the units taken with the given multiplicities (all 1 for the
    /// data as they are; bootstrap counts for a resample).
    ///
    /// alpha = 1 − D_o / D_e = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck,
    /// where o is the coincidence matrix and n_c its marginals
    /// (Krippendorff 2011). `marginals` is a scratch buffer.
    fn alpha_weighted(
        &self,
        multiplicity: impl Iterator<Item = (usize, f64)>,
        marginals: &mut Vec<f64>,
    ) -> Option<f64> {
        marginals.clear();
        marginals.resize(self.values.len(), 0.0);
        let mut observed = 0.0;
        for (u, w) in multiplicity {
            let unit = &self.units[u];
            observed += w * unit.observed;
            for &(i, c) in &unit.counts {
                marginals[i] += w * c;
            }
        }
        let n: f64 = marginals.iter().sum();
        let present = marginals.iter().filter(|&&c| c > 0.0).count();
        if n < 2.0 || present < 2 {
            // No pairable values, or no variation: expected disagreement 0.
            return None;
        }
        let expected = match self.metric {
            // Σ_{c≠k} n_c n_k = n² − Σ n_c²; exact for integer counts.
            Metric::Nominal => n * n - marginals.iter().map(|c| c * c).sum::<f64>(),
            // Σ_ck n_c n_k (c − k)² = 2 n Σ_c n_c (c − mean)², computed in
            // two passes to avoid cancellation.
            Metric::Interval => {
                let mean = marginals
                    .iter()
                    .zip(&self.values)
                    .map(|(c, v)| c * v)
                    .sum::<f64>()
                    / n;
                let ss: f64 = marginals
                    .iter()
                    .zip(&self.values)
                    .map(|(c, v)| c * (v - mean) * (v - mean))
                    .sum();
                2.0 * n * ss
            }
        };
        if !expected.is_finite() || expected <= 0.0 {
            return None;
        }
        let alpha = 1.0 - (n - 1.0) * observed / expected;
        alpha.is_finite().then_some(alpha)
    }

    fn alpha(&self) -> Option<f64> {
        let mut marginals = Vec::new();
        self.alpha_weighted((0..self.units.len()).map(|u| (u, 1.0)), &mut marginals)
    }
}

/// Krippendorff's alpha, interval metric, for a units × coders matrix with missing cells (None).
///
/// Rows are units (clusters), columns are coders (sources); rows may differ
/// in length. Units with fewer than 2 values are dropped (not pairable).
/// Computed from the coincidence matrix (Krippendorff 2011, "Computing
/// Krippendorff's Alpha-Reliability") with δ²(c, k) = (c − k)²: every
/// ordered pair of values within a unit adds 1 / (m_u − 1) to o_ck. `None`
/// when there are fewer than 2 pairable values or the expected disagreement
/// is 0 (every pairable value the same).
pub fn krippendorff_alpha_interval(data: &[Vec<Option<f64>>]) -> Option<f64> {
    Pairable::new(data, Metric::Interval).alpha()
}

/// Krippendorff's alpha, nominal metric (δ² = 0 for equal values, 1
/// otherwise); same conventions as [`krippendorff_alpha_interval`].
pub fn krippendorff_alpha_nominal(data: &[Vec<Option<f64>>]) -> Option<f64> {
    Pairable::new(data, Metric::Nominal).alpha()
}

/// Alpha with a bootstrap 95% interval: resample units (rows) with replacement, `reps` times, seeded; percentile interval; deterministic for a seed.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Alpha {
    /// Interval alpha of the data as given.
    pub alpha: Option<f64>,
    /// 2.5th percentile of the bootstrap alphas.
    pub low: Option<f64>,
    /// 97.5th percentile of the bootstrap alphas.
    pub high: Option<f64>,
    /// Pairable units (units with at least 2 values).
    pub units: usize,
    /// Pairable values (values in pairable units).
    pub values: usize,
    /// Bootstrap replicates that gave a defined alpha and so make up the
    /// interval. A replicate whose resampled units hold a single distinct
    /// value has no alpha and is left out, so this can be below the number
    /// asked for; it is 0 when `alpha` is `None`.
    pub reps: usize,
}

/// A uniform index in `0..n` (n ≥ 1) from 64 random bits, without modulo
/// bias (Lemire's multiply-and-reject). Written here rather than taken from
/// `rand` so the stream of indices for a seed never changes with a
/// dependency's sampling algorithm.
fn uniform_index(rng: &mut ChaCha8Rng, n: usize) -> usize {
    let n = n as u64;
    let threshold = n.wrapping_neg() % n;
    loop {
        let product = u128::from(rng.next_u64()) * u128::from(n);
        if (product as u64) >= threshold {
            return (product >> 64) as usize;
        }
    }
}

/// Interval alpha of `data` with a percentile bootstrap 95% interval.
///
/// Each of the `reps` replicates draws as many pairable units as there are,
/// uniformly with replacement, from a ChaCha8 stream seeded with `seed`
/// (`ChaCha8Rng::seed_from_u64`), and computes alpha on them. The interval
/// is the 2.5th and 97.5th percentiles of the defined replicate alphas
/// (statrs quantile, Hyndman and Fan type 8). Same data, `reps` and `seed`
/// give the same result on every platform. `low` and `high` are `None` when
/// alpha is `None` or when no replicate is defined.
///
/// With few units (2 to 5 sources per claim, a handful of claims) the
/// interval is wide, and a percentile interval from so few units can
/// understate the uncertainty: report `units` alongside.
pub fn alpha_bootstrap(data: &[Vec<Option<f64>>], reps: usize, seed: u64) -> Alpha {
    let pairable = Pairable::new(data, Metric::Interval);
    let alpha = pairable.alpha();
    let units = pairable.units.len();
    let mut result = Alpha {
        alpha,
        low: None,
        high: None,
        units,
        values: pairable.n,
        reps: 0,
    };
    if alpha.is_none() || units == 0 {
        return result;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut marginals = Vec::new();
    let mut multiplicity = vec![0.0_f64; units];
    let mut replicates = Vec::with_capacity(reps);
    for _ in 0..reps {
        multiplicity.iter_mut().for_each(|w| *w = 0.0);
        for _ in 0..units {
            multiplicity[uniform_index(&mut rng, units)] += 1.0;
        }
        let drawn = multiplicity
            .iter()
            .enumerate()
            .filter(|(_, &w)| w > 0.0)
            .map(|(u, &w)| (u, w));
        if let Some(a) = pairable.alpha_weighted(drawn, &mut marginals) {
            replicates.push(a);
        }
    }
    if replicates.is_empty() {
        return result;
    }
    result.reps = replicates.len();
    let tail = (1.0 - CONFIDENCE) / 2.0;
    let mut sample = Data::new(replicates);
    result.low = Some(sample.quantile(tail));
    result.high = Some(sample.quantile(1.0 - tail));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Units × coders from coders × units, 0 meaning missing (every test
    /// value is at least 1).
    fn from_coders(coders: &[&[u8]]) -> Vec<Vec<Option<f64>>> {
        (0..coders[0].len())
            .map(|u| {
                coders
                    .iter()
                    .map(|c| (c[u] != 0).then_some(f64::from(c[u])))
                    .collect()
            })
            .collect()
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C: 4 observers (A–D) × 12 units, values 1–5, missing cells.
    fn krippendorff_2011() -> Vec<Vec<Option<f64>>> {
        from_coders(&[
            &[1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0], // A
            &[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3], // B
            &[0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0], // C
            &[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0], // D
        ])
    }

    #[test]
    fn wilson_known_values() {
        // Reference: closed-form Wilson score interval with z = 1.959963985,
        // evaluated with mpmath at 30 digits.
        let r = wilson(0, 10);
        assert_eq!((r.k, r.n, r.value, r.low), (0, 10, 0.0, 0.0));
        assert!(close(r.high, 0.277_532_8, 1e-6), "{r:?}");
        let r = wilson(5, 10);
        assert!(close(r.low, 0.236_593_1, 1e-6), "{r:?}");
        assert!(close(r.high, 0.763_406_9, 1e-6), "{r:?}");
        assert_eq!(r.value, 0.5);
        let r = wilson(1, 3);
        assert!(close(r.low, 0.061_491_94, 1e-6), "{r:?}");
        assert!(close(r.high, 0.792_340_4, 1e-6), "{r:?}");
        let r = wilson(10, 10);
        assert!(close(r.low, 0.722_467_2, 1e-6), "{r:?}");
        assert_eq!(r.high, 1.0);
    }

    #[test]
    fn wilson_and_jeffreys_with_no_cases() {
        for r in [wilson(0, 0), jeffreys(0, 0)] {
            assert_eq!(
                r,
                Rate {
                    k: 0,
                    n: 0,
                    value: 0.0,
                    low: 0.0,
                    high: 1.0
                }
            );
        }
    }

    #[test]
    fn jeffreys_known_values() {
        // Reference: Beta(k + 1/2, n − k + 1/2) quantiles found by bisection
        // on mpmath's regularized incomplete beta at 30 digits.
        let r = jeffreys(0, 10);
        assert_eq!(r.low, 0.0);
        assert!(close(r.high, 0.217_196_3, 1e-6), "{r:?}");
        let r = jeffreys(5, 10);
        assert!(close(r.low, 0.223_528_7, 1e-6), "{r:?}");
        assert!(close(r.high, 0.776_471_3, 1e-6), "{r:?}");
        let r = jeffreys(1, 10);
        assert!(close(r.low, 0.011_011_67, 1e-6), "{r:?}");
        assert!(close(r.high, 0.381_314_8, 1e-6), "{r:?}");
        let r = jeffreys(10, 10);
        assert!(close(r.low, 0.782_803_7, 1e-6), "{r:?}");
        assert_eq!(r.high, 1.0);
    }

    #[test]
    fn intervals_contain_the_value_and_stay_in_unit_range() {
        for n in 1..40 {
            for k in 0..=n {
                for r in [wilson(k, n), jeffreys(k, n)] {
                    assert!(0.0 <= r.low && r.low <= r.value, "{r:?}");
                    assert!(r.value <= r.high && r.high <= 1.0, "{r:?}");
                }
            }
        }
    }

    #[test]
    fn spearman_with_ties_hand_checked() {
        // x ranks (ties averaged): 1, 2.5, 2.5, 4; y ranks: 1, 3, 2, 4.
        // Deviations from 2.5: (−1.5, 0, 0, 1.5) and (−1.5, .5, −.5, 1.5);
        // Σ dx dy = 4.5, Σ dx² = 4.5, Σ dy² = 5, rho = 4.5 / √22.5 = √0.9.
        // (The no-ties shortcut 1 − 6 Σd² / (n (n² − 1)) would give 0.95.)
        let rho = spearman(&[10.0, 20.0, 20.0, 30.0], &[1.0, 3.0, 2.0, 4.0]).unwrap();
        assert!(close(rho, 0.9_f64.sqrt(), 1e-12), "{rho}");
        // Rank-based: any increasing transform of one side leaves rho as is.
        let rho2 = spearman(&[1.0, 5.0, 5.0, 900.0], &[-3.0, 0.1, 0.0, 7.0]).unwrap();
        assert!(close(rho2, rho, 1e-12));
        // Perfect monotone relations.
        assert_eq!(
            spearman(&[1.0, 2.0, 3.0], &[10.0, 100.0, 1000.0]),
            Some(1.0)
        );
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
    }

    #[test]
    fn spearman_undefined_cases() {
        assert_eq!(spearman(&[], &[]), None);
        assert_eq!(spearman(&[1.0], &[2.0]), None);
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0, f64::NAN], &[1.0, 2.0]), None);
    }

    #[test]
    fn alpha_krippendorff_2011_worked_example() {
        // Published values: alpha_interval = 0.849, alpha_nominal = 0.743
        // (Krippendorff 2011, section C); the same table gives ordinal 0.815
        // and ratio 0.797 in the test suite of the Python `krippendorff`
        // package.
        let data = krippendorff_2011();
        let interval = krippendorff_alpha_interval(&data).unwrap();
        let nominal = krippendorff_alpha_nominal(&data).unwrap();
        assert_eq!((interval * 1000.0).round() / 1000.0, 0.849, "{interval}");
        assert_eq!((nominal * 1000.0).round() / 1000.0, 0.743, "{nominal}");
    }

    #[test]
    fn alpha_coincidence_matrix_of_the_worked_example() {
        // Counted by hand from the table: unit 12 has a single value and
        // drops out, leaving n.. = 40 pairable values in 11 units, with
        // marginals n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3.
        let p = Pairable::new(&krippendorff_2011(), Metric::Nominal);
        assert_eq!(p.n, 40);
        assert_eq!(p.units.len(), 11);
        assert_eq!(p.values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        let mut marginals = vec![0.0; 5];
        for unit in &p.units {
            for &(i, c) in &unit.counts {
                marginals[i] += c;
            }
        }
        assert_eq!(marginals, vec![9.0, 13.0, 10.0, 5.0, 3.0]);
        // Nominal off-diagonal coincidences: units 2 (2,2,2,3), 6 (1,2,3,4)
        // and 8 (1,1,1,2) hold 6, 12 and 6 ordered unequal pairs, each
        // weighted 1 / (4 − 1): 2 + 4 + 2 = 8, so
        // alpha = 1 − 39 · 8 / (40² − Σ n_c²) = 1 − 312 / 1216 = 0.7434.
        let off_diagonal: f64 = p.units.iter().map(|u| u.observed).sum();
        assert!(close(off_diagonal, 8.0, 1e-12), "{off_diagonal}");
        assert!(close(p.alpha().unwrap(), 1.0 - 312.0 / 1216.0, 1e-12));
    }

    #[test]
    fn alpha_wikipedia_example() {
        // 3 coders × 15 units from the Wikipedia article on Krippendorff's
        // alpha; nominal 0.691358 and interval 0.810845 as asserted in the
        // test suite of the Python `krippendorff` package.
        let data = from_coders(&[
            &[0, 0, 0, 0, 0, 3, 4, 1, 2, 1, 1, 3, 3, 0, 3],
            &[1, 0, 2, 1, 3, 3, 4, 3, 0, 0, 0, 0, 0, 0, 0],
            &[0, 0, 2, 1, 3, 4, 4, 0, 2, 1, 1, 3, 3, 0, 4],
        ]);
        let nominal = krippendorff_alpha_nominal(&data).unwrap();
        let interval = krippendorff_alpha_interval(&data).unwrap();
        assert!(close(nominal, 0.691_358, 5e-7), "{nominal}");
        assert!(close(interval, 0.810_845, 5e-7), "{interval}");
    }

    #[test]
    fn alpha_matches_a_direct_coincidence_matrix() {
        // A dense coincidence matrix built pair by pair, then
        // alpha = 1 − (n − 1) Σ o_ck δ² / Σ n_c n_k δ², against the
        // module's unit-by-unit sums, on an irregular matrix with ragged
        // rows, a lone-value unit and real-valued figures.
        let data: Vec<Vec<Option<f64>>> = vec![
            vec![Some(1500.0), Some(3000.0), None, Some(12000.0)],
            vec![Some(10000.0), Some(12000.0)],
            vec![None, Some(3000.0), Some(3000.0), Some(2500.0)],
            vec![Some(7.0)],
            vec![Some(0.25), Some(0.5), Some(0.25), None, Some(1.0)],
            vec![Some(3000.0), Some(3000.0), Some(3000.0)],
        ];
        for metric in [Metric::Nominal, Metric::Interval] {
            let mut values: Vec<f64> = data
                .iter()
                .filter(|r| r.iter().flatten().count() >= 2)
                .flat_map(|r| r.iter().flatten().copied())
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            let v = values.len();
            let mut o = vec![vec![0.0; v]; v];
            for row in &data {
                let vals: Vec<f64> = row.iter().flatten().copied().collect();
                if vals.len() < 2 {
                    continue;
                }
                let m = vals.len() as f64;
                for (i, &a) in vals.iter().enumerate() {
                    for (j, &b) in vals.iter().enumerate() {
                        if i != j {
                            let ca = values.iter().position(|&x| x == a).unwrap();
                            let cb = values.iter().position(|&x| x == b).unwrap();
                            o[ca][cb] += 1.0 / (m - 1.0);
                        }
                    }
                }
            }
            let nc: Vec<f64> = o.iter().map(|r| r.iter().sum()).collect();
            let n: f64 = nc.iter().sum();
            let (mut num, mut den) = (0.0, 0.0);
            for c in 0..v {
                for k in 0..v {
                    let d = metric.delta2(values[c], values[k]);
                    num += o[c][k] * d;
                    den += nc[c] * nc[k] * d;
                }
            }
            let direct = 1.0 - (n - 1.0) * num / den;
            let ours = Pairable::new(&data, metric).alpha().unwrap();
            assert!(close(direct, ours, 1e-12), "{metric:?}: {direct} vs {ours}");
        }
    }

    #[test]
    fn alpha_perfect_agreement_is_one() {
        let data = vec![
            vec![Some(1.0), Some(1.0), None],
            vec![Some(2.0), Some(2.0), Some(2.0)],
            vec![None, Some(5.0), Some(5.0)],
        ];
        assert_eq!(krippendorff_alpha_interval(&data), Some(1.0));
        assert_eq!(krippendorff_alpha_nominal(&data), Some(1.0));
    }

    #[test]
    fn alpha_undefined_cases() {
        // Constant matrix: no expected disagreement.
        let constant = vec![vec![Some(3.0); 3]; 4];
        assert_eq!(krippendorff_alpha_interval(&constant), None);
        assert_eq!(krippendorff_alpha_nominal(&constant), None);
        // Varying values, but in units that are not pairable.
        let lone = vec![vec![Some(1.0), None], vec![None, Some(2.0)]];
        assert_eq!(krippendorff_alpha_interval(&lone), None);
        // Nothing at all; NaN and infinities count as missing.
        assert_eq!(krippendorff_alpha_interval(&[]), None);
        let odd = vec![vec![Some(f64::NAN), Some(1.0)], vec![Some(f64::INFINITY)]];
        assert_eq!(krippendorff_alpha_interval(&odd), None);
        let b = alpha_bootstrap(&constant, 200, 1);
        assert_eq!(
            b,
            Alpha {
                alpha: None,
                low: None,
                high: None,
                units: 4,
                values: 12,
                reps: 0
            }
        );
    }

    #[test]
    fn alpha_bootstrap_contains_estimate_and_is_seeded() {
        let data = krippendorff_2011();
        let a = alpha_bootstrap(&data, 2000, 42);
        let point = a.alpha.unwrap();
        assert_eq!(Some(point), krippendorff_alpha_interval(&data));
        let (low, high) = (a.low.unwrap(), a.high.unwrap());
        assert!(low <= point && point <= high, "{a:?}");
        assert!(low < high, "{a:?}");
        assert_eq!((a.units, a.values), (11, 40));
        assert!(a.reps > 1900 && a.reps <= 2000, "{a:?}");
        assert_eq!(alpha_bootstrap(&data, 2000, 42), a);
        let other = alpha_bootstrap(&data, 2000, 43);
        assert_eq!(other.alpha, a.alpha);
        assert_ne!((other.low, other.high), (a.low, a.high));
        // No replicates asked for: a point estimate only.
        let none = alpha_bootstrap(&data, 0, 42);
        assert_eq!(
            (none.alpha, none.low, none.high, none.reps),
            (a.alpha, None, None, 0)
        );
    }

    #[test]
    fn uniform_index_is_in_range_and_covers_it() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[uniform_index(&mut rng, 7)] += 1;
        }
        assert!(seen.iter().all(|&c| (850..1150).contains(&c)), "{seen:?}");
        assert_eq!(uniform_index(&mut rng, 1), 0);
    }
}
