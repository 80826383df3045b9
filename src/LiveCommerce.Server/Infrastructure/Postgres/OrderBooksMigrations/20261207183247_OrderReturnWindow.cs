using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCommerce.Server.Infrastructure.Postgres.OrderBooksMigrations
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
                type: "integer",
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
                    BrandId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReturnWindowDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrandFulfilment", x => x.BrandId);
                });
        }
    }
}
