package org.mediamonitor.api;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SearchHit;
import org.mediamonitor.model.SearchPage;
import org.mediamonitor.model.SearchRequest;

/**
 * The daily sentiment digest: a day's counts by label (each duplicate cluster once, as in the KPI)
 * against the average of the 14 days before, and the day's relevant items grouped by label with the
 * sentence that decided each, the confident negative ones first.
 *
 * @param day      the day, in Asia/Taipei
 * @param counts   the day's counts
 * @param baseline average daily counts of the 14 days before
 * @param history  counts of the 14 days before and of the day itself, oldest first, for the chart
 * @param items    the day's relevant items by label: negative, then positive, then balanced; most confident first
 */
record Digest(LocalDate day, LabelCounts counts, Baseline baseline, List<DayCount> history,
              Map<Label, List<Entry>> items, Instant built) {

    static final int BASELINE_DAYS = 14;
    /** The order in which the digest shows the labels: what needs attention first. */
    static final List<Label> ORDER = List.of(Label.NEGATIVE, Label.POSITIVE, Label.BALANCED);

    /** Average daily counts over the baseline days. */
    record Baseline(double total, double positive, double balanced, double negative) {
        double of(Label label) {
            return switch (label) {
                case POSITIVE -> positive;
                case BALANCED -> balanced;
                case NEGATIVE -> negative;
            };
        }
    }

    /** One day's counts, for the chart. */
    record DayCount(LocalDate day, long positive, long balanced, long negative) {
    }

    /** One item as the digest shows it. */
    record Entry(String id, String title, String source, String url, Instant published, Label label,
                 double confidence, String sentence) {
    }

    static long count(LabelCounts counts, Label label) {
        return switch (label) {
            case POSITIVE -> counts.positive();
            case BALANCED -> counts.balanced();
            case NEGATIVE -> counts.negative();
        };
    }

    /** Builds the digest of {@code day} from the index. */
    static Digest build(ItemIndex index, LocalDate day) throws IOException {
        Period period = Period.range(day.toString(), day.toString());
        LabelCounts counts = index.countByLabel(period.from(), period.to());
        List<DayCount> history = new ArrayList<>();
        double total = 0, positive = 0, balanced = 0, negative = 0;
        for (int back = BASELINE_DAYS; back >= 1; back--) {
            Period before = Period.range(day.minusDays(back).toString(), day.minusDays(back).toString());
            LabelCounts c = index.countByLabel(before.from(), before.to());
            history.add(new DayCount(before.first(), c.positive(), c.balanced(), c.negative()));
            total += c.total();
            positive += c.positive();
            balanced += c.balanced();
            negative += c.negative();
        }
        history.add(new DayCount(day, counts.positive(), counts.balanced(), counts.negative()));
        Baseline baseline = new Baseline(round(total / BASELINE_DAYS), round(positive / BASELINE_DAYS),
                round(balanced / BASELINE_DAYS), round(negative / BASELINE_DAYS));

        Map<Label, List<Entry>> items = new EnumMap<>(Label.class);
        for (Label label : ORDER) items.put(label, new ArrayList<>());
        String cursor = null;
        do {
            SearchPage page = index.search(new SearchRequest(null, period.from(), period.to(), null, null, null,
                    SearchRequest.MAX_SIZE, cursor));
            for (SearchHit hit : page.items()) {
                if (hit.label() == null) continue;
                Item item = index.get(hit.id()).orElse(null);
                if (item == null || item.classification() == null) continue;
                Classification c = item.classification();
                items.get(c.label()).add(new Entry(item.id(), item.title(), item.source(), item.url(), item.published(),
                        c.label(), c.confidence(), decidingSentence(c)));
            }
            cursor = page.next();
        } while (cursor != null);
        items.values().forEach(list -> list.sort(Comparator.comparingDouble(Entry::confidence).reversed()
                .thenComparing(Entry::published, Comparator.nullsLast(Comparator.reverseOrder()))));
        return new Digest(day, counts, baseline, history, items, Instant.now());
    }

    /** The strongest evidence on the side of the label; for a balanced item, the strongest of either side. */
    static String decidingSentence(Classification c) {
        String side = c.label() == Label.POSITIVE ? "positive" : c.label() == Label.NEGATIVE ? "negative" : null;
        return c.evidence().stream()
                .filter(e -> side == null || side.equals(e.polarity()))
                .max(Comparator.comparingDouble(e -> Math.abs(e.score())))
                .map(Evidence::text).orElse(null);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
