using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Shipping;

namespace LiveCommerce.UnitTests.Shipping;

/// <summary>The address book's per-country table: postal shapes, required fields, hostile input.</summary>
public sealed class AddressRulesTests
{
    private static AddressRequest Address(string country, string? postal, string? region = null) =>
        new("Lena Schmidt", "Torstraße 1", null, "Berlin", region, postal, country, "+49 30 1234567");

    public static TheoryData<string, string?, string?> Valid => new()
    {
        // country, typed, stored
        { "US", "94105", "94105" },
        { "US", "94105-1234", "94105-1234" },
        { "CA", "k1a0b1", "K1A 0B1" },
        { "GB", "sw1a1aa", "SW1A 1AA" },
        { "GB", "EC1A 1BB", "EC1A 1BB" },
        { "DE", "10115", "10115" },
        { "FR", " 75008 ", "75008" },
        { "NL", "1012ab", "1012 AB" },
        { "PL", "00950", "00-950" },
        { "PT", "1100148", "1100-148" },
        { "SE", "11122", "111 22" },
        { "IE", "D02X285", "D02 X285" },
        { "LV", "1050", "LV-1050" },
        { "LU", "L-1648", "1648" },
        { "AU", "2000", "2000" },
        { "SG", "018956", "018956" },
        { "BR", "01310100", "01310-100" },
        { "MX", "06600", "06600" },
        { "JP", "1000001", "100-0001" },
        { "CN", "100000", "100000" },
        { "HK", null, null },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts_and_normalizes_each_countrys_postal_codes(string country, string? typed, string? stored)
    {
        var request = Address(country, typed, region: "Region");
        AddressRules.Validate(request);
        var address = new Address();
        AddressRules.Apply(address, request);
        Assert.Equal(stored, address.PostalCode);
        Assert.Equal(country, address.Country);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "US", "9410" },
        { "US", "ABCDE" },
        { "CA", "D1A 0B1" },     // D is never a first letter
        { "GB", "12345" },
        { "DE", "1011" },
        { "DE", "101155" },
        { "NL", "0123 AB" + "C" },
        { "AU", "20000" },
        { "SG", "01895" },
        { "BR", "0131-010" },
        { "JP", "1000-01" },
        { "CN", "10000" },
        { "MX", "0660" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Refuses_a_postal_code_of_the_wrong_shape_next_to_the_field(string country, string postal)
    {
        var e = Assert.Throws<AppException>(() => AddressRules.Validate(Address(country, postal, region: "Region")));
        Assert.Equal(ErrorCodes.PostalCodeInvalid, e.Code);
        Assert.Equal(ErrorCodes.PostalCodeInvalid, e.FieldCodes["postalCode"]);
        Assert.True(e.Fields.ContainsKey("postalCode"));
        Assert.Single(e.Fields);
    }

    [Fact]
    public void Missing_fields_are_each_named_with_their_own_code()
    {
        var e = Assert.Throws<AppException>(() => AddressRules.Validate(new AddressRequest(" ", null, null, "", null, null, "US", null)));
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.Code);
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.FieldCodes["name"]);
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.FieldCodes["line1"]);
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.FieldCodes["city"]);
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.FieldCodes["region"]);     // a US state is required
        Assert.Equal(ErrorCodes.AddressFieldRequired, e.FieldCodes["postalCode"]);
        Assert.False(e.FieldCodes.ContainsKey("line2"));
    }

    [Fact]
    public void A_country_outside_the_table_is_not_supported()
    {
        var e = Assert.Throws<AppException>(() => AddressRules.Validate(Address("XX", "12345")));
        Assert.Equal(ErrorCodes.CountryNotSupported, e.Code);
        Assert.Equal(ErrorCodes.CountryNotSupported, e.FieldCodes["country"]);
        Assert.False(e.FieldCodes.ContainsKey("postalCode")); // no rule to check it against
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Line\u202Eevil")]
    [InlineData("Two\nlines")]
    [InlineData("\u0000")]
    public void Markup_control_and_bidi_characters_are_refused(string hostile)
    {
        var e = Assert.Throws<AppException>(() => AddressRules.Validate(Address("DE", "10115") with { Line1 = hostile }));
        Assert.Equal(ErrorCodes.AddressFieldInvalid, e.FieldCodes["line1"]);
    }

    [Fact]
    public void Huge_fields_are_refused_before_anything_is_stored()
    {
        var e = Assert.Throws<AppException>(() => AddressRules.Validate(Address("DE", "10115") with { City = new string('a', 100_000), PostalCode = new string('1', 5000) }));
        Assert.Equal(ErrorCodes.AddressFieldInvalid, e.FieldCodes["city"]);
        Assert.Equal(ErrorCodes.PostalCodeInvalid, e.FieldCodes["postalCode"]);
    }

    [Fact]
    public void The_clients_country_list_is_the_rule_table()
    {
        Assert.Equal(AddressRules.Countries.Keys.Order(StringComparer.Ordinal), AddressCountries.All);
    }
}
