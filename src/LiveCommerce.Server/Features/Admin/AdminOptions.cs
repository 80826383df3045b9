using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>The <c>Admin</c> section: the operator console.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// How often each node reads the suspended accounts. A suspension acts at once on the node that
    /// made it; on the others within this interval (access tokens refused, live connections closed).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan SuspensionRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
