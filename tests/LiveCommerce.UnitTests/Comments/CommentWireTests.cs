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
    public void Its_kind_and_time_are_single_integers()
    {
        var reader = new MessagePackReader(MessagePackSerializer.Serialize(Comment with { Kind = CommentKind.Purchase }, HubOptions));

        Assert.Equal(7, reader.ReadArrayHeader());
        string?[] strings = [reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString()];
        Assert.Equal(new string?[] { Comment.Id, Comment.UserId, Comment.DisplayName, Comment.Text }, strings);
        Assert.Equal((int)CommentKind.Purchase, reader.ReadInt32());
        Assert.Equal(Comment.At.UtcTicks, reader.ReadInt64());
    }

    [Fact]
    public void A_time_in_another_offset_arrives_as_the_same_instant_in_utc()
    {
        var local = Comment with { At = new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.FromHours(1)) };

        var back = MessagePackSerializer.Deserialize<CommentDto>(MessagePackSerializer.Serialize(local, HubOptions), HubOptions);

        Assert.Equal(local.At, back.At);
        Assert.Equal(TimeSpan.Zero, back.At.Offset);
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
