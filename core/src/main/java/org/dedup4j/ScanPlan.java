package org.dedup4j;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dedup4j.spi.Sizes;

/**
 * The forecast of {@link CountingMode#AUTO}: how much memory an exact run would need, and the mode
 * chosen. The unique share is estimated from a quick percent sample (fingerprints of a few percent
 * of the chunks) with the Chao-Lee estimator; the forecast uses its upper bound. Immutable.
 *
 * <pre>{@code
 * ScanPlan plan = DedupScanner.builder().memoryBudget(1L << 30).build().plan(List.of(ScanSource.of(path)));
 * System.out.print(plan.toText());
 * }</pre>
 *
 * <p>Read, not built: {@link DedupScanner#plan} makes it. Equal when every figure is.
 */
public final class ScanPlan {

  private final long bytes;
  private final long chunks;
  private final Interval uniqueChunks;
  private final long exactMemoryBytes;
  private final long exactMemoryHighBytes;
  private final long memoryBudget;
  private final double samplePercent;
  private final CountingMode choice;
  private final String reason;
  private long files;
  private ImmutableList<Skipped> skipped = ImmutableList.of();

  ScanPlan(long bytes, long chunks, Interval uniqueChunks, long exactMemoryBytes,
      long exactMemoryHighBytes, long memoryBudget, double samplePercent, CountingMode choice,
      String reason) {
    this.bytes = bytes;
    this.chunks = chunks;
    this.uniqueChunks = uniqueChunks;
    this.exactMemoryBytes = exactMemoryBytes;
    this.exactMemoryHighBytes = exactMemoryHighBytes;
    this.memoryBudget = memoryBudget;
    this.samplePercent = samplePercent;
    this.choice = choice;
    this.reason = reason;
  }

  /**
   * The exact table's typical bytes per unique chunk, as the plan forecasts it: the slot (the
   * fingerprint, a 16-bit count, a length unless chunks are of one size) over the table's mean
   * load of 0.78.
   *
   * <pre>{@code
   * ScanPlan.exactBytesPerEntry(128, 4096); // about 23 bytes
   * }</pre>
   *
   * @param keyBits the hasher's fingerprint bits, 64 or 128
   * @param fixedChunkSize the chunker's fixed size, or 0 for content-defined chunking
   * @return bytes per unique chunk
   */
  public static double exactBytesPerEntry(int keyBits, int fixedChunkSize) {
    return org.dedup4j.internal.count.FingerprintTable.typicalBytesPerEntry(keyBits,
        fixedChunkSize);
  }

  /**
   * Bytes to scan; -1 when a source's size is unknown (a stream).
   *
   * @return the value
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Chunks the data holds (counted by the quick sample's pass).
   *
   * @return the value
   */
  public long chunks() {
    return chunks;
  }

  /**
   * The estimated unique chunks with bounds.
   *
   * @return the value
   */
  public Interval uniqueChunks() {
    return uniqueChunks;
  }

  /**
   * Forecast memory of an exact table for the estimate (typical load).
   *
   * @return the value
   */
  public long exactMemoryBytes() {
    return exactMemoryBytes;
  }

  /**
   * Forecast for the upper bound at the table's worst load (just grown).
   *
   * @return the value
   */
  public long exactMemoryHighBytes() {
    return exactMemoryHighBytes;
  }

  /**
   * The budget the forecast is compared with.
   *
   * @return the value
   */
  public long memoryBudget() {
    return memoryBudget;
  }

  /**
   * Percent of chunks the quick sample fingerprinted; 0 if none was needed.
   *
   * @return the value
   */
  public double samplePercent() {
    return samplePercent;
  }

  /**
   * {@link CountingMode#EXACT} or {@link CountingMode#SAMPLE}.
   *
   * @return the value
   */
  public CountingMode choice() {
    return choice;
  }

  /**
   * Why, in words.
   *
   * @return the value
   */
  public String reason() {
    return reason;
  }

  /**
   * Inputs found to scan (files, streams), as a scan would count them.
   *
   * @return the value
   */
  public long files() {
    return files;
  }

  /**
   * Inputs the scan would leave out or could not open, with the reason: a missing path is here, not
   * a plan of 0 bytes.
   *
   * @return the inputs left out, sorted by path
   */
  public List<Skipped> skipped() {
    return skipped;
  }

  /** The plan with what collecting the inputs found (set once, by {@link DedupScanner#plan}). */
  ScanPlan withInputs(long files, List<Skipped> skipped) {
    this.files = files;
    this.skipped = ImmutableList.copyOf(skipped);
    return this;
  }

  /** The plan as bytes, for a checkpoint (a resumed scan reports the plan the scan chose). */
  byte[] toBytes() {
    java.io.ByteArrayOutputStream bytesOut = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytesOut)) {
      out.writeLong(bytes);
      out.writeLong(chunks);
      out.writeDouble(uniqueChunks.estimate());
      out.writeDouble(uniqueChunks.low());
      out.writeDouble(uniqueChunks.high());
      out.writeLong(exactMemoryBytes);
      out.writeLong(exactMemoryHighBytes);
      out.writeLong(memoryBudget);
      out.writeDouble(samplePercent);
      out.writeUTF(choice.name());
      out.writeUTF(reason);
      out.writeLong(files);
      out.writeInt(skipped.size());
      for (Skipped s : skipped) {
        out.writeUTF(s.path());
        out.writeUTF(s.reason());
        out.writeUTF(s.kind().name());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // not thrown by a byte array
    }
    return bytesOut.toByteArray();
  }

  /**
   * Reads {@link #toBytes}.
   *
   * @throws IllegalArgumentException if the bytes are not a plan
   */
  static ScanPlan fromBytes(byte[] data) {
    try (java.io.DataInputStream in = new java.io.DataInputStream(
        new java.io.ByteArrayInputStream(data))) {
      ScanPlan p = new ScanPlan(in.readLong(), in.readLong(),
          new Interval(in.readDouble(), in.readDouble(), in.readDouble()), in.readLong(),
          in.readLong(), in.readLong(), in.readDouble(), CountingMode.valueOf(in.readUTF()),
          in.readUTF());
      long files = in.readLong();
      int n = in.readInt();
      List<Skipped> skipped = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        skipped.add(new Skipped(in.readUTF(), in.readUTF(), Skipped.Kind.valueOf(in.readUTF())));
      }
      return p.withInputs(files, skipped);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the checkpoint's plan cannot be read: " + e, e);
    }
  }

  /**
   * The forecast as lines of text.
   *
   * @return text ending in a newline
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s %s in %d chunks%n", "Plan:",
        bytes < 0 ? "unknown size" : Sizes.format(bytes), chunks));
    sb.append(String.format(Locale.ROOT, "%-22s %.0f (%.0f..%.0f)%s%n", "Unique chunks (est.):",
        uniqueChunks.estimate(), uniqueChunks.low(), uniqueChunks.high(),
        samplePercent > 0 ? String.format(Locale.ROOT, " from a %.3g%% sample", samplePercent) : ""));
    sb.append(String.format(Locale.ROOT, "%-22s %s (up to %s); budget %s%n", "Exact table (est.):",
        Sizes.format(exactMemoryBytes), Sizes.format(exactMemoryHighBytes), Sizes.format(memoryBudget)));
    sb.append(String.format(Locale.ROOT, "%-22s %s: %s%n", "Choice:", choice.label(), reason));
    return sb.toString();
  }

  /**
   * The forecast as JSON, as {@code dedup4j scan --plan --json} prints it: the unique chunks
   * rounded, and left out while unknown.
   *
   * @return a JSON object, pretty-printed
   */
  public String toJson() {
    return ReportJson.pretty(w -> ReportJson.plan(w, this, false));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanPlan p && bytes == p.bytes && chunks == p.chunks
        && uniqueChunks.equals(p.uniqueChunks) && exactMemoryBytes == p.exactMemoryBytes
        && exactMemoryHighBytes == p.exactMemoryHighBytes && memoryBudget == p.memoryBudget
        && Double.compare(samplePercent, p.samplePercent) == 0 && choice == p.choice
        && reason.equals(p.reason) && files == p.files && skipped.equals(p.skipped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bytes, chunks, uniqueChunks, exactMemoryBytes, exactMemoryHighBytes, memoryBudget, samplePercent, choice, reason);
  }

  @Override
  public String toString() {
    return "ScanPlan[" + choice + ", " + reason + "]";
  }
}
