package org.mediamonitor.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One article or opinion piece, from the moment it is extracted until it is indexed.
 *
 * @param id             stable identifier derived from the normalised URL ({@link #idFor(String)})
 * @param url            the article's normalised URL
 * @param source         the {@link Source#id()} it came through
 * @param title          the headline
 * @param text           the article body, paragraphs separated by {@code \n}
 * @param published      when it was published; null when no date could be found
 * @param author         the by-line, or null
 * @param language       {@code en}, {@code zh-Hant}, {@code zh-Hans} or another language tag
 * @param fetched        when it was fetched
 * @param classification the verdict, null until the classifier has seen the item
 * @param cluster        id of the duplicate cluster the item belongs to (its own id when unique)
 */
public record Item(String id, String url, String source, String title, String text, Instant published,
                   String author, String language, Instant fetched, Classification classification,
                   String cluster) {
    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (title == null) title = "";
        if (text == null) text = "";
        if (cluster == null) cluster = id;
    }

    /** A copy carrying the given verdict. */
    public Item withClassification(Classification verdict) {
        return new Item(id, url, source, title, text, published, author, language, fetched, verdict, cluster);
    }

    /** A copy in the given duplicate cluster. */
    public Item withCluster(String clusterId) {
        return new Item(id, url, source, title, text, published, author, language, fetched, classification, clusterId);
    }

    /** The identifier of the item at a normalised URL: the first 16 hex digits of its SHA-256. */
    public static String idFor(String normalisedUrl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalisedUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
