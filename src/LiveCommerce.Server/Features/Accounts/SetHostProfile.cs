using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Creates or edits the caller's host profile; the first one makes the account a host (at its next refresh).</summary>
public sealed record SetHostProfile(Actor Actor, HostProfileRequest Request) : ICommand<HostProfileDto>, IValidated
{
    public void Validate(Validator v)
    {
        v.Require(Request is not null, "A body is required.");
        if (Request is not { } r)
        {
            return;
        }

        v.Require(r.Handle is { Length: >= 3 and <= HostProfile.HandleMaxLength } && r.Handle.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'),
                $"handle must be 3 to {HostProfile.HandleMaxLength} lowercase letters, digits or _.")
         .Text("displayName", r.DisplayName, AppUser.DisplayNameMaxLength)
         .Text("bio", r.Bio, HostProfile.BioMaxLength, required: false)
         .Country(r.Country)
         .Url("avatarUrl", r.AvatarUrl)
         .Require((r.Languages ?? []).Count <= 10 && (r.Languages ?? []).All(IsLanguageTag), "languages must be at most 10 language tags like en or zh-Hans.");
    }

    private static bool IsLanguageTag(string tag) =>
        tag is { Length: >= 2 and <= 15 } && tag.All(c => char.IsAsciiLetter(c) || c == '-');
}

public sealed class SetHostProfileHandler(IServiceScopeFactory scopes) : ICommandHandler<SetHostProfile, HostProfileDto>
{
    public async ValueTask<HostProfileDto> Handle(SetHostProfile command, CancellationToken ct)
    {
        var r = command.Request;
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        if (await work.Db.HostProfiles.AnyAsync(h => h.Handle == r.Handle && h.UserId != user.Id, ct))
        {
            throw HandleTaken();
        }

        var profile = await work.Db.HostProfiles.SingleOrDefaultAsync(h => h.UserId == user.Id, ct);
        if (profile is null)
        {
            profile = new HostProfile { UserId = user.Id };
            work.Db.HostProfiles.Add(profile);
        }

        profile.Handle = r.Handle;
        profile.DisplayName = r.DisplayName.Trim();
        profile.Bio = string.IsNullOrWhiteSpace(r.Bio) ? null : r.Bio.Trim();
        profile.Country = r.Country;
        profile.AvatarUrl = string.IsNullOrWhiteSpace(r.AvatarUrl) ? null : r.AvatarUrl;
        profile.Languages = string.Join(',', (r.Languages ?? []).Distinct(StringComparer.OrdinalIgnoreCase));
        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two hosts claimed the same handle at once: the unique index kept one.
            throw HandleTaken();
        }

        return profile.ToDto();
    }

    private static AppException HandleTaken() => AppException.Conflict(ErrorCodes.HandleTaken, "That handle is taken: choose another.");
}
