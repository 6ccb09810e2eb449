package io.hotfire.app.problem;

/** Ends a request with a problem document; thrown before anything is written, or to roll back. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(new Problem(slug, title, 400, detail));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(new Problem("not-found", "Not found", 404, "no " + what + " with id '" + id + "'")
                .with("field", "id").with("id", id));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(new Problem(slug, title, 409, detail));
    }

    /** Adds an extension member to the carried problem; returns this for throwing. */
    public ProblemException with(String name, Object value) {
        problem.with(name, value);
        return this;
    }

    /** Whether a ProblemException is {@code e} or one of its causes (a request's own fault, not a failure). */
    public static boolean inCauses(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException) {
                return true;
            }
        }
        return false;
    }
}
