using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>A viewer opened a share link: the touch is recorded for them and they land on the target.</summary>
public sealed record OpenShareLink(string Code, string ViewerKey) : ICommand<string>, IValidated
{
    public void Validate(Validator v) => v.Require(ShareCodes.IsCode(Code), "Not a share code.").Require(ViewerKey.Length is > 0 and <= 80, "No viewer.");
}

/// <summary>
/// A stream link lands on the stream. A product link lands where the viewer can buy it from the link's host:
/// the host's live stream with the product in its showcase, else their next upcoming one, with the product
/// shown (<c>/watch/{id}?product={productId}</c>); without such a stream, on the home page with the product
/// shown (<c>/?product={productId}</c>). Never on another host's stream: a purchase there is that host's.
/// </summary>
public sealed class OpenShareLinkHandler(IShareLinkStore links, IStreamStore streams, IPinStore pins, TimeProvider clock)
    : ICommandHandler<OpenShareLink, string>
{
    /// <summary>How many live (then upcoming) streams are searched for the host's.</summary>
    private const int Scan = 200;

    private static readonly StreamStatus[] Preferred = [StreamStatus.Live, StreamStatus.Upcoming];

    public async ValueTask<string> Handle(OpenShareLink command, CancellationToken ct)
    {
        var link = await links.GetAsync(command.Code.ToUpperInvariant(), ct)
            ?? throw AppException.NotFound(ErrorCodes.ShareLinkNotFound, "No such share link.");
        await links.RecordTouchAsync(command.ViewerKey, new Touch(link.Code, link.InfluencerId, clock.GetUtcNow()), ct);
        if (link.StreamId is not null)
        {
            return $"/watch/{Uri.EscapeDataString(link.StreamId)}";
        }

        var product = Uri.EscapeDataString(link.ProductId!);
        return await HostStreamShowingAsync(link.InfluencerId, link.ProductId!, ct) is { } stream
            ? $"/watch/{Uri.EscapeDataString(stream)}?product={product}"
            : $"/?product={product}";
    }

    private async Task<string?> HostStreamShowingAsync(string hostId, string productId, CancellationToken ct)
    {
        foreach (var status in Preferred)
        {
            foreach (var stream in (await streams.ListAsync(status, Scan, ct)).Where(s => s.HostId == hostId))
            {
                if ((await pins.GetShowcaseAsync(stream.Id, ct)).Contains(productId, StringComparer.Ordinal))
                {
                    return stream.Id;
                }
            }
        }

        return null;
    }
}
