/**
 * Codec plugins: {@code lz4}, {@code lz4hc:level=N} and {@code zstd:level=N}, found by name once
 * this jar is on the class path or module path.
 *
 * <pre>{@code
 * Compression zstd = Compression.parse("zstd:level=3,unit=32k");
 * Compression lz4 = Compression.parse("lz4:unit=8k,grain=512");
 * }</pre>
 *
 * <p>Each compressor keeps its native context and buffers for the life of its thread. zstd-jni
 * needs its native library: where it cannot load (a JVM run with {@code
 * --illegal-native-access=deny}, a platform without a bundled build) {@code zstd} reports itself
 * unavailable with the reason ({@link org.dedup4j.Codecs#problems()}) and the other codecs keep
 * working; lz4-java falls back to its Java implementation.
 */
package org.dedup4j.codecs;
