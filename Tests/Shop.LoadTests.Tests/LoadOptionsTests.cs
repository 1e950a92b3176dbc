namespace Shop.LoadTests.Tests;

public sealed class LoadOptionsTests
{
    [Fact]
    public void Open_loop_reads_rate_duration_and_mix()
    {
        var options = LoadOptions.Parse(["open", "--rate", "100", "--duration", "20", "--mix", "80/15/5"], out var error);

        error.Should().BeNull();
        options!.Mode.Should().Be(LoadMode.Open);
        options.Rate.Should().Be(100);
        options.Duration.Should().Be(TimeSpan.FromSeconds(20));
        options.Mix.Should().Be(new OrderMix(80, 15, 5));
        options.Observe.Should().Be(ObservationMethod.Poll);
    }

    [Fact]
    public void Observe_events_selects_the_event_streams()
    {
        var options = LoadOptions.Parse(["closed", "--concurrency", "8", "--observe", "events"], out var error);

        error.Should().BeNull();
        options!.Observe.Should().Be(ObservationMethod.Events);
    }

    [Theory]
    [InlineData(new[] { "open" }, "--rate")]
    [InlineData(new[] { "closed" }, "--concurrency")]
    [InlineData(new[] { "sideways" }, "mode")]
    [InlineData(new[] { "closed", "--find-max", "--mix", "90/5/4" }, "--mix")]
    [InlineData(new[] { "closed", "--concurrency", "0" }, "--concurrency")]
    [InlineData(new[] { "closed", "--concurrency", "4", "--replicas", "2" }, "--start-apphost")]
    [InlineData(new[] { "closed", "--concurrency", "4", "--observe", "telepathy" }, "--observe")]
    public void Bad_arguments_are_refused_with_the_reason(string[] args, string mentioned)
    {
        var options = LoadOptions.Parse(args, out var error);

        options.Should().BeNull();
        error.Should().Contain(mentioned);
    }

    [Fact]
    public void Mix_picks_each_kind_in_its_share()
    {
        var mix = new OrderMix(90, 5, 5);

        Enumerable.Range(0, 100).Select(mix.Pick).GroupBy(kind => kind).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<OrderKind, int> { [OrderKind.Success] = 90, [OrderKind.OutOfStock] = 5, [OrderKind.Declined] = 5 });
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var p = Percentiles.Of(Enumerable.Range(1, 100).Select(i => (double)i))!;

        (p.P50, p.P90, p.P99, p.Max).Should().Be((50, 90, 99, 100));
    }
}
