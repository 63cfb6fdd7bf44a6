package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mediamonitor.model.LedgerRow;

/**
 * Frozen KPI ledgers: the counts and counted rows of a period as they stood when someone froze them,
 * each in its own file under {@code state/snapshots/}, written once and never changed, with a SHA-256
 * checksum of its content so that any later change to the file shows.
 */
final class KpiSnapshots {
    /** What is frozen; the checksum covers exactly this. */
    record Content(String period, String from, String to, long target, long total, long positive, long balanced,
                   long negative, List<LedgerRow> rows) {
    }

    /** A snapshot as stored. */
    record Snapshot(String id, Instant created, String createdBy, String note, Content content, String sha256) {
        Summary summary() {
            return new Summary(id, created, createdBy, note, content.period(), content.total(), sha256);
        }
    }

    /** A snapshot in a list. */
    record Summary(String id, Instant created, String createdBy, String note, String period, long total, String sha256) {
    }

    private final Path folder;

    KpiSnapshots(Path dataFolder) {
        this.folder = dataFolder.resolve("state").resolve("snapshots");
    }

    Snapshot freeze(Content content, String createdBy, String note) throws IOException {
        Files.createDirectories(folder);
        Snapshot snapshot = new Snapshot(UUID.randomUUID().toString(), Instant.now(), createdBy, note, content, checksum(content));
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        try {
            Files.write(folder.resolve(snapshot.id() + ".json"), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("snapshot " + snapshot.id() + " exists already", e);
        }
        return snapshot;
    }

    /** The snapshot with this id; fails if its file no longer matches its checksum. */
    Optional<Snapshot> get(String id) throws IOException {
        if (!id.matches("[0-9a-f-]{36}")) return Optional.empty();
        Path file = folder.resolve(id + ".json");
        if (!Files.exists(file)) return Optional.empty();
        Snapshot snapshot = Json.MAPPER.readValue(file.toFile(), Snapshot.class);
        if (!checksum(snapshot.content()).equals(snapshot.sha256())) {
            throw new IOException("snapshot " + id + " does not match its checksum: the file was changed");
        }
        return Optional.of(snapshot);
    }

    List<Summary> list() throws IOException {
        List<Summary> all = new ArrayList<>();
        if (!Files.isDirectory(folder)) return all;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) all.add(Json.MAPPER.readValue(file.toFile(), Snapshot.class).summary());
        }
        all.sort(Comparator.comparing(Summary::created).reversed());
        return all;
    }

    static String checksum(Content content) throws JsonProcessingException {
        try {
            byte[] canonical = Json.MAPPER.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
