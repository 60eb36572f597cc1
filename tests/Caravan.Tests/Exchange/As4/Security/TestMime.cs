using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Microsoft.AspNetCore.WebUtilities;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>
/// Test-only reader for raw multipart/related AS4 bodies (the corpus' .as4 files): the boundary is the first
/// non-empty line minus "--"; the first part is the SOAP envelope, the others become attachments.
/// </summary>
internal static class TestMime
{
    public static async Task<(XmlDocument Envelope, List<As4Attachment> Attachments)> ReadAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var text = Encoding.Latin1.GetString(bytes);
        var boundaryLine = text.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.Length > 0);
        var boundary = boundaryLine[2..];

        var reader = new MultipartReader(boundary, new MemoryStream(bytes));
        var envelope = new XmlDocument { PreserveWhitespace = true };
        var attachments = new List<As4Attachment>();
        var first = true;
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            if (first)
            {
                body.Position = 0;
                envelope.Load(body);
                first = false;
                continue;
            }
            var contentId = section.Headers!.First(h => h.Key.Equals("Content-ID", StringComparison.OrdinalIgnoreCase)).Value.ToString().Trim('<', '>', ' ');
            attachments.Add(new As4Attachment(contentId, section.ContentType ?? "application/octet-stream", PayloadContent.FromBytes(body.ToArray())));
        }
        return (envelope, attachments);
    }
}
