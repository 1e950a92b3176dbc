using System.Runtime.InteropServices;
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
// Taken over from the runtime, whose default is to exit at once: the AppHost started with --start-apphost
// must be stopped first (with its processes), which the cancelled run does on its way out.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await LoadCommand.RunAsync(options, Console.Out, Console.Error, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("load: stopped before the end; no report written");
    return 130;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
