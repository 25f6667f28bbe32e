/**
 * Hashers beyond the built-in SHA-256, found by name through {@link java.util.ServiceLoader} once
 * {@code dedup4j-hashers} is on the class or module path.
 *
 * <pre>{@code
 * Hasher hasher = Hashers.fromSpec("xxh3-128");
 * Digester digester = hasher.newDigester(); // one per thread
 * long[] fp = new long[2];
 * digester.digest(block, 0, block.length, fp);
 * }</pre>
 *
 * <table>
 *   <caption>Hashers and their fingerprints</caption>
 *   <tr><th>spec</th><th>algorithm</th><th>fingerprint</th><th>computed by</th></tr>
 *   <tr><td>{@code xxh64}</td><td>XXH64, seed 0</td><td>64 bits, as {@code xxhsum -H1}</td>
 *       <td>lz4-java (JNI where it loads), hash4j for some buffers</td></tr>
 *   <tr><td>{@code xxh3-64}</td><td>XXH3 64-bit, seed 0</td><td>64 bits, as {@code xxhsum -H3}</td>
 *       <td>hash4j</td></tr>
 *   <tr><td>{@code xxh3-128}</td><td>XXH3 128-bit, seed 0</td>
 *       <td>high then low 64 bits, as {@code xxhsum -H2}</td><td>this module</td></tr>
 *   <tr><td>{@code sha1}</td><td>SHA-1</td><td>first 128 of 160 bits</td><td>the JDK</td></tr>
 *   <tr><td>{@code md5}</td><td>MD5</td><td>all 128 bits</td><td>the JDK</td></tr>
 * </table>
 *
 * <p>Fingerprints follow {@link org.dedup4j.spi.Digester}: the canonical big-endian digest read
 * into {@code long}s, {@code fingerprint[1] = 0} for 64-bit hashers. Every input path (arrays,
 * heap, direct, mapped and read-only buffers, either byte order) gives the same fingerprint.
 */
package org.dedup4j.hashers;
