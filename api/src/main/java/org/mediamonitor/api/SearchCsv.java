package org.mediamonitor.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.mediamonitor.model.SearchHit;

/**
 * A page of search results as CSV with a header line, for staff who take results into a spreadsheet.
 * Titles come from outside, so a cell that a spreadsheet would run as a formula is written as text.
 */
final class SearchCsv {
    /** One CSV line: a hit as the API writes it, without the snippet's markup. */
    @JsonPropertyOrder({"id", "published", "source", "language", "label", "confidence", "title", "url"})
    record Line(String id, String published, String source, String language, String label, String confidence,
                String title, String url) {
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Line.class).withHeader();

    private SearchCsv() {
    }

    static String write(List<SearchHit> hits) {
        try {
            return CSV.writer(SCHEMA).writeValueAsString(hits.stream().map(h -> new Line(h.id(),
                    h.published() == null ? null : h.published().toString(), h.source(), h.language(),
                    h.label() == null ? null : h.label().wireName(),
                    h.confidence() == null ? null : String.format(Locale.ROOT, "%.2f", h.confidence()),
                    inert(h.title()), h.url())).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, led by an apostrophe when it starts as a spreadsheet formula would. */
    static String inert(String text) {
        if (text == null || text.isEmpty()) return text;
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
