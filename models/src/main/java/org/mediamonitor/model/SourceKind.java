package org.mediamonitor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What kind of outlet a source is; staff filter and weigh coverage by it. */
public enum SourceKind {
    NEWS, OPINION, THINK_TANK, GOVERNMENT, WIRE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static SourceKind parse(String text) {
        if (text != null) {
            String wanted = text.strip().replace('-', '_');
            for (SourceKind kind : values()) {
                if (kind.name().equalsIgnoreCase(wanted)) return kind;
            }
        }
        throw new IllegalArgumentException("unknown source kind '" + text
                + "': expected news, opinion, think-tank, government or wire");
    }
}
