package org.mediamonitor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The width of one bar in counts over time; periods start at midnight in Asia/Taipei, weeks on Monday. */
public enum CountInterval {
    DAY, WEEK, MONTH, YEAR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CountInterval parse(String text) {
        if (text != null) {
            for (CountInterval interval : values()) {
                if (interval.name().equalsIgnoreCase(text.strip())) return interval;
            }
        }
        throw new IllegalArgumentException("unknown interval '" + text + "': expected day, week, month or year");
    }
}
