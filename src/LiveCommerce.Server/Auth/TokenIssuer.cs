using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.Server.Auth;

/// <summary>Signs and describes the bearer tokens; the same key validates them.</summary>
public sealed class TokenIssuer : IAccessTokens
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;

    public TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        SigningKey = new SymmetricSecurityKey(
            string.IsNullOrEmpty(_options.SigningKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(_options.SigningKey));
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = AuthClaims.Name,
        RoleClaimType = AuthClaims.Role,
        ClockSkew = _options.ClockSkew,
    };

    /// <summary>A guest's token: watching and reacting only, never refreshed.</summary>
    public TokenResponse IssueGuest(string userId, string displayName) =>
        Issue(new SessionIdentity(userId, displayName, Roles.Viewer), _options.GuestTokenLifetime);

    /// <summary>An account's access token, short-lived: its refresh token renews it.</summary>
    public TokenResponse Issue(SessionIdentity identity) => Issue(identity, _options.TokenLifetime);

    private TokenResponse Issue(SessionIdentity identity, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var expires = now + lifetime;
        List<Claim> claims = [new(AuthClaims.Subject, identity.UserId), new(AuthClaims.Name, identity.DisplayName), new(AuthClaims.Role, identity.Role)];
        if (identity.BrandId is not null)
        {
            claims.Add(new(AuthClaims.Brand, identity.BrandId));
            claims.Add(new(AuthClaims.BrandRole, identity.BrandRole ?? BrandRoles.Staff));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, identity.UserId, identity.DisplayName, identity.Role)
        {
            ExpiresAt = new DateTimeOffset(expires, TimeSpan.Zero),
            BrandId = identity.BrandId,
        };
    }
}
