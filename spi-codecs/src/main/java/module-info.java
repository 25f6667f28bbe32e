/** Codec plugins for dedup4j: LZ4 and LZ4 HC (lz4-java) and Zstandard (zstd-jni). */
module org.dedup4j.codecs {
  requires transitive org.dedup4j.core;
  requires org.lz4.java;
  requires com.github.luben.zstd_jni;

  exports org.dedup4j.codecs;

  provides org.dedup4j.spi.CodecProvider with
      org.dedup4j.codecs.Lz4CodecProvider,
      org.dedup4j.codecs.Lz4HcCodecProvider,
      org.dedup4j.codecs.ZstdCodecProvider;
}
