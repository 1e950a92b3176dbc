using Shop.DeadLetters;
using Shop.Messaging.DeadLetters;

namespace Shop.Messaging.Tests.DeadLetters;

/// <summary>shop-dlq's command line: what it accepts, where it finds the broker, and its exit code for bad usage.</summary>
public sealed class DeadLetterCommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shop-dlq-tests-").FullName;

    [Fact]
    public void Replay_takes_a_record_a_value_file_and_options_in_any_order()
    {
        var arguments = DeadLetterArguments.Parse(["replay", "--value-file", "fixed.json", "payments.commands.dlq/2/15", "--timeout", "3", "--bootstrap", "b:1"]);

        arguments.Command.Should().Be("replay");
        arguments.Record.Should().Be(new DeadLetterCoordinate("payments.commands.dlq", 2, 15));
        (arguments.ValueFile, arguments.Bootstrap, arguments.Timeout).Should().Be(("fixed.json", "b:1", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_later_state_file_wins_over_an_earlier_one()
    {
        // ./shop dlq passes its checkout's state file first; one the caller names comes after it.
        DeadLetterArguments.Parse(["list", "--state-file", "a.json", "--state-file", "b.json"]).StateFile.Should().Be("b.json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("purge")]
    [InlineData("show")]
    [InlineData("show payments.commands.dlq")]
    [InlineData("replay payments.commands.dlq/0/1 other.dlq/0/2")]
    [InlineData("list --value-file x.json")]
    [InlineData("list --timeout soon")]
    [InlineData("list --force")]
    public async Task Bad_usage_prints_the_usage_and_exits_2(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await DeadLetterCommand.RunAsync([.. args, "--bootstrap", "127.0.0.1:1"], output, error);

        exitCode.Should().Be(2);
        error.ToString().Should().Contain("usage: shop-dlq");
    }

    [Fact]
    public void The_broker_comes_from_bootstrap_first_then_from_the_state_file()
    {
        var stateFile = Path.Combine(_folder, "state.json");
        File.WriteAllText(stateFile, """
            { "components": [ { "name": "postgres", "pid": 1, "port": 5 },
                              { "name": "kafka", "pid": 2, "port": 9, "bootstrapServers": "127.0.0.1:9,127.0.0.1:10" } ] }
            """);

        BootstrapServers.Resolve(DeadLetterArguments.Parse(["list", "--state-file", stateFile])).Should().Be("127.0.0.1:9,127.0.0.1:10");
        BootstrapServers.Resolve(DeadLetterArguments.Parse(["list", "--state-file", stateFile, "--bootstrap", "b:1"])).Should().Be("b:1");
        var missing = () => BootstrapServers.Resolve(DeadLetterArguments.Parse(["list", "--state-file", Path.Combine(_folder, "none.json")]));
        missing.Should().Throw<UsageException>().Which.Problem.Should().Contain("no state file");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
