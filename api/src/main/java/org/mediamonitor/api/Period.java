package org.mediamonitor.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in Asia/Taipei: a calendar year (also written as the ROC year, 107 = 2018), a
 * quarter, a month or a range of days.
 *
 * @param name  how the period is written back: {@code 2018}, {@code 2018Q1}, {@code 2018-03}, {@code 2018-01-01/2018-03-31}
 * @param first the first day
 * @param last  the last day, inclusive
 */
record Period(String name, LocalDate first, LocalDate last) {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Pattern YEAR = Pattern.compile("\\d{2,4}");
    private static final Pattern QUARTER = Pattern.compile("(\\d{2,4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH = Pattern.compile("(\\d{2,4})-(\\d{1,2})");

    /** The instant the period starts. */
    Instant from() {
        return first.atStartOfDay(TAIPEI).toInstant();
    }

    /** The instant after the period ends. */
    Instant to() {
        return last.plusDays(1).atStartOfDay(TAIPEI).toInstant();
    }

    long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }

    static Period year(String text) {
        if (text == null || !YEAR.matcher(text.strip()).matches()) {
            throw new BadRequestException("year must be a year such as 2018, or an ROC year such as 107; got '" + text + "'");
        }
        int year = gregorian(Integer.parseInt(text.strip()), "year");
        return new Period(Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    static Period quarter(String text) {
        Matcher m = QUARTER.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new BadRequestException("quarter must look like 2018Q1; got '" + text + "'");
        int year = gregorian(Integer.parseInt(m.group(1)), "quarter");
        int q = Integer.parseInt(m.group(2));
        LocalDate first = LocalDate.of(year, 3 * q - 2, 1);
        return new Period(year + "Q" + q, first, first.plusMonths(3).minusDays(1));
    }

    static Period month(String text) {
        Matcher m = MONTH.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new BadRequestException("month must look like 2018-03; got '" + text + "'");
        int year = gregorian(Integer.parseInt(m.group(1)), "month");
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) throw new BadRequestException("month must be from 01 to 12; got '" + text + "'");
        YearMonth ym = YearMonth.of(year, month);
        return new Period(ym.toString(), ym.atDay(1), ym.atEndOfMonth());
    }

    static Period range(String from, String to) {
        if (from == null || to == null) throw new BadRequestException("a range needs both from and to (YYYY-MM-DD)");
        LocalDate first = day(from, "from"), last = day(to, "to");
        if (first.isAfter(last)) throw new BadRequestException("from (" + first + ") is after to (" + last + ")");
        return new Period(first + "/" + last, first, last);
    }

    static LocalDate day(String text, String parameter) {
        try {
            LocalDate day = LocalDate.parse(text.strip());
            if (day.getYear() < 1900 || day.getYear() > 2200) throw new DateTimeException("out of range");
            return day;
        } catch (DateTimeException e) {
            throw new BadRequestException(parameter + " must be a date written YYYY-MM-DD; got '" + text + "'");
        }
    }

    private static int gregorian(int year, String parameter) {
        int gregorian = year < 1000 ? year + 1911 : year; // ROC era: year 1 is 1912
        if (gregorian < 1912 || gregorian > 2200) {
            throw new BadRequestException(parameter + " is out of range: " + year);
        }
        return gregorian;
    }
}
