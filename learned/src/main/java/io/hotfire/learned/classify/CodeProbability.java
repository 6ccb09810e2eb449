package io.hotfire.learned.classify;

/** A fault code (or {@value Prediction#NOMINAL}) with the classifier's probability for it. */
public record CodeProbability(String code, double probability) {
}
