// ptracer-shim: started in place of an intercepted exec; hands the command to the broker (Ptracer.ExecProxy.ShimClient).
return Ptracer.ExecProxy.ShimClient.Run(args);
