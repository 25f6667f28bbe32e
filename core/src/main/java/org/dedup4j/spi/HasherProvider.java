package org.dedup4j.spi;

/**
 * Service interface for hasher plugins, found by {@link java.util.ServiceLoader}. See {@link
 * PluginProvider} for naming and registration.
 *
 * <pre>{@code
 * public final class Xxh64Provider implements HasherProvider {
 *   public String name() { return "xxh64"; }
 *   public String description() { return "XXH64 (lz4-java)"; }
 *   public List<OptionInfo> options() { return List.of(); }
 *   public Hasher create(Options o) { return new Xxh64Hasher(); }
 * }
 * }</pre>
 */
public interface HasherProvider extends PluginProvider<Hasher> {}
