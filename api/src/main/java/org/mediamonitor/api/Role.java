package org.mediamonitor.api;

import java.util.Locale;

/** What a token may do: viewers read, editors also correct labels and keep saved queries, admins also manage sources and tokens. */
enum Role {
    VIEWER, EDITOR, ADMIN;

    boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String text) {
        for (Role role : values()) if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) return role;
        throw new IllegalArgumentException("unknown role '" + text + "': expected viewer, editor or admin");
    }
}
