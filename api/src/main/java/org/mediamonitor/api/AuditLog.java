package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change made through the service — label corrections, saved queries, sources, tokens — as one
 * JSON line in {@code state/audit.jsonl}: who, what, on what, when, and the details. Append-only and
 * flushed to disk before the change is acknowledged. The label corrections of each item are also
 * kept in memory (read back from the file on start) for the item's label history.
 */
final class AuditLog implements AutoCloseable {
    /** One recorded change. */
    record Entry(Instant at, String who, String action, String target, Map<String, Object> details) {
    }

    /** The action of a label correction; its details name the items it changed under {@code items}. */
    static final String LABEL_CORRECTION = "label.correct";
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final Writer out;
    private final Map<String, List<Entry>> corrections = new HashMap<>();

    AuditLog(Path dataFolder) throws IOException {
        this.file = dataFolder.resolve("state").resolve("audit.jsonl");
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) readCorrections();
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void record(String who, String action, String target, Map<String, Object> details) {
        Entry entry = new Entry(Instant.now(), who, action, target, details);
        try {
            out.write(Json.MAPPER.writeValueAsString(entry));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit log cannot be written: " + file, e);
        }
        remember(entry);
    }

    /** The label corrections that changed this item, oldest first. */
    synchronized List<Entry> corrections(String item) {
        return List.copyOf(corrections.getOrDefault(item, List.of()));
    }

    private void readCorrections() throws IOException {
        int line = 0;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String text : (Iterable<String>) lines::iterator) {
                line++;
                if (text.isBlank() || !text.contains(LABEL_CORRECTION)) continue;
                try {
                    remember(Json.MAPPER.readValue(text, Entry.class));
                } catch (IOException e) {
                    // a line cut short by a crash is the only kind expected; the rest of the log still counts
                    log.warn("file={} line={} not read: {}", file, line, e.getMessage());
                }
            }
        }
    }

    private void remember(Entry entry) {
        if (!LABEL_CORRECTION.equals(entry.action())) return;
        Set<String> items = new LinkedHashSet<>();
        if (entry.target() != null) items.add(entry.target());
        if (entry.details() != null && entry.details().get("items") instanceof List<?> changed) {
            for (Object id : changed) if (id != null) items.add(id.toString());
        }
        for (String id : items) corrections.computeIfAbsent(id, k -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
