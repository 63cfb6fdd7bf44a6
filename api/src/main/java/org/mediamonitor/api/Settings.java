package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mediamonitor.crawler.Fetcher;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * The service's configuration: the documented defaults in {@code media-monitor.yaml}, overridden by
 * the settings of a file given with {@code --config}.
 */
record Settings(Server server, Path data, Kpi kpi, CrawlerSettings crawler, List<SourceEntry> sources) {

    /** A source as the configuration writes it; {@code enabled} is true unless it says otherwise. */
    record SourceEntry(String id, String name, String feedUrl, String language, String country, SourceKind kind,
                       Boolean local, Boolean enabled) {
        Source toSource() {
            if (id == null || id.isBlank()) throw new IllegalArgumentException("a source without an id");
            if (feedUrl == null || feedUrl.isBlank()) throw new IllegalArgumentException("source " + id + " has no feed-url");
            return new Source(id, name, feedUrl, language, country, kind, Boolean.TRUE.equals(local), !Boolean.FALSE.equals(enabled));
        }

        static SourceEntry of(Source s) {
            return new SourceEntry(s.id(), s.name(), s.feedUrl(), s.language(), s.country(), s.kind(), s.local(), s.enabled());
        }
    }

    /** The configured sources that are enabled. */
    List<Source> enabledSources() {
        return sources == null ? List.of() : sources.stream().map(SourceEntry::toSource).filter(Source::enabled).toList();
    }

    record Server(int port, String host) {
    }

    record Kpi(int yearlyTarget) {
    }

    record CrawlerSettings(String userAgent, String perHostDelay, String connectTimeout, String readTimeout,
                           int maxBytes, int maxRedirects, String interval) {
        Fetcher.Settings fetcher() {
            return new Fetcher.Settings(userAgent, duration(connectTimeout), duration(readTimeout), maxBytes,
                    maxRedirects, duration(perHostDelay));
        }

        Duration intervalDuration() {
            return duration(interval);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** The defaults, with the settings of {@code file} (when not null) laid over them. */
    static Settings load(Path file) throws IOException {
        JsonNode merged;
        try (InputStream defaults = Settings.class.getResourceAsStream("media-monitor.yaml")) {
            merged = YAML.readTree(defaults);
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IOException("configuration file not found: " + file);
            JsonNode overrides = YAML.readTree(file.toFile());
            if (overrides != null && !overrides.isMissingNode() && !overrides.isNull()) {
                if (!overrides.isObject()) throw new IOException(file + ": expected a mapping of settings");
                merge((ObjectNode) merged, overrides);
            }
        }
        Settings settings;
        try {
            settings = YAML.treeToValue(merged, Settings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException((file == null ? "default settings" : file) + ": " + e.getOriginalMessage(), e);
        }
        settings.crawler().fetcher(); // reads every duration now, so a bad one fails at start
        settings.crawler().intervalDuration();
        try {
            settings.enabledSources();
        } catch (IllegalArgumentException e) {
            throw new IOException((file == null ? "default settings" : file) + ": " + e.getMessage(), e);
        }
        return settings;
    }

    Settings withPort(int port) {
        return new Settings(new Server(port, server.host()), data, kpi, crawler, sources);
    }

    Settings withData(Path folder) {
        return new Settings(server, folder, kpi, crawler, sources);
    }

    Settings withSources(List<Source> list) {
        return new Settings(server, data, kpi, crawler, list.stream().map(SourceEntry::of).toList());
    }

    Settings withPerHostDelay(String delay) {
        return new Settings(server, data, kpi, new CrawlerSettings(crawler.userAgent(), delay, crawler.connectTimeout(),
                crawler.readTimeout(), crawler.maxBytes(), crawler.maxRedirects(), crawler.interval()), sources);
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = from.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) merge(object, field.getValue());
            else into.set(field.getKey(), field.getValue());
        }
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 1s, 15m, 6h)");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
