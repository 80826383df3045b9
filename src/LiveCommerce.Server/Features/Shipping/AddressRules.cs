using System.Collections.Frozen;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// The address book's per-country rules, in one table: whether a postal code is required and its shape,
/// and whether the region (state, province, prefecture) is. A country missing from the table is not
/// supported (<see cref="ErrorCodes.CountryNotSupported"/>). Shapes from the national postal operators'
/// published formats (UPU "Postal addressing systems" summaries), checked 2026-12.
/// </summary>
public static partial class AddressRules
{
    public const int MaxName = 100;
    public const int MaxLine = 120;
    public const int MaxCity = 80;
    public const int MaxRegion = 80;
    public const int MaxPostalCode = 12;
    public const int MaxPhone = 32;

    /// <summary>Enough for home, work and a few friends; a book of thousands is a scraper, not a buyer.</summary>
    public const int MaxPerUser = 20;

    /// <summary>One row of the table. <see cref="Postal"/> null: the country has no postal codes (one may still be given).</summary>
    public sealed record CountryRule(string Country, Regex? Postal, string? PostalExample, bool RegionRequired);

    private static CountryRule R(string country, string? pattern, string? example, bool region = false) =>
        new(country, pattern is null ? null : new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), example, region);

    public static readonly FrozenDictionary<string, CountryRule> Countries = new[]
    {
        // Americas
        R("US", @"\d{5}(-\d{4})?", "94105", region: true),
        R("CA", @"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d", "K1A 0B1", region: true),
        R("MX", @"\d{5}", "06600", region: true),
        R("BR", @"\d{5}-\d{3}", "01310-100", region: true),
        // Europe: the EU 27, the UK, Switzerland, Norway
        R("GB", @"GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", "SW1A 1AA"),
        R("DE", @"\d{5}", "10115"),
        R("FR", @"\d{5}", "75008"),
        R("IT", @"\d{5}", "00184"),
        R("ES", @"\d{5}", "28013"),
        R("NL", @"\d{4} [A-Z]{2}", "1012 AB"),
        R("BE", @"\d{4}", "1000"),
        R("AT", @"\d{4}", "1010"),
        R("PL", @"\d{2}-\d{3}", "00-950"),
        R("PT", @"\d{4}-\d{3}", "1100-148"),
        R("IE", @"[AC-FHKNPRTV-Y]\d{2}|D6W [0-9AC-FHKNPRTV-Y]{4}|[AC-FHKNPRTV-Y]\d{2} [0-9AC-FHKNPRTV-Y]{4}", "D02 X285"),
        R("SE", @"\d{3} \d{2}", "111 22"),
        R("DK", @"\d{4}", "1050"),
        R("FI", @"\d{5}", "00100"),
        R("GR", @"\d{3} \d{2}", "105 57"),
        R("CZ", @"\d{3} \d{2}", "110 00"),
        R("SK", @"\d{3} \d{2}", "811 01"),
        R("HU", @"\d{4}", "1051"),
        R("RO", @"\d{6}", "010011"),
        R("BG", @"\d{4}", "1000"),
        R("HR", @"\d{5}", "10000"),
        R("SI", @"\d{4}", "1000"),
        R("LU", @"\d{4}", "1648"),
        R("LT", @"\d{5}", "01100"),
        R("LV", @"LV-\d{4}", "LV-1050"),
        R("EE", @"\d{5}", "10111"),
        R("CY", @"\d{4}", "1010"),
        R("MT", @"[A-Z]{3} \d{4}", "VLT 1117"),
        R("CH", @"\d{4}", "8001"),
        R("NO", @"\d{4}", "0150"),
        // Asia-Pacific
        R("AU", @"\d{4}", "2000", region: true),
        R("NZ", @"\d{4}", "6011"),
        R("SG", @"\d{6}", "018956"),
        R("JP", @"\d{3}-\d{4}", "100-0001", region: true),
        R("CN", @"\d{6}", "100000", region: true),
        R("KR", @"\d{5}", "03187"),
        R("IN", @"\d{6}", "110001", region: true),
        R("HK", null, null),
        R("AE", null, null),
    }.ToFrozenDictionary(r => r.Country, StringComparer.Ordinal);

    public static bool IsSupported(string? country) => country is not null && Countries.ContainsKey(country);

    /// <summary>
    /// The postal code as stored: upper case, single spaces, and the separators each shape expects put
    /// back (a German buyer types "10115", a Canadian "k1a0b1", a Brazilian "01310100").
    /// </summary>
    public static string? NormalizePostalCode(string country, string? postalCode)
    {
        if (string.IsNullOrWhiteSpace(postalCode))
        {
            return null;
        }

        var code = Spaces().Replace(postalCode.Trim().ToUpperInvariant(), " ");
        var compact = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return country switch
        {
            "CA" or "GB" when compact.Length > 3 => $"{compact[..^3]} {compact[^3..]}",
            "NL" when compact.Length == 6 => $"{compact[..4]} {compact[4..]}",
            "IE" when compact.Length == 7 => $"{compact[..3]} {compact[3..]}",
            "MT" when compact.Length >= 6 => $"{compact[..3]} {compact[3..]}",
            "SE" or "GR" or "CZ" or "SK" when compact.Length == 5 => $"{compact[..3]} {compact[3..]}",
            "BR" when compact.Length == 8 && compact.All(char.IsAsciiDigit) => $"{compact[..5]}-{compact[5..]}",
            "JP" when compact.Length == 7 && compact.All(char.IsAsciiDigit) => $"{compact[..3]}-{compact[3..]}",
            "PL" when compact.Length == 5 && compact.All(char.IsAsciiDigit) => $"{compact[..2]}-{compact[2..]}",
            "PT" when compact.Length == 7 && compact.All(char.IsAsciiDigit) => $"{compact[..4]}-{compact[4..]}",
            "LV" when compact.Length == 4 && compact.All(char.IsAsciiDigit) => $"LV-{compact}",
            "LV" when compact.StartsWith("LV", StringComparison.Ordinal) && compact.Length == 6 => $"LV-{compact[2..]}",
            "LU" when compact.Length == 5 && compact[0] == 'L' => compact[1..],
            "LT" when compact.StartsWith("LT", StringComparison.Ordinal) => compact[2..],
            _ => code,
        };
    }

    /// <summary>True when the (normalized) postal code has the country's shape, or the country has none and none was given.</summary>
    public static bool IsValidPostalCode(string country, string? normalized) =>
        Countries.TryGetValue(country, out var rule) && (rule.Postal is null
            ? normalized is null || normalized.Length <= MaxPostalCode
            : normalized is not null && normalized.Length <= MaxPostalCode && rule.Postal.IsMatch(normalized));

    /// <summary>
    /// Checks an address request against the table. Refuses with the first problem's code and every
    /// field's own code (<c>fieldCodes</c>) and message (<c>fields</c>), so a form shows each next to its field.
    /// </summary>
    public static void Validate(AddressRequest? r)
    {
        var problems = new List<(string Field, string Code, string Message)>();
        if (r is null)
        {
            throw new AppException(ErrorCodes.AddressFieldRequired, "An address is required.");
        }

        void Text(string field, string? value, int max, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    problems.Add((field, ErrorCodes.AddressFieldRequired, $"{field} is required."));
                }

                return;
            }

            if (value.Length > max)
            {
                problems.Add((field, ErrorCodes.AddressFieldInvalid, $"{field} must be at most {max} characters."));
            }
            else if (TextRules.HasForbiddenCharacters(value) || value.Contains('\n') || value.AsSpan().IndexOfAny('<', '>') >= 0)
            {
                // Addresses are printed on labels and shown to staff: no markup, no control characters, one line each.
                problems.Add((field, ErrorCodes.AddressFieldInvalid, $"{field} contains characters an address cannot hold."));
            }
        }

        var country = r.Country?.Trim().ToUpperInvariant();
        var known = Countries.TryGetValue(country ?? "", out var rule);
        if (string.IsNullOrWhiteSpace(country))
        {
            problems.Add(("country", ErrorCodes.AddressFieldRequired, "country is required."));
        }
        else if (!known)
        {
            problems.Add(("country", ErrorCodes.CountryNotSupported, $"We don't deliver addresses in '{Shorten(country)}' yet."));
        }

        Text("name", r.Name, MaxName, required: true);
        Text("line1", r.Line1, MaxLine, required: true);
        Text("line2", r.Line2, MaxLine, required: false);
        Text("city", r.City, MaxCity, required: true);
        Text("region", r.Region, MaxRegion, required: rule?.RegionRequired ?? false);
        Text("phone", r.Phone, MaxPhone, required: false);
        if (r.Phone is { Length: > 0 } phone && phone.Length <= MaxPhone && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.'))
        {
            problems.Add(("phone", ErrorCodes.AddressFieldInvalid, "phone may hold digits, spaces and + - ( ) . only."));
        }

        if (rule is not null)
        {
            var postal = NormalizePostalCode(rule.Country, r.PostalCode);
            if (rule.Postal is not null && postal is null)
            {
                problems.Add(("postalCode", ErrorCodes.AddressFieldRequired, "postalCode is required."));
            }
            else if (!IsValidPostalCode(rule.Country, postal))
            {
                problems.Add(("postalCode", ErrorCodes.PostalCodeInvalid,
                    rule.PostalExample is { } example ? $"This is not a postal code of {rule.Country} (e.g. {example})." : "This postal code is too long."));
            }
        }

        if (problems.Count > 0)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var codes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, code, message) in problems)
            {
                fields.TryAdd(field, message);
                codes.TryAdd(field, code);
            }

            throw new AppException(problems[0].Code, string.Join(" ", problems.Select(p => p.Message))) { Fields = fields, FieldCodes = codes };
        }
    }

    /// <summary>The request as stored: trimmed, NFC, normalized postal code, upper-case country.</summary>
    public static void Apply(Address address, AddressRequest r)
    {
        address.Country = r.Country!.Trim().ToUpperInvariant();
        address.Name = TextRules.Clean(r.Name!);
        address.Line1 = TextRules.Clean(r.Line1!);
        address.Line2 = Optional(r.Line2);
        address.City = TextRules.Clean(r.City!);
        address.Region = Optional(r.Region);
        address.PostalCode = NormalizePostalCode(address.Country, r.PostalCode);
        address.Phone = Optional(r.Phone);
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : TextRules.Clean(value);

    private static string Shorten(string value) => value.Length <= 8 ? value : value[..8] + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
