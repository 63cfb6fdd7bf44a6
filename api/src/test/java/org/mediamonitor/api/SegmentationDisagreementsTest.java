package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.mediamonitor.api.SegmentationDisagreements.Kind.CROSSING;
import static org.mediamonitor.api.SegmentationDisagreements.Kind.OTHER_STANDARD;
import static org.mediamonitor.api.SegmentationDisagreements.Kind.UNATTESTED;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentationDisagreementsTest {
    /** Words of another corpus's standard. */
    private final Set<String> other = Set.of("计划", "经济", "市场", "葉澍堃", "对接", "连");

    @Test
    void eachStretchWhereTheBoundariesDifferIsSortedByKind() {
        SegmentationDisagreements sorted = new SegmentationDisagreements(other::contains);
        // gold: 计划经济 | 向 | 市场经济 ; ours splits both as another standard does
        sorted.add(List.of("计划经济", "向", "市场经济"), List.of("计划", "经济", "向", "市场", "经济"));
        // gold: 葉澍堃 | 昨 | 表示 ; ours glues 昨 to the name: a join no other standard has
        sorted.add(List.of("葉澍堃", "昨", "表示"), List.of("葉澍堃昨", "表示"));
        // gold: 对 | 接连 ; ours: 对接 | 连 — the boundaries cross, although both words exist
        sorted.add(List.of("对", "接连", "有"), List.of("对接", "连", "有"));
        assertEquals(2, sorted.stretches(OTHER_STANDARD));
        assertEquals(1, sorted.stretches(UNATTESTED));
        assertEquals(1, sorted.stretches(CROSSING));
        assertEquals(0, sorted.skippedLines());
    }

    @Test
    void theFIfAKindWereRightReplacesItsStretchesByTheGold() {
        SegmentationDisagreements sorted = new SegmentationDisagreements(other::contains);
        sorted.add(List.of("计划经济", "向", "市场经济"), List.of("计划", "经济", "向", "市场", "经济"));
        sorted.add(List.of("对", "接连", "有"), List.of("对接", "连", "有"));
        // gold 6 words; ours 8 words, 2 right (向, 有)
        SegmentationScore score = new SegmentationScore();
        score.add(List.of("计划经济", "向", "市场经济"), List.of("计划", "经济", "向", "市场", "经济"), Set.of());
        score.add(List.of("对", "接连", "有"), List.of("对接", "连", "有"), Set.of());
        assertEquals(score.f(), sorted.f(), 1e-12);
        // crossing right: 4 right of 8 predicted, of 6 gold
        assertEquals(f(4.0 / 8, 4.0 / 6), sorted.fIfRight(EnumSet.of(CROSSING)), 1e-12);
        // the other standard's stretches right: 4 right of 6 predicted
        assertEquals(f(4.0 / 6, 4.0 / 6), sorted.fIfRight(EnumSet.of(OTHER_STANDARD)), 1e-12);
        assertEquals(1.0, sorted.fIfRight(EnumSet.allOf(SegmentationDisagreements.Kind.class)), 1e-12);
    }

    @Test
    void aSentenceWhoseGoldDiffersFromTheInputCountsOnlyInTheTotals() {
        SegmentationDisagreements sorted = new SegmentationDisagreements(other::contains);
        sorted.add(List.of("远望", "号", "”"), List.of("“", "远望", "号", "”"));
        assertEquals(1, sorted.skippedLines());
        assertEquals(0, sorted.stretches(OTHER_STANDARD) + sorted.stretches(UNATTESTED) + sorted.stretches(CROSSING));
        assertEquals(f(3.0 / 4, 1.0), sorted.f(), 1e-12);
    }

    private static double f(double p, double r) {
        return 2 * p * r / (p + r);
    }
}
