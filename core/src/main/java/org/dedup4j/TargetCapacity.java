package org.dedup4j;

import com.google.common.collect.ImmutableList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dedup4j.spi.Compressor;
import org.dedup4j.spi.Sizes;
import org.dedup4j.spi.Target;

/**
 * What a target would need for the scanned data: the capacity step by step (logical, after zero
 * blocks are dropped, after dedupe, after compression, after allocation, net with copies and
 * per-chunk overheads), the ratios qdda names (thin, dedupe, compression, combined), and the
 * memory of the target's dedup index, each with a 95% interval where compression was sampled or
 * the count estimated.
 *
 * <pre>{@code
 * DedupReport r = DedupScanner.builder().target(Targets.fromSpec("xtremio-x2")).build()
 *     .scan(Path.of("/vol"));
 * TargetCapacity t = r.target();
 * System.out.println(t.net() + " net, combined " + t.combinedRatio());
 * }</pre>
 */
public final class TargetCapacity {

  /**
   * One step of the capacity: what is left after it.
   *
   * @param name {@code logical}, {@code thin} (zero blocks dropped), {@code deduped}, {@code
   *     compressed}, {@code allocated} or {@code net}
   * @param bytes the bytes with their interval
   */
  public record Step(String name, Interval bytes) {}

  /**
   * The dedup index's memory for one of the target's index structures.
   *
   * @param name what it is
   * @param bytesPerEntry its bytes per unique chunk
   * @param bytes its bytes for this data (unique chunks times bytes per entry), with an interval
   *     when the unique chunks are estimated
   * @param source where the per-entry figure comes from
   */
  public record Index(String name, double bytesPerEntry, Interval bytes, String source) {}

  private final Target target;
  private final ImmutableList<Step> steps;
  private final ImmutableList<Index> index;
  private final Interval uniqueChunks;
  private final Target.Simulation simulation;

  private TargetCapacity(Target target, List<Step> steps, List<Index> index,
      Interval uniqueChunks, Target.Simulation simulation) {
    this.target = target;
    this.simulation = simulation;
    this.steps = ImmutableList.copyOf(steps);
    this.index = ImmutableList.copyOf(index);
    this.uniqueChunks = uniqueChunks;
  }

  /**
   * The capacity of a report scanned for a target: its first two compression estimates must be
   * the target's codec alone and the target's allocation ({@link DedupScanner.Builder#target}).
   *
   * @param r the report
   * @param target the target
   * @return the capacity
   */
  static TargetCapacity of(DedupReport r, Target target) {
    List<CompressionEstimate> e = r.compressionEstimates();
    CompressionEstimate codec = e.get(0);
    CompressionEstimate allocation = e.get(1);
    boolean zeros = target.storesZeroChunks();
    CountingStats c = r.countingStats();
    Interval unique = c.uniqueBytes();
    long uniqueZero = r.uniqueZeroBytes();
    // Unique non-zero bytes: what the compression sample's fractions apply to.
    Interval data = new Interval(unique.estimate() - uniqueZero,
        Math.max(0, unique.low() - uniqueZero), Math.max(0, unique.high() - uniqueZero));
    long zeroCompressed = 0;
    long zeroAllocated = 0;
    if (zeros) {
      Compression pure = Compression.perChunk(Codecs.fromSpec(target.codec()), 1);
      try (Compressor z = pure.codec().newCompressor()) {
        for (Map.Entry<Integer, Long> l : r.zeroLengths().entrySet()) {
          int len = l.getKey();
          int compressed = target.codec().equals("none") ? -1
              : z.compress(ByteBuffer.allocate(len), 0, len);
          zeroCompressed += compressed < 0 ? len : compressed;
          zeroAllocated += target.allocate(len, compressed);
        }
      }
    }
    long logical = r.bytes();
    long thin = zeros ? logical : logical - r.zeroBytes();
    Interval deduped = zeros ? unique : data;
    Interval compressed = scaled(data, codec, zeroCompressed);
    Interval allocated = scaled(data, allocation, zeroAllocated);
    Interval uniqueChunks = c.uniqueChunks();
    // Unique chunks stored: zero chunks (one per length) are not, when the target drops them.
    int zeroChunks = zeros ? 0 : r.zeroLengths().size();
    Interval net = new Interval(
        allocated.estimate() * target.copies()
            + target.overheadPerChunk() * Math.max(0, uniqueChunks.estimate() - zeroChunks),
        allocated.low() * target.copies()
            + target.overheadPerChunk() * Math.max(0, uniqueChunks.low() - zeroChunks),
        allocated.high() * target.copies()
            + target.overheadPerChunk() * Math.max(0, uniqueChunks.high() - zeroChunks));
    List<Step> steps = List.of(new Step("logical", Interval.exact(logical)),
        new Step("thin", Interval.exact(thin)), new Step("deduped", deduped),
        new Step("compressed", compressed), new Step("allocated", allocated),
        new Step("net", net));
    List<Index> index = new ArrayList<>();
    for (Target.IndexCost cost : target.index()) {
      index.add(new Index(cost.name(), cost.bytesPerEntry(), new Interval(
          uniqueChunks.estimate() * cost.bytesPerEntry(), uniqueChunks.low() * cost.bytesPerEntry(),
          uniqueChunks.high() * cost.bytesPerEntry()), cost.source()));
    }
    // dedup4j's own exact table for the same data, to set the target's figures against.
    double own = ScanPlan.exactBytesPerEntry(Hashers.fromSpec(r.hasher()).fingerprintBits(),
        Chunkers.fromSpec(target.chunker()).fixedChunkSize());
    index.add(new Index("dedup4j exact table", own, new Interval(uniqueChunks.estimate() * own,
        uniqueChunks.low() * own, uniqueChunks.high() * own),
        "FingerprintTable: slot bytes over the mean load 0.78 (docs/estimation.md)"));
    // The target's table holds what it stores: without the zero chunks when it drops them.
    List<Target.Bucket> buckets = new ArrayList<>();
    for (DedupReport.RefcountBucket b : r.refcountHistogram()) {
      long chunks = b.chunks();
      long bytes = b.bytes();
      long refs = b.referencedChunks();
      long refBytes = b.referencedBytes();
      for (Map.Entry<Integer, Long> z : zeros ? Map.<Integer, Long>of().entrySet()
          : r.zeroLengths().entrySet()) {
        if (Long.highestOneBit(z.getValue()) == b.refcount()) {
          chunks--;
          bytes -= z.getKey();
          refs -= z.getValue();
          refBytes -= z.getValue() * z.getKey();
        }
      }
      if (chunks > 0) {
        buckets.add(new Target.Bucket(b.refcount(), chunks, bytes, refs, refBytes));
      }
    }
    double d = deduped.estimate();
    Target.Simulation simulation = new Target.Simulation(buckets,
        d == 0 ? 1 : compressed.estimate() / d, d == 0 ? 1 : allocated.estimate() / d);
    return new TargetCapacity(target, steps, index, uniqueChunks, simulation);
  }

  /** The bytes under a compression: its stored fraction's interval times the data's. */
  private static Interval scaled(Interval data, CompressionEstimate e, long plus) {
    double f = e.storedFraction();
    double lo = e.storedFractionLow();
    double hi = e.storedFractionHigh();
    if (data.estimate() == 0) {
      return Interval.exact(plus);
    }
    return new Interval(f * data.estimate() + plus, lo * data.low() + plus,
        hi * data.high() + plus);
  }

  /**
   * The target.
   *
   * @return the target
   */
  public Target target() {
    return target;
  }

  /**
   * Every step, from {@code logical} to {@code net}.
   *
   * @return the steps in order
   */
  public List<Step> steps() {
    return steps;
  }

  /**
   * One step by name.
   *
   * @param name as in {@link Step#name()}
   * @return its bytes
   */
  public Interval step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().bytes();
  }

  /**
   * The net capacity: allocated bytes times copies, plus per-chunk overheads.
   *
   * @return the net capacity with its interval
   */
  public Interval net() {
    return step("net");
  }

  /**
   * Logical over thin bytes: what dropping zero blocks saves.
   *
   * @return the thin ratio
   */
  public double thinRatio() {
    return ratio(step("logical").estimate(), step("thin").estimate());
  }

  /**
   * Thin over deduped bytes.
   *
   * @return the dedupe ratio with its interval
   */
  public Interval dedupeRatio() {
    Interval d = step("deduped");
    double t = step("thin").estimate();
    return new Interval(ratio(t, d.estimate()), ratio(t, d.high()), ratio(t, d.low()));
  }

  /**
   * Deduped over allocated bytes: what compression and allocation together give.
   *
   * @return the compression ratio with its interval
   */
  public Interval compressionRatio() {
    Interval d = step("deduped");
    Interval a = step("allocated");
    return new Interval(ratio(d.estimate(), a.estimate()), ratio(d.low(), a.high()),
        ratio(d.high(), a.low()));
  }

  /**
   * Logical over net bytes: everything together.
   *
   * @return the combined ratio with its interval
   */
  public Interval combinedRatio() {
    Interval n = net();
    double l = step("logical").estimate();
    return new Interval(ratio(l, n.estimate()), ratio(l, n.high()), ratio(l, n.low()));
  }

  /**
   * The target's dedup index for this data, one row per structure it keeps.
   *
   * @return the index rows
   */
  public List<Index> index() {
    return index;
  }

  /**
   * The unique chunks the index holds an entry for.
   *
   * @return unique chunks with their interval
   */
  public Interval uniqueChunks() {
    return uniqueChunks;
  }

  /**
   * The target's own report of this data ({@link Target#nativeReport}), e.g. ZFS's {@code zdb -S}
   * table; empty for most targets.
   *
   * @return lines ending in a newline, or empty
   */
  public String nativeReport() {
    return target.nativeReport(simulation);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? (a == 0 ? Double.NaN : Double.POSITIVE_INFINITY) : a / b;
  }

  /**
   * The text form: the steps, the ratios and the index.
   *
   * @return lines ending in a newline
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Target %s (chunker %s, codec %s)%n", target.spec(),
        target.chunker(), target.codec()));
    for (Step s : steps) {
      out.append(String.format(Locale.ROOT, "  %-12s %12s%s%n", s.name(),
          Sizes.format(Math.round(s.bytes().estimate())), s.bytes().isExact() ? ""
              : String.format(Locale.ROOT, "  (%s .. %s)", Sizes.format(Math.round(s.bytes().low())),
                  Sizes.format(Math.round(s.bytes().high())))));
    }
    out.append(String.format(Locale.ROOT,
        "  ratios       thin %.2f, dedupe %.2f, compression %.2f, combined %.2f%n", thinRatio(),
        dedupeRatio().estimate(), compressionRatio().estimate(), combinedRatio().estimate()));
    for (Index i : index) {
      out.append(String.format(Locale.ROOT, "  index        %s: %s (%.0f bytes per entry; %s)%n",
          i.name(), Sizes.format(Math.round(i.bytes().estimate())), i.bytesPerEntry(),
          i.source()));
    }
    out.append(nativeReport());
    return out.toString();
  }
}
