using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCommerce.Server.Infrastructure.Local.SqliteOrderBooksMigrations
{
    /// <inheritdoc />
    public partial class OrderReturnWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BrandFulfilment");

            migrationBuilder.AddColumn<int>(
                name: "ReturnWindowDays",
                table: "BookedOrders",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReturnWindowDays",
                table: "BookedOrders");

            migrationBuilder.CreateTable(
                name: "BrandFulfilment",
                columns: table => new
                {
                    BrandId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReturnWindowDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrandFulfilment", x => x.BrandId);
                });
        }
    }
}
