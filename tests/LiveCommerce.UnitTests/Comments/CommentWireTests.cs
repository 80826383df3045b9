using System.Text;
using LiveCommerce.Contracts;
using MessagePack;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.UnitTests.Comments;

/// <summary>
/// A busy stream sends every viewer tens of comments per frame, so a comment's MessagePack form is
/// a positional array: no property names repeated per comment, per viewer.
/// </summary>
public sealed class CommentWireTests
{
    private static readonly MessagePackSerializerOptions HubOptions = new MessagePackHubProtocolOptions().SerializerOptions;

    private static readonly CommentDto Comment = new(
        "-Ld2mX9fQ_a8Zk3r", "u-7", "Ana <b>", "is it waterproof? <script>", CommentKind.Text,
        new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero), IsQuestion: true);

    [Fact]
    public void A_comment_is_a_positional_array_without_property_names()
    {
        var bytes = MessagePackSerializer.Serialize(Comment, HubOptions);

        Assert.Equal(0x97, bytes[0]); // fixarray of 7 elements
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(nameof(CommentDto.DisplayName), text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(CommentDto.UserId), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_round_trips_through_the_hub_options_unchanged()
    {
        var batch = new CommentsAdded { StreamId = "s-1", Seq = 9, At = Comment.At, Comments = [Comment, Comment with { Id = "2", Kind = CommentKind.Purchase, IsQuestion = false }] };

        var back = MessagePackSerializer.Deserialize<CommentsAdded>(MessagePackSerializer.Serialize(batch, HubOptions), HubOptions);

        Assert.Equal(batch.Comments, back.Comments);
        Assert.Equal((batch.StreamId, batch.Seq, batch.At), (back.StreamId, back.Seq, back.At));
    }
}
