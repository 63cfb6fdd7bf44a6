package org.mediamonitor.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that serves fixed responses by path, answers a matching
 * If-None-Match with 304, runs custom handlers, and counts requests (with their arrival times).
 */
final class LoopbackSite implements AutoCloseable {
    record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    LoopbackSite page(String path, String contentType, String body) {
        return page(path, 200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    LoopbackSite page(String path, int status, String contentType, byte[] body, Map<String, String> headers) {
        responses.put(path, new Response(status, contentType, body, headers));
        return this;
    }

    LoopbackSite handler(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    int notModified(String path) {
        AtomicInteger count = notModified.get(path);
        return count == null ? 0 : count.get();
    }

    /** Arrival times (ms) of every request, in order. */
    List<Long> arrivals() {
        return arrivals;
    }

    private void serve(HttpExchange exchange) throws IOException {
        arrivals.add(System.currentTimeMillis());
        String path = exchange.getRequestURI().getRawPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        HttpHandler handler = handlers.get(path);
        if (handler != null) {
            handler.handle(exchange);
            return;
        }
        Response response = responses.get(path);
        if (response == null) response = new Response(404, "text/plain", "not found".getBytes(), Map.of());
        String etag = response.headers().get("ETag");
        String asked = exchange.getRequestHeaders().getFirst("If-None-Match");
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (etag != null && etag.equals(asked)) {
            notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        if (response.contentType() != null) exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
