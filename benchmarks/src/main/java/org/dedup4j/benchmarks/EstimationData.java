package org.dedup4j.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.spi.Chunker;

/**
 * Deterministic data sets with known duplication for the estimation benchmarks, written once to a
 * folder, and a small gear-hash content-defined chunker (the real ones live on another branch).
 */
final class EstimationData {

  private EstimationData() {}

  /** A named data set: files to scan. */
  record DataSet(String name, List<Path> files) {}

  /** Writes (once) and returns the synthetic sets; sizes in MiB scale with {@code scale}. */
  static List<DataSet> synthetic(Path dir, int scale) throws IOException {
    Files.createDirectories(dir);
    List<DataSet> out = new ArrayList<>();
    out.add(one(dir, "unique", unique(256L * scale)));
    out.add(one(dir, "dup2x", dup2x(256L * scale)));
    out.add(one(dir, "skewed", skewed(512L * scale)));
    out.add(one(dir, "vmimage", vmImage(512L * scale)));
    return out;
  }

  interface Gen {
    void write(OutputStream out) throws IOException;
  }

  private static Gen unique(long mib) {
    return out -> {
      byte[] b = new byte[4096];
      for (long i = 0; i < mib * 256; i++) {
        block(0xA11L, i, b);
        out.write(b);
      }
    };
  }

  private static Gen dup2x(long mib) {
    return out -> {
      byte[] b = new byte[4096];
      for (int pass = 0; pass < 2; pass++) {
        for (long i = 0; i < mib * 128; i++) {
          block(0xD0BL, i, b);
          out.write(b);
        }
      }
    };
  }

  /** Blocks drawn from a pool with skewed frequencies (popular blocks repeat often). */
  private static Gen skewed(long mib) {
    return out -> {
      byte[] b = new byte[4096];
      long n = mib * 256;
      SplitMix r = new SplitMix(0x5EEDL);
      for (long i = 0; i < n; i++) {
        double u = (r.next() >>> 11) * 0x1.0p-53;
        long id = (long) (Math.pow(u, 3) * n * 0.6);
        block(0x5C3L, id, b);
        out.write(b);
      }
    };
  }

  /** Zeros, unique regions and copies of earlier regions with a changed byte here and there. */
  private static Gen vmImage(long mib) {
    return out -> {
      byte[] b = new byte[4096];
      long n = mib * 256;
      SplitMix r = new SplitMix(0x7A1L);
      long fresh = 0;
      for (long i = 0; i < n; ) {
        long kind = Math.floorMod(r.next(), 10);
        long run = 1 + Math.floorMod(r.next(), 256);
        for (long j = 0; j < run && i < n; j++, i++) {
          if (kind < 3) {
            java.util.Arrays.fill(b, (byte) 0);
          } else if (kind < 7 || fresh == 0) {
            block(0x7A2L, fresh++, b);
          } else {
            block(0x7A2L, Math.floorMod(r.next(), fresh), b);
            if (Math.floorMod(r.next(), 8) == 0) {
              b[Math.floorMod(r.next(), 4096)] ^= 1; // a changed copy: unique
            }
          }
          out.write(b);
        }
      }
    };
  }

  private static DataSet one(Path dir, String name, Gen gen) throws IOException {
    Path f = dir.resolve(name + ".bin");
    if (!Files.exists(f)) {
      Path tmp = dir.resolve(name + ".tmp");
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        gen.write(out);
      }
      Files.move(tmp, f);
    }
    return new DataSet(name, List.of(f));
  }

  /** Fills a block from (salt, id): the same id gives the same block. */
  static void block(long salt, long id, byte[] b) {
    SplitMix r = new SplitMix(salt * 0x9E3779B97F4A7C15L + id);
    for (int i = 0; i < b.length; i += 8) {
      long v = r.next();
      for (int k = 0; k < 8; k++) {
        b[i + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      state = seed;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }

  /** Gear-hash content-defined chunks: min 2 KiB, average about 8 KiB, max 64 KiB. */
  static final class GearChunker implements Chunker {
    private static final long[] GEAR = new long[256];

    static {
      SplitMix r = new SplitMix(99);
      for (int i = 0; i < 256; i++) {
        GEAR[i] = r.next();
      }
    }

    private static final int MIN = 2048;
    private static final int MAX = 65536;
    private static final long MASK = -1L << (64 - 13);

    @Override
    public String spec() {
      return "bench-gear:min=2k,avg=8k,max=64k";
    }

    @Override
    public int minChunkSize() {
      return MIN;
    }

    @Override
    public int maxChunkSize() {
      return MAX;
    }

    @Override
    public int nextCut(ByteBuffer data, int from, int to) {
      int end = Math.min(to, from + MAX);
      int i = Math.min(end, from + MIN);
      long h = 0;
      for (; i < end; i++) {
        h = (h << 1) + GEAR[data.get(i) & 0xFF];
        if ((h & MASK) == 0) {
          return i + 1;
        }
      }
      return end;
    }
  }
}
