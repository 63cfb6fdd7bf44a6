package org.mediamonitor.crawler;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches pages and feeds over HTTP with the limits a crawler of other people's sites needs: timeouts,
 * a size cap, a redirect limit, one request at a time per host with a delay between them, and no
 * requests to loopback, private, link-local or multicast addresses unless the caller allows it (the
 * check runs after DNS resolution, on every redirect hop).
 */
public final class Fetcher implements Closeable {

    /** Limits and identity of the fetcher. */
    public record Settings(String userAgent, Duration connectTimeout, Duration readTimeout, int maxBytes,
                           int maxRedirects, Duration perHostDelay) {
        public static Settings defaults() {
            return new Settings("MediaMonitor/0.1 (+https://github.com/mediamonitor/media-monitor)",
                    Duration.ofSeconds(10), Duration.ofSeconds(30), 10 * 1024 * 1024, 5, Duration.ofSeconds(1));
        }

        public Settings withPerHostDelay(Duration delay) {
            return new Settings(userAgent, connectTimeout, readTimeout, maxBytes, maxRedirects, delay);
        }
    }

    private final Settings settings;
    private final CloseableHttpClient client;
    private final Map<String, Long> nextAllowedByHost = new ConcurrentHashMap<>();

    public Fetcher(Settings settings) {
        this.settings = settings;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
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
                .setUserAgent(settings.userAgent())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .build();
    }

    /**
     * Fetches {@code url}, following redirects up to the limit.
     *
     * @param allowLocal true only for sources marked local; otherwise private addresses are refused
     * @throws FetchException for a refused address, a redirect loop or limit, or an HTTP status of 400 or more
     * @throws IOException    for network failures and timeouts
     */
    public Page fetch(URI url, boolean allowLocal) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            checkAddress(current, allowLocal);
            waitForTurn(current.getHost());
            HttpGet get = new HttpGet(current);
            get.addHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            final URI requested = current;
            Object outcome = client.execute(get, response -> handle(url, requested, response));
            if (outcome instanceof Page page) return page;
            current = (URI) outcome;
        }
        throw new FetchException("more than " + settings.maxRedirects() + " redirects from " + url);
    }

    private Object handle(URI original, URI requested, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400 && status != 304) {
            Header location = response.getFirstHeader("Location");
            if (location == null) throw new FetchException("redirect without Location from " + requested, status);
            return requested.resolve(location.getValue().strip());
        }
        if (status >= 400) throw new FetchException("HTTP " + status + " from " + requested, status);
        HttpEntity entity = response.getEntity();
        String type = entity == null ? null : entity.getContentType();
        if (entity == null) return new Page(original, requested, status, type, new byte[0], false);
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            boolean truncated = false;
            for (int n; (n = in.read(buffer)) != -1; ) {
                int room = settings.maxBytes() - total;
                if (n > room) {
                    out.write(buffer, 0, room);
                    truncated = true;
                    break;
                }
                out.write(buffer, 0, n);
                total += n;
            }
            return new Page(original, requested, status, type, out.toByteArray(), truncated);
        }
    }

    private void waitForTurn(String host) throws IOException {
        long delay = settings.perHostDelay().toMillis();
        String key = host == null ? "" : host.toLowerCase(Locale.ROOT);
        while (true) {
            long now = System.currentTimeMillis();
            Long allowed = nextAllowedByHost.get(key);
            if (allowed == null || allowed <= now) {
                if (allowed == null ? nextAllowedByHost.putIfAbsent(key, now + delay) == null
                        : nextAllowedByHost.replace(key, allowed, now + delay)) return;
                continue;
            }
            try {
                Thread.sleep(allowed - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to fetch from " + host, e);
            }
        }
    }

    private static void checkAddress(URI url, boolean allowLocal) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("not an http(s) URL: " + url);
        }
        if (url.getHost() == null) throw new FetchException("no host in " + url);
        if (allowLocal) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new FetchException("unknown host " + url.getHost());
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new FetchException("refused: " + url.getHost() + " resolves to the private address "
                        + address.getHostAddress() + " and the source is not marked local");
            }
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) return true;
        byte[] raw = address.getAddress();
        // IPv6 unique local addresses (fc00::/7) and IPv4 carrier-grade NAT (100.64.0.0/10)
        if (raw.length == 16 && (raw[0] & 0xfe) == 0xfc) return true;
        return raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
