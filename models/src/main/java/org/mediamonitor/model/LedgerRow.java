package org.mediamonitor.model;

import java.time.Instant;

/**
 * One counted row of the KPI ledger: a story (a duplicate cluster, or one outlet's copies of it when
 * outlets are counted separately) and why it counts.
 *
 * @param cluster   the duplicate cluster
 * @param item      the member that represents it: its earliest copy
 * @param source    that member's source
 * @param published that member's publication time
 * @param label     the cluster's label
 * @param decidedBy who or what gave the label: {@code model:NAME-VERSION} or {@code staff:NAME}
 */
public record LedgerRow(String cluster, String item, String source, Instant published, Label label, String decidedBy) {
}
