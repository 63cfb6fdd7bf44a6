package org.mediamonitor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

/**
 * The page of a search in the order newest first, then by id, then by document: the first {@code size}
 * matches after an optional cursor position. It gives the hits and order that Lucene's
 * {@code TopFieldCollector} gives for that sort, but reads the time from {@link Columns} and looks an id
 * up only when two times are equal, so a match that is older than the page costs one array read and one
 * comparison. Each hit's sort values are its {@code Long} publication time and its {@code BytesRef} id
 * where the order needed it, else null: the caller has the page's items and takes the id of the hit a
 * cursor continues from there.
 */
final class NewestFirst implements Collector {
    private final int size;
    private final boolean paging;
    private final long afterPublished;
    private final BytesRef afterId;
    private final int afterDoc;
    private final List<LeafReaderContext> leaves = new ArrayList<>();
    private long matches;

    // the page so far, a heap in three parallel arrays whose first entry is the page's last hit (the
    // first to leave when a better one comes); matches arrive in document order, which in an index kept
    // newest first (ItemIndex) is the page's order, so after a segment's first matches hardly any enters
    // it; in an older index, where that order is mostly the order of arrival, nearly every one does. No
    // object is made per match
    private final long[] times;
    private final int[] docs;
    private final BytesRef[] ids;
    private int count;

    /**
     * @param size  hits on the page (at least 1)
     * @param after the last hit of the previous page (fields: Long time, BytesRef id), or null
     */
    NewestFirst(int size, FieldDoc after) {
        this.size = size;
        this.paging = after != null;
        this.afterPublished = after == null ? Long.MAX_VALUE : (Long) after.fields[0];
        this.afterId = after == null ? null : (BytesRef) after.fields[1];
        this.afterDoc = after == null ? Integer.MAX_VALUE : after.doc;
        this.times = new long[size];
        this.docs = new int[size];
        this.ids = new BytesRef[size];
    }

    static CollectorManager<NewestFirst, TopDocs> manager(int size, FieldDoc after) {
        return new CollectorManager<>() {
            @Override
            public NewestFirst newCollector() {
                return new NewestFirst(size, after);
            }

            @Override
            public TopDocs reduce(Collection<NewestFirst> collectors) {
                record Entry(NewestFirst from, int at) {
                    long time() {
                        return from.times[at];
                    }

                    int doc() {
                        return from.docs[at];
                    }
                }
                List<Entry> all = new ArrayList<>();
                long matches = 0;
                for (NewestFirst c : collectors) {
                    matches += c.matches;
                    for (int i = 0; i < c.count; i++) all.add(new Entry(c, i));
                }
                // an id is looked up only where two times are equal
                all.sort(Comparator.comparingLong(Entry::time).reversed()
                        .thenComparing((a, b) -> a.from.id(a.at).compareTo(b.from.id(b.at))).thenComparingInt(Entry::doc));
                FieldDoc[] hits = all.subList(0, Math.min(size, all.size())).stream()
                        .map(e -> new FieldDoc(e.doc(), Float.NaN, new Object[] {e.time(), e.from.ids[e.at]})).toArray(FieldDoc[]::new);
                return new TopDocs(new TotalHits(matches, TotalHits.Relation.EQUAL_TO), hits);
            }
        };
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) {
        leaves.add(context);
        long[] published = Columns.published(context.reader());
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) {
                long time = published[doc];
                if (paging && (time > afterPublished || (time == afterPublished && !afterCursor(context, doc)))) return;
                matches++;
                int global = context.docBase + doc;
                if (count < size) {
                    times[count] = time;
                    docs[count] = global;
                    ids[count] = null;
                    up(count++);
                } else if (time > times[0] || (time == times[0] && worse(0, time, global))) {
                    times[0] = time;
                    docs[0] = global;
                    ids[0] = null;
                    down(0);
                }
            }
        };
    }

    /** Whether entry {@code i} comes after a match at {@code time}, document {@code doc}, on the page. */
    private boolean worse(int i, long time, int doc) {
        if (times[i] != time) return times[i] < time;
        int byId = id(i).compareTo(idOf(doc));
        return byId != 0 ? byId > 0 : docs[i] > doc;
    }

    private boolean worse(int i, int j) {
        if (times[i] != times[j]) return times[i] < times[j];
        int byId = id(i).compareTo(id(j));
        return byId != 0 ? byId > 0 : docs[i] > docs[j];
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(i, parent)) return;
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int worst = i, left = 2 * i + 1, right = left + 1;
            if (left < count && worse(left, worst)) worst = left;
            if (right < count && worse(right, worst)) worst = right;
            if (worst == i) return;
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        long t = times[i];
        times[i] = times[j];
        times[j] = t;
        int d = docs[i];
        docs[i] = docs[j];
        docs[j] = d;
        BytesRef id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
    }

    private BytesRef id(int i) {
        if (ids[i] == null) ids[i] = idOf(docs[i]);
        return ids[i];
    }

    private BytesRef idOf(int globalDoc) {
        for (int l = leaves.size() - 1; l >= 0; l--) {
            LeafReaderContext leaf = leaves.get(l);
            if (globalDoc >= leaf.docBase) return idOf(leaf, globalDoc - leaf.docBase);
        }
        throw new IllegalStateException("document " + globalDoc + " is in no segment seen");
    }

    /** Whether a document published at the cursor's time comes after the cursor's hit. */
    private boolean afterCursor(LeafReaderContext context, int doc) {
        int byId = idOf(context, doc).compareTo(afterId);
        return byId > 0 || (byId == 0 && context.docBase + doc > afterDoc);
    }

    /** A document's id, from a fresh iterator: look-ups come in any order, and only for equal times. */
    private static BytesRef idOf(LeafReaderContext leaf, int doc) {
        try {
            SortedDocValues ids = DocValues.getSorted(leaf.reader(), IndexSchema.ID);
            return ids.advanceExact(doc) ? BytesRef.deepCopyOf(ids.lookupOrd(ids.ordValue())) : new BytesRef();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
