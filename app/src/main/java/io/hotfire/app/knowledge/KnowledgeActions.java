package io.hotfire.app.knowledge;

/** The audit actions of governed knowledge changes (one record each, in the step's own transaction). */
public final class KnowledgeActions {

    /** A proposal submitted: files with their SHA-256, content digest, rule-set version, reason. */
    public static final String SUBMIT = "knowledge.submit";
    /** A shadow started on a selection of archived runs. */
    public static final String SHADOW_START = "knowledge.shadow-start";
    /** A shadow finished: the SHA-256 of its result and its counts. */
    public static final String SHADOW = "knowledge.shadow";
    public static final String APPROVE = "knowledge.approve";
    public static final String REJECT = "knowledge.reject";
    /** A version activated (by an approval): domain, number, content digest, rule-set version, effective time. */
    public static final String ACTIVATE = "knowledge.activate";
    /** An instance switched its rules to a version (at start-up or when one became effective). */
    public static final String LOAD = "knowledge.load";
    /** A monitor-only version stopped. */
    public static final String MONITOR_STOP = "knowledge.monitor-stop";
    /** A rollback requested: a proposal restoring an earlier version's content. */
    public static final String ROLLBACK = "knowledge.rollback";

    private KnowledgeActions() {
    }
}
