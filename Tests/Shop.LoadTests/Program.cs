using Shop.LoadTests;

// The load generator (README → Performance): Shop.LoadTests open --rate R | closed --concurrency C | closed --find-max.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

var options = LoadOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"load: {error}\n{LoadOptions.Usage}");
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
return await LoadCommand.RunAsync(options, Console.Out, Console.Error, stopping.Token);
