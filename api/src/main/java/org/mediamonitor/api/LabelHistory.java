package org.mediamonitor.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;

/**
 * How an item's label came to be: the model's decision, then each staff correction with its reason,
 * oldest first. The model's decision is the item's own when no one has corrected it, and otherwise
 * the one the first correction replaced, as the audit log recorded it.
 */
final class LabelHistory {
    /**
     * One step.
     *
     * @param action {@code classified} for the model's decision, {@code corrected} for a staff member's
     * @param from   the label before ({@code not-relevant} for an item the model set aside), null for the first step
     * @param to     the label after
     */
    record Step(Instant at, String who, String action, String from, String to, String reason) {
    }

    private LabelHistory() {
    }

    static List<Step> of(Item item, List<AuditLog.Entry> corrections) {
        List<Step> steps = new ArrayList<>();
        if (corrections.isEmpty()) {
            Classification verdict = item.classification();
            if (verdict != null) {
                steps.add(new Step(verdict.decidedAt(), verdict.decidedBy(), verdict.byStaff() ? "corrected" : "classified",
                        null, wire(verdict), null));
            }
            return steps;
        }
        Map<String, Object> first = details(corrections.getFirst());
        Object previousBy = first.get("previousBy");
        if (previousBy != null) {
            Object previousAt = first.get("previousAt");
            steps.add(new Step(previousAt == null ? null : Instant.parse(previousAt.toString()), previousBy.toString(),
                    previousBy.toString().startsWith("staff:") ? "corrected" : "classified", null, text(first.get("previous")), null));
        }
        for (AuditLog.Entry entry : corrections) {
            Map<String, Object> details = details(entry);
            // a correction made through another item of the cluster changed this one from the same label
            String from = item.id().equals(entry.target()) || steps.isEmpty() ? text(details.get("previous")) : steps.getLast().to();
            steps.add(new Step(entry.at(), entry.who(), "corrected", from, text(details.get("label")), text(details.get("reason"))));
        }
        return steps;
    }

    /** The entry's details; an audit line written without any reads as none. */
    private static Map<String, Object> details(AuditLog.Entry entry) {
        return entry.details() == null ? Map.of() : entry.details();
    }

    private static String wire(Classification verdict) {
        return verdict.relevant() ? verdict.label().wireName() : "not-relevant";
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
