package org.mediamonitor.classifier;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void scoresAgreementAsTheTextbookDefinesIt() {
        Evaluation e = new Evaluation();
        // gold: 2 positive, 2 negative; one negative predicted positive
        e.add("positive", "positive", 0.9);
        e.add("positive", "positive", 0.6);
        e.add("negative", "negative", 0.9);
        e.add("negative", "positive", 0.55);
        assertEquals(0.75, e.accuracy(), 1e-9);
        // F1 positive = 2*2/(2*2+1) = 0.8; F1 negative = 2*1/(2*1+1) = 0.667
        assertEquals((0.8 + 2.0 / 3) / 2, e.macroF1(), 1e-9);
        // chance agreement = (2/4)(3/4) + (2/4)(1/4) = 0.5, kappa = (0.75 - 0.5) / 0.5
        assertEquals(0.5, e.kappa(), 1e-9);
        assertArrayEquals(new int[] {1, 1}, e.confusion()[0], "negative row: one right, one predicted positive");
        assertArrayEquals(new double[] {2, 1.0}, e.atOrAbove(0.8), 1e-9);
    }

    @Test
    void perfectAgreementOnOneLabelIsKappaOne() {
        Evaluation e = new Evaluation();
        e.add("balanced", "balanced", 0.7);
        assertEquals(1.0, e.kappa(), 1e-9);
    }
}
