using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Pins;

namespace LiveCommerce.Server.Realtime;

public sealed partial class LiveHub
{
    /// <summary>The stream's host pins a showcase product; <paramref name="durationSeconds"/> null for an open pin.</summary>
    public async Task<PinDto> PinProduct(string streamId, string productId, int? durationSeconds)
    {
        RequireStreamId(streamId);
        return await Sender.Send(new PinProduct(Actor, streamId, productId, durationSeconds), Context.ConnectionAborted);
    }

    public async Task UnpinProduct(string streamId, string productId)
    {
        RequireStreamId(streamId);
        await Sender.Send(new UnpinProduct(Actor, streamId, productId), Context.ConnectionAborted);
    }

    private static void RequireStreamId(string streamId)
    {
        if (!TextRules.IsId(streamId))
        {
            throw AppException.NotFound(ErrorCodes.StreamNotFound, "No such stream.");
        }
    }
}
