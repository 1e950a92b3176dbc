using Shop.Messaging.Hosting;

namespace Shop.Messaging.Tests.Hosting;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_within_half_to_full_of_the_ceiling_and_stop_at_the_maximum()
    {
        // Arrange
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        // Act
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        // Assert
        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
        delays.Zip(ceilings).Should().AllSatisfy(pair => pair.First.Should().BeInRange(pair.Second / 2, pair.Second));
    }

    [Fact]
    public void Reset_starts_over()
    {
        // Arrange
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        // Act
        backoff.Reset();

        // Assert
        backoff.Next().TotalMilliseconds.Should().BeInRange(50, 100);
    }
}
