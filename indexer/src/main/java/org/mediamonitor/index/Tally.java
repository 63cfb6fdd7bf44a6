package org.mediamonitor.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
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
 * fields (counted by ordinal per segment, so no string is made per document), and optionally by
 * period of publication. Exact: every matching document is seen. The values come from {@link Columns}.
 */
final class Tally extends SimpleCollector {
    static final String[] FACETS = {IndexSchema.SOURCE, IndexSchema.LANGUAGE, IndexSchema.COUNTRY, IndexSchema.KIND};

    private final String[] facetFields;
    private final long[] periodStarts;
    long total;
    final long[] labels = new long[IndexSchema.LABEL_NAMES.length];
    final long[][] periods;
    private final Map<String, Map<String, Long>> facetCounts = new LinkedHashMap<>();

    private byte[] labelColumn;
    private long[] publishedColumn;
    private final Columns.Keywords[] facetColumns;
    private int[][] ordinalCounts;

    /** @param periodStarts sorted first instants of periods (the last one ends them all), or null */
    Tally(String[] facetFields, long[] periodStarts) {
        this.facetFields = facetFields;
        this.periodStarts = periodStarts;
        this.facetColumns = new Columns.Keywords[facetFields.length];
        this.periods = periodStarts == null ? null : new long[Math.max(0, periodStarts.length - 1)][IndexSchema.LABEL_NAMES.length];
        for (String f : facetFields) facetCounts.put(f, new TreeMap<>());
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
        other.facetCounts.forEach((field, counts) -> counts.forEach((value, n) -> facetCounts.get(field).merge(value, n, Long::sum)));
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flushOrdinals();
        LeafReader reader = context.reader();
        labelColumn = Columns.labels(reader);
        publishedColumn = periodStarts == null ? null : Columns.published(reader);
        ordinalCounts = new int[facetFields.length][];
        for (int i = 0; i < facetFields.length; i++) {
            facetColumns[i] = Columns.keywords(reader, facetFields[i]);
            ordinalCounts[i] = new int[facetColumns[i].values().length];
        }
    }

    @Override
    public void collect(int doc) {
        total++;
        int label = labelColumn[doc];
        labels[label]++;
        for (int i = 0; i < facetColumns.length; i++) {
            int ord = facetColumns[i].ords()[doc];
            if (ord >= 0) ordinalCounts[i][ord]++;
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
            Map<String, Long> counts = facetCounts.get(facetFields[i]);
            String[] values = facetColumns[i].values();
            for (int ord = 0; ord < ordinalCounts[i].length; ord++) {
                if (ordinalCounts[i][ord] != 0) counts.merge(values[ord], (long) ordinalCounts[i][ord], Long::sum);
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
        all.putAll(facetCounts);
        return all;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
