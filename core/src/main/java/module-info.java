/**
 * dedup4j core: the scanner ({@link org.dedup4j.DedupScanner}), its report, the compressibility
 * estimator, and the chunker, hasher and codec SPIs ({@link org.dedup4j.spi}) that plugin modules implement.
 */
module org.dedup4j.core {
  requires transitive com.google.common;
  requires com.google.gson; // JSON rendering only: no Gson type is in the API
  requires com.dynatrace.hash4j; // UltraLogLog for the sketch counting mode

  exports org.dedup4j;
  exports org.dedup4j.spi;

  uses org.dedup4j.spi.ChunkerProvider;
  uses org.dedup4j.spi.HasherProvider;
  uses org.dedup4j.spi.CodecProvider;
  uses org.dedup4j.spi.TargetProvider;
}
