package dev.mledger.cli.data;

import dev.mledger.core.dataset.PointerFile;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and atomically replacing pointer files. */
final class Pointers {
  private Pointers() {}

  static PointerFile read(Path file) {
    try {
      return PointerFile.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw MledgerException.notFound("pointer file " + file + " does not exist");
    } catch (IOException e) {
      throw new MledgerException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e, e);
    } catch (MledgerException e) {
      throw MledgerException.invalidParameter(file + ": " + e.getMessage());
    }
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a pointer. */
  static void write(Path file, PointerFile pointer) {
    Path target = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".mledger-pointer-", ".tmp");
      try {
        Files.writeString(temp, pointer.toText(), StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new MledgerException(
          ErrorCode.IO_ERROR, "cannot write pointer file " + target + ": " + e, e);
    }
  }
}
