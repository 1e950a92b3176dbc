using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Shop.Messaging.DeadLetters;
using Shop.Messaging.Kafka;

namespace Shop.DeadLetters;

/// <summary>
/// <c>shop-dlq list|show|replay</c>: what the dead-letter topics hold and why, and a replay of one record to its
/// source topic once the cause is fixed. Exit codes: 0 done, 1 the record or broker was not found, 2 bad usage.
/// </summary>
public static class DeadLetterCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        DeadLetterArguments arguments;
        string bootstrap;
        try
        {
            arguments = DeadLetterArguments.Parse(args);
            bootstrap = BootstrapServers.Resolve(arguments);
        }
        catch (UsageException ex)
        {
            if (ex.Problem is not null)
            {
                await error.WriteLineAsync($"shop-dlq: {ex.Problem}");
            }

            await error.WriteLineAsync(DeadLetterArguments.Usage);
            return 2;
        }

        try
        {
            return arguments.Command switch
            {
                "list" => await ListAsync(arguments, bootstrap, output),
                "show" => await ShowAsync(arguments, bootstrap, output, error),
                _ => await ReplayAsync(arguments, bootstrap, output, error),
            };
        }
        catch (Exception ex) when (ex is KafkaException or TimeoutException or IOException)
        {
            await error.WriteLineAsync($"shop-dlq: {ex.Message} (broker {bootstrap})");
            return 1;
        }
    }

    private static async Task<int> ListAsync(DeadLetterArguments arguments, string bootstrap, TextWriter output)
    {
        var topics = arguments.Topics.Count > 0
            ? arguments.Topics.Select(t => t.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal) ? t : Topics.DeadLetter(t))
            : Topics.Business.Select(Topics.DeadLetter);
        var reader = new DeadLetterReader(bootstrap, arguments.Timeout);
        var total = 0;
        await output.WriteLineAsync($"{"RECORD",-34} {"REASON",-18} {"MESSAGE-TYPE",-36} {"KEY",-36} ERROR");
        foreach (var topic in topics)
        {
            foreach (var record in reader.ReadAll(topic))
            {
                total++;
                await output.WriteLineAsync(
                    $"{record.Coordinate,-34} {record.Reason ?? "-",-18} {record.MessageType ?? "-",-36} {record.Key ?? "-",-36} {OneLine(record.Error, 100)}");
            }
        }

        await output.WriteLineAsync($"{total} dead letter(s)");
        return 0;
    }

    private static async Task<int> ShowAsync(DeadLetterArguments arguments, string bootstrap, TextWriter output, TextWriter error)
    {
        if (new DeadLetterReader(bootstrap, arguments.Timeout).Find(arguments.Record!) is not { } record)
        {
            await error.WriteLineAsync($"shop-dlq: there is no record {arguments.Record}");
            return 1;
        }

        await output.WriteLineAsync($"record     {record.Coordinate}");
        await output.WriteLineAsync($"timestamp  {record.Timestamp.ToString("O", CultureInfo.InvariantCulture)}");
        await output.WriteLineAsync($"source     {record.SourceTopic}");
        await output.WriteLineAsync($"key        {record.Key ?? "(none)"}");
        await output.WriteLineAsync("headers");
        foreach (var (name, value) in record.Headers)
        {
            await output.WriteLineAsync($"  {name}: {Encoding.UTF8.GetString(value)}");
        }

        await output.WriteLineAsync("body");
        await output.WriteLineAsync(Pretty(record.Value));
        return 0;
    }

    private static async Task<int> ReplayAsync(DeadLetterArguments arguments, string bootstrap, TextWriter output, TextWriter error)
    {
        byte[]? replacement = null;
        if (arguments.ValueFile is { } path)
        {
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"shop-dlq: no value file at {path}");
                return 1;
            }

            replacement = await File.ReadAllBytesAsync(path);
        }

        if (new DeadLetterReader(bootstrap, arguments.Timeout).Find(arguments.Record!) is not { } record)
        {
            await error.WriteLineAsync($"shop-dlq: there is no record {arguments.Record}");
            return 1;
        }

        var delivered = await new DeadLetterReplayer(bootstrap, arguments.Timeout).ReplayAsync(record, replacement);
        await output.WriteLineAsync(
            $"replayed {record.Coordinate} ({record.MessageType ?? "no type"}, message-id {record.MessageId ?? "none"}) "
            + $"to {delivered.Topic}/{delivered.Partition.Value}/{delivered.Offset.Value}{(replacement is null ? "" : " with the body of " + arguments.ValueFile)}");
        return 0;
    }

    private static string Pretty(byte[] value)
    {
        var text = Encoding.UTF8.GetString(value);
        try
        {
            using var document = JsonDocument.Parse(value);
            return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return text; // the body may be why it is here
        }
    }

    private static string OneLine(string? text, int length)
    {
        var line = (text ?? "").ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..length] + "…";
    }
}
