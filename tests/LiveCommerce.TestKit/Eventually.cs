namespace LiveCommerce.TestKit;

/// <summary>Waiting on a condition that something else makes true (a projector, an engine, a relay), with a deadline, never a bare sleep.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds and returns that value; throws with the last value after <paramref name="patience"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {patience.TotalSeconds:0} s waiting for {what}; last: {value}");
            }

            await Task.Delay(200);
        }
    }
}
