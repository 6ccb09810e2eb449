package io.hotfire.rules.engine;

import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The conditions of every rule as written, from the DRL parser, and the probe rules that tell how
 * many of them hold at once: the "why not" of a rule that did not fire is its first condition that
 * fails. Probes are rules too, so they see exactly what the real rules see.
 */
public final class RuleConditions {

    /** One rule's top-level conditions, in order. */
    public record Conditions(String ruleId, String ruleName, List<String> conditions) {
    }

    private RuleConditions() {
    }

    public static List<Conditions> of(RuleSource source) {
        PackageDescr pkg = parse(source);
        List<Conditions> out = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            List<String> conds = new ArrayList<>();
            for (BaseDescr d : r.getLhs().getDescrs()) {
                conds.add(text(source.drl(), d));
            }
            out.add(new Conditions(RuleEngine.idOf(r.getName()), r.getName(), conds));
        }
        return out;
    }

    /** A DRL source in the same package holding, per rule, one probe per prefix of its conditions. */
    public static RuleSource probes(RuleSource source) {
        PackageDescr pkg = parse(source);
        StringBuilder sb = new StringBuilder("package ").append(pkg.getName()).append(";\n");
        for (ImportDescr i : pkg.getImports()) {
            sb.append("import ").append(i.getTarget()).append(";\n");
        }
        sb.append("import io.hotfire.rules.fact.ProbeHit;\n");
        for (Conditions c : of(source)) {
            for (int k = 1; k <= c.conditions().size(); k++) {
                sb.append("rule \"PROBE ").append(c.ruleId()).append(' ').append(k).append("\"\nwhen\n");
                for (int j = 0; j < k; j++) {
                    sb.append("    ").append(c.conditions().get(j)).append('\n');
                }
                sb.append("then\n    insertLogical(new ProbeHit(\"").append(c.ruleId()).append("\", ").append(k)
                        .append("));\nend\n");
            }
        }
        return new RuleSource("probes/" + source.name(), sb.toString());
    }

    private static PackageDescr parse(RuleSource source) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pkg = parser.parse(false, source.drl());
            if (parser.hasErrors() || pkg == null) {
                throw new RuleCompilationException(source.name() + ": " + parser.getErrors());
            }
            return pkg;
        } catch (DroolsParserException e) {
            throw new RuleCompilationException(source.name() + ": " + e.getMessage());
        }
    }

    private static String text(String drl, BaseDescr d) {
        int start = d.getStartCharacter();
        int end = d.getEndCharacter();
        if (start >= 0 && end > start && end <= drl.length()) {
            return drl.substring(start, end).strip();
        }
        return d.getText() == null ? d.toString() : d.getText().strip();
    }
}
