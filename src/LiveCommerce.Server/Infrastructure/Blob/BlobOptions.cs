using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Infrastructure.Blob;

public sealed class BlobOptions
{
    public const string Section = "Blob";

    /// <summary>Azure Storage connection string (Azurite in dev/tests). Empty: a local folder.</summary>
    public string ConnectionString { get; set; } = "";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "livecommerce";

    /// <summary>The local folder when no connection string is set; default <c>{content root}/.data/media</c>.</summary>
    public string LocalPath { get; set; } = "";

    public bool UsesBlob => !string.IsNullOrWhiteSpace(ConnectionString);
}
