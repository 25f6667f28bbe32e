package org.dedup4j.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dedup4j.RangeReader;
import org.dedup4j.TopChunks;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.ZeroBytes;
import org.dedup4j.spi.Chunker;
import org.dedup4j.spi.Digester;

/**
 * The second read of {@code --top-chunks}: finds where given chunks sit. Reads the inputs again in
 * the scan's order, one thread, each input cut as one chain of cuts from its start with the scan's
 * chunker (the cuts the scan counted: its parallel windows reconcile to that chain), and records
 * the first places of each wanted chunk; stops as soon as every chunk has the places wanted.
 * Only chunks of a wanted length are fingerprinted, and an all-zero chunk only compared with
 * zeros. Inputs that cannot be read again are passed over (their places are missing).
 */
public final class PlaceFinder {

  /**
   * What the read found.
   *
   * @param places per wanted chunk, its places in input order
   * @param bytesRead bytes read (or viewed, for buffers)
   * @param stopped whether the caller's stop ended the read before every chunk had its places
   */
  public record Found(List<List<TopChunks.Place>> places, long bytesRead, boolean stopped) {}

  private static final int MIN_BUFFER = 1 << 20;

  private final Chunker chunker;
  private final Digester digester;
  private final ScanLimits limits;
  private final Throttle throttle;
  private final long[] k1;
  private final int[] length;
  private final int[] want;
  private final List<List<TopChunks.Place>> places = new ArrayList<>();
  /** Non-zero wanted chunks by their first 64 bits (several in the rare case they share them). */
  private final Map<Long, int[]> byK0 = new HashMap<>();
  /** Wanted zero chunks by length (one fingerprint per length). */
  private final Map<Integer, Integer> zeroByLength = new HashMap<>();
  /** Distinct lengths of the non-zero chunks still wanted, sorted, and how many want each. */
  private final int[] lengths;
  private final int[] lengthUses;
  private final long[] fp = new long[2];
  private int remaining;
  private long bytesRead;
  private long sinceStopCheck;
  private boolean stopped;
  private ByteBuffer buffer;

  private PlaceFinder(Chunker chunker, org.dedup4j.spi.Hasher hasher, ScanLimits limits,
      long[] k0, long[] k1, int[] length, boolean[] zero, int[] want) {
    this.chunker = chunker;
    this.digester = hasher.newDigester();
    this.limits = limits;
    this.throttle = limits.maxBytesPerSecond() > 0
        ? new Throttle(limits.maxBytesPerSecond(), Throttle.SYSTEM) : null;
    this.k1 = k1;
    this.length = length;
    this.want = want;
    lengths = Arrays.stream(length).filter(l -> l > 0).sorted().distinct().toArray();
    lengthUses = new int[lengths.length];
    for (int i = 0; i < k0.length; i++) {
      places.add(new ArrayList<>());
      if (want[i] <= 0) {
        continue;
      }
      remaining++;
      if (zero[i]) {
        zeroByLength.put(length[i], i);
      } else {
        byK0.merge(k0[i], new int[] {i}, PlaceFinder::concat);
        lengthUses[Arrays.binarySearch(lengths, length[i])]++;
      }
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Finds the first {@code want[i]} places of each chunk {@code i}.
   *
   * @param inputs the inputs, in the scan's order
   * @param chunker the scan's chunker
   * @param hasher the scan's hasher
   * @param limits the scan's rate cap, stream bound and stop
   * @param k0 first 64 bits of each chunk's fingerprint
   * @param k1 second 64 bits (0 for 64-bit hashers)
   * @param length each chunk's length
   * @param zero whether each is all zeros
   * @param want how many places of each to find
   * @return what was found
   */
  public static Found find(List<Input> inputs, Chunker chunker, org.dedup4j.spi.Hasher hasher,
      ScanLimits limits, long[] k0, long[] k1, int[] length, boolean[] zero, int[] want) {
    PlaceFinder f = new PlaceFinder(chunker, hasher, limits, k0, k1, length, zero, want);
    for (Input in : inputs) {
      if (f.remaining == 0 || f.stopped) {
        break;
      }
      try {
        f.read(in);
      } catch (IOException e) {
        // Gone or unreadable since the scan: its places are missing, the others still count.
      }
    }
    List<List<TopChunks.Place>> out = new ArrayList<>();
    f.places.forEach(p -> out.add(List.copyOf(p)));
    return new Found(List.copyOf(out), f.bytesRead, f.stopped && f.remaining > 0);
  }

  private void read(Input in) throws IOException {
    if (in instanceof Input.FileInput file) {
      try (FileChannel ch = FileChannel.open(file.path, StandardOpenOption.READ)) {
        chain(in.name, (position, dst) -> ch.read(dst, position), 0, file.size, file.size);
      }
    } else if (in instanceof Input.RangeInput r) {
      chain(in.name, r.reader, r.start, r.end, r.size);
    } else if (in instanceof Input.PathStreamInput p) {
      try (FileChannel ch = FileChannel.open(p.path, StandardOpenOption.READ)) {
        chain(in.name, (position, dst) -> ch.read(dst), 0, Long.MAX_VALUE,
            limits.maxStreamBytes());
      }
    } else if (in instanceof Input.BufferInput b) {
      inPlace(in.name, b.data);
    }
    // A caller's stream was read once, by the scan: the scanner refuses one before it reads.
  }

  /** A buffer input, cut where it lies. */
  private void inPlace(String name, ByteBuffer data) {
    int end = data.limit();
    for (int from = 0; from < end && remaining > 0; ) {
      int cut = chunker.nextCut(data, from, end);
      bytesRead += cut - from;
      if (read(cut - from)) {
        return;
      }
      chunk(data, from, cut - from, name, from);
      from = cut;
    }
  }

  /**
   * One chain of cuts from {@code start}: the chunks that start before {@code end}, reading no byte
   * at or past {@code limit}.
   */
  private void chain(String name, RangeReader source, long start, long end, long limit)
      throws IOException {
    int max = chunker.maxChunkSize();
    if (buffer == null) {
      buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(MIN_BUFFER, 2L * max)));
    }
    ByteBuffer buf = buffer;
    byte[] array = buf.array();
    int capacity = buf.capacity();
    long base = start; // the input offset of buf[0]
    int filled = 0;
    int from = 0;
    boolean done = false;
    while (base + from < end && remaining > 0) {
      if (!done && filled - from < max) {
        if (from > 0) {
          System.arraycopy(array, from, array, 0, filled - from);
          base += from;
          filled -= from;
          from = 0;
        }
        while (filled < capacity) {
          long room = Math.min(capacity - filled, limit - (base + filled));
          if (room <= 0) {
            done = true;
            break;
          }
          buf.limit(filled + (int) room).position(filled);
          int got = source.read(base + filled, buf);
          if (got < 0) {
            done = true;
            break;
          }
          filled += got;
          bytesRead += got;
          if (read(got)) {
            return;
          }
        }
        buf.clear();
      }
      if (from >= filled) {
        break; // the input ended early (it shrank since the scan)
      }
      int cut = chunker.nextCut(buf, from, filled);
      chunk(buf, from, cut - from, name, base + from);
      from = cut;
    }
  }

  /** Books bytes just read with the rate cap; true when the caller asked to stop. */
  private boolean read(long bytes) {
    if (throttle != null) {
      throttle.acquire(bytes);
    }
    sinceStopCheck += bytes;
    if (sinceStopCheck >= MIN_BUFFER) {
      sinceStopCheck = 0;
      stopped = limits.stopWhen().getAsBoolean();
    }
    return stopped;
  }

  private void chunk(ByteBuffer buf, int offset, int len, String name, long inputOffset) {
    if (!zeroByLength.isEmpty()) {
      Integer z = zeroByLength.get(len);
      if (z != null && ZeroBytes.isZero(buf, offset, len)) {
        place(z, name, inputOffset);
        return;
      }
    }
    int l = Arrays.binarySearch(lengths, len);
    if (l < 0 || lengthUses[l] == 0) {
      return; // no chunk still wanted has this length: not worth a fingerprint
    }
    digester.digest(buf, offset, len, fp);
    int[] candidates = byK0.get(fp[0]);
    if (candidates == null) {
      return;
    }
    for (int i : candidates) {
      if (k1[i] == fp[1] && length[i] == len && places.get(i).size() < want[i]) {
        place(i, name, inputOffset);
      }
    }
  }

  private void place(int i, String name, long offset) {
    List<TopChunks.Place> p = places.get(i);
    p.add(new TopChunks.Place(name, offset));
    if (p.size() == want[i]) {
      remaining--;
      Integer z = zeroByLength.get(length[i]);
      if (z != null && z == i) {
        zeroByLength.remove(length[i]);
      } else {
        lengthUses[Arrays.binarySearch(lengths, length[i])]--;
      }
    }
  }
}
