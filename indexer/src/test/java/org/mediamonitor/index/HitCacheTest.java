package org.mediamonitor.index;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class HitCacheTest {
    private static HitCache.Entry entry(String id, int textLength) {
        return new HitCache.Entry(new ItemIndex.StoredHit(id, "https://news.example/" + id, "src", "title " + id, null, "en", null, null),
                "x".repeat(textLength));
    }

    @Test
    void theLeastRecentlyShownHitsGoFirstWhenTheTextsOutgrowTheBound() {
        Object segment = new Object(), other = new Object();
        HitCache cache = new HitCache(3 * entry("any", 1000).chars());
        cache.put(new HitCache.Key(segment, 1), entry("a", 1000));
        cache.put(new HitCache.Key(segment, 2), entry("b", 1000));
        cache.put(new HitCache.Key(segment, 3), entry("c", 1000));
        assertEquals(3, cache.size());
        assertEquals("a", cache.get(new HitCache.Key(segment, 1)).hit().id()); // now the most recently shown
        cache.put(new HitCache.Key(other, 1), entry("d", 1000));
        assertNull(cache.get(new HitCache.Key(segment, 2)), "the least recently shown went");
        assertEquals("a", cache.get(new HitCache.Key(segment, 1)).hit().id());
        assertEquals("d", cache.get(new HitCache.Key(other, 1)).hit().id(), "the same number in another segment is another document");

        // one text larger than the bound pushes out everything, itself included
        cache.put(new HitCache.Key(segment, 9), entry("huge", 10_000));
        assertEquals(0, cache.size());
    }

    @Test
    void replacingAnEntryCountsItsTextOnce() {
        Object segment = new Object();
        HitCache cache = new HitCache(2 * entry("any", 1000).chars());
        for (int i = 0; i < 10; i++) cache.put(new HitCache.Key(segment, 1), entry("a" + i, 1000));
        cache.put(new HitCache.Key(segment, 2), entry("b", 1000));
        assertEquals(2, cache.size());
        assertEquals("a9", cache.get(new HitCache.Key(segment, 1)).hit().id());
    }
}
