namespace LiveCommerce.Contracts;

/// <summary><c>POST /api/streams/{id}/moderators</c>: the person by their public handle (<c>@leo</c>) or their email.</summary>
public sealed record AddModeratorRequest(string Handle);

/// <summary>A person on a stream's moderator or ban list, named as people know them.</summary>
public sealed record StreamMemberDto(string UserId, string DisplayName, string? Handle);

/// <summary><c>GET /api/streams/{id}/team</c>: who moderates the stream and who is banned from its chat.</summary>
public sealed record StreamTeamDto(IReadOnlyList<StreamMemberDto> Moderators, IReadOnlyList<StreamMemberDto> Banned);
