package org.dedup4j.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.dedup4j.Chunkers;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.IoMode;
import org.dedup4j.internal.engine.MappedWindows.Release;
import org.dedup4j.spi.Chunker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapped windows that the scan releases itself, and what {@link IoMode#AUTO} chooses. */
class MappedWindowsTest {

  private static final boolean ARENAS = Runtime.version().feature() >= 22;

  @TempDir Path dir;

  @Test
  void theJdkDecidesHowMappingsAreReleased() {
    assertEquals(ARENAS ? Release.ARENA : Release.GC, MappedWindows.release());
  }

  @Test
  void aWindowHoldsTheFileBytesUntilClosed() throws IOException {
    byte[] data = new byte[3 << 20];
    new Random(7).nextBytes(data);
    Path f = Files.write(dir.resolve("data.bin"), data);
    for (Release r : Release.values()) {
      if (r == Release.ARENA && !ARENAS) {
        continue;
      }
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        MappedWindows.Window w = MappedWindows.map(r, ch, 4096, data.length - 8192);
        ByteBuffer view = w.view();
        byte[] got = new byte[view.remaining()];
        view.get(0, got);
        byte[] want = java.util.Arrays.copyOfRange(data, 4096, data.length - 4096);
        assertArrayEquals(want, got, r.name());
        w.close();
        if (r == Release.ARENA) {
          // Closed: a view kept past the window fails instead of reading unmapped memory.
          assertThrows(IllegalStateException.class, () -> view.get(0), r.name());
        }
      }
    }
  }

  @Test
  void autoMapsForFixedChunkersWhereTheScanReleasesItsWindows() {
    List<Chunker> fixed = List.of(Chunkers.fixed(4096));
    List<Chunker> mixed = List.of(Chunkers.fixed(4096), contentDefined());
    assertEquals(IoMode.MMAP, ScanEngine.resolve(IoMode.AUTO, fixed, Release.ARENA));
    assertEquals(IoMode.READ, ScanEngine.resolve(IoMode.AUTO, fixed, Release.GC));
    assertEquals(IoMode.READ, ScanEngine.resolve(IoMode.AUTO, mixed, Release.ARENA));
    for (Release r : Release.values()) {
      assertEquals(IoMode.MMAP, ScanEngine.resolve(IoMode.MMAP, mixed, r));
      assertEquals(IoMode.READ, ScanEngine.resolve(IoMode.READ, fixed, r));
    }
  }

  @Test
  void theReportNamesTheModeUsed() throws IOException {
    Path f = Files.write(dir.resolve("small.bin"), new byte[1 << 16]);
    for (IoMode io : IoMode.values()) {
      DedupReport fixed = DedupScanner.builder().io(io).build().scan(f);
      DedupReport cdc = DedupScanner.builder().io(io).chunker(contentDefined()).build().scan(f);
      String auto = ARENAS ? "mmap" : "read"; // JDK 17-21 cannot release mappings themselves
      assertEquals(io == IoMode.AUTO ? auto : io.name().toLowerCase(), fixed.io());
      assertEquals(io == IoMode.AUTO ? "read" : io.name().toLowerCase(), cdc.io());
      assertEquals(16, fixed.chunks());
    }
  }

  /** Cuts as fixed 4 KiB, but says it is content-defined (no fixed size). */
  private static Chunker contentDefined() {
    Chunker fixed = Chunkers.fixed(4096);
    return new Chunker() {
      @Override
      public String spec() {
        return "test-cdc";
      }

      @Override
      public int minChunkSize() {
        return 1;
      }

      @Override
      public int maxChunkSize() {
        return 4096;
      }

      @Override
      public int nextCut(ByteBuffer data, int from, int to) {
        return fixed.nextCut(data, from, to);
      }
    };
  }
}
