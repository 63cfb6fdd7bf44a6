package org.mediamonitor.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mediamonitor.model.Classification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of staff corrections, one JSON line each, kept outside the index so that reindexing and
 * reclassifying cannot lose one: an item added again, or a new copy joining a corrected cluster, takes
 * the latest correction of its id or of its cluster.
 */
final class Corrections {
    private static final Logger log = LoggerFactory.getLogger(Corrections.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One correction: staff gave {@code verdict} to {@code item} and so to its whole {@code cluster}. */
    record Correction(String item, String cluster, Classification verdict) {
    }

    private record Numbered(long number, Correction correction) {
    }

    private final Path file;
    private final Map<String, Numbered> byItem = new ConcurrentHashMap<>(), byCluster = new ConcurrentHashMap<>();
    private long count;

    Corrections(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) return;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                remember(JSON.readValue(lines.get(i), Correction.class));
            } catch (IOException | RuntimeException e) {
                // a line cut by a crash while it was written: the correction was never confirmed
                log.warn("corrections log {} line {} cannot be read, skipped: {}", file, i + 1, e.getMessage());
            }
        }
    }

    /** Writes the correction to disk (synced) before it counts. */
    synchronized void record(Correction correction) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] line = (JSON.writeValueAsString(correction) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(line));
            channel.force(true);
        }
        remember(correction);
    }

    private synchronized void remember(Correction correction) {
        Numbered n = new Numbered(++count, correction);
        byItem.put(correction.item(), n);
        byCluster.put(correction.cluster(), n);
    }

    /** The latest staff verdict on this item or on its cluster. */
    Optional<Classification> verdict(String item, String cluster) {
        if (byItem.isEmpty()) return Optional.empty();
        Numbered a = byItem.get(item), b = byCluster.get(cluster);
        Numbered latest = a == null ? b : b == null || a.number() > b.number() ? a : b;
        return latest == null ? Optional.empty() : Optional.of(latest.correction().verdict());
    }

    /** The latest correction of each item, in the order they were made. */
    synchronized List<Correction> latest() {
        return byItem.values().stream().sorted(java.util.Comparator.comparingLong(Numbered::number))
                .map(Numbered::correction).toList();
    }

    /** Lets the correction of an item that now sits in {@code cluster} reach the copies that join it there. */
    synchronized void alias(Correction correction, String cluster) {
        Numbered n = byItem.get(correction.item());
        Numbered known = byCluster.get(cluster);
        if (n != null && (known == null || known.number() < n.number())) byCluster.put(cluster, n);
    }

    /** How many corrections have been recorded or read from the log: grows with each one. */
    synchronized long recorded() {
        return count;
    }

    synchronized int size() {
        return byItem.size();
    }
}
