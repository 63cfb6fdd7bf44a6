package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.model.Item;

/** A process killed while it indexes loses no item whose commit had returned, and counts none twice. */
class CrashRecoveryTest {
    @TempDir
    Path folder;

    /** The child process: adds items without end, committing every 50 and saying how many are committed. */
    public static void main(String[] args) {
        try {
            addForever(Path.of(args[0]));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void addForever(Path index) throws Exception {
        try (ItemIndex items = new ItemIndex(index, new ItemIndex.Options(Duration.ofMillis(200), null, index.resolveSibling("state"), null))) {
            for (int i = 0; ; i++) {
                items.add(item(i));
                if ((i + 1) % 50 == 0) {
                    items.commit();
                    System.out.println("committed " + (i + 1));
                    System.out.flush();
                }
            }
        }
    }

    static Item item(int i) {
        return new Item("item-" + i, "https://x.example/" + i, "herald", "Story " + i,
                "Taiwan story number " + i + " with some words about trade and talks", Instant.ofEpochSecond(1_500_000_000L + i),
                null, "en", Instant.EPOCH, null, null);
    }

    @Test
    void aKillDuringIndexingLosesNoCommittedItem() throws Exception {
        Path index = folder.resolve("index");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1500m", "-cp", System.getProperty("java.class.path"),
                CrashRecoveryTest.class.getName(), index.toString()).redirectError(folder.resolve("child.log").toFile()).start();
        int committed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (committed < 600 && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) committed = Integer.parseInt(line.substring(10));
            }
            child.destroyForcibly(); // in the middle of adding the next items
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(committed >= 600, "the child committed " + committed + ": " + Files.readString(folder.resolve("child.log")));
        try (ItemIndex reopened = new ItemIndex(index)) {
            for (int i = 0; i < committed; i++) assertTrue(reopened.get("item-" + i).isPresent(), "item-" + i);
            long size = reopened.size();
            assertTrue(size >= committed, "size " + size);
            // restarting the same work adds nothing twice
            for (int i = 0; i < size + 10; i++) reopened.add(item(i));
            reopened.commit();
            assertEquals(size + 10, reopened.size());
            assertEquals(List.of(), reopened.ledger(Instant.EPOCH, Instant.now(), false), "unclassified items are not counted");
        }
    }
}
