package org.dedup4j.hashers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dedup4j.spi.Digester;
import org.dedup4j.spi.Hasher;
import org.junit.jupiter.api.Test;

/**
 * {@code xxh64} chooses an lz4-java implementation quietly, and still works when lz4-java is not
 * there at all: then hash4j computes every fingerprint and no {@code LinkageError} escapes.
 */
class Xxh64FallbackTest {

  @Test
  void usesLz4JavaWhenItIsThere() {
    String impl = Xxh64Hasher.implementation();
    assertTrue(impl.startsWith("lz4-java XXHashFactory:"), impl);
  }

  @Test
  void fallsBackToHash4jWithoutLz4Java() throws Exception {
    List<URL> urls = new ArrayList<>();
    boolean dropped = false;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (new File(entry).getName().startsWith("lz4-java")) {
        dropped = true;
        continue;
      }
      urls.add(new File(entry).toURI().toURL());
    }
    assertTrue(dropped, "lz4-java is on the test class path");
    ClassLoader parent = ClassLoader.getPlatformClassLoader();
    try (URLClassLoader noLz4 = new URLClassLoader(urls.toArray(new URL[0]), parent)) {
      Class<?> hasherClass = Class.forName(Xxh64Hasher.class.getName(), true, noLz4);
      Method implementation = hasherClass.getDeclaredMethod("implementation");
      implementation.setAccessible(true);
      assertEquals("hash4j", implementation.invoke(null));

      // Through the provider and the core's SPI types as that class loader sees them.
      Class<?> provider = Class.forName(Xxh64HasherProvider.class.getName(), true, noLz4);
      Object hasher =
          provider
              .getMethod("create", optionsClass(noLz4))
              .invoke(provider.getConstructor().newInstance(), (Object) null);
      Class<?> hasherType = Class.forName(Hasher.class.getName(), false, noLz4);
      Object digester = hasherType.getMethod("newDigester").invoke(hasher);
      Class<?> digesterType = Class.forName(Digester.class.getName(), false, noLz4);
      byte[] sanity = SanityBuffer.bytes(222);
      long[] fp = {-1, -1};
      digesterType
          .getMethod("digest", byte[].class, int.class, int.class, long[].class)
          .invoke(digester, sanity, 0, 222, fp);
      assertArrayEquals(new long[] {0xB641AE8CB691C174L, 0L}, fp, "array");
      ByteBuffer direct = ByteBuffer.allocateDirect(222).put(sanity).clear();
      fp = new long[] {-1, -1};
      digesterType
          .getMethod("digest", ByteBuffer.class, int.class, int.class, long[].class)
          .invoke(digester, direct, 0, 222, fp);
      assertArrayEquals(new long[] {0xB641AE8CB691C174L, 0L}, fp, "direct buffer");
    }
  }

  private static Class<?> optionsClass(ClassLoader loader) throws ClassNotFoundException {
    return Class.forName("org.dedup4j.spi.Options", false, loader);
  }

  @Test
  void isA64BitHasher() {
    Hasher h = Xxh64Hasher.INSTANCE;
    assertEquals("xxh64", h.spec());
    assertEquals(64, h.digestBits());
    assertEquals(64, h.fingerprintBits());
  }
}
