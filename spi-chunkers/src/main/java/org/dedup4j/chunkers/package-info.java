/**
 * Content-defined chunkers: where a chunk ends depends on the bytes, not on the offset, so an
 * insertion or deletion moves only the cut points near it and the rest of the data still
 * deduplicates. Each is a {@link org.dedup4j.spi.ChunkerProvider} found by name:
 *
 * <pre>{@code
 * Chunker cdc = Chunkers.fromSpec("fastcdc2020:min=2k,avg=8k,max=64k");
 * ByteBuffer data = ByteBuffer.wrap(bytes);
 * for (int from = 0; from < bytes.length; ) {
 *   int cut = cdc.nextCut(data, from, bytes.length);
 *   // chunk [from, cut)
 *   from = cut;
 * }
 * }</pre>
 *
 * <h2>The chunkers and whose algorithm each follows</h2>
 *
 * <table>
 *   <caption>Chunkers of this module</caption>
 *   <tr><th>name</th><th>algorithm</th><th>follows</th><th>cut points checked against</th></tr>
 *   <tr><td>{@code fastcdc2020}</td><td>FastCDC, 2020 paper (Xia et al., IEEE TPDS): gear hash,
 *       sub-minimum skipping, normalized chunking (levels 0-3), two bytes per step with a
 *       left-shifted table; a 64-bit seed XORed into the tables</td>
 *       <td>Rust crate {@code fastcdc} (nlfiedler/fastcdc-rs) 3.x, {@code v2020}</td>
 *       <td>every published vector of fastcdc-rs on {@code SekienAkashita.jpg} and zeros, including
 *       the gear hash at each cut and the seeded vector</td></tr>
 *   <tr><td>{@code fastcdc2016}</td><td>FastCDC, 2016 paper (Xia et al., USENIX ATC): the same, one
 *       byte per step</td><td>fastcdc-rs 3.x, {@code v2016}</td><td>the same</td></tr>
 *   <tr><td>{@code ronomon}</td><td>the FastCDC variant of {@code @ronomon/deduplication}: 31-bit
 *       table, right shift, low-bit masks, an earlier pivot</td>
 *       <td>{@code @ronomon/deduplication}, its Java port {@code fastcdc-java}, fastcdc-rs {@code
 *       ronomon}</td><td>fastcdc-rs's {@code ronomon} vectors</td></tr>
 *   <tr><td>{@code gear}</td><td>plain Gear CDC (Ddelta, Xia et al. 2014): one mask on the top bits,
 *       FastCDC's table, seedable</td><td>the gear hash of the papers above</td>
 *       <td>our own golden vectors</td></tr>
 *   <tr><td>{@code rabin}</td><td>Rabin fingerprint over 64 bytes, any irreducible polynomial of
 *       degree 53</td><td>restic's chunker ({@code restic/chunker})</td><td>restic's published
 *       vectors (length and SHA-256 of every chunk of 32 MiB of Go {@code math/rand} data, two mask
 *       sizes, and zeros), and our own golden vectors</td></tr>
 *   <tr><td>{@code buzhash}</td><td>cyclic polynomial over a window, borg's table XOR a 32-bit
 *       seed</td><td>borg's {@code _chunker.c}, with the window moved to end at the cut</td>
 *       <td>our own golden vectors</td></tr>
 * </table>
 *
 * <p>What each chunker does exactly, what differs from the implementation it follows and why, and
 * its limits (public constants, checked always) are on its provider class.
 *
 * <h2>Cut points are a contract</h2>
 *
 * <p>Reports and stored results depend on cut points, so they never change under a name: the
 * FastCDC names carry the version of the algorithm ({@code fastcdc2016}, {@code fastcdc2020}), and a
 * change of output would come under a new name and be called out in the changelog. Golden vectors
 * ((offset, length, SHA-256) rows for seeded pseudo-random data, zeros, input shorter than the
 * minimum and averages that are not powers of two) pin every chunker in the tests.
 *
 * <h2>Chunk sizes</h2>
 *
 * <p>Every chunker takes {@code min}, {@code avg} and {@code max}; {@code min <= avg <= max} is
 * required. An {@code avg} that is not a power of two is allowed and rounded to the nearest power of
 * two for the masks, as fastcdc-rs's {@code logarithm2} does ({@code round(log2(avg))}: 12288 uses
 * the 16 KiB mask, 1100 the 1 KiB one). The FastCDC variants normalize chunk sizes around {@code
 * avg}; {@code gear}, {@code rabin} and {@code buzhash} skip {@code min} bytes and then cut with one
 * mask, so their mean chunk is about {@code min + avg} (capped by {@code max}), as with restic and
 * borg.
 *
 * <h2>What a cut depends on</h2>
 *
 * <p>Every chunker restarts its rolling hash at the chunk start, so a cut depends only on the bytes
 * from the chunk start onwards and never on earlier ones; one sequential pass, a pass resumed at any
 * cut and the engine's parallel windows give the same cuts. {@code ronomon}, {@code gear}, {@code
 * rabin} and {@code buzhash} read only the chunk's own bytes. {@code fastcdc2016} and {@code
 * fastcdc2020}, like fastcdc-rs, end a chunk <em>before</em> the byte whose hash matched, so they
 * also read that one byte after the cut (always inside the view the engine passes). None reads
 * outside {@code [from, to)} or beyond {@code from + max}.
 *
 * <p>The instances are immutable and thread-safe; their tables are built once per instance and
 * shared by every thread. {@code nextCut} allocates nothing; it indexes the array of heap buffers
 * directly and reads direct and mapped buffers with absolute gets.
 */
package org.dedup4j.chunkers;
