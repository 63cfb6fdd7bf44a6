package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * Every change made through the service — label corrections, saved queries, sources, tokens — as one
 * JSON line in {@code state/audit.jsonl}: who, what, on what, when, and the details. Append-only and
 * flushed to disk before the change is acknowledged.
 */
final class AuditLog implements AutoCloseable {
    /** One recorded change. */
    record Entry(Instant at, String who, String action, String target, Map<String, Object> details) {
    }

    private final Path file;
    private final Writer out;

    AuditLog(Path dataFolder) throws IOException {
        this.file = dataFolder.resolve("state").resolve("audit.jsonl");
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    synchronized void record(String who, String action, String target, Map<String, Object> details) {
        try {
            out.write(Json.MAPPER.writeValueAsString(new Entry(Instant.now(), who, action, target, details)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit log cannot be written: " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
