namespace Ptracer.Tests.TestSupport;

/// <summary>
/// Waiting for an outside state (a process state in /proc, a file) with a deadline. Used only where no event can
/// tell the test that the state was reached; never as a stand-in for synchronisation with the tracer.
/// </summary>
internal static class Polling
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws a TimeoutException naming <paramref name="what"/> otherwise.</summary>
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            Thread.Sleep(2);
        }
    }
}

/// <summary>Reads process and thread states from /proc.</summary>
internal static class ProcFs
{
    /// <summary>The state letter of /proc/PID/stat (R, S, D, T, t, Z, X...), or null when the process is gone.</summary>
    public static char? State(int pid) => StateOf($"/proc/{pid}/stat");

    /// <summary>The state letter of one thread, /proc/PID/task/TID/stat.</summary>
    public static char? ThreadState(int pid, int tid) => StateOf($"/proc/{pid}/task/{tid}/stat");

    /// <summary>The thread ids listed in /proc/PID/task.</summary>
    public static int[] Threads(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .Select(d => int.TryParse(Path.GetFileName(d), out int tid) ? tid : -1)
                .Where(t => t > 0).Order().ToArray();
        }
        catch (DirectoryNotFoundException) { return []; }
    }

    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Stopped: 'T' (stopped) or 't' (tracing stop, which a PTRACE_LISTEN group-stop shows).</summary>
    public static bool IsStopped(char? state) => state is 'T' or 't';

    private static char? StateOf(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
        int close = text.LastIndexOf(')');
        return close >= 0 && close + 2 < text.Length ? text[close + 2] : null;
    }
}
