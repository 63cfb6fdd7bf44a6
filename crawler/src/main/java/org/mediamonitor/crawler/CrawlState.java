package org.mediamonitor.crawler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the crawler remembers between runs, in {@code data/state/crawl-state.jsonl}: per URL the
 * validators of feeds and sitemaps, where its last response lies in the WARC archive, and how its
 * last fetch ended; per source the next visit, the last success and error and the items added per
 * day. Every change is appended as one JSON line and written straight to the file, so a kill -9 loses
 * at most the line being written (a torn last line is ignored on reading); the file is compacted when
 * it is opened.
 */
final class CrawlState implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(CrawlState.class);
    private static final Duration FORGET_URLS_AFTER = Duration.ofDays(90);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** How the last visit of a URL ended. */
    enum Outcome {
        /** fetched and archived, not yet processed: a restart processes it from the archive */
        FETCHED,
        /** an item was made of it (it is durable once the index commit of its source returns) */
        ITEM,
        /** processed, no article in it (or a copy of one stored under another URL) */
        NO_ITEM,
        /** the fetch failed; {@code retryAt} says when to try again */
        FAILED,
        /** a feed or sitemap, read for its links */
        DOCUMENT
    }

    /**
     * @param item the id of the item made of the URL (outcome ITEM), which may differ from the URL's own
     *             when the page names another canonical URL
     */
    record UrlState(String url, Outcome outcome, String etag, String lastModified, String warcFile, Long warcOffset,
                    long visited, int failures, Long retryAt, String reason, String item) {
        WarcArchive.Location location() {
            return warcFile == null || warcOffset == null ? null : new WarcArchive.Location(warcFile, warcOffset);
        }

        Page.Validators validators() {
            return new Page.Validators(etag, lastModified);
        }
    }

    record SourceState(String id, Long nextVisit, Long lastSuccess, Long lastError, String lastErrorMessage,
                       TreeMap<String, Integer> addedByDay) {
    }

    private record Line(UrlState url, SourceState source) {
    }

    private final Path file;
    private final Map<String, UrlState> urls = new ConcurrentHashMap<>();
    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();
    private final FileChannel journal;

    CrawlState(Path folder) throws IOException {
        Files.createDirectories(folder);
        this.file = folder.resolve("crawl-state.jsonl");
        if (Files.exists(file)) load();
        compact(folder);
        this.journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }

    UrlState url(String url) {
        return urls.get(url);
    }

    SourceState source(String id) {
        return sources.get(id);
    }

    void put(UrlState state) throws IOException {
        urls.put(state.url(), state);
        append(new Line(state, null));
    }

    void put(SourceState state) throws IOException {
        sources.put(state.id(), state);
        append(new Line(null, state));
    }

    /** Forces the journal to the disk (a power cut, not only a killed process, then loses nothing before it). */
    void sync() throws IOException {
        journal.force(false);
    }

    private synchronized void append(Line line) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) journal.write(buffer);
    }

    private void load() throws IOException {
        int lineNumber = 0, torn = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                lineNumber++;
                if (text.isBlank()) continue;
                Line line;
                try {
                    line = JSON.readValue(text, Line.class);
                } catch (IOException e) {
                    torn++;
                    continue;
                }
                if (line.url() != null && line.url().url() != null) urls.put(line.url().url(), line.url());
                if (line.source() != null && line.source().id() != null) sources.put(line.source().id(), line.source());
            }
        }
        if (torn > 0) log.warn("file={} {} of {} lines unreadable (an interrupted write); the rest is kept", file, torn, lineNumber);
    }

    private void compact(Path folder) throws IOException {
        long forgetBefore = System.currentTimeMillis() - FORGET_URLS_AFTER.toMillis();
        urls.values().removeIf(u -> u.visited() < forgetBefore && u.outcome() != Outcome.DOCUMENT);
        Path next = folder.resolve("crawl-state.jsonl.next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            StringBuilder chunk = new StringBuilder();
            for (SourceState s : sources.values()) chunk.append(JSON.writeValueAsString(new Line(null, s))).append('\n');
            for (UrlState u : urls.values()) {
                chunk.append(JSON.writeValueAsString(new Line(u, null))).append('\n');
                if (chunk.length() > 1 << 20) {
                    write(out, chunk);
                    chunk.setLength(0);
                }
            }
            write(out, chunk);
            out.force(true);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(FileChannel out, CharSequence text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) out.write(buffer);
    }

    @Override
    public void close() throws IOException {
        // a crawl thread interrupted in the middle of a write closes the channel (ClosedByInterruptException);
        // that write failed to its caller, and there is nothing left here to force
        if (journal.isOpen()) journal.force(false);
        journal.close();
    }
}
