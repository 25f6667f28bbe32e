/**
 * Hasher plugins for dedup4j: {@code xxh64}, {@code xxh3-64}, {@code xxh3-128}, {@code sha1} and
 * {@code md5}, found by name once this module is on the class or module path.
 *
 * <pre>{@code
 * Hasher hasher = Hashers.fromSpec("xxh3-128");
 * }</pre>
 */
module org.dedup4j.hashers {
  requires transitive org.dedup4j.core;
  requires com.dynatrace.hash4j;
  requires org.lz4.java; // automatic module, named in lz4-java's manifest

  exports org.dedup4j.hashers;

  provides org.dedup4j.spi.HasherProvider with
      org.dedup4j.hashers.Sha1HasherProvider,
      org.dedup4j.hashers.Md5HasherProvider,
      org.dedup4j.hashers.Xxh64HasherProvider,
      org.dedup4j.hashers.Xxh3_64HasherProvider,
      org.dedup4j.hashers.Xxh3_128HasherProvider;
}
