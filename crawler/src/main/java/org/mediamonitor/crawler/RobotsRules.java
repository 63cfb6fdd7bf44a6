package org.mediamonitor.crawler;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots.txt rules of each site (crawler-commons' parser), fetched once and cached: what may be
 * fetched, the crawl-delay (handed to the {@link Fetcher}) and the sitemaps the site announces. A missing
 * robots.txt (4xx) allows everything; a server error or an unreachable site allows nothing for a while,
 * as RFC 9309 asks.
 */
final class RobotsRules {
    private static final Logger log = LoggerFactory.getLogger(RobotsRules.class);
    private static final Duration LONGEST_CRAWL_DELAY = Duration.ofSeconds(60);
    private static final Duration KEEP = Duration.ofHours(12);
    private static final Duration KEEP_FAILURE = Duration.ofMinutes(30);

    private record Cached(BaseRobotRules rules, long expires) {
    }

    private final Fetcher fetcher;
    private final WarcArchive archive;
    private final String agent;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser(LONGEST_CRAWL_DELAY.toMillis() * 10, 5);
    private final Map<String, Cached> bySite = new ConcurrentHashMap<>();

    /**
     * @param archive where each robots.txt response is kept, like every other response (null: not kept)
     * @param agent   the product token robots.txt groups are matched against (lower case, e.g. "mediamonitor")
     */
    RobotsRules(Fetcher fetcher, WarcArchive archive, String agent) {
        this.fetcher = fetcher;
        this.archive = archive;
        this.agent = agent.toLowerCase(Locale.ROOT);
    }

    /** True when robots.txt lets us fetch {@code url}. */
    boolean allowed(URI url, boolean allowLocal) {
        return rules(url, allowLocal).isAllowed(url.toString());
    }

    /** The sitemaps that the site of {@code url} announces in its robots.txt. */
    List<String> sitemaps(URI url, boolean allowLocal) {
        return rules(url, allowLocal).getSitemaps();
    }

    BaseRobotRules rules(URI url, boolean allowLocal) {
        String site = site(url);
        Cached cached = bySite.get(site);
        if (cached != null && cached.expires() > System.currentTimeMillis()) return cached.rules();
        URI robots = URI.create(site + "/robots.txt");
        BaseRobotRules rules;
        long keep = KEEP.toMillis();
        try {
            Page page = fetcher.fetch(robots, allowLocal);
            if (archive != null) {
                try {
                    archive.write(page, null);
                } catch (IOException e) {
                    // a full disk is no reason to leave the site alone: the rules are read all the same
                    log.warn("url={} robots.txt not archived: {}", robots, e.getMessage());
                }
            }
            rules = parser.parseContent(robots.toString(), page.body(), page.contentType(), List.of(agent));
        } catch (FetchException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                rules = parser.failedFetch(e.status()); // no robots.txt: everything is allowed
            } else {
                log.warn("url={} robots.txt failed: {}; the site is left alone for now", robots, e.getMessage());
                rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
                rules.setDeferVisits(true);
                keep = KEEP_FAILURE.toMillis();
            }
        } catch (IOException e) {
            log.warn("url={} robots.txt failed: {}; the site is left alone for now", robots, e.getMessage());
            rules = new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE);
            rules.setDeferVisits(true);
            keep = KEEP_FAILURE.toMillis();
        }
        long delay = rules.getCrawlDelay();
        if (delay > 0) {
            Duration wanted = Duration.ofMillis(delay);
            fetcher.crawlDelay(url.getHost(), wanted.compareTo(LONGEST_CRAWL_DELAY) > 0 ? LONGEST_CRAWL_DELAY : wanted);
        }
        bySite.put(site, new Cached(rules, System.currentTimeMillis() + keep));
        return rules;
    }

    private static String site(URI url) {
        String scheme = url.getScheme() == null ? "http" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
