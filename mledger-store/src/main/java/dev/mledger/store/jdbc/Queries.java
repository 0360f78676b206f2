package dev.mledger.store.jdbc;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/** Turns a {@link SqlWriter} into a JDBI statement with its arguments bound by position. */
final class Queries {
  private Queries() {}

  static Query query(Handle h, SqlWriter sql) {
    Query query = h.createQuery(sql.sql());
    List<Object> args = sql.args();
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    return query;
  }

  static Update update(Handle h, SqlWriter sql) {
    Update update = h.createUpdate(sql.sql());
    List<Object> args = sql.args();
    for (int i = 0; i < args.size(); i++) {
      update.bind(i, args.get(i));
    }
    return update;
  }
}
