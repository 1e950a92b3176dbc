using System.Security.Cryptography;
using System.Text;

namespace Shop.Redis;

/// <summary>A Lua script run by its SHA1 (<c>EVALSHA</c>), so its text crosses the wire only when the server does not
/// have it cached yet (first use, or after a restart or <c>SCRIPT FLUSH</c>).</summary>
public sealed class RedisScript
{
    public RedisScript(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string Text { get; }

    public string Sha1 { get; }
}
