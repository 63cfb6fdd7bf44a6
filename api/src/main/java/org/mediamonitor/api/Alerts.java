package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.CountInterval;
import org.mediamonitor.model.Item;
import org.mediamonitor.model.Label;
import org.mediamonitor.model.LabelCounts;
import org.mediamonitor.model.SavedQuery;
import org.mediamonitor.model.Source;
import org.mediamonitor.model.TimeCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells staff at once, by e-mail and (when configured) a webhook post, of what cannot wait for the
 * morning digest:
 * <ul>
 *   <li>a <b>spike</b>: a day's number of items with a label, or matching a saved query, far above the
 *       days before it (the rule is {@link SpikeRule}); checked for the days whose counts new items have
 *       changed;</li>
 *   <li>a <b>negative item from an important source</b> ({@link Source#important()}) that the model is
 *       sure of (or that staff labelled), checked as each item is stored.</li>
 * </ul>
 * Each alert goes out once: its key is written to {@code state/alerts-sent.tsv} in the data folder
 * after the messages are in the {@link Outbox}, which delivers them even if the SMTP server or the
 * webhook is down for a while. News older than {@link Rules#maxAge()} raises no alert, so re-reading
 * old pages or old sitemaps does not wake anyone.
 */
final class Alerts {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /**
     * The {@code alerts:} settings (media-monitor.yaml documents each).
     *
     * @param recipients         who gets alerts by e-mail; empty: the digest's recipients
     * @param webhookUrl         where alerts are also POSTed as JSON; empty: nowhere
     * @param negativeConfidence a negative item from an important source alerts when the model is at least this sure
     * @param maxAge             items published longer ago than this raise no alert
     */
    record Rules(List<String> recipients, String webhookUrl, double negativeConfidence, String maxAge, SpikeRule spike) {
        /** @throws IllegalArgumentException naming the setting that is wrong */
        void check() {
            if (!(negativeConfidence >= 0 && negativeConfidence <= 1)) {
                throw new IllegalArgumentException("alerts.negative-confidence must be from 0 to 1; got " + negativeConfidence);
            }
            age();
            if (webhook() != null) {
                URI uri;
                try {
                    uri = URI.create(webhook());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("alerts.webhook-url is not a URL: " + webhookUrl);
                }
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    throw new IllegalArgumentException("alerts.webhook-url must be an http or https URL; got " + webhookUrl);
                }
            }
            if (spike == null) throw new IllegalArgumentException("alerts.spike is missing");
            spike.check();
        }

        Duration age() {
            try {
                return Settings.duration(maxAge);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts.max-age: " + e.getMessage());
            }
        }

        String webhook() {
            return webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
        }
    }

    /**
     * When a day's count is a spike: it is at least {@code minCount}, and above the mean of the
     * {@code baselineDays} days before by more than {@code deviations} standard deviations. The standard
     * deviation used is at least the square root of the mean, the spread that counts of independent
     * events have by chance alone, so that a very steady run of days does not make a small rise look
     * like a spike. No spike is called while the index holds items on fewer than half of the baseline
     * days (a new installation has no baseline yet).
     *
     * @param labels       the labels whose daily counts are watched
     * @param savedQueries whether each saved query's daily count (its relevant items) is watched too
     */
    record SpikeRule(int baselineDays, double deviations, int minCount, List<Label> labels, boolean savedQueries) {
        void check() {
            if (baselineDays < 3 || baselineDays > 90) {
                throw new IllegalArgumentException("alerts.spike.baseline-days must be from 3 to 90; got " + baselineDays);
            }
            if (!(deviations >= 0)) throw new IllegalArgumentException("alerts.spike.deviations must be 0 or more; got " + deviations);
            if (minCount < 1) throw new IllegalArgumentException("alerts.spike.min-count must be 1 or more; got " + minCount);
        }

        List<Label> watched() {
            return labels == null ? List.of() : labels;
        }

        /** The baseline of the days before; {@code before} holds their counts. */
        Baseline baseline(long[] before) {
            double mean = 0;
            for (long c : before) mean += c;
            mean /= before.length;
            double squares = 0;
            for (long c : before) squares += (c - mean) * (c - mean);
            double sd = Math.sqrt(squares / before.length);
            return new Baseline(before.length, mean, sd, mean + deviations * Math.max(sd, Math.sqrt(mean)));
        }

        boolean isSpike(long count, Baseline baseline) {
            return count >= minCount && count > baseline.threshold();
        }
    }

    /** The days before a day: their mean count, standard deviation, and the count above which the day is a spike. */
    record Baseline(int days, double mean, double sd, double threshold) {
    }

    /**
     * An alert as it was sent.
     *
     * @param key   what makes it one alert: {@code spike:label:negative:2018-03-23},
     *              {@code spike:query:ID:DAY} or {@code negative:CLUSTER}
     * @param body  the webhook's JSON body
     */
    record Alert(String key, String subject, String text, Map<String, Object> body) {
    }

    private final ItemIndex index;
    private final Function<String, Source> sources;
    private final Outbox outbox;
    private final Rules rules;
    private final String from;
    private final List<String> recipients;
    private final Path sentFile;
    private final Clock clock;
    private final Set<String> sent = new HashSet<>();
    /** Days whose counts have changed since they were last checked for spikes. */
    private final Set<LocalDate> changedDays = new TreeSet<>();

    /**
     * @param sources          the source of an id (null when unknown)
     * @param from             the sender of alert e-mails
     * @param digestRecipients who gets the alerts when {@code rules} names no recipients
     */
    Alerts(ItemIndex index, Function<String, Source> sources, Outbox outbox, Rules rules, String from,
           List<String> digestRecipients, Path dataFolder, Clock clock) throws IOException {
        this.index = index;
        this.sources = sources;
        this.outbox = outbox;
        this.rules = rules;
        this.from = from;
        this.recipients = rules.recipients() != null && !rules.recipients().isEmpty() ? List.copyOf(rules.recipients())
                : digestRecipients == null ? List.of() : List.copyOf(digestRecipients);
        this.clock = clock;
        this.sentFile = dataFolder.resolve("state").resolve("alerts-sent.tsv");
        Files.createDirectories(sentFile.getParent());
        if (Files.exists(sentFile)) {
            for (String line : Files.readAllLines(sentFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) sent.add(line.split("\t", 2)[0]);
            }
        }
    }

    /**
     * Hears of an item just stored: alerts at once if it is a negative item from an important source,
     * and remembers its day for the next {@link #checkSpikes()}.
     *
     * @return the alert sent for it, if any
     */
    synchronized Optional<Alert> stored(Item item) {
        if (item.published() != null) changedDays.add(item.published().atZone(Period.TAIPEI).toLocalDate());
        Classification c = item.classification();
        if (c == null || !c.relevant() || c.label() != Label.NEGATIVE) return Optional.empty();
        if (!c.byStaff() && c.confidence() < rules.negativeConfidence()) return Optional.empty();
        Source source = item.source() == null ? null : sources.apply(item.source());
        if (source == null || !source.important()) return Optional.empty();
        Instant when = item.published() != null ? item.published() : item.fetched();
        if (when == null || when.isBefore(clock.instant().minus(rules.age()))) return Optional.empty();
        String key = "negative:" + item.cluster();
        if (sent.contains(key)) return Optional.empty();
        return Optional.of(send(importantNegative(key, item, source, c)));
    }

    /**
     * Checks each day whose counts have changed since the last check (and that is not older than
     * {@link Rules#maxAge()}) for spikes of the watched labels and saved queries, and alerts on each new one.
     *
     * @return the alerts sent
     */
    synchronized List<Alert> checkSpikes() {
        List<Alert> alerts = new ArrayList<>();
        LocalDate today = clock.instant().atZone(Period.TAIPEI).toLocalDate();
        Instant oldest = clock.instant().minus(rules.age());
        for (LocalDate day : List.copyOf(changedDays)) {
            changedDays.remove(day);
            boolean recent = day.plusDays(1).atStartOfDay(Period.TAIPEI).toInstant().isAfter(oldest);
            if (!recent || day.isAfter(today)) continue;
            try {
                alerts.addAll(spikes(day));
            } catch (IOException | RuntimeException e) {
                log.error("alerts: checking {} for spikes failed: {}", day, e.getMessage(), e);
            }
        }
        return alerts;
    }

    private List<Alert> spikes(LocalDate day) throws IOException {
        SpikeRule rule = rules.spike();
        Instant start = day.minusDays(rule.baselineDays()).atStartOfDay(Period.TAIPEI).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(Period.TAIPEI).toInstant();
        List<TimeCounts.Period> all = index.countsOverTime(null, start, end, CountInterval.DAY).periods();
        if (all.size() != rule.baselineDays() + 1) {
            log.warn("alerts: expected {} days of counts before {}, got {}", rule.baselineDays() + 1, day, all.size());
            return List.of();
        }
        long daysWithItems = all.subList(0, rule.baselineDays()).stream().filter(p -> p.all() > 0).count();
        if (daysWithItems * 2 < rule.baselineDays()) return List.of(); // no baseline yet
        List<Alert> alerts = new ArrayList<>();
        for (Label label : rule.watched()) {
            String key = "spike:label:" + label.wireName() + ":" + day;
            if (sent.contains(key)) continue;
            long[] counts = all.stream().mapToLong(p -> count(p.matching(), label)).toArray();
            spike(key, day, counts, Map.of("kind", "label", "id", label.wireName(), "name", labelName(label)),
                    labelName(label)).ifPresent(alerts::add);
        }
        if (rule.savedQueries()) {
            for (SavedQuery query : index.savedQueries().list()) {
                String key = "spike:query:" + query.id() + ":" + day;
                if (sent.contains(key)) continue;
                long[] counts;
                try {
                    counts = index.countsOverTime(query.query(), start, end, CountInterval.DAY).periods().stream()
                            .mapToLong(p -> p.matching().total()).toArray();
                } catch (RuntimeException e) {
                    log.warn("alerts: saved query {} cannot be counted: {}", query.id(), e.getMessage());
                    continue;
                }
                spike(key, day, counts, Map.of("kind", "query", "id", query.id(), "name", query.name()),
                        "「" + query.name() + "」").ifPresent(alerts::add);
            }
        }
        return alerts;
    }

    /** {@code counts}: the baseline days, oldest first, then the day. */
    private Optional<Alert> spike(String key, LocalDate day, long[] counts, Map<String, Object> subject, String name) {
        long count = counts[counts.length - 1];
        Baseline baseline = rules.spike().baseline(java.util.Arrays.copyOf(counts, counts.length - 1));
        if (!rules.spike().isSpike(count, baseline)) return Optional.empty();
        String mean = String.format(Locale.ROOT, "%.1f", baseline.mean());
        String title = "輿情警示 Alert: " + name + " " + count + " (" + day + "; " + baseline.days() + "-day average " + mean + ")";
        String text = String.format(Locale.ROOT,
                "%s：%s 當日 %d 則，遠高於前 %d 日平均 %s 則（標準差 %.1f，警示門檻 %.1f）。%n"
                        + "Spike: %s had %d items on %s, far above the average of %s over the %d days before "
                        + "(standard deviation %.1f, alert threshold %.1f).%n%n前 %d 日 Days before: %s%n",
                day, name, count, baseline.days(), mean, baseline.sd(), baseline.threshold(),
                name, count, day, mean, baseline.days(), baseline.sd(), baseline.threshold(),
                baseline.days(), java.util.Arrays.toString(java.util.Arrays.copyOf(counts, counts.length - 1)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "spike");
        body.put("key", key);
        body.put("text", title);
        body.put("day", day.toString());
        body.put("subject", subject);
        body.put("count", count);
        body.put("baseline", baseline);
        return Optional.of(send(new Alert(key, title, text, body)));
    }

    private Alert importantNegative(String key, Item item, Source source, Classification c) {
        String sentence = Digest.decidingSentence(c);
        String confidence = String.format(Locale.ROOT, "%.2f", c.confidence());
        String title = "輿情警示 Alert: 重要來源負面報導 negative item from " + source.name() + ": " + item.title();
        StringBuilder text = new StringBuilder()
                .append("重要來源「").append(source.name()).append("」的負面報導（信心 ").append(confidence).append("）：\n")
                .append("A negative item from ").append(source.name()).append(", a source marked important (confidence ")
                .append(confidence).append(", decided by ").append(c.decidedBy()).append("):\n\n")
                .append(item.title()).append('\n');
        if (item.published() != null) text.append(TIME.format(item.published().atZone(Period.TAIPEI))).append(" (Asia/Taipei)\n");
        text.append(item.url()).append('\n');
        if (sentence != null) text.append("\n> ").append(sentence).append('\n');
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("id", item.id());
        about.put("url", item.url());
        about.put("title", item.title());
        about.put("source", source.id());
        about.put("sourceName", source.name());
        about.put("published", item.published());
        about.put("language", item.language());
        about.put("label", c.label());
        about.put("confidence", c.confidence());
        about.put("decidedBy", c.decidedBy());
        about.put("sentence", sentence);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "important-negative");
        body.put("key", key);
        body.put("text", title);
        body.put("item", about);
        return new Alert(key, title, text.toString(), body);
    }

    /** Puts the alert in the outbox for each channel, then remembers that it was sent. */
    private Alert send(Alert alert) {
        if (!recipients.isEmpty()) {
            outbox.mail("alert " + alert.key(), new Outbox.Mail(from, recipients, alert.subject(), alert.text(), null));
        }
        if (rules.webhook() != null) {
            try {
                outbox.webhook("alert " + alert.key() + " (webhook)",
                        new Outbox.Webhook(rules.webhook(), Json.MAPPER.writeValueAsString(alert.body())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("alert " + alert.key() + " cannot be written as JSON", e);
            }
        }
        if (recipients.isEmpty() && rules.webhook() == null) log.info("alert {} (no recipients or webhook configured): {}", alert.key(), alert.subject());
        else log.info("alert {}: {}", alert.key(), alert.subject());
        remember(alert.key());
        return alert;
    }

    private void remember(String key) {
        sent.add(key);
        String line = key + "\t" + clock.instant() + "\n";
        try (FileChannel file = FileChannel.open(sentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            file.write(StandardCharsets.UTF_8.encode(line));
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("alerts: cannot record alert " + key + " in " + sentFile, e);
        }
    }

    private static long count(LabelCounts counts, Label label) {
        return Digest.count(counts, label);
    }

    private static String labelName(Label label) {
        return switch (label) {
            case POSITIVE -> "正面 Positive";
            case BALANCED -> "中性 Balanced";
            case NEGATIVE -> "負面 Negative";
        };
    }
}
