package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;
import org.mediamonitor.model.LedgerRow;

/** The KPI ledger as CSV with a header line: one counted row a line, as many lines as the KPI total. */
final class LedgerCsv {
    /** One CSV line: the ledger row with its label and time written as the API writes them. */
    record Line(String cluster, String item, String source, String published, String label, String decidedBy) {
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Line.class).withHeader();

    private LedgerCsv() {
    }

    static String write(List<LedgerRow> rows) {
        try {
            return CSV.writer(SCHEMA).writeValueAsString(rows.stream().map(r -> new Line(r.cluster(), r.item(), r.source(),
                    r.published() == null ? null : r.published().toString(), r.label().wireName(), r.decidedBy())).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
