using LiveCommerce.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveCommerce();

var app = builder.Build();
app.MapLiveCommerce();
app.Run();

/// <summary>Entry point, public so tests and tools can name the assembly.</summary>
public partial class Program;
