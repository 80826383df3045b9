using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCommerce.Server.Infrastructure.Local.SqliteMigrations
{
    /// <inheritdoc />
    public partial class BrandReturnWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReturnWindowDays",
                table: "BrandShipping",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReturnWindowDays",
                table: "BrandShipping");
        }
    }
}
