using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Support;

public static class TestTopics
{
    public const string Flaky = "test.flaky";
    public const string Broken = "test.broken";
    public const string Restart = "test.restart";
    public const string DatabaseAway = "test.database-away";
    public const string Replay = "test.replay";
    public const string Plain = "test.plain";

    public static IReadOnlyList<string> All { get; } =
        [Flaky, Topics.DeadLetter(Flaky), Broken, Topics.DeadLetter(Broken), Restart, Topics.DeadLetter(Restart),
         DatabaseAway, Topics.DeadLetter(DatabaseAway), Replay, Topics.DeadLetter(Replay), Plain];
}
