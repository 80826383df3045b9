using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Media;

/// <summary>The one shape every image upload endpoint takes: multipart/form-data with exactly one file, whose name is ignored.</summary>
public static class ImageUpload
{
    public static async Task<Stream> ReadSingleFileAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            throw new AppException(ErrorCodes.ValidationFailed, "Send the image as multipart/form-data.");
        }

        var form = await http.ReadFormAsync(ct);
        return form.Files.Count == 1
            ? form.Files[0].OpenReadStream()
            : throw new AppException(ErrorCodes.ValidationFailed, "Send exactly one file.");
    }
}
