using System.Text;

namespace Shop.Redis;

/// <summary>A message received on a subscribed channel.</summary>
public sealed record RedisChannelMessage(string Channel, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}
