using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Bench.Workloads.Contract;

namespace Bench.Workloads.External;

/// <summary>
/// A user's assembly of workloads (<c>bench run --assembly PATH</c>), loaded into its own
/// <see cref="AssemblyLoadContext"/> whose dependencies resolve from the assembly's folder (its
/// .deps.json where there is one). Bench.Sdk itself always comes from Bench, so the contract's types are
/// the harness's own. Everything a user can get wrong is found here, before a cell starts, and
/// reported as one <see cref="WorkloadAssemblyException"/> line.
/// </summary>
public sealed partial class WorkloadAssembly
{
    private const string SdkName = "Bench.Sdk";

    private WorkloadAssembly(string path, IReadOnlyList<IWorkload> workloads, int contract)
    {
        Path = path;
        Workloads = workloads;
        Contract = contract;
    }

    /// <summary>The assembly's full path.</summary>
    public string Path { get; }

    public IReadOnlyList<IWorkload> Workloads { get; }

    /// <summary>The contract version the assembly was compiled against (its Bench.Sdk reference's major version).</summary>
    public int Contract { get; }

    /// <summary>Loads and checks the assembly at <paramref name="path"/>; the names in <paramref name="taken"/> belong to Bench.</summary>
    [RequiresUnreferencedCode("loads workload types from a user's assembly by reflection")]
    [RequiresDynamicCode("loads a user's assembly at run time")]
    public static WorkloadAssembly Load(string path, IReadOnlyCollection<string> taken)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new WorkloadAssemblyException(Directory.Exists(full)
                ? $"--assembly {path} is a directory; give the workload project's built .dll"
                : $"--assembly {path} does not exist");
        }

        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new WorkloadAssemblyException($"--assembly {path}: this NativeAOT build cannot load assemblies at run time");
        }

        var contract = ReadContractVersion(full, path);
        Assembly assembly;
        try
        {
            assembly = new WorkloadLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new WorkloadAssemblyException($"--assembly {path} could not be loaded: {FirstLine(e.Message)}");
        }

        var workloads = Instantiate(assembly, path);
        Check(workloads, path, taken);
        return new WorkloadAssembly(full, workloads, contract);
    }

    /// <summary>Reads the assembly's metadata without loading it: is it .NET, and which contract does it reference.</summary>
    private static int ReadContractVersion(string full, string path)
    {
        try
        {
            using var stream = File.OpenRead(full);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw new WorkloadAssemblyException($"--assembly {path} is not a .NET assembly");
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                throw new WorkloadAssemblyException($"--assembly {path} is a .NET module, not an assembly");
            }

            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) != SdkName)
                {
                    continue;
                }

                var major = reference.Version.Major;
                return major == ContractVersion.Major
                    ? major
                    : throw new WorkloadAssemblyException(
                        $"--assembly {path} was built against Bench.Sdk {reference.Version} (contract {major}); this bench speaks contract {ContractVersion.Major}: rebuild it against Bench.Sdk {ContractVersion.Major}.x");
            }

            throw new WorkloadAssemblyException($"--assembly {path} has no workloads: it does not reference Bench.Sdk");
        }
        catch (BadImageFormatException)
        {
            throw new WorkloadAssemblyException($"--assembly {path} is not a .NET assembly");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkloadAssemblyException($"--assembly {path} cannot be read: {FirstLine(e.Message)}");
        }
    }

    [RequiresUnreferencedCode("reflection over a user's assembly")]
    private static List<IWorkload> Instantiate(Assembly assembly, string path)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var cause = e is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : e;
            throw new WorkloadAssemblyException($"--assembly {path}: its types cannot be loaded: {FirstLine(cause!.Message)}");
        }

        var workloads = new List<IWorkload>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IWorkload).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new WorkloadAssemblyException($"--assembly {path}: workload class {type.FullName} needs a public parameterless constructor");
            }

            try
            {
                workloads.Add((IWorkload)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                throw new WorkloadAssemblyException($"--assembly {path}: the constructor of {type.FullName} threw {inner.GetType().Name}: {FirstLine(inner.Message)}");
            }
        }

        return workloads.Count > 0
            ? workloads
            : throw new WorkloadAssemblyException($"--assembly {path} has no workloads (a public class implementing IWorkload with a public parameterless constructor)");
    }

    /// <summary>What bench list, planning and the report read of a workload is read once here, so that a throwing getter is bad input now, not a crash later.</summary>
    private static void Check(List<IWorkload> workloads, string path, IReadOnlyCollection<string> taken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            var type = workload.GetType().FullName;
            WorkloadInfo info;
            try
            {
                info = workload.Info;
                _ = info.Name.Length + info.Description.Length;
                foreach (var parameter in info.Parameters)
                {
                    _ = parameter.Describe();
                    if (parameter.Check(parameter.Default) is { } problem)
                    {
                        throw new InvalidOperationException($"its default is refused: {problem}");
                    }
                }
            }
            catch (Exception e)
            {
                throw new WorkloadAssemblyException($"--assembly {path}: workload {type}: reading its name, description or parameters threw {e.GetType().Name}: {FirstLine(e.Message)}");
            }

            if (!NamePattern().IsMatch(info.Name))
            {
                throw new WorkloadAssemblyException($"--assembly {path}: workload {type} is named '{info.Name}'; names are lower-case letters, digits and '-' (they are part of every cell's key)");
            }

            if (taken.Contains(info.Name))
            {
                throw new WorkloadAssemblyException($"--assembly {path}: workload {type} is named '{info.Name}', as a built-in workload is; rename it (names from assemblies cannot shadow built-in ones)");
            }

            if (!names.Add(info.Name))
            {
                throw new WorkloadAssemblyException($"--assembly {path}: two workloads are named '{info.Name}'");
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    /// <summary>The assembly's own context: its dependencies from its folder, Bench.Sdk (the contract) from Bench.</summary>
    private sealed class WorkloadLoadContext(string assemblyPath) : AssemblyLoadContext($"workloads:{System.IO.Path.GetFileName(assemblyPath)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "only reached through WorkloadAssembly.Load, which carries RequiresUnreferencedCode")]
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == SdkName)
            {
                return null; // the default context's: one IWorkload type for the harness and the user
            }

            return _resolver.ResolveAssemblyToPath(assemblyName) is { } found ? LoadFromAssemblyPath(found) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } found ? LoadUnmanagedDllFromPath(found) : IntPtr.Zero;
    }
}

/// <summary>A user's assembly that Bench cannot use, said in one line (bad input, exit 2).</summary>
public sealed class WorkloadAssemblyException(string message) : Exception(message);
