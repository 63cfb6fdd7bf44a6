package org.mediamonitor.crawler;

import java.time.OffsetDateTime;

/**
 * What the {@link Extractor} finds in one page.
 *
 * @param title        the headline
 * @param text         the article body, paragraphs separated by {@code \n}
 * @param published    the publication time with the page's own offset, or null
 * @param author       the by-line, or null
 * @param language     {@code en}, {@code zh-Hant}, {@code zh-Hans} or another language tag, or null
 * @param siteName     the outlet's name as the page gives it, or null
 * @param canonicalUrl the page's canonical URL, or null
 */
public record Article(String title, String text, OffsetDateTime published, String author, String language,
                      String siteName, String canonicalUrl) {
}
