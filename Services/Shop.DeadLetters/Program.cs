using Shop.DeadLetters;

return await DeadLetterCommand.RunAsync(args, Console.Out, Console.Error);
