package dev.mledger.cli.data;

import dev.mledger.store.dataset.DatasetEvent;
import dev.mledger.store.dataset.DatasetVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON documents of dataset versions and events, shared by the data commands. */
final class DataJson {
  private DataJson() {}

  static Map<String, Object> version(DatasetVersion v, boolean withProfile) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("version", v.version().toString());
    m.put("kind", v.kind().jsonName());
    m.put("sha256", v.sha256());
    m.put("size", v.size());
    m.put("files", v.files());
    m.put("path", v.path());
    m.put("source", v.provenance().source());
    m.put("owner", v.provenance().owner());
    m.put("license", v.provenance().license());
    m.put("pii_columns", v.provenance().piiColumns());
    m.put("run_id", v.provenance().runId());
    m.put("created_by", v.provenance().createdBy());
    m.put("key_columns", v.keyColumns());
    m.put("created_at", v.createdAt().toString());
    if (withProfile) {
      m.put("profile", v.profile() == null ? null : v.profile().toMap());
    } else {
      m.put("rows", v.profile() == null ? null : v.profile().rows());
    }
    return m;
  }

  static Map<String, Object> event(DatasetEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("action", e.action());
    m.put("version", e.version().toString());
    m.put("previous_version", e.previous() == null ? null : e.previous().toString());
    m.put("actor", e.actor());
    m.put("reason", e.reason());
    m.put("created_at", e.createdAt().toString());
    return m;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
