using Ptracer.Cli;

return CommandLine.Run(args);
