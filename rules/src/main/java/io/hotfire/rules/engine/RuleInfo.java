package io.hotfire.rules.engine;

import java.util.List;

/**
 * Metadata of one rule, read from its DRL annotations.
 *
 * @param id         stable id, e.g. {@code RL-001}
 * @param name       the sentence name
 * @param faultCodes fault, sensor-fault or limit codes it can conclude
 * @param stage      pipeline stage, e.g. {@code 10-validation}
 * @param source     where its knowledge comes from (catalogue row, ICD section, paper)
 * @param severity   severity of what it concludes
 * @param file       DRL file it lives in
 */
public record RuleInfo(String id, String name, List<String> faultCodes, String stage, String source,
                       String severity, String file) {
}
