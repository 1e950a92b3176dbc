namespace Shop.Redis.Tests;

public class RedisEndpointTests
{
    [Fact]
    public void Parses_host_and_port()
    {
        var endpoint = RedisEndpoint.Parse("127.0.0.1:6380");

        endpoint.Should().Be(new RedisEndpoint("127.0.0.1", 6380, null, false));
    }

    [Fact]
    public void Parses_the_form_aspire_injects()
    {
        var endpoint = RedisEndpoint.Parse("localhost:51234,password=s3cret,ssl=true");

        endpoint.Should().Be(new RedisEndpoint("localhost", 51234, "s3cret", true));
    }

    [Fact]
    public void Parses_user_and_database_and_ignores_options_it_has_no_use_for()
    {
        var endpoint = RedisEndpoint.Parse("cache:6380,user=shop,password=p,defaultDatabase=2,abortConnect=false");

        endpoint.Should().Be(new RedisEndpoint("cache", 6380, "p", false) { User = "shop", Database = 2 });
    }

    [Fact]
    public void Defaults_the_port()
    {
        RedisEndpoint.Parse("cache").Port.Should().Be(RedisEndpoint.DefaultPort);
    }

    [Theory]
    [InlineData("host:notaport")]
    [InlineData("host:0")]
    [InlineData("password=only")]
    public void Rejects_a_malformed_connection_string(string connectionString)
    {
        var parse = () => RedisEndpoint.Parse(connectionString);

        parse.Should().Throw<FormatException>();
    }
}
