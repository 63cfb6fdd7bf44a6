package org.mediamonitor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The KPI label of a relevant item: how the item, taken as a whole, presents Taiwan
 * (see LABELS.md). Written in lower case in JSON, CSV and query parameters.
 */
public enum Label {
    POSITIVE, BALANCED, NEGATIVE;

    /** The lower-case name used on the wire: {@code positive}, {@code balanced}, {@code negative}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a label in either case.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    @JsonCreator
    public static Label parse(String text) {
        if (text != null) {
            for (Label label : values()) {
                if (label.name().equalsIgnoreCase(text.strip())) return label;
            }
        }
        throw new IllegalArgumentException("unknown label '" + text + "': expected positive, balanced or negative");
    }
}
