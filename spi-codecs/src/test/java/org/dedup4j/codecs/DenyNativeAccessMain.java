package org.dedup4j.codecs;

import org.dedup4j.CompressibilityEstimator;
import org.dedup4j.CompressionSample;
import org.dedup4j.Codecs;
import org.dedup4j.testkit.TestData;

/** Run in a JVM with --illegal-native-access=deny by {@link CodecPluginsTest}. */
final class DenyNativeAccessMain {

  private DenyNativeAccessMain() {}

  public static void main(String[] args) {
    Codecs.problems().forEach(System.out::println);
    for (String spec : new String[] {"lz4", "deflate"}) {
      double r = CompressibilityEstimator.builder().compress(spec).sample(CompressionSample.all())
          .build().estimate(TestData.textLike(1 << 20, 1)).compressionEstimates().get(0).ratio();
      System.out.println(spec + (r > 1.5 ? " ok " : " BAD ") + r);
    }
    try {
      Codecs.fromSpec("zstd");
      System.out.println("zstd accepted");
    } catch (IllegalArgumentException e) {
      System.out.println("zstd refused: " + e.getMessage());
    }
  }
}
