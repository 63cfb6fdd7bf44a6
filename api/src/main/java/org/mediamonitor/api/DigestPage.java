package org.mediamonitor.api;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Entities;
import org.mediamonitor.model.Label;

/**
 * Writes a {@link Digest} as an HTML page (served at {@code /digest/YYYY-MM-DD} and sent as the HTML
 * part of the e-mail, so it uses inline styles and an inline SVG chart, no scripts) and as plain text.
 * Traditional Chinese first, English beside it.
 */
final class DigestPage {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private DigestPage() {
    }

    static String title(Digest d) {
        return "國際媒體輿情日報 Daily digest " + d.day();
    }

    static String html(Digest d) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"zh-Hant\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(title(d))).append("</title></head>")
                .append("<body style=\"font-family:system-ui,'Noto Sans TC',sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#1d232a\">")
                .append("<h1 style=\"font-size:1.3rem\">").append(escape(title(d))).append("</h1>")
                .append("<table style=\"border-collapse:collapse;margin-bottom:1rem\" aria-label=\"counts\"><tr>")
                .append("<th style=\"text-align:left;padding:.3rem .8rem\">標籤 Label</th><th style=\"padding:.3rem .8rem\">當日 Day</th>")
                .append("<th style=\"padding:.3rem .8rem\">前 14 日平均 14-day average</th><th style=\"padding:.3rem .8rem\">變化 Change</th></tr>");
        for (Label label : Digest.ORDER) {
            long today = Digest.count(d.counts(), label);
            double average = d.baseline().of(label);
            h.append("<tr class=\"").append(label.wireName()).append("\"><td style=\"padding:.3rem .8rem\">")
                    .append(name(label)).append("</td><td style=\"text-align:right;padding:.3rem .8rem\" data-count=\"")
                    .append(today).append("\">").append(today).append("</td><td style=\"text-align:right;padding:.3rem .8rem\">")
                    .append(format(average)).append("</td><td style=\"text-align:right;padding:.3rem .8rem\">")
                    .append(change(today, average)).append("</td></tr>");
        }
        h.append("<tr><td style=\"padding:.3rem .8rem\"><b>總計 Total</b></td><td style=\"text-align:right;padding:.3rem .8rem\"><b>")
                .append(d.counts().total()).append("</b></td><td style=\"text-align:right;padding:.3rem .8rem\">")
                .append(format(d.baseline().total())).append("</td><td style=\"text-align:right;padding:.3rem .8rem\">")
                .append(change(d.counts().total(), d.baseline().total())).append("</td></tr></table>");
        h.append(chart(d.history()));
        for (Label label : Digest.ORDER) {
            List<Digest.Entry> entries = d.items().get(label);
            h.append("<h2 style=\"font-size:1.1rem;border-bottom:3px solid ").append(colour(label)).append("\">")
                    .append(name(label)).append(" (").append(entries.size()).append(")</h2>");
            if (entries.isEmpty()) h.append("<p style=\"color:#5b6570\">無 None</p>");
            for (Digest.Entry e : entries) {
                h.append("<div class=\"item\" style=\"margin-bottom:.8rem\"><a href=\"").append(escape(e.url())).append("\" style=\"font-weight:600;color:#123a5a\">")
                        .append(escape(e.title())).append("</a><div style=\"color:#5b6570;font-size:.85rem\">")
                        .append(escape(e.source())).append(" · ")
                        .append(e.published() == null ? "" : TIME.format(e.published().atZone(TAIPEI)))
                        .append(" · 信心 confidence ").append(String.format(Locale.ROOT, "%.2f", e.confidence())).append("</div>");
                if (e.sentence() != null) {
                    h.append("<blockquote style=\"margin:.3rem 0 0 0;padding-left:.6rem;border-left:3px solid ")
                            .append(colour(label)).append("\">").append(escape(e.sentence())).append("</blockquote>");
                }
                h.append("</div>");
            }
        }
        return h.append("<p style=\"color:#5b6570;font-size:.8rem\">Media Monitor · ").append(d.built()).append("</p></body></html>\n").toString();
    }

    static String text(Digest d) {
        StringBuilder t = new StringBuilder(title(d)).append("\n\n");
        for (Label label : Digest.ORDER) {
            long today = Digest.count(d.counts(), label);
            t.append(String.format(Locale.ROOT, "%-22s %4d   (14-day average %s, %s)%n", name(label), today,
                    format(d.baseline().of(label)), change(today, d.baseline().of(label))));
        }
        t.append(String.format(Locale.ROOT, "%-22s %4d%n", "總計 Total", d.counts().total()));
        for (Label label : Digest.ORDER) {
            t.append("\n== ").append(name(label)).append(" ==\n");
            for (Digest.Entry e : d.items().get(label)) {
                t.append("* ").append(e.title()).append("\n  ").append(e.source()).append(", ")
                        .append(e.published() == null ? "" : TIME.format(e.published().atZone(TAIPEI)))
                        .append(", confidence ").append(String.format(Locale.ROOT, "%.2f", e.confidence())).append("\n  ")
                        .append(e.url()).append('\n');
                if (e.sentence() != null) t.append("  > ").append(e.sentence()).append('\n');
            }
        }
        return t.toString();
    }

    /** Stacked bars of the 15 days, oldest on the left. */
    private static String chart(List<Digest.DayCount> days) {
        long max = 1;
        for (Digest.DayCount c : days) max = Math.max(max, c.positive() + c.balanced() + c.negative());
        int width = 16, gap = 4, height = 80;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"items per day by label\" width=\"")
                .append(days.size() * (width + gap) + 24).append("\" height=\"").append(height + 14).append("\">");
        for (int i = 0; i < days.size(); i++) {
            Digest.DayCount c = days.get(i);
            double y = height;
            long[] values = {c.negative(), c.balanced(), c.positive()};
            Label[] labels = {Label.NEGATIVE, Label.BALANCED, Label.POSITIVE};
            for (int k = 0; k < values.length; k++) {
                double h = (double) values[k] / max * height;
                y -= h;
                if (h > 0) {
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>",
                            i * (width + gap), y, width, h, colour(labels[k])));
                }
            }
            if (i == days.size() - 1 || i == 0) {
                svg.append("<text x=\"").append(i * (width + gap)).append("\" y=\"").append(height + 12)
                        .append("\" font-size=\"9\">").append(c.day().toString().substring(5)).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String name(Label label) {
        return switch (label) {
            case POSITIVE -> "正面 Positive";
            case BALANCED -> "中性 Balanced";
            case NEGATIVE -> "負面 Negative";
        };
    }

    private static String colour(Label label) {
        return switch (label) {
            case POSITIVE -> "#2e7d32";
            case BALANCED -> "#607d8b";
            case NEGATIVE -> "#c62828";
        };
    }

    private static String change(double today, double average) {
        if (average == 0) return today == 0 ? "±0" : "新增 new";
        double percent = (today - average) / average * 100;
        return String.format(Locale.ROOT, "%+.0f%%", percent);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text == null ? "" : Entities.escape(text);
    }
}
