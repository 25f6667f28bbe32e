package org.dedup4j.spi;

/**
 * Service interface for target plugins (storage system models), found by {@link
 * java.util.ServiceLoader} like chunkers, hashers and codecs: see {@link PluginProvider} for naming
 * and registration ({@code META-INF/services/org.dedup4j.spi.TargetProvider}, or {@code provides}
 * in a module).
 *
 * <pre>{@code
 * public final class MyArrayProvider implements TargetProvider {
 *   public MyArrayProvider() {}
 *   public String name() { return "my-array"; }
 *   public String description() { return "My Array 9000: 8 KiB blocks, LZ4, 1 KiB buckets"; }
 *   public List<OptionInfo> options() { return List.of(); }
 *   public Target create(Options o) { return new MyArray(); }
 * }
 * }</pre>
 */
public interface TargetProvider extends PluginProvider<Target> {}
