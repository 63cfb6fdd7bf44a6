package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Each benchmark run at a tiny size: it measures both its subject and its baseline, and the table it
 * prints is well formed. No timing is asserted: speed is for the benchmark's reader to judge.
 */
class BenchCommandsTest {
    /** A Markdown table row of six cells: what, figure, unit, baseline, baseline figure, ratio. */
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([\\d,.]+) \\| ([^|]+) \\| ([^|]+) \\| ([\\d,.]+) \\| ([\\d.]+) \\|$",
            Pattern.MULTILINE);

    @TempDir
    Path folder;

    /** The figures of {@code command} after parsing {@code args}, checked for sense, and their table checked for form. */
    private static List<BenchAllCommand.Figure> measured(BenchAllCommand.Stage command, int expected, String... args) throws Exception {
        new CommandLine(command).parseArgs(args);
        List<BenchAllCommand.Figure> figures = command.measure(true);
        assertEquals(expected, figures.size());
        for (BenchAllCommand.Figure f : figures) {
            assertTrue(f.value() > 0 && Double.isFinite(f.value()), f.toString());
            assertTrue(f.base() > 0 && Double.isFinite(f.base()), f.toString());
            assertEquals(f.value() / f.base(), f.ratio(), 1e-12);
        }
        String table = BenchAllCommand.table(figures);
        assertTrue(table.startsWith("| what | figure | unit | baseline | baseline figure | ratio |\n|---|"), table);
        Matcher row = ROW.matcher(table);
        int rows = 0;
        while (row.find()) {
            BenchAllCommand.Figure f = figures.get(rows++);
            assertEquals(f.unit(), row.group(3));
            assertEquals(f.ratio(), Double.parseDouble(row.group(6)), f.ratio() * 0.01, table);
        }
        assertEquals(figures.size(), rows, table);
        return figures;
    }

    @Test
    void extractionComparesTheExtractorWithAPlainParseOfTheDemoPages() throws Exception {
        var figures = measured(new BenchExtractionCommand(), 1, "--seconds", "0.1", "--shared", folder.resolve("absent").toString());
        assertEquals("pages/s", figures.getFirst().unit());
        assertTrue(figures.getFirst().what().matches("extraction \\(\\d+ pages, .*"), figures.getFirst().what());
    }

    @Test
    void segmentationComparesTheSegmenterWithSplittingIntoCharacters() throws Exception {
        var figures = measured(new BenchSegmentationCommand(), 1, "--chars", "300", "--seconds", "0.1", "--shared",
                folder.resolve("absent").toString());
        assertEquals("chars/s", figures.getFirst().unit());
        // the CoreNLP model cannot keep up with taking characters one by one
        assertTrue(figures.getFirst().ratio() < 1, figures.toString());
    }

    @Test
    void classificationComparesTheClassifierWithTokenisingOnly() throws Exception {
        var figures = measured(new BenchClassificationCommand(), 1, "--items", "6", "--seconds", "0.1");
        assertEquals("items/s", figures.getFirst().unit());
    }

    @Test
    void indexingComparesTheItemIndexWithAStandardAnalyzerIndex() throws Exception {
        var figures = measured(new BenchIndexingCommand(), 1, "--items", "40", "--seconds", "0.1");
        assertEquals("items/s", figures.getFirst().unit());
    }

    @Test
    void searchComparesTheItemIndexWithATermQuery() throws Exception {
        var figures = measured(new BenchSearchCommand(), 1, "--items", "60", "--queries", "5", "--seconds", "0.1");
        assertEquals("queries/s", figures.getFirst().unit());
    }

    @Test
    void apiComparesSearchAndKpiWithHealthUnderWrk() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wrk")), "wrk is not installed");
        var figures = measured(new BenchApiCommand(), 3, "--items", "40", "--duration", "1", "--rounds", "1",
                "--connections", "2", "--threads", "1", "--wrk", "/usr/bin/wrk");
        assertEquals("GET /health", figures.get(0).baseline());
        assertEquals(figures.get(0).base(), figures.get(2).base(), "one baseline for all");
    }

    @Test
    void allWritesTheMachineTheDateAndTheTable() throws Exception {
        Path out = folder.resolve("docs/BENCHMARKS.md");
        int status = new CommandLine(new BenchAllCommand()).execute("--quick", "--out", out.toString(),
                "--skip", "segmentation,classification,indexing,search,api");
        assertEquals(0, status);
        String markdown = Files.readString(out);
        assertTrue(markdown.matches("(?s)# Benchmarks\n.*`\\./monitor bench all --quick` on \\d{4}-\\d{2}-\\d{2}T.*"), markdown);
        assertTrue(markdown.contains("- CPU: ") && markdown.contains("cores") && markdown.contains("- JDK: "), markdown);
        Matcher row = ROW.matcher(markdown);
        assertTrue(row.find(), markdown);
        assertTrue(row.group(1).startsWith("extraction"), row.group(1));
        assertFalse(row.find(), "only the stage that was not skipped");
        assertTrue(markdown.contains("## Rerun"), markdown);
    }

    @Test
    void allRejectsAnUnknownStage() {
        assertNotEquals(0, new CommandLine(new BenchAllCommand()).execute("--skip", "everything", "--out", folder.resolve("x.md").toString()));
        assertFalse(Files.exists(folder.resolve("x.md")));
    }
}
