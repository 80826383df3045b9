using LiveCommerce.Client;
using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Localization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API and the hub live on the origin that served this app.
builder.Services.AddLiveCommerceClient(new Uri(builder.HostEnvironment.BaseAddress));

var host = builder.Build();

// The culture must be set before the app starts: resources for it load with the app.
await CulturePreference.ApplyAsync(host.Services.GetRequiredService<IJSRuntime>());
await LegacyTokenStorage.ForgetAsync(host.Services.GetRequiredService<IJSRuntime>());

// Tokens live in memory: the refresh cookie (HttpOnly) brings a signed-in session back after a reload.
await host.Services.GetRequiredService<AuthSession>().RestoreAsync();

// Signed in already: share links opened in this browser since (remembered by the server) become the account's.
_ = host.Services.GetRequiredService<LiveCommerce.Client.Features.Reports.ShareTouchClaims>().ClaimAsync();
await host.RunAsync();
