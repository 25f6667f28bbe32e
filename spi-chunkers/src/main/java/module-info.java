/** Content-defined chunker plugins for dedup4j: FastCDC 2016 and 2020, ronomon, Gear, Rabin, Buzhash. */
module org.dedup4j.chunkers {
  requires transitive org.dedup4j.core;

  exports org.dedup4j.chunkers;

  provides org.dedup4j.spi.ChunkerProvider with
      org.dedup4j.chunkers.FastCdc2020ChunkerProvider,
      org.dedup4j.chunkers.FastCdc2016ChunkerProvider,
      org.dedup4j.chunkers.RonomonChunkerProvider,
      org.dedup4j.chunkers.GearChunkerProvider,
      org.dedup4j.chunkers.RabinChunkerProvider,
      org.dedup4j.chunkers.BuzhashChunkerProvider;
}
