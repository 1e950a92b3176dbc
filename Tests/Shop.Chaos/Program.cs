using Shop.Chaos;

return await SoakCommand.RunAsync(args);
