package org.mediamonitor.index;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored fields of the hits shown lately, by segment and document: most searches show the newest
 * items, and reading a hit means decompressing a block of the stored fields, a quarter of a search's
 * time. A segment's stored fields never change, so an entry stays right for as long as its segment
 * lives; entries of merged-away segments age out. Bounded by the characters of the texts it holds;
 * the least recently shown go first.
 */
final class HitCache {
    /** A document of one segment: the segment's core cache key and the document's number in it. */
    record Key(Object core, int doc) {
    }

    /** A hit as the search shows it, its text for the snippet and the text's sentence boundaries. */
    record Entry(ItemIndex.StoredHit hit, String text, int[] sentences) {
        Entry(ItemIndex.StoredHit hit, String text) {
            this(hit, text, SentenceBreaks.of(text));
        }

        long chars() {
            return text.length() + 2L * sentences.length + 256L;
        }
    }

    private final long maxChars;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    /** @param maxChars the characters of text held at most (two bytes each, and a little for the hit) */
    HitCache(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized Entry get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, Entry entry) {
        Entry old = entries.put(key, entry);
        if (old != null) chars -= old.chars();
        chars += entry.chars();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); chars > maxChars && it.hasNext(); ) {
            chars -= it.next().getValue().chars();
            it.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
