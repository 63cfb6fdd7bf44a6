package org.mediamonitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An outlet that Media Monitor follows through its feed, its sitemaps, or both.
 *
 * @param id             short stable identifier, used in item records and filters ({@code source=})
 * @param name           the outlet's name as staff know it
 * @param feedUrl        the RSS, Atom or JSON Feed to poll, or null when the source has sitemaps only
 * @param language       the outlet's main language tag ({@code en}, {@code zh-Hant}, {@code zh-Hans}, …)
 * @param country        ISO 3166 country code of the outlet
 * @param kind           news, opinion, think tank, government statement or wire
 * @param local          true only for sources on this machine or a private network (the demo site);
 *                       others may never be fetched from loopback or private addresses
 * @param enabled        false to keep the source on file without polling it
 * @param sitemaps       XML sitemaps, sitemap indexes or Google News sitemaps to read (may be empty); a URL
 *                       ending in {@code /robots.txt} stands for the sitemaps that robots.txt announces
 * @param recheck        how often to look at the source again; null for the crawler's default
 * @param important      true for an outlet whose negative coverage staff must hear of at once (an alert)
 */
public record Source(String id, String name, String feedUrl, String language, String country,
                     SourceKind kind, boolean local, boolean enabled, List<String> sitemaps,
                     Duration recheck, boolean important) {
    public Source {
        Objects.requireNonNull(id, "id");
        if (name == null) name = id;
        if (kind == null) kind = SourceKind.NEWS;
        sitemaps = sitemaps == null ? List.of() : List.copyOf(sitemaps);
        if (feedUrl == null && sitemaps.isEmpty()) {
            throw new IllegalArgumentException("source " + id + " has neither a feed nor sitemaps");
        }
        if (recheck != null && (recheck.isNegative() || recheck.isZero())) {
            throw new IllegalArgumentException("source " + id + ": recheck must be longer than zero");
        }
    }

    /** A source that is not marked important. */
    public Source(String id, String name, String feedUrl, String language, String country, SourceKind kind,
                  boolean local, boolean enabled, List<String> sitemaps, Duration recheck) {
        this(id, name, feedUrl, language, country, kind, local, enabled, sitemaps, recheck, false);
    }

    /** The same source, enabled or disabled. */
    public Source withEnabled(boolean on) {
        return new Source(id, name, feedUrl, language, country, kind, local, on, sitemaps, recheck, important);
    }

    /** A source read through one feed, on the crawler's default schedule. */
    public Source(String id, String name, String feedUrl, String language, String country, SourceKind kind,
                  boolean local, boolean enabled) {
        this(id, name, Objects.requireNonNull(feedUrl, "feedUrl"), language, country, kind, local, enabled,
                List.of(), null, false);
    }
}
