namespace Bench.Reports.Fit;

/// <summary>
/// Gunther's Universal Scalability Law, S(W) = W / (1 + σ(W − 1) + κ·W(W − 1)): σ is contention (the
/// serial part, as in Amdahl), κ is coherency (crosstalk between workers) which makes the curve turn
/// down. Fitted in its linear form W/S − 1 = σ(W − 1) + κ·W(W − 1), least squares with σ, κ ≥ 0.
/// </summary>
public sealed record UslFit(double Sigma, double Kappa, double RSquared)
{
    public double Predict(double workers) => workers / (1 + Sigma * (workers - 1) + Kappa * workers * (workers - 1));

    /// <summary>W at which the fitted curve peaks, √((1 − σ)/κ); infinite without coherency cost.</summary>
    public double PeakWorkers => Kappa <= 1e-12 || Sigma >= 1 ? double.PositiveInfinity : Math.Sqrt((1 - Sigma) / Kappa);

    public double PeakSpeedup => double.IsPositiveInfinity(PeakWorkers) ? (Sigma <= 1e-12 ? double.PositiveInfinity : 1 / Sigma) : Predict(PeakWorkers);

    public static UslFit Fit(IReadOnlyList<ScalingPoint> points)
    {
        // Regress y = W/S − 1 on a = W − 1 and b = W(W − 1), through the origin.
        var rows = points.Where(p => p.Speedup > 0)
            .Select(p => (A: p.Workers - 1, B: p.Workers * (p.Workers - 1), Y: p.Workers / p.Speedup - 1))
            .ToArray();
        double saa = rows.Sum(r => r.A * r.A), sbb = rows.Sum(r => r.B * r.B), sab = rows.Sum(r => r.A * r.B);
        double say = rows.Sum(r => r.A * r.Y), sby = rows.Sum(r => r.B * r.Y);

        double sigma, kappa;
        var determinant = saa * sbb - sab * sab;
        if (Math.Abs(determinant) > 1e-12 * Math.Max(1, saa * sbb))
        {
            sigma = (say * sbb - sby * sab) / determinant;
            kappa = (sby * saa - say * sab) / determinant;
        }
        else
        {
            sigma = -1;
            kappa = -1;
        }

        // The constrained optimum lies on a boundary when the free one leaves the feasible region:
        // try each single-parameter fit and keep the better feasible one.
        if (sigma < 0 || kappa < 0)
        {
            var onlySigma = (S: saa > 0 ? Math.Max(0, say / saa) : 0, K: 0.0);
            var onlyKappa = (S: 0.0, K: sbb > 0 ? Math.Max(0, sby / sbb) : 0);
            double Residual((double S, double K) c) => rows.Sum(r => Math.Pow(r.Y - c.S * r.A - c.K * r.B, 2));
            (sigma, kappa) = Residual(onlySigma) <= Residual(onlyKappa) ? onlySigma : onlyKappa;
        }

        var fit = new UslFit(Math.Min(sigma, 1), kappa, 0);
        return fit with { RSquared = Goodness.RSquared(points, fit.Predict) };
    }
}
