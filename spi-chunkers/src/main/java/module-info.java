/** Content-defined chunker plugins for dedup4j: FastCDC 2016 and 2020, ronomon, Gear, Rabin, Buzhash. */
module org.dedup4j.chunkers {
  requires transitive org.dedup4j.core;
}
