using Shop.Orders.Admission;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Admission;

public sealed class UnfinishedOrdersTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Before_the_first_count_it_admits_every_placement()
    {
        var unfinished = new UnfinishedOrders(_clock);

        unfinished.Estimate.Should().BeNull();
        unfinished.TryAdmit(limit: 1).Should().BeTrue();
        unfinished.TryAdmit(limit: 1).Should().BeTrue();
    }

    [Fact]
    public void At_the_limit_it_refuses_and_below_it_admits()
    {
        var unfinished = new UnfinishedOrders(_clock);

        unfinished.Counted(3, unfinished.PlacementsEnded);
        unfinished.TryAdmit(limit: 3).Should().BeFalse();

        unfinished.Counted(2, unfinished.PlacementsEnded);
        unfinished.TryAdmit(limit: 3).Should().BeTrue();
    }

    [Fact]
    public void Its_own_admissions_count_until_a_count_begun_after_they_ended_includes_them()
    {
        var unfinished = new UnfinishedOrders(_clock);
        unfinished.Counted(1, unfinished.PlacementsEnded);

        Place(unfinished, limit: 3).Should().BeTrue();
        Place(unfinished, limit: 3).Should().BeTrue();
        unfinished.Estimate.Should().Be(3);
        unfinished.TryAdmit(limit: 3).Should().BeFalse("the two it admitted are not in the database's count yet");

        // The next count sees them stored (and one other order finished).
        unfinished.Counted(2, unfinished.PlacementsEnded);
        unfinished.Estimate.Should().Be(2);
    }

    [Fact]
    public void A_placement_running_when_a_count_begins_stays_in_the_estimate_until_the_next_count()
    {
        var unfinished = new UnfinishedOrders(_clock);
        unfinished.TryAdmit(limit: 10).Should().BeTrue();

        // Its order may or may not be committed in time for this count: the estimate assumes not.
        unfinished.Counted(4, unfinished.PlacementsEnded);
        unfinished.PlacementEnded();
        unfinished.Estimate.Should().Be(5);

        unfinished.Counted(5, unfinished.PlacementsEnded);
        unfinished.Estimate.Should().Be(5);
    }

    [Fact]
    public void A_count_older_than_the_maximum_age_is_not_trusted_and_placements_are_admitted()
    {
        var unfinished = new UnfinishedOrders(_clock);
        unfinished.Counted(100, unfinished.PlacementsEnded);

        _clock.Advance(UnfinishedOrders.MaxCountAge);
        unfinished.TryAdmit(limit: 10).Should().BeFalse();

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        unfinished.Estimate.Should().BeNull();
        unfinished.TryAdmit(limit: 10).Should().BeTrue();
    }

    private static bool Place(UnfinishedOrders unfinished, long limit)
    {
        if (!unfinished.TryAdmit(limit))
        {
            return false;
        }

        unfinished.PlacementEnded();
        return true;
    }
}
