using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>The Lua scripts, embedded from Scripts/*.lua.</summary>
public static class RedisScripts
{
    public static readonly RedisScript StreamCreate = Load("stream_create");
    public static readonly RedisScript StreamTransition = Load("stream_transition");
    public static readonly RedisScript StreamUpdate = Load("stream_update");
    public static readonly RedisScript EventAppend = Load("event_append");
    public static readonly RedisScript ViewerJoin = Load("viewer_join");
    public static readonly RedisScript ViewerCount = Load("viewer_count");
    public static readonly RedisScript ViewerCountClaim = Load("viewer_count_claim");
    public static readonly RedisScript AudienceView = Load("audience_view");
    public static readonly RedisScript ProductUpdate = Load("product_update");
    public static readonly RedisScript ProductAddImage = Load("product_add_image");
    public static readonly RedisScript PartnershipReplace = Load("partnership_replace");
    public static readonly RedisScript PinAdd = Load("pin_add");
    public static readonly RedisScript PinRemove = Load("pin_remove");
    public static readonly RedisScript CommentAdmit = Load("comment_admit");
    public static readonly RedisScript CommentsAdd = Load("comments_add");
    public static readonly RedisScript CommentRemove = Load("comment_remove");
    public static readonly RedisScript QuestionAdd = Load("question_add");
    public static readonly RedisScript SetReplace = Load("set_replace");
    public static readonly RedisScript ReactionsClaim = Load("reactions_claim");
    public static readonly RedisScript FlashCreate = Flash("flash_create");
    public static readonly RedisScript FlashUpdate = Flash("flash_update");
    public static readonly RedisScript FlashCancel = Flash("flash_cancel");
    public static readonly RedisScript FlashLaunch = Flash("flash_launch");
    public static readonly RedisScript FlashReserve = Flash("flash_reserve");
    public static readonly RedisScript FlashBeginCheckout = Flash("flash_begin_checkout");
    public static readonly RedisScript FlashCommit = Flash("flash_commit");
    public static readonly RedisScript FlashRelease = Flash("flash_release");
    public static readonly RedisScript FlashRecordIntent = Flash("flash_record_intent");
    public static readonly RedisScript FlashUnsettled = Flash("flash_unsettled");
    public static readonly RedisScript FlashSweep = Flash("flash_sweep");
    public static readonly RedisScript FlashQuantity = Flash("flash_quantity");
    public static readonly RedisScript FlashWaitlist = Flash("flash_waitlist");
    public static readonly RedisScript FlashReprice = Flash("flash_reprice");
    public static readonly RedisScript FlashRefundBegin = Flash("flash_refund_begin");
    public static readonly RedisScript FlashRefundEnd = Flash("flash_refund_end");
    public static readonly RedisScript DueClaim = Load("due_claim");
    public static readonly RedisScript IngestClaim = Load("ingest_claim");
    public static readonly RedisScript IngestTouch = Load("ingest_touch");
    public static readonly RedisScript IngestRelease = Load("ingest_release");
    public static readonly RedisScript IngestExpire = Load("ingest_expire");
    public static readonly RedisScript EarningsApply = Load("earnings_apply");
    public static readonly RedisScript EarningsReverse = Load("earnings_reverse");

    /// <summary>Flash-sale scripts share helpers: flash_common.lua is prepended.</summary>
    private static RedisScript Flash(string name) => new(Text("flash_common") + "\n" + Text(name));

    private static RedisScript Load(string name) => new(Text(name));

    private static string Text(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LiveCommerce.Redis.{name}.lua")
            ?? throw new InvalidOperationException($"Missing embedded script {name}.lua");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// A Lua script called by its SHA1 (EVALSHA), computed once. StackExchange.Redis's overload that
/// takes the text looks the whole text up in a table on every call, hashing kilobytes per call on
/// the hottest path (docs/BENCHMARKS.md, "Scripts by SHA1").
/// </summary>
public sealed class RedisScript(string text)
{
    // Redis names a script by the SHA1 of its text; an identifier here, not a security measure.
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public string Text { get; } = text;

    /// <summary>
    /// Many calls in one batch, blocking until all are answered: for a thread of its own that must not
    /// wait behind the thread pool's queue for its answers (see ReserveBatcher). Calls answered NOSCRIPT are sent again
    /// with the text. Any other failure (a timeout, a lost connection) fails the whole batch.
    /// </summary>
    public RedisResult[] EvaluateMany(IDatabase db, IReadOnlyList<(RedisKey[] Keys, RedisValue[] Values)> calls)
    {
        var batch = db.CreateBatch();
        var sent = new Task<RedisResult>[calls.Count];
        for (var i = 0; i < sent.Length; i++)
        {
            sent[i] = batch.ScriptEvaluateAsync(_sha1, calls[i].Keys, calls[i].Values);
        }

        batch.Execute();
        var replies = new RedisResult[sent.Length];
        for (var i = 0; i < sent.Length; i++)
        {
            try
            {
                // A blocking wait is woken by the multiplexer's reader itself: no continuation is queued.
                replies[i] = sent[i].GetAwaiter().GetResult();
            }
            catch (RedisServerException e) when (IsNoScript(e))
            {
                replies[i] = db.ScriptEvaluate(Text, calls[i].Keys, calls[i].Values);
            }
        }

        return replies;
    }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[]? keys = null, RedisValue[]? values = null, CommandFlags flags = CommandFlags.None)
    {
        if (flags.HasFlag(CommandFlags.FireAndForget))
        {
            // No reply to learn of NOSCRIPT from: the text overload retries it on its own.
            return await db.ScriptEvaluateAsync(Text, keys, values, flags);
        }

        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, values);
        }
        catch (RedisServerException e) when (IsNoScript(e))
        {
            // Redis restarted, failed over or flushed its scripts: the text overload loads it again.
            return await db.ScriptEvaluateAsync(Text, keys, values);
        }
    }

    private static bool IsNoScript(RedisServerException e) => e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal);
}
