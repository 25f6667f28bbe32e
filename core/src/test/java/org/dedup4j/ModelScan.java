package org.dedup4j;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.SplitMix64;

/**
 * The simplest correct dedupe count: cut each input sequentially, SHA-256 every chunk with a fresh
 * MessageDigest, count hex digests in a HashMap. The engine must agree with it exactly.
 */
final class ModelScan {

  long chunks;
  long bytes;
  long zeroChunks;
  final Map<String, long[]> table = new HashMap<>(); // hex digest -> {refcount, length}

  static ModelScan of(Chunker chunker, List<byte[]> inputs) {
    ModelScan m = new ModelScan();
    for (byte[] data : inputs) {
      m.add(chunker, data);
    }
    return m;
  }

  void add(Chunker chunker, byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    for (int from = 0; from < data.length; ) {
      int cut = chunker.nextCut(buf, from, data.length);
      int len = cut - from;
      chunks++;
      bytes += len;
      boolean zero = true;
      for (int i = from; i < cut; i++) {
        zero &= data[i] == 0;
      }
      if (zero) {
        zeroChunks++;
      }
      table.computeIfAbsent(sha256Hex(data, from, len), k -> new long[] {0, len})[0]++;
      from = cut;
    }
  }

  long uniqueBytes() {
    return table.values().stream().mapToLong(v -> v[1]).sum();
  }

  /** refcount bucket label -> {chunks, bytes, referenced chunks, referenced bytes} */
  TreeMap<Long, List<Long>> histogram() {
    TreeMap<Long, long[]> h = new TreeMap<>();
    for (long[] v : table.values()) {
      long label = Long.highestOneBit(v[0]);
      long[] b = h.computeIfAbsent(label, k -> new long[4]);
      b[0]++;
      b[1] += v[1];
      b[2] += v[0];
      b[3] += v[0] * v[1];
    }
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    h.forEach((k, b) -> out.put(k, List.of(b[0], b[1], b[2], b[3])));
    return out;
  }

  /** size bucket -> {chunks, bytes} over every chunk (with repetition) */
  TreeMap<Long, List<Long>> sizeHistogram() {
    TreeMap<Long, long[]> h = new TreeMap<>();
    for (long[] v : table.values()) {
      long[] b = h.computeIfAbsent(Long.highestOneBit(v[1]), k -> new long[2]);
      b[0] += v[0];
      b[1] += v[0] * v[1];
    }
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    h.forEach((k, b) -> out.put(k, List.of(b[0], b[1])));
    return out;
  }

  static TreeMap<Long, List<Long>> sizeHistogram(DedupReport r) {
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    for (DedupReport.SizeBucket b : r.chunkSizeHistogram()) {
      out.put(b.size(), List.of(b.chunks(), b.bytes()));
    }
    return out;
  }

  static TreeMap<Long, List<Long>> histogram(DedupReport r) {
    TreeMap<Long, List<Long>> out = new TreeMap<>();
    for (DedupReport.RefcountBucket b : r.refcountHistogram()) {
      out.put(b.refcount(), List.of(b.chunks(), b.bytes(), b.referencedChunks(), b.referencedBytes()));
    }
    return out;
  }

  static String sha256Hex(byte[] data, int off, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, off, len);
      StringBuilder sb = new StringBuilder();
      for (byte b : md.digest()) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Inputs with known duplication: blocks drawn from a small pool, plus zero runs and odd tails. */
  static List<byte[]> inputs(long seed, int count, int maxBlocks, int block) {
    SplitMix64 rnd = new SplitMix64(seed);
    List<byte[]> pool = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] b = new byte[block];
      rnd.fill(b, 0, b.length);
      pool.add(b);
    }
    List<byte[]> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int blocks = (int) rnd.below(maxBlocks + 1);
      int tail = rnd.below(4) == 0 ? (int) rnd.below(block) : 0;
      byte[] data = new byte[blocks * block + tail];
      for (int i = 0; i < blocks; i++) {
        long pick = rnd.below(12);
        if (pick < 8) {
          System.arraycopy(pool.get((int) pick), 0, data, i * block, block);
        } else if (pick < 10) {
          byte[] fresh = new byte[block];
          rnd.fill(fresh, 0, fresh.length);
          System.arraycopy(fresh, 0, data, i * block, block);
        } // else: stays zero
      }
      for (int i = blocks * block; i < data.length; i++) {
        data[i] = (byte) rnd.nextLong();
      }
      out.add(data);
    }
    return out;
  }

}
