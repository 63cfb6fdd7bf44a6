package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediamonitor.index.ItemIndex;

/** The configuration file: its settings laid over the documented defaults, and bad values refused at start by name. */
class SettingsTest {
    @TempDir
    Path folder;

    private Settings load(String yaml) throws IOException {
        Path file = folder.resolve("media-monitor.yaml");
        Files.writeString(file, yaml);
        return Settings.load(file);
    }

    @Test
    void theIndexSectionSetsTheCommitIntervalAndTheChecksOnStart() throws IOException {
        Settings defaults = Settings.load(null);
        assertEquals(Duration.ofSeconds(30), defaults.index().commitEvery());
        assertEquals(ItemIndex.Options.Check.CHECKSUMS, defaults.index().checks());

        Settings changed = load("index:\n  commit-interval: 2m\n  check: full\nkpi:\n  yearly-target: 1600\n");
        ItemIndex.Options options = changed.index().options(folder.resolve("index"));
        assertEquals(Duration.ofMinutes(2), options.commitInterval());
        assertEquals(ItemIndex.Options.Check.FULL, options.check());
        assertEquals(folder.resolve("state").toAbsolutePath(), options.state().toAbsolutePath());
        assertEquals(1600, changed.kpi().yearlyTarget());
        assertEquals(8080, changed.server().port(), "what the file leaves out keeps its default");
        assertEquals(changed.index(), changed.withPort(9000).withData(folder).index(), "changing other settings keeps these");
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        IOException check = assertThrows(IOException.class, () -> load("index:\n  check: thorough\n"));
        assertTrue(check.getMessage().contains("index.check"), check.getMessage());
        IOException interval = assertThrows(IOException.class, () -> load("index:\n  commit-interval: soon\n"));
        assertTrue(interval.getMessage().contains("index.commit-interval"), interval.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> load("index:\n  commit-every: 1m\n"));
        assertTrue(unknown.getMessage().contains("commit-every"), unknown.getMessage());
    }
}
