package org.dedup4j.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dedup4j.CompressionSample;
import org.dedup4j.DedupReport;
import org.dedup4j.DedupScanner;
import org.dedup4j.TargetCapacity;
import org.dedup4j.Targets;
import org.junit.jupiter.api.Test;

/** A scan for a ZFS target: found by name, and its zdb -S table agrees with its capacity steps. */
class ZfsScanTest {

  @Test
  void theSimulatedTableLeavesOutHolesAndItsClosingLineIsTheCapacitysDedupe() {
    Random rnd = new Random(3);
    byte[] data = new byte[40 << 17];
    for (int r = 0; r < 40; r++) {
      int at = r << 17;
      if (r % 5 == 0) {
        continue; // a zero record: a hole with compression on
      }
      if (r % 3 == 0) {
        System.arraycopy(data, 1 << 17, data, at, 1 << 17); // a duplicate of record 1
        continue;
      }
      byte[] text = String.format(Locale.ROOT, "record %d of a log, line after line %d%n", r,
          rnd.nextInt()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < 1 << 17; i++) {
        data[at + i] = i % 2 == 0 ? text[i % text.length] : (byte) rnd.nextInt(4);
      }
    }
    DedupReport r = DedupScanner.builder().target(Targets.fromSpec("zfs:compress=lz4"))
        .compressSample(CompressionSample.all()).build().scan(data);
    TargetCapacity c = r.target();
    String zdb = c.nativeReport();
    assertTrue(zdb.startsWith("Simulated DDT histogram:\n"), zdb);
    Matcher m = Pattern.compile("dedup = ([0-9.]+), compress = ([0-9.]+), copies = ([0-9.]+)")
        .matcher(zdb);
    assertTrue(m.find(), zdb);
    // With the holes left out, zdb's dedup is referenced over allocated blocks' bytes: the
    // capacity's thin over deduped bytes.
    assertEquals(String.format(Locale.ROOT, "%.2f", c.dedupeRatio().estimate()), m.group(1), zdb);
    long blocks = Arrays.stream(zdb.split("\n")).filter(l -> l.startsWith(" Total"))
        .map(l -> l.trim().split("\\s+")[1]).mapToLong(Long::parseLong).findFirst().orElseThrow();
    assertEquals(r.uniqueChunks() - 1, blocks, zdb); // every unique record but the zero one
    assertTrue(c.step("thin").estimate() < c.step("logical").estimate(), "zero records dropped");
  }
}
