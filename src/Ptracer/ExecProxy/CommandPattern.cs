using Ptracer.Native;
using System.Text.RegularExpressions;

namespace Ptracer.ExecProxy;

/// <summary>
/// One entry of a local list or a broker allow/deny list:
/// <list type="bullet">
/// <item><c>/regex/</c> (starts and ends with '/', at least 3 characters): the regular expression is searched in
///   the command's absolute path (anchor it with ^ and $ to match the whole path);</item>
/// <item>an absolute path: the command's absolute path, or the path with symbolic links resolved, equals the entry
///   or the entry with its links resolved (so /bin/sh matches /usr/bin/sh on a merged-/usr system);</item>
/// <item>anything else is a basename: the last component of the command's path equals it.</item>
/// </list>
/// </summary>
public sealed class CommandPattern
{
    private readonly Regex? _regex;
    private readonly string? _path;
    private readonly string? _resolvedPath;
    private readonly string? _basename;

    public CommandPattern(string entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        Entry = entry;
        if (entry.Length >= 3 && entry[0] == '/' && entry[^1] == '/')
        {
            try
            {
                _regex = new Regex(entry[1..^1], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"bad regular expression {entry}: {e.Message}", nameof(entry));
            }
        }
        else if (entry[0] == '/')
        {
            _path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry));
            _resolvedPath = ProxyNative.RealPath(_path);
        }
        else if (entry.Contains('/'))
        {
            throw new ArgumentException($"'{entry}' is neither an absolute path, a /regex/ nor a basename", nameof(entry));
        }
        else
        {
            _basename = entry;
        }
    }

    public string Entry { get; }

    /// <summary>True when an absolute-path entry needs the command's resolved path.</summary>
    public bool NeedsResolvedPath => _path is not null;

    /// <param name="path">The command's absolute, lexically normalised path.</param>
    /// <param name="resolvedPath">The path with symbolic links resolved, or null when unknown.</param>
    public bool Matches(string path, string? resolvedPath)
    {
        if (_regex is not null) return _regex.IsMatch(path) || (resolvedPath is not null && resolvedPath != path && _regex.IsMatch(resolvedPath));
        if (_basename is not null) return Path.GetFileName(path) == _basename;
        return path == _path || path == _resolvedPath || (resolvedPath is not null && (resolvedPath == _path || resolvedPath == _resolvedPath));
    }

    public override string ToString() => Entry;
}

/// <summary>A list of <see cref="CommandPattern"/>s; matches when any entry does.</summary>
public sealed class CommandList
{
    private readonly CommandPattern[] _patterns;

    public CommandList(IEnumerable<string> entries)
    {
        _patterns = entries.Select(e => new CommandPattern(e)).ToArray();
        NeedsResolvedPath = _patterns.Any(p => p.NeedsResolvedPath);
    }

    public IReadOnlyList<CommandPattern> Patterns => _patterns;

    public bool NeedsResolvedPath { get; }

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>The first entry that matches, or null.</summary>
    public CommandPattern? Match(string path, string? resolvedPath)
    {
        foreach (CommandPattern p in _patterns)
            if (p.Matches(path, resolvedPath)) return p;
        return null;
    }

    /// <summary>Matches <paramref name="path"/>, resolving its links only when an entry needs them.</summary>
    public CommandPattern? Match(string path) => Match(path, NeedsResolvedPath ? ProxyNative.RealPath(path) : null);
}
