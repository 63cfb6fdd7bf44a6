package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The soak at a tiny size, the changing site it crawls, and the summary of its curve. */
class BenchSoakCommandTest {
    @TempDir
    Path folder;

    @Test
    void aShortSoakWritesAWellFormedCurveAndSummary() throws Exception {
        Path csv = folder.resolve("soak.csv"), out = folder.resolve("SOAK.md");
        int status = new CommandLine(new BenchSoakCommand()).execute("--minutes", "0.4", "--sample", "6s", "--clients", "2",
                "--new-every", "1s", "--full-gc-every", "2", "--recheck", "2s", "--csv", csv.toString(), "--out", out.toString(),
                "--data", folder.resolve("data").toString());
        assertEquals(0, status);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SoakCurve.Sample.CSV_HEADER, lines.getFirst());
        List<String> rows = lines.subList(1, lines.size());
        assertTrue(rows.size() >= 4, "a sample at the start and every 6 s for 24 s: " + rows);
        double previous = -1;
        for (String row : rows) {
            String[] cells = row.split(",");
            assertEquals(11, cells.length, row);
            double minute = Double.parseDouble(cells[0]);
            assertTrue(minute > previous, "minutes increase: " + rows);
            previous = minute;
            assertTrue(Double.parseDouble(cells[1]) > 0, "heap: " + row);
            assertTrue(Integer.parseInt(cells[4]) > 0, "open files: " + row);
            assertTrue(Integer.parseInt(cells[5]) > 0, "threads: " + row);
            for (int c = 6; c < cells.length; c++) assertTrue(Long.parseLong(cells[c]) >= 0, row);
            boolean forced = rows.indexOf(row) % 2 == 0 || row.equals(rows.getLast());
            assertEquals(forced, !cells[2].isEmpty(), "a full collection at every second sample and the last: " + row);
        }
        String[] last = rows.getLast().split(",");
        assertTrue(Long.parseLong(last[7]) > SoakSite.FIRST_ARTICLES, "new articles appeared on the site: " + rows.getLast());
        assertTrue(Long.parseLong(last[8]) > 0, "the clients searched: " + rows.getLast());

        String markdown = Files.readString(out);
        assertTrue(markdown.startsWith("# Soak\n"), markdown);
        Matcher summary = Pattern.compile("^\\| (heap used after [^|]*|non-heap [^|]*|open file descriptors|threads) \\|( [^|]+ \\|){6}$",
                Pattern.MULTILINE).matcher(markdown);
        int figures = 0;
        while (summary.find()) figures++;
        assertEquals(5, figures, markdown);
        assertTrue(markdown.contains("```csv\n" + String.join("\n", lines) + "\n```"), "the curve is in the report");
    }

    @Test
    void theSlopeOfASteadyRiseIsItsRatePerHour() {
        SoakCurve curve = new SoakCurve();
        for (int minute = 0; minute <= 30; minute++) {
            curve.add(new SoakCurve.Sample(minute, 500 + 2 * minute, minute % 5 == 0 ? 400 + minute : Double.NaN, 80, 150 + (minute % 2), 40,
                    minute, minute, minute, 0, 5));
        }
        List<SoakCurve.Sample> samples = curve.samples();
        assertEquals(120, SoakCurve.slopePerHour(samples, SoakCurve.Sample::heapMb), 1e-9);
        assertEquals(0, SoakCurve.slopePerHour(samples, SoakCurve.Sample::nonHeapMb), 1e-9);
        assertEquals(10, curve.windowMinutes(), 1e-9);
        String table = curve.summaryTable();
        // first ten minutes average 510 MB, the last ten (20–30) 550 MB
        assertTrue(table.contains("| heap used after the last GC | 510.0 MB | 550.0 MB | +40.0 MB (+7.8 %) | +120.00 MB |"), table);
        // forced collections at minutes 0, 5, 10 | 20, 25, 30 only; the samples between do not count
        assertTrue(table.contains("| heap used after a forced full GC | 405.0 MB | 425.0 MB | +20.0 MB (+4.9 %) | +60.00 MB | 400.0 | 430.0 |"), table);
    }

    @Test
    void theSitePublishesNewArticlesAndChangesItsPages() throws Exception {
        try (SoakSite site = new SoakSite(Duration.ofMillis(200), 1); HttpClient http = HttpClient.newHttpClient()) {
            String feeds = feeds(http, site);
            int listed = count(feeds, "<item>");
            assertTrue(listed >= SoakSite.FIRST_ARTICLES, "every article so far, in one of three feeds: " + listed);
            int before = site.published();
            Thread.sleep(700);
            assertTrue(site.published() >= before + 3, "an article every 200 ms");
            String later = feeds(http, site);
            assertTrue(count(later, "<item>") >= listed + 3, "the feeds list the new articles");
            HttpResponse<String> page = get(http, site.baseUrl() + "/a/0.html");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<article><h1>"), page.body());
            Thread.sleep(5);
            assertNotEquals(page.body(), get(http, site.baseUrl() + "/a/0.html").body(), "the page changes as it is read");
            assertEquals(404, get(http, site.baseUrl() + "/a/" + (site.published() + 100) + ".html").statusCode());
            assertEquals(404, get(http, site.baseUrl() + "/a/x.html").statusCode());
        }
    }

    private static String feeds(HttpClient http, SoakSite site) throws Exception {
        StringBuilder all = new StringBuilder();
        for (var source : site.sources(Duration.ofMinutes(1))) all.append(get(http, source.feedUrl()).body());
        return all.toString();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
