using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The stream's moderators and banned viewers, by name, for its host and moderators.</summary>
public sealed record GetStreamTeam(Actor Actor, string StreamId) : IQuery<StreamTeamDto>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class GetStreamTeamHandler(IStreamStore streams, IModerationStore moderation, StreamTeam team) : IQueryHandler<GetStreamTeam, StreamTeamDto>
{
    public async ValueTask<StreamTeamDto> Handle(GetStreamTeam query, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, query.StreamId, query.Actor, ct);
        return await team.ReadAsync(query.StreamId, ct);
    }
}

/// <summary>Turns the stored ids into people's names (an id no account knows any more shows as itself).</summary>
public sealed class StreamTeam(IModerationStore moderation, IAccountDirectory accounts)
{
    public async Task<StreamTeamDto> ReadAsync(string streamId, CancellationToken ct) =>
        new(await NameAsync(await moderation.ModeratorsAsync(streamId, ct), ct), await NameAsync(await moderation.BansAsync(streamId, ct), ct));

    private async Task<IReadOnlyList<StreamMemberDto>> NameAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var people = new List<StreamMemberDto>(ids.Count);
        foreach (var id in ids)
        {
            var account = await accounts.FindAsync(id, ct);
            people.Add(new StreamMemberDto(id, account?.DisplayName ?? id, account is { Role: Roles.Host } ? account.Handle : null));
        }

        return [.. people.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }
}
