using Caravan.Cli;

return await CliRunner.RunAsync(CliRoot.Create(), args).ConfigureAwait(false);
