/** Hasher plugins for dedup4j: XXH64, XXH3-64, XXH3-128, SHA-1 and MD5. */
module org.dedup4j.hashers {
  requires transitive org.dedup4j.core;

  exports org.dedup4j.hashers;

  provides org.dedup4j.spi.HasherProvider with
      org.dedup4j.hashers.Sha1HasherProvider,
      org.dedup4j.hashers.Md5HasherProvider;
}
