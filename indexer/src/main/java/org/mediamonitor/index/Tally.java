package org.mediamonitor.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts the documents a query matches in one pass: the total, by label, by the values of keyword
 * fields (counted by ordinal per segment, so no string is made per document; the fields' ordinals are read
 * from one packed array when they fit, {@link Columns#packed}), and optionally by
 * period of publication. Exact: every matching document is seen. The values come from {@link Columns}.
 */
final class Tally extends SimpleCollector {
    static final String[] FACETS = {IndexSchema.SOURCE, IndexSchema.LANGUAGE, IndexSchema.COUNTRY, IndexSchema.KIND};

    private final String[] facetFields;
    private final long[] periodStarts;
    long total;
    final long[] labels = new long[IndexSchema.LABEL_NAMES.length];
    final long[][] periods;
    // each field's counts by value over the segments seen so far (a value's count in a one-element array)
    private final Map<String, Map<String, long[]>> facetCounts = new LinkedHashMap<>();

    private byte[] labelColumn;
    private long[] publishedColumn;
    // the segment's facet values: packed in one array when they fit, else one array a field
    private Columns.Packed packedColumn;
    private final Columns.Keywords[] facetColumns;
    // this segment's counts by ordinal plus one (index 0: documents without a value)
    private int[][] ordinalCounts;

    /** @param periodStarts sorted first instants of periods (the last one ends them all), or null */
    Tally(String[] facetFields, long[] periodStarts) {
        this.facetFields = facetFields;
        this.periodStarts = periodStarts;
        this.facetColumns = new Columns.Keywords[facetFields.length];
        this.periods = periodStarts == null ? null : new long[Math.max(0, periodStarts.length - 1)][IndexSchema.LABEL_NAMES.length];
        for (String f : facetFields) facetCounts.put(f, new HashMap<>());
    }

    /**
     * Tallies for a search that runs in one pass with other collectors ({@code MultiCollectorManager}):
     * one per slice of the index, added up at the end.
     */
    static CollectorManager<Tally, Tally> manager(String[] facetFields, long[] periodStarts) {
        return new CollectorManager<>() {
            @Override
            public Tally newCollector() {
                return new Tally(facetFields, periodStarts);
            }

            @Override
            public Tally reduce(Collection<Tally> tallies) throws IOException {
                if (tallies.size() == 1) return tallies.iterator().next();
                Tally sum = new Tally(facetFields, periodStarts);
                for (Tally t : tallies) sum.add(t);
                return sum;
            }
        };
    }

    private void add(Tally other) throws IOException {
        other.flushOrdinals();
        total += other.total;
        for (int i = 0; i < labels.length; i++) labels[i] += other.labels[i];
        if (periods != null) {
            for (int p = 0; p < periods.length; p++) {
                for (int i = 0; i < labels.length; i++) periods[p][i] += other.periods[p][i];
            }
        }
        other.facetCounts.forEach((field, counts) -> {
            Map<String, long[]> sum = facetCounts.get(field);
            counts.forEach((value, n) -> sum.computeIfAbsent(value, v -> new long[1])[0] += n[0]);
        });
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flushOrdinals();
        LeafReader reader = context.reader();
        labelColumn = Columns.labels(reader);
        publishedColumn = periodStarts == null ? null : Columns.published(reader);
        packedColumn = Columns.packed(reader, facetFields);
        ordinalCounts = new int[facetFields.length][];
        for (int i = 0; i < facetFields.length; i++) {
            facetColumns[i] = packedColumn != null ? packedColumn.fields()[i] : Columns.keywords(reader, facetFields[i]);
            ordinalCounts[i] = new int[facetColumns[i].values().length + 1];
        }
    }

    @Override
    public void collect(int doc) {
        total++;
        int label = labelColumn[doc];
        labels[label]++;
        if (packedColumn != null) {
            long ords = packedColumn.ords()[doc];
            for (int i = 0; i < ordinalCounts.length; i++, ords >>>= Columns.Packed.BITS) ordinalCounts[i][(int) ords & Columns.Packed.MASK]++;
        } else {
            for (int i = 0; i < facetColumns.length; i++) ordinalCounts[i][facetColumns[i].ords()[doc] + 1]++;
        }
        if (publishedColumn != null) {
            int at = Arrays.binarySearch(periodStarts, publishedColumn[doc]);
            int period = at >= 0 ? at : -at - 2;
            if (period >= 0 && period < periods.length) periods[period][label]++;
        }
    }

    private void flushOrdinals() {
        if (ordinalCounts == null) return;
        for (int i = 0; i < facetFields.length; i++) {
            Map<String, long[]> counts = facetCounts.get(facetFields[i]);
            String[] values = facetColumns[i].values();
            int[] byOrdinal = ordinalCounts[i];
            for (int ord = 1; ord < byOrdinal.length; ord++) {
                if (byOrdinal[ord] != 0) counts.computeIfAbsent(values[ord - 1], v -> new long[1])[0] += byOrdinal[ord];
            }
        }
        ordinalCounts = null;
    }

    /** Label facet first, then the keyword facets; call once, after the search. */
    Map<String, Map<String, Long>> facets() throws IOException {
        flushOrdinals();
        Map<String, Map<String, Long>> all = new LinkedHashMap<>();
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (int code = 1; code < labels.length; code++) {
            if (labels[code] > 0) byLabel.put(IndexSchema.LABEL_NAMES[code], labels[code]);
        }
        if (labels[0] > 0) byLabel.put(IndexSchema.LABEL_NAMES[0], labels[0]);
        all.put(IndexSchema.LABEL, byLabel);
        facetCounts.forEach((field, counts) -> {
            Map<String, Long> byValue = new TreeMap<>();
            counts.forEach((value, n) -> byValue.put(value, n[0]));
            all.put(field, byValue);
        });
        return all;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
