using System.Text;
using System.Text.Json;

namespace Shop.Orders.Tests.Support;

/// <summary>
/// Reads a <c>text/event-stream</c> response one message at a time, comments included (the heartbeats), so a test
/// can assert exactly what the server sent and in which order.
/// </summary>
public sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    public HttpResponseMessage Response { get; } = response;

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        return new EventStream(response, new StreamReader(body, Encoding.UTF8));
    }

    /// <summary>The next message, or null once the server has ended the stream; fails after <see cref="ReadTimeout"/>.</summary>
    public async Task<SseMessage?> NextAsync()
    {
        using var deadline = new CancellationTokenSource(ReadTimeout);
        string? id = null, type = null, comment = null, retry = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no server-sent event within {ReadTimeout.TotalSeconds} s");
            }

            if (line is null)
            {
                return id is null && type is null && comment is null && retry is null && data.Count == 0
                    ? null
                    : new SseMessage(id, type, data.Count == 0 ? null : string.Join('\n', data), comment, retry);
            }

            if (line.Length == 0)
            {
                if (id is null && type is null && comment is null && retry is null && data.Count == 0)
                {
                    continue;
                }

                return new SseMessage(id, type, data.Count == 0 ? null : string.Join('\n', data), comment, retry);
            }

            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
                continue;
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
                case "retry": retry = value; break;
            }
        }
    }

    /// <summary>The next <c>status</c> event's order, skipping heartbeats and the <c>retry</c> hint; null at the end.
    /// Fails after <see cref="ReadTimeout"/> in all, however many heartbeats came meanwhile.</summary>
    public async Task<(string Id, JsonElement Order)?> NextStatusAsync()
    {
        var deadline = DateTimeOffset.UtcNow + ReadTimeout;
        while (await NextAsync() is { } message)
        {
            if (message.Event == "status")
            {
                return (message.Id!, JsonDocument.Parse(message.Data!).RootElement.Clone());
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"no status event within {ReadTimeout.TotalSeconds} s (only heartbeats)");
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        Response.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>One server-sent message: an event (id, type, data), a comment line, or a retry hint.</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment, string? Retry);
