using System.Runtime.InteropServices;
using Shop.LocalHost;

// Shop.LocalHost (./shop run): the shop's topology from local binaries, until SIGINT, SIGTERM or SIGHUP.
var arguments = LocalHostArguments.Parse(args, out var error);
if (arguments is null || arguments.Help)
{
    (arguments is null ? Console.Error : Console.Out).WriteLine((error is null ? "" : $"shop: {error}\n") + LocalHostArguments.Usage);
    return arguments is null ? 2 : 0;
}

using var stopping = new CancellationTokenSource();
// Taken over from the runtime, whose default is to exit at once: every process started must be stopped first.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
return await LocalHostCommand.RunAsync(arguments, stopping.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
