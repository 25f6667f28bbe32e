package org.dedup4j.hashers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dedup4j.Hashers;
import org.dedup4j.spi.Hasher;
import org.dedup4j.spi.HasherProvider;
import org.junit.jupiter.api.Test;

/** Every hasher of this module is registered both ways and resolves by name. */
class HasherProvidersTest {

  private static final Map<String, Class<? extends HasherProvider>> PROVIDERS =
      Map.of(
          "sha1", Sha1HasherProvider.class,
          "md5", Md5HasherProvider.class,
          Xxh64HasherProvider.NAME, Xxh64HasherProvider.class,
          Xxh3_64HasherProvider.NAME, Xxh3_64HasherProvider.class,
          Xxh3_128HasherProvider.NAME, Xxh3_128HasherProvider.class);

  @Test
  void servicesFileAndModuleDescriptorListEveryProvider() throws Exception {
    Set<String> expected =
        PROVIDERS.values().stream()
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    String services;
    try (InputStream in =
        HasherProvider.class
            .getClassLoader()
            .getResourceAsStream("META-INF/services/" + HasherProvider.class.getName())) {
      assertNotNull(in, "META-INF/services file");
      services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> listed =
        Arrays.stream(services.split("\n"))
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, listed, "META-INF/services/org.dedup4j.spi.HasherProvider");

    ModuleDescriptor descriptor;
    // target/classes (or the module's jar): the class path holds other modules' descriptors too
    Path classes =
        Path.of(
            Sha1HasherProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertEquals("org.dedup4j.hashers", descriptor.name());
    Set<String> provided =
        descriptor.provides().stream()
            .filter(p -> p.service().equals(HasherProvider.class.getName()))
            .flatMap(p -> p.providers().stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, provided, "provides in module-info.java");
  }

  @Test
  void providersAreFinalWithAPublicNoArgConstructor() throws Exception {
    for (Class<? extends HasherProvider> type : PROVIDERS.values()) {
      assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
      assertTrue(Modifier.isPublic(type.getModifiers()), type + " is public");
      assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " constructor");
    }
  }

  @Test
  void everyNameResolvesToItsHasher() throws Exception {
    List<String> found = Hashers.providers().stream().map(HasherProvider::name).toList();
    for (Map.Entry<String, Class<? extends HasherProvider>> e : PROVIDERS.entrySet()) {
      String name = e.getKey();
      assertTrue(found.contains(name), name + " is found; found: " + found);
      HasherProvider provider = e.getValue().getConstructor().newInstance();
      assertEquals(name, provider.name());
      assertTrue(provider.options().isEmpty(), name + " takes no options");
      assertTrue(!provider.description().isBlank(), name + " has a description");
      Hasher hasher = Hashers.fromSpec(name);
      assertEquals(name, hasher.spec());
      assertSame(
          hasher.getClass(), Hashers.fromSpec(name.toUpperCase(Locale.ROOT)).getClass(), name);
    }
    assertEquals(List.of(), Hashers.problems(), "problems loading plugins");
  }

  @Test
  void widths() {
    assertEquals(64, Hashers.fromSpec("xxh64").fingerprintBits());
    assertEquals(64, Hashers.fromSpec("xxh3-64").fingerprintBits());
    assertEquals(128, Hashers.fromSpec("xxh3-128").fingerprintBits());
    assertEquals(128, Hashers.fromSpec("xxh3-128").digestBits());
    assertEquals(160, Hashers.fromSpec("sha1").digestBits());
    assertEquals(128, Hashers.fromSpec("md5").fingerprintBits());
  }
}
