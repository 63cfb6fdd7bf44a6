package org.mediamonitor.crawler;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates that news pages write: ISO 8601, RFC 1123, and the Chinese forms
 * {@code 2018年3月23日}, {@code 107年3月23日} (ROC era) and {@code 2018-03-23 10:05}. A date without
 * an offset is taken in Asia/Taipei. Dates before 1990 or in the future are refused.
 */
final class Dates {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Pattern CHINESE = Pattern.compile(
            "(?:民國)?\\s*(\\d{2,4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日(?:\\s*(\\d{1,2})[:：時时](\\d{2}))?");
    private static final Pattern NUMERIC = Pattern.compile(
            "(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    private static final Pattern ENGLISH = Pattern.compile(
            "(?i)\\b(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
                    + "(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?,?\\s+((?:19|20)\\d{2})\\b");
    private static final java.util.List<String> MONTHS =
            java.util.List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private Dates() {
    }

    /** The date in {@code text}, or null when none can be read or it is outside 1990 to now. */
    static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) return null;
        String value = text.strip();
        OffsetDateTime found = parseFormatted(value);
        if (found == null) found = parseChinese(value);
        if (found == null) found = parseNumeric(value);
        if (found == null) found = parseEnglish(value);
        return plausible(found) ? found : null;
    }

    private static OffsetDateTime parseFormatted(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).atZone(TAIPEI).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(TAIPEI).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private static OffsetDateTime parseChinese(String value) {
        Matcher m = CHINESE.matcher(value);
        if (!m.find()) return null;
        int year = Integer.parseInt(m.group(1));
        if (year < 1000) year += 1911; // ROC era: year 1 = 1912
        return at(year, m.group(2), m.group(3), m.group(4), m.group(5), null);
    }

    private static OffsetDateTime parseNumeric(String value) {
        Matcher m = NUMERIC.matcher(value);
        if (!m.find()) return null;
        return at(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
    }

    /** {@code November 19, 2019} or {@code 19 Nov 2019}; the time of day is not read from prose. */
    private static OffsetDateTime parseEnglish(String value) {
        Matcher m = ENGLISH.matcher(value);
        if (!m.find()) return null;
        String day = m.group(1) != null ? m.group(1) : m.group(3);
        if (day == null) return null;
        int month = MONTHS.indexOf(m.group(2).toLowerCase(java.util.Locale.ROOT)) + 1;
        return at(Integer.parseInt(m.group(4)), String.valueOf(month), day, null, null, null);
    }

    private static OffsetDateTime at(int year, String month, String day, String hour, String minute, String second) {
        try {
            return LocalDateTime.of(year, Integer.parseInt(month), Integer.parseInt(day),
                            hour == null ? 0 : Integer.parseInt(hour), minute == null ? 0 : Integer.parseInt(minute),
                            second == null ? 0 : Integer.parseInt(second))
                    .atZone(TAIPEI).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean plausible(OffsetDateTime date) {
        return date != null && date.getYear() >= 1990 && !date.isAfter(OffsetDateTime.now().plusDays(1));
    }
}
