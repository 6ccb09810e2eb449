package io.hotfire.sim.fault;

/**
 * One component fault of the catalogue as the twin reproduces it.
 *
 * @param code      fault code, verbatim from FAULTS.md
 * @param name      human name
 * @param source    where the signature comes from (FAULTS.md source column)
 * @param rampS     default ramp from onset to full severity, s
 * @param signature effect at full severity
 */
public record CatalogFault(String code, String name, String source, double rampS, Signature signature) {
}
