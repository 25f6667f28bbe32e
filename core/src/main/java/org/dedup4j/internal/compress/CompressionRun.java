package org.dedup4j.internal.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.dedup4j.Compression;
import org.dedup4j.CompressionSample;
import org.dedup4j.Skipped;
import org.dedup4j.ScanSource;
import org.dedup4j.internal.compress.RatioStats;
import org.dedup4j.internal.source.Input.BufferInput;
import org.dedup4j.internal.source.Input.FileInput;
import org.dedup4j.spi.Compressor;
import org.dedup4j.internal.source.Input;
import org.dedup4j.internal.source.InputCollector;
import org.dedup4j.internal.source.SpecialFiles;
import org.dedup4j.internal.parallel.ParallelWork;
import org.dedup4j.internal.source.ZeroBytes;
import org.dedup4j.internal.report.CompressionFigures;
import org.dedup4j.internal.report.CompressionRunTotals;

/**
 * The standalone compressibility estimate: splits every input into units, draws a uniform sample of
 * them without replacement (a prefix of a seeded random permutation, so a larger sample extends a
 * smaller one), reads only those units by position and compresses them on a pool of threads, each
 * with its own reused buffer and compressors. Compressions that share a unit size share the sample
 * and every read; compressions that share a codec share each compression.
 *
 * <p>Over 450 lines: unit planning, the sequential sampling rounds and the positioned unit reader belong to one run and share its state.
 */
public final class CompressionRun {

  /** Sampled units per work item (neighbours in one input, in file order). */
  private static final int BATCH = 64;

  /** Units per work item of an exact pass. */
  private static final int EXACT_BATCH_BYTES = 8 << 20;

  /** Rounds of an auto sample after the pilot, at most. */
  private static final int MAX_ROUNDS = 4;

  private final List<Compression> compressions;
  private final CompressionSample sample;
  private final int threads;
  private final boolean followLinks;

  /** Settings of one estimate; see {@code CompressibilityEstimator.Builder}. */
  public CompressionRun(List<Compression> compressions, CompressionSample sample, int threads,
      boolean followLinks) {
    this.compressions = compressions;
    this.sample = sample;
    this.threads = threads;
    this.followLinks = followLinks;
  }

  /** Estimates over the sources. Never throws for bad input: problems land in the report. */
  public CompressionRunTotals run(List<ScanSource> sources) {
    long started = System.nanoTime();
    InputCollector collected = InputCollector.collect(sources, followLinks);
    List<Skipped> skipped = new ArrayList<>(collected.skipped);
    List<Input> inputs = new ArrayList<>();
    for (Input in : collected.inputs) {
      java.util.OptionalLong device = in instanceof Input.PathStreamInput p
          ? SpecialFiles.blockDeviceSize(p.path) : java.util.OptionalLong.empty();
      if (in instanceof FileInput || in instanceof BufferInput) {
        inputs.add(in);
      } else if (device.isPresent()) { // read by position, like a file of the device's size
        inputs.add(new FileInput(((Input.PathStreamInput) in).path, device.getAsLong(), null, null));
      } else {
        skipped.add(new Skipped(in.name, "not a regular file or block device: the estimate reads "
            + "units by position (scan it with dedup4j scan --compress instead)"));
      }
    }
    Map<Input, String> problems = new ConcurrentHashMap<>();
    AtomicLong read = new AtomicLong();
    Map<Integer, List<Integer>> byUnit = new LinkedHashMap<>();
    for (int i = 0; i < compressions.size(); i++) {
      byUnit.computeIfAbsent(compressions.get(i).unit(), u -> new ArrayList<>()).add(i);
    }
    CompressionFigures[] estimates = new CompressionFigures[compressions.size()];
    try (ParallelWork pool = new ParallelWork(threads)) {
      for (Map.Entry<Integer, List<Integer>> e : byUnit.entrySet()) {
        List<Compression> group = e.getValue().stream().map(compressions::get).toList();
        List<CompressionFigures> out =
            new UnitGroup(e.getKey(), group, inputs, problems, read, pool).estimate();
        for (int k = 0; k < group.size(); k++) {
          estimates[e.getValue().get(k)] = out.get(k);
        }
      }
    }
    problems.forEach((in, reason) -> skipped.add(new Skipped(in.name, reason)));
    skipped.sort(Comparator.comparing(Skipped::path));
    long bytes = inputs.stream().mapToLong(Input::size).sum();
    return new CompressionRunTotals(List.of(estimates), inputs.size(), bytes, read.get(),
        System.nanoTime() - started, threads, sample.toString(), sample.seed(), skipped);
  }

  /** The compressions of one unit size: one population, one sample. */
  private final class UnitGroup {
    public final int unit;
    public final List<Compression> group;
    public final List<Input> inputs;
    public final Map<Input, String> problems;
    public final AtomicLong read;
    public final ParallelWork pool;
    public final long[] firstUnit; // global index of each input's first unit; last entry = population
    public final List<String> codecSpecs = new ArrayList<>();
    public final int[] codecOf; // compression -> index into codecSpecs
    public final RatioStats.Sample[] samples;
    public final ConcurrentLinkedQueue<UnitWorker> workers = new ConcurrentLinkedQueue<>();
    public final ThreadLocal<UnitWorker> worker;

    public UnitGroup(int unit, List<Compression> group, List<Input> inputs, Map<Input, String> problems,
        AtomicLong read, ParallelWork pool) {
      this.unit = unit;
      this.group = group;
      this.inputs = inputs;
      this.problems = problems;
      this.read = read;
      this.pool = pool;
      this.firstUnit = new long[inputs.size() + 1];
      for (int i = 0; i < inputs.size(); i++) {
        firstUnit[i + 1] = firstUnit[i] + (inputs.get(i).size() + unit - 1) / unit;
      }
      this.codecOf = new int[group.size()];
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < group.size(); k++) {
        String spec = group.get(k).codec().spec();
        codecOf[k] = index.computeIfAbsent(spec, s -> {
          codecSpecs.add(s);
          return codecSpecs.size() - 1;
        });
      }
      this.samples = new RatioStats.Sample[group.size()];
      for (int k = 0; k < samples.length; k++) {
        samples[k] = new RatioStats.Sample();
      }
      this.worker = ThreadLocal.withInitial(() -> {
        Compressor[] cs = new Compressor[codecSpecs.size()];
        for (int k = 0; k < group.size(); k++) {
          if (cs[codecOf[k]] == null) {
            cs[codecOf[k]] = group.get(k).codec().newCompressor();
          }
        }
        UnitWorker w = new UnitWorker(ByteBuffer.allocate(unit), cs);
        workers.add(w);
        return w;
      });
    }

    public List<CompressionFigures> estimate() {
      long population = firstUnit[inputs.size()];
      try {
        boolean exact = sample.mode() == CompressionSample.Mode.ALL
            || (sample.mode() == CompressionSample.Mode.UNITS && sample.units() >= population);
        if (exact || population == 0) {
          exactPass();
          exact = true;
        } else if (sample.mode() == CompressionSample.Mode.UNITS) {
          Permutation p = new Permutation(population, sample.seed() ^ unit);
          process(p.next((int) sample.units()));
        } else {
          exact = auto(population);
        }
        List<CompressionFigures> out = new ArrayList<>();
        for (int k = 0; k < group.size(); k++) {
          out.add(RatioStats.estimate(group.get(k), samples[k], population,
              samples[k].zeroUnits, sample.confidence(), exact));
        }
        return out;
      } finally {
        for (UnitWorker w : workers) {
          w.close();
        }
      }
    }

    /** Pilot, then rounds until every compression's interval is as narrow as asked. */
    private boolean auto(long population) {
      Permutation p = new Permutation(population, sample.seed() ^ unit);
      process(p.next((int) Math.min(population, RatioStats.PILOT_UNITS)));
      for (int round = 0; round < MAX_ROUNDS && p.drawn() < population; round++) {
        long need = 0;
        boolean met = true;
        for (int k = 0; k < group.size(); k++) {
          CompressionFigures e = RatioStats.estimate(group.get(k), samples[k], population, 0,
              sample.confidence(), false);
          met &= Double.isNaN(e.storedFraction()) ? samples[k].units >= population
              : (e.storedFractionHigh() - e.storedFractionLow()) / 2 <= sample.halfWidth();
          need = Math.max(need, RatioStats.requiredUnits(samples[k], population,
              sample.halfWidth(), sample.confidence()));
        }
        if (met) {
          return false;
        }
        // aim a little past the estimate, since the pilot's variance is itself an estimate
        long target = Math.min(population, Math.max(p.drawn() + 1, (long) Math.ceil(need * 1.1)));
        if (target > population / 2) {
          // Reading more than half the units at random costs more than reading all in order.
          for (int k = 0; k < samples.length; k++) {
            samples[k] = new RatioStats.Sample();
          }
          exactPass();
          return true;
        }
        process(p.next((int) (target - p.drawn())));
      }
      return false;
    }

    /** Compresses the given units (global indices) and appends them to the samples in order. */
    private void process(long[] units) {
      Arrays.sort(units);
      int n = units.length;
      long[][] stored = new long[group.size()][n];
      int[] raw = new int[n];
      byte[] state = new byte[n]; // 0 missing (read failed), 1 non-zero, 2 zero
      List<int[]> items = new ArrayList<>();
      for (int from = 0; from < n; ) {
        int in = inputOf(units[from]);
        int to = from + 1;
        while (to < n && to - from < BATCH && units[to] < firstUnit[in + 1]) {
          to++;
        }
        items.add(new int[] {in, from, to});
        from = to;
      }
      run(items, item -> {
        UnitWorker w = worker.get();
        Input in = inputs.get(item[0]);
        try (Reader r = reader(in)) {
          for (int i = item[1]; i < item[2]; i++) {
            long offset = (units[i] - firstUnit[item[0]]) * unit;
            int len = r.read(offset);
            if (len <= 0) {
              break;
            }
            raw[i] = len;
            if (ZeroBytes.isZero(r.buffer(), r.index(), len)) {
              state[i] = 2;
              continue;
            }
            long[] sizes = w.compress(r.buffer(), r.index(), len);
            for (int k = 0; k < group.size(); k++) {
              long c = sizes[codecOf[k]];
              stored[k][i] = c < 0 ? -1 : group.get(k).stored(len, c);
            }
            state[i] = 1;
          }
        } catch (IOException e) {
          problems.putIfAbsent(in, "read error: " + InputCollector.describe(e)
              + "; the units read before are counted");
        }
      });
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < group.size(); k++) {
          if (state[i] == 2) {
            samples[k].addZero();
          } else if (state[i] == 1 && stored[k][i] >= 0) {
            samples[k].add(raw[i], stored[k][i]);
          } else if (state[i] == 1) {
            samples[k].add(raw[i], raw[i]); // the codec failed: stored raw, and counted
            samples[k].failedUnits++;
          }
        }
      }
    }

    /** Every unit, in file order; only the sums are kept. */
    private void exactPass() {
      List<long[]> items = new ArrayList<>();
      long per = Math.max(1, EXACT_BATCH_BYTES / unit);
      for (int i = 0; i < inputs.size(); i++) {
        long count = firstUnit[i + 1] - firstUnit[i];
        for (long u = 0; u < count; u += per) {
          items.add(new long[] {i, u, Math.min(count, u + per)});
        }
      }
      ConcurrentLinkedQueue<RatioStats.Sample[]> parts = new ConcurrentLinkedQueue<>();
      run(items, item -> {
        UnitWorker w = worker.get();
        Input in = inputs.get((int) item[0]);
        RatioStats.Sample[] part = new RatioStats.Sample[group.size()];
        for (int k = 0; k < part.length; k++) {
          part[k] = new RatioStats.Sample();
        }
        parts.add(part);
        try (Reader r = reader(in)) {
          for (long u = item[1]; u < item[2]; u++) {
            int len = r.read(u * unit);
            if (len <= 0) {
              break;
            }
            if (ZeroBytes.isZero(r.buffer(), r.index(), len)) {
              for (RatioStats.Sample s : part) {
                s.addZero();
              }
              continue;
            }
            long[] sizes = w.compress(r.buffer(), r.index(), len);
            for (int k = 0; k < group.size(); k++) {
              long c = sizes[codecOf[k]];
              part[k].addSumOnly(len, c < 0 ? len : group.get(k).stored(len, c));
              if (c < 0) {
                part[k].failedUnits++;
              }
            }
          }
        } catch (IOException e) {
          problems.putIfAbsent(in, "read error: " + InputCollector.describe(e)
              + "; the units read before are counted");
        }
      });
      for (RatioStats.Sample[] part : parts) {
        for (int k = 0; k < group.size(); k++) {
          samples[k].addSums(part[k]);
        }
      }
    }

    private <T> void run(List<T> items, java.util.function.Consumer<T> action) {
      pool.forEach(items, action); // an Error (out of memory) ends the estimate, never hangs it
    }

    private int inputOf(long globalUnit) {
      int i = Arrays.binarySearch(firstUnit, globalUnit);
      if (i < 0) {
        return -i - 2;
      }
      while (i + 1 < firstUnit.length && firstUnit[i + 1] == globalUnit) {
        i++; // skip empty inputs
      }
      return i;
    }

    private Reader reader(Input in) throws IOException {
      UnitWorker w = worker.get();
      if (in instanceof BufferInput b) {
        return new Reader(b.data, unit, null, b.data.limit(), read);
      }
      FileInput f = (FileInput) in;
      return new Reader(w.buffer, unit, FileChannel.open(f.path, StandardOpenOption.READ), f.size,
          read);
    }
  }

  /** One thread's buffer and compressors. */
  private static final class UnitWorker {
    public final ByteBuffer buffer;
    public final Compressor[] compressors;
    public final long[] sizes;

    public UnitWorker(ByteBuffer buffer, Compressor[] compressors) {
      this.buffer = buffer;
      this.compressors = compressors;
      this.sizes = new long[compressors.length];
    }

    /** Compressed size per codec, or -1 where the codec failed. */
    public long[] compress(ByteBuffer data, int offset, int length) {
      for (int c = 0; c < compressors.length; c++) {
        try {
          sizes[c] = compressors[c].compress(data, offset, length);
        } catch (RuntimeException e) {
          sizes[c] = -1;
        }
      }
      return sizes;
    }

    public void close() {
      for (Compressor c : compressors) {
        c.close();
      }
    }
  }

  /** Reads one unit at a time: a buffer in place, a file by position into the thread's buffer. */
  private static final class Reader implements AutoCloseable {
    private final ByteBuffer buf;
    private final int unit;
    private final FileChannel ch;
    private final long size;
    private final AtomicLong read;
    private int index;

    public Reader(ByteBuffer buf, int unit, FileChannel ch, long size, AtomicLong read) {
      this.buf = buf;
      this.unit = unit;
      this.ch = ch;
      this.size = size;
      this.read = read;
    }

    /** Makes the unit at {@code offset} available; returns its length (0 past the end). */
    public int read(long offset) throws IOException {
      int len = (int) Math.max(0, Math.min(unit, size - offset));
      if (ch == null) {
        index = (int) offset;
        read.addAndGet(len);
        return len;
      }
      index = 0;
      buf.clear().limit(len);
      while (buf.hasRemaining()) {
        int n = ch.read(buf, offset + buf.position());
        if (n < 0) {
          throw new IOException("the file ended at " + (offset + buf.position())
              + " of " + size + " bytes: changed during the estimate");
        }
      }
      read.addAndGet(len);
      return len;
    }

    public ByteBuffer buffer() {
      return buf;
    }

    public int index() {
      return index;
    }

    @Override
    public void close() throws IOException {
      if (ch != null) {
        ch.close();
      }
    }
  }

  /**
   * A seeded random permutation of [0, n), drawn lazily (sparse Fisher-Yates): the first k draws
   * are a uniform sample of k distinct units, and drawing more extends it.
   */
  public static final class Permutation {
    private final long n;
    private final SplittableRandom random;
    private final Map<Long, Long> swapped = new HashMap<>();
    private long drawn;

    public Permutation(long n, long seed) {
      this.n = n;
      this.random = new SplittableRandom(seed);
    }

    public long drawn() {
      return drawn;
    }

    public long[] next(int count) {
      long[] out = new long[(int) Math.min(count, n - drawn)];
      for (int i = 0; i < out.length; i++, drawn++) {
        long j = drawn + random.nextLong(n - drawn);
        long atJ = swapped.getOrDefault(j, j);
        long atI = swapped.getOrDefault(drawn, drawn);
        swapped.put(j, atI);
        swapped.remove(drawn);
        out[i] = atJ;
      }
      return out;
    }
  }
}
