package org.mediamonitor.crawler;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.brotli.dec.BrotliInputStream;

/**
 * Fetches pages, feeds and sitemaps over HTTP with the limits a crawler of other people's sites needs:
 * connect, read and total timeouts; a cap on the decoded body (gzip, deflate and brotli are decoded
 * here, so a compression bomb stops at the cap); a redirect limit; content types other than HTML, XML,
 * JSON feeds and text skipped; one request at a time per host with a delay between them (longer when
 * robots.txt asks for it, or after a 429/503 with Retry-After); conditional GET; and no connection to a
 * loopback, private, link-local or multicast address unless the caller allows it for the URL's own host.
 * That address check runs on every redirect hop and again inside the HTTP client's DNS resolver, so a
 * name that resolves differently between the check and the connection is still refused.
 */
public final class Fetcher implements Closeable {

    /**
     * Limits and identity of the fetcher.
     *
     * @param userAgent      the User-Agent header: the product's name and a contact URL
     * @param connectTimeout longest wait for a TCP (and TLS) connection
     * @param readTimeout    longest silence while waiting for or reading a response
     * @param totalTimeout   longest time one request may take, however slowly the bytes trickle in
     * @param maxBytes       decoded bodies are cut at this size and flagged as truncated
     * @param maxRedirects   redirects followed before giving up
     * @param perHostDelay   least time between two requests to one host
     * @param maxWait        longest the fetcher sleeps for a host's turn; a longer back-off fails at once
     */
    public record Settings(String userAgent, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                           int maxBytes, int maxRedirects, Duration perHostDelay, Duration maxWait) {
        public static Settings defaults() {
            return new Settings("MediaMonitor/0.1 (+https://github.com/mediamonitor/media-monitor)",
                    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 10 * 1024 * 1024, 5,
                    Duration.ofSeconds(1), Duration.ofSeconds(60));
        }

        public Settings withPerHostDelay(Duration delay) {
            return new Settings(userAgent, connectTimeout, readTimeout, totalTimeout, maxBytes, maxRedirects, delay, maxWait);
        }

        public Settings withTimeouts(Duration connect, Duration read, Duration total) {
            return new Settings(userAgent, connect, read, total, maxBytes, maxRedirects, perHostDelay, maxWait);
        }

        public Settings withMaxBytes(int bytes) {
            return new Settings(userAgent, connectTimeout, readTimeout, totalTimeout, bytes, maxRedirects, perHostDelay, maxWait);
        }

        public Settings withMaxWait(Duration wait) {
            return new Settings(userAgent, connectTimeout, readTimeout, totalTimeout, maxBytes, maxRedirects, perHostDelay, wait);
        }
    }

    private static final List<Integer> REDIRECTS = List.of(301, 302, 303, 307, 308);
    private static final Duration DEFAULT_BACK_OFF = Duration.ofMinutes(1);
    private static final Duration LONGEST_BACK_OFF = Duration.ofHours(6);

    private final Settings settings;
    private final CloseableHttpClient client;
    private final Map<String, HostTurn> hosts = new ConcurrentHashMap<>();
    /** The one host whose private addresses the current request may reach (a source marked local), per thread. */
    private final ThreadLocal<String> localHost = new ThreadLocal<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-deadlines");
        t.setDaemon(true);
        return t;
    });

    public Fetcher(Settings settings) {
        this.settings = settings;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PublicAddressResolver())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(settings.readTimeout())).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setMaxConnPerRoute(1)
                .setMaxConnTotal(64)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression() // decoded here, with a cap on the decoded size
                .disableAutomaticRetries()
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** Fetches {@code url} without validators. */
    public Page fetch(URI url, boolean allowLocal) throws IOException {
        return fetch(url, allowLocal, Page.Validators.NONE);
    }

    /**
     * Fetches {@code url}, following redirects up to the limit.
     *
     * @param allowLocal true only for sources marked local: then the URL's own host may be a private address
     *                   (a redirect to another host must still be public)
     * @param validators ETag and Last-Modified of the copy we hold; a 304 answer comes back as a page with
     *                   {@link Page#notModified()} and no body
     * @throws FetchException for a refused address, a skipped content type, a redirect loop or limit, an HTTP
     *                        status of 400 or more, or a host we must leave alone for now ({@link FetchException#retryAt()})
     * @throws IOException    for network failures and timeouts
     */
    public Page fetch(URI url, boolean allowLocal, Page.Validators validators) throws IOException {
        URI current = url;
        String permitted = allowLocal && url.getHost() != null ? url.getHost().toLowerCase(Locale.ROOT) : null;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            checkAddress(current, permitted);
            Object outcome = fetchOnce(url, current, permitted, hop == 0 ? validators : Page.Validators.NONE);
            if (outcome instanceof Page page) return page;
            current = (URI) outcome;
        }
        throw new FetchException("more than " + settings.maxRedirects() + " redirects from " + url);
    }

    /** Sets the least time between requests to {@code host}, as its robots.txt asks (never below the default). */
    public void crawlDelay(String host, Duration delay) {
        HostTurn turn = turn(host);
        turn.crawlDelay = delay;
        turn.nextAllowed = Math.max(turn.nextAllowed, turn.lastRequest + turn.delay(settings).toMillis());
    }

    private Object fetchOnce(URI original, URI requested, String permitted, Page.Validators validators) throws IOException {
        HostTurn turn = turn(requested.getHost());
        turn.lock.lock();
        try {
            waitForTurn(requested, turn);
            HttpGet get = new HttpGet(requested);
            get.addHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,"
                    + "application/atom+xml,application/feed+json;q=0.9,text/plain;q=0.5");
            get.addHeader("Accept-Encoding", "gzip, deflate, br");
            if (validators.etag() != null) get.addHeader("If-None-Match", validators.etag());
            if (validators.lastModified() != null) get.addHeader("If-Modified-Since", validators.lastModified());
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                timedOut.set(true);
                get.cancel();
            }, settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
            localHost.set(permitted);
            try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
                return handle(original, requested, response, get, turn);
            } catch (IOException e) {
                if (timedOut.get()) throw new FetchException("took longer than " + settings.totalTimeout().toSeconds()
                        + " s: " + requested);
                Throwable refused = e;
                while (refused != null && !(refused instanceof RefusedAddressException)) refused = refused.getCause();
                if (refused != null) throw new FetchException(refused.getMessage());
                throw e;
            } finally {
                localHost.remove();
                deadline.cancel(false);
                turn.lastRequest = System.currentTimeMillis();
                turn.nextAllowed = Math.max(turn.nextAllowed, turn.lastRequest + turn.delay(settings).toMillis());
            }
        } finally {
            turn.lock.unlock();
        }
    }

    private Object handle(URI original, URI requested, ClassicHttpResponse response, HttpGet get, HostTurn turn)
            throws IOException {
        int status = response.getCode();
        if (REDIRECTS.contains(status)) {
            Header location = response.getFirstHeader("Location");
            if (location == null) throw new FetchException("redirect without Location from " + requested, status);
            try {
                return requested.resolve(location.getValue().strip());
            } catch (IllegalArgumentException e) {
                throw new FetchException("redirect to a URL that is not valid from " + requested, status);
            }
        }
        if (status == 429 || status == 503) {
            Instant until = Instant.now().plus(retryAfter(response.getFirstHeader("Retry-After")));
            turn.nextAllowed = Math.max(turn.nextAllowed, until.toEpochMilli());
            throw new FetchException("HTTP " + status + " from " + requested + ": retry after " + until, status, until);
        }
        if (status >= 300 && status != 304) throw new FetchException("HTTP " + status + " from " + requested, status);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : response.getHeaders()) headers.add(new AbstractMap.SimpleImmutableEntry<>(header.getName(), header.getValue()));
        Page.Validators validators = new Page.Validators(value(response, "ETag"), value(response, "Last-Modified"));
        HttpEntity entity = response.getEntity();
        String type = value(response, "Content-Type");
        if (status == 304 || entity == null) {
            return new Page(original, requested, status, type, new byte[0], false, validators, headers, Instant.now());
        }
        if (!wanted(type, requested)) {
            get.cancel(); // leaves the body unread
            throw new FetchException("skipped: content type " + type + " at " + requested);
        }
        try (InputStream raw = entity.getContent(); InputStream in = decoded(raw, value(response, "Content-Encoding"), requested)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            boolean truncated = false;
            for (int n; (n = in.read(buffer)) != -1; ) {
                int room = settings.maxBytes() - total;
                if (n > room) {
                    out.write(buffer, 0, room);
                    truncated = true;
                    get.cancel(); // the rest is neither read nor decoded
                    break;
                }
                out.write(buffer, 0, n);
                total += n;
            }
            return new Page(original, requested, status, type, out.toByteArray(), truncated, validators, headers, Instant.now());
        }
    }

    private static String value(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** HTML, XML (feeds, sitemaps), JSON Feed, plain text (robots.txt) and gzipped sitemaps; nothing else is read. */
    static boolean wanted(String contentType, URI url) {
        if (contentType == null || contentType.isBlank()) return true;
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("text/html") || type.equals("application/xhtml+xml") || type.equals("text/plain")) return true;
        if (type.endsWith("/xml") || type.endsWith("+xml")) return true;
        if (type.equals("application/json") || type.equals("application/feed+json")) return true;
        boolean gzipped = type.equals("application/gzip") || type.equals("application/x-gzip")
                || type.equals("application/octet-stream");
        return gzipped && url.getPath() != null && url.getPath().endsWith(".gz");
    }

    private static InputStream decoded(InputStream raw, String encoding, URI url) throws IOException {
        if (encoding == null || encoding.isBlank()) return raw;
        String name = encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "identity" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "br" -> new BrotliInputStream(raw);
            case "deflate" -> inflated(raw);
            default -> throw new FetchException("skipped: content encoding " + encoding + " at " + url);
        };
    }

    /** "deflate" is zlib-wrapped by the standard and raw in some servers: the first byte tells which. */
    private static InputStream inflated(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 1);
        int first = in.read();
        if (first == -1) return in;
        in.unread(first);
        boolean zlib = (first & 0x0f) == 8;
        return new InflaterInputStream(in, new Inflater(!zlib), 8192);
    }

    private static Duration retryAfter(Header header) {
        Duration wait = DEFAULT_BACK_OFF;
        if (header != null) {
            String value = header.getValue().strip();
            try {
                wait = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                try {
                    wait = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException unreadable) {
                    // keep the default
                }
            }
        }
        if (wait.isNegative()) return Duration.ZERO;
        return wait.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : wait;
    }

    private HostTurn turn(String host) {
        return hosts.computeIfAbsent(host == null ? "" : host.toLowerCase(Locale.ROOT), h -> new HostTurn());
    }

    private void waitForTurn(URI url, HostTurn turn) throws IOException {
        long wait = turn.nextAllowed - System.currentTimeMillis();
        if (wait <= 0) return;
        if (wait > settings.maxWait().toMillis()) {
            Instant until = Instant.ofEpochMilli(turn.nextAllowed);
            throw new FetchException("not asking " + url.getHost() + " again before " + until + ": " + url, 0, until);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to fetch from " + url.getHost());
        }
    }

    private static void checkAddress(URI url, String permittedLocalHost) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("not an http(s) URL: " + url);
        }
        if (url.getHost() == null) throw new FetchException("no host in " + url);
        if (url.getHost().equalsIgnoreCase(permittedLocalHost)) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new FetchException("unknown host " + url.getHost());
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) throw new FetchException(refusal(url.getHost(), address));
        }
    }

    private static String refusal(String host, InetAddress address) {
        return "refused: " + host + " resolves to the private address " + address.getHostAddress()
                + " and the source is not marked local";
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) return true;
        byte[] raw = address.getAddress();
        // IPv6 unique local addresses (fc00::/7), IPv4-mapped IPv6, and IPv4 carrier-grade NAT (100.64.0.0/10)
        if (raw.length == 16 && (raw[0] & 0xfe) == 0xfc) return true;
        if (raw.length == 4 && (raw[0] & 0xff) == 0) return true;
        return raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    }

    /** Refuses private addresses at connection time, closing the gap between the check above and the connect. */
    private final class PublicAddressResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            if (host.equalsIgnoreCase(localHost.get())) return addresses;
            for (InetAddress address : addresses) {
                if (isPrivate(address)) throw new RefusedAddressException(refusal(host, address));
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return resolve(host)[0].getCanonicalHostName();
        }
    }

    private static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    /** When a host may next be asked, and the lock that keeps it to one request at a time. */
    private static final class HostTurn {
        final ReentrantLock lock = new ReentrantLock();
        volatile long nextAllowed;
        volatile long lastRequest;
        volatile Duration crawlDelay;

        Duration delay(Settings settings) {
            Duration robots = crawlDelay;
            return robots != null && robots.compareTo(settings.perHostDelay()) > 0 ? robots : settings.perHostDelay();
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
