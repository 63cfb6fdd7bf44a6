package org.mediamonitor.crawler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources to crawl: those of a sources file (YAML, a {@code sources:} list), those written into
 * the configuration itself, and those added or changed by administrators while the service runs
 * ({@link #put}), kept in a file of their own in the data folder. Later layers replace earlier ones
 * with the same id. The sources file is read again whenever it changes, so sources can also be
 * added, changed and disabled by editing it; a file that cannot be read is logged and the last good
 * list stays in use. {@value #BUILT_IN} names the default list shipped with Media Monitor.
 */
public final class SourceCatalog {
    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);
    /** The name that stands for the default list shipped inside the crawler. */
    public static final String BUILT_IN = "built-in";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** A source as a sources file writes it; {@code enabled} is true unless it says otherwise. */
    public record Entry(String id, String name, String feedUrl, List<String> sitemaps, String language, String country,
                        SourceKind kind, Boolean local, Boolean enabled, String recheck, Boolean important) {
        /** The entry that writes {@code s}. */
        public static Entry of(Source s) {
            return new Entry(s.id(), s.name(), s.feedUrl(), s.sitemaps().isEmpty() ? null : s.sitemaps(), s.language(),
                    s.country(), s.kind(), s.local() ? Boolean.TRUE : null, s.enabled() ? null : Boolean.FALSE,
                    s.recheck() == null ? null : s.recheck().toSeconds() + "s", s.important() ? Boolean.TRUE : null);
        }

        public Source toSource() {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("a source without an id");
            boolean noFeed = feedUrl == null || feedUrl.isBlank();
            if (noFeed && (sitemaps == null || sitemaps.isEmpty())) {
                throw new IllegalArgumentException("source " + id + " has neither a feed-url nor sitemaps");
            }
            return new Source(id, name, noFeed ? null : feedUrl.strip(), language, country, kind, Boolean.TRUE.equals(local),
                    !Boolean.FALSE.equals(enabled), sitemaps, recheck == null ? null : duration(recheck, id),
                    Boolean.TRUE.equals(important));
        }
    }

    private record SourcesFile(List<Entry> sources) {
    }

    private final String file;
    private final List<Source> inline;
    private final Path managedFile;
    private List<Source> fromFile = List.of();
    private List<Source> managed = List.of();
    private FileTime readAt;

    /**
     * @param file   a sources file, {@value #BUILT_IN}, or null/blank for none
     * @param inline sources written into the configuration; they replace file sources with the same id
     * @throws IOException when the file cannot be read the first time (a later change that breaks it is only logged)
     */
    public SourceCatalog(String file, List<Source> inline) throws IOException {
        this(file, inline, null);
    }

    /**
     * @param managedFile where sources added or changed through {@link #put} are kept (read here if it
     *                    exists); null to refuse such changes
     */
    public SourceCatalog(String file, List<Source> inline, Path managedFile) throws IOException {
        this.file = file == null || file.isBlank() ? null : file.strip();
        this.inline = List.copyOf(inline);
        this.managedFile = managedFile;
        if (managedFile != null && Files.isRegularFile(managedFile)) {
            try (InputStream in = Files.newInputStream(managedFile)) {
                managed = parse(in, managedFile.toString());
            }
        }
        if (BUILT_IN.equals(this.file)) {
            try (InputStream in = SourceCatalog.class.getResourceAsStream("sources.yaml")) {
                fromFile = parse(in, "the built-in sources");
            }
        } else if (this.file != null) {
            Path path = Path.of(this.file);
            if (!Files.isRegularFile(path)) throw new IOException("sources file not found: " + path);
            readAt = Files.getLastModifiedTime(path);
            try (InputStream in = Files.newInputStream(path)) {
                fromFile = parse(in, path.toString());
            }
        }
    }

    /** Every source, enabled or not, after reading the file again if it has changed. */
    public synchronized List<Source> all() {
        if (file != null && !BUILT_IN.equals(file)) reloadIfChanged(Path.of(file));
        Map<String, Source> byId = new LinkedHashMap<>();
        for (Source s : fromFile) byId.put(s.id(), s);
        for (Source s : inline) byId.put(s.id(), s);
        for (Source s : managed) byId.put(s.id(), s);
        return List.copyOf(byId.values());
    }

    /** The source with this id, enabled or not. */
    public Optional<Source> find(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Adds a source or replaces the one with the same id, and keeps it in the data folder, written
     * whole to a temporary file and moved into place so a crash leaves the old list or the new one.
     *
     * @return true when the source is new
     * @throws IOException when the list cannot be written; nothing changes then
     */
    public synchronized boolean put(Source source) throws IOException {
        if (managedFile == null) throw new IOException("sources cannot be changed here: this catalogue has no data folder");
        boolean added = find(source.id()).isEmpty();
        List<Source> next = new ArrayList<>();
        for (Source s : managed) if (!s.id().equals(source.id())) next.add(s);
        next.add(source);
        Files.createDirectories(managedFile.toAbsolutePath().getParent());
        Path temporary = managedFile.resolveSibling(managedFile.getFileName() + ".tmp");
        String text = "# Sources added or changed through the API; they replace sources of the same id from\n"
                + "# the sources file and the configuration. Written by the service: change them through the API.\n"
                + YAML.writeValueAsString(new SourcesFile(next.stream().map(Entry::of).toList()));
        try (var channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            var bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) channel.write(bytes);
            channel.force(true);
        }
        Files.move(temporary, managedFile, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        managed = List.copyOf(next);
        log.info("source={} {} ({}abled)", source.id(), added ? "added" : "changed", source.enabled() ? "en" : "dis");
        return added;
    }

    /** The enabled sources, after reading the file again if it has changed. */
    public List<Source> enabled() {
        return all().stream().filter(Source::enabled).toList();
    }

    private void reloadIfChanged(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.equals(readAt)) return;
            try (InputStream in = Files.newInputStream(path)) {
                List<Source> next = parse(in, path.toString());
                log.info("file={} sources read again: {} sources, {} enabled", path, next.size(),
                        next.stream().filter(Source::enabled).count());
                fromFile = next;
            }
            readAt = modified;
        } catch (IOException e) {
            log.error("file={} sources not read again, keeping the {} sources read before: {}", path, fromFile.size(), e.getMessage());
        }
    }

    /** Reads a sources file; {@code name} says which in error messages. */
    public static List<Source> parse(InputStream in, String name) throws IOException {
        if (in == null) throw new IOException(name + ": not found");
        SourcesFile parsed;
        try {
            JsonNode tree = YAML.readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) return List.of();
            parsed = YAML.treeToValue(tree, SourcesFile.class);
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<Source> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (parsed.sources() == null) return sources;
        for (Entry entry : parsed.sources()) {
            Source source;
            try {
                source = entry.toSource();
            } catch (IllegalArgumentException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
            if (!ids.add(source.id())) throw new IOException(name + ": source id " + source.id() + " appears twice");
            sources.add(source);
        }
        return sources;
    }

    private static Duration duration(String text, String id) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source " + id + ": recheck is " + e.getMessage(), e);
        }
    }
}
