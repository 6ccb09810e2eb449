package io.hotfire.rules.engine;

/** A rule set that does not compile; the message lists every error with file and line. */
public class RuleCompilationException extends RuntimeException {
    public RuleCompilationException(String message) {
        super(message);
    }
}
