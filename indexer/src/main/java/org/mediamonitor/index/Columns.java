package org.mediamonitor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * The values that a search reads for every match — publication time, label, the facets' values —
 * held as arrays per segment, so that counting and ordering thousands of matches is array reads
 * rather than a doc-values look-up (and a bounds-checked read of the mapped file) per match and field.
 *
 * <p>A segment's publication times and facet values never change, so they are kept by the segment's
 * core; labels change in place when staff correct an item, so they are kept by the segment reader,
 * which is replaced when they change. Each is dropped when its core or reader is closed. The cost is
 * 8 bytes a document for the time, 1 for the label, 4 for each facet field read and 8 for the facet
 * fields packed together: 33 bytes a document for a search's counts (33 MB for a million items).
 */
final class Columns {
    /** A keyword field of one segment: each document's ordinal (-1: none) and the value of each ordinal. */
    record Keywords(int[] ords, String[] values) {
    }

    private record Key(Object owner, String field) {
    }

    private static final Map<Key, Object> BY_SEGMENT = new ConcurrentHashMap<>();

    private Columns() {
    }

    /** Each document's publication time (epoch milliseconds; 0 where it has none). */
    static long[] published(LeafReader reader) {
        return (long[]) column(reader, reader.getCoreCacheHelper(), IndexSchema.PUBLISHED, () -> {
            long[] values = new long[reader.maxDoc()];
            NumericDocValues dv = DocValues.getNumeric(reader, IndexSchema.PUBLISHED);
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) values[doc] = dv.longValue();
            return values;
        });
    }

    /** Each document's label code (0 where it has none or one out of range). */
    static byte[] labels(LeafReader reader) {
        return (byte[]) column(reader, reader.getReaderCacheHelper(), IndexSchema.LABEL, () -> {
            byte[] values = new byte[reader.maxDoc()];
            NumericDocValues dv = DocValues.getNumeric(reader, IndexSchema.LABEL);
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
                long code = dv.longValue();
                values[doc] = code >= 0 && code < IndexSchema.LABEL_NAMES.length ? (byte) code : 0;
            }
            return values;
        });
    }

    /** A keyword field's values (indexed with sorted doc values) of each document. */
    static Keywords keywords(LeafReader reader, String field) {
        return (Keywords) column(reader, reader.getCoreCacheHelper(), field, () -> {
            SortedDocValues dv = DocValues.getSorted(reader, field);
            int[] ords = new int[reader.maxDoc()];
            java.util.Arrays.fill(ords, -1);
            for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) ords[doc] = dv.ordValue();
            String[] values = new String[dv.getValueCount()];
            for (int ord = 0; ord < values.length; ord++) values[ord] = dv.lookupOrd(ord).utf8ToString();
            return new Keywords(ords, values);
        });
    }

    /**
     * Several keyword fields of one segment together: each document's ordinals in one long, 16 bits a field
     * in the order given (the ordinal plus one; 0 where the document has none), so that counting a match by
     * every field reads one array instead of one a field.
     */
    record Packed(long[] ords, Keywords[] fields) {
        static final int BITS = 16;
        static final int MASK = (1 << BITS) - 1;
    }

    /**
     * The fields' ordinals packed ({@link Packed}); null when there are more than four fields or a field
     * has too many values in this segment for 16 bits (then read them by {@link #keywords}).
     */
    static Packed packed(LeafReader reader, String[] fields) {
        if (fields.length == 0 || fields.length * Packed.BITS > Long.SIZE) return null;
        // each field's column first: a column is not loaded from within the loading of another
        Keywords[] each = new Keywords[fields.length];
        for (int f = 0; f < fields.length; f++) each[f] = keywords(reader, fields[f]);
        Object packed = column(reader, reader.getCoreCacheHelper(), "packed:" + String.join(",", fields), () -> {
            for (Keywords field : each) {
                if (field.values().length >= Packed.MASK) return Boolean.FALSE; // too many values: not packed
            }
            long[] ords = new long[reader.maxDoc()];
            for (int doc = 0; doc < ords.length; doc++) {
                long p = 0;
                for (int f = 0; f < each.length; f++) p |= (long) (each[f].ords()[doc] + 1) << (Packed.BITS * f);
                ords[doc] = p;
            }
            return new Packed(ords, each);
        });
        return packed instanceof Packed p ? p : null;
    }

    private interface Loader {
        Object load() throws IOException;
    }

    private static Object column(LeafReader reader, IndexReader.CacheHelper owner, String field, Loader loader) {
        if (owner == null) return load(loader); // a reader that cannot be cached: read for this search only
        Key key = new Key(owner.getKey(), field);
        Object known = BY_SEGMENT.get(key);
        if (known != null) return known;
        // a search holds its reader open, so the owner cannot close before its listener is registered
        return BY_SEGMENT.computeIfAbsent(key, k -> {
            Object loaded = load(loader);
            owner.addClosedListener(closed -> BY_SEGMENT.remove(key));
            return loaded;
        });
    }

    private static Object load(Loader loader) {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the column of {@code field} kept for this core or reader is held (for tests). */
    static boolean holds(IndexReader.CacheHelper owner, String field) {
        return BY_SEGMENT.containsKey(new Key(owner.getKey(), field));
    }
}
