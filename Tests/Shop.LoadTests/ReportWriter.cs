using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.LoadTests;

/// <summary>Writes <c>report.json</c> and <c>report.html</c>: a self-contained page (inline SVG, no scripts, no CDN)
/// with the headline figures and, per phase, throughput and latency percentiles over time.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const int Width = 820;
    private const int Height = 220;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 12;
    private const int Right = 110;

    public static async Task<(string Json, string Html)> WriteAsync(LoadReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(html, Html(report));
        return (json, html);
    }

    private static string Html(LoadReport report)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shop.Aspire load report</title><style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append("svg{display:block;margin:4px 0 18px}code{background:#f3f3f3;padding:1px 4px}</style></head><body>")
            .Append("<h1>Shop.Aspire load report</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{E(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))} · <code>{E(report.Command)}</code></p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Machine: {report.Machine.Cores} cores, {E(report.Machine.Processor)}, {E(report.Machine.Os)}; load average before {E(report.Machine.LoadAverageBefore)}, after {E(report.Machine.LoadAverageAfter)}.</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Target: {E(report.Target)}.<br>Latency: {E(report.Observation)}<br>Mix (paid/out of stock/declined): {E(report.Mix)}.</p>");

        var ceiling = report.PostgresCeiling?.CommitsPerSecond is { } tps
            ? $"{tps:0} single-row INSERT commits/s ({E(report.PostgresCeiling.Method)})"
            : E(report.PostgresCeiling?.Method ?? "not measured");
        page.Append(CultureInfo.InvariantCulture, $"<p>PostgreSQL ceiling: {ceiling}.</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Invariants (DESIGN §2) over {report.Invariants.Orders} orders: <b>{(report.Invariants.Held ? "held" : "VIOLATED")}</b>{(report.Invariants.Violations is { } v ? $"<pre>{E(v)}</pre>" : "")}</p>");

        page.Append("<table><tr><th>phase</th><th>load</th><th>sagas/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>server p50 ms</th><th>errors</th><th>rejected</th><th>timeouts</th><th>commits/saga</th><th>write tx/saga</th><th>polls/s</th><th>CPU ms/saga (shop)</th><th>load avg after</th></tr>");
        foreach (var phase in report.Phases)
        {
            var load = phase.Concurrency is { } c ? $"closed, {c} clients" : $"open, {phase.OfferedRate:0.#}/s";
            var bold = phase.Name == report.Headline ? " style=\"font-weight:bold\"" : "";
            page.Append(CultureInfo.InvariantCulture,
                $"<tr{bold}><td>{E(phase.Name)}</td><td>{load}</td><td>{phase.CompletedSagasPerSecond:0.0}</td><td>{phase.LatencyMs?.P50:0.0}</td><td>{phase.LatencyMs?.P90:0.0}</td><td>{phase.LatencyMs?.P99:0.0}</td><td>{phase.LatencyMs?.Max:0.0}</td><td>{phase.ServerSagaMs?.P50:0.0}</td><td>{phase.Errors}</td><td>{phase.Rejected}{(phase.RejectedAnswerMs is { } refused ? $" (p99 {refused.P99:0} ms)" : "")}</td><td>{phase.Timeouts}</td><td>{phase.Database?.CommitsPerSaga:0.0}</td><td>{phase.Database?.WriteTransactionsPerSaga:0.0}</td><td>{phase.PollsPerSecond:0}</td><td>{phase.CpuMsPerSaga.Where(p => p.Key is not ("total" or "generator")).Sum(p => p.Value):0.0}</td><td>{E(phase.LoadAverageAfter)}</td></tr>");
        }

        page.Append("</table>");
        foreach (var phase in report.Phases.Where(p => p.Timeline.Count > 0))
        {
            page.Append(CultureInfo.InvariantCulture, $"<h3>{E(phase.Name)}: outcomes {E(string.Join(", ", phase.Outcomes.Select(o => $"{o.Key} {o.Value}")))}</h3>");
            if (phase.StepMs.Count > 0)
            {
                page.Append("<table><tr><th>saga step (Completed orders, from the timeline)</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th></tr>");
                foreach (var (step, p) in phase.StepMs)
                {
                    page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(step)}</td><td>{p.P50:0.0}</td><td>{p.P90:0.0}</td><td>{p.P99:0.0}</td></tr>");
                }

                page.Append("</table>");
            }

            page.Append(Chart("orders terminal per second", phase.Timeline, [("terminal/s", "#2b6cb0", p => p.Terminal)]));
            page.Append(Chart("latency (ms), POST → terminal observed", phase.Timeline,
                [("p50", "#2f855a", p => p.P50), ("p90", "#d69e2e", p => p.P90), ("p99", "#c53030", p => p.P99)]));
        }

        return page.Append("</body></html>").ToString();
    }

    private static string Chart(string title, IReadOnlyList<TimelinePoint> points, (string Name, string Color, Func<TimelinePoint, double> Value)[] series)
    {
        var maxX = Math.Max(1, points[^1].Second + 1);
        var maxY = NiceCeiling(series.Max(s => points.Max(s.Value)));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double second) => Left + (second + 0.5) / maxX * plotWidth;
        double Y(double value) => Top + plotHeight - (value / maxY * plotHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-size=\"11\">")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"10\" font-weight=\"bold\">{E(title)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Y(value):0.0}\" y2=\"{Y(value):0.0}\" stroke=\"#e2e2e2\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:0.0}\" text-anchor=\"end\">{value:0.#}</text>");
        }

        var step = Math.Max(1, maxX / 10);
        for (var s = 0; s < maxX; s += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(s):0.0}\" y=\"{Height - 12}\" text-anchor=\"middle\">{s}s</text>");
        }

        for (var i = 0; i < series.Length; i++)
        {
            var (name, color, value) = series[i];
            var line = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Second):0.0},{Y(value(p)):0.0}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{line}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth + 10}\" y=\"{Top + 14 + i * 16}\" fill=\"{color}\">{E(name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(candidate => candidate >= value);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
