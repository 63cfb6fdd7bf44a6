package org.mediamonitor.index;

import java.time.ZoneId;
import java.util.Locale;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Label;

/**
 * The fields of an item's Lucene document. Text fields are analysed; source, language, country, kind
 * and cluster are keywords with doc values for facets; the label and who decided it are doc values
 * that a staff correction updates in place, without analysing the text again. {@link #REVIEW} holds the
 * confidence of a model's verdict on a relevant item (as a sortable long), the key of the review queue.
 */
final class IndexSchema {
    static final String ID = "id", URL = "url", SOURCE = "source", TITLE = "title", TEXT = "text",
            PUBLISHED = "published", LANGUAGE = "language", COUNTRY = "country", KIND = "kind", LABEL = "label",
            DECIDED_BY = "decided_by", CLUSTER = "cluster", CLUSTER_START = "cluster_start",
            FINGERPRINT = "fingerprint", BANDS = "minhash", QUERIES = "queries", ITEM = "item", REVIEW = "review";
    /**
     * {@link #REVIEW} of an item whose label staff decided: above every confidence, so never in the review
     * queue. Items that are not relevant have no {@link #REVIEW} value at all.
     */
    static final long DECIDED_BY_STAFF = Long.MAX_VALUE;
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    /** Label codes kept in the {@link #LABEL} doc values. */
    static final int UNCLASSIFIED_CODE = 0, NOT_RELEVANT_CODE = 1;
    static final String[] LABEL_NAMES = {"unclassified", "not-relevant", "positive", "balanced", "negative"};

    private IndexSchema() {
    }

    static int code(Label label) {
        return 2 + label.ordinal();
    }

    static int code(Classification c) {
        if (c == null) return UNCLASSIFIED_CODE;
        return c.relevant() ? code(c.label()) : NOT_RELEVANT_CODE;
    }

    /** The label of a code, or null for unclassified and not-relevant. */
    static Label label(long code) {
        return code >= 2 && code < 2 + Label.values().length ? Label.values()[(int) code - 2] : null;
    }

    /** Language tags as the index keeps them: {@code en}, {@code zh-Hant}, {@code zh-Hans}. */
    static String language(String tag) {
        if (tag == null) return null;
        String lower = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (lower) {
            case "zh-hant", "zh-tw", "zh-hk" -> "zh-Hant";
            case "zh-hans", "zh-cn", "zh-sg" -> "zh-Hans";
            default -> lower;
        };
    }
}
