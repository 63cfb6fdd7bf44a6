package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code monitor eval segmentation} on a small corpus written here, with the real segmenter. */
class EvalSegmentationCommandTest {
    @TempDir
    Path folder;

    /** What the command printed on standard output, and its exit code. */
    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new EvalCommand()).execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void disagreementsTellAnotherStandardsWordsFromErrors() throws Exception {
        // this corpus's standard joins 計劃經濟 and 市場經濟; another corpus's list holds 計劃, 經濟 and 市場
        Path file = folder.resolve("xx_test_shared.jsonl");
        Files.writeString(file, """
                {"id": "xx-1", "corpus": "xx", "input": "中國在由計劃經濟向市場經濟轉軌過程中。", "gold_words": ["中國", "在", "由", "計劃經濟", "向", "市場經濟", "轉軌", "過程", "中", "。"]}
                """, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("xx_training_words.utf8"), "中國\n計劃經濟\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("yy_training_words.utf8"), "计划\n经济\n市场\n", StandardCharsets.UTF_8);

        Run run = run("segmentation", file.toString(), "--json", "--disagreements");
        assertEquals(0, run.exit(), run.out());
        JsonNode scores = Json.MAPPER.readTree(run.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        JsonNode sorted = scores.get("disagreements");
        assertNotNull(sorted, run.out());
        // the segmenter splits both compounds as the other standard does, and nothing else differs
        assertEquals(2, sorted.get("otherStandard").asInt(), run.out());
        assertEquals(0, sorted.get("unattested").asInt(), run.out());
        assertEquals(0, sorted.get("crossing").asInt(), run.out());
        assertTrue(scores.get("f").asDouble() < 1.0);
        assertEquals(1.0, sorted.get("fIfOtherStandardRight").asDouble(), 1e-9);
        assertEquals(scores.get("f").asDouble(), sorted.get("fIfAllButOtherStandardRight").asDouble(), 1e-9);
    }

    @Test
    void disagreementsWithoutAnotherCorpusListIsAClearError() throws Exception {
        Path file = folder.resolve("xx_test_shared.jsonl");
        Files.writeString(file, "{\"corpus\": \"xx\", \"input\": \"两岸\", \"gold_words\": [\"两岸\"]}\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("xx_training_words.utf8"), "两岸\n", StandardCharsets.UTF_8);
        assertEquals(2, run("segmentation", file.toString(), "--disagreements").exit());
    }
}
