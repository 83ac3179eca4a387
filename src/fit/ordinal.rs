//! A cumulative-link (ordinal logistic) model fitted by projected Newton.
//!
//! Each row has a level `y` in `0..=3` (unconfirmed, possible, probable,
//! certain) and a linear predictor `η = base + Σ w_j` over the features that
//! fire in it, plus a fixed offset. The model says
//! `P(y ≥ k) = σ(η − θ_k)` for the cut points `θ_1 < θ_2 < θ_3`, so that
//! labelling a row by the cut points it clears (`η ≥ θ_k`) predicts its
//! median level, the way the analyzer labels a certainty `σ(η)` with the
//! thresholds `σ(θ_k)`.
//!
//! The objective is the negative log-likelihood plus `λ/2 ‖z − z₀‖²`, a pull
//! of every parameter toward its hand-set value. It is strictly convex, so
//! the minimum is unique and the result does not depend on the start. Bounds
//! keep each weight on the side of zero its hand value is on (a hedge stays
//! a hedge) and the cut points at least [`Problem::min_gap`] apart; they are
//! simple bounds once the cut points are written as `θ_1` and the gaps
//! between them, which is the space the projected Newton method
//! (Bertsekas 1982) works in.

/// Number of levels.
pub const LEVELS: usize = 4;

/// Index of the base in a parameter vector.
pub const BASE: usize = 0;
/// Index of the first cut point (`θ_1`, possible) in a parameter vector;
/// `θ_2` (probable) and `θ_3` (certain) follow.
pub const CUTS: usize = 1;
/// Index of the first weight in a parameter vector.
pub const WEIGHTS: usize = 4;

/// One observation.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Indices (into the weights, from 0) of the features that fire.
    pub features: Vec<usize>,
    /// Fixed part of the linear predictor (weights that are not fitted).
    pub offset: f64,
    /// Level, 0 (unconfirmed) to 3 (certain).
    pub level: usize,
    /// Weight of the row in the likelihood.
    pub weight: f64,
}

/// What to fit: the start and anchor of every parameter, and the bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Hand-set values `z₀`: base, the three cut points (log-odds), then
    /// the weights.
    pub hand: Vec<f64>,
    /// Strength of the pull toward the hand-set values; must be positive.
    pub lambda: f64,
    /// Smallest gap between consecutive cut points (log-odds).
    pub min_gap: f64,
    /// Sharpness `s` of the model: `P(y ≥ k) = σ(s (η − θ_k))`.
    pub scale: f64,
}

/// The result of [`fit`].
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// Fitted values, laid out as [`Problem::hand`].
    pub z: Vec<f64>,
    /// Newton iterations run.
    pub iterations: usize,
    /// Whether the projected gradient fell below the tolerance.
    pub converged: bool,
}

/// `ln(1 + eˣ)` without overflow.
fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Negative log-likelihood of one row as a function of `a = η − θ_y` and
/// `b = η − θ_{y+1}` (absent at the ends), with its first and second
/// derivatives: `(ℓ, ℓ_a, ℓ_b, ℓ_aa, ℓ_bb, ℓ_ab)`.
fn row_terms(a: Option<f64>, b: Option<f64>) -> (f64, f64, f64, f64, f64, f64) {
    match (a, b) {
        // Top level: P = σ(a).
        (Some(a), None) => {
            let (s, t) = (sigmoid(a), sigmoid(-a));
            (softplus(-a), -t, 0.0, s * t, 0.0, 0.0)
        }
        // Bottom level: P = 1 − σ(b) = σ(−b).
        (None, Some(b)) => {
            let (s, t) = (sigmoid(b), sigmoid(-b));
            (softplus(b), 0.0, s, 0.0, s * t, 0.0)
        }
        // Middle: P = σ(a) − σ(b) = σ(a) σ(−b) (1 − e^{−(a−b)}), a > b.
        (Some(a), Some(b)) => {
            let gap = -(-(a - b)).exp_m1(); // 1 − e^{−(a−b)}
            let value = softplus(-a) + softplus(b) - gap.ln();
            // σ'(a)/P and σ'(b)/P, in log space.
            let ra = (softplus(b) - softplus(a)).exp() / gap;
            let rb = (softplus(-a) - softplus(-b)).exp() / gap;
            let laa = -ra * (1.0 - 2.0 * sigmoid(a)) + ra * ra;
            let lbb = rb * (1.0 - 2.0 * sigmoid(b)) + rb * rb;
            (value, -ra, rb, laa, lbb, -ra * rb)
        }
        (None, None) => (0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    }
}

/// The objective at `z` (natural parameters): value, and when `derivs`,
/// its gradient and Hessian (row-major, `n × n`).
pub fn objective(
    problem: &Problem,
    rows: &[Row],
    z: &[f64],
    derivs: bool,
) -> (f64, Vec<f64>, Vec<f64>) {
    let n = z.len();
    let mut value = 0.0;
    let (mut g, mut h) = if derivs {
        (vec![0.0; n], vec![0.0; n * n])
    } else {
        (Vec::new(), Vec::new())
    };
    let mut eta_idx: Vec<usize> = Vec::new();
    for row in rows {
        let eta = z[BASE] + row.offset + row.features.iter().map(|&j| z[WEIGHTS + j]).sum::<f64>();
        let y = row.level;
        let s = problem.scale;
        let a = (y > 0).then(|| s * (eta - z[CUTS + y - 1]));
        let b = (y < LEVELS - 1).then(|| s * (eta - z[CUTS + y]));
        let (l, la, lb, laa, lbb, lab) = row_terms(a, b);
        // Derivatives in η − θ: the scale once for the gradient, twice for
        // the Hessian; each times the row's weight.
        let (w1, w2) = (row.weight * s, row.weight * s * s);
        let (l, la, lb, laa, lbb, lab) = (
            row.weight * l,
            w1 * la,
            w1 * lb,
            w2 * laa,
            w2 * lbb,
            w2 * lab,
        );
        value += l;
        if !derivs {
            continue;
        }
        eta_idx.clear();
        eta_idx.push(BASE);
        eta_idx.extend(row.features.iter().map(|&j| WEIGHTS + j));
        // ∇a = ∇η − e_{θ_y}, ∇b = ∇η − e_{θ_{y+1}}.
        let ta = (y > 0).then(|| CUTS + y - 1);
        let tb = (y < LEVELS - 1).then(|| CUTS + y);
        let dl_deta = la + lb;
        for &i in &eta_idx {
            g[i] += dl_deta;
        }
        if let Some(t) = ta {
            g[t] -= la;
        }
        if let Some(t) = tb {
            g[t] -= lb;
        }
        // Hessian: laa ∇a∇aᵀ + lbb ∇b∇bᵀ + lab (∇a∇bᵀ + ∇b∇aᵀ).
        let d2_eta = laa + lbb + 2.0 * lab;
        for &i in &eta_idx {
            for &j in &eta_idx {
                h[i * n + j] += d2_eta;
            }
        }
        // Cross terms between η and the cut points, and among cut points.
        let mut cross = |t: usize, c_eta: f64| {
            for &i in &eta_idx {
                h[i * n + t] += c_eta;
                h[t * n + i] += c_eta;
            }
        };
        if let Some(t) = ta {
            cross(t, -(laa + lab));
        }
        if let Some(t) = tb {
            cross(t, -(lbb + lab));
        }
        if let Some(t) = ta {
            h[t * n + t] += laa;
        }
        if let Some(t) = tb {
            h[t * n + t] += lbb;
        }
        if let (Some(s), Some(t)) = (ta, tb) {
            h[s * n + t] += lab;
            h[t * n + s] += lab;
        }
    }
    let lambda = problem.lambda;
    for (i, (zi, z0)) in z.iter().zip(&problem.hand).enumerate() {
        let d = zi - z0;
        value += 0.5 * lambda * d * d;
        if derivs {
            g[i] += lambda * d;
            h[i * n + i] += lambda;
        }
    }
    (value, g, h)
}

/// Smallest sharpness [`sharpness`] returns.
pub const MIN_SCALE: f64 = 0.25;
/// Largest sharpness [`sharpness`] returns: reached when the values
/// separate the levels (nearly) perfectly.
pub const MAX_SCALE: f64 = 16.0;

/// The sharpness `s` at which the parameters `z` best explain the rows
/// (maximum weighted likelihood, a convex problem in `s`), within
/// [`MIN_SCALE`, `MAX_SCALE`].
pub fn sharpness(rows: &[Row], z: &[f64]) -> f64 {
    // Each row's margins η − θ at the two cut points around its level.
    let margins: Vec<(Option<f64>, Option<f64>, f64)> = rows
        .iter()
        .map(|row| {
            let eta =
                z[BASE] + row.offset + row.features.iter().map(|&j| z[WEIGHTS + j]).sum::<f64>();
            let y = row.level;
            (
                (y > 0).then(|| eta - z[CUTS + y - 1]),
                (y < LEVELS - 1).then(|| eta - z[CUTS + y]),
                row.weight,
            )
        })
        .collect();
    // Derivative of the negative log-likelihood in s; increasing in s.
    let slope = |s: f64| -> f64 {
        margins
            .iter()
            .map(|&(ma, mb, w)| {
                let (_, la, lb, ..) = row_terms(ma.map(|m| s * m), mb.map(|m| s * m));
                w * (la * ma.unwrap_or(0.0) + lb * mb.unwrap_or(0.0))
            })
            .sum()
    };
    if slope(MAX_SCALE) <= 0.0 {
        return MAX_SCALE;
    }
    if slope(MIN_SCALE) >= 0.0 {
        return MIN_SCALE;
    }
    let (mut lo, mut hi) = (MIN_SCALE.ln(), MAX_SCALE.ln());
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if slope(mid.exp()) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    (0.5 * (lo + hi)).exp()
}

/// Natural parameters from the working ones: the cut points are `θ_1`
/// and the two gaps in the working space.
fn to_natural(u: &[f64]) -> Vec<f64> {
    let mut z = u.to_vec();
    z[CUTS + 1] = u[CUTS] + u[CUTS + 1];
    z[CUTS + 2] = z[CUTS + 1] + u[CUTS + 2];
    z
}

fn to_working(z: &[f64]) -> Vec<f64> {
    let mut u = z.to_vec();
    u[CUTS + 1] = z[CUTS + 1] - z[CUTS];
    u[CUTS + 2] = z[CUTS + 2] - z[CUTS + 1];
    u
}

/// Gradient and Hessian from the natural to the working space
/// (`Mᵀ g`, `Mᵀ H M` with `z = M u`).
fn gradient_to_working(g: &mut [f64]) {
    g[CUTS + 1] += g[CUTS + 2];
    g[CUTS] += g[CUTS + 1];
}

fn hessian_to_working(h: &mut [f64], n: usize) {
    for r in 0..n {
        let row = &mut h[r * n..(r + 1) * n];
        gradient_to_working(row);
    }
    for c in 0..n {
        h[(CUTS + 1) * n + c] += h[(CUTS + 2) * n + c];
        h[CUTS * n + c] += h[(CUTS + 1) * n + c];
    }
}

/// Solve `A x = b` for a symmetric positive definite `A` (row-major, `m × m`)
/// by Cholesky; `None` when `A` is not positive definite.
fn cholesky_solve(a: &[f64], b: &[f64], m: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; m * m];
    for i in 0..m {
        for j in 0..=i {
            let mut s = a[i * m + j];
            for k in 0..j {
                s -= l[i * m + k] * l[j * m + k];
            }
            if i == j {
                if s <= 0.0 || !s.is_finite() {
                    return None;
                }
                l[i * m + i] = s.sqrt();
            } else {
                l[i * m + j] = s / l[j * m + j];
            }
        }
    }
    let mut y = vec![0.0; m];
    for i in 0..m {
        let s: f64 = (0..i).map(|k| l[i * m + k] * y[k]).sum();
        y[i] = (b[i] - s) / l[i * m + i];
    }
    let mut x = vec![0.0; m];
    for i in (0..m).rev() {
        let s: f64 = (i + 1..m).map(|k| l[k * m + i] * x[k]).sum();
        x[i] = (y[i] - s) / l[i * m + i];
    }
    Some(x)
}

/// Projected-gradient norm below which the fit has converged.
const TOLERANCE: f64 = 1e-9;
/// Most Newton iterations.
const MAX_ITERATIONS: usize = 200;

/// Minimise the objective under the bounds: each weight stays on the side of
/// zero its hand value is on (free when the hand value is 0), the cut
/// points at least `min_gap` apart. Starts from the hand-set values, which
/// must be feasible (cut points increasing by at least `min_gap`).
pub fn fit(problem: &Problem, rows: &[Row]) -> Solution {
    let n = problem.hand.len();
    assert!(
        n >= WEIGHTS,
        "a parameter vector has a base and three cut points"
    );
    let mut lower = vec![f64::NEG_INFINITY; n];
    let mut upper = vec![f64::INFINITY; n];
    lower[CUTS + 1] = problem.min_gap;
    lower[CUTS + 2] = problem.min_gap;
    for i in WEIGHTS..n {
        if problem.hand[i] < 0.0 {
            upper[i] = 0.0;
        } else if problem.hand[i] > 0.0 {
            lower[i] = 0.0;
        }
    }
    let project = |u: &mut [f64]| {
        for i in 0..n {
            u[i] = u[i].clamp(lower[i], upper[i]);
        }
    };
    let mut u = to_working(&problem.hand);
    project(&mut u);
    let eval = |u: &[f64], derivs: bool| {
        let (f, mut g, mut h) = objective(problem, rows, &to_natural(u), derivs);
        if derivs {
            gradient_to_working(&mut g);
            hessian_to_working(&mut h, n);
        }
        (f, g, h)
    };
    // Gradients grow with the data: the tolerance does too.
    let size = 1.0 + problem.lambda + rows.iter().map(|r| r.weight).sum::<f64>();
    let mut iterations = 0;
    let mut converged = false;
    let (mut f, mut g, mut h) = eval(&u, true);
    while iterations < MAX_ITERATIONS {
        // Projected gradient: how far a gradient step moves inside the box.
        let pg = (0..n)
            .map(|i| (u[i] - (u[i] - g[i]).clamp(lower[i], upper[i])).abs())
            .fold(0.0, f64::max);
        if pg < TOLERANCE * size {
            converged = true;
            break;
        }
        iterations += 1;
        // Variables at (or within eps of) a bound that the gradient pushes
        // outward are held; Newton on the others.
        let eps = pg.min(1e-3);
        let held: Vec<bool> = (0..n)
            .map(|i| {
                (u[i] <= lower[i] + eps && g[i] > 0.0) || (u[i] >= upper[i] - eps && g[i] < 0.0)
            })
            .collect();
        let free: Vec<usize> = (0..n).filter(|&i| !held[i]).collect();
        let m = free.len();
        let mut a = vec![0.0; m * m];
        for (r, &i) in free.iter().enumerate() {
            for (c, &j) in free.iter().enumerate() {
                a[r * m + c] = h[i * n + j];
            }
        }
        let rhs: Vec<f64> = free.iter().map(|&i| -g[i]).collect();
        let Some(step) = cholesky_solve(&a, &rhs, m) else {
            break;
        };
        let mut d = vec![0.0; n];
        for (k, &i) in free.iter().enumerate() {
            d[i] = step[k];
        }
        for i in 0..n {
            if held[i] {
                d[i] = -g[i] / h[i * n + i].max(f64::MIN_POSITIVE);
            }
        }
        // Armijo search along the projection arc (Bertsekas's rule).
        let mut alpha = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let mut trial: Vec<f64> = (0..n).map(|i| u[i] + alpha * d[i]).collect();
            project(&mut trial);
            let decrease: f64 = (0..n)
                .map(|i| {
                    if held[i] {
                        g[i] * (u[i] - trial[i])
                    } else {
                        -alpha * g[i] * d[i]
                    }
                })
                .sum();
            let (ft, _, _) = eval(&trial, false);
            if ft.is_finite() && f - ft >= 1e-4 * decrease {
                accepted = Some((trial, ft));
                break;
            }
            alpha *= 0.5;
        }
        // No step decreases the objective any more: rounding has the last
        // word; close enough counts as converged.
        let Some((next, fnext)) = accepted else {
            converged = pg < 1e-6 * size;
            break;
        };
        let moved = (0..n).map(|i| (next[i] - u[i]).abs()).fold(0.0, f64::max);
        u = next;
        (f, g, h) = eval(&u, true);
        debug_assert!(fnext == f);
        if moved == 0.0 {
            converged = pg < 1e-6 * size;
            break;
        }
    }
    // Untouched hand values come back exactly, not through the change of
    // variables.
    let z = if iterations == 0 {
        problem.hand.clone()
    } else {
        to_natural(&u)
    };
    Solution {
        z,
        iterations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logit(p: f64) -> f64 {
        (p / (1.0 - p)).ln()
    }

    /// Probability of each level given η and the cut points.
    fn level_probs(eta: f64, cuts: &[f64; 3]) -> [f64; LEVELS] {
        let ge = |k: usize| -> f64 {
            match k {
                0 => 1.0,
                4 => 0.0,
                _ => sigmoid(eta - cuts[k - 1]),
            }
        };
        [ge(0) - ge(1), ge(1) - ge(2), ge(2) - ge(3), ge(3) - ge(4)]
    }

    /// Rows whose level counts follow the model exactly (counts rounded),
    /// `per` rows per feature pattern: a synthetic sample with no noise
    /// beyond rounding, so the maximum-likelihood fit is the truth.
    fn synthetic(base: f64, cuts: [f64; 3], weights: &[f64], per: f64) -> Vec<Row> {
        let patterns: Vec<Vec<usize>> = vec![
            vec![],
            vec![0],
            vec![1],
            vec![2],
            vec![0, 1],
            vec![1, 2],
            vec![0, 2],
        ];
        let mut rows = Vec::new();
        for p in &patterns {
            let eta = base + p.iter().map(|&j| weights[j]).sum::<f64>();
            for (level, prob) in level_probs(eta, &cuts).iter().enumerate() {
                for _ in 0..(prob * per).round() as usize {
                    rows.push(Row {
                        features: p.clone(),
                        offset: 0.0,
                        level,
                        weight: 1.0,
                    });
                }
            }
        }
        rows
    }

    fn problem(hand: Vec<f64>, lambda: f64) -> Problem {
        Problem {
            hand,
            lambda,
            min_gap: 0.25,
            scale: 1.0,
        }
    }

    #[test]
    fn derivatives_match_finite_differences() {
        let rows = vec![
            Row {
                features: vec![0],
                offset: 0.3,
                level: 0,
                weight: 1.0,
            },
            Row {
                features: vec![0, 1],
                offset: 0.0,
                level: 1,
                weight: 1.0,
            },
            Row {
                features: vec![1],
                offset: -0.2,
                level: 2,
                weight: 1.0,
            },
            Row {
                features: vec![],
                offset: 0.0,
                level: 3,
                weight: 1.0,
            },
        ];
        let p = problem(vec![1.0, -1.5, 0.5, 2.0, -1.0, -2.0], 0.7);
        let z = vec![1.3, -1.2, 0.4, 2.5, -0.7, -2.4];
        let n = z.len();
        let (_, g, h) = objective(&p, &rows, &z, true);
        let step = 1e-6;
        for i in 0..n {
            let mut up = z.clone();
            let mut down = z.clone();
            up[i] += step;
            down[i] -= step;
            let (fu, gu, _) = objective(&p, &rows, &up, true);
            let (fd, gd, _) = objective(&p, &rows, &down, true);
            let numeric = (fu - fd) / (2.0 * step);
            assert!(
                (numeric - g[i]).abs() < 1e-6,
                "g[{i}]: {numeric} vs {}",
                g[i]
            );
            for j in 0..n {
                let numeric = (gu[j] - gd[j]) / (2.0 * step);
                assert!(
                    (numeric - h[j * n + i]).abs() < 1e-5,
                    "h[{j}][{i}]: {numeric} vs {}",
                    h[j * n + i]
                );
            }
        }
    }

    #[test]
    fn recovers_known_weights() {
        let base = 3.0;
        let cuts = [logit(0.1), logit(0.6), logit(0.9)];
        let weights = [-1.5, -3.5, 0.8];
        let rows = synthetic(base, cuts, &weights, 5_000.0);
        // Start far from the truth, with a negligible pull toward it.
        let hand = vec![4.0, -2.0, 1.0, 3.0, -1.0, -2.0, 1.0];
        let sol = fit(&problem(hand, 1e-6), &rows);
        assert!(sol.converged, "{sol:?}");
        // Base and cut points are identified up to a common shift: compare
        // the cut points relative to the base.
        let z = &sol.z;
        let got = [
            z[CUTS] - z[BASE],
            z[CUTS + 1] - z[BASE],
            z[CUTS + 2] - z[BASE],
            z[WEIGHTS],
            z[WEIGHTS + 1],
            z[WEIGHTS + 2],
        ];
        let want = [
            cuts[0] - base,
            cuts[1] - base,
            cuts[2] - base,
            weights[0],
            weights[1],
            weights[2],
        ];
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() < 0.02, "parameter {i}: {g} vs {w}");
        }
    }

    #[test]
    fn regularisation_pulls_toward_hand_values() {
        let cuts = [logit(0.1), logit(0.6), logit(0.9)];
        let rows = synthetic(3.0, cuts, &[-1.5, -3.5, 0.8], 30.0);
        let hand = vec![4.0, -2.0, 1.0, 3.0, -1.0, -2.0, 1.0];
        let distance = |lambda: f64| -> f64 {
            let sol = fit(&problem(hand.clone(), lambda), &rows);
            assert!(sol.converged, "lambda {lambda}: {sol:?}");
            sol.z
                .iter()
                .zip(&hand)
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
                .sqrt()
        };
        let ds: Vec<f64> = [0.01, 0.1, 1.0, 10.0, 100.0, 1e5]
            .iter()
            .map(|&l| distance(l))
            .collect();
        for w in ds.windows(2) {
            assert!(w[1] < w[0], "distance does not shrink: {ds:?}");
        }
        assert!(ds[0] > 1.0, "{ds:?}");
        assert!(ds[5] < 0.01, "{ds:?}");
    }

    #[test]
    fn no_data_keeps_hand_values() {
        let hand = vec![4.0, -2.2, 1.4, 2.9, -1.25, -7.0];
        let sol = fit(&problem(hand.clone(), 1.0), &[]);
        assert_eq!(sol.z, hand);
        assert!(sol.converged);
        // A feature that fires in no row keeps its hand weight exactly.
        let rows = vec![
            Row {
                features: vec![0],
                offset: 0.0,
                level: 1,
                weight: 1.0,
            },
            Row {
                features: vec![],
                offset: 0.0,
                level: 3,
                weight: 1.0,
            },
        ];
        let sol = fit(&problem(hand.clone(), 1.0), &rows);
        assert!(sol.converged);
        assert_eq!(sol.z[WEIGHTS + 1], -7.0);
        assert_ne!(sol.z[WEIGHTS], -1.25);
    }

    #[test]
    fn bounds_hold() {
        // A "hedge" (negative hand weight) that fires only on certain rows
        // would want a positive weight: it stops at 0. A booster that fires
        // on unconfirmed rows stops at 0 too.
        let mut rows = Vec::new();
        for _ in 0..20 {
            rows.push(Row {
                features: vec![0],
                offset: 0.0,
                level: 3,
                weight: 1.0,
            });
            rows.push(Row {
                features: vec![1],
                offset: 0.0,
                level: 0,
                weight: 1.0,
            });
            rows.push(Row {
                features: vec![],
                offset: 0.0,
                level: 2,
                weight: 1.0,
            });
        }
        // Every row is certain or unconfirmed except the bare ones: the
        // middle gap wants to close, and stays at min_gap or more.
        let hand = vec![2.0, -2.0, 1.0, 3.0, -1.0, 1.0];
        let sol = fit(&problem(hand, 0.01), &rows);
        assert!(sol.converged, "{sol:?}");
        assert_eq!(sol.z[WEIGHTS], 0.0);
        assert_eq!(sol.z[WEIGHTS + 1], 0.0);
        assert!(sol.z[CUTS + 1] - sol.z[CUTS] >= 0.25 - 1e-12);
        assert!(sol.z[CUTS + 2] - sol.z[CUTS + 1] >= 0.25 - 1e-12);
    }

    #[test]
    fn fit_is_deterministic() {
        let cuts = [logit(0.1), logit(0.6), logit(0.9)];
        let rows = synthetic(3.0, cuts, &[-1.5, -3.5, 0.8], 25.0);
        let hand = vec![4.0, -2.0, 1.0, 3.0, -1.0, -2.0, 1.0];
        let a = fit(&problem(hand.clone(), 0.5), &rows);
        let b = fit(&problem(hand, 0.5), &rows);
        assert_eq!(a, b);
    }
}
