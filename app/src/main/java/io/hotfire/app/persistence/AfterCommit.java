package io.hotfire.app.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that waits for the current transaction's outcome: run only if it commits (a metric counted, a
 * checkpoint moved, a cached monitor put back), or undone otherwise. One interposed JTA
 * synchronization per call, so it runs after the data is durable and never for a rolled-back batch.
 * Must be called inside an active transaction.
 */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code committed} once the current transaction has committed; nothing if it rolls back. */
    public void run(Runnable committed) {
        run(committed, () -> { });
    }

    /** Runs {@code committed} if the current transaction commits, {@code otherwise} if it does not. */
    public void run(Runnable committed, Runnable otherwise) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.run();
                } else {
                    otherwise.run();
                }
            }
        });
    }

    /** A value kept for the current transaction under {@code key} (null if none): state shared by its calls. */
    public Object resource(Object key) {
        return transactions.getResource(key);
    }

    /** Keeps {@code value} for the current transaction under {@code key}. */
    public void keep(Object key, Object value) {
        transactions.putResource(key, value);
    }
}
