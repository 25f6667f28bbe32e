package org.dedup4j.spi;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A hasher backed by a JDK {@link MessageDigest} ({@code SHA-256}, {@code SHA-1}, {@code MD5}, or
 * any other the platform provides): the building block of the built-in {@code sha256} and of the
 * {@code sha1}/{@code md5} plugins, public so that plugin authors can wrap other JCA digests.
 *
 * <pre>{@code
 * Hasher sha512 = new MessageDigestHasher("SHA-512", "sha512");
 * }</pre>
 *
 * <p>Each digester owns one {@code MessageDigest} (the JDK's SHA-256 uses the CPU's SHA instructions
 * where present) and a scratch array for buffers without a backing array, so digesting allocates
 * nothing. Immutable and thread-safe; digesters are per thread.
 */
public final class MessageDigestHasher implements Hasher {

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int SCRATCH = 16 * 1024;

  private final String algorithm;
  private final String spec;
  private final int digestBits;

  /**
   * Wraps a JDK digest algorithm.
   *
   * @param algorithm the JCA name, e.g. {@code SHA-256}
   * @param spec the plugin spec reports show, e.g. {@code sha256}
   * @throws IllegalArgumentException if the platform lacks the algorithm or its digest is shorter
   *     than 64 bits
   */
  public MessageDigestHasher(String algorithm, String spec) {
    this.algorithm = algorithm;
    this.spec = spec;
    MessageDigest md = newDigest(algorithm);
    this.digestBits = md.getDigestLength() * 8;
    checkArgument(digestBits >= 64, "%s digests are only %s bits", algorithm, digestBits);
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("this JDK has no " + algorithm + " digest", e);
    }
  }

  @Override
  public String spec() {
    return spec;
  }

  @Override
  public int digestBits() {
    return digestBits;
  }

  @Override
  public Digester newDigester() {
    return new JdkDigester(newDigest(algorithm), fingerprintBits());
  }

  @Override
  public String toString() {
    return spec;
  }

  private static final class JdkDigester implements Digester {
    private final MessageDigest md;
    private final byte[] out;
    private final boolean wide;
    private final byte[] scratch = new byte[SCRATCH];

    JdkDigester(MessageDigest md, int fingerprintBits) {
      this.md = md;
      this.out = new byte[md.getDigestLength()];
      this.wide = fingerprintBits > 64;
    }

    @Override
    public void digest(ByteBuffer data, int offset, int length, long[] fingerprint) {
      if (data.hasArray()) {
        md.update(data.array(), data.arrayOffset() + offset, length);
      } else {
        // Direct and mapped buffers: copy through a reused array (MessageDigest would otherwise
        // need a fresh slice of the buffer per chunk).
        for (int done = 0; done < length; ) {
          int n = Math.min(SCRATCH, length - done);
          data.get(offset + done, scratch, 0, n);
          md.update(scratch, 0, n);
          done += n;
        }
      }
      finish(fingerprint);
    }

    @Override
    public void digest(byte[] data, int offset, int length, long[] fingerprint) {
      md.update(data, offset, length);
      finish(fingerprint);
    }

    private void finish(long[] fingerprint) {
      try {
        md.digest(out, 0, out.length);
      } catch (DigestException e) {
        throw new IllegalStateException(e); // cannot happen: out has the digest's length
      }
      fingerprint[0] = (long) LONG_BE.get(out, 0);
      fingerprint[1] = wide ? (long) LONG_BE.get(out, 8) : 0L;
    }
  }
}
