package org.mediamonitor.crawler;

import crawlercommons.filters.basic.BasicURLNormalizer;
import java.util.List;

/**
 * Puts URLs into one canonical form so that the same article reached through several links is one
 * item: crawler-commons' normaliser (case, default ports, dot segments, fragments, encoding)
 * plus the removal of tracking parameters.
 */
public final class UrlNormaliser {
    /** Query parameters that only say how a reader arrived, never which article it is. */
    static final List<String> TRACKING = List.of("utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content", "utm_id", "utm_name", "utm_reader", "utm_brand", "utm_social", "utm_social-type",
            "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src",
            "cmpid", "ocid", "spm", "at_medium", "at_campaign", "wt.mc_id", "s_cid");
    private final BasicURLNormalizer normaliser;

    public UrlNormaliser() {
        this.normaliser = BasicURLNormalizer.newBuilder()
                .queryParamsToRemove(TRACKING)
                .build();
    }

    /** The canonical form of {@code url}, or null when it is not a URL that can be fetched. */
    public String normalise(String url) {
        if (url == null) return null;
        return normaliser.filter(url.strip());
    }
}
