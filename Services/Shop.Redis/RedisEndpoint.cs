namespace Shop.Redis;

/// <summary>
/// Where Redis is, parsed from a StackExchange.Redis-style connection string, the form Aspire injects:
/// <c>host:port[,password=...][,ssl=true]</c>, plus <c>user=</c> (Redis 6 ACL user) and <c>defaultDatabase=</c>.
/// Options this client has no use for (<c>abortConnect</c>, <c>connectRetry</c>, ...) are ignored, so a string
/// written for StackExchange.Redis works unchanged.
/// </summary>
public sealed record RedisEndpoint(string Host, int Port, string? Password, bool Ssl)
{
    public const int DefaultPort = 6379;

    /// <summary>The ACL user to <c>AUTH</c> as; null means the default user (password only).</summary>
    public string? User { get; init; }

    /// <summary>The database <c>SELECT</c>ed on every connection.</summary>
    public int Database { get; init; }

    public static RedisEndpoint Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? host = null;
        var port = DefaultPort;
        string? password = null;
        var ssl = false;
        string? user = null;
        var database = 0;
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (host is not null)
                {
                    continue; // Additional endpoints (cluster seeds) are not used by a single-node client.
                }

                (host, port) = ParseHostPort(part);
                continue;
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = value;
            }
            else if (key.Equals("ssl", StringComparison.OrdinalIgnoreCase))
            {
                ssl = bool.TryParse(value, out var on) && on;
            }
            else if (key.Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                user = value;
            }
            else if (key.Equals("defaultDatabase", StringComparison.OrdinalIgnoreCase))
            {
                database = int.TryParse(value, out var db) && db >= 0
                    ? db
                    : throw new FormatException($"Redis defaultDatabase '{value}' is not a database number");
            }
        }

        return host is null
            ? throw new FormatException($"Redis connection string '{connectionString}' names no host")
            : new RedisEndpoint(host, port, password, ssl) { User = user, Database = database };
    }

    public override string ToString() => $"{Host}:{Port}";

    private static (string Host, int Port) ParseHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.EndsWith(']'))
        {
            return (value.Trim('[', ']'), DefaultPort);
        }

        return int.TryParse(value[(colon + 1)..], out var port) && port is > 0 and <= 65535
            ? (value[..colon].Trim('[', ']'), port)
            : throw new FormatException($"Redis endpoint '{value}' has an invalid port");
    }
}
