package io.hotfire.app.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.hibernate.Session;

/**
 * Inserts rows of a table with an identity id in ONE plain JDBC batch on the session's connection and
 * hands each row the id the database gave it (read back as the batch's generated keys, in the order
 * written). Hibernate persists identity entities one statement each; on the ingest path that was a
 * round trip per event, alarm and notice.
 */
public final class IdentityInserts {

    /** Sets one row's parameters on the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement st, T row) throws SQLException;
    }

    private IdentityInserts() {
    }

    /**
     * @param sql    an {@code insert} of every column but the identity column {@code id}
     * @param what   the rows' name, for the error if the database returns too few ids
     * @param setId  receives each row and its id
     */
    public static <T> void insert(Session session, String sql, List<T> rows, String what, Binder<T> bind, ObjLongConsumer<T> setId) {
        if (rows.isEmpty()) {
            return;
        }
        session.doWork(c -> {
            // The key column as the database names it (H2 folds unquoted names to upper case, PostgreSQL to lower).
            String id = c.getMetaData().storesUpperCaseIdentifiers() ? "ID" : "id";
            try (PreparedStatement st = c.prepareStatement(sql, new String[] {id})) {
                for (T row : rows) {
                    bind.bind(st, row);
                    st.addBatch();
                }
                st.executeBatch();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    for (T row : rows) {
                        if (!keys.next()) {
                            throw new IllegalStateException("the database returned fewer ids than the " + rows.size() + " " + what + " written");
                        }
                        setId.accept(row, keys.getLong(1));
                    }
                }
            }
        });
    }
}
