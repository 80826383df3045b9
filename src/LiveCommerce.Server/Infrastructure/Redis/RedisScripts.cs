using System.Reflection;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// The Lua scripts, embedded from Scripts/*.lua. StackExchange.Redis sends EVALSHA once a script
/// is cached and falls back to EVAL after a Redis restart, so callers just pass the text.
/// </summary>
public static class RedisScripts
{
    public static readonly string StreamCreate = Load("stream_create");
    public static readonly string StreamTransition = Load("stream_transition");
    public static readonly string StreamUpdate = Load("stream_update");
    public static readonly string EventAppend = Load("event_append");
    public static readonly string ViewerJoin = Load("viewer_join");
    public static readonly string ViewerCount = Load("viewer_count");
    public static readonly string ViewerCountClaim = Load("viewer_count_claim");
    public static readonly string AudienceView = Load("audience_view");
    public static readonly string ProductUpdate = Load("product_update");
    public static readonly string ProductAddImage = Load("product_add_image");
    public static readonly string PinAdd = Load("pin_add");
    public static readonly string PinRemove = Load("pin_remove");
    public static readonly string CommentAdmit = Load("comment_admit");
    public static readonly string CommentsAdd = Load("comments_add");
    public static readonly string CommentRemove = Load("comment_remove");
    public static readonly string QuestionAdd = Load("question_add");
    public static readonly string SetReplace = Load("set_replace");
    public static readonly string ReactionsClaim = Load("reactions_claim");
    public static readonly string FlashCreate = Flash("flash_create");
    public static readonly string FlashUpdate = Flash("flash_update");
    public static readonly string FlashCancel = Flash("flash_cancel");
    public static readonly string FlashLaunch = Flash("flash_launch");
    public static readonly string FlashReserve = Flash("flash_reserve");
    public static readonly string FlashBeginCheckout = Flash("flash_begin_checkout");
    public static readonly string FlashCommit = Flash("flash_commit");
    public static readonly string FlashRelease = Flash("flash_release");
    public static readonly string FlashSweep = Flash("flash_sweep");
    public static readonly string FlashQuantity = Flash("flash_quantity");
    public static readonly string FlashWaitlist = Flash("flash_waitlist");
    public static readonly string DueClaim = Load("due_claim");
    public static readonly string EarningsApply = Load("earnings_apply");
    public static readonly string EarningsReverse = Load("earnings_reverse");

    /// <summary>Flash-sale scripts share helpers: flash_common.lua is prepended.</summary>
    private static string Flash(string name) => Load("flash_common") + "\n" + Load(name);

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LiveCommerce.Redis.{name}.lua")
            ?? throw new InvalidOperationException($"Missing embedded script {name}.lua");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
