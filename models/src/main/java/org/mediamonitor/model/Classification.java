package org.mediamonitor.model;

import java.time.Instant;
import java.util.List;

/**
 * The verdict on one item: whether Taiwan is a subject of it and, if so, its label, how sure the
 * decision is and the evidence behind it.
 *
 * @param relevant   true when the target is a subject of the item (LABELS.md, step 1)
 * @param label      the label; null when the item is not relevant
 * @param confidence from 0 to 1
 * @param evidence   the sentences that decided it, strongest first
 * @param decidedBy  what or who decided: {@code model:NAME-VERSION} or {@code staff:NAME}
 * @param decidedAt  when it was decided
 */
public record Classification(boolean relevant, Label label, double confidence, List<Evidence> evidence,
                             String decidedBy, Instant decidedAt) {
    public Classification {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if (relevant && label == null) throw new IllegalArgumentException("a relevant item needs a label");
        if (!relevant) label = null;
    }

    /** True when a staff member gave this label, so no model may override it. */
    public boolean byStaff() {
        return decidedBy != null && decidedBy.startsWith("staff:");
    }
}
