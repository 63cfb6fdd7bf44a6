package org.mediamonitor.model;

import java.time.Instant;

/** One item in a page of search results; {@code snippet} marks the matched words with {@code <mark>}. */
public record SearchHit(String id, String url, String title, String source, Instant published, String language,
                        Label label, Double confidence, String snippet) {
}
