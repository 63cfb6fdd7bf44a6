package org.mediamonitor.crawler;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive of every response the crawler received, in gzipped WARC files (jwarc) under
 * {@code data/warc/}, written and forced to disk before the response is processed. Each run starts a
 * new file (a killed run may have left a half-written record at the end of its file) and files rotate
 * at a size limit. Bodies are stored decoded from their content encoding, with that header removed,
 * and a body cut at the size limit carries {@code WARC-Truncated: length}.
 */
public final class WarcArchive implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(WarcArchive.class);
    /** WARC extension field naming the source a response was fetched for. */
    static final String SOURCE_FIELD = "Media-Monitor-Source";
    private static final Set<String> DROPPED = Set.of("content-encoding", "transfer-encoding", "content-length");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    /** Where one record starts: the file name inside the archive folder and the byte offset. */
    public record Location(String file, long offset) {
    }

    /** One archived response, as read back. */
    public record Record(Location location, String source, Page page) {
    }

    private final Path folder;
    private final long rotateAt;
    private FileChannel channel;
    private WarcWriter writer;
    private String fileName;
    private int serial;

    public WarcArchive(Path folder, long rotateAt) throws IOException {
        this.folder = folder;
        this.rotateAt = rotateAt;
        Files.createDirectories(folder);
    }

    /** Archives one response and returns where it is. */
    public synchronized Location write(Page page, String source) throws IOException {
        if (writer == null || channel.position() >= rotateAt) rotate();
        HttpResponse.Builder http = new HttpResponse.Builder(page.status(), reason(page.status()));
        for (Map.Entry<String, String> header : page.headers()) {
            if (!DROPPED.contains(header.getKey().toLowerCase(Locale.ROOT))) http.addHeader(header.getKey(), header.getValue());
        }
        http.body(mediaType(page.contentType()), page.body());
        WarcResponse.Builder record = new WarcResponse.Builder(page.finalUrl())
                .date(page.fetched())
                .body(http.build());
        if (source != null) record.addHeader(SOURCE_FIELD, source);
        if (page.truncated()) record.truncated(WarcTruncationReason.LENGTH);
        long offset = channel.position();
        try {
            writer.write(record.build());
            channel.force(false);
        } catch (IOException e) {
            abandon(offset);
            throw e;
        }
        return new Location(fileName, offset);
    }

    /** Reads back the response archived at {@code location}. */
    public Page read(Location location) throws IOException {
        Path file = folder.resolve(location.file()).normalize();
        if (!file.startsWith(folder.normalize())) throw new IOException("not an archive file: " + location.file());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); WarcReader reader = new WarcReader(in)) {
            reader.position(location.offset());
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no record at " + location));
            if (!(record instanceof WarcResponse response)) throw new IOException("not a response at " + location);
            return toPage(response);
        }
    }

    /** Every archived response, file by file in the order they were written. */
    public void forEach(java.util.function.Consumer<Record> sink) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, "*.warc.gz")) {
            list.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            try (WarcReader reader = new WarcReader(file)) {
                reader.setLenient(true);
                while (true) {
                    WarcRecord record;
                    long offset = reader.position();
                    try {
                        var next = reader.next();
                        if (next.isEmpty()) break;
                        record = next.get();
                    } catch (IOException | RuntimeException e) {
                        log.warn("file={} offset={} archive ends in a damaged record (an interrupted run): {}",
                                file.getFileName(), offset, e.getMessage());
                        break;
                    }
                    if (record instanceof WarcResponse response) {
                        Location location = new Location(file.getFileName().toString(), reader.position());
                        try {
                            sink.accept(new Record(location, response.headers().first(SOURCE_FIELD).orElse(null), toPage(response)));
                        } catch (IOException e) {
                            log.warn("file={} offset={} unreadable response: {}", file.getFileName(), offset, e.getMessage());
                        }
                    }
                }
            }
        }
    }

    private static Page toPage(WarcResponse response) throws IOException {
        HttpResponse http = response.http();
        byte[] body = http.body().stream().readAllBytes();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        http.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new AbstractMap.SimpleImmutableEntry<>(name, v))));
        String type = http.headers().first("Content-Type").orElse(null);
        Page.Validators validators = new Page.Validators(http.headers().first("ETag").orElse(null),
                http.headers().first("Last-Modified").orElse(null));
        URI url = response.targetURI();
        return new Page(url, url, http.status(), type, body, response.truncated() != WarcTruncationReason.NOT_TRUNCATED,
                validators, headers, response.date());
    }

    private void rotate() throws IOException {
        closeWriter();
        fileName = "media-monitor-" + STAMP.format(Instant.now()) + "-" + (serial++) + ".warc.gz";
        channel = FileChannel.open(folder.resolve(fileName), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writer = new WarcWriter(channel, WarcCompression.GZIP);
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null) return MediaType.OCTET_STREAM;
        try {
            return MediaType.parse(contentType);
        } catch (RuntimeException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 304 -> "Not Modified";
            default -> "Status";
        };
    }

    /**
     * After a failed write (a full disk): cuts the file back to its last whole record, which gives the
     * space back and keeps the file readable to its end, and leaves the next write to start a new file.
     */
    private void abandon(long offset) {
        Path file = folder.resolve(fileName);
        try {
            channel.close(); // not the writer: closing it would write what it holds of the failed record
        } catch (IOException | RuntimeException e) {
            // the file is given up either way
        }
        writer = null;
        channel = null;
        try {
            if (offset == 0) {
                Files.deleteIfExists(file); // nothing in it: no empty file per failed attempt
            } else {
                try (FileChannel cut = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    cut.truncate(offset);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("file={} a failed write left a partial record at offset {}: {}", file.getFileName(), offset, e.getMessage());
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            channel = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeWriter();
    }
}
