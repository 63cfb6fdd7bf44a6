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
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.crawler.Durations;
import org.mediamonitor.crawler.Fetcher;
import org.mediamonitor.crawler.SourceCatalog;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * The service's configuration: the documented defaults in {@code media-monitor.yaml}, overridden by
 * the settings of a file given with {@code --config}.
 */
record Settings(Server server, Path data, Kpi kpi, CrawlerSettings crawler, List<SourceEntry> sources,
                DigestSettings digest, Alerts.Rules alerts, IndexSettings index, ClassifierSettings classifier) {

    /**
     * The {@code classifier:} section: a label model saved by {@code monitor train} to classify with instead of
     * the built-in lexicon; empty for the lexicon.
     */
    record ClassifierSettings(String model) {
        /** The model file, or null for the built-in classifier. */
        Path modelFile() {
            return model == null || model.isBlank() ? null : Path.of(model.strip());
        }

        void check() {
            Path file = modelFile();
            if (file != null && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("classifier.model: no such file: " + file.toAbsolutePath());
            }
        }
    }

    /** The {@code index:} section: how often added items are made durable, and what is checked of the files on start. */
    record IndexSettings(String commitInterval, String check) {
        Duration commitEvery() {
            try {
                return Durations.parse(commitInterval);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("index.commit-interval is " + e.getMessage(), e);
            }
        }

        ItemIndex.Options.Check checks() {
            for (ItemIndex.Options.Check c : ItemIndex.Options.Check.values()) {
                if (c.name().equalsIgnoreCase(check == null ? "" : check.strip())) return c;
            }
            throw new IllegalArgumentException("index.check must be none, checksums or full; got '" + check + "'");
        }

        /** The index's options in {@code folder} with these settings. */
        ItemIndex.Options options(Path folder) {
            ItemIndex.Options defaults = ItemIndex.Options.defaults(folder);
            return new ItemIndex.Options(commitEvery(), defaults.sources(), defaults.state(), checks());
        }
    }

    /**
     * The daily digest: built at {@code time} (Asia/Taipei) for the day before, e-mailed to the
     * recipients through the SMTP server; no recipients, no e-mail.
     */
    record DigestSettings(String time, List<String> recipients, String from, String smtpHost, int smtpPort,
                          String smtpUsername, String smtpPassword, boolean smtpStarttls) {
        java.time.LocalTime at() {
            try {
                return java.time.LocalTime.parse(time);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("digest.time must be a time of day such as 07:30; got '" + time + "'");
            }
        }

        Digests.Mail mail() {
            return new Digests.Mail(smtpHost, smtpPort, from, recipients == null ? List.of() : recipients, smtpUsername,
                    smtpPassword, smtpStarttls);
        }
    }


    /** A source as the configuration writes it; {@code enabled} is true unless it says otherwise. */
    record SourceEntry(String id, String name, String feedUrl, List<String> sitemaps, String language, String country,
                       SourceKind kind, Boolean local, Boolean enabled, String recheck, Boolean important) {
        Source toSource() {
            return new SourceCatalog.Entry(id, name, feedUrl, sitemaps, language, country, kind, local, enabled, recheck,
                    important).toSource();
        }

        static SourceEntry of(Source s) {
            return new SourceEntry(s.id(), s.name(), s.feedUrl(), s.sitemaps(), s.language(), s.country(), s.kind(),
                    s.local(), s.enabled(), s.recheck() == null ? null : s.recheck().toSeconds() + "s", s.important());
        }
    }

    /**
     * The sources file named by {@code crawler.sources-file}, the sources written here, and those added
     * or changed through the API ({@code state/sources.yaml} in the data folder); the file is read
     * again when it changes.
     */
    SourceCatalog sourceCatalog() throws IOException {
        List<Source> inline = sources == null ? List.of() : sources.stream().map(SourceEntry::toSource).toList();
        return new SourceCatalog(crawler.sourcesFile(), inline, data == null ? null : data.resolve("state").resolve("sources.yaml"));
    }

    /** The configured sources that are enabled, as they are now. */
    List<Source> enabledSources() throws IOException {
        return sourceCatalog().enabled();
    }

    /**
     * @param anonymousRead    true lets requests without a token read (search, counts, KPI); changes always need one
     * @param maxRequestsPerMinute requests one client address may make in a minute before it gets 429
     */
    record Server(int port, String host, boolean anonymousRead, int maxRequestsPerMinute) {
    }

    record Kpi(int yearlyTarget) {
    }

    /** The {@code crawler:} section; media-monitor.yaml documents each setting. */
    record CrawlerSettings(String userAgent, String contactUrl, String perHostDelay, String connectTimeout,
                           String readTimeout, String totalTimeout, String maxWait, int maxBytes, int maxRedirects,
                           String interval, String sitemapMaxAge, int maxEntriesPerSource, String sourcesFile,
                           int parallelSources, long minFreeMegabytes) {
        Fetcher.Settings fetcher() {
            String agent = contactUrl == null || contactUrl.isBlank() ? userAgent : userAgent + " (+" + contactUrl.strip() + ")";
            return new Fetcher.Settings(agent, duration(connectTimeout), duration(readTimeout), duration(totalTimeout),
                    maxBytes, maxRedirects, duration(perHostDelay), duration(maxWait));
        }

        Crawler.Options options() {
            Crawler.Options defaults = Crawler.Options.defaults();
            String product = userAgent == null ? "" : userAgent.split("[/ ]", 2)[0].toLowerCase(java.util.Locale.ROOT);
            return new Crawler.Options(product.isBlank() ? defaults.robotsAgent() : product, intervalDuration(),
                    duration(sitemapMaxAge), maxEntriesPerSource > 0 ? maxEntriesPerSource : defaults.maxEntries(),
                    defaults.maxSitemaps(), defaults.maxFailures(), defaults.warcRotateBytes());
        }

        Duration intervalDuration() {
            return duration(interval);
        }

        CrawlerSettings with(String delay, String sources) {
            return new CrawlerSettings(userAgent, contactUrl, delay, connectTimeout, readTimeout, totalTimeout, maxWait,
                    maxBytes, maxRedirects, interval, sitemapMaxAge, maxEntriesPerSource, sources, parallelSources,
                    minFreeMegabytes);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);

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
        settings.crawler().options();
        try {
            settings.digest().at();
            settings.alerts().check();
            settings.index().commitEvery();
            settings.index().checks();
            settings.sourceCatalog();
            settings.classifier().check();
        } catch (IllegalArgumentException e) {
            throw new IOException((file == null ? "default settings" : file) + ": " + e.getMessage(), e);
        }
        return settings;
    }

    Settings withPort(int port) {
        return new Settings(new Server(port, server.host(), server.anonymousRead(), server.maxRequestsPerMinute()),
                data, kpi, crawler, sources, digest, alerts, index, classifier);
    }

    Settings withAnonymousRead(boolean allowed) {
        return new Settings(new Server(server.port(), server.host(), allowed, server.maxRequestsPerMinute()),
                data, kpi, crawler, sources, digest, alerts, index, classifier);
    }

    Settings withData(Path folder) {
        return new Settings(server, folder, kpi, crawler, sources, digest, alerts, index, classifier);
    }

    /** Exactly these sources: the sources file is not read. */
    Settings withSources(List<Source> list) {
        return new Settings(server, data, kpi, crawler.with(crawler.perHostDelay(), null),
                list.stream().map(SourceEntry::of).toList(), digest, alerts, index, classifier);
    }

    Settings withPerHostDelay(String delay) {
        return new Settings(server, data, kpi, crawler.with(delay, crawler.sourcesFile()), sources, digest, alerts, index, classifier);
    }

    Settings withDigest(DigestSettings settings) {
        return new Settings(server, data, kpi, crawler, sources, settings, alerts, index, classifier);
    }

    Settings withAlerts(Alerts.Rules rules) {
        return new Settings(server, data, kpi, crawler, sources, digest, rules, index, classifier);
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
        return Durations.parse(text);
    }
}
