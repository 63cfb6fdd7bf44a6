package org.mediamonitor.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MonitorQuerySerializer;
import org.apache.lucene.monitor.QueryMatch;
import org.mediamonitor.model.SavedQuery;

/**
 * The queries staff keep, held by Lucene's monitor so that each incoming item is matched against all
 * of them as it is indexed (the monitor indexes the queries, not the items, and runs only those that can
 * match). Stored on disk beside the item index; starts with the default "Taiwan and cross-strait
 * relations" query, in English and Chinese.
 */
public final class SavedQueries implements Closeable {
    /** The query every new index starts with. */
    public static final SavedQuery DEFAULT = new SavedQuery("taiwan", "Taiwan and cross-strait relations",
            "Taiwan OR Taiwanese OR Taipei OR \"cross-strait\" OR \"Mainland Affairs Council\" OR \"Executive Yuan\""
                    + " OR \"Tsai Ing-wen\" OR \"Lai Ching-te\" OR 台灣 OR 台湾 OR 臺灣 OR 兩岸 OR 陸委會 OR 行政院"
                    + " OR 蔡英文 OR 賴清德 OR 台北 OR 臺北");
    private static final String NAME = "name";

    private final Monitor monitor;
    private final QueryLanguage language;

    SavedQueries(Path folder, Analyzer analyzer, QueryLanguage language) throws IOException {
        this.language = language;
        boolean fresh = !Files.isDirectory(folder);
        Files.createDirectories(folder);
        MonitorQuerySerializer serializer = MonitorQuerySerializer.fromParser(text -> language.parse(text).query());
        this.monitor = new Monitor(analyzer, new MonitorConfiguration().setIndexPath(folder, serializer));
        if (fresh) put(DEFAULT);
    }

    /** Every saved query, by id. */
    public List<SavedQuery> list() throws IOException {
        List<SavedQuery> all = new ArrayList<>();
        for (String id : monitor.getQueryIds()) get(id).ifPresent(all::add);
        all.sort(Comparator.comparing(SavedQuery::id));
        return all;
    }

    public Optional<SavedQuery> get(String id) throws IOException {
        MonitorQuery q = monitor.getQuery(id);
        return q == null ? Optional.empty() : Optional.of(new SavedQuery(q.getId(), q.getMetadata().get(NAME), q.getQueryString()));
    }

    /**
     * Adds a query, or replaces the one with the same id. It applies to items indexed from now on.
     *
     * @throws InvalidQueryException when the query text cannot be parsed
     */
    public SavedQuery put(SavedQuery query) throws IOException {
        QueryLanguage.Parsed parsed = language.parse(query.query());
        monitor.register(new MonitorQuery(query.id(), parsed.query(), query.query(), Map.of(NAME, query.name())));
        return query;
    }

    /** Removes a query; false when there was none with this id. */
    public boolean delete(String id) throws IOException {
        if (monitor.getQuery(id) == null) return false;
        monitor.deleteById(id);
        return true;
    }

    /** The ids of the saved queries that the item's document matches. */
    List<String> match(Document document) throws IOException {
        MatchingQueries<QueryMatch> matches = monitor.match(document, QueryMatch.SIMPLE_MATCHER);
        return matches.getMatches().stream().map(QueryMatch::getQueryId).sorted().toList();
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
