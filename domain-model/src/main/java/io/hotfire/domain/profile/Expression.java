package io.hotfire.domain.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A small arithmetic expression over channel ids, for derived quantities in a profile:
 * numbers, identifiers, {@code + - * / ^}, parentheses, and {@code sqrt abs min max pow}.
 * Parsed once; evaluated per window against any variable lookup.
 */
public final class Expression {

    private final String source;
    private final Node root;
    private final List<String> variables;

    private Expression(String source, Node root, List<String> variables) {
        this.source = source;
        this.root = root;
        this.variables = variables;
    }

    public static Expression parse(String source) {
        Parser p = new Parser(source);
        Node n = p.parseExpr();
        p.skipSpace();
        if (p.pos < source.length()) {
            throw new IllegalArgumentException("unexpected '" + source.charAt(p.pos) + "' at position " + (p.pos + 1));
        }
        return new Expression(source, n, List.copyOf(p.vars));
    }

    /** Channel ids the expression reads, in order of first use. */
    public List<String> variables() {
        return variables;
    }

    public double evaluate(ToDoubleFunction<String> lookup) {
        return root.eval(lookup);
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    private interface Node {
        double eval(ToDoubleFunction<String> lookup);
    }

    private static final class Parser {
        final String s;
        int pos;
        final Set<String> vars = new LinkedHashSet<>();

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Node parseExpr() {
            Node left = parseTerm();
            while (true) {
                if (eat('+')) {
                    Node l = left, r = parseTerm();
                    left = v -> l.eval(v) + r.eval(v);
                } else if (eat('-')) {
                    Node l = left, r = parseTerm();
                    left = v -> l.eval(v) - r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node parseTerm() {
            Node left = parseFactor();
            while (true) {
                if (eat('*')) {
                    Node l = left, r = parseFactor();
                    left = v -> l.eval(v) * r.eval(v);
                } else if (eat('/')) {
                    Node l = left, r = parseFactor();
                    left = v -> l.eval(v) / r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node parseFactor() {
            Node base = parseUnary();
            if (eat('^')) {
                Node exp = parseFactor();
                return v -> Math.pow(base.eval(v), exp.eval(v));
            }
            return base;
        }

        Node parseUnary() {
            if (eat('-')) {
                Node n = parseUnary();
                return v -> -n.eval(v);
            }
            if (eat('+')) {
                return parseUnary();
            }
            return parsePrimary();
        }

        Node parsePrimary() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("expression ends too early");
            }
            char c = s.charAt(pos);
            if (eat('(')) {
                Node n = parseExpr();
                expect(')');
                return n;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'
                        || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && pos > start
                            && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
                    pos++;
                }
                String num = s.substring(start, pos);
                double d;
                try {
                    d = Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number '" + num + "' at position " + (start + 1));
                }
                return v -> d;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    return parseCall(name, start);
                }
                vars.add(name);
                return v -> v.applyAsDouble(name);
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at position " + (pos + 1));
        }

        Node parseCall(String name, int start) {
            expect('(');
            List<Node> args = new ArrayList<>();
            if (!eat(')')) {
                do {
                    args.add(parseExpr());
                } while (eat(','));
                expect(')');
            }
            List<Node> a = Collections.unmodifiableList(args);
            switch (name) {
                case "sqrt":
                    arity(name, a, 1, start);
                    return v -> Math.sqrt(a.get(0).eval(v));
                case "abs":
                    arity(name, a, 1, start);
                    return v -> Math.abs(a.get(0).eval(v));
                case "pow":
                    arity(name, a, 2, start);
                    return v -> Math.pow(a.get(0).eval(v), a.get(1).eval(v));
                case "min":
                    arity(name, a, 2, start);
                    return v -> Math.min(a.get(0).eval(v), a.get(1).eval(v));
                case "max":
                    arity(name, a, 2, start);
                    return v -> Math.max(a.get(0).eval(v), a.get(1).eval(v));
                default:
                    throw new IllegalArgumentException("unknown function '" + name + "' at position " + (start + 1));
            }
        }

        void arity(String name, List<Node> a, int n, int start) {
            if (a.size() != n) {
                throw new IllegalArgumentException(name + " takes " + n + " argument(s), got " + a.size()
                        + " at position " + (start + 1));
            }
        }

        void expect(char c) {
            if (!eat(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at position " + (pos + 1));
            }
        }
    }
}
