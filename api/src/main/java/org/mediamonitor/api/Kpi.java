package org.mediamonitor.api;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import org.mediamonitor.model.LabelCounts;

/**
 * The KPI of a period: items counted (relevant, published in the period, each duplicate cluster once)
 * by label, against the target.
 *
 * @param period   the period's name: {@code 2018}, {@code 2018Q1}, {@code 2018-03} or a range of days
 * @param from     first day, in Asia/Taipei
 * @param to       last day, inclusive
 * @param target   the yearly target, or its share by days for shorter or longer periods
 * @param pace     how the count compares with the part of the period that has gone by
 */
record Kpi(String period, String from, String to, long target, long total, long positive, long balanced,
           long negative, Pace pace) {

    /**
     * @param elapsed  share of the period gone by, from 0 to 1
     * @param expected the count that the target asks for by now
     * @param ratio    total / expected (1 = on track); null before the period starts
     */
    record Pace(double elapsed, long expected, Double ratio) {
    }

    static Kpi of(Period period, int yearlyTarget, LabelCounts counts, Instant now) {
        long target = Math.round((double) yearlyTarget * period.days() / Year.of(period.first().getYear()).length());
        if (period.name().length() == 4) target = yearlyTarget; // a whole year
        double length = Duration.between(period.from(), period.to()).toMillis();
        double gone = Math.max(0, Math.min(length, Duration.between(period.from(), now).toMillis()));
        double elapsed = Math.round(gone / length * 10_000) / 10_000.0;
        long expected = Math.round(target * elapsed);
        Double ratio = expected == 0 ? null : Math.round((double) counts.total() / expected * 1000) / 1000.0;
        return new Kpi(period.name(), period.first().toString(), period.last().toString(), target, counts.total(),
                counts.positive(), counts.balanced(), counts.negative(), new Pace(elapsed, expected, ratio));
    }
}
