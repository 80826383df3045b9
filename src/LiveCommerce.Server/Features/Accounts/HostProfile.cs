namespace LiveCommerce.Server.Features.Accounts;

/// <summary>A host's public face. Having one is what makes an account a host.</summary>
public sealed class HostProfile
{
    public const int HandleMaxLength = 30;
    public const int BioMaxLength = 1000;

    public string UserId { get; set; } = "";

    /// <summary>Lowercase letters, digits and <c>_</c>; unique (the share links and the studio name the host by it).</summary>
    public string Handle { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? AvatarUrl { get; set; }

    public string? Bio { get; set; }

    public string? Country { get; set; }

    /// <summary>BCP 47 tags, comma-separated (<c>en,es</c>).</summary>
    public string Languages { get; set; } = "";
}

public static class HostProfileMapping
{
    public static Contracts.HostProfileDto ToDto(this HostProfile h) =>
        new(h.UserId, h.Handle, h.DisplayName, h.AvatarUrl, h.Bio, h.Country,
            h.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
