package io.hotfire.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.hibernate.Session;

/**
 * Walks the audit chain from seq 1 and reports the first broken link: a record whose content no
 * longer matches its hash (edited), whose previous hash is not its predecessor's hash (replaced,
 * re-hashed or reordered), a missing seq (removed), or a head that does not match the last record
 * (records removed from the end), and compares the chain with the newest checkpoint kept outside the
 * database ({@link AuditCheckpoints}), which shows records removed from the end together with a head
 * rolled back to match.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1_000;

    /** Why a link is broken. */
    public enum Problem {
        /** The record's columns no longer hash to its stored hash: it was edited. */
        HASH_MISMATCH,
        /** The record's prev_hash is not the hash of the record before it. */
        PREVIOUS_HASH_MISMATCH,
        /** A seq is missing: a record was removed. */
        SEQUENCE_GAP,
        /** The chain head does not name the last record: records were removed from the end, or the head was changed. */
        HEAD_MISMATCH,
        /** The newest checkpoint names a record beyond the chain's end: records were removed from the end and the head rolled back. */
        CHECKPOINT_AHEAD,
        /** The record a checkpoint names has another hash (the chain was rewritten from there), or the checkpoints themselves are not valid. */
        CHECKPOINT_MISMATCH
    }

    /**
     * @param seq    the record at which the chain breaks (for HEAD_MISMATCH: the last record found)
     * @param detail what differs, for people
     */
    public record Break(long seq, Problem problem, String detail) {
    }

    /**
     * @param ok       true when every link holds
     * @param checked  records checked
     * @param headSeq  the chain head's seq when verification began
     * @param headHash the chain head's hash: note it down, and a later verification that still
     *                 contains it proves nothing before it was rewritten
     * @param broken   the first broken link, or null
     * @param checkpoint the newest checkpoint of the chain head kept outside the database, which the chain
     *                 was compared with (null when none was written yet)
     */
    public record Result(boolean ok, long checked, long headSeq, String headHash, Break broken,
            AuditCheckpoints.Checkpoint checkpoint) {
    }

    @Inject
    Session session;

    @Inject
    AuditCheckpoints checkpoints;

    @Transactional
    public Result verify() {
        // Taken before the head: a checkpoint is written after its records committed, so it never names a
        // record beyond the head read below unless records were removed.
        AuditCheckpoints.Checkpoint checkpoint = checkpoints.latest();
        String hashAtCheckpoint = null;
        AuditChainHead head = session.find(AuditChainHead.class, AuditChainHead.ID);
        long headSeq = head.lastSeq;
        String headHash = head.lastHash;
        session.detach(head);

        long expectedSeq = 1;
        String previous = AuditHash.GENESIS;
        long checked = 0;
        while (true) {
            List<AuditRecordEntity> page = session.createSelectionQuery(
                            "from AuditRecordEntity r where r.seq >= :from and r.seq <= :to order by r.seq", AuditRecordEntity.class)
                    .setParameter("from", expectedSeq)
                    .setParameter("to", headSeq)
                    .setMaxResults(PAGE)
                    .setReadOnly(true)
                    .getResultList();
            for (AuditRecordEntity r : page) {
                if (r.seq != expectedSeq) {
                    return broken(checked, headSeq, headHash, new Break(expectedSeq, Problem.SEQUENCE_GAP,
                            "record " + expectedSeq + " is missing; the next record is " + r.seq));
                }
                String recomputed = AuditHash.of(r);
                if (!recomputed.equals(r.hash)) {
                    return broken(checked, headSeq, headHash, new Break(r.seq, Problem.HASH_MISMATCH,
                            "record " + r.seq + " (" + r.action + " " + r.target + ") no longer matches its hash: stored "
                                    + r.hash + ", content hashes to " + recomputed));
                }
                if (!previous.equals(r.prevHash)) {
                    return broken(checked, headSeq, headHash, new Break(r.seq, Problem.PREVIOUS_HASH_MISMATCH,
                            "record " + r.seq + " names previous hash " + r.prevHash + " but record " + (r.seq - 1) + " hashes to " + previous));
                }
                previous = r.hash;
                if (checkpoint != null && r.seq == checkpoint.seq()) {
                    hashAtCheckpoint = r.hash;
                }
                expectedSeq++;
                checked++;
            }
            session.clear();
            if (page.size() < PAGE) {
                break;
            }
        }
        if (checkpoint != null && checkpoint.seq() > checked) {
            return anchorBroken(checked, headSeq, headHash, checkpoint, new Break(checked, Problem.CHECKPOINT_AHEAD,
                    "the checkpoint of " + checkpoint.at() + " names record " + checkpoint.seq() + " (hash " + checkpoint.hash()
                            + ") but the chain ends at record " + checked + ": " + (checkpoint.seq() - checked)
                            + " records were removed from its end and the chain head rolled back"));
        }
        if (checkpoint != null && !checkpoint.hash().equals(hashAtCheckpoint)) {
            return anchorBroken(checked, headSeq, headHash, checkpoint, new Break(checkpoint.seq(), Problem.CHECKPOINT_MISMATCH,
                    "record " + checkpoint.seq() + " hashes to " + hashAtCheckpoint + " but the checkpoint of " + checkpoint.at()
                            + " says " + checkpoint.hash() + ": the chain was rewritten from there"));
        }
        if (checkpoints.broken() != null) {
            return anchorBroken(checked, headSeq, headHash, checkpoint, new Break(checked, Problem.CHECKPOINT_MISMATCH, checkpoints.broken()));
        }
        if (checked != headSeq) {
            return broken(checked, headSeq, headHash, new Break(checked, Problem.HEAD_MISMATCH,
                    "the chain head names record " + headSeq + " but the records end at " + checked));
        }
        if (!previous.equals(headHash)) {
            return broken(checked, headSeq, headHash, new Break(checked, Problem.HEAD_MISMATCH,
                    "the chain head's hash " + headHash + " is not the hash of record " + checked + " (" + previous + ")"));
        }
        return new Result(true, checked, headSeq, headHash, null, checkpoint);
    }

    private Result broken(long checked, long headSeq, String headHash, Break b) {
        return new Result(false, checked, headSeq, headHash, b, checkpoints.latest());
    }

    /** A break the checkpoints show: also marks the chain broken for health and raises the alarm (once). */
    private Result anchorBroken(long checked, long headSeq, String headHash, AuditCheckpoints.Checkpoint c, Break b) {
        checkpoints.markBroken(b.detail());
        return new Result(false, checked, headSeq, headHash, b, c);
    }
}
