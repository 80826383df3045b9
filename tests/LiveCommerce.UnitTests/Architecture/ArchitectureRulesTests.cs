using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using LiveCommerce.Contracts;
using LiveCommerce.Server;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace LiveCommerce.UnitTests.Architecture;

/// <summary>
/// The "never" rules of shared/DESIGN.md, read from the compiled IL (method bodies included) by
/// ArchUnitNET. Every rule first proves that both of its sides match types, so a renamed
/// namespace makes the rule fail instead of passing by matching nothing.
/// </summary>
public sealed class ArchitectureRulesTests
{
    private const string Server = "LiveCommerce.Server";

    // The web app: its start-up shell, what it loads at start, and the screens it loads on first use.
    private static readonly System.Reflection.Assembly ClientApp = typeof(LiveCommerce.Client.App).Assembly;
    private static readonly System.Reflection.Assembly ClientCore = typeof(LiveCommerce.Client.Shared.ApiException).Assembly;
    private static readonly System.Reflection.Assembly ClientBackstage = typeof(LiveCommerce.Client.Features.Studio.StudioHome).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(LiveCommerceHosting).Assembly, typeof(ILiveClient).Assembly, ClientApp, ClientCore, ClientBackstage)
        .Build();

    private static readonly IObjectProvider<IType> Features = Layer("features", $"{Server}.Features");
    private static readonly IObjectProvider<IType> Infrastructure = Layer("infrastructure", $"{Server}.Infrastructure");
    private static readonly IObjectProvider<IType> Local = Layer("in-process adapters", $"{Server}.Infrastructure.Local");
    private static readonly IObjectProvider<IType> Realtime = Layer("Realtime", $"{Server}.Realtime");

    public static TheoryData<string> Rules => new(RuleSet.Keys);

    private static readonly Dictionary<string, (IObjectProvider<IType> Subject, IObjectProvider<IType> Forbidden)> RuleSet = new()
    {
        ["features never use Infrastructure"] = (Features, Infrastructure),
        ["features never use Realtime"] = (Features, Realtime),
        ["features never use the host, Auth, Demo or Operations"] = (Features, Types(true).That()
            .ResideInNamespace(Server).Or().HaveFullName("Program")
            .Or().ResideInNamespaceOrBelow($"{Server}.Auth").Or().ResideInNamespaceOrBelow($"{Server}.Demo")
            .Or().ResideInNamespaceOrBelow($"{Server}.Operations").As("the host, Auth, Demo and Operations")),
        ["features never use Redis, Azure or SignalR types"] = (Features, Types(true).That()
            .ResideInNamespaceOrBelow("StackExchange.Redis").Or().ResideInNamespaceOrBelow("Azure")
            .Or().ResideInNamespaceOrBelow("Microsoft.AspNetCore.SignalR").As("Redis, Azure and SignalR types")),
        ["features never use mail libraries (MailKit, MimeKit): they send through IMailSender"] = (Features, Types(true).That()
            .ResideInNamespaceOrBelow("MailKit").Or().ResideInNamespaceOrBelow("MimeKit").As("MailKit and MimeKit types")),
        // Handlers use AccountsDbContext directly; which provider carries it is the host's choice, made once.
        ["features never use a database provider (Npgsql, SQLite)"] = (Features, Types(true).That()
            .ResideInAssemblyMatching(@"^(Npgsql.*|Microsoft\.EntityFrameworkCore\.Sqlite.*|Microsoft\.Data\.Sqlite.*)$")
            .As("Npgsql and SQLite types")),
        ["storage never pushes: Infrastructure never uses Realtime"] = (Infrastructure, Realtime),
        ["the in-process adapters never use Redis code"] = (Local, Types(true).That()
            .ResideInNamespaceOrBelow($"{Server}.Infrastructure.Redis").Or().ResideInNamespaceOrBelow("StackExchange.Redis")
            .As("Redis adapters and StackExchange.Redis")),
        ["Contracts carries no server types"] = (
            Types().That().ResideInAssembly(typeof(ILiveClient).Assembly).As("Contracts"),
            Types(true).That().ResideInNamespaceOrBelow(Server)
                .Or().ResideInNamespaceOrBelow("StackExchange.Redis").Or().ResideInNamespaceOrBelow("Azure")
                .Or().ResideInAssemblyMatching(@"^Microsoft\.AspNetCore\.(SignalR\.Core|Http(\.Abstractions|\.Results)?|Mvc.*|Hosting.*|Authentication.*|Routing)$")
                .As("server types")),
        ["the client uses no server or simulator types"] = (
            Types().That().ResideInAssembly(ClientApp, ClientCore, ClientBackstage).As("the Blazor client"),
            Types(true).That().ResideInNamespaceOrBelow(Server).Or().ResideInNamespaceOrBelow("LiveCommerce.Simulator")
                .Or().ResideInNamespaceOrBelow("StackExchange.Redis").As("server and simulator types")),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds(string rule)
    {
        var (subject, forbidden) = RuleSet[rule];
        Assert.NotEmpty(subject.GetObjects(Code));
        Assert.NotEmpty(forbidden.GetObjects(Code));
        Types().That().Are(subject).Should().NotDependOnAny(forbidden).Because(rule).Check(Code);
    }

    [Fact]
    public void The_client_references_only_Contracts_of_our_assemblies_and_its_start_never_names_the_lazy_screens()
    {
        Assert.Equal(["LiveCommerce.Contracts"], OursReferencedBy(ClientCore));
        Assert.Equal(["LiveCommerce.Client.Core", "LiveCommerce.Contracts"], OursReferencedBy(ClientBackstage));
        // The compiler references an assembly only when the code names one of its types. Were the start-up
        // shell to name a backstage type, the app would need that assembly before App.razor had loaded it.
        Assert.Equal(["LiveCommerce.Client.Core"], OursReferencedBy(ClientApp));
    }

    private static List<string> OursReferencedBy(System.Reflection.Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("LiveCommerce.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static IObjectProvider<IType> Layer(string name, string ns) =>
        Types().That().ResideInNamespaceOrBelow(ns).As(name);
}
