package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.mediamonitor.crawler.Durations;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.SourceKind;

/**
 * A source as an administrator writes it through the API ({@code PUT} and {@code PATCH
 * /api/v1/sources/{id}}), checked field by field. The API never makes a source local: only the
 * configuration may let the crawler fetch from this machine or a private network, so a source
 * whose addresses change through the API is fetched as any outside source is.
 */
final class SourceChanges {
    static final Set<String> FIELDS = Set.of("name", "feedUrl", "sitemaps", "language", "country", "kind", "enabled",
            "important", "recheck");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Duration SHORTEST_RECHECK = Duration.ofMinutes(1);

    private SourceChanges() {
    }

    /**
     * The source after the change.
     *
     * @param base the source as it is, whose fields the body does not name stay; null to take every
     *             field from the body (a new or wholly replaced source)
     * @throws BadRequestException naming the field that is wrong
     */
    static Source apply(String id, JsonNode body, Source base) {
        String name = text(body, "name", 200, base == null ? null : base.name());
        String feedUrl = body.has("feedUrl") ? url(body.get("feedUrl"), "feedUrl", true) : base == null ? null : base.feedUrl();
        List<String> sitemaps = body.has("sitemaps") ? sitemaps(body.get("sitemaps")) : base == null ? List.of() : base.sitemaps();
        String language = text(body, "language", 20, base == null ? null : base.language());
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw new BadRequestException("language must be a language tag like en, zh-Hant or zh-Hans; got '" + language + "'");
        }
        String country = text(body, "country", 2, base == null ? null : base.country());
        if (country != null) {
            if (!COUNTRY.matcher(country).matches()) throw new BadRequestException("country must be a two-letter ISO 3166 code; got '" + country + "'");
            country = country.toUpperCase(Locale.ROOT);
        }
        SourceKind kind = base == null ? SourceKind.NEWS : base.kind();
        if (body.has("kind")) {
            try {
                kind = SourceKind.parse(string(body.get("kind"), "kind"));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        boolean enabled = flag(body, "enabled", base == null || base.enabled());
        boolean important = flag(body, "important", base != null && base.important());
        Duration recheck = base == null ? null : base.recheck();
        if (body.has("recheck")) {
            JsonNode value = body.get("recheck");
            if (value.isNull()) {
                recheck = null;
            } else {
                try {
                    recheck = Durations.parse(string(value, "recheck"));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("recheck must be a duration like 15m or 2h; got '" + value.asText() + "'");
                }
                if (recheck.compareTo(SHORTEST_RECHECK) < 0) throw new BadRequestException("recheck must be at least 1m; got " + value.asText());
            }
        }
        if (feedUrl == null && sitemaps.isEmpty()) throw new BadRequestException("a source needs a feedUrl, sitemaps, or both");
        return new Source(id, name, feedUrl, language, country, kind, false, enabled, sitemaps, recheck, important);
    }

    /** {@code changed}, still local when {@code before} was and the addresses it fetches are the same. */
    static Source keepLocal(Source before, Source changed) {
        if (before == null || !before.local()) return changed;
        if (!Objects.equals(before.feedUrl(), changed.feedUrl()) || !before.sitemaps().equals(changed.sitemaps())) return changed;
        return new Source(changed.id(), changed.name(), changed.feedUrl(), changed.language(), changed.country(), changed.kind(),
                true, changed.enabled(), changed.sitemaps(), changed.recheck(), changed.important());
    }

    /** The source's fields, for the audit log. */
    static Map<String, Object> describe(Source s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", s.name());
        fields.put("feedUrl", s.feedUrl());
        fields.put("sitemaps", s.sitemaps());
        fields.put("language", s.language());
        fields.put("country", s.country());
        fields.put("kind", s.kind().wireName());
        fields.put("enabled", s.enabled());
        fields.put("important", s.important());
        fields.put("recheck", s.recheck() == null ? null : s.recheck().toString());
        return fields;
    }

    private static List<String> sitemaps(JsonNode value) {
        if (value.isNull()) return List.of();
        if (!value.isArray()) throw new BadRequestException("sitemaps must be a list of URLs");
        if (value.size() > 20) throw new BadRequestException("at most 20 sitemaps; got " + value.size());
        List<String> urls = new ArrayList<>();
        for (JsonNode each : value) urls.add(url(each, "sitemaps", false));
        return urls;
    }

    /** An absolute http or https URL with a host. */
    private static String url(JsonNode value, String field, boolean nullable) {
        if (value.isNull() && nullable) return null;
        String text = string(value, field).strip();
        if (text.length() > 2000) throw new BadRequestException(field + " is longer than 2000 characters");
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new BadRequestException(field + " must be an http or https URL with a host and no user name; got '" + text + "'");
            }
        } catch (URISyntaxException e) {
            throw new BadRequestException(field + " is not a URL: " + e.getMessage());
        }
        return text;
    }

    private static String text(JsonNode body, String field, int max, String otherwise) {
        if (!body.has(field)) return otherwise;
        JsonNode value = body.get(field);
        if (value.isNull()) return null;
        String text = string(value, field).strip();
        if (text.isEmpty()) return null;
        if (text.length() > max) throw new BadRequestException(field + " is longer than " + max + " characters");
        return text;
    }

    private static String string(JsonNode value, String field) {
        if (!value.isTextual()) throw new BadRequestException(field + " must be a string");
        return value.asText();
    }

    private static boolean flag(JsonNode body, String field, boolean otherwise) {
        if (!body.has(field)) return otherwise;
        JsonNode value = body.get(field);
        if (!value.isBoolean()) throw new BadRequestException(field + " must be true or false");
        return value.booleanValue();
    }
}
