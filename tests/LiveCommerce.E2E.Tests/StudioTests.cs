using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// The host studio in Chromium, with no HTTP call made by the test for what the host does: she signs
/// in on the sign-in page, schedules a stream with a cover, sees it under Upcoming, edits it, cancels
/// another; and ending a live stream asks first.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_host_signs_in_schedules_a_stream_with_a_cover_edits_it_and_cancels_another()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = "Serum launch " + suffix;
        await using var context = await fx.ContextAsync(wide: true);

        // Sign in on the page, as a person does (the demo cast's Development password).
        var page = await PageSteps.SignInAsync(context, "mia", "studio");

        // Schedule: a start in the past is refused next to its field, and nothing is saved.
        await page.GetByTestId("new-stream").ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Three serums, live");
        await page.GetByLabel("Starts at").FillAsync(Local(DateTime.UtcNow.AddDays(-1)));
        await page.GetByLabel("Stream language").SelectOptionAsync("es");
        await page.GetByLabel("Categories (comma separated)").FillAsync("beauty, skincare");
        await page.GetByTestId("stream-cover-input").SetInputFilesAsync(PageSteps.CoverPng);
        await Expect(page.GetByTestId("cover-picked")).ToContainTextAsync("cover.png");
        await page.GetByTestId("save-stream").ClickAsync();
        await Expect(page.GetByTestId("error-scheduledStart")).ToContainTextAsync("in the past");
        await Expect(page).ToHaveURLAsync(new Regex("/studio/new$"));

        var start = DateTime.UtcNow.AddDays(2);
        await page.GetByLabel("Starts at").FillAsync(Local(start));
        await page.GetByTestId("save-stream").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/studio$"));

        // It is under Upcoming, with its cover (the go-live checklist ticks it).
        var row = page.GetByTestId("studio-group-upcoming").GetByTestId("studio-stream").Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByTestId("studio-stream-link").ClickAsync();
        await Expect(page.GetByTestId("go-live-checklist")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("check-cover")).ToHaveAttributeAsync("data-done", "true");
        await Expect(page.GetByTestId("check-ingest")).ToHaveAttributeAsync("data-done", "false");

        // Edit it: the form comes back filled; the new title shows in the list.
        await page.GetByTestId("edit-stream").First.ClickAsync();
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title);
        await Expect(page.GetByLabel("Stream language")).ToHaveValueAsync("es");
        await Expect(page.GetByLabel("Categories (comma separated)")).ToHaveValueAsync("beauty, skincare");
        await page.GetByLabel("Title").FillAsync(title + " (edited)");
        await page.GetByTestId("save-stream").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/studio$"));
        await Expect(page.GetByTestId("studio-group-upcoming").GetByTestId("studio-stream-link").Filter(new() { HasText = title + " (edited)" })).ToHaveCountAsync(1);

        // Another one, cancelled before it starts: asked first, then it moves to Ended as Cancelled.
        var other = "Cancelled show " + suffix;
        await page.GetByTestId("new-stream").ClickAsync();
        await page.GetByLabel("Title").FillAsync(other);
        await page.GetByLabel("Starts at").FillAsync(Local(start.AddDays(1)));
        await page.GetByTestId("save-stream").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/studio$"));
        await page.GetByTestId("studio-stream").Filter(new() { HasText = other }).GetByTestId("edit-stream").ClickAsync();
        await page.GetByTestId("cancel-stream").ClickAsync();
        await Expect(page.GetByTestId("cancel-stream-confirm")).ToContainTextAsync(other);
        await page.GetByTestId("cancel-stream-yes").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/studio$"));
        var cancelled = page.GetByTestId("studio-group-ended").GetByTestId("studio-stream").Filter(new() { HasText = other });
        await Expect(cancelled).ToHaveAttributeAsync("data-status", nameof(StreamStatus.Cancelled));
        await Expect(page.GetByTestId("studio-group-upcoming").GetByTestId("studio-stream").Filter(new() { HasText = other })).ToHaveCountAsync(0);
        await fx.ScreenshotAsync(page, "studio-schedule-e2e", forDocs: false);

        // And it is gone from what viewers see.
        await page.GotoAsync("");
        await Expect(page.GetByTestId("stream-card").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stream-card").Filter(new() { HasText = other })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Ending_a_stream_asks_first_and_works_from_the_keyboard()
    {
        var title = "Confirm end " + Guid.NewGuid().ToString("N")[..6];
        var stream = await fx.LiveStreamAsync(title);
        await using var context = await fx.ContextAsync("mia", wide: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"studio/{stream.Id}");
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync(title);
        var status = page.GetByTestId("studio").Locator("header [data-testid=stream-status]");
        await Expect(status).ToHaveAttributeAsync("data-status", nameof(StreamStatus.Live));

        // One press only asks; focus goes to "Keep it", so Enter steps back and nothing ends.
        await page.GetByTestId("end-stream").ClickAsync();
        await Expect(page.GetByTestId("end-stream-confirm")).ToContainTextAsync("End the stream for every viewer?");
        await Expect(page.GetByTestId("end-stream-no")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("end-stream-confirm")).ToHaveCountAsync(0);
        await Expect(status).ToHaveAttributeAsync("data-status", nameof(StreamStatus.Live));

        // Escape steps back too.
        await page.GetByTestId("end-stream").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("end-stream-no")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("end-stream-confirm")).ToHaveCountAsync(0);

        // The live panels fit a tablet (two columns) and a phone (one): nothing reaches past the screen.
        foreach (var (width, height) in new[] { (768, 1024), (390, 844), (1280, 900) })
        {
            await page.SetViewportSizeAsync(width, height);
            await Expect(page.GetByTestId("moderation")).ToBeVisibleAsync();
            var wide = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('#main *')].filter(e => !e.closest('.table-scroll > *') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + (e.dataset.testid ?? '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
                """);
            Assert.True(wide.Length == 0, $"the studio scrolls sideways at {width} px: {wide}");
        }

        // Asked and confirmed from the keyboard: the stream ends.
        await page.GetByTestId("end-stream").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByTestId("end-stream-yes")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(status).ToHaveAttributeAsync("data-status", nameof(StreamStatus.Ended));
    }

    /// <summary>A datetime-local value (the context's time zone is UTC).</summary>
    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
