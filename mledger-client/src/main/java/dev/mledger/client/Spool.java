package dev.mledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The offline spool: a directory holding one append-only NDJSON journal per run ({@code
 * runs/<clientRunId>.ndjson}) and one sync checkpoint per run ({@code state/<clientRunId>.json}).
 * Every journal line is fsync'ed before the call that wrote it returns; a torn last line (a crash
 * mid-write) is ignored when reading. A journal being written is locked, so a sync never replays a
 * run that is still going.
 */
final class Spool {
  /** Journals open for writing in this JVM (file locks do not exclude threads of one process). */
  private static final Set<Path> OPEN_JOURNALS = ConcurrentHashMap.newKeySet();

  private final Path directory;

  Spool(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /** {@code MLEDGER_SPOOL_DIR}, else {@code ~/.mledger/spool}. */
  static Path defaultDirectory(Map<String, String> environment) {
    String configured = environment.get("MLEDGER_SPOOL_DIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".mledger", "spool");
  }

  Path directory() {
    return directory;
  }

  Path journalPath(String clientRunId) {
    return directory.resolve("runs").resolve(clientRunId + ".ndjson");
  }

  Path statePath(String clientRunId) {
    return directory.resolve("state").resolve(clientRunId + ".json");
  }

  /** Creates the journal of a new run and locks it for this writer. */
  Journal create(String clientRunId) {
    Path path = journalPath(clientRunId);
    try {
      Files.createDirectories(path.getParent());
      FileChannel channel =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IOException("journal is locked by another process");
      }
      OPEN_JOURNALS.add(path);
      return new Journal(path, channel, lock);
    } catch (IOException e) {
      throw spoolError("Cannot create the offline journal " + path, e);
    }
  }

  /** The client run ids of every journal in the spool, oldest journal first. */
  List<String> journalIds() {
    Path runs = directory.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runs)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".ndjson"))
          .sorted(
              java.util.Comparator.comparing(Spool::lastModified)
                  .thenComparing(p -> p.getFileName().toString()))
          .map(p -> p.getFileName().toString().replaceFirst("\\.ndjson$", ""))
          .toList();
    } catch (IOException e) {
      throw spoolError("Cannot list the offline spool " + runs, e);
    }
  }

  /** Whether a writer (in this or another process) still holds the journal open. */
  boolean inUse(String clientRunId) {
    Path path = journalPath(clientRunId);
    if (OPEN_JOURNALS.contains(path)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw spoolError("Cannot inspect the offline journal " + path, e);
    }
  }

  /** What a journal holds, and whether its last line was torn by a crash and left out. */
  record Contents(List<JournalRecord> records, boolean tornTail) {}

  /**
   * @throws MledgerException IO_ERROR if a line other than the last is not a valid record
   */
  Contents read(String clientRunId) {
    Path path = journalPath(clientRunId);
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw spoolError("Cannot read the offline journal " + path, e);
    }
    List<JournalRecord> records = new ArrayList<>();
    boolean torn = false;
    String[] lines = text.split("\n", -1);
    // The element after the last '\n' is empty for a complete journal, a torn line otherwise.
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (line.isBlank()) {
        continue;
      }
      if (last) {
        torn = true;
        continue;
      }
      try {
        records.add(JournalCodec.decode(line));
      } catch (IllegalArgumentException e) {
        throw new MledgerException(
            ErrorCode.IO_ERROR,
            "The offline journal "
                + path
                + " is corrupt at line "
                + (i + 1)
                + ": "
                + e.getMessage());
      }
    }
    return new Contents(records, torn);
  }

  /** A run's sync checkpoint: its server run id once known, and the last applied record. */
  record SyncState(String runId, long appliedSeq, boolean complete) {
    static final SyncState NONE = new SyncState(null, 0, false);
  }

  SyncState state(String clientRunId) {
    Path path = statePath(clientRunId);
    if (!Files.exists(path)) {
      return SyncState.NONE;
    }
    try {
      JsonNode json = HttpTransport.JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
      return new SyncState(
          Wire.textOrNull(json, "run_id"),
          Wire.longValue(json, "applied_seq"),
          json.path("complete").asBoolean(false));
    } catch (IOException e) {
      throw spoolError("Cannot read the sync checkpoint " + path, e);
    }
  }

  /** The server run id a spooled run was synced to, if it has been. */
  Optional<String> syncedRunId(String clientRunId) {
    return Optional.ofNullable(state(clientRunId).runId());
  }

  /** Writes the checkpoint atomically (temp file, fsync, rename), so a crash keeps old or new. */
  void saveState(String clientRunId, SyncState state) {
    Path path = statePath(clientRunId);
    ObjectNode json = Wire.object();
    if (state.runId() != null) {
      json.put("run_id", state.runId());
    }
    json.put("applied_seq", state.appliedSeq());
    json.put("complete", state.complete());
    try {
      Files.createDirectories(path.getParent());
      Path temp = path.resolveSibling(path.getFileName() + ".tmp");
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(HttpTransport.JSON.writeValueAsBytes(json)));
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw spoolError("Cannot write the sync checkpoint " + path, e);
    }
  }

  /** Removes a fully synced journal; its checkpoint stays as the id mapping for child runs. */
  void removeJournal(String clientRunId) {
    try {
      Files.deleteIfExists(journalPath(clientRunId));
    } catch (IOException e) {
      throw spoolError("Cannot remove the synced journal " + journalPath(clientRunId), e);
    }
  }

  private static java.nio.file.attribute.FileTime lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MledgerException spoolError(String message, IOException cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new MledgerException(ErrorCode.IO_ERROR, message + ": " + reason, cause);
  }

  /** The writing end of one run's journal; every append is durable when it returns. */
  static final class Journal implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private long seq;
    private boolean closed;

    private Journal(Path path, FileChannel channel, FileLock lock) {
      this.path = path;
      this.channel = channel;
      this.lock = lock;
    }

    Path path() {
      return path;
    }

    /** Appends the record built for the next sequence number and fsyncs it. */
    synchronized void append(LongFunction<JournalRecord> record) {
      if (closed) {
        throw new IllegalStateException("journal " + path + " is closed");
      }
      byte[] line =
          (JournalCodec.encode(record.apply(seq + 1)) + "\n").getBytes(StandardCharsets.UTF_8);
      try {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      } catch (IOException e) {
        throw spoolError("Cannot append to the offline journal " + path, e);
      }
      seq++;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      OPEN_JOURNALS.remove(path);
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw spoolError("Cannot close the offline journal " + path, e);
      }
    }
  }
}
