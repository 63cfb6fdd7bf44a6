package org.mediamonitor.model;

import java.util.Objects;

/**
 * An outlet that Media Monitor follows through a feed.
 *
 * @param id       short stable identifier, used in item records and filters ({@code source=})
 * @param name     the outlet's name as staff know it
 * @param feedUrl  the RSS or Atom feed to poll
 * @param language the outlet's main language tag ({@code en}, {@code zh-Hant}, {@code zh-Hans}, …)
 * @param country  ISO 3166 country code of the outlet
 * @param kind     news, opinion, think tank, government statement or wire
 * @param local    true only for sources on this machine or a private network (the demo site);
 *                 others may never be fetched from loopback or private addresses
 * @param enabled  false to keep the source on file without polling it
 */
public record Source(String id, String name, String feedUrl, String language, String country,
                     SourceKind kind, boolean local, boolean enabled) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feedUrl, "feedUrl");
        if (name == null) name = id;
        if (kind == null) kind = SourceKind.NEWS;
    }
}
