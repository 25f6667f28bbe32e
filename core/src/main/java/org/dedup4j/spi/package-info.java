/**
 * The plugin SPIs: chunkers ({@link org.dedup4j.spi.Chunker}), hashers ({@link
 * org.dedup4j.spi.Hasher}) and codecs ({@link org.dedup4j.spi.Codec}), found by short name through
 * {@link java.util.ServiceLoader}, with their options ({@link org.dedup4j.spi.Options}) and size
 * parsing ({@link org.dedup4j.spi.Sizes}).
 *
 * <p>Enters: bytes in a region ({@code ByteBuffer} from, to). Leaves: cut points, fingerprints,
 * compressed sizes. A plugin never copies the data and never allocates per chunk; the contract kits
 * in core's test jar ({@code org.dedup4j.testkit}) check it.
 *
 * <pre>{@code
 * Chunker c = Chunkers.fromSpec("fastcdc2020:avg=8k");
 * Hasher h = Hashers.fromSpec("xxh3-128");
 * }</pre>
 */
package org.dedup4j.spi;
